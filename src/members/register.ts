import { memberClassOf, sizeClassOf, voteWeight } from '../profile/rules.js';
import type { ProfileDocument } from '../profile/schemas.js';
import type { MemberFilters, MemberSort, MemberSummary } from './schemas.js';

/** A member as stored on a date, before anything is derived. */
export interface MemberState {
  id: string;
  memberClass: string;
  code: string;
  name: string;
  province: string;
  population: number | null;
  populationDate: string | null;
  networks: string[];
}

/** Adds what the statutes derive from the population: vote weight and size class. */
export function deriveMember(state: MemberState, profile: ProfileDocument): MemberSummary {
  const rule = memberClassOf(profile, state.memberClass)?.voteWeight;
  const known = state.population !== null;
  return {
    ...state,
    voteWeight: known && rule ? voteWeight(state.population!, rule) : null,
    sizeClass: known ? (sizeClassOf(state.population!, profile.sizeClasses.items)?.code ?? null) : null,
  };
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('nl');

export function filterMembers(members: readonly MemberSummary[], filters: MemberFilters): MemberSummary[] {
  const q = filters.q ? fold(filters.q.trim()) : '';
  const province = filters.province ? fold(filters.province) : '';
  return members.filter(
    (m) =>
      (!q || fold(m.name).includes(q) || fold(m.code).includes(q)) &&
      (!province || fold(m.province) === province) &&
      (!filters.network || m.networks.includes(filters.network)) &&
      (!filters.sizeClass || m.sizeClass === filters.sizeClass) &&
      (!filters.memberClass || m.memberClass === filters.memberClass),
  );
}

// Dutch collation ignores the leading "'s-" of 's-Gravenhage, as CBS lists do.
const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
const sortName = (name: string) => name.replace(/^'s-/i, '');

export function sortMembers(members: readonly MemberSummary[], sort: MemberSort = 'name'): MemberSummary[] {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as 'name' | 'population' | 'voteWeight' | 'province' | 'code';
  const byName = (a: MemberSummary, b: MemberSummary) => collator.compare(sortName(a.name), sortName(b.name));
  const compare = (a: MemberSummary, b: MemberSummary): number => {
    switch (key) {
      case 'name':
        return byName(a, b);
      case 'province':
      case 'code':
        return collator.compare(a[key], b[key]);
      case 'population':
      case 'voteWeight':
        return (a[key] ?? -1) - (b[key] ?? -1);
    }
  };
  // Ties fall back to name order in both directions, so the list is stable for readers.
  return [...members].sort((a, b) => (descending ? -compare(a, b) : compare(a, b)) || byName(a, b));
}

export function totals(members: readonly MemberSummary[]) {
  return members.reduce(
    (sum, m) => ({ count: sum.count + 1, voteWeight: sum.voteWeight + (m.voteWeight ?? 0), population: sum.population + (m.population ?? 0) }),
    { count: 0, voteWeight: 0, population: 0 },
  );
}
