import type { CreatedAt, Timestamp } from '../core/db/schema.js';

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
  submission_invitations: SubmissionInvitationsTable;
  submission_requests: SubmissionRequestsTable;
  submission_request_agreements: SubmissionRequestAgreementsTable;
}
