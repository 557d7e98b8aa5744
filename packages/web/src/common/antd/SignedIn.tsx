import type { PrincipalKindT, SessionInfoDto } from '@rapport/shared';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../session';
import { FullPageSpinner } from '../ui/FullPageSpinner';
import { ErrorState } from './states';
import { useSessionGuard } from './useSessionGuard';

/** A session known to hold its principal (`member` or `operator`). */
export type SignedInSession<K extends PrincipalKindT> = SessionInfoDto & Required<Pick<SessionInfoDto, K>>;

/**
 * The part of a console behind sign-in: a spinner while the session loads, the error with a retry,
 * or the console's sign-in page (which returns here afterwards); else `children` with the session.
 * A 401 on any later request (the session ended elsewhere) brings the sign-in page back.
 */
export function SignedIn<K extends Exclude<PrincipalKindT, 'consumer'>>({
  kind,
  signInPath,
  children,
}: {
  kind: K;
  signInPath: string;
  children: (session: SignedInSession<K>) => ReactNode;
}) {
  const session = useSession(kind);
  useSessionGuard(kind);
  const location = useLocation();
  if (session.isPending) return <FullPageSpinner />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const info = session.data;
  if (!info?.[kind]) return <Navigate to={signInPath} replace state={{ from: location.pathname + location.search }} />;
  return children(info as SignedInSession<K>);
}

/** Where a console's sign-in page goes once signed in: the page `SignedIn` sent the user away from, else `home`. */
export function useReturnPath(home: string) {
  const location = useLocation();
  return (location.state as { from?: string } | null)?.from ?? home;
}
