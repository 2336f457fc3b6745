import { describe, expect, it } from 'vitest';
import type { Ballot, Rule } from '../voting/tally.js';
import { type HallInput, hallWhatIf } from './hall.js';

const ballot = (memberId: string, weight: number, option: string): Ballot => ({ memberId, weight, option });

function hall(ballots: Ballot[], rule: Rule = 'simple', nonVoters: HallInput['nonVoters'] = []): HallInput {
  const provinces: Record<string, string> = { a: 'Utrecht', b: 'Utrecht', c: 'Zeeland', d: 'Zeeland', e: 'Groningen', f: 'Groningen' };
  return {
    ballots,
    nonVoters,
    rule,
    quorum: { percent: null, presentWeight: 0, totalWeight: 0 },
    tieOutcome: 'rejected',
    segments: new Map(Object.entries(provinces).map(([id, province]) => [id, { province: [province] }])),
  };
}

describe('what-if for a vote that was held', () => {
  // 103 for, 97 against: 51,50% — the close vote of the issue.
  const close = [
    ballot('a', 60, 'for'),
    ballot('b', 40, 'for'),
    ballot('c', 3, 'for'),
    ballot('d', 50, 'against'),
    ballot('e', 47, 'against'),
    ballot('f', 10, 'abstain'),
  ];

  it('finds the fewest members who would have had to vote otherwise to turn a 51,50% vote', () => {
    const whatIf = hallWhatIf(hall(close));
    expect(whatIf).toMatchObject({ adopted: true, percentFor: '51.50', winningSide: 'for' });
    // Any one voter for switching turns it (even the smallest: 100 against 100 is a tie, which rejects).
    expect(whatIf.switchSides).toEqual({ members: 1, weight: 60, memberIds: ['a'] });
    expect(whatIf.criticalMembers).toEqual(['a', 'b', 'c']);
    // Abstaining instead: the heaviest voter for, alone, leaves 43 against 97.
    expect(whatIf.abstainInstead).toEqual({ members: 1, weight: 60, memberIds: ['a'] });
  });

  it('counts those entitled who did not vote, and says when even all of them could not have turned it', () => {
    // 103 against 101 still adopts; with both, 103 against 103 is a tie, which rejects.
    expect(
      hallWhatIf(
        hall(close, 'simple', [
          { memberId: 'x', weight: 4 },
          { memberId: 'y', weight: 2 },
        ]),
      ).nonVotersJoinLosers,
    ).toEqual({ members: 2, weight: 6, memberIds: ['x', 'y'] });
    expect(hallWhatIf(hall(close, 'simple', [{ memberId: 'y', weight: 2 }])).nonVotersJoinLosers).toEqual({ members: null, weight: null, memberIds: [] });
  });

  it('names the segments that could have turned it, with the fewest of their members', () => {
    const { segments } = hallWhatIf(hall(close));
    expect(segments.map((s) => [s.segment, s.winningWeight, s.switch.members])).toEqual([
      ['Utrecht', 100, 1],
      ['Zeeland', 3, 1],
    ]);
  });

  it('follows the rule that counted the vote: under two thirds the same hall rejects, and fewer against would adopt', () => {
    const whatIf = hallWhatIf(hall(close, 'twoThirds'));
    expect(whatIf).toMatchObject({ adopted: false, winningSide: 'against' });
    // 103 of 200 is short of two thirds; moving d (50) makes 153 of 200.
    expect(whatIf.switchSides).toEqual({ members: 1, weight: 50, memberIds: ['d'] });
  });

  it('finds the critical voters among many: all whose weight alone turns it, and no lighter one', () => {
    // 201 for, 198 against: a voter of weight 1 switching leaves 200 to 199; one of weight 2 makes it 199 to 200.
    const many = [
      ...Array.from({ length: 99 }, (_, i) => ballot(`f${i}`, 2, 'for')),
      ballot('one', 1, 'for'),
      ballot('two', 2, 'for'),
      ...Array.from({ length: 198 }, (_, i) => ballot(`a${i}`, 1, 'against')),
    ];
    const whatIf = hallWhatIf({ ...hall(many), segments: new Map() });
    expect(whatIf.adopted).toBe(true);
    expect(whatIf.criticalMembers).toHaveLength(100);
    expect(whatIf.criticalMembers).not.toContain('one');
    expect(whatIf.switchSides).toMatchObject({ members: 1, weight: 2 });
  });
});
