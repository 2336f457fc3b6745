import { checkGame, totalWeight, type WeightedGame } from './game.js';

/**
 * A double majority: a coalition wins when it has the weight quota and also a quota of the members
 * counted one by one (more than half of them, say), so a few large members cannot carry a vote alone.
 * The swings need coalitions counted by size and weight together, a table of members × weight quota per
 * member, too large for the modular big-integer count of banzhaf.ts. It is computed in doubles instead:
 * the chance of each (size, weight) when every other member joins with chance 1/2, from which both
 * indices follow. Only additions and halvings build the table; leaving a member out subtracts, and the
 * tests hold the result to exact enumeration within 10⁻¹² (and to the exact big-integer count for the 342
 * members of the VNG). Cost: members² × weight quota / 2.
 */
export interface DoubleMajorityGame extends WeightedGame {
  /** The number of members a coalition needs as well (1 ≤ memberQuota ≤ members). */
  memberQuota: number;
}

export interface DoubleMajorityPower {
  /** Per member: the normalised Banzhaf index (sums to 1). */
  banzhaf: number[];
  /** Per member: the chance that its vote decides when the others vote at random (absolute Banzhaf). */
  absolute: number[];
  shapleyShubik: number[];
}

/** Table cells (sizes × weights) beyond which the double majority is refused as too large to compute. */
export const DOUBLE_MAJORITY_CELLS = 8_000_000;

/** The table's size: rows up to half the members, weights up to the larger of the quota and its dual. */
export function doubleMajorityCells({ weights, quota }: WeightedGame): number {
  const total = totalWeight(weights);
  return (Math.floor((weights.length - 1) / 2) + 1) * Math.max(quota, total - quota + 1);
}

/** Binomial chances C(n, s) / 2^n for s = 0..n, by halving Pascal's rows (no overflow for large n). */
function binomialChances(n: number): Float64Array {
  const row = new Float64Array(n + 1);
  row[0] = 1;
  for (let j = 1; j <= n; j++) for (let s = j; s >= 0; s--) row[s] = ((row[s] as number) + (s > 0 ? (row[s - 1] as number) : 0)) / 2;
  return row;
}

/**
 * Chance of (size, weight) for a random coalition of the given members, sizes up to `rows − 1` and
 * weights below `width`; row s starts at s × width.
 */
function sizeWeightTable(weights: readonly number[], rows: number, width: number): Float64Array {
  const table = new Float64Array(rows * width);
  table[0] = 1;
  weights.forEach((w, j) => {
    for (let s = Math.min(j + 1, rows - 1); s >= 0; s--) {
      const row = s * width;
      const below = (s - 1) * width;
      if (s === 0) {
        for (let k = 0; k < width; k++) table[k] = (table[k] as number) / 2;
        continue;
      }
      for (let k = width - 1; k >= w; k--) table[row + k] = ((table[row + k] as number) + (table[below + k - w] as number)) / 2;
      for (let k = Math.min(w, width) - 1; k >= 0; k--) table[row + k] = (table[row + k] as number) / 2;
    }
  });
  return table;
}

/**
 * The table without one member of weight w: undoes its halving step from the smallest size upwards.
 * Up to half the members the rows grow, so each row's rounding error stays small beside the row itself.
 */
function leaveOut(table: Float64Array, without: Float64Array, rows: number, width: number, w: number): void {
  for (let k = 0; k < width; k++) without[k] = 2 * (table[k] as number);
  for (let s = 1; s < rows; s++) {
    const row = s * width;
    const below = (s - 1) * width;
    for (let k = 0; k < Math.min(w, width); k++) without[row + k] = 2 * (table[row + k] as number);
    for (let k = w; k < width; k++) without[row + k] = 2 * (table[row + k] as number) - (without[below + k - w] as number);
  }
}

export function doubleMajorityPower(game: DoubleMajorityGame): DoubleMajorityPower {
  checkGame(game);
  const n = game.weights.length;
  const { quota, memberQuota } = game;
  if (!Number.isSafeInteger(memberQuota) || memberQuota < 1 || memberQuota > n)
    throw new RangeError('the member quota must be between 1 and the number of members');
  if (doubleMajorityCells(game) > DOUBLE_MAJORITY_CELLS) throw new RangeError('the double majority is too large to compute');
  const total = totalWeight(game.weights);
  // Rows up to half of the others; a larger coalition is read as its complement among the others.
  const half = Math.floor((n - 1) / 2);
  const rows = half + 1;
  const width = Math.max(quota, total - quota + 1);
  const table = sizeWeightTable(game.weights, rows, width);
  const without = new Float64Array(rows * width);
  const sizes = binomialChances(n - 1);
  const byWeight = new Map<number, { absolute: number; shapley: number }>();
  for (const w of new Set(game.weights)) {
    leaveOut(table, without, rows, width, w);
    // The chance that the others in the coalition are s members weighing from `from` to `to`.
    const band = (s: number, from: number, to: number): number => {
      const [row, lo, hi] = s <= half ? [s, from, to] : [n - 1 - s, total - w - to, total - w - from];
      let sum = 0;
      for (let k = Math.max(0, lo); k <= Math.min(hi, width - 1); k++) sum += without[row * width + k] as number;
      return sum;
    };
    let absolute = 0;
    let shapley = 0;
    for (let s = memberQuota - 1; s < n; s++) {
      // The others weigh just short of the quota (the member's weight carries it) and are enough in number,
      // or they have the weight but are one member short.
      let decides = w > 0 ? band(s, quota - w, quota - 1) : 0;
      if (s === memberQuota - 1) decides += s <= half ? (sizes[s] as number) - band(s, 0, quota - 1) : band(s, quota, total - w);
      absolute += decides;
      // In a random order the others before the member are a set of size s with chance 1 / (n × C(n−1, s)).
      shapley += decides / (n * (sizes[s] as number));
    }
    byWeight.set(w, { absolute: Math.max(0, absolute), shapley: Math.max(0, shapley) });
  }
  const absolute = game.weights.map((w) => byWeight.get(w)?.absolute ?? 0);
  const swings = absolute.reduce((sum, a) => sum + a, 0);
  return {
    banzhaf: absolute.map((a) => (swings ? a / swings : 0)),
    absolute,
    shapleyShubik: game.weights.map((w) => byWeight.get(w)?.shapley ?? 0),
  };
}
