import type { PrincipalKindT, SessionInfoDto } from '@rapport/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './api';

export const sessionKey = (kind: PrincipalKindT) => ['session', kind] as const;

/**
 * The signed-in principal of a kind, or null when signed out. Other errors (network, 5xx)
 * surface as the query's error so screens can show an error state.
 */
export function useSession(kind: PrincipalKindT) {
  return useQuery({
    queryKey: sessionKey(kind),
    queryFn: async (): Promise<SessionInfoDto | null> => {
      try {
        return await api<SessionInfoDto>('GET', `/sessions/${kind}/current`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Sign-in / sign-up mutations store the returned session in the cache. */
export function useSignIn<TBody>(kind: PrincipalKindT, path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => api<SessionInfoDto>('POST', path, body),
    onSuccess: (info) => client.setQueryData(sessionKey(kind), info),
  });
}

export function useSignOut(kind: PrincipalKindT) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api('DELETE', `/sessions/${kind}/current`),
    onSettled: () => {
      client.clear();
      client.setQueryData(sessionKey(kind), null);
    },
  });
}

export function useChangePassword(kind: PrincipalKindT) {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api('PUT', `/passwords/${kind}`, body),
  });
}
