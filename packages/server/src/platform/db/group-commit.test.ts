import { describe, expect, it } from 'vitest';
import { GroupCommit, type ItemOutcome } from './group-commit.js';
import type { UnitOfWork } from './unit-of-work.js';

/** A stand-in transaction that records what each one saw and whether it committed. */
function fakeDb() {
  const transactions: Array<{ items: string[]; committed: boolean }> = [];
  const transaction = async <T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> => {
    const record = { items: [] as string[], committed: false };
    transactions.push(record);
    const result = await work({ tx: record as never, afterCommit: () => {} });
    record.committed = true;
    return result;
  };
  return { transactions, transaction };
}

describe('GroupCommit', () => {
  it('applies the items of one tick in one transaction, the next ones in the next, and answers each', async () => {
    const { transactions, transaction } = fakeDb();
    const commit = new GroupCommit<string, string>(transaction, async (uow, items) => {
      (uow.tx as unknown as { items: string[] }).items.push(...items);
      return items.map(
        (item): ItemOutcome<string> =>
          item.startsWith('bad') ? { ok: false, error: new Error(item) } : { ok: true, value: item.toUpperCase() },
      );
    });
    const first = ['a', 'bad1', 'b'].map((i) => commit.submit(i).catch((e: Error) => `rejected ${e.message}`));
    await new Promise((r) => setImmediate(r));
    const second = ['c', 'd'].map((i) => commit.submit(i));
    expect(await Promise.all([...first, ...second])).toEqual(['A', 'rejected bad1', 'B', 'C', 'D']);
    expect(transactions.map((t) => t.items)).toEqual([
      ['a', 'bad1', 'b'],
      ['c', 'd'],
    ]);
  });

  it('bounds a batch and keeps order across batches', async () => {
    const { transactions, transaction } = fakeDb();
    const commit = new GroupCommit<number, number>(
      transaction,
      async (uow, items) => {
        (uow.tx as unknown as { items: string[] }).items.push(...items.map(String));
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatch: 4 },
    );
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => commit.submit(i)));
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(transactions.map((t) => t.items.length)).toEqual([4, 4, 2]);
  });

  it('retries a batch that throws one item at a time, so only the item at fault fails', async () => {
    const { transactions, transaction } = fakeDb();
    const commit = new GroupCommit<string, string>(transaction, async (_uow, items) => {
      if (items.includes('boom')) throw new Error('deadlock');
      return items.map((value) => ({ ok: true, value }));
    });
    const results = await Promise.all(['x', 'boom', 'y'].map((i) => commit.submit(i).catch((e: Error) => `rejected ${e.message}`)));
    expect(results).toEqual(['x', 'rejected deadlock', 'y']);
    expect(transactions.map((t) => t.committed)).toEqual([false, true, false, true]);
  });
});
