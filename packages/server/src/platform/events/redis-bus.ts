import { Redis } from 'ioredis';
import type { Bus, BusHandler } from './bus.js';

export interface RedisBusOptions {
  /** Channel prefix, so several deployments can share one Redis. */
  prefix?: string;
  /** Where connection errors and undeliverable messages are reported. */
  onError?: (error: unknown, context: string) => void;
}

/**
 * The multi-node bus: Redis pub/sub, one channel per topic (`rapport:<topic>`), JSON messages,
 * one publishing and one subscribing connection per process. Like every bus it is transient:
 * a message published while a node is disconnected is lost for that node, and its clients are
 * healed by the per-user seq (the hub fills gaps from the database; reconnects resync).
 * A node receives its own publications through Redis, so every node delivers the same way.
 */
export class RedisBus implements Bus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly handlers = new Map<string, Set<BusHandler>>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly onError: (error: unknown, context: string) => void;
  private closed = false;

  constructor(url: string, options: RedisBusOptions = {}) {
    this.prefix = options.prefix ?? 'rapport:';
    this.onError = options.onError ?? (() => {});
    this.publisher = new Redis(url, { lazyConnect: false, enableAutoPipelining: true });
    this.subscriber = new Redis(url, { lazyConnect: false });
    // Without listeners ioredis would print every reconnect attempt as an unhandled error.
    this.publisher.on('error', (error) => this.onError(error, 'redis publisher'));
    this.subscriber.on('error', (error) => this.onError(error, 'redis subscriber'));
    this.subscriber.on('message', (channel: string, message: string) => this.dispatch(channel, message));
  }

  async publish(topic: string, data: unknown): Promise<void> {
    if (this.closed) return;
    await this.publisher.publish(this.prefix + topic, JSON.stringify(data ?? null));
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
      this.track(this.subscriber.subscribe(this.prefix + topic));
    }
    set.add(handler);
    return () => {
      const current = this.handlers.get(topic);
      if (!current?.delete(handler) || current.size > 0) return;
      this.handlers.delete(topic);
      if (!this.closed) this.track(this.subscriber.unsubscribe(this.prefix + topic));
    };
  }

  /** Resolves once every SUBSCRIBE/UNSUBSCRIBE issued so far is acknowledged by Redis. */
  async ready(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    await Promise.allSettled([...this.pending]);
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private track(promise: Promise<unknown>) {
    const tracked = promise.catch((error) => this.onError(error, 'redis subscribe')).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private dispatch(channel: string, message: string) {
    if (!channel.startsWith(this.prefix)) return;
    const set = this.handlers.get(channel.slice(this.prefix.length));
    if (!set?.size) return;
    let data: unknown;
    try {
      data = JSON.parse(message);
    } catch (error) {
      this.onError(error, `malformed message on ${channel}`);
      return;
    }
    for (const handler of set) {
      try {
        handler(data);
      } catch (error) {
        this.onError(error, `handler of ${channel}`);
      }
    }
  }
}
