import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './stats.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the server keeps its data: a PostgreSQL URL, or a PGlite data folder. */
export type Store = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export interface ServerProcess {
  readonly pid: number;
  readonly base: string;
  /** The real thing: no shutdown handler runs, in-flight transactions are cut off. */
  kill(): Promise<void>;
  /** SIGTERM, as an orchestrator stops an instance. */
  stop(): Promise<void>;
  /** The last lines the server wrote, for error reports. */
  output(): string;
  exited(): boolean;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server (src/main.ts through tsx) as a child process, so its CPU and memory
 * can be measured on their own and SIGKILL is a real crash. Resolves once /ready answers.
 */
export async function startServer(store: Store, port: number, options: { logLevel?: string } = {}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: options.logLevel ?? 'warn',
    // Thousands of screens connect from this one address: lift the per-address cap on live streams.
    LIVE_STREAMS_PER_ADDRESS: '100000',
    ...(store.kind === 'postgres' ? { DATABASE_URL: store.url } : { DATA_DIR: store.dataDir, DATABASE_URL: '' }),
  };
  // e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(ROOT, 'src', 'main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  await waitReady(base, child, () => lines.join('\n'));
  return {
    pid: child.pid!,
    base,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    output: () => lines.join('\n'),
    exited: () => child.exitCode !== null || child.signalCode !== null,
  };
}

async function waitReady(base: string, child: ChildProcess, output: () => string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const response = await fetch(`${base}/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`server not ready within ${timeoutMs} ms:\n${output()}`);
}
