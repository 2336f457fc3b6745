import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { banzhaf } from './banzhaf.js';
import { quotaFor, totalWeight, type WeightedGame } from './game.js';
import { chineseRemainder, isPrime, PRIME_BITS, primesForBits } from './modular.js';
import { gaussLegendre, shapleyShubik } from './shapley.js';

/** The definitions, by brute force over every coalition and every order: the oracle for small games. */
function enumerate({ weights, quota }: WeightedGame) {
  const n = weights.length;
  const swings = weights.map(() => 0n);
  const factorial = (k: number): bigint => (k <= 1 ? 1n : BigInt(k) * factorial(k - 1));
  const shapleyNumerators = weights.map(() => 0n);
  for (let mask = 0; mask < 1 << n; mask++) {
    let weight = 0;
    let size = 0;
    for (let j = 0; j < n; j++) if (mask & (1 << j)) [weight, size] = [weight + (weights[j] as number), size + 1];
    weights.forEach((w, i) => {
      if (mask & (1 << i) || weight >= quota || weight + w < quota) return;
      swings[i] = (swings[i] as bigint) + 1n;
      shapleyNumerators[i] = (shapleyNumerators[i] as bigint) + factorial(size) * factorial(n - size - 1);
    });
  }
  const all = factorial(n);
  return { swings, shapley: shapleyNumerators.map((s) => Number((s * 10n ** 18n) / all) / 1e18) };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('voting power of weighted games with published values', () => {
  it('the EEC Council of 1958 (quota 12 of 17): Luxembourg has no power at all', () => {
    const game = { weights: [4, 4, 4, 2, 2, 1], quota: 12 };
    const b = banzhaf(game);
    expect(b.swings).toEqual([10n, 10n, 10n, 6n, 6n, 0n]);
    expect(b.index.map((x) => x.toFixed(3))).toEqual(['0.238', '0.238', '0.238', '0.143', '0.143', '0.000']);
    expect(shapleyShubik(game).map((x) => x.toFixed(4))).toEqual(['0.2333', '0.2333', '0.2333', '0.1500', '0.1500', '0.0000']);
  });

  it('the UN Security Council (five vetoes of weight 7, ten of weight 1, quota 39)', () => {
    const game = { weights: [...Array(5).fill(7), ...Array(10).fill(1)], quota: 39 };
    const b = banzhaf(game);
    expect(b.index[0]?.toFixed(4)).toBe('0.1669');
    expect(b.index[14]?.toFixed(4)).toBe('0.0165');
    const s = shapleyShubik(game);
    // Published as 0.1963 and 0.00186: exactly 421/2145 and 4/2145.
    expect(s[0]).toBeCloseTo(421 / 2145, 12);
    expect(s[14]).toBeCloseTo(4 / 2145, 12);
  });

  it('[3; 2, 1, 1]: the large member has three fifths of the swings and two thirds of the orders', () => {
    const game = { weights: [2, 1, 1], quota: 3 };
    expect(banzhaf(game).swings).toEqual([3n, 1n, 1n]);
    expect(shapleyShubik(game).map((x) => x * 6)).toEqual([expect.closeTo(4, 12), expect.closeTo(1, 12), expect.closeTo(1, 12)]);
  });
});

const games = fc
  .array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 12 })
  .filter((weights) => totalWeight(weights) > 0)
  .chain((weights) => fc.record({ weights: fc.constant(weights), quota: fc.integer({ min: 1, max: totalWeight(weights) }) }));

describe('voting power: properties', () => {
  it('agrees with the definitions, counted coalition by coalition and order by order', () => {
    fc.assert(
      fc.property(games, (game) => {
        const oracle = enumerate(game);
        expect(banzhaf(game).swings).toEqual(oracle.swings);
        for (const [i, value] of shapleyShubik(game).entries()) expect(value).toBeCloseTo(oracle.shapley[i] as number, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('sums to 1, gives equal weights equal power and a dummy exactly 0', () => {
    fc.assert(
      fc.property(games, (game) => {
        const b = banzhaf(game);
        const s = shapleyShubik(game);
        if (b.totalSwings > 0n) expect(sum(b.index)).toBeCloseTo(1, 12);
        expect(sum(s)).toBeCloseTo(1, 12);
        for (const [i, w] of game.weights.entries()) {
          for (const [j, v] of game.weights.entries()) if (w === v) expect([b.swings[i], s[i]]).toEqual([b.swings[j], s[j]]);
        }
        b.swings.forEach((swings, i) => {
          if (swings === 0n) expect(s[i]).toBe(0);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('counts exactly beyond a double: 120 members of weight 1 under a simple majority', () => {
    const game = { weights: Array(120).fill(1), quota: quotaFor(120, 'simple') };
    // A member swings when exactly 60 of the other 119 vote with it: C(119, 60).
    let binomial = 1n;
    for (let k = 0n; k < 60n; k++) binomial = (binomial * (119n - k)) / (k + 1n);
    expect(banzhaf(game).swings[0]).toBe(binomial);
    expect(shapleyShubik(game)[0]).toBeCloseTo(1 / 120, 14);
  });
});

describe('the arithmetic under it', () => {
  it('finds primes under 2^44 and rebuilds a number from its residues', () => {
    const primes = primesForBits(200);
    expect(primes.every((p) => p < 2 ** PRIME_BITS && isPrime(BigInt(p)))).toBe(true);
    const n = 3n ** 120n;
    expect(
      chineseRemainder(
        primes.map((p) => n % BigInt(p)),
        primes,
      ),
    ).toBe(n);
  });

  it('integrates a polynomial of degree 2m − 1 exactly with m Gauss–Legendre nodes', () => {
    const { nodes, weights } = gaussLegendre(6);
    expect(sum(nodes.map((t, i) => (weights[i] as number) * t ** 11))).toBeCloseTo(1 / 12, 14);
  });
});
