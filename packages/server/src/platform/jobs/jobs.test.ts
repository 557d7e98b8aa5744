import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpConsumer } from '../../../test/factories.js';
import { createTestApp, engines } from '../../../test/harness.js';
import type { RapportApp } from '../../app.js';
import { createPlatform, type Platform } from '../context.js';
import { type Database, openDatabase } from '../db/database.js';
import { InProcessBus } from '../events/bus.js';
import { cleanup, enqueueJob, JobRunner, MAINTENANCE_CLEANUP_JOB, registerMaintenance } from './index.js';
import { claimDueJobs, findJob } from './jobs.repository.js';

let typeCounter = 0;
/** A job type no other test uses, so runners only see their own jobs. */
const freshType = (name: string) => `test.${name}.${process.pid}.${typeCounter++}`;

const jobsOfType = (platform: Platform, type: string) =>
  platform.db.selectFrom('jobs').selectAll().where('type', '=', type).orderBy('id').execute();

for (const engine of engines()) {
  describe(`jobs [${engine}]`, () => {
    let app: RapportApp;
    let platform: Platform;
    let url: string;
    let close: () => Promise<void>;

    beforeAll(async () => {
      const built = await createTestApp(engine);
      app = built.app;
      platform = app.platform;
      url = built.url;
      close = () => built.close();
    }, 60_000);
    afterAll(async () => close?.());

    /** A runner that only knows (and so only claims) the given type. */
    const runnerFor = (type: string, handler: (payload: unknown) => Promise<void>, options = {}) =>
      new JobRunner(platform, { backoffBaseMs: 1000, ...options }).register(type, handler);

    it('a job enqueued in a rolled-back transaction does not exist', async () => {
      const type = freshType('rollback');
      await expect(
        platform.transaction(async (uow) => {
          await enqueueJob(uow, { type, payload: { x: 1 } });
          throw new Error('business rule broken');
        }),
      ).rejects.toThrow('business rule broken');
      expect(await jobsOfType(platform, type)).toEqual([]);
    });

    it('claims only the job types it has handlers for', async () => {
      const mine = freshType('mine');
      const theirs = freshType('theirs');
      await enqueueJob(platform.db, { type: theirs });
      const runner = runnerFor(mine, async () => {});
      expect(await runner.runOnce()).toBe(0);
      expect(await jobsOfType(platform, theirs)).toMatchObject([{ status: 'pending', attempts: 0 }]);
    });

    it('runs a committed job once and marks it done', async () => {
      const type = freshType('ok');
      const seen: unknown[] = [];
      const id = await platform.transaction((uow) => enqueueJob(uow, { type, payload: { hello: 'job' } }));
      const runner = runnerFor(type, async (payload) => {
        seen.push(payload);
      });
      expect(await runner.runOnce()).toBe(1);
      expect(seen).toEqual([{ hello: 'job' }]);
      expect(await findJob(platform.db, id as string)).toMatchObject({ status: 'done', attempts: 1, locked_by: null });
    });

    it('a second enqueue with the same dedupeKey is a no-op', async () => {
      const type = freshType('dedupe');
      const key = `${type}:once`;
      const first = await platform.transaction((uow) => enqueueJob(uow, { type, dedupeKey: key, payload: 1 }));
      const second = await platform.transaction((uow) => enqueueJob(uow, { type, dedupeKey: key, payload: 2 }));
      expect(first).toBeTruthy();
      expect(second).toBeUndefined();
      const rows = await jobsOfType(platform, type);
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0].payload)).toBe(1);
    });

    it('retries a failing job with exponential back-off and jitter, then marks it failed with the last error', async () => {
      const type = freshType('flaky');
      let now = Date.now();
      let calls = 0;
      const runner = new JobRunner(platform, { clock: () => now, backoffBaseMs: 1000 }).register(type, async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      });
      const id = (await enqueueJob(platform.db, { type, maxAttempts: 3 }, now)) as string;
      const runs = async () => {
        let ran = 0;
        for (let n = await runner.runOnce(); n > 0; n = await runner.runOnce()) ran += n;
        return ran;
      };
      await runs();
      let job = await findJob(platform.db, id);
      expect(job).toMatchObject({ status: 'pending', attempts: 1, last_error: 'boom 1' });
      const firstDelay = Number(job?.run_at) - now;
      expect(firstDelay).toBeGreaterThanOrEqual(500);
      expect(firstDelay).toBeLessThanOrEqual(1000);

      now += 499; // not due yet
      await runs();
      expect(calls).toBe(1);
      now += 501;
      await runs();
      job = await findJob(platform.db, id);
      expect(job).toMatchObject({ status: 'pending', attempts: 2, last_error: 'boom 2' });
      const secondDelay = Number(job?.run_at) - now;
      expect(secondDelay).toBeGreaterThanOrEqual(1000);
      expect(secondDelay).toBeLessThanOrEqual(2000);

      now += 2000;
      await runs();
      expect(await findJob(platform.db, id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom 3', locked_by: null });
      now += 100_000;
      await runs();
      expect(calls).toBe(3);
    });

    it('reclaims a job whose worker died (lease expired), and fails one that exhausted its attempts', async () => {
      const type = freshType('orphan');
      const now = Date.now();
      const revived = (await enqueueJob(platform.db, { type, payload: 'a', maxAttempts: 3 }, now - 10)) as string;
      const exhausted = (await enqueueJob(platform.db, { type, payload: 'b', maxAttempts: 1 }, now - 5)) as string;
      // a worker claims both and dies
      const claimed = await claimDueJobs(platform.db, platform.dialect, {
        workerId: 'dead',
        now,
        leaseMs: 1000,
        limit: 1000,
        types: [type],
      });
      expect(claimed.map((j) => j.id)).toEqual(expect.arrayContaining([revived, exhausted]));
      const seen: unknown[] = [];
      const runner = new JobRunner(platform, { clock: () => now + 500 }).register(type, async (p) => {
        seen.push(p);
      });
      await runner.runOnce();
      expect(seen).toEqual([]); // the lease still holds
      const later = new JobRunner(platform, { clock: () => now + 1500 }).register(type, async (p) => {
        seen.push(p);
      });
      while ((await later.runOnce()) > 0) {}
      expect(seen).toEqual(['a']);
      expect(await findJob(platform.db, revived)).toMatchObject({ status: 'done', attempts: 2 });
      expect(await findJob(platform.db, exhausted)).toMatchObject({ status: 'failed', attempts: 1 });
    });

    it('two runners on separate connections racing over 200 jobs run each exactly once', async () => {
      const type = freshType('race');
      const now = Date.now();
      await platform.transaction(async (uow) => {
        for (let i = 0; i < 200; i++) await enqueueJob(uow, { type, payload: i }, now);
      });
      const counts = new Map<number, number>();
      const handler = async (payload: unknown) => {
        counts.set(payload as number, (counts.get(payload as number) ?? 0) + 1);
        await new Promise((r) => setImmediate(r));
      };
      const second: Database = openDatabase(url);
      const otherPlatform = createPlatform(platform.config, second, new InProcessBus(), platform.log);
      try {
        const runners = [
          new JobRunner(platform, { batchSize: 7 }).register(type, handler),
          new JobRunner(otherPlatform, { batchSize: 7 }).register(type, handler),
        ];
        const claimedBy = [0, 0];
        await Promise.all(
          runners.map(async (runner, i) => {
            for (let n = await runner.runOnce(); n > 0; n = await runner.runOnce()) claimedBy[i] += n;
          }),
        );
        expect(counts.size).toBe(200);
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        const rows = await jobsOfType(platform, type);
        expect(rows.every((r) => r.status === 'done' && Number(r.attempts) === 1)).toBe(true);
        if (engine === 'postgres') expect(claimedBy.every((n) => n > 0)).toBe(true); // both really shared the work
      } finally {
        await second.close();
      }
    });

    it('a started runner picks up a job right after the enqueuing transaction commits', async () => {
      const type = freshType('poke');
      let done: () => void = () => {};
      const ran = new Promise<void>((resolve) => {
        done = resolve;
      });
      const runner = runnerFor(type, async () => done(), { pollMs: 60_000 });
      runner.start();
      try {
        // let the initial drain finish so only the poke can find the job
        await new Promise((r) => setTimeout(r, 50));
        const start = Date.now();
        await platform.transaction((uow) => enqueueJob(uow, { type }));
        await ran;
        expect(Date.now() - start).toBeLessThan(1000);
      } finally {
        await runner.stop();
      }
    });

    it('cleanup deletes expired sessions and old finished jobs, and runs as a scheduled job', async () => {
      const c = await signUpConsumer(app);
      const old = Date.now() - 40 * 86_400_000;
      await platform.db
        .updateTable('sessions')
        .set({ expires_at: Date.now() - 1000 })
        .where('principal_id', '=', c.id)
        .execute();
      const type = freshType('old');
      const doneId = (await enqueueJob(platform.db, { type }, old)) as string;
      const pendingId = (await enqueueJob(platform.db, { type }, old)) as string;
      await platform.db.updateTable('jobs').set({ status: 'done', updated_at: old }).where('id', '=', doneId).execute();

      const runner = registerMaintenance(new JobRunner(platform, { pollMs: 60_000 }), { everyMs: 3_600_000 });
      runner.start();
      try {
        const deadline = Date.now() + 3000;
        for (;;) {
          const rows = await jobsOfType(platform, MAINTENANCE_CLEANUP_JOB);
          if (rows.some((r) => r.status === 'done')) break;
          if (Date.now() > deadline) throw new Error(`cleanup did not run: ${JSON.stringify(rows)}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await runner.stop();
      }
      expect(await platform.db.selectFrom('sessions').select('id').where('principal_id', '=', c.id).execute()).toEqual([]);
      expect(await findJob(platform.db, doneId)).toBeUndefined();
      expect(await findJob(platform.db, pendingId)).toBeTruthy();
      expect(await cleanup(platform)).toEqual({ sessions: 0, jobs: 0 }); // idempotent
    });
  });
}
