import type { Generated } from 'kysely';
import type { CreatedAt, DateColumn } from '../core/db/schema.js';
import type { FollowUpKind, FollowUpStatus } from './rules.js';

/** What becomes of an adopted motion, a decision or a commitment made in the meeting. */
export interface FollowUpsTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string;
  decision_id: string | null;
  submission_id: string | null;
  kind: FollowUpKind;
  title: string;
  description: string | null;
  owner_person_id: string | null;
  owner_name: string;
  owner_label: string | null;
  due_date: DateColumn;
  status: Generated<FollowUpStatus>;
  status_reason: string | null;
  created_at: CreatedAt;
  created_by: string;
}

/** A dated progress update, possibly with a status change. */
export interface FollowUpUpdatesTable {
  id: string;
  follow_up_id: string;
  posted_at: CreatedAt;
  posted_by: string;
  person_id: string | null;
  body: string;
  link: string | null;
  status_from: FollowUpStatus | null;
  status_to: FollowUpStatus | null;
  reason: string | null;
}

export interface FollowUpTables {
  follow_ups: FollowUpsTable;
  follow_up_updates: FollowUpUpdatesTable;
}
