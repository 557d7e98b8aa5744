import { Redis } from 'ioredis';
import type { Bus, BusHandler } from './bus.js';

export interface RedisBusOptions {
  /** Channel prefix, so several deployments can share one Redis. */
  prefix?: string;
  /** Where connection errors and undeliverable messages are reported. */
  onError?: (error: unknown, context: string) => void;
}

/** Messages per PUBLISH and their approximate size: a fan-out to 10,000 users is about ten PUBLISHes. */
const MAX_BATCH = 1000;
const MAX_BATCH_CHARS = 512 * 1024;

/**
 * The multi-node bus: Redis pub/sub, one channel per topic (`rapport:<topic>`), one publishing
 * and one subscribing connection per process. The messages published on a topic during one
 * event-loop turn travel as one PUBLISH whose body is a JSON array of the messages, in order
 * (10,000 after-commit publishes of a fan-out cost ten round trips, not 10,000).
 *
 * `publish` resolves once the message is queued for Redis, not when Redis has it: it is as
 * transient as every bus message, and failures are reported to `onError`. A message published
 * while a node is disconnected from Redis is lost for that node, and its clients are
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
  private readonly outbox = new Map<string, string[]>();
  private flushScheduled = false;
  private closed = false;
  /** Resolves when the subscriber connection is first ready (or the bus closes). */
  private readonly subscriberReady: Promise<void>;
  private releaseSubscriber: () => void = () => {};

  constructor(url: string, options: RedisBusOptions = {}) {
    this.prefix = options.prefix ?? 'rapport:';
    this.onError = options.onError ?? (() => {});
    this.publisher = new Redis(url, { lazyConnect: false, enableAutoPipelining: true });
    this.subscriber = new Redis(url, { lazyConnect: false });
    // Without listeners ioredis would print every reconnect attempt as an unhandled error.
    this.publisher.on('error', (error) => this.onError(error, 'redis publisher'));
    this.subscriber.on('error', (error) => this.onError(error, 'redis subscriber'));
    this.subscriber.on('message', (channel: string, message: string) => this.dispatch(channel, message));
    // ioredis writes SUBSCRIBE at once if the socket is connected but its handshake (CLIENT SETINFO,
    // the INFO ready check) is not done, which breaks the handshake ("Connection in subscriber
    // mode"): subscribe only once ready. Later reconnects resubscribe by themselves.
    this.subscriberReady = new Promise((resolve) => {
      this.releaseSubscriber = resolve;
      this.subscriber.once('ready', () => resolve());
    });
  }

  async publish(topic: string, data: unknown): Promise<void> {
    if (this.closed) return;
    const text = JSON.stringify(data ?? null);
    const queue = this.outbox.get(topic);
    if (queue) queue.push(text);
    else this.outbox.set(topic, [text]);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Writes the queued messages, each topic's as few JSON-array PUBLISHes as the size caps allow. */
  private readonly flush = () => {
    this.flushScheduled = false;
    for (const [topic, texts] of this.outbox) {
      const channel = this.prefix + topic;
      let start = 0;
      let chars = 0;
      for (let i = 0; i <= texts.length; i++) {
        if (i === texts.length || i - start === MAX_BATCH || (chars > 0 && chars + texts[i].length > MAX_BATCH_CHARS)) {
          if (i > start) {
            const body = `[${texts.slice(start, i).join(',')}]`;
            this.track(this.publisher.publish(channel, body), `redis publish on ${channel}`);
          }
          start = i;
          chars = 0;
        }
        if (i < texts.length) chars += texts[i].length;
      }
    }
    this.outbox.clear();
  };

  subscribe(topic: string, handler: BusHandler): () => void {
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
      this.track(
        this.subscriberReady.then(() => (this.closed ? undefined : this.subscriber.subscribe(this.prefix + topic))),
        'redis subscribe',
      );
    }
    set.add(handler);
    return () => {
      const current = this.handlers.get(topic);
      if (!current?.delete(handler) || current.size > 0) return;
      this.handlers.delete(topic);
      this.track(
        this.subscriberReady.then(() => (this.closed ? undefined : this.subscriber.unsubscribe(this.prefix + topic))),
        'redis unsubscribe',
      );
    };
  }

  /** Resolves once every PUBLISH, SUBSCRIBE and UNSUBSCRIBE issued so far is acknowledged by Redis. */
  async ready(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.flushScheduled) this.flush(); // what was published before close still leaves
    this.closed = true;
    this.releaseSubscriber();
    this.handlers.clear();
    await Promise.allSettled([...this.pending]);
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private track(promise: Promise<unknown>, context: string) {
    const tracked = promise.catch((error) => this.onError(error, context)).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private dispatch(channel: string, message: string) {
    if (!channel.startsWith(this.prefix)) return;
    const set = this.handlers.get(channel.slice(this.prefix.length));
    if (!set?.size) return;
    let batch: unknown;
    try {
      batch = JSON.parse(message);
    } catch (error) {
      this.onError(error, `malformed message on ${channel}`);
      return;
    }
    if (!Array.isArray(batch)) {
      this.onError(new Error('a bus message is a JSON array of messages'), `malformed message on ${channel}`);
      return;
    }
    for (const data of batch) {
      for (const handler of set) {
        try {
          handler(data);
        } catch (error) {
          this.onError(error, `handler of ${channel}`);
        }
      }
    }
  }
}
