import type { PrincipalKindT, ServerFrame } from '@rapport/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { stopRealtime, useRealtime } from '../realtime';
import { sessionKey } from '../session';

type EventFrame = Extract<ServerFrame, { t: 'event' }>;

/** Events that change what the session query holds (the member, their enterprise, the consumer). */
const SESSION_EVENTS = /^(member|enterprise|consumer)\./;

/**
 * The live connection of a signed-in principal, as the Workspace and Messenger use it:
 * - events about the principal or their enterprise also refresh the session query;
 * - when the socket drops, the session is re-checked, so a revoked session (account disabled,
 *   signed out elsewhere) goes back to sign-in instead of "reconnecting" forever;
 * - `restart()` opens a fresh socket after this device's own session was rotated (a password
 *   change ends every session, this socket's included, and hands this device a new cookie);
 * - `onChatEvent` (stable, e.g. common/chat `useChatEvents`) sees every event too.
 */
export function useLiveConnection(kind: PrincipalKindT, principalId: string | undefined, onChatEvent?: (event: EventFrame) => void) {
  const queryClient = useQueryClient();
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation must give a new listener so useRealtime reconnects
  const onEvent = useCallback(
    (event: EventFrame) => {
      if (SESSION_EVENTS.test(event.type)) void queryClient.invalidateQueries({ queryKey: sessionKey(kind) });
      onChatEvent?.(event);
    },
    [queryClient, kind, generation, onChatEvent],
  );
  const status = useRealtime(kind, principalId, onEvent);

  useEffect(() => {
    if (status === 'offline') void queryClient.invalidateQueries({ queryKey: sessionKey(kind) });
  }, [status, queryClient, kind]);

  // Leaving the surface (or being signed out) closes the socket rather than leaving it retrying.
  useEffect(
    () => () => {
      if (principalId) stopRealtime(kind, principalId);
    },
    [kind, principalId],
  );

  const restart = useCallback(() => {
    if (!principalId) return;
    stopRealtime(kind, principalId);
    setGeneration((g) => g + 1);
  }, [kind, principalId]);

  return { status, restart };
}
