import type { CreatedAt } from '../core/db/schema.js';

export interface MinutesVersionsTable {
  id: string;
  meeting_id: string;
  version: number;
  body: string;
  note: string | null;
  created_at: CreatedAt;
  created_by: string;
}

export interface MinutesTables {
  minutes_versions: MinutesVersionsTable;
}
