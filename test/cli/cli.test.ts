import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { verifyPassword } from '../../src/core/auth/passwords.js';
import { openDatabase } from '../../src/core/db/database.js';
import { seedDemo } from '../../src/demo/seed.js';
import { checkIn } from '../../src/meetings/attendance.js';
import { openMeeting } from '../../src/course/course.js';
import { castBallot } from '../../src/voting/ballots.js';
import { closePoll, openPoll } from '../../src/voting/store.js';
import { generateSigningKey, installSigningKey } from '../../src/core/signing.js';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../support/database.js';
import { asOwner } from '../support/owner.js';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'verenigd-cli-'));
let database: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;
// One instance key for this process and the command line it runs, as in production (SIGNING_KEY).
const signingKey = generateSigningKey();
const SIGNING_KEY = signingKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

beforeAll(async () => {
  if (TEST_DB === 'postgres') {
    database = await createTestDatabase();
    // The same demo association as the PGlite pass, so both run the same steps.
    await seedDemo(database.db);
    env = { ...process.env, DATABASE_URL: database.url, SIGNING_KEY };
  } else {
    // The CLI opens the PGlite folder itself, as an administrator would.
    env = { ...process.env, DATA_DIR: join(folder, 'data'), DATABASE_URL: '', SIGNING_KEY };
    await cli('demo');
  }
}, 120_000);
afterAll(async () => {
  await database?.close();
  rmSync(folder, { recursive: true, force: true });
});

function cli(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env, cwd: join(import.meta.dirname, '..', '..') });
}

const HEADER = 'code,name,province,population,population_date';

describe(`the command line (${TEST_DB})`, () => {
  it('makes a dry run, applies, and finds nothing left to do the second time', async () => {
    const file = join(folder, 'bevolking.csv');
    writeFileSync(file, `${[HEADER, 'GM9001,Testdorp,Zeeland,74999,2030-01-01', 'GM9002,Teststad,Zeeland,75000,2030-01-01'].join('\n')}\n`);
    const dry = await cli('import', 'population', file, '--effective-date', '2030-01-01');
    expect(dry.stdout).toContain('+ GM9001 Testdorp (Zeeland), 74999 inwoners, 74 stemmen');
    expect(dry.stdout).toContain('Proefimport: er is niets gewijzigd.');
    const applied = await cli('import', 'population', file, '--effective-date', '2030-01-01', '--apply');
    expect(applied.stdout).toMatch(/Toegepast \(import [0-9a-f-]{36}\)/);
    const again = await cli('import', 'population', file, '--effective-date', '2030-01-01', '--apply');
    expect(again.stdout).toContain('Niets te wijzigen');
  });

  it('refuses a malformed file with line numbers and a failing exit code', async () => {
    const file = join(folder, 'fout.csv');
    writeFileSync(file, `${[HEADER, 'GM9003,Fout,Zeeland,tien,2030-01-01'].join('\n')}\n`);
    const failure = await cli('import', 'population', file, '--apply').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('Regel 2: inwonertal "tien" is geen geheel getal.');
  });

  it('exports the register as CSV and JSON', async () => {
    const csv = await cli('export', 'members', '--as-of', '2030-06-01', '--province', 'Zeeland');
    expect(csv.stdout.split('\n')[0]).toBe(
      'code,name,province,member_class,population,population_date,vote_weight,size_class,networks,member_class_name,size_class_name',
    );
    expect(csv.stdout).toContain('GM9002,Teststad,Zeeland,municipality,75000,2030-01-01,75,50k-100k,');
    const json = JSON.parse((await cli('export', 'members', '--format', 'json', '--as-of', '2030-06-01', '--province', 'Zeeland')).stdout);
    expect(json.items.find((m: { code: string }) => m.code === 'GM9001').voteWeight).toBe(74);
    expect(json.totalVoteWeight).toBe(json.items.reduce((s: number, m: { voteWeight: number }) => s + m.voteWeight, 0));
  });

  it('creates the first administrator with a verifiable password and refuses a short one', async () => {
    const withPassword = (password: string) =>
      run(
        process.execPath,
        ['--import', 'tsx', 'src/cli.ts', 'users', 'create', '--email', 'eerste@test.example', '--name', 'Eerste Beheerder', '--role', 'admin'],
        {
          env: { ...env, VERENIGD_PASSWORD: password },
          cwd: join(import.meta.dirname, '..', '..'),
        },
      );
    await expect(withPassword('kort')).rejects.toMatchObject({ code: 1 });
    const created = await withPassword('een lang genoeg wachtwoord');
    expect(created.stdout).toContain('account eerste@test.example (admin) created');
    const handle = database ?? (await openDatabase({ dataDir: join(folder, 'data') }));
    try {
      const person = await handle.db
        .selectFrom('people')
        .innerJoin('person_roles', 'person_roles.person_id', 'people.id')
        .select(['people.password_hash', 'person_roles.role'])
        .where('people.email', '=', 'eerste@test.example')
        .executeTakeFirstOrThrow();
      expect(person.role).toBe('admin');
      expect(await verifyPassword(person.password_hash, 'een lang genoeg wachtwoord')).toBe(true);
    } finally {
      if (!database) await handle.close();
    }
  });

  it('verifies a poll with `polls verify`, and fails on a changed ballot', async () => {
    // The poll is made in-process; a PGlite folder is then closed again for the command line to open.
    const handle = database ?? (await openDatabase({ dataDir: join(folder, 'data') }));
    let pollId: string;
    let ballotId: string;
    try {
      const db = handle.db;
      const actor = systemActor('test');
      const meeting = await db.selectFrom('meetings').select('id').where('kind', '=', 'balv').executeTakeFirstOrThrow();
      const mayor = await db.selectFrom('people').select(['id', 'name']).where('email', '=', 'burgemeester.utrecht@verenigd.demo').executeTakeFirstOrThrow();
      // By code: the 2030 test import above closed the demo members' current versions.
      const utrecht = await db.selectFrom('member_versions').select('member_id').where('code', '=', 'GM0344').limit(1).executeTakeFirstOrThrow();
      // The demo's BALV lies ahead: opening it now is an early opening, confirmed.
      await openMeeting(db, actor, meeting.id, { confirmEarly: true });
      await checkIn(db, { actor, subject: { id: mayor.id, roles: ['representative'] }, name: mayor.name }, meeting.id, { memberId: utrecht.member_id });
      pollId = await openPoll(db, actor, { meetingId: meeting.id, subject: { type: 'trial' } });
      ballotId = (
        await castBallot(db, { actor, subject: { id: mayor.id, roles: ['representative'] } }, pollId, {
          memberId: utrecht.member_id,
          option: 'for',
          clientBallotId: 'cli-test-ballot',
        })
      ).ballotId;
      installSigningKey(signingKey);
      await closePoll(db, actor, pollId);
    } finally {
      if (!database) await handle.close();
    }
    const verified = await cli('polls', 'verify', pollId);
    expect(verified.stdout).toContain('OK: the chain is intact');

    const tamper = database ?? (await openDatabase({ dataDir: join(folder, 'data') }));
    try {
      await asOwner(tamper.db, (trx) => trx.updateTable('ballots').set({ option: 'against' }).where('id', '=', ballotId).execute());
    } finally {
      if (!database) await tamper.close();
    }
    const failed = await cli('polls', 'verify', pollId).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('PROBLEM: ballot');
    expect(failed.stdout).toContain('NOT VERIFIED');
  }, 120_000);
});
