/**
 * A weighted voting game: each member brings an integer vote weight, and a coalition wins when its
 * weight reaches the quota. The power indices (banzhaf.ts, shapley.ts) measure how often a member's
 * vote decides, which is not the same as its share of the weight.
 */
export interface WeightedGame {
  weights: readonly number[];
  /** The weight a coalition needs to win (1 ≤ quota ≤ total weight). */
  quota: number;
}

/** The majorities a statute names, as the weight needed out of the total. */
export type Majority = 'simple' | 'two-thirds';

/** The quota for a majority of all the weight: more than half, or at least two thirds. */
export function quotaFor(totalWeight: number, majority: Majority): number {
  return majority === 'simple' ? Math.floor(totalWeight / 2) + 1 : Math.ceil((2 * totalWeight) / 3);
}

export const totalWeight = (weights: readonly number[]) => weights.reduce((sum, w) => sum + w, 0);

/** The game's weights checked: positive integers under a quota that some coalition reaches. */
export function checkGame({ weights, quota }: WeightedGame): void {
  if (!weights.every((w) => Number.isSafeInteger(w) && w >= 0)) throw new RangeError('weights must be whole numbers of at least 0');
  if (!Number.isSafeInteger(quota) || quota < 1 || quota > totalWeight(weights)) throw new RangeError('the quota must be between 1 and the total weight');
}

/** Members with the same weight have the same power, so each index is computed once per distinct weight. */
export function distinctWeights(weights: readonly number[]): number[] {
  return [...new Set(weights)].sort((a, b) => a - b);
}
