import { sql, type Kysely } from 'kysely';

/**
 * Members' own agenda items (issue 15): a member's representative proposes a topic with a short case,
 * other members support it (once per member); at the threshold it goes to the staff's triage, which
 * routes it or declines it with a reason. The threshold is a setting, one row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('topics')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('proposed_by', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('case_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('gathering').check(sql`status in ('gathering', 'triage', 'routed', 'declined')`))
    .addColumn('reached_at', 'timestamptz')
    .addColumn('route', 'text', (c) => c.check(sql`route in ('general-meeting', 'committee', 'network', 'expertise-team')`))
    .addColumn('route_to', 'text')
    .addColumn('reason', 'text')
    .addColumn('triaged_at', 'timestamptz')
    .addColumn('triaged_by', 'text')
    .addCheckConstraint('topics_routed', sql`(status = 'routed') = (route is not null)`)
    .addCheckConstraint('topics_declined', sql`status <> 'declined' or length(btrim(coalesce(reason, ''))) > 0`)
    .execute();
  await db.schema.createIndex('topics_member_id').on('topics').column('member_id').execute();
  await db.schema.createIndex('topics_proposed_by').on('topics').column('proposed_by').execute();

  await db.schema
    .createTable('topic_supports')
    .addColumn('topic_id', 'uuid', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('supported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('topic_supports_pkey', ['topic_id', 'member_id'])
    .execute();
  await db.schema.createIndex('topic_supports_member_id').on('topic_supports').column('member_id').execute();
  await db.schema.createIndex('topic_supports_person_id').on('topic_supports').column('person_id').execute();

  await db.schema
    .createTable('topic_threshold')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('members', 'integer', (c) => c.check(sql`members > 0`))
    .addColumn('weight_share', 'double precision', (c) => c.check(sql`weight_share > 0 and weight_share <= 1`))
    .addColumn('population_share', 'double precision', (c) => c.check(sql`population_share > 0 and population_share <= 1`))
    .addColumn('combine', 'text', (c) => c.notNull().check(sql`combine in ('any', 'all')`))
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addCheckConstraint('topic_threshold_some', sql`members is not null or weight_share is not null or population_share is not null`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('topic_threshold').execute();
  await db.schema.dropTable('topic_supports').execute();
  await db.schema.dropTable('topics').execute();
}
