import { sql, type Kysely } from 'kysely';

/**
 * Live weighted voting: polls with their entitlements frozen at opening, ballots (a recast
 * supersedes, never overwrites), and a hash-chained log of every ballot and state change.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('polls')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type in ('agenda-item', 'submission', 'trial')`))
    .addColumn('subject_id', 'uuid')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('for-against', 'choice')`))
    .addColumn('options', 'jsonb', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull().check(sql`rule in ('simple', 'twoThirds', 'double', 'plurality')`))
    .addColumn('quorum_percent', 'numeric')
    .addColumn('tie_outcome', 'text', (c) => c.notNull())
    .addColumn('secrecy', 'text', (c) => c.notNull().check(sql`secrecy in ('named', 'secret')`))
    .addColumn('allow_recast', 'boolean', (c) => c.notNull())
    .addColumn('show_running', 'boolean', (c) => c.notNull())
    .addColumn('percent_decimals', 'integer', (c) => c.notNull())
    .addColumn('reference_date', 'date', (c) => c.notNull())
    .addColumn('total_weight', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('replaces_poll_id', 'uuid', (c) => c.references('polls.id'))
    .addColumn('result', 'jsonb')
    .addColumn('chain_head', 'text')
    .execute();
  await db.schema.createIndex('polls_meeting').on('polls').column('meeting_id').execute();
  // One open poll per meeting: the hall votes on one question at a time.
  await sql`create unique index polls_one_open on polls (meeting_id) where closed_at is null and cancelled_at is null`.execute(db);

  await db.schema
    .createTable('poll_entitlements')
    .addColumn('poll_id', 'uuid', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('weight', 'integer', (c) => c.notNull().check(sql`weight >= 0`))
    .addColumn('holder_person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('check-in', 'proxy')`))
    .addColumn('segments', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_entitlements_pk', ['poll_id', 'member_id'])
    .execute();
  await db.schema.createIndex('poll_entitlements_holder').on('poll_entitlements').columns(['poll_id', 'holder_person_id']).execute();

  await db.schema
    .createTable('ballots')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('poll_id', 'uuid', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('option', 'text', (c) => c.notNull())
    .addColumn('cast_by', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('client_ballot_id', 'text', (c) => c.notNull())
    .addColumn('receipt', 'text', (c) => c.notNull())
    .addColumn('cast_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('superseded_at', 'timestamptz')
    .addUniqueConstraint('ballots_client_id', ['poll_id', 'client_ballot_id'])
    .addUniqueConstraint('ballots_receipt', ['poll_id', 'receipt'])
    .execute();
  // One ballot per member counts: a recast supersedes the earlier one.
  await sql`create unique index ballots_one_per_member on ballots (poll_id, member_id) where superseded_at is null`.execute(db);

  await db.schema
    .createTable('poll_log')
    .addColumn('poll_id', 'uuid', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_log_pk', ['poll_id', 'seq'])
    .execute();

  // A decision taken by vote points at the counted poll.
  await db.schema
    .alterTable('decisions')
    .addColumn('poll_id', 'uuid', (c) => c.references('polls.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('decisions').dropColumn('poll_id').execute();
  for (const table of ['poll_log', 'ballots', 'poll_entitlements', 'polls']) await db.schema.dropTable(table).execute();
}
