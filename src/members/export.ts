import { stringify } from 'csv-stringify/sync';
import type { ProfileDocument } from '../profile/schemas.js';
import type { MemberSummary } from './schemas.js';

const COLUMNS = [
  'code',
  'name',
  'province',
  'member_class',
  'population',
  'population_date',
  'vote_weight',
  'size_class',
  'networks',
  'member_class_name',
  'size_class_name',
] as const;

/**
 * The register as CSV in the CBS-like layout plus the derived columns. Classes appear as codes (for
 * systems that read the file) and, in the last two columns, by the profile's Dutch name (for people).
 */
export function membersToCsv(members: readonly MemberSummary[], profile: Pick<ProfileDocument, 'memberClasses' | 'sizeClasses'>): string {
  const memberClass = new Map(profile.memberClasses.map((c) => [c.code, c.name.nl]));
  const sizeClass = new Map(profile.sizeClasses.items.map((c) => [c.code, c.label.nl]));
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
      memberClass.get(m.memberClass) ?? m.memberClass,
      m.sizeClass ? (sizeClass.get(m.sizeClass) ?? m.sizeClass) : '',
    ]),
    { header: true, columns: [...COLUMNS], escape_formulas: true },
  );
}
