import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * The worker: its own connection to the same file, checkpointing PASSIVE (never blocking the writer).
 * While the writer keeps appending, a round ends behind the WAL's end, and the WAL rewinds only once a
 * round has caught up with it; so a round that ended behind is followed quickly by another, which has
 * only the newest frames to copy and so catches up between two of the writer's commits.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let timer;
let stopped = false;
function round() {
  if (stopped) return;
  let behind = false;
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    behind = row.busy === 1 || row.checkpointed < row.log;
  } catch {
    behind = true;
  }
  timer = setTimeout(round, behind ? workerData.catchUpMs : workerData.intervalMs);
}
parentPort.on('message', () => {
  stopped = true;
  clearTimeout(timer);
  db.close();
  parentPort.postMessage('stopped');
});
round();
`;

/**
 * Checkpoints a SQLite database in WAL mode from a worker thread, so that copying pages back into the
 * database file, and its fsync, happen off the event loop (decision 0010). The caller turns the
 * connection's automatic checkpoints off once this runs.
 */
export function startBackgroundCheckpoints(file: string, options: { intervalMs?: number; catchUpMs?: number } = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, intervalMs: options.intervalMs ?? 200, catchUpMs: options.catchUpMs ?? 10 },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      const stopped = new Promise<void>((resolve) => worker.once('message', () => resolve()));
      worker.postMessage('stop');
      await Promise.race([stopped, exited]);
      await worker.terminate();
    },
  };
}
