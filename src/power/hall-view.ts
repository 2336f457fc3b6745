import type { Kysely } from 'kysely';
import type { Database } from '../core/db/schema.js';
import { problems, text } from '../core/errors.js';
import { pollRow } from '../voting/queries.js';
import type { Ballot } from '../voting/tally.js';
import { memberVotes, type VotesViewer } from '../voting/votes.js';
import { type Switch, hallWhatIf } from './hall.js';
import { TooLargeError } from './indices.js';
import { BusyError, computeIndices } from './pool.js';
import type { HallWhatIf } from './schemas.js';

type Db = Kysely<Database>;

/**
 * The what-if of a closed for/against poll, from its frozen entitlements and ballots. It shows how members
 * voted (the critical members, the segments), so it is read under the rules for per-member votes: a named
 * poll as its votes are, a secret poll by the vote-counting committee only, audited as a votes read.
 */
export async function pollWhatIf(db: Db, pollId: string, viewer: VotesViewer): Promise<HallWhatIf> {
  const poll = await pollRow(db, pollId);
  if (poll.kind !== 'for-against' || poll.subject_type === 'trial' || poll.rule === 'plurality') {
    throw problems.conflict(
      text('Een wat-als-analyse bestaat alleen voor een echte stemming voor of tegen.', 'A what-if exists only for a real for-or-against vote.'),
    );
  }
  if (poll.cancelled_at) throw problems.conflict(text('Deze stemming is geannuleerd.', 'This poll was cancelled.'));
  const votes = await memberVotes(db, pollId, viewer, 'what-if');
  const entitlements = await db.selectFrom('poll_entitlements').select(['member_id', 'segments']).where('poll_id', '=', pollId).execute();
  const names = new Map(votes.map((v) => [v.memberId, v.memberName]));
  const ballots: Ballot[] = votes.flatMap((v) => (v.option ? [{ memberId: v.memberId, weight: v.weight, option: v.option }] : []));
  const presentWeight = votes.reduce((sum, v) => sum + v.weight, 0);
  const whatIf = hallWhatIf({
    ballots,
    nonVoters: votes.filter((v) => !v.option).map((v) => ({ memberId: v.memberId, weight: v.weight })),
    rule: poll.rule,
    quorum: { percent: poll.quorum_percent === null ? null : Number(poll.quorum_percent), presentWeight, totalWeight: poll.total_weight },
    tieOutcome: poll.tie_outcome,
    segments: new Map(entitlements.map((e) => [e.member_id, e.segments as unknown as Record<string, string[]>])),
  });
  const named = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id);
  const asSwitch = (s: Switch) => ({ members: s.members, weight: s.weight, memberNames: named(s.memberIds) });
  return {
    pollId,
    rule: poll.rule,
    adopted: whatIf.adopted,
    percentFor: whatIf.percentFor,
    winningSide: whatIf.winningSide,
    switchSides: asSwitch(whatIf.switchSides),
    abstainInstead: asSwitch(whatIf.abstainInstead),
    nonVotersJoinLosers: asSwitch(whatIf.nonVotersJoinLosers),
    criticalMembers: named(whatIf.criticalMembers),
    segments: whatIf.segments.map((s) => ({ ...s, switch: asSwitch(s.switch) })),
    hallPower: await hallPower(ballots, poll.rule, names),
  };
}

/**
 * Each voter's share of the decisive coalitions among those who voted for or against, under the poll's
 * rule (its quota is of the weight cast). On the worker thread; null when the hall is too large to count.
 */
async function hallPower(ballots: readonly Ballot[], rule: 'simple' | 'twoThirds' | 'double', names: ReadonlyMap<string, string>) {
  const voters = ballots.filter((b) => b.option === 'for' || b.option === 'against');
  if (voters.length === 0) return [];
  try {
    const { banzhaf } = await computeIndices({ weights: voters.map((v) => v.weight), majority: rule });
    return voters
      .map((v, i) => ({ memberName: names.get(v.memberId) ?? v.memberId, weight: v.weight, banzhaf: banzhaf[i] ?? 0 }))
      .sort((a, b) => b.banzhaf - a.banzhaf || a.memberName.localeCompare(b.memberName, 'nl'));
  } catch (error) {
    if (error instanceof TooLargeError || error instanceof BusyError) return null;
    throw error;
  }
}
