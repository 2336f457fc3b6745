import { stringify } from 'csv-stringify/sync';
import type { MemberSummary } from './schemas.js';

const COLUMNS = ['code', 'name', 'province', 'member_class', 'population', 'population_date', 'vote_weight', 'size_class', 'networks'] as const;

/** The register as CSV in the CBS-like layout plus the derived columns. */
export function membersToCsv(members: readonly MemberSummary[]): string {
  return stringify(
    members.map((m) => [
      m.code,
      m.name,
      m.province,
      m.memberClass,
      m.population ?? '',
      m.populationDate ?? '',
      m.voteWeight ?? '',
      m.sizeClass ?? '',
      m.networks.join(' '),
    ]),
    { header: true, columns: [...COLUMNS], escape_formulas: true },
  );
}
