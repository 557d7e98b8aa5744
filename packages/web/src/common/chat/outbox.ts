import type { ChatMe, OutboxEntry } from './merge';

type Listener = () => void;
const EMPTY: readonly OutboxEntry[] = Object.freeze([]);

/** Waiting messages older than this are not resent after a reload (the moment has passed). */
const KEEP_MS = 7 * 24 * 60 * 60 * 1000;

/** The part of an error worth keeping across a reload: what the UI translates. */
const plainError = (error: unknown) => {
  const e = error as { status?: unknown; code?: unknown; message?: unknown } | undefined;
  return e && typeof e.code === 'string' ? { status: Number(e.status ?? 0), code: e.code, message: String(e.message ?? '') } : undefined;
};

/**
 * Messages this device sent that the server has not stored yet (pending) or refused (failed), per
 * signed-in principal. Kept outside the query cache so a refetch never drops a bubble the user
 * typed, and in localStorage so a reload (a tunnel, a closed tab) resends them with the same
 * clientId; an entry leaves once the stored copy (same clientId) is in the conversation.
 */
export class Outbox {
  private readonly entries = new Map<string, readonly OutboxEntry[]>();
  private readonly loaded = new Set<string>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined) {}

  private prefix(me: ChatMe) {
    return `${me.as}:${me.id}:`;
  }

  private storageKey(me: ChatMe) {
    return `rapport.outbox.${me.as}.${me.id}`;
  }

  /** Loads a principal's saved entries once: what was in flight counts as failed on the network, so it is resent. */
  private ensure(me: ChatMe) {
    const prefix = this.prefix(me);
    if (this.loaded.has(prefix)) return;
    this.loaded.add(prefix);
    let saved: OutboxEntry[] = [];
    try {
      saved = JSON.parse(this.storage?.getItem(this.storageKey(me)) ?? '[]') as OutboxEntry[];
    } catch {
      saved = [];
    }
    const now = Date.now();
    for (const entry of Array.isArray(saved) ? saved : []) {
      if (!entry?.clientId || !entry.conversationId || now - entry.createdAt > KEEP_MS) continue;
      const restored: OutboxEntry = entry.state === 'pending' ? { ...entry, state: 'failed', retryable: true } : entry;
      const key = prefix + entry.conversationId;
      this.entries.set(key, [...(this.entries.get(key) ?? []), restored]);
    }
  }

  private save(me: ChatMe) {
    if (!this.storage) return;
    const all = this.all(me).map((e) => ({ ...e, error: plainError(e.error) }));
    try {
      if (all.length) this.storage.setItem(this.storageKey(me), JSON.stringify(all));
      else this.storage.removeItem(this.storageKey(me));
    } catch {
      // A full or blocked storage only costs the resend after a reload.
    }
  }

  subscribe = (listener: Listener) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private emit() {
    for (const l of this.listeners) l();
  }

  list(me: ChatMe, conversationId: string): readonly OutboxEntry[] {
    this.ensure(me);
    return this.entries.get(this.prefix(me) + conversationId) ?? EMPTY;
  }

  /** Every entry of a principal (to resend after a reconnect). */
  all(me: ChatMe): OutboxEntry[] {
    this.ensure(me);
    const prefix = this.prefix(me);
    return [...this.entries].filter(([k]) => k.startsWith(prefix)).flatMap(([, v]) => v);
  }

  put(me: ChatMe, entry: OutboxEntry) {
    this.ensure(me);
    const key = this.prefix(me) + entry.conversationId;
    const list = this.entries.get(key) ?? EMPTY;
    this.entries.set(key, [...list.filter((e) => e.clientId !== entry.clientId), entry]);
    this.save(me);
    this.emit();
  }

  remove(me: ChatMe, conversationId: string, clientId: string) {
    this.ensure(me);
    const key = this.prefix(me) + conversationId;
    const list = this.entries.get(key);
    if (!list?.some((e) => e.clientId === clientId)) return;
    const rest = list.filter((e) => e.clientId !== clientId);
    if (rest.length) this.entries.set(key, rest);
    else this.entries.delete(key);
    this.save(me);
    this.emit();
  }
}

export const outbox = new Outbox(typeof localStorage === 'undefined' ? undefined : localStorage);
