import type { DecisionMethod } from '../agenda/phrases.js';
import type { CreatedAt, Timestamp } from '../core/db/schema.js';

export interface SpeakersTable {
  id: string;
  agenda_item_id: string;
  round: 1 | 2;
  name: string;
  member_id: string | null;
  recorded_at: CreatedAt;
}

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

export interface CourseTables {
  speakers: SpeakersTable;
  decisions: DecisionsTable;
}
