import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, recordAudit } from '../../src/core/audit.js';
import { restoreBackup } from '../../src/core/db/backup.js';
import { openDatabase, type DatabaseHandle } from '../../src/core/db/database.js';
import { migrationNames } from '../../src/core/db/migrate.js';
import type { Database } from '../../src/core/db/schema.js';
import { generateSigningKey, installSigningKey } from '../../src/core/signing.js';
import { openMeeting } from '../../src/course/course.js';
import { seedDemo } from '../../src/demo/seed.js';
import { checkIn } from '../../src/meetings/attendance.js';
import { castBallot } from '../../src/voting/ballots.js';
import { closePoll, openPoll } from '../../src/voting/store.js';
import { createTestDatabase, rowCounts, TEST_DB, type TestDatabase } from '../support/database.js';

/** A backup names the migration its database was at: the latest, for a database this release made. */
const LATEST = migrationNames().at(-1);

/**
 * Backup and restore through the command line, on the database under test: the demo association
 * with closed polls is backed up, restored into an empty database, and every closed poll verifies
 * there; the restored database has every row and keeps working. A non-empty target, another
 * migration and a truncated file are refused and change nothing.
 */
const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'verenigd-backup-'));
const signingKey = generateSigningKey();
const SIGNING_KEY = signingKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const backupFile = join(folder, 'verenigd.jsonl.gz');
let source: TestDatabase | undefined;
let target: TestDatabase | undefined;
const closedPolls: string[] = [];

/** The command line against a PGlite folder or a PostgreSQL schema. */
const envFor = (where: { dataDir?: string; url?: string }) => ({
  ...process.env,
  SIGNING_KEY,
  DATABASE_URL: where.url ?? '',
  DATA_DIR: where.dataDir ?? join(folder, 'unused'),
});
const cli = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env, cwd: join(import.meta.dirname, '..', '..') });
const failing = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  cli(env, ...args).then(
    (r) => ({ code: 0, ...r }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

const sourceEnv = () => envFor(source ? { url: source.url } : { dataDir: join(folder, 'source') });
const targetEnv = () => envFor(target ? { url: target.url } : { dataDir: join(folder, 'target') });
/** Opens the source or target in this process (a PGlite folder only while no command line has it open). */
const open = async (which: 'source' | 'target'): Promise<DatabaseHandle & { shared: boolean }> => {
  const shared = which === 'source' ? source : target;
  if (shared) return { ...shared, shared: true, close: async () => {} };
  return { ...(await openDatabase({ dataDir: join(folder, which) })), shared: false };
};

/** Two more closed polls, in the demo's BALV, each with a ballot of Utrecht's mayor. */
async function closeTwoPolls(db: Kysely<Database>) {
  installSigningKey(signingKey);
  const actor = systemActor('test');
  const meeting = await db.selectFrom('meetings').select('id').where('kind', '=', 'balv').executeTakeFirstOrThrow();
  const mayor = await db.selectFrom('people').select(['id', 'name']).where('email', '=', 'burgemeester.utrecht@verenigd.demo').executeTakeFirstOrThrow();
  const utrecht = await db.selectFrom('member_versions').select('member_id').where('code', '=', 'GM0344').limit(1).executeTakeFirstOrThrow();
  await openMeeting(db, actor, meeting.id, { confirmEarly: true });
  const voter = { actor, subject: { id: mayor.id, roles: ['representative' as const] }, name: mayor.name };
  await checkIn(db, voter, meeting.id, { memberId: utrecht.member_id });
  for (const option of ['for', 'against']) {
    const pollId = await openPoll(db, actor, { meetingId: meeting.id, subject: { type: 'trial' } });
    await castBallot(db, voter, pollId, { memberId: utrecht.member_id, option, clientBallotId: `backup-${option}` });
    await closePoll(db, actor, pollId);
    closedPolls.push(pollId);
  }
}

beforeAll(async () => {
  if (TEST_DB === 'postgres') {
    source = await createTestDatabase();
    target = await createTestDatabase();
    // The demo's finished meeting seals its polls: with the key the command line is given.
    installSigningKey(signingKey);
    await seedDemo(source.db);
  } else await cli(sourceEnv(), 'demo');
  const handle = await open('source');
  try {
    // The demo's finished meeting has closed polls of its own; every one must verify after the restore.
    const demoPolls = await handle.db.selectFrom('polls').select('id').where('closed_at', 'is not', null).execute();
    closedPolls.push(...demoPolls.map((p) => p.id));
    await closeTwoPolls(handle.db);
  } finally {
    await handle.close();
  }
}, 300_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe(`backup and restore (${TEST_DB})`, () => {
  it('backs up, restores into an empty database and verifies every closed poll there', async () => {
    const backup = await cli(sourceEnv(), 'backup', backupFile);
    expect(backup.stdout).toMatch(new RegExp(`backup written to .*: \\d+ tables, \\d+ rows, migration ${LATEST}`));
    expect(statSync(backupFile).mode & 0o077).toBe(0);
    const header = JSON.parse(gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n')[0]!);
    expect(header).toMatchObject({ format: 'verenigd-backup', version: 1, migration: LATEST });

    const restored = await cli(targetEnv(), 'restore', backupFile);
    expect(restored.stdout).toContain('restored');
    for (const id of closedPolls) expect(restored.stdout).toContain(`OK poll ${id}`);
    expect(restored.stdout).toContain(`all ${closedPolls.length} closed polls verify`);
    // Housekeeping by hand on the restored database: the demo's sessions and links are all still usable.
    const housekeeping = await cli(targetEnv(), 'housekeeping');
    expect(housekeeping.stdout).toMatch(/^deleted: \d+ sessions, \d+ invitation and reset links, \d+ API tokens, \d+ sign-in counters$/m);

    const [from, to] = [await open('source'), await open('target')];
    try {
      const counts = await rowCounts(to.db);
      expect(counts).toEqual(await rowCounts(from.db));
      expect(counts.ballots).toBeGreaterThanOrEqual(2);
      expect(counts.member_versions).toBeGreaterThan(300);
      // The restored database keeps working: its audit trail continues after the restored entries.
      const before = await to.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirstOrThrow();
      await recordAudit(to.db, systemActor('test'), { action: 'backup.restored', entityType: 'database', entityId: null });
      const after = await to.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirstOrThrow();
      expect(Number(after.max)).toBeGreaterThan(Number(before.max));
    } finally {
      await from.close();
      await to.close();
    }
  }, 300_000);

  it('refuses to restore into a database that holds data, and changes nothing', async () => {
    const handle = await open('target');
    const before = await rowCounts(handle.db);
    await handle.close();
    const refused = await failing(targetEnv(), 'restore', backupFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the database is not empty/);
    const after = await open('target');
    try {
      expect(await rowCounts(after.db)).toEqual(before);
    } finally {
      await after.close();
    }
  }, 300_000);

  it('refuses a truncated backup, another migration and a file that is no backup, leaving the database empty', async () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').trimEnd().split('\n');
    const empty = await createTestDatabase();
    const feed = async function* (items: string[]) {
      yield* items;
    };
    try {
      await expect(restoreBackup(empty.db, feed(lines.slice(0, -1)))).rejects.toThrow(/truncated/);
      const older = JSON.stringify({ ...JSON.parse(lines[0]!), migration: '0013_sign_in_security' });
      await expect(restoreBackup(empty.db, feed([older, ...lines.slice(1)]))).rejects.toThrow(/migration 0013_sign_in_security/);
      await expect(restoreBackup(empty.db, feed(['code,name', 'GM0344,Utrecht']))).rejects.toThrow(/not a Verenigd backup/);
      expect(Object.values(await rowCounts(empty.db)).every((n) => n === 0)).toBe(true);
    } finally {
      await empty.close();
    }
    writeFileSync(join(folder, 'not-a-backup.jsonl'), 'hello\n');
    const refused = await failing(envFor({ dataDir: join(folder, 'other') }), 'restore', join(folder, 'not-a-backup.jsonl'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not a Verenigd backup');
  }, 300_000);
});
