import type { CustomerDto, CustomerPageDto } from '@rapport/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, query } from '../../common/api';

export interface CustomerFilters {
  memberId?: string;
  status?: CustomerDto['status'];
}

export const CUSTOMER_PAGE_SIZE = 100;

/** Every customer relationship of the enterprise, filtered by member and status, in pages. */
export function useEnterpriseCustomers(filters: CustomerFilters) {
  return useInfiniteQuery({
    queryKey: ['admin', 'customers', filters],
    queryFn: ({ pageParam }) =>
      api<CustomerPageDto>('GET', `/enterprise-customers${query({ ...filters, cursor: pageParam, limit: CUSTOMER_PAGE_SIZE })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
