/**
 * Exact counting with ordinary doubles: counts are kept modulo primes under 2^44 (sums of a few stay
 * below 2^53, so they are exact) and rebuilt as big integers by the Chinese remainder theorem.
 */

export const PRIME_BITS = 44;

const modPow = (base: bigint, exponent: bigint, modulus: bigint): bigint => {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
};

/** Miller–Rabin with the first twelve primes as bases: deterministic below 3.3 × 10^24. */
export function isPrime(n: bigint): boolean {
  const bases = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n];
  if (n < 2n) return false;
  for (const b of bases) if (n % b === 0n) return n === b;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  return bases.every((a) => {
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) return true;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) return true;
    }
    return false;
  });
}

const PRIMES: number[] = [];

/** Enough primes just under 2^PRIME_BITS for their product to exceed 2^bits. */
export function primesForBits(bits: number): number[] {
  const needed = Math.ceil((bits + 1) / (PRIME_BITS - 1));
  // Odd candidates downwards from 2^PRIME_BITS − 1, or from below the last prime found.
  let candidate = PRIMES.length ? BigInt(PRIMES.at(-1) as number) - 2n : 2n ** BigInt(PRIME_BITS) - 1n;
  while (PRIMES.length < needed) {
    if (isPrime(candidate)) PRIMES.push(Number(candidate));
    candidate -= 2n;
  }
  return PRIMES.slice(0, needed);
}

/** The number in [0, product of the primes) with these residues. */
export function chineseRemainder(residues: readonly bigint[], primes: readonly number[]): bigint {
  const moduli = primes.map(BigInt);
  const product = moduli.reduce((a, m) => a * m, 1n);
  let sum = 0n;
  moduli.forEach((m, i) => {
    const rest = product / m;
    sum += (residues[i] as bigint) * rest * modPow(rest % m, m - 2n, m);
  });
  return sum % product;
}
