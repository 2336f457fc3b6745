import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/core/db/schema.js';
import { openDatabase, type DatabaseHandle } from '../../src/core/db/database.js';
import { migrateToLatest } from '../../src/core/db/migrate.js';

export const TEST_DB = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase extends DatabaseHandle {
  /** A connection string that reaches the same data (PostgreSQL only), for child processes. */
  url: string | undefined;
  /** The PostgreSQL schema this test file works in (PostgreSQL only). */
  schema?: string;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a schema of
 * its own in the test PostgreSQL, dropped again on close.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DB === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
    return { ...handle, url: undefined };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = await openDatabase({ url: POSTGRES_URL, schema, poolSize: 5 });
  await migrateToLatest(handle.db, schema);
  return {
    ...handle,
    schema,
    url: `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    close: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}

/**
 * A second, independent handle on the same PostgreSQL schema: what another app instance
 * behind the same load balancer would open. Close it before the test database.
 */
export async function openSecondHandle(testDb: TestDatabase): Promise<DatabaseHandle> {
  if (!testDb.schema) throw new Error('a second handle needs PostgreSQL');
  return openDatabase({ url: POSTGRES_URL, schema: testDb.schema, poolSize: 5 });
}

/** Rows per table of the schema in use (Kysely's bookkeeping left out): what a backup or an upgrade must keep. */
export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname = current_schema() and c.relname not like 'kysely_%' order by c.relname`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of rows) counts[name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db)).rows[0]!.n);
  return counts;
}
