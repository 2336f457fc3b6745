import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { MemberTables } from '../../members/tables.js';
import type { ProfileTables } from '../../profile/tables.js';
import type { ImportTables } from '../../imports/tables.js';

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

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  created_at: CreatedAt;
  disabled_at: Timestamp | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface CoreTables {
  audit_log: AuditLogTable;
  users: UsersTable;
  sessions: SessionsTable;
}

/** Every table, composed from the features that own them. */
export type Database = CoreTables & ProfileTables & MemberTables & ImportTables;

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
