import { checkGame, distinctWeights, totalWeight, type WeightedGame } from './game.js';
import { chineseRemainder, PRIME_BITS, primesForBits } from './modular.js';

/** Additions between reductions: counts below 2^PRIME_BITS, doubled this often, stay below 2^53. */
const UNREDUCED = 53 - PRIME_BITS - 1;

/**
 * The Banzhaf index, exactly: a member's swings are the coalitions of the others that lose without it
 * and win with it. Counting coalitions by weight is a generating function, the product of (1 + x^w) over
 * the members; leaving one member out divides by its factor. The counts reach 2^(n-1), so the work is done
 * modulo several primes under 2^44 (sums stay exact in a double) and the swing counts are rebuilt as
 * big integers by the Chinese remainder theorem. Cost: (members + distinct weights) × quota per prime.
 */
export interface BanzhafPower {
  /** Per member, in the order of the game's weights. */
  swings: bigint[];
  /** Swings over all members' swings (the normalised Banzhaf index; it sums to 1). */
  index: number[];
  /** Swings over the 2^(n-1) coalitions of the others (the absolute Banzhaf index). */
  absolute: number[];
  totalSwings: bigint;
}

/** The ratio of two big integers as a double, exact to the double's precision. */
export const ratio = (numerator: bigint, denominator: bigint): number => (denominator === 0n ? 0 : Number((numerator << 64n) / denominator) / 2 ** 64);

/** x modulo p for a whole x below 2^53 (the quotient's rounding corrected). */
const reduce = (x: number, p: number): number => {
  const r = x - Math.floor(x / p) * p;
  return r < 0 ? r + p : r >= p ? r - p : r;
};

/**
 * Coalitions counted by weight up to `limit`, modulo p: the product of (1 + x^w). The primes are under
 * 2^44, so eight members' additions (each at most doubles a count) stay exact below 2^53 before the counts
 * must be reduced: the inner loop is a bare addition.
 */
function countsByWeight(weights: readonly number[], limit: number, p: number): Float64Array {
  const counts = new Float64Array(limit + 1);
  counts[0] = 1;
  weights.forEach((w, i) => {
    for (let k = limit; k >= w; k--) counts[k] = (counts[k] as number) + (counts[k - w] as number);
    if (i % UNREDUCED === UNREDUCED - 1 || i === weights.length - 1) for (let k = 0; k <= limit; k++) counts[k] = reduce(counts[k] as number, p);
  });
  return counts;
}

/**
 * Swings of a member of weight w, modulo p: the counts without it (divided by 1 + x^w, into `without`,
 * a buffer as long as `counts`) summed over [quota − w, quota − 1].
 */
function swingsModulo(counts: Float64Array, without: Float64Array, w: number, quota: number, p: number): number {
  let swings = 0;
  for (let k = 0; k < quota; k++) {
    let count = counts[k] as number;
    if (k >= w) {
      count -= without[k - w] as number;
      if (count < 0) count += p;
    }
    without[k] = count;
    if (k >= quota - w) {
      swings += count;
      if (swings >= p) swings -= p;
    }
  }
  return swings;
}

export function banzhaf(game: WeightedGame): BanzhafPower {
  checkGame(game);
  // A member of weight 0 never swings; it doubles every other member's coalitions.
  const voting = game.weights.filter((w) => w > 0);
  const doubling = BigInt(game.weights.length - voting.length);
  const kinds = distinctWeights(voting);
  const primes = primesForBits(Math.max(1, voting.length));
  // The dual game (quota total − quota + 1) has the same swings: a coalition swings in one exactly when
  // the others left out of it swing in the other. The smaller quota means shorter counts.
  const quota = Math.min(game.quota, totalWeight(voting) - game.quota + 1);
  const residues = primes.map((p) => {
    const counts = countsByWeight(voting, quota - 1, p);
    const without = new Float64Array(counts.length);
    return kinds.map((w) => swingsModulo(counts, without, w, quota, p));
  });
  const swingsOf = new Map(
    kinds.map((w, i) => [
      w,
      chineseRemainder(
        residues.map((r) => BigInt(r[i] as number)),
        primes,
      ) << doubling,
    ]),
  );
  const swings = game.weights.map((w) => swingsOf.get(w) ?? 0n);
  const totalSwings = swings.reduce((sum, s) => sum + s, 0n);
  const coalitions = 1n << BigInt(Math.max(0, game.weights.length - 1));
  return {
    swings,
    index: swings.map((s) => ratio(s, totalSwings)),
    absolute: swings.map((s) => ratio(s, coalitions)),
    totalSwings,
  };
}
