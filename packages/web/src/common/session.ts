import type { PrincipalKindT, SessionInfoDto } from '@rapport/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, api } from './api';

export const sessionKey = (kind: PrincipalKindT) => ['session', kind] as const;

/**
 * `api` for the calls of a signed-in kind: a 401 means the session ended (disabled, signed out
 * elsewhere), so the session is re-checked and the surface falls back to its sign-in.
 */
export function useSessionApi(kind: PrincipalKindT) {
  const client = useQueryClient();
  return useCallback(
    async <T>(method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> => {
      try {
        return await api<T>(method, path, body);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) void client.invalidateQueries({ queryKey: sessionKey(kind) });
        throw error;
      }
    },
    [client, kind],
  );
}

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

/**
 * Signs out. The session query is set to null in place (mounted observers see it at once and the
 * surface falls back to its signed-out screens), then the signed-in data is dropped. An already
 * ended session (401) counts as signed out; a network failure leaves the user signed in.
 */
export function useSignOut(kind: PrincipalKindT) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api('DELETE', `/sessions/${kind}/current`);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: () => {
      client.setQueryData(sessionKey(kind), null);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
    },
  });
}

export function useChangePassword(kind: PrincipalKindT) {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api('PUT', `/passwords/${kind}`, body),
  });
}
