import { sql, type Kysely } from 'kysely';

/**
 * Member consultations (ledenraadplegingen): the consultation with its questions and papers, the
 * audience frozen at launch, one response per member, and a ledger of notifications that makes
 * sending idempotent across app instances. Offices gain a portfolio so a consultation can be
 * addressed to, say, the alderman for finance.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('offices').addColumn('portfolio', 'text').execute();

  await db.schema
    .createTable('consultations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('dossier', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('audience', 'jsonb', (c) => c.notNull())
    .addColumn('responder', 'jsonb', (c) => c.notNull())
    .addColumn('opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reminder_hours', 'jsonb', (c) => c.notNull())
    .addColumn('launched_at', 'timestamptz')
    .addColumn('outcome_kind', 'text', (c) => c.check(sql`outcome_kind in ('position', 'differentiated', 'none', 'motion')`))
    .addColumn('outcome_text', 'text')
    .addColumn('outcome_recorded_at', 'timestamptz')
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('consultations_period', sql`closes_at > opens_at`)
    .execute();

  await db.schema
    .createTable('consultation_questions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 1`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('position', 'single', 'multiple', 'ranking', 'scale', 'open')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('help', 'text')
    .addColumn('options', 'jsonb', (c) => c.notNull())
    .addColumn('scale', 'jsonb')
    .addColumn('required', 'boolean', (c) => c.notNull())
    .addColumn('condition', 'jsonb')
    .addUniqueConstraint('consultation_questions_position', ['consultation_id', 'position'])
    .execute();

  await db.schema
    .createTable('consultation_papers')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_papers_consultation').on('consultation_papers').column('consultation_id').execute();

  // The audience as of the opening date: results are computed over this, never the live register.
  await db.schema
    .createTable('consultation_audience')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('size_class', 'text')
    .addColumn('member_class', 'text', (c) => c.notNull())
    .addColumn('networks', 'jsonb', (c) => c.notNull())
    .addColumn('vote_weight', 'integer', (c) => c.notNull().check(sql`vote_weight >= 0`))
    .addColumn('population', 'integer')
    .addPrimaryKeyConstraint('consultation_audience_pk', ['consultation_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('consultation_responses')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('party', 'text')
    .addColumn('party_is_local', 'boolean', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted')`))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One submission per member, however many representatives answer at once.
    .addUniqueConstraint('consultation_responses_one_per_member', ['consultation_id', 'member_id'])
    .execute();

  // A row is claimed before a mail is sent, so no two app instances send the same notification.
  await db.schema
    .createTable('consultation_notifications')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('consultation_notifications_pk', ['consultation_id', 'member_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'consultation_notifications',
    'consultation_responses',
    'consultation_audience',
    'consultation_papers',
    'consultation_questions',
    'consultations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('offices').dropColumn('portfolio').execute();
}
