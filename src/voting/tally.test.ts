import { describe, expect, it } from 'vitest';
import { bySegment, choose, decide, dutchPercent, percentages, type Ballot } from './tally.js';

const noQuorum = { percent: null, presentWeight: 0, totalWeight: 0 };
/** Ballots with the given weights for, against and abstaining, one member each. */
function ballots(forWeights: number[], againstWeights: number[], abstainWeights: number[] = []): Ballot[] {
  const make = (option: string, weights: number[]) => weights.map((weight, i) => ({ memberId: `${option}${i}`, weight, option }));
  return [...make('for', forWeights), ...make('against', againstWeights), ...make('abstain', abstainWeights)];
}

describe('the weighted tally', () => {
  it('passes 51,50% For under a simple majority and fails it under two-thirds', () => {
    const votes = ballots([5150], [4850]);
    expect(decide(votes, 'simple', noQuorum, 'rejected')).toMatchObject({ percentFor: '51.50', percentAgainst: '48.50', outcome: 'adopted' });
    expect(decide(votes, 'twoThirds', noQuorum, 'rejected')).toMatchObject({ outcome: 'rejected', majorityMet: false });
  });

  it('passes 66,67% under two-thirds', () => {
    expect(decide(ballots([6667], [3333]), 'twoThirds', noQuorum, 'rejected')).toMatchObject({ percentFor: '66.67', outcome: 'adopted' });
    expect(decide(ballots([200], [100]), 'twoThirds', noQuorum, 'rejected').outcome).toBe('adopted');
    expect(decide(ballots([6666], [3334]), 'twoThirds', noQuorum, 'rejected').outcome).toBe('rejected');
  });

  it('rejects a tie, or leaves it to the chair when the profile says so', () => {
    const tie = ballots([75, 25], [50, 50]);
    expect(decide(tie, 'simple', noQuorum, 'rejected')).toMatchObject({ percentFor: '50.00', tie: true, outcome: 'rejected' });
    expect(decide(tie, 'simple', noQuorum, 'chairDecides').outcome).toBe('tie');
  });

  it('does not let abstentions move the percentages', () => {
    const without = decide(ballots([75, 40], [20]), 'simple', noQuorum, 'rejected');
    const withAbstentions = decide(ballots([75, 40], [20], [75, 75, 3]), 'simple', noQuorum, 'rejected');
    expect(withAbstentions.percentFor).toBe(without.percentFor);
    expect(withAbstentions.abstain).toEqual({ option: 'abstain', members: 3, weight: 153 });
  });

  it('rejects without the quorum of present weight', () => {
    const votes = ballots([60], [40]);
    expect(decide(votes, 'simple', { percent: 50, presentWeight: 100, totalWeight: 201 }, 'rejected')).toMatchObject({ quorumMet: false, outcome: 'rejected' });
    expect(decide(votes, 'simple', { percent: 50, presentWeight: 100, totalWeight: 200 }, 'rejected')).toMatchObject({ quorumMet: true, outcome: 'adopted' });
  });

  it('asks a double majority of members and of weight', () => {
    // Two large members for, three small against: weight says yes, members say no.
    const votes = ballots([75, 75], [10, 10, 10]);
    expect(decide(votes, 'simple', noQuorum, 'rejected').outcome).toBe('adopted');
    expect(decide(votes, 'double', noQuorum, 'rejected')).toMatchObject({ majorityMet: false, outcome: 'rejected' });
    expect(decide(ballots([75, 10, 10], [75]), 'double', noQuorum, 'rejected').outcome).toBe('adopted');
  });

  it('always publishes percentages that add up to 100,00', () => {
    for (let seed = 1; seed < 500; seed++) {
      const a = (seed * 7919) % 997;
      const b = (seed * 104729) % 991;
      const [p, q] = percentages([a, b], 2);
      if (a + b === 0) continue;
      expect(Math.round((Number(p) + Number(q)) * 100)).toBe(10000);
    }
    expect(percentages([1, 1, 1], 2)).toEqual(['33.34', '33.33', '33.33']);
    expect(decide(ballots([9768], [232]), 'simple', noQuorum, 'rejected').percentFor).toBe('97.68');
    expect(dutchPercent('97.68')).toBe('97,68%');
  });

  it('chooses between several options and breaks results down by segment', () => {
    const votes = [
      { memberId: 'a', weight: 75, option: 'x' },
      { memberId: 'b', weight: 30, option: 'y' },
      { memberId: 'c', weight: 30, option: 'y' },
    ];
    expect(choose(votes, ['x', 'y', 'z'])).toEqual({
      totals: [
        { option: 'x', members: 1, weight: 75, percent: '55.56' },
        { option: 'y', members: 2, weight: 60, percent: '44.44' },
        { option: 'z', members: 0, weight: 0, percent: '0.00' },
      ],
      leader: 'x',
    });
    const segments = bySegment(
      votes,
      [
        { memberId: 'a', segments: { province: ['Utrecht'], network: ['G4'] } },
        { memberId: 'b', segments: { province: ['Zeeland'], network: [] } },
        { memberId: 'c', segments: { province: ['Zeeland'], network: ['P10'] } },
      ],
      ['x', 'y'],
    );
    expect(segments.province!.Zeeland).toEqual([
      { option: 'x', members: 0, weight: 0 },
      { option: 'y', members: 2, weight: 60 },
    ]);
    expect(segments.network!.G4).toEqual([
      { option: 'x', members: 1, weight: 75 },
      { option: 'y', members: 0, weight: 0 },
    ]);
  });
});
