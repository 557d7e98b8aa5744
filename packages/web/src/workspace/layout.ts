import { createContext, useContext, useSyncExternalStore } from 'react';
import type { RealtimeStatus } from '../common/realtime';

const DESKTOP_QUERY = '(min-width: 768px)';

/** True on tablets and desktops; phones get the bottom tab bar. Synchronous, so there is no layout flash. */
export function useIsDesktop() {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(DESKTOP_QUERY);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(DESKTOP_QUERY).matches,
  );
}

export const LiveContext = createContext<RealtimeStatus>('connecting');
/** The live connection's status, for the indicator on Home. */
export const useLiveStatus = () => useContext(LiveContext);

export const STATUS_COLOR: Record<RealtimeStatus, 'success' | 'processing' | 'error'> = {
  online: 'success',
  connecting: 'processing',
  offline: 'error',
};
