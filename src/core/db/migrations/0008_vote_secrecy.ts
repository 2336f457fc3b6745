import { sql, type Kysely } from 'kysely';

/**
 * Results stored before the secrecy and trial-vote rules are brought under them, so no channel can
 * serve an old one: a secret poll keeps no breakdown per province, size class or network, and a
 * trial vote is never adopted, rejected or chosen. Only the stored `result` document changes; the
 * hash-chained log and the audit trail stay as they were written.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update polls set result = jsonb_set(result, '{segments}', '{}'::jsonb) where secrecy = 'secret' and result is not null`.execute(db);
  await sql`update polls set result = result || jsonb_build_object('outcome', 'trial', 'ruleMet', null, 'leader', null) where subject_type = 'trial' and result is not null`.execute(
    db,
  );
  await sql`update polls set result = jsonb_set(result, '{statement}', ${JSON.stringify({ nl: 'Proefstemming: telt niet als besluit.', en: 'Trial vote: not a decision.' })}::jsonb) where subject_type = 'trial' and kind = 'choice' and result is not null`.execute(
    db,
  );
}

/** Nothing to undo: a removed breakdown cannot be restored, and the older code reads these results as they are. */
export async function down(): Promise<void> {}
