import { hostname } from 'node:os';
import type { Platform } from '../context.js';
import type { Executor } from '../db/database.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { newId } from '../ids.js';
import { claimDueJobs, extendLeases, failExhaustedLeases, insertJob, type JobRow, markJobDone, markJobFailed } from './jobs.repository.js';

export interface NewJob {
  /** `<area>.<verb>`, e.g. `webhooks.deliver`; a runner must have a handler registered for it. */
  type: string;
  /** JSON-serialisable input of the handler. */
  payload?: unknown;
  /** Epoch ms before which the job does not run (default now). */
  runAt?: number;
  /** At most one job per key ever exists: enqueueing the same key again does nothing. */
  dedupeKey?: string;
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
}

/** The runners started in this process, woken when a unit of work that enqueued a job commits. */
const localRunners = new Set<JobRunner>();

/**
 * Writes a job inside the caller's transaction: it exists if and only if the business change
 * commits. Returns its id, or undefined when `dedupeKey` already exists. Pass the UnitOfWork
 * (rather than its `tx`) to wake this process's runner right after commit instead of at its
 * next poll.
 */
export async function enqueueJob(target: Executor | UnitOfWork, job: NewJob, now = Date.now()): Promise<string | undefined> {
  const uow = 'afterCommit' in target ? target : undefined;
  const tx = uow ? uow.tx : (target as Executor);
  const id = await insertJob(tx, {
    id: newId(now),
    type: job.type,
    payload: JSON.stringify(job.payload ?? null),
    status: 'pending',
    attempts: 0,
    max_attempts: job.maxAttempts ?? 5,
    run_at: job.runAt ?? now,
    locked_by: null,
    locked_until: null,
    last_error: null,
    dedupe_key: job.dedupeKey ?? null,
    created_at: now,
    updated_at: now,
  });
  if (id && uow && (job.runAt ?? now) <= now) {
    uow.afterCommit(() => {
      for (const runner of localRunners) runner.poke();
    });
  }
  return id;
}

export interface JobContext {
  id: string;
  type: string;
  /** 1 on the first attempt. */
  attempt: number;
  maxAttempts: number;
  platform: Platform;
}

/**
 * A job handler. Delivery is at-least-once (a worker may die after the work and before marking
 * the job done, or a lease may expire under a slow handler), so handlers MUST be idempotent:
 * key their effects by the job id or a natural key, use upserts / `ON CONFLICT DO NOTHING`.
 * Throwing schedules a retry with exponential back-off.
 */
export type JobHandler<P = unknown> = (payload: P, job: JobContext) => Promise<void>;

export interface JobRunnerOptions {
  /** Jobs claimed per statement (default 20); they run concurrently. */
  batchSize?: number;
  /** How long a claim lasts before another worker may take the job over (default 60 s); renewed while running. */
  leaseMs?: number;
  /** Poll interval when idle (default 1 s); `poke()` wakes the runner at once. */
  pollMs?: number;
  /** Back-off of attempt n: min(maxDelay, base · 2^(n-1)), then a random 50–100 % of it (default 1 s, 1 h). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  workerId?: string;
  /** The time source (tests move it forward). */
  clock?: () => number;
}

interface Schedule {
  type: string;
  everyMs: number;
  payload: unknown;
}

/**
 * Claims due jobs from the `jobs` table in batches and runs their handlers. Several runners
 * (threads of one process or many nodes) share the table safely: see `claimDueJobs`.
 */
export class JobRunner {
  readonly workerId: string;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules: Schedule[] = [];
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly inFlight = new Set<string>();
  private timer?: NodeJS.Timeout;
  private leaseTimer?: NodeJS.Timeout;
  private scheduleTimers: NodeJS.Timeout[] = [];
  private running = false;
  private loop?: Promise<void>;
  private again = false;
  private readonly clock: () => number;

  constructor(
    private readonly platform: Platform,
    options: JobRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 20;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 1000;
    this.backoffBaseMs = options.backoffBaseMs ?? 1000;
    this.backoffMaxMs = options.backoffMaxMs ?? 3_600_000;
    this.clock = options.clock ?? Date.now;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${newId().slice(-6)}`;
  }

  /** Registers the handler of a job type (one per type). */
  register<P>(type: string, handler: JobHandler<P>): this {
    if (this.handlers.has(type)) throw new Error(`job type ${type} already has a handler`);
    this.handlers.set(type, handler as JobHandler);
    return this;
  }

  /**
   * Enqueues `type` once per `everyMs` window while started (deduplicated by window, so with
   * several workers it still runs once per window).
   */
  every(type: string, everyMs: number, payload: unknown = null): this {
    this.schedules.push({ type, everyMs, payload });
    return this;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    localRunners.add(this);
    this.timer = setInterval(() => this.poke(), this.pollMs);
    this.leaseTimer = setInterval(() => void this.renewLeases(), Math.max(1000, Math.floor(this.leaseMs / 3)));
    for (const schedule of this.schedules) {
      void this.enqueueScheduled(schedule);
      this.scheduleTimers.push(setInterval(() => void this.enqueueScheduled(schedule), Math.min(schedule.everyMs, 60_000)));
    }
    this.poke();
  }

  /** Stops polling and waits for the jobs in flight to finish. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    localRunners.delete(this);
    clearInterval(this.timer);
    clearInterval(this.leaseTimer);
    for (const t of this.scheduleTimers) clearInterval(t);
    this.scheduleTimers = [];
    await this.loop;
  }

  /** Looks for due jobs now (after an enqueue) instead of at the next poll. */
  poke(): void {
    if (!this.running) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    this.loop = this.drain().finally(() => {
      this.loop = undefined;
    });
  }

  /** Claims and runs one batch; returns how many jobs ran. For tests and the drain loop. */
  async runOnce(): Promise<number> {
    const { db, dialect } = this.platform;
    const now = this.clock();
    await failExhaustedLeases(db, now);
    const jobs = await claimDueJobs(db, dialect, {
      workerId: this.workerId,
      now,
      leaseMs: this.leaseMs,
      limit: this.batchSize,
      types: [...this.handlers.keys()],
    });
    await Promise.all(jobs.map((job) => this.runJob(job)));
    return jobs.length;
  }

  private async drain() {
    do {
      this.again = false;
      try {
        while (this.running && (await this.runOnce()) === this.batchSize) {
          // a full batch: there may be more due right now
        }
      } catch (error) {
        this.platform.log.error({ err: error }, 'job runner: claiming failed');
      }
    } while (this.running && this.again);
  }

  private async runJob(job: JobRow) {
    this.inFlight.add(job.id);
    const attempt = Number(job.attempts);
    const maxAttempts = Number(job.max_attempts);
    try {
      const handler = this.handlers.get(job.type);
      if (!handler) throw new Error(`no handler registered for job type ${job.type}`); // only claimed types reach here
      await handler(JSON.parse(job.payload), { id: job.id, type: job.type, attempt, maxAttempts, platform: this.platform });
      await markJobDone(this.platform.db, job.id, this.workerId, this.clock());
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      const now = this.clock();
      const retryAt = attempt < maxAttempts ? now + this.backoff(attempt) : null;
      if (retryAt === null) this.platform.log.error({ err: error, job: job.id, type: job.type }, 'job failed for good');
      else this.platform.log.warn({ err: error, job: job.id, type: job.type, attempt }, 'job failed; will retry');
      try {
        await markJobFailed(this.platform.db, job.id, this.workerId, message, retryAt, now);
      } catch (markError) {
        // The lease will expire and another attempt will be made.
        this.platform.log.error({ err: markError, job: job.id }, 'job runner: could not record a failure');
      }
    } finally {
      this.inFlight.delete(job.id);
    }
  }

  /** Exponential back-off with jitter (half to all of the exponential delay), so retries spread out. */
  backoff(attempt: number): number {
    const exponential = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(exponential * (0.5 + Math.random() / 2));
  }

  private async renewLeases() {
    if (!this.inFlight.size) return;
    const now = this.clock();
    try {
      await extendLeases(this.platform.db, [...this.inFlight], this.workerId, now + this.leaseMs, now);
    } catch (error) {
      this.platform.log.warn({ err: error }, 'job runner: could not renew leases');
    }
  }

  private async enqueueScheduled(schedule: Schedule) {
    const now = this.clock();
    const window = Math.floor(now / schedule.everyMs);
    try {
      await enqueueJob(
        this.platform.db,
        { type: schedule.type, payload: schedule.payload, dedupeKey: `${schedule.type}@${window}`, maxAttempts: 3 },
        now,
      );
      this.poke();
    } catch (error) {
      this.platform.log.error({ err: error, type: schedule.type }, 'job runner: could not enqueue a scheduled job');
    }
  }
}
