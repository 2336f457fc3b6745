import type { CreatedAt, DateColumn } from '../core/db/schema.js';

export interface MembersTable {
  id: string;
  member_class: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  address: string | null;
  created_at: CreatedAt;
}

export interface MemberVersionsTable {
  id: string;
  member_id: string;
  valid_from: DateColumn;
  /** Exclusive end; null while current. */
  valid_to: DateColumn | null;
  code: string;
  name: string;
  province: string;
}

export interface MemberPopulationsTable {
  id: string;
  member_id: string;
  reference_date: DateColumn;
  population: number;
  source: string;
  import_id: string | null;
  recorded_at: CreatedAt;
}

export interface NetworksTable {
  code: string;
  name: string;
  description: string;
}

export interface MemberNetworksTable {
  id: string;
  member_id: string;
  network_code: string;
  valid_from: DateColumn;
  valid_to: DateColumn | null;
}

export interface ReorganisationsTable {
  id: string;
  kind: string;
  effective_date: DateColumn;
  note: string;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface ReorganisationPartsTable {
  reorganisation_id: string;
  member_id: string;
  role: 'predecessor' | 'successor';
}

export interface MemberTables {
  members: MembersTable;
  member_versions: MemberVersionsTable;
  member_populations: MemberPopulationsTable;
  networks: NetworksTable;
  member_networks: MemberNetworksTable;
  reorganisations: ReorganisationsTable;
  reorganisation_parts: ReorganisationPartsTable;
}
