import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, DateColumn, Json, Timestamp } from '../core/db/schema.js';

export interface PollOption {
  key: string;
  label: string;
}

export interface PollsTable {
  id: string;
  meeting_id: string;
  subject_type: 'agenda-item' | 'submission' | 'trial';
  subject_id: string | null;
  question: string;
  kind: 'for-against' | 'choice';
  options: Json<PollOption[]>;
  rule: 'simple' | 'twoThirds' | 'double' | 'plurality';
  /** NUMERIC, read as a string. */
  quorum_percent: ColumnType<string | null, number | null, number | null>;
  tie_outcome: 'rejected' | 'chairDecides';
  secrecy: 'named' | 'secret';
  allow_recast: boolean;
  show_running: boolean;
  percent_decimals: number;
  reference_date: DateColumn;
  total_weight: number;
  opened_at: CreatedAt;
  opened_by: string;
  closes_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  cancelled_at: Timestamp | null;
  replaces_poll_id: string | null;
  result: Json<unknown> | null;
  chain_head: string | null;
  /** Where the majority rule comes from, when the subject demands a stricter one (a statute change). */
  rule_source: string | null;
}

export interface PollEntitlementsTable {
  poll_id: string;
  member_id: string;
  weight: number;
  holder_person_id: string;
  via: 'check-in' | 'proxy';
  segments: Json<Record<string, string[]>>;
}

export interface BallotsTable {
  id: string;
  poll_id: string;
  member_id: string;
  option: string;
  cast_by: string;
  client_ballot_id: string;
  receipt: string;
  cast_at: Generated<Date>;
  superseded_at: Timestamp | null;
}

export interface PollLogTable {
  poll_id: string;
  seq: number;
  at: CreatedAt;
  kind: string;
  payload: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

/** The instance's Ed25519 signature over a closed poll's chain head and result (migration 0012). */
export interface PollSealsTable {
  poll_id: string;
  chain_head: string;
  /** The signed text: canonical JSON of { format, pollId, chainHead, result }. */
  message: string;
  /** base64 */
  signature: string;
  /** SPKI PEM of the key that signed. */
  public_key: string;
  key_id: string;
  sealed_at: CreatedAt;
}

export interface VotingTables {
  polls: PollsTable;
  poll_entitlements: PollEntitlementsTable;
  ballots: BallotsTable;
  poll_log: PollLogTable;
  poll_seals: PollSealsTable;
}
