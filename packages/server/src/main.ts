#!/usr/bin/env node
/**
 * The Rapport CLI.
 *   start              migrate, then serve (SERVICES=web,worker by default)
 *   migrate            bring the database schema up to date
 *   create-operator    create an operator account: create-operator <account> <password>
 *   seed-demo          fill a believable demo enterprise
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './platform/config/config.js';
import { openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';

async function main(argv: string[]) {
  const [command = 'start', ...args] = argv;
  const config = loadConfig();

  if (command === 'migrate') {
    const database = openDatabase(config.databaseUrl);
    const result = await migrateToLatest(database.db);
    console.log(`migrated: ${result.results?.map((r) => r.migrationName).join(', ') || 'already up to date'}`);
    await database.close();
    return;
  }

  if (command === 'create-operator') {
    const [account, password] = args;
    if (!account || !password || password.length < 8) {
      throw new UsageError('usage: rapport create-operator <account> <password (8+ characters)>');
    }
    const { createOperatorAccount } = await import('./modules/identity/index.js');
    const app = await buildApp(config, { migrate: true, logger: false });
    console.log(`operator ${account}: ${await createOperatorAccount(app.platform, account, password)}`);
    await app.close();
    return;
  }

  if (command === 'seed-demo') {
    const { seedDemo } = await import('./demo/seed-demo.js');
    const app = await buildApp(config, { migrate: true, logger: false });
    await seedDemo(app);
    await app.close();
    return;
  }

  if (command === 'start') {
    const app = await buildApp(config, { migrate: true });
    const { startServices } = await import('./services.js');
    await startServices(app);
    return;
  }

  throw new UsageError(`unknown command "${command}"; use start, migrate, create-operator or seed-demo`);
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof ConfigError || error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
