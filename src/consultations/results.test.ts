import { describe, expect, it } from 'vitest';
import { computeResults, distance, percent, type AudienceMember, type SubmittedResponse } from './results.js';
import type { Question } from './schemas.js';

// Five members with their real 2024 populations and statute weights (1 per 1,000, at most 75).
const member = (
  memberId: string,
  name: string,
  province: string,
  voteWeight: number,
  population: number,
  sizeClass: string,
  networks: string[],
): AudienceMember => ({
  memberId,
  name,
  code: `GM-${name}`,
  province,
  sizeClass,
  memberClass: 'municipality',
  networks,
  voteWeight,
  population,
});
const AUDIENCE = [
  member('a', 'Utrecht', 'Utrecht', 75, 374238, 'gte250k', ['G4', 'G40']),
  member('b', 'Middelburg', 'Zeeland', 50, 50004, '50k-100k', ['G40']),
  member('c', 'Vlissingen', 'Zeeland', 45, 45389, '20k-50k', []),
  member('d', 'Groningen', 'Groningen', 75, 243768, '100k-250k', ['G40']),
  member('e', 'Amsterdam', 'Noord-Holland', 75, 931298, 'gte250k', ['G4', 'G40']),
];

const question = (id: string, position: number, kind: Question['kind'], extra: Partial<Question> = {}): Question => ({
  id,
  position,
  kind,
  text: `Vraag ${position}`,
  help: null,
  options: [],
  scale: null,
  required: true,
  condition: null,
  ...extra,
});
const Q = {
  position: question('q1', 1, 'position'),
  scale: question('q2', 2, 'scale', { scale: { min: 1, max: 5 } }),
  ranking: question('q3', 3, 'ranking', { options: ['X', 'Y', 'Z'] }),
  multiple: question('q4', 4, 'multiple', { options: ['a', 'b', 'c'], required: false }),
  open: question('q5', 5, 'open', { required: false, condition: { questionId: 'q1', anyOf: ['disagree'] } }),
};
const QUESTIONS = Object.values(Q);

const response = (memberId: string, party: string | null, answers: SubmittedResponse['answers']): SubmittedResponse => ({
  memberId,
  party,
  partyIsLocal: false,
  answers,
});
// Amsterdam (e) does not answer; Vlissingen (c) leaves the optional multiple-choice question empty.
const SUBMITTED = [
  response('a', 'VVD', { q1: { choice: 'agree' }, q2: { value: 5 }, q3: { order: ['X', 'Y', 'Z'] }, q4: { choices: ['a', 'b'] } }),
  response('b', 'CDA', {
    q1: { choice: 'disagree', reason: 'Te duur voor kleine gemeenten' },
    q2: { value: 1 },
    q3: { order: ['Z', 'Y', 'X'] },
    q4: { choices: ['b'] },
    q5: { text: 'Meer tijd nodig' },
  }),
  response('c', null, { q1: { choice: 'disagree' }, q2: { value: 2 }, q3: { order: ['Z', 'X', 'Y'] }, q4: { choices: [] } }),
  response('d', 'VVD', { q1: { choice: 'agree' }, q2: { value: 4 }, q3: { order: ['X', 'Z', 'Y'] }, q4: { choices: ['c'] } }),
];

const results = computeResults(QUESTIONS, AUDIENCE, SUBMITTED, new Set(['e']), true);
const byQuestion = (id: string) => results.questions.find((q) => q.questionId === id)!;
const option = (id: string, value: string) => byQuestion(id).options.find((o) => o.option === value)!;
const breakdown = (id: string, dimension: string) => byQuestion(id).breakdowns.find((b) => b.dimension === dimension)!;

describe('percentages', () => {
  it('have two decimals and round half up; nothing of nothing is 0.00', () => {
    expect(percent(1, 3)).toBe('33.33');
    expect(percent(2, 3)).toBe('66.67');
    expect(percent(150, 320)).toBe('46.88');
    expect(percent(5, 5)).toBe('100.00');
    expect(percent(0, 0)).toBe('0.00');
  });
});

describe('results over the audience snapshot', () => {
  it('counts members, vote weight and population of the audience, the respondents and the non-respondents', () => {
    expect(results.audience).toEqual({ members: 5, voteWeight: 320, population: 1644697 });
    expect(results.responded).toEqual({ members: 4, voteWeight: 245, population: 713399 });
    expect(results.noResponse).toEqual({ members: 1, voteWeight: 75, population: 931298 });
    expect(results.responseRate).toEqual({ members: '80.00', voteWeight: '76.56', population: '43.38' });
    expect(results.nonResponders).toEqual([{ memberId: 'e', name: 'Amsterdam', code: 'GM-Amsterdam', province: 'Noord-Holland', draft: true }]);
  });

  it('never counts non-response as agreement: the silent member is in no option', () => {
    const agree = option('q1', 'agree');
    expect(agree).toMatchObject({ members: 2, voteWeight: 150, population: 618006 });
    expect(agree.ofAnswered).toEqual({ members: '50.00', voteWeight: '61.22', population: '86.63' });
    // Of the audience: 2 of 5 members, not 3 of 5 as "wie zwijgt stemt toe" would have it.
    expect(agree.ofAudience).toEqual({ members: '40.00', voteWeight: '46.88', population: '37.58' });
    expect(option('q1', 'disagree')).toMatchObject({
      members: 2,
      voteWeight: 95,
      population: 95393,
      ofAnswered: { members: '50.00', voteWeight: '38.78', population: '13.37' },
    });
    expect(option('q1', 'abstain')).toMatchObject({ members: 0, voteWeight: 0, population: 0 });
    const total = byQuestion('q1').options.reduce((sum, o) => sum + o.members, 0);
    expect(total + byQuestion('q1').noResponse.members).toBe(5);
  });

  it('gives the mean of a scale unweighted and weighted by vote weight', () => {
    expect(byQuestion('q2').mean).toEqual({ unweighted: '3.00', weighted: '3.33' }); // 12/4 and 815/245
    expect(option('q2', '1').members).toBe(1);
    expect(byQuestion('q2').options.map((o) => o.option)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('ranks with Borda points, unweighted and weighted, and counts first places', () => {
    expect(option('q3', 'X')).toMatchObject({
      members: 2,
      voteWeight: 150,
      points: { members: 5, voteWeight: 345, population: 2 * 374238 + 45389 + 2 * 243768 },
    });
    expect(option('q3', 'Y').points).toMatchObject({ members: 2, voteWeight: 125 });
    expect(option('q3', 'Z')).toMatchObject({ members: 2, voteWeight: 95, points: { members: 5, voteWeight: 265 } });
  });

  it('counts each choice of a multiple-choice question; an empty one is skipped, not no-response', () => {
    const q4 = byQuestion('q4');
    expect(q4.answered.members).toBe(3);
    expect(q4.skipped.members).toBe(1);
    expect(q4.noResponse.members).toBe(1);
    expect(q4.options.map((o) => [o.option, o.members, o.ofAnswered.members])).toEqual([
      ['a', 1, '33.33'],
      ['b', 2, '66.67'],
      ['c', 1, '33.33'],
    ]);
  });

  it('lists open answers and reasons with the member and its segments (for staff)', () => {
    expect(byQuestion('q5').openAnswers).toEqual([
      {
        memberId: 'b',
        memberName: 'Middelburg',
        province: 'Zeeland',
        sizeClass: '50k-100k',
        memberClass: 'municipality',
        networks: ['G40'],
        party: 'CDA',
        text: 'Meer tijd nodig',
      },
    ]);
    expect(byQuestion('q1').reasons).toEqual([{ memberId: 'b', memberName: 'Middelburg', choice: 'disagree', reason: 'Te duur voor kleine gemeenten' }]);
    const publicView = computeResults(QUESTIONS, AUDIENCE, SUBMITTED, new Set(), false);
    expect(publicView.questions[4]!.openAnswers).toBeUndefined();
    expect(publicView.questions[0]!.reasons).toBeUndefined();
  });
});

describe('segments and divergence', () => {
  it('breaks down by province with response rates, and measures how far segments diverge', () => {
    const provinces = breakdown('q1', 'province');
    expect(provinces.segments.map((s) => [s.segment, s.audience, s.responded, s.responseRate, s.leading])).toEqual([
      ['Groningen', 1, 1, '100.00', ['agree']],
      ['Noord-Holland', 1, 0, '0.00', []],
      ['Utrecht', 1, 1, '100.00', ['agree']],
      ['Zeeland', 2, 2, '100.00', ['disagree']],
    ]);
    const zeeland = provinces.segments.find((s) => s.segment === 'Zeeland')!;
    expect(zeeland.options.find((o) => o.option === 'disagree')).toMatchObject({ members: 2, voteWeight: 95, ofAnswered: { members: '100.00' } });
    expect(provinces.divergence).toEqual({ dimension: 'province', points: '100.00', majoritiesDiffer: true, segments: ['Groningen', 'Zeeland'] });
    expect(byQuestion('q1').divergence?.points).toBe('100.00');
  });

  it('counts a member in each of its networks', () => {
    const networks = breakdown('q1', 'network');
    expect(networks.segments.map((s) => [s.segment, s.audience, s.responded, s.responseRate])).toEqual([
      ['G4', 2, 1, '50.00'],
      ['G40', 4, 3, '75.00'],
    ]);
    // G4: 1 of 1 agrees; G40: 2 of 3 agree, 1 disagrees → (|1−2/3| + |0−1/3|)/2 = 33.33 points, same majority.
    expect(networks.divergence).toEqual({ dimension: 'network', points: '33.33', majoritiesDiffer: false, segments: ['G4', 'G40'] });
  });

  it('segments by the party of the answering office; only respondents have one', () => {
    const parties = breakdown('q1', 'party');
    expect(parties.segments.map((s) => [s.segment, s.audience, s.responded, s.local])).toEqual([
      ['CDA', 1, 1, false],
      ['geen partij', 1, 1, undefined],
      ['VVD', 2, 2, false],
    ]);
    expect(results.responseRates.map((r) => r.dimension)).toEqual(['province', 'sizeClass', 'network', 'memberClass']);
  });

  it('has no divergence for open questions or with fewer than two answering segments', () => {
    expect(byQuestion('q5').divergence).toBeNull();
    const one = computeResults([Q.position], [AUDIENCE[2]!], [SUBMITTED[2]!], new Set(), false);
    expect(one.questions[0]!.divergence).toBeNull();
  });

  it('measures distance in integers: identical distributions are 0, opposite ones 100', () => {
    expect(distance('position', [2, 1, 0], 3, [4, 2, 0], 6)).toBe(0);
    expect(distance('single', [1, 0], 1, [0, 1], 1)).toBe(10_000);
    expect(distance('multiple', [1, 1], 2, [2, 0], 2)).toBe(5_000);
  });
});
