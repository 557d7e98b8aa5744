import type {
  AvailableTagsDto,
  BulkTagCustomersInput,
  BulkTagResultDto,
  ConsumerCardDto,
  ContactWayRequestDto,
  CustomerDto,
  CustomerPageDto,
  CustomerRequestDto,
  CustomerRequestPageDto,
  CustomerStatusT,
  CustomerTagsDto,
  TagCustomerInput,
  TagDto,
  UpdateCustomerInput,
} from '@rapport/shared';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { query } from '../../common/api';
import { useSessionApi } from '../../common/session';

/**
 * Query keys start with the entity the server's user events name (`customer.added`, `customer.lost`,
 * `contact_way_request.received`, `tag…`), so the live connection refreshes them as a fetch would.
 * Sent requests sit under 'customer': an accepted request arrives as `customer.added`.
 */
export const customerKeys = {
  all: ['customer'] as const,
  list: (filter: CustomerFilter) => ['customer', 'list', filter] as const,
  one: (id: string) => ['customer', 'one', id] as const,
  sent: ['customer', 'requests'] as const,
  wayRequests: ['contact_way_request', 'list'] as const,
  tags: ['tag', 'available'] as const,
};

export interface CustomerFilter {
  q?: string;
  status?: CustomerStatusT;
  tagIds: string[];
}

const PAGE = 50;

const listPath = (filter: CustomerFilter, cursor?: string) => `/customers${query({ ...filter, cursor, limit: PAGE })}`;

/** My customers, newest first, a page at a time. */
export function useCustomers(filter: CustomerFilter) {
  const call = useSessionApi('member');
  return useInfiniteQuery({
    queryKey: customerKeys.list(filter),
    queryFn: ({ pageParam }) => call<CustomerPageDto>('GET', listPath(filter, pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One customer's profile (with tags and the CRM link). */
export function useCustomer(id: string | undefined) {
  const call = useSessionApi('member');
  return useQuery({
    queryKey: customerKeys.one(id ?? ''),
    queryFn: () => call<CustomerDto>('GET', `/customers/${id}`),
    enabled: Boolean(id),
  });
}

export function useUpdateCustomer(id: string) {
  const call = useSessionApi('member');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCustomerInput) => call<CustomerDto>('PATCH', `/customers/${id}`, body),
    onSuccess: (customer) => {
      // The PATCH answer has no tags or CRM link (profile-only fields): keep those we hold.
      client.setQueryData<CustomerDto>(customerKeys.one(id), (old) => ({ ...old, ...customer, tags: old?.tags, crmUrl: old?.crmUrl }));
      void client.invalidateQueries({ queryKey: ['customer', 'list'] });
    },
  });
}

/** Tag groups visible to me (department limits applied) and my personal tags. */
export function useAvailableTags() {
  const call = useSessionApi('member');
  return useQuery({
    queryKey: customerKeys.tags,
    queryFn: () => call<AvailableTagsDto>('GET', '/tags/available'),
    staleTime: 60_000,
  });
}

export function useCreatePersonalTag() {
  const call = useSessionApi('member');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call<TagDto>('POST', '/personal-tags', { name }),
    onSuccess: () => void client.invalidateQueries({ queryKey: customerKeys.tags }),
  });
}

export function useTagCustomer(id: string) {
  const call = useSessionApi('member');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TagCustomerInput) => call<CustomerTagsDto>('POST', `/customers/${id}/tags`, body),
    onSuccess: (result) => {
      client.setQueryData<CustomerDto>(customerKeys.one(id), (old) => (old ? { ...old, tags: result.tags } : old));
      void client.invalidateQueries({ queryKey: ['customer', 'list'] });
    },
  });
}

export function useBulkTag() {
  const call = useSessionApi('member');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkTagCustomersInput) => call<BulkTagResultDto>('POST', '/customers/tags', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

/** Find one consumer by exact phone number or account. */
export function useLookupConsumer() {
  const call = useSessionApi('member');
  return useMutation({
    mutationFn: (q: string) => call<ConsumerCardDto>('GET', `/consumers/lookup?q=${encodeURIComponent(q)}`),
  });
}

export function useSendCustomerRequest() {
  const call = useSessionApi('member');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { consumerId: string; message?: string; source: 'search_phone' | 'search_account' }) =>
      call<CustomerRequestDto>('POST', '/customer-requests', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: customerKeys.sent }),
  });
}

/** Requests I sent, newest first (the first page: the pending ones matter, older ones fade). */
export function useSentRequests() {
  const call = useSessionApi('member');
  return useQuery({
    queryKey: customerKeys.sent,
    queryFn: () => call<CustomerRequestPageDto>('GET', '/customer-requests?limit=50'),
  });
}

/** Consumers who asked through my contact ways without skipVerify. */
export function useWayRequests() {
  const call = useSessionApi('member');
  return useQuery({
    queryKey: customerKeys.wayRequests,
    queryFn: async () => (await call<{ data: ContactWayRequestDto[] }>('GET', '/contact-way-requests')).data,
  });
}

export function useAcceptWayRequest() {
  const call = useSessionApi('member');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call<{ customerId: string }>('POST', `/contact-way-requests/${id}/accept`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: customerKeys.wayRequests });
      void client.invalidateQueries({ queryKey: customerKeys.all });
    },
  });
}

export function useDeclineWayRequest() {
  const call = useSessionApi('member');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('POST', `/contact-way-requests/${id}/decline`),
    onSuccess: () => void client.invalidateQueries({ queryKey: customerKeys.wayRequests }),
  });
}
