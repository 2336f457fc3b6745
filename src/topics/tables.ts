import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../core/db/schema.js';
import type { Combine, Route, TopicStatus } from './rules.js';

/** A member's own agenda item: proposed with a short case, supported by other members, triaged by staff. */
export interface TopicsTable {
  id: string;
  member_id: string;
  proposed_by: string;
  proposed_at: CreatedAt;
  title: string;
  case_text: string;
  status: Generated<TopicStatus>;
  reached_at: Timestamp | null;
  route: Route | null;
  route_to: string | null;
  reason: string | null;
  triaged_at: Timestamp | null;
  triaged_by: string | null;
}

/** One member's support, given by one of its representatives; once per member. */
export interface TopicSupportsTable {
  topic_id: string;
  member_id: string;
  person_id: string;
  supported_at: CreatedAt;
}

/** The support a topic needs before triage (one row; without it, DEFAULT_THRESHOLD). */
export interface TopicThresholdTable {
  id: number;
  members: number | null;
  weight_share: number | null;
  population_share: number | null;
  combine: Combine;
  set_at: Timestamp;
  set_by: string;
}

export interface TopicTables {
  topics: TopicsTable;
  topic_supports: TopicSupportsTable;
  topic_threshold: TopicThresholdTable;
}
