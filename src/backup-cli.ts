import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { restoreBackup, writeBackup } from './core/db/backup.js';
import type { DatabaseHandle } from './core/db/database.js';
import type { Database } from './core/db/schema.js';
import { verifyPoll } from './voting/verify.js';

/** `backup FILE` and `restore FILE`: the logical backup of src/core/db/backup.ts, gzipped when FILE ends in .gz. */
export function backupCommands(program: Command, withDatabase: <T>(work: (database: DatabaseHandle) => Promise<T>) => Promise<T>): void {
  program
    .command('backup <file>')
    .description(
      'Write a consistent backup of the whole database to FILE (JSON lines; gzipped when FILE ends in .gz); safe while the server runs on PostgreSQL',
    )
    .action((file: string) =>
      withDatabase(async ({ db }) => {
        const sink = createWriteStream(file, { mode: 0o600 });
        const out = file.endsWith('.gz') ? createGzip() : undefined;
        out?.pipe(sink);
        const stream = out ?? sink;
        const header = await writeBackup(db, async (line) => {
          if (!stream.write(`${line}\n`)) await once(stream, 'drain');
        });
        stream.end();
        await once(sink, 'close');
        const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
        console.log(`backup written to ${file}: ${header.tables.length} tables, ${rows} rows, migration ${header.migration}`);
      }),
    );

  program
    .command('restore <file>')
    .description('Restore a backup into an empty database (migrated by this command), then verify every closed poll (exit 1 on any problem)')
    .action((file: string) =>
      withDatabase(async ({ db }) => {
        const input = createReadStream(file);
        const reader = createInterface({ input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Number.POSITIVE_INFINITY });
        // Iterating from now on: lines read while the restore opens its transaction would otherwise be lost.
        const iterator = reader[Symbol.asyncIterator]();
        const header = await restoreBackup(db, { [Symbol.asyncIterator]: () => iterator });
        const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
        console.log(`restored ${header.tables.length} tables, ${rows} rows (backup of ${header.createdAt}, migration ${header.migration})`);
        if (!(await verifyClosedPolls(db))) process.exitCode = 1;
      }),
    );
}

/** Verifies every closed poll, one line each; true when all verify. */
export async function verifyClosedPolls(db: Kysely<Database>, out: (line: string) => void = console.log): Promise<boolean> {
  const polls = await db
    .selectFrom('polls')
    .select('id')
    .where('closed_at', 'is not', null)
    .where('cancelled_at', 'is', null)
    .orderBy('closed_at')
    .orderBy('id')
    .execute();
  let ok = true;
  for (const { id } of polls) {
    const verification = await verifyPoll(db, id);
    out(`${verification.ok ? 'OK' : 'NOT VERIFIED'} poll ${id}${verification.ok ? '' : `: ${verification.problems.join('; ')}`}`);
    ok &&= verification.ok;
  }
  out(ok ? `all ${polls.length} closed polls verify` : 'some closed polls do NOT verify');
  return ok;
}
