import type { Kysely } from 'kysely';
import type { Database, Row } from '../core/db/schema.js';
import { ruleSentence } from '../course/rules.js';
import type { Phrase } from '../agenda/phrases.js';
import type { PollResult } from './schemas.js';
import type { PollOption } from './tables.js';
import { bySegment, choose, decide, dutchPercent, type Ballot } from './tally.js';
import { subjectOf } from './queries.js';

type Db = Kysely<Database>;
type PollRow = Row<'polls'>;

export interface Counted {
  ballots: Ballot[];
  entitlements: Row<'poll_entitlements'>[];
}

export async function counted(db: Db, pollId: string): Promise<Counted> {
  const [entitlements, rows] = await Promise.all([
    db.selectFrom('poll_entitlements').selectAll().where('poll_id', '=', pollId).execute(),
    db.selectFrom('ballots').select(['member_id', 'option']).where('poll_id', '=', pollId).where('superseded_at', 'is', null).execute(),
  ]);
  const weight = new Map(entitlements.map((e) => [e.member_id, e.weight]));
  return { entitlements, ballots: rows.map((b) => ({ memberId: b.member_id, option: b.option, weight: weight.get(b.member_id) ?? 0 })) };
}

/** A trial vote tests the voting devices: whatever the figures, it adopts or rejects nothing, anywhere. */
const TRIAL_CONCLUSION: Phrase = { nl: 'Proefstemming: telt niet als besluit.', en: 'Trial vote: not a decision.' };

/**
 * The breakdown per province, size class and network, for named polls only. In a secret poll a
 * segment of one or a few voters (and the difference between overlapping segments, or a segment
 * and the totals) would give away how a member voted, so a secret poll publishes totals per option
 * only, on every channel; the vote-counting committee reads the votes themselves.
 */
function segmentsToPublish(
  poll: Pick<PollRow, 'secrecy'>,
  ballots: readonly Ballot[],
  entitlements: readonly Row<'poll_entitlements'>[],
  options: readonly PollOption[],
): PollResult['segments'] {
  if (poll.secrecy === 'secret') return {};
  return bySegment(
    ballots,
    entitlements.map((e) => ({ memberId: e.member_id, segments: e.segments as unknown as Record<string, string[]> })),
    options.map((o) => o.key),
  );
}

/** The result from the ballots and frozen weights: what closing stores and what verification recomputes. */
export async function computeResult(db: Db, poll: PollRow, { ballots, entitlements }: Counted, chainHead: string): Promise<PollResult> {
  const options = poll.options as unknown as PollOption[];
  const label = (key: string) => options.find((o) => o.key === key)?.label ?? key;
  const presentWeight = entitlements.reduce((sum, e) => sum + e.weight, 0);
  const quorumPercent = poll.quorum_percent === null ? null : Number(poll.quorum_percent);
  const segments = segmentsToPublish(poll, ballots, entitlements, options);
  const quorum = { percent: quorumPercent, presentWeight, totalWeight: poll.total_weight };
  const trial = poll.subject_type === 'trial';
  if (poll.kind === 'choice') {
    const chosen = choose(
      ballots,
      options.map((o) => o.key),
      poll.percent_decimals,
    );
    const quorumMet = quorumPercent === null || presentWeight * 100 >= quorumPercent * poll.total_weight;
    const leader = quorumMet && !trial ? chosen.leader : null;
    return {
      outcome: trial ? 'trial' : leader ? 'chosen' : 'undecided',
      rule: poll.rule,
      ruleMet: trial ? null : !!leader,
      quorum: { ...quorum, met: quorumMet },
      percentFor: null,
      percentAgainst: null,
      totals: chosen.totals.map((t) => ({ ...t, label: label(t.option) })),
      leader,
      segments,
      statement: trial
        ? TRIAL_CONCLUSION
        : leader
          ? { nl: `Gekozen: ${label(leader)}.`, en: `Chosen: ${label(leader)}.` }
          : { nl: 'Geen keuze: de stemmen staken of het quorum is niet gehaald.', en: 'No choice: a tie, or no quorum.' },
      chainHead,
    };
  }
  const result = decide(ballots, poll.rule === 'plurality' ? 'simple' : poll.rule, quorum, poll.tie_outcome, poll.percent_decimals);
  const figures = {
    nl: `Voor: ${dutchPercent(result.percentFor)}, Tegen: ${dutchPercent(result.percentAgainst)}.`,
    en: `For: ${result.percentFor}%, Against: ${result.percentAgainst}%.`,
  };
  const subject = await subjectOf(db, poll);
  const conclusion: Phrase = trial
    ? TRIAL_CONCLUSION
    : result.outcome === 'tie'
      ? { nl: 'De stemmen staken; de voorzitter beslist.', en: 'The votes are tied; the chair decides.' }
      : !result.quorumMet
        ? { nl: 'Het quorum is niet gehaald; het voorstel is niet aangenomen.', en: 'The quorum was not met; the proposal is not adopted.' }
        : subject!.phrase(result.outcome);
  return {
    outcome: trial ? 'trial' : result.outcome,
    rule: result.rule,
    ruleMet: trial ? null : result.majorityMet,
    quorum: { ...quorum, met: result.quorumMet },
    percentFor: result.percentFor,
    percentAgainst: result.percentAgainst,
    totals: [result.for, result.against, result.abstain].map((t) => ({
      ...t,
      label: label(t.option),
      percent: t.option === 'for' ? result.percentFor : t.option === 'against' ? result.percentAgainst : null,
    })),
    leader: null,
    segments,
    statement: withRule(poll, { nl: `${figures.nl} ${conclusion.nl}`, en: `${figures.en} ${conclusion.en}` }),
    chainHead,
  };
}

/** A vote under a stricter rule (a statute change) names the rule and its article in its statement, and so in the minutes. */
function withRule(poll: Pick<PollRow, 'rule' | 'rule_source' | 'subject_type'>, statement: Phrase): Phrase {
  if (!poll.rule_source || poll.subject_type === 'trial') return statement;
  const rule = ruleSentence(poll.rule, poll.rule_source);
  return { nl: `${statement.nl} ${rule.nl}`, en: `${statement.en} ${rule.en}` };
}

/**
 * A stored result as it may be shown. Migration 0008 rewrote results stored before these rules; this
 * holds them on the read path too, since every channel (API, live screens, exports) reads through here.
 */
export function published(poll: PollRow, result: PollResult): PollResult {
  const trial =
    poll.subject_type === 'trial'
      ? { outcome: 'trial' as const, ruleMet: null, leader: null, statement: poll.kind === 'choice' ? TRIAL_CONCLUSION : result.statement }
      : {};
  return { ...result, ...trial, segments: poll.secrecy === 'secret' ? {} : result.segments };
}
