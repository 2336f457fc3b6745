import type { Kysely } from 'kysely';

/**
 * Member administrators (issue 16, decision 0018): a member's own secretary maintains that member's
 * designations. The role is held for one member, so it is a row per person and member, granted by an
 * administrator; and a designation refused by staff keeps the reason, which its requester reads.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('member_administrators')
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(db.fn('now')))
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_administrators_pkey', ['person_id', 'member_id'])
    .execute();
  await db.schema.createIndex('member_administrators_member_id').on('member_administrators').column('member_id').execute();
  await db.schema.alterTable('designations').addColumn('decision_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('designations').dropColumn('decision_reason').execute();
  await db.schema.dropTable('member_administrators').execute();
}
