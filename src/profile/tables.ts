import type { CreatedAt, DateColumn, Json } from '../core/db/schema.js';
import type { ProfileDocument } from './schemas.js';

export interface ProfileVersionsTable {
  id: string;
  effective_from: DateColumn;
  document: Json<ProfileDocument>;
  reason: string;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface ProfileTables {
  profile_versions: ProfileVersionsTable;
}
