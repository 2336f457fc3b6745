import { sql, type Kysely } from 'kysely';

/**
 * Sign-in security: attempt counters that every instance shares (an attempt is claimed with one
 * upsert before a password is checked, so parallel guesses cannot slip past the limit), and an
 * expiry on every API token. Tokens made before this had none; they get 90 days from now.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attempt_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .execute();
  await sql`update api_tokens set expires_at = now() + interval '90 days' where expires_at is null`.execute(db);
  await db.schema
    .alterTable('api_tokens')
    .alterColumn('expires_at', (c) => c.setNotNull())
    .execute();
  // A row written straight into the table (seeds, benches) expires too.
  await db.schema
    .alterTable('api_tokens')
    .alterColumn('expires_at', (c) => c.setDefault(sql`now() + interval '90 days'`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .alterColumn('expires_at', (c) => c.dropDefault())
    .execute();
  await db.schema
    .alterTable('api_tokens')
    .alterColumn('expires_at', (c) => c.dropNotNull())
    .execute();
  await db.schema.dropTable('attempt_counters').execute();
}
