import { deleteExpiredSessions } from '../auth/sessions.repository.js';
import type { Platform } from '../context.js';
import { deleteFinishedJobs } from './jobs.repository.js';
import type { JobRunner } from './runner.js';

export const MAINTENANCE_CLEANUP_JOB = 'maintenance.cleanup';

export interface CleanupOptions {
  /** Done jobs are kept this long for inspection (default 7 days). */
  keepDoneMs?: number;
  /** Failed jobs are kept this long (default 30 days). */
  keepFailedMs?: number;
}

/** Deletes expired sessions and old finished jobs. Idempotent: deleting twice deletes nothing more. */
export async function cleanup(platform: Platform, options: CleanupOptions = {}, now = Date.now()) {
  const sessions = await deleteExpiredSessions(platform.db, now);
  const jobs = await deleteFinishedJobs(
    platform.db,
    now - (options.keepDoneMs ?? 7 * 86_400_000),
    now - (options.keepFailedMs ?? 30 * 86_400_000),
  );
  return { sessions: Number(sessions[0]?.numDeletedRows ?? 0), jobs };
}

/** Registers the hourly cleanup job on a runner (one run per hour across all workers). */
export function registerMaintenance(runner: JobRunner, options: CleanupOptions & { everyMs?: number } = {}): JobRunner {
  return runner
    .register(MAINTENANCE_CLEANUP_JOB, async (_payload, job) => {
      const deleted = await cleanup(job.platform, options);
      if (deleted.sessions || deleted.jobs) job.platform.log.info(deleted, 'maintenance: cleaned up');
    })
    .every(MAINTENANCE_CLEANUP_JOB, options.everyMs ?? 3_600_000);
}
