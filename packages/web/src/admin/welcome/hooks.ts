import type { WelcomeMessageDto, WelcomeMessageInput } from '@rapport/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../common/api';

const key = ['admin', 'welcome'] as const;

/** The enterprise default welcome message. */
export function useEnterpriseWelcome() {
  return useQuery({ queryKey: key, queryFn: () => api<WelcomeMessageDto>('GET', '/enterprise/welcome-message') });
}

export function useSaveEnterpriseWelcome() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WelcomeMessageInput) => api<WelcomeMessageDto>('PUT', '/enterprise/welcome-message', body),
    onSuccess: (welcome) => client.setQueryData(key, welcome),
  });
}
