/**
 * The event bus carries transient notifications between processes after commit (real-time
 * fan-out, session revocation). Durable state is always in the database; a node that misses a
 * message is healed by clients resyncing by sequence.
 */
export interface BusMessage {
  topic: string;
  data: unknown;
}

export type BusHandler = (data: unknown) => void;

export interface Bus {
  publish(topic: string, data: unknown): Promise<void>;
  subscribe(topic: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}

/** The single-node bus: delivery is a function call on the next microtask. */
export class InProcessBus implements Bus {
  private readonly handlers = new Map<string, Set<BusHandler>>();

  async publish(topic: string, data: unknown): Promise<void> {
    const set = this.handlers.get(topic);
    if (!set) return;
    for (const handler of set) handler(data);
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
