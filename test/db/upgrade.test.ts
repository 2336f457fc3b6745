import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/core/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/core/db/database.js';
import { migrateTo, migrateToLatest, migrationNames } from '../../src/core/db/migrate.js';
import { seedDemo } from '../../src/demo/seed.js';
import { POSTGRES_URL, rowCounts, TEST_DB } from '../support/database.js';

/**
 * Upgrading: a database made on the previous release's schema (every migration but the last, filled
 * with the demo association) is migrated to this release's, and everything in it survives: every row
 * of every table, the sign-ins, and the answers of the API. Always the migration before the latest,
 * so every new migration is tested against data.
 */
const names = migrationNames();
const previous = names.at(-2)!;
const latest = names.at(-1)!;
let handle: DatabaseHandle;
let schema: string | undefined;

beforeAll(async () => {
  if (TEST_DB === 'pglite') handle = await openDatabase({ dataDir: 'memory://' });
  else {
    schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    handle = await openDatabase({ url: POSTGRES_URL, schema, poolSize: 5 });
  }
}, 120_000);
afterAll(async () => {
  await handle?.close();
  if (schema) {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
});

describe(`upgrading from the previous release's schema (${TEST_DB})`, () => {
  it(`migrates a filled database from ${previous} to ${latest} and keeps all its data`, async () => {
    await migrateTo(handle.db, previous, schema);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(handle.db);
    expect(applied.rows.map((r) => r.name)).toEqual(names.slice(0, -1));
    // Without the demo's finished meeting: its minutes read the speakers' list as the latest release keeps it.
    expect((await seedDemo(handle.db, () => {}, { finishedMeeting: false })).seeded).toBe(true);
    const before = await rowCounts(handle.db);
    expect(before.member_versions).toBeGreaterThan(300);
    const register = await handle.db
      .selectFrom('member_versions')
      .select(['member_id', 'code', 'name', 'valid_from'])
      .orderBy('member_id')
      .orderBy('valid_from')
      .execute();

    await migrateToLatest(handle.db, schema);

    const after = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(handle.db);
    expect(after.rows.map((r) => r.name)).toEqual(names);
    // Every table of the previous release keeps its rows; tables the new migration adds may come on top.
    const counts = await rowCounts(handle.db);
    expect(Object.fromEntries(Object.keys(before).map((table) => [table, counts[table]]))).toEqual(before);
    expect(
      await handle.db.selectFrom('member_versions').select(['member_id', 'code', 'name', 'valid_from']).orderBy('member_id').orderBy('valid_from').execute(),
    ).toEqual(register);

    // The upgraded database serves this release: a demo account signs in and reads the register.
    const app = await buildApp({ config: { ...loadConfig({}), LOG_LEVEL: 'silent', HOUSEKEEPING_INTERVAL_MINUTES: 0 }, database: handle });
    try {
      const signIn = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'medewerker@verenigd.demo', password: 'verenigd-demo' } });
      expect(signIn.statusCode, signIn.body).toBe(201);
      const members = await app.inject({ url: '/api/v1/members?limit=1' });
      expect(members.statusCode).toBe(200);
      expect(members.json().total).toBeGreaterThan(300);
    } finally {
      await app.close();
    }
  }, 240_000);
});
