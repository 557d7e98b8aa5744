import { type PrincipalKindT, parseServerMessage, REALTIME_PATH, type ServerFrame } from '@rapport/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

export type RealtimeStatus = 'connecting' | 'online' | 'offline';
type EventFrame = Extract<ServerFrame, { t: 'event' }>;
type Listener = (event: EventFrame) => void;

/**
 * One WebSocket per principal kind. Reconnects with capped back-off, resumes with
 * `sync after <last seq>` so nothing is missed across tunnels and sleeps, and hands each event
 * to listeners exactly once, in seq order.
 */
export class RealtimeClient {
  private socket?: WebSocket;
  private lastSeq: number;
  private attempts = 0;
  private closed = false;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<(s: RealtimeStatus) => void>();
  status: RealtimeStatus = 'connecting';

  constructor(
    private readonly kind: PrincipalKindT,
    private readonly principalId: string,
  ) {
    this.lastSeq = Number(localStorage.getItem(this.storageKey) ?? 0);
  }

  private get storageKey() {
    return `rapport.seq.${this.kind}.${this.principalId}`;
  }

  start() {
    this.closed = false;
    this.connect();
    window.addEventListener('online', this.reconnectNow);
  }

  stop() {
    this.closed = true;
    clearTimeout(this.timer);
    window.removeEventListener('online', this.reconnectNow);
    this.socket?.close(1000);
  }

  onEvent(listener: Listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (s: RealtimeStatus) => void) {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(status: RealtimeStatus) {
    this.status = status;
    for (const l of this.statusListeners) l(status);
  }

  private readonly reconnectNow = () => {
    if (this.socket?.readyState === WebSocket.OPEN) return;
    clearTimeout(this.timer);
    this.connect();
  };

  private connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // `after` resumes at once: the server replays what this device missed before going live.
    const socket = new WebSocket(`${scheme}://${location.host}${REALTIME_PATH}?as=${this.kind}&after=${this.lastSeq}`);
    this.socket = socket;
    this.setStatus('connecting');
    socket.onmessage = (message) => {
      for (const frame of parseServerMessage(String(message.data))) this.handle(socket, frame);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.setStatus('offline');
      // 4001 = session revoked, 4401 = unauthenticated: signing in again is the only cure.
      if (this.closed || event.code === 4001 || event.code === 4401) return;
      const delay = Math.min(30_000, 500 * 2 ** this.attempts++) * (0.5 + Math.random() / 2);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  private handle(socket: WebSocket, frame: ServerFrame) {
    if (frame.t === 'hello') {
      this.attempts = 0;
      this.setStatus('online');
      if (frame.seq < this.lastSeq) {
        // The server's stream is behind this device (a reset database): start over from it.
        this.lastSeq = 0;
        socket.send(JSON.stringify({ t: 'sync', after: 0 }));
      }
    } else if (frame.t === 'event') {
      if (frame.seq <= this.lastSeq) return;
      // Apply strictly in order; a gap means something is still on its way, so ask for it.
      if (frame.seq > this.lastSeq + 1) {
        socket.send(JSON.stringify({ t: 'sync', after: this.lastSeq }));
        return;
      }
      this.lastSeq = frame.seq;
      localStorage.setItem(this.storageKey, String(frame.seq));
      for (const l of this.listeners) l(frame);
    } else if (frame.t === 'synced' && frame.more) {
      socket.send(JSON.stringify({ t: 'sync', after: this.lastSeq }));
    }
  }
}

const clients = new Map<string, RealtimeClient>();

/**
 * Keeps a live connection for the signed-in principal and lets `onEvent` update the query
 * cache the same way a fetch would. Returns the connection status for an indicator.
 */
export function useRealtime(kind: PrincipalKindT, principalId: string | undefined, onEvent?: Listener): RealtimeStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RealtimeStatus>('connecting');
  useEffect(() => {
    if (!principalId) return;
    const key = `${kind}:${principalId}`;
    let client = clients.get(key);
    if (!client) {
      client = new RealtimeClient(kind, principalId);
      clients.set(key, client);
      client.start();
    }
    setStatus(client.status);
    const offStatus = client.onStatus(setStatus);
    const offEvent = client.onEvent((event) => {
      onEvent?.(event);
      void queryClient.invalidateQueries({ queryKey: [event.type.split('.')[0]] });
    });
    return () => {
      offStatus();
      offEvent();
    };
  }, [kind, principalId, onEvent, queryClient]);
  return status;
}

/** Closes a principal's connection (on sign-out). */
export function stopRealtime(kind: PrincipalKindT, principalId: string) {
  const key = `${kind}:${principalId}`;
  clients.get(key)?.stop();
  clients.delete(key);
}
