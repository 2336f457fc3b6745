import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { banzhaf } from './banzhaf.js';
import { quotaFor } from './game.js';
import { compareProfiles, type MemberPower, powerBySegment } from './segments.js';

const member = (memberId: string, voteWeight: number, population: number, segments: MemberPower['segments'], power = 0): MemberPower => ({
  memberId,
  voteWeight,
  population,
  banzhaf: power,
  shapleyShubik: power,
  segments,
});

describe('power per segment', () => {
  it('adds up members, shares of weight, inhabitants and power, and the ratio to population share', () => {
    const segments = powerBySegment([
      member('a', 3, 300, { province: ['Noord'], network: ['G4'] }, 0.5),
      member('b', 1, 100, { province: ['Noord'] }, 0.25),
      member('c', 1, 600, { province: ['Zuid'], network: ['G4'] }, 0.25),
    ]);
    expect(segments.find((s) => s.segment === 'Noord')).toEqual({
      dimension: 'province',
      segment: 'Noord',
      members: 2,
      weightShare: 0.8,
      populationShare: 0.4,
      banzhaf: 0.75,
      shapleyShubik: 0.75,
      banzhafPerPopulation: 1.875,
    });
    // A member in two networks counts in both; the capped large city has less power than inhabitants.
    expect(segments.find((s) => s.segment === 'G4')).toMatchObject({ members: 2, populationShare: 0.9, banzhaf: 0.75 });
    expect(segments.find((s) => s.segment === 'Zuid')?.banzhafPerPopulation).toBeCloseTo(0.25 / 0.6, 12);
  });

  it('gives every dimension that covers all members shares that sum to 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 99_999 }), fc.constantFrom('N', 'O', 'Z')), {
          minLength: 1,
          maxLength: 12,
        }),
        (rows) => {
          const weights = rows.map(([w]) => w);
          const index = banzhaf({
            weights,
            quota: quotaFor(
              weights.reduce((a, b) => a + b, 0),
              'simple',
            ),
          }).index;
          const members = rows.map(([w, population, province], i) => member(`m${i}`, w, population, { province: [province] }, index[i] as number));
          const segments = powerBySegment(members);
          for (const key of ['weightShare', 'populationShare', 'members'] as const) {
            const total = segments.reduce((sum, s) => sum + s[key], 0);
            expect(total).toBeCloseTo(key === 'members' ? rows.length : 1, 12);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('comparing a draft profile', () => {
  it('lists each member with its weight and power before and after, biggest change first', () => {
    const changes = compareProfiles(
      [member('a', 75, 800_000, {}, 0.4), member('b', 1, 900, {}, 0.6)],
      [member('a', 750, 800_000, {}, 0.8), member('b', 9, 900, {}, 0.2)],
    );
    expect(changes.map((c) => [c.memberId, c.weightBefore, c.weightAfter])).toEqual([
      ['a', 75, 750],
      ['b', 1, 9],
    ]);
    expect(changes[0]?.banzhafChange).toBeCloseTo(1, 12);
    expect(changes[1]?.banzhafChange).toBeCloseTo(-2 / 3, 12);
  });
});
