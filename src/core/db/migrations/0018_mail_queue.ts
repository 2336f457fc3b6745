import { sql, type Kysely } from 'kysely';

/**
 * Mail at scale (issue 16): a durable outbox the kernel owns. Callers insert their mails in the
 * transaction of the action they are about, so a mail exists exactly when the action committed; a
 * background sender delivers them with retries. Invitation links learn when they were opened, and
 * the people feature keeps a row per invitation (single or in a batch) for its status.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // [{ filename, contentType, content (base64) }]: an iCalendar file or a PDF survives the queue byte for byte.
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // What the mail is for (invitation, password-reset, convocation, ...) and, optionally, about which record.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('about_type', 'text')
    .addColumn('about_id', 'text')
    // Higher goes first: a password reset does not wait behind a convocation to 342 members.
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued', 'sending', 'sent', 'failed', 'bounced')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // While sending: the claim ends here, so a mail an instance died on is taken up again.
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index mail_outbox_due on mail_outbox (priority desc, next_attempt_at) where status in ('queued', 'sending')`.execute(db);
  await db.schema.createIndex('mail_outbox_about').on('mail_outbox').columns(['about_type', 'about_id']).execute();
  await sql`create index mail_outbox_sent_at on mail_outbox (sent_at) where status = 'sent'`.execute(db);

  // The invitation page reports when a link was opened (the token never reaches a server log: it is in the fragment).
  await db.schema.alterTable('account_tokens').addColumn('opened_at', 'timestamptz').execute();

  await db.schema
    .createTable('invitation_batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    // Whom the staff member chose: all representatives without an account, one member's, or a list.
    .addColumn('selection', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('batch_id', 'uuid', (c) => c.references('invitation_batches.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('mail_id', 'uuid', (c) => c.notNull())
    .addColumn('invited_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('invited_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invitations_person').on('invitations').columns(['person_id', 'invited_at']).execute();
  await db.schema.createIndex('invitations_batch').on('invitations').column('batch_id').execute();
  await db.schema.createIndex('invitations_token').on('invitations').column('token_hash').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invitations').execute();
  await db.schema.dropTable('invitation_batches').execute();
  await db.schema.alterTable('account_tokens').dropColumn('opened_at').execute();
  await db.schema.dropTable('mail_outbox').execute();
}
