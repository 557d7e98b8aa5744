import { type CustomerDto, type CustomerPageDto, LIMITS } from '@rapport/shared';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, query } from '../../common/api';

/** The server-side filters of the enterprise customer list (GET /enterprise-customers). */
export interface CustomerFilters {
  q?: string;
  memberId?: string;
  status?: CustomerDto['status'];
  /** Customers carrying every one of these enterprise tags. */
  tagIds: string[];
  contactWayId?: string;
}

export const CUSTOMER_PAGE_SIZE = 100;

const listPath = (filters: CustomerFilters, cursor: string | undefined, limit: number) =>
  `/enterprise-customers${query({ ...filters, cursor, limit })}`;

/** Every customer relationship of the enterprise matching the filters, in pages; the previous rows stay while new filters load. */
export function useEnterpriseCustomers(filters: CustomerFilters) {
  return useInfiniteQuery({
    queryKey: ['admin', 'customers', filters],
    queryFn: ({ pageParam }) => api<CustomerPageDto>('GET', listPath(filters, pageParam, CUSTOMER_PAGE_SIZE)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Every customer matching the filters (the CSV export), in pages of the largest size the API allows. */
export async function fetchAllCustomers(filters: CustomerFilters): Promise<CustomerDto[]> {
  const rows: CustomerDto[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<CustomerPageDto>('GET', listPath(filters, cursor, LIMITS.pageSize));
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}
