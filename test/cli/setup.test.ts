import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../support/database.js';
import { file2016 } from '../support/fixtures.js';

/** `verenigd setup` on a fresh installation without the demo: the state, a template, the members, done. */
const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'verenigd-setup-'));
let database: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (TEST_DB === 'postgres') {
    database = await createTestDatabase();
    env = { ...process.env, DATABASE_URL: database.url };
  } else env = { ...process.env, DATA_DIR: join(folder, 'data'), DATABASE_URL: '' };
}, 120_000);
afterAll(async () => {
  await database?.close();
  rmSync(folder, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...env, VERENIGD_PASSWORD: 'een lang genoeg wachtwoord' },
    cwd: join(import.meta.dirname, '..', '..'),
  });
const failing = (...args: string[]) =>
  cli(...args).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => error,
  );

describe(`verenigd setup (${TEST_DB})`, () => {
  it('walks a fresh installation through administrator, template and members', async () => {
    expect((await cli('setup')).stdout).toContain('Volgende stap: maak de eerste beheerder aan: verenigd users create --role admin');
    await cli('users', 'create', '--email', 'beheer@test.example', '--name', 'Eerste Beheerder', '--role', 'admin');
    expect((await cli('setup')).stdout).toContain('Volgende stap: kies een profiel: verenigd setup --template vng|ipo|uvw|empty');

    const file = join(folder, 'gemeenten-2016.csv');
    writeFileSync(file, file2016());
    const tooEarly = await failing('import', 'population', file);
    expect(tooEarly.code).toBe(1);
    expect(tooEarly.stderr).toContain('De vereniging is nog niet ingericht: kies eerst een profiel');

    const unknown = await failing('setup', '--template', 'gemeenten');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Allowed choices are vng, ipo, uvw, empty');

    const adopted = await cli('setup', '--template', 'vng', '--effective-date', '2016-01-01');
    expect(adopted.stdout).toContain('Profiel VNG (Vereniging van Nederlandse Gemeenten) vastgelegd, geldig vanaf 2016-01-01.');
    expect(adopted.stdout).toContain('[x] profiel: VNG (Vereniging van Nederlandse Gemeenten), vanaf 2016-01-01, sjabloon vng');
    expect(adopted.stdout).toContain('Volgende stap: importeer de leden uit een CBS-bestand');

    const second = await failing('setup', '--template', 'ipo');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('De vereniging heeft al een profiel');

    expect((await cli('import', 'population', file, '--apply')).stdout).toMatch(/Toegepast \(import [0-9a-f-]{36}\)/);
    const done = await cli('setup');
    expect(done.stdout).toContain('[x] leden: 390');
    expect(done.stdout).toContain('De inrichting is klaar.');
  }, 180_000);
});
