import type { ColumnType } from 'kysely';
import type { DesignationStatus } from './mandates.js';
import type { CreatedAt, DateColumn } from '../core/db/schema.js';

export interface OfficesTable {
  id: string;
  person_id: string;
  member_id: string;
  kind: string;
  party: string | null;
  party_is_local: boolean;
  /** e.g. "financiën" for an alderman; lets a consultation address the alderman for finance. */
  portfolio: ColumnType<string | null, string | null | undefined, string | null>;
  start_date: DateColumn;
  /** Last day in office (inclusive); null while serving. */
  end_date: DateColumn | null;
}

export interface DesignationsTable {
  id: string;
  office_id: string;
  start_date: DateColumn;
  /** Last day of the authorisation (inclusive); null while in force. */
  end_date: DateColumn | null;
  created_at: CreatedAt;
  /** Pending until a second staff member or administrator confirms it (four-eyes); only in-force gives a right to act. */
  status: ColumnType<DesignationStatus, DesignationStatus | undefined, DesignationStatus>;
  /** The account that made a pending designation; it may not confirm it. */
  requested_by_id: ColumnType<string | null, string | null | undefined, string | null>;
  requested_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  decided_by_id: ColumnType<string | null, string | null | undefined, string | null>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why staff refused (revoked) a pending designation; its requester reads it. */
  decision_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A member's own administrator (its secretary): maintains that member's designations (decision 0018). */
export interface MemberAdministratorsTable {
  person_id: string;
  member_id: string;
  granted_at: CreatedAt;
  granted_by: string;
}

export type { DesignationStatus } from './mandates.js';

/** Invitations sent together by staff (src/people/invitation-batches.ts). */
export interface InvitationBatchesTable {
  id: string;
  created_at: CreatedAt;
  created_by: string;
  selection: ColumnType<Record<string, unknown>, string, never>;
}

/** One invitation mail to a person (single or in a batch): its link and its mail, for the status. */
export interface InvitationsTable {
  id: string;
  batch_id: string | null;
  person_id: string;
  token_hash: string;
  mail_id: string;
  invited_at: CreatedAt;
  invited_by: string;
}

export interface PeopleTables {
  offices: OfficesTable;
  designations: DesignationsTable;
  invitation_batches: InvitationBatchesTable;
  invitations: InvitationsTable;
  member_administrators: MemberAdministratorsTable;
}
