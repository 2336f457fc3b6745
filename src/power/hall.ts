import { type Ballot, decide, type QuorumInput, type Rule, type TieOutcome } from '../voting/tally.js';

/**
 * What-if for a vote that was held: from the ballots with their frozen weights, how close the outcome
 * was. It counts the fewest members who would have had to vote otherwise (switch sides, abstain, or, of
 * those entitled who did not vote, vote with the losing side), which members alone could have turned
 * it, and which segments could have. (hall-view.ts adds each voter's power in the hall: the Banzhaf index
 * of the game among those who voted for or against, under the poll's rule.)
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
}

type Change = (ballot: Ballot) => Ballot | null;

const adoptedBy = (input: HallInput, ballots: readonly Ballot[]) => decide(ballots, input.rule, input.quorum, input.tieOutcome).outcome === 'adopted';

const heaviestFirst = (a: Ballot, b: Ballot) => b.weight - a.weight || a.memberId.localeCompare(b.memberId);

/** The ballots with the first `k` of `ordered` changed (a changed ballot may be new: a member who did not vote). */
function withChanged(base: readonly Ballot[], ordered: readonly Ballot[], k: number, change: Change): Ballot[] {
  const changed = new Map(ordered.slice(0, k).map((b) => [b.memberId, change(b)]));
  const known = new Set(base.map((b) => b.memberId));
  const kept = base.flatMap((b) => {
    const c = changed.has(b.memberId) ? changed.get(b.memberId) : b;
    return c ? [c] : [];
  });
  return [...kept, ...[...changed.values()].filter((c): c is Ballot => c !== null && !known.has(c.memberId))];
}

/** The least k in [1, n] for which `holds` (which is monotone in k), or null. A binary search: log n counts of the tally. */
function least(n: number, holds: (k: number) => boolean): number | null {
  if (n === 0 || !holds(n)) return null;
  let [low, high] = [1, n];
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (holds(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The fewest of `candidates` to change so the outcome turns: the heaviest first, since every rule is
 * monotone in the weight moved and each member moved counts once.
 */
function fewest(input: HallInput, candidates: readonly Ballot[], change: Change, adopted: boolean): Switch {
  const ordered = [...candidates].sort(heaviestFirst);
  const k = least(ordered.length, (k) => adoptedBy(input, withChanged(input.ballots, ordered, k, change)) !== adopted);
  if (k === null) return { members: null, weight: null, memberIds: [] };
  const moved = ordered.slice(0, k);
  return { members: k, weight: moved.reduce((sum, b) => sum + b.weight, 0), memberIds: moved.map((b) => b.memberId) };
}

/** Winners who alone turn the outcome: monotone in weight too, so all from the lightest one that does. */
function critical(input: HallInput, winners: readonly Ballot[], change: Change, adopted: boolean): string[] {
  const lightestFirst = [...winners].sort((a, b) => heaviestFirst(b, a));
  const n = lightestFirst.length;
  // k counts from the heaviest: "the k-th heaviest alone turns it" holds for k up to some point.
  const turns = (k: number) => adoptedBy(input, withChanged(input.ballots, [lightestFirst[n - k] as Ballot], 1, change)) !== adopted;
  if (n === 0 || !turns(1)) return [];
  const fails = least(n, (k) => !turns(k));
  return lightestFirst
    .slice(fails === null ? 0 : n - fails + 1)
    .reverse()
    .map((b) => b.memberId);
}

export function hallWhatIf(input: HallInput): HallWhatIf {
  const result = decide(input.ballots, input.rule, input.quorum, input.tieOutcome);
  const adopted = result.outcome === 'adopted';
  const winningSide = adopted ? 'for' : 'against';
  const losingSide = adopted ? 'against' : 'for';
  const winners = input.ballots.filter((b) => b.option === winningSide);
  const toLosers: Change = (b) => ({ ...b, option: losingSide });
  const fewestOf = (candidates: readonly Ballot[], change: Change) => fewest(input, candidates, change, adopted);
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
    criticalMembers: critical(input, winners, toLosers, adopted),
    segments: segmentMargins,
  };
}
