import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, DateColumn, Timestamp } from '../core/db/schema.js';

export interface MeetingsTable {
  id: string;
  kind: 'alv' | 'balv';
  body: Generated<'general-meeting'>;
  title: string;
  date: DateColumn;
  start_time: string | null;
  location: string | null;
  mode: Generated<'in-person' | 'online' | 'hybrid'>;
  motion_deadline: Timestamp | null;
  convened_at: Timestamp | null;
  opened_at: Timestamp | null;
  closed_at: Timestamp | null;
  current_item_id: string | null;
  minutes_faithful_at: Timestamp | null;
  minutes_faithful_by: string | null;
  created_at: CreatedAt;
}

export type AppointmentFunction = 'chair' | 'technical-chair' | 'counting-committee' | 'minutes-committee';

export interface MeetingAppointmentsTable {
  id: string;
  meeting_id: string;
  function: AppointmentFunction;
  name: string;
  person_id: string | null;
  created_at: CreatedAt;
}

export type AgendaItemKind = 'regular' | 'opening' | 'appointments' | 'previous-minutes' | 'any-other-business' | 'closing';
export type Purpose = 'decision' | 'information' | 'discussion' | 'approval';
export type ChangeKind = 'statutes' | 'rules-of-procedure';

export interface AgendaItemsTable {
  id: string;
  meeting_id: string;
  parent_id: string | null;
  position: number;
  kind: Generated<AgendaItemKind>;
  title: string;
  purpose: Purpose;
  portfolio_holder: string | null;
  decision_text: string | null;
  summary: string | null;
  letter: string | null;
  public: Generated<boolean>;
  approves_meeting_id: string | null;
  created_at: CreatedAt;
  /** A change of the statutes or of the rules of procedure: voted by the profile's stricter rule. */
  change_kind: ChangeKind | null;
}

export interface PapersTable {
  id: string;
  agenda_item_id: string;
  title: string;
  public: Generated<boolean>;
  created_at: CreatedAt;
}

export interface PaperVersionsTable {
  id: string;
  paper_id: string;
  version: number;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_at: CreatedAt;
  uploaded_by: string;
}

export type SubmissionKind = 'motion' | 'amendment';
export type BoardAdvice = 'take-over' | 'advise-against' | 'leave-to-meeting' | 'positive';

export interface SubmissionsTable {
  id: string;
  kind: SubmissionKind;
  meeting_id: string;
  agenda_item_id: string;
  title: string;
  considerations: string | null;
  request: string | null;
  proposed_text: string | null;
  base_text: string | null;
  explanation: string | null;
  on_behalf_of: string | null;
  filed_at: CreatedAt;
  filed_by: string;
  late_admitted_by: string | null;
  board_advice: BoardAdvice | null;
  advice_reasoning: string | null;
  advice_at: Timestamp | null;
  group_label: string | null;
  group_position: number | null;
}

export interface SubmissionMembersTable {
  submission_id: string;
  member_id: string;
  position: number;
  joined_at: CreatedAt;
  joined_by: string;
}

export interface SpeakersTable {
  id: string;
  agenda_item_id: string;
  round: 1 | 2;
  name: string;
  member_id: string | null;
  recorded_at: CreatedAt;
}

export type DecisionMethod = 'acclamation' | 'vote' | 'none';

export interface DecisionsTable {
  id: string;
  meeting_id: string;
  subject_type: 'agenda-item' | 'submission';
  subject_id: string;
  outcome: string;
  method: DecisionMethod;
  note: string | null;
  decided_at: CreatedAt;
  recorded_by: string;
  minutes_approved_at: Timestamp | null;
  minutes_version: number | null;
  poll_id: string | null;
}

export interface MinutesVersionsTable {
  id: string;
  meeting_id: string;
  version: number;
  body: string;
  note: string | null;
  created_at: CreatedAt;
  created_by: string;
}

export interface CheckInsTable {
  id: string;
  meeting_id: string;
  member_id: string;
  person_id: string;
  office_id: string;
  /** hoedanigheid: the office in which the person acts. */
  capacity: string;
  checked_in_at: CreatedAt;
  checked_in_by: string;
  checked_out_at: Timestamp | null;
  checked_out_by: string | null;
  /** 'mandate-ended': the designation, office or account behind it ended (not a check-out at the door). */
  checkout_reason: ColumnType<'mandate-ended' | null, 'mandate-ended' | null | undefined, 'mandate-ended' | null>;
}

export interface ProxiesTable {
  id: string;
  meeting_id: string;
  grantor_member_id: string;
  holder_person_id: string;
  holder_member_id: string;
  granted_at: CreatedAt;
  granted_by: string;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revocation_reason: 'revoked' | 'member-checked-in' | 'mandate-ended' | null;
}

export interface MeetingTables {
  meetings: MeetingsTable;
  meeting_appointments: MeetingAppointmentsTable;
  agenda_items: AgendaItemsTable;
  papers: PapersTable;
  paper_versions: PaperVersionsTable;
  submissions: SubmissionsTable;
  submission_members: SubmissionMembersTable;
  speakers: SpeakersTable;
  decisions: DecisionsTable;
  minutes_versions: MinutesVersionsTable;
  check_ins: CheckInsTable;
  proxies: ProxiesTable;
}
