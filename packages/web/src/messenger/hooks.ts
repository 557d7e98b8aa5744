import type { ConsumerDto, SessionInfoDto } from '@rapport/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sessionKey, useSession, useSessionApi } from '../common/session';

/** Keys start with the entity, so a realtime `consumer.updated` event refreshes ['consumer', …]. */
export const appKeys = {
  me: ['consumer', 'me'] as const,
};

/** The signed-in consumer (null when signed out). */
export function useConsumerSession() {
  return useSession('consumer');
}

/** My profile, shown at once from the session's copy while the fresh one loads. */
export function useMe(placeholder: ConsumerDto | undefined) {
  const call = useSessionApi('consumer');
  return useQuery({ queryKey: appKeys.me, queryFn: () => call<ConsumerDto>('GET', '/consumers/me'), placeholderData: placeholder });
}

export function useUpdateProfile() {
  const call = useSessionApi('consumer');
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
