import type { CreatedAt, Timestamp } from '../core/db/schema.js';

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

export type InvitationAnswer = 'accepted' | 'declined' | 'cancelled';
export type RequestClosure = 'decided' | 'declined' | 'cancelled';

/** The first submitter's invitation to a member to co-submit; open while `answer` is null. */
export interface SubmissionInvitationsTable {
  id: string;
  submission_id: string;
  member_id: string;
  invited_at: CreatedAt;
  invited_by: string;
  answer: InvitationAnswer | null;
  answered_at: Timestamp | null;
  answered_by: string | null;
}

/** A hold or withdrawal waiting for the submitters' agreement; pending while `closure` is null. */
export interface SubmissionRequestsTable {
  id: string;
  submission_id: string;
  outcome: 'held' | 'withdrawn';
  requested_at: CreatedAt;
  requested_by: string;
  closure: RequestClosure | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
}

export interface SubmissionRequestAgreementsTable {
  request_id: string;
  member_id: string;
  agreed_at: CreatedAt;
  agreed_by: string;
}

export interface MotionTables {
  submissions: SubmissionsTable;
  submission_members: SubmissionMembersTable;
  submission_invitations: SubmissionInvitationsTable;
  submission_requests: SubmissionRequestsTable;
  submission_request_agreements: SubmissionRequestAgreementsTable;
}
