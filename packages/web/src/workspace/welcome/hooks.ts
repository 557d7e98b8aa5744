import type { WelcomeMessageDto, WelcomeMessageInput } from '@rapport/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSessionApi } from '../../common/session';

export const welcomeKeys = {
  mine: ['work', 'welcome', 'mine'] as const,
  enterprise: ['work', 'welcome', 'enterprise'] as const,
};

/** My own welcome message (sent when the contact way has none). */
export function useMyWelcome() {
  const call = useSessionApi('member');
  return useQuery({ queryKey: welcomeKeys.mine, queryFn: () => call<WelcomeMessageDto>('GET', '/members/me/welcome-message') });
}

export function useSaveMyWelcome() {
  const call = useSessionApi('member');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WelcomeMessageInput) => call<WelcomeMessageDto>('PUT', '/members/me/welcome-message', body),
    onSuccess: (welcome) => client.setQueryData(welcomeKeys.mine, welcome),
  });
}

/** The enterprise default, readable by admins only: members are told about it instead. */
export function useEnterpriseWelcome(admin: boolean) {
  const call = useSessionApi('member');
  return useQuery({
    queryKey: welcomeKeys.enterprise,
    queryFn: () => call<WelcomeMessageDto>('GET', '/enterprise/welcome-message'),
    enabled: admin,
  });
}
