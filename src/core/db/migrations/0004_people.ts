import { sql, type Kysely } from 'kysely';

/**
 * People and who may act for a member: accounts become people with granted roles, offices held
 * in members, designations to act for a member, meetings with check-ins (who held a member's
 * vote when) and proxies. One-time tokens serve invitations and password resets.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users rename to people`.execute(db);
  await sql`alter index users_email rename to people_email`.execute(db);
  await db.schema
    .alterTable('people')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'timestamptz')
    // The last 30-second step a code was accepted for, so a seen code cannot be replayed.
    .addColumn('totp_last_step', 'integer')
    .addColumn('password_changed_at', 'timestamptz')
    .execute();
  await sql`alter table sessions rename column user_id to person_id`.execute(db);

  // Granted roles; "representative" is not granted but derived from designations.
  await db.schema
    .createTable('person_roles')
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'staff', 'chair', 'counting-committee')`))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('person_roles_pk', ['person_id', 'role'])
    .execute();
  await sql`insert into person_roles (person_id, role) select id, role from people where role <> 'representative'`.execute(db);
  await db.schema.alterTable('people').dropColumn('role').execute();

  // Personal API tokens for machine clients (Authorization: Bearer); only a hash is kept.
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('oidc_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('oidc_identities_pk', ['issuer', 'subject'])
    .execute();

  await db.schema
    .createTable('account_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invitation', 'password-reset')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  // An office (ambt) a person holds in a member; end_date is the last day in office.
  await db.schema
    .createTable('offices')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('party', 'text')
    .addColumn('party_is_local', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date')
    .addCheckConstraint('offices_period', sql`end_date is null or end_date >= start_date`)
    .execute();
  await db.schema.createIndex('offices_person').on('offices').column('person_id').execute();
  await db.schema.createIndex('offices_member').on('offices').column('member_id').execute();

  // A member's authorisation for an office holder to act for it; the capacity is the office.
  await db.schema
    .createTable('designations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id').onDelete('cascade'))
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('designations_period', sql`end_date is null or end_date >= start_date`)
    .execute();
  await db.schema.createIndex('designations_office').on('designations').column('office_id').execute();

  // The meeting itself grows with the meetings feature; here it anchors check-ins and proxies.
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('alv', 'balv')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Who held a member's vote in a meeting, and from when until when.
  await db.schema
    .createTable('check_ins')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('capacity', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('checked_in_by', 'text', (c) => c.notNull())
    .addColumn('checked_out_at', 'timestamptz')
    .addColumn('checked_out_by', 'text')
    .execute();
  // Only one ballot per member counts: one holder at a time, and a person holds one member's vote.
  await sql`create unique index check_ins_one_holder on check_ins (meeting_id, member_id) where checked_out_at is null`.execute(db);
  await sql`create unique index check_ins_one_member on check_ins (meeting_id, person_id) where checked_out_at is null`.execute(db);

  // volmacht: a member gives its vote in a meeting to another member's representative.
  await db.schema
    .createTable('proxies')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('grantor_member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('holder_person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('holder_member_id', 'uuid', (c) => c.notNull().references('members.id'))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'text')
    .addColumn('revocation_reason', 'text', (c) => c.check(sql`revocation_reason in ('revoked', 'member-checked-in')`))
    .addCheckConstraint('proxies_other_member', sql`grantor_member_id <> holder_member_id`)
    .execute();
  await sql`create unique index proxies_one_active on proxies (meeting_id, grantor_member_id) where revoked_at is null`.execute(db);
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_at').execute();
  for (const table of ['proxies', 'check_ins', 'meetings', 'designations', 'offices', 'account_tokens', 'oidc_identities', 'api_tokens']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema
    .alterTable('people')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('representative'))
    .execute();
  await sql`update people p set role = r.role from person_roles r where r.person_id = p.id`.execute(db);
  await db.schema.dropTable('person_roles').execute();
  await sql`alter table sessions rename column person_id to user_id`.execute(db);
  await db.schema
    .alterTable('people')
    .dropColumn('totp_secret')
    .dropColumn('totp_enabled_at')
    .dropColumn('totp_last_step')
    .dropColumn('password_changed_at')
    .execute();
  await sql`alter index people_email rename to users_email`.execute(db);
  await sql`alter table people rename to users`.execute(db);
}
