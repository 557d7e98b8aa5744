import type { PrincipalKindT } from '@rapport/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError } from '../api';
import { sessionKey } from '../session';

const signedOut = (error: unknown) => error instanceof ApiError && error.status === 401;

/**
 * When any request of the console answers 401 (the session ended: signed out elsewhere, password
 * changed, account disabled), forget the session so the console returns to its sign-in page
 * instead of showing "please sign in" errors on every card.
 */
export function useSessionGuard(kind: PrincipalKindT) {
  const client = useQueryClient();
  useEffect(() => {
    const forget = () => client.setQueryData(sessionKey(kind), null);
    const offQueries = client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && signedOut(event.action.error)) forget();
    });
    const offMutations = client.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && signedOut(event.action.error)) forget();
    });
    return () => {
      offQueries();
      offMutations();
    };
  }, [client, kind]);
}
