import { sql, type Kysely } from 'kysely';

// Arbitrary fixed key of the advisory lock that serialises changes to the member register.
const REGISTER_LOCK = 7_310_001;

/** Key of the advisory lock that lets one instance at a time run housekeeping (src/core/housekeeping.ts). */
export const HOUSEKEEPING_LOCK = 7_310_002;

/**
 * Serialises register changes across transactions and app instances (PostgreSQL advisory
 * lock, released at commit or rollback; PGlite already runs one transaction at a time).
 * Call first thing inside the transaction, before reading what the change depends on.
 */
export async function lockRegister(trx: Kysely<any>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${REGISTER_LOCK})`.execute(trx);
}
