import { sql, type Kysely } from 'kysely';

/**
 * The general meeting around the vote: agenda with papers, motions and amendments (one table:
 * "submissions"), committee appointments, the course (speakers, decisions) and minutes versions.
 * States such as an item's outcome or a motion's status are derived from decisions, not stored twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('meetings')
    .addColumn('body', 'text', (c) => c.notNull().defaultTo('general-meeting').check(sql`body in ('general-meeting')`))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('in-person').check(sql`mode in ('in-person', 'online', 'hybrid')`))
    .addColumn('start_time', 'text', (c) => c.check(sql`start_time ~ '^[0-2][0-9]:[0-5][0-9]$'`))
    .addColumn('motion_deadline', 'timestamptz')
    .addColumn('convened_at', 'timestamptz')
    .addColumn('opened_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('current_item_id', 'uuid')
    .addColumn('minutes_faithful_at', 'timestamptz')
    .addColumn('minutes_faithful_by', 'text')
    .execute();

  // Chair, technical chair, vote-counting committee and minutes committee: proposed beforehand,
  // appointed in the meeting (by the decision on the appointments item).
  await db.schema
    .createTable('meeting_appointments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('function', 'text', (c) => c.notNull().check(sql`function in ('chair', 'technical-chair', 'counting-committee', 'minutes-committee')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid', (c) => c.references('agenda_items.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().defaultTo('regular').check(sql`kind in ('regular', 'opening', 'appointments', 'previous-minutes', 'any-other-business', 'closing')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('decision', 'information', 'discussion', 'approval')`))
    .addColumn('portfolio_holder', 'text')
    .addColumn('decision_text', 'text')
    .addColumn('summary', 'text')
    .addColumn('letter', 'text')
    .addColumn('public', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('approves_meeting_id', 'uuid', (c) => c.references('meetings.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('agenda_items_meeting').on('agenda_items').columns(['meeting_id', 'parent_id', 'position']).execute();

  await db.schema
    .createTable('papers')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('agenda_item_id', 'uuid', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('public', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('paper_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('paper_id', 'uuid', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('paper_versions_version', ['paper_id', 'version'])
    .execute();

  // Motions and amendments share filing, submitters, board advice and outcome.
  await db.schema
    .createTable('submissions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('motion', 'amendment')`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('agenda_item_id', 'uuid', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('considerations', 'text')
    .addColumn('request', 'text')
    .addColumn('proposed_text', 'text')
    // The decision text the amendment was written against: adopting it requires that text to be current.
    .addColumn('base_text', 'text')
    .addColumn('explanation', 'text')
    .addColumn('on_behalf_of', 'text')
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('late_admitted_by', 'text')
    .addColumn('board_advice', 'text', (c) => c.check(sql`board_advice in ('take-over', 'advise-against', 'leave-to-meeting', 'positive')`))
    .addColumn('advice_reasoning', 'text')
    .addColumn('advice_at', 'timestamptz')
    .addColumn('group_label', 'text')
    .addColumn('group_position', 'integer')
    .addCheckConstraint('submissions_motion_text', sql`kind <> 'motion' or (request is not null)`)
    .addCheckConstraint('submissions_amendment_text', sql`kind <> 'amendment' or (proposed_text is not null)`)
    .execute();
  await db.schema.createIndex('submissions_item').on('submissions').column('agenda_item_id').execute();
  await db.schema
    .createTable('submission_members')
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('joined_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('submission_members_pk', ['submission_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('speakers')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('agenda_item_id', 'uuid', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull().check(sql`round in (1, 2)`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('member_id', 'uuid', (c) => c.references('members.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One outcome per agenda item, motion or amendment; the minutes' phrase derives from it.
  await db.schema
    .createTable('decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type in ('agenda-item', 'submission')`))
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('acclamation', 'vote', 'none')`))
    .addColumn('note', 'text')
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('minutes_approved_at', 'timestamptz')
    // For a previous-minutes item: the version of those minutes the meeting approved.
    .addColumn('minutes_version', 'integer')
    .addUniqueConstraint('decisions_subject', ['subject_type', 'subject_id'])
    .execute();

  await db.schema
    .createTable('minutes_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('minutes_versions_version', ['meeting_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'minutes_versions',
    'decisions',
    'speakers',
    'submission_members',
    'submissions',
    'paper_versions',
    'papers',
    'agenda_items',
    'meeting_appointments',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  let alter = db.schema.alterTable('meetings').dropColumn('body');
  for (const column of [
    'mode',
    'start_time',
    'motion_deadline',
    'convened_at',
    'opened_at',
    'closed_at',
    'current_item_id',
    'minutes_faithful_at',
    'minutes_faithful_by',
  ]) {
    alter = alter.dropColumn(column) as typeof alter;
  }
  await alter.execute();
}
