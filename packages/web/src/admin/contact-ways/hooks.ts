import type { ContactWayDto, ContactWayPageDto, CreateContactWayInput, UpdateContactWayInput } from '@rapport/shared';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../common/api';

const all = ['admin', 'contact-ways'] as const;
export const CONTACT_WAY_PAGE_SIZE = 100;

/** Every contact way of the enterprise, newest first, in pages. */
export function useContactWays() {
  return useInfiniteQuery({
    queryKey: all,
    queryFn: ({ pageParam }) => api<ContactWayPageDto>('GET', `/contact-ways${query({ cursor: pageParam, limit: CONTACT_WAY_PAGE_SIZE })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
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
