import { sql, type Kysely } from 'kysely';

/**
 * Tamper evidence in the database itself.
 *
 * - `poll_seals`: per closed poll, the instance's Ed25519 signature over its chain head and result.
 * - The poll log, the seals and the audit trail are append-only: UPDATE, DELETE and TRUNCATE are
 *   refused by triggers. Ballots likewise, except the one defined change: a recast marks the earlier
 *   ballot superseded, once, and only when the store has said so in its own transaction
 *   (`set_config('verenigd.supersede', 'on', true)`).
 *
 * Triggers stop the application and anyone holding its database role; a table's owner can still
 * disable them, which is why production runs the application under a role that owns nothing (see
 * docs/decisions/0009-tamper-evident-voting.md) and why verification does not rely on them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('poll_seals')
    .addColumn('poll_id', 'uuid', (c) => c.primaryKey().references('polls.id').onDelete('cascade'))
    .addColumn('chain_head', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('sealed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`
    create function verenigd_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'verenigd: % on % is refused: this table is append-only', tg_op, tg_table_name using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create function verenigd_ballot_supersede_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and coalesce(current_setting('verenigd.supersede', true), '') = 'on'
         and old.superseded_at is null and new.superseded_at is not null
         and (to_jsonb(new) - 'superseded_at') = (to_jsonb(old) - 'superseded_at') then
        return new;
      end if;
      raise exception 'verenigd: % on ballots is refused: a ballot is only ever marked superseded, once, by a recast', tg_op using errcode = '42501';
    end $$`.execute(db);
  for (const table of ['poll_log', 'poll_seals', 'audit_log']) {
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)} for each row execute function verenigd_append_only()`.execute(
      db,
    );
    await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)} for each statement execute function verenigd_append_only()`.execute(
      db,
    );
  }
  await sql`create trigger ballots_append_only before update or delete on ballots for each row execute function verenigd_ballot_supersede_only()`.execute(db);
  await sql`create trigger ballots_no_truncate before truncate on ballots for each statement execute function verenigd_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['poll_log', 'poll_seals', 'audit_log', 'ballots']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_append_only`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger if exists ${sql.raw(`${table}_no_truncate`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists verenigd_ballot_supersede_only()`.execute(db);
  await sql`drop function if exists verenigd_append_only()`.execute(db);
  await db.schema.dropTable('poll_seals').execute();
}
