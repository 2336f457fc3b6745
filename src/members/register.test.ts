import { describe, expect, it } from 'vitest';
import { vngProfile } from '../profile/vng.js';
import { deriveMember, filterMembers, sortMembers, totals, type MemberState } from './register.js';

const state = (name: string, population: number | null, extra: Partial<MemberState> = {}): MemberState => ({
  id: name,
  memberClass: 'municipality',
  code: `GM${name.length}`,
  name,
  province: 'Zuid-Holland',
  population,
  populationDate: population === null ? null : '2024-01-01',
  networks: [],
  ...extra,
});

const members = [
  state("'s-Gravenhage", 566_221, { networks: ['G4'] }),
  state('Alblasserdam', 20_700),
  state('Súdwest-Fryslân', 91_000, { province: 'Friesland' }),
  state('Onbekend', null),
].map((m) => deriveMember(m, vngProfile));

describe('the register as members see it', () => {
  it('derives weight and size class, and leaves both empty without a population', () => {
    expect(members.map((m) => [m.name, m.voteWeight, m.sizeClass])).toEqual([
      ["'s-Gravenhage", 75, 'gte250k'],
      ['Alblasserdam', 20, '20k-50k'],
      ['Súdwest-Fryslân', 75, '50k-100k'],
      ['Onbekend', null, null],
    ]);
  });

  it("sorts by name ignoring the leading 's- and by weight with ties in name order", () => {
    expect(sortMembers(members, 'name').map((m) => m.name)).toEqual(['Alblasserdam', "'s-Gravenhage", 'Onbekend', 'Súdwest-Fryslân']);
    expect(sortMembers(members, '-voteWeight').map((m) => m.name)).toEqual(["'s-Gravenhage", 'Súdwest-Fryslân', 'Alblasserdam', 'Onbekend']);
  });

  it('filters by province, network, size class and a search that ignores accents', () => {
    expect(filterMembers(members, { province: 'friesland' }).map((m) => m.name)).toEqual(['Súdwest-Fryslân']);
    expect(filterMembers(members, { network: 'G4' }).map((m) => m.name)).toEqual(["'s-Gravenhage"]);
    expect(filterMembers(members, { sizeClass: '20k-50k' }).map((m) => m.name)).toEqual(['Alblasserdam']);
    expect(filterMembers(members, { q: 'sudwest' }).map((m) => m.name)).toEqual(['Súdwest-Fryslân']);
  });

  it('totals count, weight and population', () => {
    expect(totals(members)).toEqual({ count: 4, voteWeight: 170, population: 677_921 });
  });
});
