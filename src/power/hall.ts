import { type Ballot, decide, type QuorumInput, type Rule, type TieOutcome } from '../voting/tally.js';
import { banzhaf } from './banzhaf.js';
import { doubleMajorityPower } from './double.js';
import { quotaFor } from './game.js';

/**
 * What-if for a vote that was held: from the ballots with their frozen weights, how close the outcome
 * was. It counts the fewest members who would have had to vote otherwise (switch sides, abstain, or, of
 * those entitled who did not vote, vote with the losing side), which members alone could have turned
 * it, which segments could have, and the power of each voter in the hall (the Banzhaf index of the game
 * among those who voted for or against under the poll's rule: the share of the decisive coalitions).
 * The outcome is the tally's own (`decide`), so the what-if follows the rule that counted the vote.
 */
export interface HallInput {
  ballots: readonly Ballot[];
  /** Entitled members present who did not vote, with their frozen weights. */
  nonVoters: readonly { memberId: string; weight: number }[];
  rule: Rule;
  quorum: QuorumInput;
  tieOutcome: TieOutcome;
  /** Per member, the segments it is in by dimension (province, size class, network). */
  segments: ReadonlyMap<string, Record<string, readonly string[]>>;
}

export interface Switch {
  /** The fewest members; null when no such change turns the outcome. */
  members: number | null;
  /** Their weight together. */
  weight: number | null;
  /** The members, largest weight first. */
  memberIds: string[];
}

export interface SegmentMargin {
  dimension: string;
  segment: string;
  /** Members of the segment on the winning side, and their weight. */
  winningSide: number;
  winningWeight: number;
  /** The fewest of them who, switching sides, turn the outcome; null when even all of them cannot. */
  switch: Switch;
}

export interface HallWhatIf {
  adopted: boolean;
  percentFor: string;
  /** The side that carried the vote (for when adopted), and the other. */
  winningSide: 'for' | 'against';
  switchSides: Switch;
  abstainInstead: Switch;
  nonVotersJoinLosers: Switch;
  /** Voters who alone, by switching sides, turn the outcome. */
  criticalMembers: string[];
  segments: SegmentMargin[];
  /** Per voter (for or against): its share of the decisive coalitions in the hall. */
  hallPower: { memberId: string; weight: number; banzhaf: number }[];
}

type Change = (ballot: Ballot) => Ballot | null;

const adoptedBy = (input: HallInput, ballots: readonly Ballot[]) => decide(ballots, input.rule, input.quorum, input.tieOutcome).outcome === 'adopted';

const byWeight = (a: { weight: number; memberId: string }, b: { weight: number; memberId: string }) =>
  b.weight - a.weight || a.memberId.localeCompare(b.memberId);

/**
 * The fewest of `candidates` to change so the outcome turns: the heaviest first, since every rule is
 * monotone in the weight moved and each member moved counts once.
 */
function fewest(input: HallInput, base: readonly Ballot[], candidates: readonly Ballot[], change: Change, adopted: boolean): Switch {
  const ordered = [...candidates].sort(byWeight);
  const changed = new Map<string, Ballot | null>();
  for (const ballot of ordered) {
    changed.set(ballot.memberId, change(ballot));
    const next = [
      ...base.flatMap((b) => {
        const c = changed.has(b.memberId) ? changed.get(b.memberId) : b;
        return c ? [c] : [];
      }),
      ...[...changed.values()].filter((c): c is Ballot => c !== null && !base.some((b) => b.memberId === c.memberId)),
    ];
    if (adoptedBy(input, next) !== adopted) {
      const memberIds = [...changed.keys()];
      return { members: memberIds.length, weight: ordered.slice(0, memberIds.length).reduce((sum, b) => sum + b.weight, 0), memberIds };
    }
  }
  return { members: null, weight: null, memberIds: [] };
}

function hallPower(input: HallInput): HallWhatIf['hallPower'] {
  const voters = input.ballots.filter((b) => b.option === 'for' || b.option === 'against');
  const weights = voters.map((b) => b.weight);
  const cast = weights.reduce((sum, w) => sum + w, 0);
  if (cast === 0) return voters.map((b) => ({ memberId: b.memberId, weight: b.weight, banzhaf: 0 }));
  const index =
    input.rule === 'double'
      ? doubleMajorityPower({ weights, quota: quotaFor(cast, 'simple'), memberQuota: Math.floor(voters.length / 2) + 1 }).banzhaf
      : banzhaf({ weights, quota: quotaFor(cast, input.rule === 'twoThirds' ? 'two-thirds' : 'simple') }).index;
  return voters.map((b, i) => ({ memberId: b.memberId, weight: b.weight, banzhaf: index[i] ?? 0 })).sort((a, b) => b.banzhaf - a.banzhaf);
}

export function hallWhatIf(input: HallInput): HallWhatIf {
  const result = decide(input.ballots, input.rule, input.quorum, input.tieOutcome);
  const adopted = result.outcome === 'adopted';
  const winningSide = adopted ? 'for' : 'against';
  const losingSide = adopted ? 'against' : 'for';
  const winners = input.ballots.filter((b) => b.option === winningSide);
  const toLosers: Change = (b) => ({ ...b, option: losingSide });
  const fewestOf = (candidates: readonly Ballot[], change: Change) => fewest(input, input.ballots, candidates, change, adopted);
  const segmentMargins: SegmentMargin[] = [];
  const groups = new Map<string, { dimension: string; segment: string; ballots: Ballot[] }>();
  for (const ballot of winners) {
    for (const [dimension, values] of Object.entries(input.segments.get(ballot.memberId) ?? {})) {
      for (const segment of values) {
        const key = JSON.stringify([dimension, segment]);
        const group = groups.get(key) ?? { dimension, segment, ballots: [] };
        group.ballots.push(ballot);
        groups.set(key, group);
      }
    }
  }
  for (const { dimension, segment, ballots } of groups.values()) {
    segmentMargins.push({
      dimension,
      segment,
      winningSide: ballots.length,
      winningWeight: ballots.reduce((sum, b) => sum + b.weight, 0),
      switch: fewestOf(ballots, toLosers),
    });
  }
  segmentMargins.sort(
    (a, b) => a.dimension.localeCompare(b.dimension) || (a.switch.members ?? Infinity) - (b.switch.members ?? Infinity) || a.segment.localeCompare(b.segment),
  );
  return {
    adopted,
    percentFor: result.percentFor,
    winningSide,
    switchSides: fewestOf(winners, toLosers),
    abstainInstead: fewestOf(winners, (b) => ({ ...b, option: 'abstain' })),
    nonVotersJoinLosers: fewestOf(
      input.nonVoters.map((v) => ({ ...v, option: losingSide })),
      (b) => b,
    ),
    criticalMembers: winners
      .filter((b) => adoptedBy(input, input.ballots.map((c) => (c.memberId === b.memberId ? toLosers(c) : c)) as Ballot[]) !== adopted)
      .map((b) => b.memberId),
    segments: segmentMargins,
    hallPower: hallPower(input),
  };
}
