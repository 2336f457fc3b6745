import { sql, type Kysely } from 'kysely';

/**
 * Submitting together needs everyone's consent. A member becomes co-submitter of a motion or
 * amendment only when the first submitter invites it and its representative accepts (or the first
 * submitter adds it); holding or withdrawing may need the agreement of every submitter, so a request
 * waits here until each has agreed. Answers and agreements are kept, not deleted: they are evidence.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('submission_invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('invited_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('invited_by', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.check(sql`answer in ('accepted', 'declined', 'cancelled')`))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answered_by', 'text')
    .execute();
  // One open invitation per member and submission.
  await sql`create unique index submission_invitations_open on submission_invitations (submission_id, member_id) where answer is null`.execute(db);

  await db.schema
    .createTable('submission_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('held', 'withdrawn')`))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('closure', 'text', (c) => c.check(sql`closure in ('decided', 'declined', 'cancelled')`))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .execute();
  // One pending hold or withdrawal per submission.
  await sql`create unique index submission_requests_pending on submission_requests (submission_id) where closure is null`.execute(db);

  await db.schema
    .createTable('submission_request_agreements')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('submission_requests.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('agreed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('agreed_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('submission_request_agreements_pk', ['request_id', 'member_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('submission_request_agreements').execute();
  await db.schema.dropTable('submission_requests').execute();
  await db.schema.dropTable('submission_invitations').execute();
}
