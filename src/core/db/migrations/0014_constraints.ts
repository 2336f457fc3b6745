import { sql, type Kysely } from 'kysely';

/**
 * The database says what the code assumes (issue 17): enum-like columns accept only the values the
 * code knows, references the code follows become foreign keys, periods that must not overlap per key
 * are exclusion constraints, and every foreign key has an index (PostgreSQL makes none for it, so a
 * delete of the referenced row would scan the referencing table). Values are spelled out here, not
 * imported: a migration is history, and it must not change when the code's lists grow.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createBtreeGist(db);
  for (const [table, name, condition] of CHECKS) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(name)} check (${condition})`.execute(db);
  }

  // The meeting's current item; an item deleted from the agenda is no longer current.
  await sql`alter table meetings add constraint meetings_current_item_fkey foreign key (current_item_id) references agenda_items (id) on delete set null`.execute(
    db,
  );
  // A population import writes its rows before its own record (src/imports/store.ts): checked at commit.
  await sql`alter table member_populations add constraint member_populations_import_fkey foreign key (import_id) references imports (id) deferrable initially deferred`.execute(
    db,
  );

  // A check-in and a consultation response name the office the person acts in: theirs, in that member.
  await sql`alter table offices add constraint offices_holder unique (id, member_id, person_id)`.execute(db);
  for (const table of ['check_ins', 'consultation_responses']) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_office_holder`)} foreign key (office_id, member_id, person_id) references offices (id, member_id, person_id)`.execute(
      db,
    );
  }

  for (const [table, name, definition] of EXCLUSIONS) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(name)} exclude using gist ${definition}`.execute(db);
  }

  for (const [table, columns] of FOREIGN_KEY_COLUMNS) {
    await sql`create index ${sql.ref(indexName(table, columns))} on ${sql.table(table)} (${sql.join(columns.split(', ').map((c) => sql.ref(c)))})`.execute(db);
  }

  // Checking a receipt finds the ballot's log entry by its id (src/voting/votes.ts).
  await sql`create index poll_log_ballot on poll_log (poll_id, (payload ->> 'ballotId')) where kind = 'ballot'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index poll_log_ballot`.execute(db);
  for (const [table, columns] of FOREIGN_KEY_COLUMNS) {
    await sql`drop index ${sql.ref(indexName(table, columns))}`.execute(db);
  }
  for (const [table, name] of [
    ...EXCLUSIONS,
    ['check_ins', 'check_ins_office_holder'],
    ['consultation_responses', 'consultation_responses_office_holder'],
    ['offices', 'offices_holder'],
    ...CHECKS,
    ['member_populations', 'member_populations_import_fkey'],
    ['meetings', 'meetings_current_item_fkey'],
  ]) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(name)}`.execute(db);
  }
  // btree_gist stays: other schemas in the same database may use it.
}

/**
 * btree_gist lets a GiST index compare plain columns with `=` next to a period's `&&`. It is created
 * once per database, in public, where every schema finds its operator classes. Test files migrate
 * their own schemas side by side, so the creation is serialised: two concurrent `create extension
 * if not exists` can both miss the other and one then fails on pg_extension's unique index.
 */
async function createBtreeGist(db: Kysely<any>) {
  await sql`select pg_advisory_xact_lock(hashtext('verenigd:create-extension:btree_gist'))`.execute(db);
  await sql`create extension if not exists btree_gist with schema public`.execute(db);
}

const OFFICE_KINDS = sql`('mayor', 'alderman', 'council-member', 'council-clerk', 'municipal-secretary', 'staff', 'external')`;

const CHECKS: [table: string, name: string, condition: ReturnType<typeof sql>][] = [
  ['offices', 'offices_kind_check', sql`kind in ${OFFICE_KINDS}`],
  // The capacity a person holds a member's vote in is the office's kind.
  ['check_ins', 'check_ins_capacity_check', sql`capacity in ${OFFICE_KINDS}`],
  ['reorganisations', 'reorganisations_kind_check', sql`kind in ('merge', 'rename', 'split', 'join', 'leave')`],
  ['reorganisation_parts', 'reorganisation_parts_role_check', sql`role in ('predecessor', 'successor')`],
  ['imports', 'imports_kind_check', sql`kind in ('population')`],
  ['polls', 'polls_tie_outcome_check', sql`tie_outcome in ('rejected', 'chairDecides')`],
  ['poll_log', 'poll_log_kind_check', sql`kind in ('opened', 'ballot', 'closed', 'cancelled')`],
  [
    'decisions',
    'decisions_outcome_check',
    sql`case subject_type
      when 'agenda-item' then outcome in ('adopted', 'rejected', 'taken-note', 'discussed', 'approved', 'appointed', 'postponed', 'done')
      when 'submission' then outcome in ('adopted', 'rejected', 'held', 'withdrawn')
    end`,
  ],
  // valid_to is exclusive, as for member versions: an ended membership lasted at least a day.
  ['member_networks', 'member_networks_period', sql`valid_to is null or valid_to > valid_from`],
];

const EXCLUSIONS: [table: string, name: string, definition: ReturnType<typeof sql>][] = [
  // One version of a member per day, and a code names one member on a day.
  ['member_versions', 'member_versions_no_overlap', sql`(member_id with =, daterange(valid_from, valid_to) with &&)`],
  ['member_versions', 'member_versions_code_no_overlap', sql`(code with =, daterange(valid_from, valid_to) with &&)`],
  ['member_networks', 'member_networks_no_overlap', sql`(member_id with =, network_code with =, daterange(valid_from, valid_to) with &&)`],
  // An office has one designation at a time (end_date inclusive); a revoked one no longer counts.
  ['designations', 'designations_no_overlap', sql`(office_id with =, daterange(start_date, end_date, '[]') with &&) where (status <> 'revoked')`],
];

/**
 * Foreign key columns that no index led with (a partial index serves only its own rows), and the
 * references added above; one index on an office holder's three columns also serves `office_id` alone.
 */
const FOREIGN_KEY_COLUMNS: [table: string, columns: string][] = [
  ['account_tokens', 'person_id'],
  ['agenda_items', 'parent_id'],
  ['agenda_items', 'approves_meeting_id'],
  ['api_tokens', 'person_id'],
  ['ballots', 'cast_by'],
  ['ballots', 'member_id'],
  ['check_ins', 'meeting_id'],
  ['check_ins', 'member_id'],
  ['check_ins', 'person_id'],
  ['check_ins', 'office_id, member_id, person_id'],
  ['consultation_audience', 'member_id'],
  ['consultation_notifications', 'member_id'],
  ['consultation_responses', 'member_id'],
  ['consultation_responses', 'person_id'],
  ['consultation_responses', 'office_id, member_id, person_id'],
  ['decisions', 'meeting_id'],
  ['decisions', 'poll_id'],
  ['designations', 'requested_by_id'],
  ['designations', 'decided_by_id'],
  ['meeting_appointments', 'meeting_id'],
  ['meeting_appointments', 'person_id'],
  ['member_networks', 'network_code'],
  ['oidc_identities', 'person_id'],
  ['papers', 'agenda_item_id'],
  ['poll_entitlements', 'member_id'],
  ['poll_entitlements', 'holder_person_id'],
  ['polls', 'replaces_poll_id'],
  ['proxies', 'grantor_member_id'],
  ['proxies', 'holder_member_id'],
  ['proxies', 'holder_person_id'],
  ['sessions', 'person_id'],
  ['speakers', 'agenda_item_id'],
  ['speakers', 'member_id'],
  ['submission_invitations', 'submission_id'],
  ['submission_invitations', 'member_id'],
  ['submission_members', 'member_id'],
  ['submission_requests', 'submission_id'],
  ['submission_request_agreements', 'member_id'],
  ['submissions', 'meeting_id'],
  ['member_populations', 'import_id'],
  ['meetings', 'current_item_id'],
];

/** Named after the leading column: `check_ins_office` for (office_id, member_id, person_id). */
const indexName = (table: string, columns: string) => `${table}_${columns.split(', ')[0]!.replace(/_id$/, '')}`;
