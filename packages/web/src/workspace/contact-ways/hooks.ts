import type { ContactWayDto, ContactWayPageDto, CreateContactWayInput } from '@rapport/shared';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useSessionApi } from '../../common/session';

/**
 * Under 'customer': a way's adds change when a customer is added through it, and `customer.added`
 * is the user event the member receives, so the counts refresh live.
 */
export const wayKeys = { mine: ['customer', 'contactWays'] as const };

/** The contact ways I created, newest first, with their adds. */
export function useMyContactWays() {
  const call = useSessionApi('member');
  return useInfiniteQuery({
    queryKey: wayKeys.mine,
    queryFn: ({ pageParam }) =>
      call<ContactWayPageDto>('GET', `/contact-ways/mine?limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** What a member sets on their own single way (its one member is always themselves). */
export type WayInput = Omit<CreateContactWayInput, 'type' | 'memberIds' | 'schedules'>;

export function useSaveContactWay(id: string | undefined) {
  const call = useSessionApi('member');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WayInput) =>
      id
        ? call<ContactWayDto>('PATCH', `/contact-ways/${id}`, body)
        : call<ContactWayDto>('POST', '/contact-ways', { ...body, type: 'single' } satisfies CreateContactWayInput),
    onSuccess: () => void client.invalidateQueries({ queryKey: wayKeys.mine }),
  });
}

export function useDeleteContactWay() {
  const call = useSessionApi('member');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('DELETE', `/contact-ways/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: wayKeys.mine }),
  });
}
