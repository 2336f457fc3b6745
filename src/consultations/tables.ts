import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, Timestamp } from '../core/db/schema.js';
import type { Answers, Audience, Condition, OutcomeKind, QuestionKind, Responder, ResponseStatus, Scale } from './schemas.js';

export interface ConsultationsTable {
  id: string;
  title: string;
  dossier: string;
  explanation: ColumnType<string, string | undefined, string>;
  owner: string;
  audience: Json<Audience>;
  responder: Json<Responder>;
  opens_at: Timestamp;
  closes_at: Timestamp;
  reminder_hours: Json<number[]>;
  /** Null while a draft. */
  launched_at: Timestamp | null;
  outcome_kind: OutcomeKind | null;
  outcome_text: string | null;
  outcome_recorded_at: Timestamp | null;
  published_at: Timestamp | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface ConsultationQuestionsTable {
  id: string;
  consultation_id: string;
  position: number;
  kind: QuestionKind;
  text: string;
  help: string | null;
  options: Json<string[]>;
  scale: Json<Scale> | null;
  required: boolean;
  condition: Json<Condition> | null;
}

export interface ConsultationPapersTable {
  id: string;
  consultation_id: string;
  title: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_at: CreatedAt;
  uploaded_by: string;
}

export interface ConsultationAudienceTable {
  consultation_id: string;
  member_id: string;
  name: string;
  code: string;
  province: string;
  size_class: string | null;
  member_class: string;
  networks: Json<string[]>;
  vote_weight: number;
  population: number | null;
}

export interface ConsultationResponsesTable {
  id: string;
  consultation_id: string;
  member_id: string;
  person_id: string;
  office_id: string;
  party: string | null;
  party_is_local: boolean;
  answers: Json<Answers>;
  status: ResponseStatus;
  version: number;
  submitted_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ConsultationNotificationsTable {
  consultation_id: string;
  member_id: string;
  /** 'invitation', 'reminder-<hours>', 'reminder-manual-<time>' or 'outcome-<time of the outcome record>'. */
  kind: string;
  claimed_at: CreatedAt;
}

export interface ConsultationTables {
  consultations: ConsultationsTable;
  consultation_questions: ConsultationQuestionsTable;
  consultation_papers: ConsultationPapersTable;
  consultation_audience: ConsultationAudienceTable;
  consultation_responses: ConsultationResponsesTable;
  consultation_notifications: ConsultationNotificationsTable;
}
