import { type RapportApp, registerJobHandlers } from './app.js';
import { ensureOperatorSetupToken } from './modules/identity/index.js';
import { JobRunner } from './platform/jobs/index.js';

/** Starts what this process runs (web and/or worker), prints where to open it, stops cleanly. */
export async function startServices(app: RapportApp) {
  const { config } = app.platform;
  const stops: Array<() => Promise<void>> = [];

  if (config.services.has('web')) {
    await app.listen({ port: config.port, host: config.host });
  } else {
    await app.ready();
  }

  if (config.services.has('worker')) {
    // Modules register their job handlers in app.ts `registerJobHandlers`.
    const runner = registerJobHandlers(new JobRunner(app.platform));
    runner.start();
    stops.push(() => runner.stop());
  }

  const setupToken = await ensureOperatorSetupToken(app.platform);
  const url = config.publicUrl;
  const lines = [
    '',
    `  Rapport is running on ${app.platform.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}.`,
    `  Messenger (consumers)   ${url}/app`,
    `  Workspace (members)     ${url}/work`,
    `  Admin console           ${url}/admin`,
    `  Operator console        ${url}/operator`,
    `  API docs                ${url}/api/docs`,
  ];
  if (setupToken) lines.push('', `  First start: create the operator account at ${url}/operator/setup?token=${setupToken}`);
  console.log(`${lines.join('\n')}\n`);

  const shutdown = async () => {
    for (const stop of stops) await stop();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return { stops };
}
