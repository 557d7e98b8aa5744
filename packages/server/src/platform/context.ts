import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config/config.js';
import type { Database, Db, Dialect } from './db/database.js';
import { inTransaction, type UnitOfWork } from './db/unit-of-work.js';
import type { Bus } from './events/bus.js';
import type { BlobStore } from './storage/blob-store.js';
import { LocalDiskBlobStore } from './storage/local-disk.js';

/** What every service receives: configuration, storage, the bus and a logger. No business. */
export interface Platform {
  config: Config;
  db: Db;
  dialect: Dialect;
  database: Database;
  bus: Bus;
  /** File contents (attachments); local disk under FILES_DIR unless another store is injected. */
  storage: BlobStore;
  log: FastifyBaseLogger;
  /** One transaction with after-commit effects (real-time fan-out, bus messages). */
  transaction<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
}

export function createPlatform(
  config: Config,
  database: Database,
  bus: Bus,
  log: FastifyBaseLogger,
  storage: BlobStore = new LocalDiskBlobStore(config.filesDir),
): Platform {
  return {
    config,
    db: database.db,
    dialect: database.dialect,
    database,
    bus,
    storage,
    log,
    transaction: (work) => inTransaction(database.db, work, (error) => log.error({ err: error }, 'after-commit effect failed')),
  };
}
