import { sql, type Kysely } from 'kysely';

/**
 * The speakers' list becomes a queue (issue 12): a representative asks to speak, the chair gives the
 * floor and marks the turn done or removes the request. Rows recorded before were recorded after the
 * fact: they are 'done'. And the projector shows what the chair chose for it, one choice per meeting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('speakers')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('done').check(sql`status in ('waiting', 'speaking', 'done', 'withdrawn')`))
    // Who asked for themself; null when the chair or staff put the speaker on the list.
    .addColumn('person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('floor_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('speakers_person_id').on('speakers').column('person_id').execute();
  // One request per person, item and round while it stands.
  await sql`create unique index speakers_one_request on speakers (agenda_item_id, round, person_id) where person_id is not null and status <> 'withdrawn'`.execute(
    db,
  );

  await db.schema
    .createTable('meeting_screens')
    .addColumn('meeting_id', 'uuid', (c) => c.primaryKey().references('meetings.id').onDelete('cascade'))
    .addColumn('content', 'text', (c) => c.notNull().check(sql`content in ('auto', 'agenda', 'current-item', 'submission', 'speakers', 'poll')`))
    .addColumn('subject_id', 'uuid')
    .addColumn('chosen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('chosen_by', 'text', (c) => c.notNull())
    .addCheckConstraint('meeting_screens_subject', sql`(content in ('submission', 'poll')) = (subject_id is not null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meeting_screens').execute();
  await sql`drop index speakers_one_request`.execute(db);
  await db.schema.dropIndex('speakers_person_id').execute();
  await db.schema.alterTable('speakers').dropColumn('floor_at').dropColumn('person_id').dropColumn('status').execute();
}
