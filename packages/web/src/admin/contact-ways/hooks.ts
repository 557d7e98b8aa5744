import type { ContactWayDto, ContactWayPageDto, ContactWaySummaryDto, CreateContactWayInput, UpdateContactWayInput } from '@rapport/shared';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, query } from '../../common/api';

const all = ['admin', 'contact-ways'] as const;
export const CONTACT_WAY_PAGE_SIZE = 100;
/** Ways offered at once in a contact-way picker; the search narrows them on the server. */
const PICKER_SIZE = 50;

/** The server-side filters of the contact way list (GET /contact-ways). */
export interface ContactWayFilters {
  q?: string;
  memberId?: string;
  type?: ContactWayDto['type'];
}

/** The contact ways matching the filters, newest first, in pages; the previous rows stay while new filters load. */
export function useContactWays(filters: ContactWayFilters) {
  return useInfiniteQuery({
    queryKey: [...all, 'list', filters],
    queryFn: ({ pageParam }) =>
      api<ContactWayPageDto>('GET', `/contact-ways${query({ ...filters, cursor: pageParam, limit: CONTACT_WAY_PAGE_SIZE })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Totals over every way matching the filters, however many pages of them are loaded. */
export function useContactWaySummary(filters: ContactWayFilters) {
  return useQuery({
    queryKey: [...all, 'summary', filters],
    queryFn: () => api<ContactWaySummaryDto>('GET', `/contact-ways/summary${query({ ...filters })}`),
    placeholderData: keepPreviousData,
  });
}

/** The first ways matching a search, for a picker. */
export function useContactWayOptions(q: string | undefined) {
  return useQuery({
    queryKey: [...all, 'options', q ?? ''],
    queryFn: async () => (await api<ContactWayPageDto>('GET', `/contact-ways${query({ q, limit: PICKER_SIZE })}`)).data,
    placeholderData: keepPreviousData,
  });
}

/** One contact way (a picker's selected value that the first options do not hold). */
export function useContactWay(id: string | undefined) {
  return useQuery({
    queryKey: [...all, 'one', id ?? ''],
    queryFn: () => api<ContactWayDto>('GET', `/contact-ways/${id}`),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useSaveContactWay() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; patch: UpdateContactWayInput } | { id?: undefined; body: CreateContactWayInput }) =>
      'patch' in input
        ? api<ContactWayDto>('PATCH', `/contact-ways/${input.id}`, input.patch)
        : api<ContactWayDto>('POST', '/contact-ways', input.body),
    onSettled: () => void client.invalidateQueries({ queryKey: all }),
  });
}

export function useDeleteContactWay() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<unknown>('DELETE', `/contact-ways/${id}`),
    onSettled: () => void client.invalidateQueries({ queryKey: all }),
  });
}

export const qrUrl = (id: string, format: 'png' | 'svg') => `/api/v1/contact-ways/${id}/qr.${format}`;

/** `value` once it has stopped changing for `ms`: a search box asks the server after typing pauses, not per key. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
