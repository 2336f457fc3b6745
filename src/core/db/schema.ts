import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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
  /** When the link's page was first opened (an invitation's status "opened"). */
  opened_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'bounced';

/** The mail queue (transactional outbox, src/core/mail-queue.ts). */
export interface MailOutboxTable {
  id: string;
  created_at: CreatedAt;
  recipient: string;
  subject: string;
  body: string;
  /** [{ filename, contentType, content }], content in base64. */
  attachments: ColumnType<StoredAttachment[], string | undefined, string>;
  kind: string;
  about_type: string | null;
  about_id: string | null;
  priority: ColumnType<number, number | undefined, number>;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_until: Timestamp | null;
  last_error: string | null;
  sent_at: Timestamp | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StoredAttachment {
  filename: string;
  contentType?: string;
  /** base64 */
  content: string;
}

export interface CoreTables {
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
  people: PeopleTable;
  person_roles: PersonRolesTable;
  oidc_identities: OidcIdentitiesTable;
  account_tokens: AccountTokensTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  attempt_counters: AttemptCountersTable;
}

/**
 * Every table. The kernel declares its own; each feature's tables are added where the app is
 * composed (src/tables.ts augments this interface), so core imports no feature and every query
 * stays typed.
 */
export interface Database extends CoreTables {}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
