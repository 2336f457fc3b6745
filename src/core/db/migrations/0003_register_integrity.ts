import { sql, type Kysely } from 'kysely';

/**
 * Constraints that keep the register's history whole even if two writers race:
 * a member has at most one open version, and a code belongs to at most one current member.
 * Failed sign-ins are counted per account from the audit trail, so that query gets an index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index member_versions_one_open on member_versions (member_id) where valid_to is null`.execute(db);
  await sql`create unique index member_versions_code_open on member_versions (code) where valid_to is null`.execute(db);
  await db.schema.createIndex('audit_log_action_actor_at').on('audit_log').columns(['action', 'actor_label', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_action_actor_at').execute();
  await db.schema.dropIndex('member_versions_code_open').execute();
  await db.schema.dropIndex('member_versions_one_open').execute();
}
