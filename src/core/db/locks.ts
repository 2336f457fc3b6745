import { sql, type Kysely } from 'kysely';

// Arbitrary fixed key of the advisory lock that serialises changes to the member register.
const REGISTER_LOCK = 7_310_001;

/**
 * Serialises register changes across transactions and app instances (PostgreSQL advisory
 * lock, released at commit or rollback; PGlite already runs one transaction at a time).
 * Call first thing inside the transaction, before reading what the change depends on.
 */
export async function lockRegister(trx: Kysely<any>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${REGISTER_LOCK})`.execute(trx);
}
