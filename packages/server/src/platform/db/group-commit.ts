import type { UnitOfWork } from './unit-of-work.js';

/** The outcome of one item of a batch: its value, or the error that item alone answers with. */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** Most items in one transaction, so a batch (and the wait of its last item) stays short. */
  maxBatch?: number;
}

/**
 * Group commit: the items submitted within one event-loop tick (from every socket and request of the
 * process) are applied in ONE transaction, and each submitter is answered only after that transaction
 * has committed and its after-commit effects have run. One commit (one WAL append, one fsync on
 * PostgreSQL) then serves a whole batch instead of one item.
 *
 * `apply` must answer every item with its own outcome and must not let one bad item abort the
 * transaction (validate first, write set-based after). Should a batch throw all the same (a deadlock, a
 * unique constraint lost to another node), nothing of it was committed and each item is retried alone,
 * so one bad item fails itself only. One batch runs at a time; items arriving meanwhile form the next.
 */
export class GroupCommit<I, R> {
  private queue: Array<{ item: I; resolve: (value: R) => void; reject: (error: unknown) => void }> = [];
  private scheduled = false;
  private running = false;
  private readonly maxBatch: number;
  /** Counters for benchmarks and logs: batches run, items in them, the largest, batches retried item by item. */
  readonly stats = { batches: 0, items: 0, largest: 0, retried: 0 };

  constructor(
    private readonly transaction: <T>(work: (uow: UnitOfWork) => Promise<T>) => Promise<T>,
    private readonly apply: (uow: UnitOfWork, items: I[]) => Promise<Array<ItemOutcome<R>>>,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
  }

  /** Queues an item for the next batch; settles after its batch has committed (or failed). */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.running || this.queue.length === 0) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase: every frame read in this tick joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    this.running = true;
    const batch = this.queue.splice(0, this.maxBatch);
    const items = batch.map((b) => b.item);
    this.stats.batches++;
    this.stats.items += items.length;
    this.stats.largest = Math.max(this.stats.largest, items.length);
    try {
      let outcomes: Array<ItemOutcome<R>>;
      try {
        outcomes = await this.transaction((uow) => this.apply(uow, items));
      } catch (error) {
        if (batch.length === 1) outcomes = [{ ok: false, error }];
        else {
          this.stats.retried++;
          outcomes = await this.oneByOne(items);
        }
      }
      batch.forEach((b, i) => {
        const outcome = outcomes[i];
        if (!outcome) b.reject(new Error('group commit: no outcome for an item'));
        else if (outcome.ok) b.resolve(outcome.value);
        else b.reject(outcome.error);
      });
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  private async oneByOne(items: I[]): Promise<Array<ItemOutcome<R>>> {
    const outcomes: Array<ItemOutcome<R>> = [];
    for (const item of items) {
      try {
        const [outcome] = await this.transaction((uow) => this.apply(uow, [item]));
        outcomes.push(outcome ?? { ok: false, error: new Error('group commit: no outcome for an item') });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }
}
