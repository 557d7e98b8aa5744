import { createContext, useContext, useSyncExternalStore } from 'react';
import type { RealtimeStatus } from '../common/realtime';

const DESKTOP_QUERY = '(min-width: 768px)';

/** Whether a media query matches, kept current. Synchronous, so there is no layout flash. */
function useMediaQuery(query: string) {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
  );
}

/** True on tablets and desktops; phones get the bottom tab bar. */
export const useIsDesktop = () => useMediaQuery(DESKTOP_QUERY);

/** Wide enough for three columns (the chat beside its list and the customer's profile). */
export const useIsWide = () => useMediaQuery('(min-width: 1200px)');

export const LiveContext = createContext<RealtimeStatus>('connecting');
/** The live connection's status, for the indicator on Home. */
export const useLiveStatus = () => useContext(LiveContext);

export const STATUS_COLOR: Record<RealtimeStatus, 'success' | 'processing' | 'error'> = {
  online: 'success',
  connecting: 'processing',
  offline: 'error',
};
