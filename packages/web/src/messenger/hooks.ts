import type { ConsumerDto, SessionInfoDto } from '@rapport/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, api } from '../common/api';
import { sessionKey, useSession } from '../common/session';

/** Keys start with the entity, so a realtime `consumer.updated` event refreshes ['consumer', …]. */
export const appKeys = {
  me: ['consumer', 'me'] as const,
};

/** The signed-in consumer (null when signed out). */
export function useConsumerSession() {
  return useSession('consumer');
}

/** Consumer API calls; a 401 means the session ended elsewhere, so the session is re-checked. */
function useConsumerApi() {
  const client = useQueryClient();
  return useCallback(
    async <T>(method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> => {
      try {
        return await api<T>(method, path, body);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) void client.invalidateQueries({ queryKey: sessionKey('consumer') });
        throw error;
      }
    },
    [client],
  );
}

/** My profile, shown at once from the session's copy while the fresh one loads. */
export function useMe(placeholder: ConsumerDto | undefined) {
  const call = useConsumerApi();
  return useQuery({ queryKey: appKeys.me, queryFn: () => call<ConsumerDto>('GET', '/consumers/me'), placeholderData: placeholder });
}

export function useUpdateProfile() {
  const call = useConsumerApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { nickname?: string; avatarUrl?: string | null }) => call<ConsumerDto>('PATCH', '/consumers/me', body),
    onSuccess: (consumer) => {
      client.setQueryData(appKeys.me, consumer);
      client.setQueryData<SessionInfoDto | null>(sessionKey('consumer'), (info) => (info ? { ...info, consumer } : info));
    },
  });
}

export interface SignUpInput {
  account?: string;
  phone?: string;
  nickname: string;
  password: string;
}
