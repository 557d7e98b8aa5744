import type { PrincipalKindT } from '@rapport/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../api';
import { sessionKey } from '../session';

/**
 * Sign out for the Workspace and Messenger. The session query is set to null in place (its
 * mounted observers see it at once and the surface falls back to its signed-out screens), then
 * the signed-in data is dropped. An already-ended session (401) counts as signed out; a network
 * failure leaves the user signed in and is reported.
 *
 * (common/session.ts's useSignOut calls queryClient.clear() first, which detaches mounted
 * observers from the cache: they keep showing the old session until something re-renders them.)
 */
export function useSignOutHere(kind: PrincipalKindT) {
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
