import { describe, expect, it } from 'vitest';
import { entitlementsDigest, percentages as standalonePercentages, recount, verifyBundle } from '#verify-bundle';
import { changedTerms } from './terms.js';
import { choose, decide, percentages, type Ballot, type Rule } from './tally.js';

describe('the terms of a poll', () => {
  it('names each term that changed since opening, and ignores terms a poll opened before they existed', () => {
    expect(
      changedTerms(
        { rule: 'simple', quorumPercent: null, options: [{ key: 'for', label: 'Voor' }] },
        { rule: 'twoThirds', quorumPercent: null, options: [{ label: 'Voor', key: 'for' }], ruleSource: 'statutes' },
      ),
    ).toEqual(['rule: "simple" at opening, "twoThirds" now']);
  });

  it('digests the entitlements whatever their order, and changes with a holder', () => {
    const a = { memberId: 'a', weight: 3, holder: 'p' };
    const b = { memberId: 'b', weight: 5, holder: 'q' };
    expect(entitlementsDigest([a, b])).toBe(entitlementsDigest([b, a]));
    expect(entitlementsDigest([a, { ...b, holder: 'p' }])).not.toBe(entitlementsDigest([a, b]));
  });
});

describe('the standalone recount agrees with the tally', () => {
  // A small deterministic generator: the same cases on every run.
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const terms = (rule: Rule | 'plurality', kind: 'for-against' | 'choice', quorumPercent: number | null, tieOutcome: 'rejected' | 'chairDecides') => ({
    subjectType: 'agenda-item' as const,
    subjectId: 'x',
    question: 'q',
    kind,
    options:
      kind === 'choice' ? ['a', 'b', 'c'].map((key) => ({ key, label: key.toUpperCase() })) : ['for', 'against', 'abstain'].map((key) => ({ key, label: key })),
    rule,
    quorumPercent,
    tieOutcome,
    secrecy: 'named',
    allowRecast: true,
    percentDecimals: 2,
    referenceDate: '2024-06-12',
    totalWeight: 400,
  });

  it('on percentages', () => {
    for (let i = 0; i < 200; i++) {
      const parts = Array.from({ length: 1 + next(4) }, () => next(100));
      expect(standalonePercentages(parts, i % 3)).toEqual(percentages(parts, i % 3));
    }
  });

  it('on outcomes under every rule, quorum and tie setting', () => {
    for (let i = 0; i < 300; i++) {
      const kind = i % 4 === 0 ? 'choice' : 'for-against';
      const rule = kind === 'choice' ? 'plurality' : (['simple', 'twoThirds', 'double'] as const)[next(3)]!;
      const options = kind === 'choice' ? ['a', 'b', 'c'] : ['for', 'against', 'abstain'];
      const entitled = Array.from({ length: 1 + next(8) }, (_, n) => ({ memberId: `m${n}`, weight: 1 + next(50), holder: 'p' }));
      const ballots: Ballot[] = entitled
        .filter(() => next(5) > 0)
        .map((e) => ({ memberId: e.memberId, weight: e.weight, option: options[next(options.length)]! }));
      const quorum = next(3) === 0 ? null : next(60);
      const tie = next(2) === 0 ? 'rejected' : 'chairDecides';
      const standalone = recount(terms(rule, kind, quorum, tie), entitled, ballots);
      const present = entitled.reduce((s, e) => s + e.weight, 0);
      if (kind === 'choice') {
        const chosen = choose(ballots, options);
        const met = quorum === null || present * 100 >= quorum * 400;
        expect(standalone.leader).toBe(met ? chosen.leader : null);
        expect(standalone.totals.map((x) => x.percent)).toEqual(chosen.totals.map((x) => x.percent));
      } else {
        const decided = decide(ballots, rule as Rule, { percent: quorum, presentWeight: present, totalWeight: 400 }, tie);
        expect({ outcome: standalone.outcome, ruleMet: standalone.ruleMet, quorumMet: standalone.quorumMet, percentFor: standalone.percentFor }).toEqual({
          outcome: decided.outcome,
          ruleMet: decided.majorityMet,
          quorumMet: decided.quorumMet,
          percentFor: decided.percentFor,
        });
      }
    }
  });

  it('refuses what is not a bundle', () => {
    expect(verifyBundle({ format: 'something else' })).toMatchObject({
      ok: false,
      problems: ['not a poll bundle (format "something else", expected verenigd-poll-bundle/1)'],
    });
  });
});
