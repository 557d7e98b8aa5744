/** Durable jobs: enqueue inside the business transaction, run by `JobRunner` on worker processes. */
export { type CleanupOptions, cleanup, MAINTENANCE_CLEANUP_JOB, registerMaintenance } from './maintenance.js';
export { enqueueJob, type JobContext, type JobHandler, JobRunner, type JobRunnerOptions, type NewJob } from './runner.js';
