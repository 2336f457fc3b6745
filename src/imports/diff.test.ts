import { describe, expect, it } from 'vitest';
import { vngProfile } from '../profile/vng.js';
import type { MemberState } from '../members/register.js';
import { diffPopulationFile, figureKey, type DiffInput } from './diff.js';
import type { PopulationRow } from './parse.js';

const member = (id: string, code: string, name: string, population: number | null, province = 'Gelderland'): MemberState => ({
  id,
  memberClass: 'municipality',
  code,
  name,
  province,
  population,
  populationDate: population === null ? null : '2016-01-01',
  networks: [],
});
const row = (line: number, code: string, name: string, population: number, province = 'Gelderland'): PopulationRow => ({
  line,
  code,
  name,
  province,
  population,
  populationDate: '2024-01-01',
});

const base = (overrides: Partial<DiffInput>): DiffInput => ({
  fileName: 'test.csv',
  effectiveDate: '2024-01-01',
  memberClass: 'municipality',
  rows: [],
  current: [],
  storedFigures: new Map(),
  changedLater: new Set(),
  profile: vngProfile,
  ...overrides,
});

describe('the dry-run report of a population file', () => {
  const current = [member('a', 'GM0001', 'Ateren', 74_500), member('b', 'GM0002', 'Beekdal', 12_000), member('c', 'GM0003', 'Cuijkerveld', 30_000)];

  it('lists added, removed and renamed members, population changes and the weight changes that follow', () => {
    const report = diffPopulationFile(
      base({
        current,
        rows: [row(2, 'GM0001', 'Ateren', 75_100), row(3, 'GM0002', 'Beekdal aan Zee', 12_400), row(4, 'GM0009', 'Nieuwstad', 999, 'Zeeland')],
      }),
    );
    expect(report.added).toEqual([{ code: 'GM0009', name: 'Nieuwstad', province: 'Zeeland', population: 999, voteWeight: 1 }]);
    expect(report.removed).toEqual([{ memberId: 'c', code: 'GM0003', name: 'Cuijkerveld', province: 'Gelderland', population: 30_000, voteWeight: 30 }]);
    expect(report.renamed).toEqual([{ memberId: 'b', code: 'GM0002', nameBefore: 'Beekdal', nameAfter: 'Beekdal aan Zee' }]);
    expect(report.populationChanges.map((c) => [c.code, c.populationBefore, c.populationAfter, c.voteWeightBefore, c.voteWeightAfter])).toEqual([
      ['GM0001', 74_500, 75_100, 74, 75],
      ['GM0002', 12_000, 12_400, 12, 12],
    ]);
    expect(report.weightChangeCount).toBe(1);
    expect(report.totals).toEqual({
      countBefore: 3,
      countAfter: 3,
      voteWeightBefore: 74 + 12 + 30,
      voteWeightAfter: 75 + 12 + 1,
      populationBefore: 116_500,
      populationAfter: 88_499,
    });
    expect(report.hasChanges).toBe(true);
    expect(report.blocking).toEqual([]);
  });

  it('finds nothing to do when the same figures are already stored', () => {
    const report = diffPopulationFile(
      base({
        current: [member('a', 'GM0001', 'Ateren', 75_100)],
        rows: [row(2, 'GM0001', 'Ateren', 75_100)],
        storedFigures: new Map([[figureKey('a', '2024-01-01'), 75_100]]),
      }),
    );
    expect(report.hasChanges).toBe(false);
    expect(report.unchangedCount).toBe(1);
  });

  it('blocks a removal or rename of a member whose history already changes later', () => {
    const report = diffPopulationFile(
      base({ current, rows: [row(2, 'GM0001', 'Ateren', 74_500), row(3, 'GM0002', 'Beekdal', 12_000)], changedLater: new Set(['c']) }),
    );
    expect(report.blocking).toEqual([{ code: 'GM0003', name: 'Cuijkerveld', reason: 'later-change' }]);
  });
});
