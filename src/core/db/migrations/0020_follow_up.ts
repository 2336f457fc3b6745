import { sql, type Kysely } from 'kysely';

/**
 * Follow-up (issue 15): what becomes of an adopted motion, a decision with an assignment or a
 * commitment made in the meeting (toezegging). Each has an owner, a due date and a status; progress
 * is a dated list of updates. Whether it is overdue is derived from the due date, never stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'uuid', (c) => c.notNull().references('agenda_items.id'))
    // The decision it follows up (an adopted motion, a decision); null for a commitment.
    .addColumn('decision_id', 'uuid', (c) => c.references('decisions.id').unique())
    .addColumn('submission_id', 'uuid', (c) => c.references('submissions.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('motion', 'decision', 'commitment')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('owner_person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('owner_label', 'text')
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'in-progress', 'done', 'not-carried-out')`))
    .addColumn('status_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addCheckConstraint('follow_ups_reason', sql`status <> 'not-carried-out' or length(btrim(coalesce(status_reason, ''))) > 0`)
    .addCheckConstraint('follow_ups_source', sql`(kind = 'commitment') = (decision_id is null)`)
    .execute();
  for (const column of ['meeting_id', 'agenda_item_id', 'submission_id', 'owner_person_id'])
    await db.schema.createIndex(`follow_ups_${column}`).on('follow_ups').column(column).execute();

  await db.schema
    .createTable('follow_up_updates')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('follow_up_id', 'uuid', (c) => c.notNull().references('follow_ups.id').onDelete('cascade'))
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('posted_by', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('status_from', 'text')
    .addColumn('status_to', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('follow_up_updates_follow_up_id').on('follow_up_updates').columns(['follow_up_id', 'posted_at']).execute();
  await db.schema.createIndex('follow_up_updates_person_id').on('follow_up_updates').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('follow_up_updates').execute();
  await db.schema.dropTable('follow_ups').execute();
}
