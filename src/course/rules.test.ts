import { describe, expect, it } from 'vitest';
import { vngProfile } from '../profile/vng.js';
import { countingCommitteeRefusal, itemOutcomeRefusal, itemPollRefusal, pollRule, putsProposal, requiredRule, voteOutcome, type CourseItem } from './rules.js';

const proposal: CourseItem = { kind: 'regular', purpose: 'decision', proposal: 'De ALV stemt in met de begroting.' };
const calm = { undecidedSubmissions: 0 };

describe('course rules', () => {
  it('knows which items put a proposal to the meeting', () => {
    expect(putsProposal(proposal)).toBe(true);
    expect(putsProposal({ ...proposal, purpose: 'approval' })).toBe(true);
    expect(putsProposal({ ...proposal, purpose: 'information' })).toBe(false);
    expect(putsProposal({ ...proposal, proposal: '  ' })).toBe(false);
    expect(putsProposal({ ...proposal, kind: 'appointments' })).toBe(false);
  });

  it('decides motions and amendments before the proposal, but may always hold the item over', () => {
    expect(itemOutcomeRefusal(proposal, 'adopted', { undecidedSubmissions: 1 })).toMatchObject({ status: 'conflict' });
    expect(itemOutcomeRefusal(proposal, 'postponed', { undecidedSubmissions: 1 })).toBeNull();
    expect(itemOutcomeRefusal(proposal, 'adopted', calm)).toBeNull();
  });

  it('never adopts or rejects a proposal that does not exist', () => {
    expect(itemOutcomeRefusal({ ...proposal, proposal: null }, 'adopted', calm)).toMatchObject({ status: 'invalid', field: 'outcome' });
    expect(itemOutcomeRefusal({ ...proposal, proposal: null }, 'rejected', calm)).toMatchObject({ status: 'invalid' });
    expect(itemOutcomeRefusal({ ...proposal, proposal: null }, 'discussed', calm)).toBeNull();
    expect(itemOutcomeRefusal({ ...proposal, purpose: 'information' }, 'adopted', calm)).toMatchObject({ status: 'invalid' });
  });

  it('lets a vote open only where adopting it would be a decision the chair may record', () => {
    expect(itemPollRefusal(proposal, calm)).toBeNull();
    expect(itemPollRefusal(proposal, { undecidedSubmissions: 2 })).toMatchObject({ status: 'conflict', field: 'subject' });
    expect(itemPollRefusal({ ...proposal, purpose: 'information' }, calm)).toMatchObject({ status: 'invalid', field: 'subject' });
    expect(itemPollRefusal({ ...proposal, purpose: 'discussion' }, calm)).toMatchObject({ status: 'invalid' });
    expect(itemPollRefusal({ ...proposal, proposal: null }, calm)).toMatchObject({ status: 'invalid' });
    expect(itemPollRefusal({ kind: 'appointments', purpose: 'decision', proposal: null }, calm)).toBeNull();
    expect(itemPollRefusal({ kind: 'opening', purpose: 'information', proposal: null }, calm)).toMatchObject({ status: 'invalid' });
  });

  it('maps what a vote decides onto the outcomes that fit the item', () => {
    expect(voteOutcome(proposal, 'adopted')).toBe('adopted');
    expect(voteOutcome(proposal, 'rejected')).toBe('rejected');
    expect(voteOutcome({ ...proposal, purpose: 'approval' }, 'adopted')).toBe('approved');
    expect(voteOutcome({ kind: 'appointments', purpose: 'decision', proposal: null }, 'adopted')).toBe('appointed');
    expect(voteOutcome({ kind: 'appointments', purpose: 'decision', proposal: null }, 'rejected')).toBeNull();
    expect(voteOutcome({ kind: 'previous-minutes', purpose: 'approval', proposal: null }, 'adopted')).toBe('approved');
  });

  it("votes a change of the statutes or the rules of procedure by the profile's rule, naming its source", () => {
    expect(requiredRule(proposal, vngProfile.majority)).toBeNull();
    expect(requiredRule({ changeKind: 'statutes' }, vngProfile.majority)).toEqual({
      rule: 'twoThirds',
      source: vngProfile.majority.statuteChangeSource,
      changeKind: 'statutes',
    });
    expect(requiredRule({ changeKind: 'rules-of-procedure' }, vngProfile.majority)).toMatchObject({
      rule: 'twoThirds',
      source: vngProfile.majority.rulesOfProcedureChangeSource,
    });
    // A profile version without the new sources falls back to the general one.
    const { statuteChangeSource: _omit, ...older } = vngProfile.majority;
    expect(requiredRule({ changeKind: 'statutes' }, older)?.source).toBe(vngProfile.majority.source);
    const required = requiredRule({ changeKind: 'statutes' }, vngProfile.majority);
    expect(pollRule(undefined, required, 'simple')).toEqual({ rule: 'twoThirds' });
    expect(pollRule('twoThirds', required, 'simple')).toEqual({ rule: 'twoThirds' });
    expect(pollRule('simple', required, 'simple')).toMatchObject({ status: 'invalid', field: 'rule' });
    expect(pollRule(undefined, null, 'simple')).toEqual({ rule: 'simple' });
    expect(pollRule('double', null, 'simple')).toEqual({ rule: 'double' });
  });

  it('holds real votes until the vote-counting committee is appointed, where the profile asks it', () => {
    expect(countingCommitteeRefusal(vngProfile, 0)).toMatchObject({ status: 'conflict' });
    expect(countingCommitteeRefusal(vngProfile, 2)).toBeNull();
    expect(countingCommitteeRefusal({ committees: { ...vngProfile.committees, countingCommitteeBeforeVote: false } }, 0)).toBeNull();
    const { countingCommitteeBeforeVote: _omit, ...older } = vngProfile.committees;
    expect(countingCommitteeRefusal({ committees: older }, 0)).toBeNull();
  });
});
