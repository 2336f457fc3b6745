import { banzhaf } from './banzhaf.js';
import { checkGame, distinctWeights, totalWeight, type WeightedGame } from './game.js';

/**
 * The Shapley–Shubik index: the share of the orders of arrival in which a member's vote turns a losing
 * coalition into a winning one. Counting by coalition size as well as weight costs n² × quota per prime,
 * too slow for 400 members; instead it uses Owen's multilinear extension: the index is the integral over
 * t in [0, 1] of the chance that the member decides when each other member joins with chance t. That chance
 * is a polynomial of degree n − 1 in t, so Gauss–Legendre quadrature with ⌈n/2⌉ nodes integrates it
 * exactly; the only error is the double's rounding (below 10⁻¹², checked against exact enumeration in the
 * tests). A member without swings (a dummy, known exactly from the Banzhaf count) gets exactly 0.
 */

/** Gauss–Legendre nodes and weights on [0, 1] (Newton's method on the Legendre polynomial), from 0 upwards. */
export function gaussLegendre(m: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= m; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (m + 0.5));
    let derivative = 1;
    for (let step = 0; step < 100; step++) {
      let [p0, p1] = [1, x];
      for (let k = 2; k <= m; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      derivative = (m * (x * p1 - p0)) / (x * x - 1);
      const next = x - p1 / derivative;
      const done = Math.abs(next - x) < 1e-16;
      x = next;
      if (done) break;
    }
    nodes.push((1 - x) / 2);
    weights.push(1 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
}

/** The weight distribution of a random coalition (each member in with chance t), up to `limit`. */
function distribution(weights: readonly number[], t: number, limit: number): Float64Array {
  const chance = new Float64Array(limit + 1);
  chance[0] = 1;
  for (const w of weights) {
    for (let k = limit; k >= 0; k--) chance[k] = (1 - t) * (chance[k] as number) + (k >= w ? t * (chance[k - w] as number) : 0);
  }
  return chance;
}

/** Leaves out one member of weight w: divides by 1 − t + t·x^w (stable while t ≤ 1/2) into `without`. */
function leaveOut(chance: Float64Array, without: Float64Array, w: number, t: number): void {
  for (let k = 0; k < chance.length; k++) without[k] = ((chance[k] as number) - (k >= w ? t * (without[k - w] as number) : 0)) / (1 - t);
}

const band = (values: Float64Array, from: number, to: number): number => {
  let sum = 0;
  for (let k = Math.max(0, from); k <= to; k++) sum += values[k] as number;
  return sum;
};

/** Per member, in the order of the game's weights; `swings` (from banzhaf()) saves counting the dummies again. */
export function shapleyShubik(game: WeightedGame, swings: readonly bigint[] = banzhaf(game).swings): number[] {
  checkGame(game);
  const { weights: members, quota } = game;
  const total = totalWeight(members);
  const kinds = distinctWeights(members).filter((w) => w > 0);
  const m = Math.max(1, Math.ceil(members.length / 2));
  const { nodes, weights } = gaussLegendre(m);
  const power = new Map(kinds.map((w) => [w, 0]));
  const limit = Math.max(quota - 1, total - quota);
  const without = new Float64Array(limit + 1);
  // The nodes lie symmetrically around 1/2 (node i and node m − 1 − i), with equal weights. One distribution
  // with chance t ≤ 1/2 serves both: at t the member decides when the others in weigh [quota − w, quota − 1];
  // at 1 − t, counted by the complement (the others left out, each with chance t), when they weigh
  // [total − quota − w + 1, total − quota].
  for (let i = 0; i < Math.ceil(m / 2); i++) {
    const t = nodes[i] as number;
    const paired = i !== m - 1 - i;
    const chance = distribution(members, t, limit);
    for (const w of kinds) {
      leaveOut(chance, without, w, t);
      let decides = band(without, quota - w, quota - 1);
      if (paired) decides += band(without, total - quota - w + 1, total - quota);
      power.set(w, (power.get(w) as number) + (weights[i] as number) * decides);
    }
  }
  return members.map((w, i) => (swings[i] === 0n ? 0 : (power.get(w) ?? 0)));
}
