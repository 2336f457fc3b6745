import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/core/db/schema.js';

const TAMPERABLE = ['ballots', 'poll_log', 'poll_seals', 'audit_log'] as const;

/**
 * Changes data as the database's owner could: with the append-only triggers (migration 0012) switched
 * off for the one transaction, the way `ALTER TABLE … DISABLE TRIGGER` lets an owner bypass them.
 * What verification must still find.
 */
export async function asOwner(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of TAMPERABLE) await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx);
    await work(trx);
    for (const table of TAMPERABLE) await sql`alter table ${sql.table(table)} enable trigger user`.execute(trx);
  });
}
