import type { Generated } from 'kysely';
import type { CreatedAt } from '../core/db/schema.js';

export type AgendaItemKind = 'regular' | 'opening' | 'appointments' | 'previous-minutes' | 'any-other-business' | 'closing';
export type Purpose = 'decision' | 'information' | 'discussion' | 'approval';
export type ChangeKind = 'statutes' | 'rules-of-procedure';

export interface AgendaItemsTable {
  id: string;
  meeting_id: string;
  parent_id: string | null;
  position: number;
  kind: Generated<AgendaItemKind>;
  title: string;
  purpose: Purpose;
  portfolio_holder: string | null;
  decision_text: string | null;
  summary: string | null;
  letter: string | null;
  public: Generated<boolean>;
  approves_meeting_id: string | null;
  created_at: CreatedAt;
  /** A change of the statutes or of the rules of procedure: voted by the profile's stricter rule. */
  change_kind: ChangeKind | null;
}

export interface PapersTable {
  id: string;
  agenda_item_id: string;
  title: string;
  public: Generated<boolean>;
  created_at: CreatedAt;
}

export interface PaperVersionsTable {
  id: string;
  paper_id: string;
  version: number;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_at: CreatedAt;
  uploaded_by: string;
}

export interface AgendaTables {
  agenda_items: AgendaItemsTable;
  papers: PapersTable;
  paper_versions: PaperVersionsTable;
}
