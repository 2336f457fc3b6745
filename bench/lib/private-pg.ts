import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sleep } from './stats.js';

/**
 * A throwaway PostgreSQL cluster of our own, so the fault bench can really restart the database
 * without touching a shared one. Needs the server binaries (Debian: postgresql-15 or newer).
 * initdb refuses to run as root; as root the cluster runs as the `postgres` user.
 */
export interface PrivateCluster {
  url: string;
  /** Stops PostgreSQL at once (as a crash would), waits downMs, and starts it again (crash recovery). */
  restart(downMs: number): Promise<void>;
  remove(): Promise<void>;
}

export function findPostgresBin(): string | undefined {
  for (const version of ['18', '17', '16', '15']) {
    const bin = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(join(bin, 'initdb'))) return bin;
  }
  return undefined;
}

const exec = promisify(execFile);

export async function startPrivateCluster(port: number): Promise<PrivateCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('no PostgreSQL server binaries found under /usr/lib/postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'verenigd-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const id = async (flag: string) => Number((await exec('id', [flag, 'postgres'])).stdout.trim());
    chownSync(dir, await id('-u'), await id('-g'));
  }
  // Asynchronous, so the clients of the bench keep retrying while PostgreSQL is down.
  const run = (tool: string, args: string[]) => (asRoot ? exec('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : exec(join(bin, tool), args));
  const data = join(dir, 'data');
  const start = () =>
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', `-p ${port} -h 127.0.0.1 -k ${dir} -c max_connections=200`, '-w', '-t', '60', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async (downMs) => {
      await stop();
      await sleep(downMs);
      await start();
    },
    remove: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
