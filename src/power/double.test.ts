import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { banzhaf } from './banzhaf.js';
import { type DoubleMajorityGame, doubleMajorityPower } from './double.js';
import { quotaFor, totalWeight } from './game.js';
import { shapleyShubik } from './shapley.js';

/** The definitions by brute force: every coalition, and every order through the sizes' factorials. */
function enumerate({ weights, quota, memberQuota }: DoubleMajorityGame) {
  const n = weights.length;
  const wins = (weight: number, size: number) => weight >= quota && size >= memberQuota;
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const swings = weights.map(() => 0);
  const shapley = weights.map(() => 0);
  for (let mask = 0; mask < 1 << n; mask++) {
    let [weight, size] = [0, 0];
    for (let j = 0; j < n; j++) if (mask & (1 << j)) [weight, size] = [weight + (weights[j] as number), size + 1];
    weights.forEach((w, i) => {
      if (mask & (1 << i) || wins(weight, size) || !wins(weight + w, size + 1)) return;
      swings[i] = (swings[i] as number) + 1;
      shapley[i] = (shapley[i] as number) + (factorial(size) * factorial(n - size - 1)) / factorial(n);
    });
  }
  const total = swings.reduce((a, b) => a + b, 0);
  return { banzhaf: swings.map((s) => (total ? s / total : 0)), absolute: swings.map((s) => s / 2 ** (n - 1)), shapley };
}

const games = fc
  .array(fc.integer({ min: 0, max: 25 }), { minLength: 1, maxLength: 11 })
  .filter((weights) => totalWeight(weights) > 0)
  .chain((weights) =>
    fc.record({
      weights: fc.constant(weights),
      quota: fc.integer({ min: 1, max: totalWeight(weights) }),
      memberQuota: fc.integer({ min: 1, max: weights.length }),
    }),
  );

describe('double majority: weight and a count of members', () => {
  it('agrees with the definitions, coalition by coalition and order by order', () => {
    fc.assert(
      fc.property(games, (game) => {
        const oracle = enumerate(game);
        const power = doubleMajorityPower(game);
        game.weights.forEach((_, i) => {
          expect(power.banzhaf[i]).toBeCloseTo(oracle.banzhaf[i] as number, 12);
          expect(power.absolute[i]).toBeCloseTo(oracle.absolute[i] as number, 12);
          expect(power.shapleyShubik[i]).toBeCloseTo(oracle.shapley[i] as number, 12);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives a member without weight a say through the count, which a weighted majority alone never does', () => {
    // Two heavy members and three weightless ones: weight 10 of 20 and three members of five.
    const game = { weights: [10, 10, 0, 0, 0], quota: 11, memberQuota: 3 };
    expect(banzhaf(game).swings.slice(2)).toEqual([0n, 0n, 0n]);
    const power = doubleMajorityPower(game);
    expect(power.banzhaf[2]).toBeGreaterThan(0);
    expect(power.shapleyShubik.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('is the weighted game again when one member is enough', () => {
    const weights = [9, 7, 4, 4, 3, 2, 1, 1];
    const quota = quotaFor(totalWeight(weights), 'simple');
    const power = doubleMajorityPower({ weights, quota, memberQuota: 1 });
    const b = banzhaf({ weights, quota });
    const s = shapleyShubik({ weights, quota });
    weights.forEach((_, i) => {
      expect(power.banzhaf[i]).toBeCloseTo(b.index[i] as number, 12);
      expect(power.shapleyShubik[i]).toBeCloseTo(s[i] as number, 12);
    });
  });
});

describe('double majority at the size of the VNG', () => {
  it('keeps its doubles exact: with one member enough, 300 members match the big-integer count', () => {
    // Weights like a register's: many small members and a capped top.
    const weights = Array.from({ length: 300 }, (_, i) => Math.min(75, 1 + ((i * 37) % 90)));
    const quota = quotaFor(totalWeight(weights), 'simple');
    const power = doubleMajorityPower({ weights, quota, memberQuota: 1 });
    const b = banzhaf({ weights, quota });
    const s = shapleyShubik({ weights, quota }, b.swings);
    weights.forEach((_, i) => {
      expect(Math.abs((power.banzhaf[i] as number) / (b.index[i] as number) - 1)).toBeLessThan(1e-12);
      expect(Math.abs((power.shapleyShubik[i] as number) / (s[i] as number) - 1)).toBeLessThan(1e-12);
    });
  });
});
