// Parent ↔ child plumbing for benchmarks: each role (server, load generator) runs in its own
// process so it has its own heap and its own event loop, and is driven by request/response
// messages over the IPC channel.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH_DIR, '..');

/**
 * Starts `bench/<script>` as a child. `tsx` lets it import the server's TypeScript; `gc`
 * exposes global.gc for memory figures.
 */
export function startChild(script, { args = [], tsx = false, gc = false, env = {} } = {}) {
  const execArgv = [];
  if (tsx) execArgv.push('--import', 'tsx');
  if (gc) execArgv.push('--expose-gc');
  if (process.env.BENCH_SERVER_FLAGS && tsx) execArgv.push(...process.env.BENCH_SERVER_FLAGS.split(' '));
  const proc = fork(path.join(BENCH_DIR, script), args, {
    cwd: ROOT,
    execArgv,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map();
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  proc.on('message', (message) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`${script}: ${message.error}`));
    else waiter.resolve(message.result);
  });
  exited.then(({ code, signal }) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${script} exited (${code ?? signal})`));
    pending.clear();
  });
  return {
    proc,
    exited,
    /** Sends a command and resolves with the child's answer. */
    call(type, data = {}) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        proc.send({ id, type, data });
      });
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a child: answers the parent's commands with `handlers[type](data)`. */
export function serveCommands(handlers) {
  process.on('message', async ({ id, type, data }) => {
    try {
      const handler = handlers[type];
      if (!handler) throw new Error(`unknown command ${type}`);
      process.send({ id, result: (await handler(data)) ?? null });
    } catch (error) {
      process.send({ id, error: error?.stack ?? String(error) });
    }
  });
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}

/** Memory of this process after a full collection (needs --expose-gc). */
export async function settledMemory() {
  for (let i = 0; i < 4; i++) {
    global.gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external + m.arrayBuffers };
}

export const machineNote = async () => {
  const os = await import('node:os');
  return `${os.cpus().length}× ${os.cpus()[0]?.model?.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.release()}`;
};

export const round = (n, digits = 0) => Number(n.toFixed(digits));
