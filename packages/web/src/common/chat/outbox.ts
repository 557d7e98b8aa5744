import type { ChatMe, OutboxEntry } from './merge';

type Listener = () => void;
const EMPTY: readonly OutboxEntry[] = Object.freeze([]);

/**
 * Messages this tab sent that the server has not stored yet (pending) or refused (failed), per
 * signed-in principal. Kept outside the query cache so a refetch never drops a bubble the user
 * typed; an entry leaves once the stored copy (same clientId) is in the conversation.
 */
class Outbox {
  private readonly entries = new Map<string, readonly OutboxEntry[]>();
  private readonly listeners = new Set<Listener>();

  private key(me: ChatMe, conversationId: string) {
    return `${me.as}:${me.id}:${conversationId}`;
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
    return this.entries.get(this.key(me, conversationId)) ?? EMPTY;
  }

  /** Every entry of a principal (to resend after a reconnect). */
  all(me: ChatMe): OutboxEntry[] {
    const prefix = `${me.as}:${me.id}:`;
    return [...this.entries].filter(([k]) => k.startsWith(prefix)).flatMap(([, v]) => v);
  }

  put(me: ChatMe, entry: OutboxEntry) {
    const key = this.key(me, entry.conversationId);
    const list = this.entries.get(key) ?? EMPTY;
    this.entries.set(key, [...list.filter((e) => e.clientId !== entry.clientId), entry]);
    this.emit();
  }

  remove(me: ChatMe, conversationId: string, clientId: string) {
    const key = this.key(me, conversationId);
    const list = this.entries.get(key);
    if (!list?.some((e) => e.clientId === clientId)) return;
    const rest = list.filter((e) => e.clientId !== clientId);
    if (rest.length) this.entries.set(key, rest);
    else this.entries.delete(key);
    this.emit();
  }
}

export const outbox = new Outbox();
