import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { MemberTables } from '../../members/tables.js';
import type { ProfileTables } from '../../profile/tables.js';
import type { ImportTables } from '../../imports/tables.js';
import type { PeopleTables } from '../../people/tables.js';
import type { MeetingTables } from '../../meetings/tables.js';
import type { VotingTables } from '../../voting/tables.js';
import type { ConsultationTables } from '../../consultations/tables.js';
import type { MotionTables } from '../../motions/tables.js';
import type { AgendaTables } from '../../agenda/tables.js';
import type { CourseTables } from '../../course/tables.js';
import type { MinutesTables } from '../../minutes/tables.js';

/** A DATE column, read and written as 'YYYY-MM-DD'. */
export type DateColumn = string;
/** A TIMESTAMPTZ column with a default: read as Date, optional on insert. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Json<T> = ColumnType<T, string, string>;

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Json<Record<string, unknown>>;
}

export interface PeopleTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  /** Base32 secret; set when TOTP setup starts, in force once totp_enabled_at is set. */
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** 30-second steps since 1970 of the last accepted code (fits an integer until the year 4000). */
  totp_last_step: number | null;
  created_at: CreatedAt;
  disabled_at: Timestamp | null;
}

export interface PersonRolesTable {
  person_id: string;
  role: string;
  granted_at: CreatedAt;
}

export interface OidcIdentitiesTable {
  issuer: string;
  subject: string;
  person_id: string;
  linked_at: CreatedAt;
}

export interface AccountTokensTable {
  token_hash: string;
  person_id: string;
  purpose: 'invitation' | 'password-reset';
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: string;
  person_id: string;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  /** Every token expires (default 90 days, at most 365; the column defaults to 90 days). */
  expires_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SessionsTable {
  token_hash: string;
  person_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

/** Attempts per key (e.g. sign-ins per account) in a fixed window; claimed atomically by one upsert. */
export interface AttemptCountersTable {
  key: string;
  window_started_at: Timestamp;
  attempts: number;
}

export interface CoreTables {
  audit_log: AuditLogTable;
  people: PeopleTable;
  person_roles: PersonRolesTable;
  oidc_identities: OidcIdentitiesTable;
  account_tokens: AccountTokensTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  attempt_counters: AttemptCountersTable;
}

/** Every table, composed from the features that own them. */
export type Database = CoreTables &
  ProfileTables &
  MemberTables &
  ImportTables &
  PeopleTables &
  MeetingTables &
  AgendaTables &
  CourseTables &
  MinutesTables &
  VotingTables &
  ConsultationTables &
  MotionTables;

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
