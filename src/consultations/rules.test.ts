import { describe, expect, it } from 'vitest';
import { answersFor, checkAnswers, checkQuestions, EVERY_MEMBER, inAudience, scheduleProblems, shownQuestions, statusOf } from './rules.js';
import type { QuestionInput } from './schemas.js';

const at = (iso: string) => new Date(iso);

describe('status', () => {
  const period = { opensAt: at('2024-03-04T14:00:00+01:00'), closesAt: at('2024-03-05T10:00:00+01:00') };
  it('is derived from launch and the period: draft, scheduled, open, closed', () => {
    expect(statusOf({ ...period, launchedAt: null }, at('2024-03-04T15:00:00+01:00'))).toBe('draft');
    const launched = { ...period, launchedAt: at('2024-03-01T09:00:00+01:00') };
    expect(statusOf(launched, at('2024-03-04T13:59:59+01:00'))).toBe('scheduled');
    expect(statusOf(launched, at('2024-03-04T14:00:00+01:00'))).toBe('open');
    expect(statusOf(launched, at('2024-03-05T09:59:59+01:00'))).toBe('open');
    expect(statusOf(launched, at('2024-03-05T10:00:00+01:00'))).toBe('closed');
  });
  it('needs the closing time after the opening time', () => {
    expect(scheduleProblems(period.opensAt, period.closesAt)).toEqual([]);
    expect(scheduleProblems(period.closesAt, period.closesAt)[0]?.name).toBe('closesAt');
  });
});

describe('audience', () => {
  const middelburg = { province: 'Zeeland', sizeClass: '50k-100k', memberClass: 'municipality', networks: ['G40'] };
  it('is everyone when no dimension is chosen', () => expect(inAudience(middelburg, EVERY_MEMBER)).toBe(true));
  it('matches any value within a dimension and every chosen dimension', () => {
    expect(inAudience(middelburg, { ...EVERY_MEMBER, provinces: ['Zeeland', 'Utrecht'] })).toBe(true);
    expect(inAudience(middelburg, { ...EVERY_MEMBER, provinces: ['Zeeland'], sizeClasses: ['lt10k'] })).toBe(false);
    expect(inAudience(middelburg, { ...EVERY_MEMBER, networks: ['G4', 'G40'], memberClasses: ['municipality'] })).toBe(true);
    expect(inAudience({ ...middelburg, networks: [] }, { ...EVERY_MEMBER, networks: ['G40'] })).toBe(false);
    expect(inAudience({ ...middelburg, sizeClass: null }, { ...EVERY_MEMBER, sizeClasses: ['50k-100k'] })).toBe(false);
  });
});

describe('who answers for a member', () => {
  it('is the designated representative, or the holder of a named office and portfolio', () => {
    expect(answersFor({ kind: 'mayor', portfolio: null, designated: true }, { kind: 'designated' })).toBe(true);
    expect(answersFor({ kind: 'alderman', portfolio: 'Financiën', designated: false }, { kind: 'designated' })).toBe(false);
    const finance = { kind: 'office' as const, officeKind: 'alderman' as const, portfolio: 'financiën' };
    expect(answersFor({ kind: 'alderman', portfolio: ' Financiën ', designated: false }, finance)).toBe(true);
    expect(answersFor({ kind: 'alderman', portfolio: 'Wonen', designated: true }, finance)).toBe(false);
    expect(answersFor({ kind: 'alderman', portfolio: null, designated: false }, finance)).toBe(false);
    expect(answersFor({ kind: 'mayor', portfolio: 'financiën', designated: true }, finance)).toBe(false);
    expect(answersFor({ kind: 'council-clerk', portfolio: null, designated: false }, { kind: 'office', officeKind: 'council-clerk' })).toBe(true);
  });
});

let counter = 0;
const newId = () => `00000000-0000-4000-8000-${String((counter += 1)).padStart(12, '0')}`;
const Q1 = '11111111-1111-4111-8111-111111111111';
const Q2 = '22222222-2222-4222-8222-222222222222';
const Q3 = '33333333-3333-4333-8333-333333333333';

describe('questions', () => {
  it('are numbered in order and get ids; a position question has the fixed options', () => {
    const { questions, problems } = checkQuestions(
      [
        { kind: 'position', text: ' Eens? ' },
        { kind: 'open', text: 'Toelichting', required: false },
      ],
      newId,
    );
    expect(problems).toEqual([]);
    expect(questions.map((q) => [q.position, q.kind, q.text, q.required, q.options])).toEqual([
      [1, 'position', 'Eens?', true, ['agree', 'disagree', 'abstain']],
      [2, 'open', 'Toelichting', false, []],
    ]);
  });
  it('refuse choice questions without two distinct options, and scales without range', () => {
    const { problems } = checkQuestions(
      [
        { kind: 'single', text: 'a', options: ['Ja'] },
        { kind: 'multiple', text: 'b', options: ['Ja', 'ja'] },
        { kind: 'scale', text: 'c' },
        { kind: 'scale', text: 'd', scale: { min: 5, max: 5 } },
        { kind: 'open', text: 'e', options: ['x', 'y'] },
      ],
      newId,
    );
    expect(problems.map((p) => `${p.name}:${p.code}`)).toEqual([
      'items[0].options:required',
      'items[1].options:unique',
      'items[2].scale:required',
      'items[3].scale:range',
      'items[4].options:not-allowed',
    ]);
  });
  it('allow conditions only on an earlier position or single-choice question and its options', () => {
    const items: QuestionInput[] = [
      { id: Q1, kind: 'position', text: 'Eens?' },
      { id: Q2, kind: 'open', text: 'Waarom niet?', condition: { questionId: Q1, anyOf: ['disagree'] } },
      { id: Q3, kind: 'open', text: 'x', condition: { questionId: Q1, anyOf: ['misschien'] } },
    ];
    expect(checkQuestions(items.slice(0, 2), newId).problems).toEqual([]);
    expect(checkQuestions(items, newId).problems.map((p) => p.code)).toEqual(['option']);
    const later = checkQuestions(
      [
        { id: Q2, kind: 'open', text: 'x', condition: { questionId: Q1, anyOf: ['agree'] } },
        { id: Q1, kind: 'position', text: 'y' },
      ],
      newId,
    );
    expect(later.problems.map((p) => p.code)).toEqual(['earlier-question']);
    const fromOpen = checkQuestions(
      [
        { id: Q1, kind: 'open', text: 'y' },
        { id: Q2, kind: 'open', text: 'x', condition: { questionId: Q1, anyOf: ['agree'] } },
      ],
      newId,
    );
    expect(fromOpen.problems.map((p) => p.code)).toEqual(['earlier-question']);
  });
});

describe('answers', () => {
  const { questions } = checkQuestions(
    [
      { id: Q1, kind: 'position', text: 'Eens?' },
      { id: Q2, kind: 'open', text: 'Waarom niet?', condition: { questionId: Q1, anyOf: ['disagree'] } },
      { id: Q3, kind: 'ranking', text: 'Volgorde', options: ['A', 'B', 'C'] },
    ],
    newId,
  );
  it('show a conditional question only when its condition holds', () => {
    expect([...shownQuestions(questions, { [Q1]: { choice: 'agree' } })]).toEqual([Q1, Q3]);
    expect([...shownQuestions(questions, { [Q1]: { choice: 'disagree' } })]).toEqual([Q1, Q2, Q3]);
  });
  it('may be incomplete in a draft, but not when submitted', () => {
    expect(checkAnswers(questions, { [Q1]: { choice: 'disagree' } }, false).problems).toEqual([]);
    const submitted = checkAnswers(questions, { [Q1]: { choice: 'disagree' }, [Q2]: { text: '  ' } }, true);
    expect(submitted.problems.map((p) => `${p.name}:${p.code}`)).toEqual([`answers.${Q2}:required`, `answers.${Q3}:required`]);
  });
  it('drop answers to hidden questions and refuse answers that do not fit', () => {
    const hidden = checkAnswers(questions, { [Q1]: { choice: 'agree' }, [Q2]: { text: 'oud antwoord' }, [Q3]: { order: ['C', 'A', 'B'] } }, true);
    expect(hidden).toEqual({ answers: { [Q1]: { choice: 'agree' }, [Q3]: { order: ['C', 'A', 'B'] } }, problems: [] });
    const wrong = checkAnswers(questions, { [Q1]: { choice: 'ja' }, [Q3]: { order: ['A', 'B'] }, [newId()]: { text: 'x' } }, false);
    expect(wrong.problems.map((p) => p.code)).toEqual(['unknown-question', 'answer', 'answer']);
    expect(checkAnswers(questions, { [Q1]: { text: 'eens' } }, false).problems.map((p) => p.code)).toEqual(['answer']);
  });
});
