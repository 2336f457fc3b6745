/**
 * Counting a weighted vote, in integers only: weights are whole votes and percentages are computed
 * in units of 10^-decimals percent, so nothing drifts and published figures always add up to 100.
 */

export type Rule = 'simple' | 'twoThirds' | 'double';
export type TieOutcome = 'rejected' | 'chairDecides';

export interface Ballot {
  memberId: string;
  weight: number;
  /** 'for' | 'against' | 'abstain', or the key of a custom option. */
  option: string;
}

export interface OptionTotal {
  option: string;
  members: number;
  weight: number;
}

/**
 * Shares of a whole in percent with `decimals` decimals, as strings ("97.68"), by largest remainder:
 * the shares of a non-zero total always add up to exactly 100. Ties in remainders go to the earlier part.
 */
export function percentages(parts: readonly number[], decimals: number): string[] {
  const total = parts.reduce((a, b) => a + b, 0);
  const scale = 100 * 10 ** decimals;
  if (total === 0) return parts.map(() => format(0, decimals));
  const floors = parts.map((p) => Math.floor((p * scale) / total));
  let left = scale - floors.reduce((a, b) => a + b, 0);
  const byRemainder = parts.map((p, i) => ({ i, remainder: (p * scale) % total })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors.map((units) => format(units, decimals));
}

const format = (units: number, decimals: number) =>
  decimals === 0 ? String(units) : `${Math.floor(units / 10 ** decimals)}.${String(units % 10 ** decimals).padStart(decimals, '0')}`;

export function totals(ballots: readonly Ballot[], options: readonly string[]): OptionTotal[] {
  return options.map((option) => {
    const cast = ballots.filter((b) => b.option === option);
    return { option, members: cast.length, weight: cast.reduce((sum, b) => sum + b.weight, 0) };
  });
}

export interface QuorumInput {
  /** Required share of all members' weight present, in percent; null: no quorum. */
  percent: number | null;
  presentWeight: number;
  totalWeight: number;
}

export interface ForAgainstResult {
  for: OptionTotal;
  against: OptionTotal;
  abstain: OptionTotal;
  /** Weighted shares of the votes cast for and against; abstentions count in neither. */
  percentFor: string;
  percentAgainst: string;
  rule: Rule;
  quorumMet: boolean;
  majorityMet: boolean;
  tie: boolean;
  /** adopted, rejected, or tie when the profile lets the chair decide a tie. */
  outcome: 'adopted' | 'rejected' | 'tie';
}

/** For/against/abstain under a majority rule, a quorum and the tie setting. */
export function decide(ballots: readonly Ballot[], rule: Rule, quorum: QuorumInput, tieOutcome: TieOutcome, decimals = 2): ForAgainstResult {
  const [pro, contra, abstain] = totals(ballots, ['for', 'against', 'abstain']) as [OptionTotal, OptionTotal, OptionTotal];
  const [percentFor, percentAgainst] = percentages([pro.weight, contra.weight], decimals) as [string, string];
  const cast = pro.weight + contra.weight;
  const quorumMet = quorum.percent === null || quorum.presentWeight * 100 >= quorum.percent * quorum.totalWeight;
  const weightMajority = pro.weight * 2 > cast;
  const tie = cast > 0 && pro.weight * 2 === cast && rule !== 'twoThirds';
  const majorityMet =
    cast > 0 &&
    (rule === 'twoThirds' ? pro.weight * 3 >= cast * 2 : rule === 'double' ? weightMajority && pro.members * 2 > pro.members + contra.members : weightMajority);
  const outcome = !quorumMet ? 'rejected' : majorityMet ? 'adopted' : tie && tieOutcome === 'chairDecides' ? 'tie' : 'rejected';
  return { for: pro, against: contra, abstain, percentFor, percentAgainst, rule, quorumMet, majorityMet, tie, outcome };
}

export interface ChoiceResult {
  totals: (OptionTotal & { percent: string })[];
  /** The option with the most weight, if one has more than every other. */
  leader: string | null;
}

/** A choice between several options (candidates, variants): weighted shares of the votes cast. */
export function choose(ballots: readonly Ballot[], options: readonly string[], decimals = 2): ChoiceResult {
  const counted = totals(ballots, options);
  const shares = percentages(
    counted.map((t) => t.weight),
    decimals,
  );
  const max = Math.max(...counted.map((t) => t.weight));
  const leaders = counted.filter((t) => t.weight === max && max > 0);
  return { totals: counted.map((t, i) => ({ ...t, percent: shares[i]! })), leader: leaders.length === 1 ? leaders[0]!.option : null };
}

export interface Segmented {
  memberId: string;
  segments: Record<string, readonly string[]>;
}

/** Totals per option for each value of each segment (province, size class, network). */
export function bySegment(ballots: readonly Ballot[], members: readonly Segmented[], options: readonly string[]) {
  const segmentsOf = new Map(members.map((m) => [m.memberId, m.segments]));
  const result: Record<string, Record<string, OptionTotal[]>> = {};
  const kinds = new Set(members.flatMap((m) => Object.keys(m.segments)));
  for (const kind of kinds) {
    const values = new Set(members.flatMap((m) => m.segments[kind] ?? []));
    result[kind] = {};
    for (const value of [...values].sort()) {
      const inSegment = ballots.filter((b) => segmentsOf.get(b.memberId)?.[kind]?.includes(value));
      result[kind]![value] = totals(inSegment, options);
    }
  }
  return result;
}

/** "97.68" → "97,68%" as the minutes write it. */
export const dutchPercent = (percent: string) => `${percent.replace('.', ',')}%`;
