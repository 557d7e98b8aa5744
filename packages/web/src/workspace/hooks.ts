import type { BusinessCardDto, DepartmentDto, EnterpriseDto, MemberDto } from '@rapport/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sessionKey, useSession, useSessionApi } from '../common/session';

/** Query keys start with the entity, so a realtime `card.updated` event invalidates ['card', …]. */
export const workKeys = {
  card: ['card', 'me'] as const,
  departments: ['department', 'list'] as const,
};

/** The body of PUT /members/me/card (UpdateCardBody): what a member may change on their own card. */
export type UpdateCardInput = Partial<Pick<BusinessCardDto, 'phone' | 'storeAddress' | 'photoUrl' | 'bio' | 'title' | 'customFields'>>;

/** The signed-in member and their enterprise (null when signed out). */
export function useMemberSession() {
  return useSession('member');
}

/** Every department of the enterprise (the org tree is small: names and parents only). */
export function useDepartments() {
  const call = useSessionApi('member');
  return useQuery({
    queryKey: workKeys.departments,
    queryFn: async () => (await call<{ data: DepartmentDto[] }>('GET', '/departments')).data,
    staleTime: 5 * 60_000,
  });
}

export function useMyCard() {
  const call = useSessionApi('member');
  return useQuery({ queryKey: workKeys.card, queryFn: () => call<BusinessCardDto>('GET', '/members/me/card') });
}

export function useUpdateMyCard() {
  const call = useSessionApi('member');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCardInput) => call<BusinessCardDto>('PUT', '/members/me/card', body),
    onSuccess: (card) => {
      client.setQueryData(workKeys.card, card);
      // The title lives on the member too; the greeting on Home shows it.
      void client.invalidateQueries({ queryKey: sessionKey('member') });
    },
  });
}

/** The three conditions under which a member may add and serve customers (PRODUCT.md §1). */
export function contactGate(member: MemberDto, enterprise: EnterpriseDto) {
  const conditions = {
    enterpriseVerified: enterprise.verification === 'verified',
    realNameVerified: member.realNameVerified,
    customerContact: member.customerContact,
  };
  return { conditions, ready: Object.values(conditions).every(Boolean) };
}
