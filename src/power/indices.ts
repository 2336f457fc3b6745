import { banzhaf } from './banzhaf.js';
import { DOUBLE_MAJORITY_CELLS, doubleMajorityCells, doubleMajorityPower } from './double.js';
import { quotaFor, totalWeight } from './game.js';
import { shapleyShubik } from './shapley.js';

/** The majorities of the profile (`simple`, `twoThirds`, `double`: weight and more than half the members). */
export type PowerMajority = 'simple' | 'twoThirds' | 'double';

export interface IndicesJob {
  weights: number[];
  majority: PowerMajority;
}

export interface Indices {
  /** The weight a coalition needs, out of all members' weight (every member voting). */
  quota: number;
  /** The members a coalition needs as well (double majority only). */
  memberQuota: number | null;
  banzhaf: number[];
  /** The chance that a member's vote decides (the absolute Banzhaf index). */
  absoluteBanzhaf: number[];
  shapleyShubik: number[];
  /** Whether the figures are exact counts (big integers) or doubles held to 10⁻¹² (see double.ts, shapley.ts). */
  method: 'generating-function' | 'size-weight-table';
  milliseconds: number;
}

export class TooLargeError extends Error {}

/**
 * The largest total weight computed: the work grows with members × total weight (1 per 100 inhabitants
 * with a cap of 750, 132,442 for the VNG, takes seconds). A draft without a cap would weigh millions
 * and keep the worker busy for minutes, so it is refused instead.
 */
export const MAX_TOTAL_WEIGHT = 250_000;

/** Both indices of a register's weights under a majority: the a-priori power, everyone voting. */
export function indicesFor({ weights, majority }: IndicesJob): Indices {
  const start = performance.now();
  const total = totalWeight(weights);
  if (total > MAX_TOTAL_WEIGHT) throw new TooLargeError('the total weight is too large to compute');
  const quota = quotaFor(total, majority === 'twoThirds' ? 'two-thirds' : 'simple');
  if (majority === 'double') {
    const memberQuota = Math.floor(weights.length / 2) + 1;
    const game = { weights, quota, memberQuota };
    if (doubleMajorityCells(game) > DOUBLE_MAJORITY_CELLS) throw new TooLargeError('the double majority is too large to compute');
    const power = doubleMajorityPower(game);
    return {
      quota,
      memberQuota,
      banzhaf: power.banzhaf,
      absoluteBanzhaf: power.absolute,
      shapleyShubik: power.shapleyShubik,
      method: 'size-weight-table',
      milliseconds: performance.now() - start,
    };
  }
  const b = banzhaf({ weights, quota });
  return {
    quota,
    memberQuota: null,
    banzhaf: b.index,
    absoluteBanzhaf: b.absolute,
    shapleyShubik: shapleyShubik({ weights, quota }, b.swings),
    method: 'generating-function',
    milliseconds: performance.now() - start,
  };
}
