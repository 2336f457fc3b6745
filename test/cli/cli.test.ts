import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { addProfileVersion } from '../../src/profile/store.js';
import { vngProfile } from '../../src/profile/vng.js';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../support/database.js';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'verenigd-cli-'));
let database: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (TEST_DB === 'postgres') {
    database = await createTestDatabase();
    await addProfileVersion(database.db, systemActor('test'), { effectiveFrom: '2015-01-01', reason: 'test', document: vngProfile }, '2015-01-01');
    env = { ...process.env, DATABASE_URL: database.url };
  } else {
    // The CLI opens the PGlite folder itself, as an administrator would.
    env = { ...process.env, DATA_DIR: join(folder, 'data'), DATABASE_URL: '' };
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
    writeFileSync(file, [HEADER, 'GM9001,Testdorp,Zeeland,74999,2030-01-01', 'GM9002,Teststad,Zeeland,75000,2030-01-01'].join('\n') + '\n');
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
    writeFileSync(file, [HEADER, 'GM9003,Fout,Zeeland,tien,2030-01-01'].join('\n') + '\n');
    const failure = await cli('import', 'population', file, '--apply').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('Regel 2: inwonertal "tien" is geen geheel getal.');
  });

  it('exports the register as CSV and JSON', async () => {
    const csv = await cli('export', 'members', '--as-of', '2030-06-01', '--province', 'Zeeland');
    expect(csv.stdout.split('\n')[0]).toBe('code,name,province,member_class,population,population_date,vote_weight,size_class,networks');
    expect(csv.stdout).toContain('GM9002,Teststad,Zeeland,municipality,75000,2030-01-01,75,50k-100k,');
    const json = JSON.parse((await cli('export', 'members', '--format', 'json', '--as-of', '2030-06-01', '--province', 'Zeeland')).stdout);
    expect(json.items.find((m: { code: string }) => m.code === 'GM9001').voteWeight).toBe(74);
    expect(json.totalVoteWeight).toBe(json.items.reduce((s: number, m: { voteWeight: number }) => s + m.voteWeight, 0));
  });
});
