import type { CreatedAt, DateColumn, Json } from '../core/db/schema.js';
import type { PopulationImportReport } from './schemas.js';

export interface ImportsTable {
  id: string;
  kind: 'population';
  file_name: string;
  file_hash: string;
  effective_date: DateColumn;
  report: Json<PopulationImportReport>;
  applied_by: string;
  applied_at: CreatedAt;
}

export interface ImportTables {
  imports: ImportsTable;
}
