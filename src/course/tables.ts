import type { DecisionMethod } from '../agenda/phrases.js';
import type { ColumnType } from 'kysely';
import type { CreatedAt, Timestamp } from '../core/db/schema.js';

export interface SpeakersTable {
  id: string;
  agenda_item_id: string;
  round: 1 | 2;
  name: string;
  member_id: string | null;
  recorded_at: CreatedAt;
  /** waiting for the floor, speaking now, done, or withdrawn (by the chair or the person who asked). */
  status: ColumnType<SpeakerStatus, SpeakerStatus | undefined, SpeakerStatus>;
  /** The person who asked to speak themself; null when the chair or staff put the speaker on the list. */
  person_id: string | null;
  floor_at: Timestamp | null;
}

export type SpeakerStatus = 'waiting' | 'speaking' | 'done' | 'withdrawn';
export type ScreenContent = 'auto' | 'agenda' | 'current-item' | 'submission' | 'speakers' | 'poll';

/** What the projector in the hall shows, as the chair chose it; no row: 'auto'. */
export interface MeetingScreensTable {
  meeting_id: string;
  content: ScreenContent;
  /** The motion or amendment (content 'submission') or the poll (content 'poll'). */
  subject_id: string | null;
  chosen_at: ColumnType<Date, Date | undefined, Date>;
  chosen_by: string;
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
  meeting_screens: MeetingScreensTable;
}
