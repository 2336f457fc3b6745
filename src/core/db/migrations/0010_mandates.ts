import { sql, type Kysely } from 'kysely';

/**
 * Mandates in force and four-eyes designations (decision 0010).
 *
 * A designation is in force, pending (made by an account for itself or for a person it created,
 * invited or re-addressed, until a different staff member or administrator confirms it) or revoked.
 * Existing designations were made under the old rules and stay in force. A check-in records why it
 * ended when the mandate behind it ended, so the door's list can say so.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('designations')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('in-force').check(sql`status in ('in-force', 'pending', 'revoked')`))
    .addColumn('requested_by_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('requested_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('decided_by', 'text')
    .execute();
  await sql`create index designations_pending on designations (created_at) where status = 'pending'`.execute(db);
  // Four-eyes asks the audit trail who created, invited or re-addressed a person.
  await sql`create index if not exists audit_log_entity on audit_log (entity_type, entity_id)`.execute(db);
  await db.schema
    .alterTable('check_ins')
    .addColumn('checkout_reason', 'text', (c) => c.check(sql`checkout_reason in ('mandate-ended')`))
    .execute();
  await sql`alter table proxies drop constraint if exists proxies_revocation_reason_check`.execute(db);
  await sql`alter table proxies add constraint proxies_revocation_reason_check check (revocation_reason in ('revoked', 'member-checked-in', 'mandate-ended'))`.execute(
    db,
  );
  // The cast path looks up the proxy behind an entitlement, revoked or not.
  await sql`create index if not exists proxies_meeting_grantor on proxies (meeting_id, grantor_member_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists proxies_meeting_grantor`.execute(db);
  await sql`alter table proxies drop constraint if exists proxies_revocation_reason_check`.execute(db);
  await sql`update proxies set revocation_reason = 'revoked' where revocation_reason = 'mandate-ended'`.execute(db);
  await sql`alter table proxies add constraint proxies_revocation_reason_check check (revocation_reason in ('revoked', 'member-checked-in'))`.execute(db);
  await db.schema.alterTable('check_ins').dropColumn('checkout_reason').execute();
  await sql`drop index if exists designations_pending`.execute(db);
  await sql`drop index if exists audit_log_entity`.execute(db);
  await sql`delete from designations where status <> 'in-force'`.execute(db);
  await db.schema
    .alterTable('designations')
    .dropColumn('status')
    .dropColumn('requested_by_id')
    .dropColumn('requested_by')
    .dropColumn('decided_at')
    .dropColumn('decided_by_id')
    .dropColumn('decided_by')
    .execute();
}
