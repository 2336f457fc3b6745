import { describe, expect, it } from 'vitest';
import { canonicalRegion, profileProblems, sizeClassOf, voteWeight } from './rules.js';
import type { VoteWeightRule } from './schemas.js';
import { vngProfile } from './vng.js';

const municipality = vngProfile.memberClasses.find((c) => c.code === 'municipality')!.voteWeight;
const gewest = vngProfile.memberClasses.find((c) => c.code === 'gewest')!.voteWeight;

describe('vote weight of a municipality (1 per 1,000, at most 75, minimum 1, rounded down)', () => {
  it.each([
    [0, 1],
    [999, 1],
    [1_000, 1],
    [1_999, 1],
    [2_000, 2],
    [74_999, 74],
    [75_000, 75],
    [800_000, 75],
  ])('%i inhabitants give %i votes', (population, weight) => {
    expect(voteWeight(population, municipality)).toBe(weight);
  });
});

describe('vote weight of a gewest (1 per 10,000, at most 75)', () => {
  it.each([
    [9_999, 1],
    [10_000, 1],
    [749_999, 74],
    [750_000, 75],
    [2_000_000, 75],
  ])('%i inhabitants give %i votes', (population, weight) => {
    expect(voteWeight(population, gewest)).toBe(weight);
  });
});

describe('rounding and the other settings of the rule', () => {
  const rule = (overrides: Partial<VoteWeightRule>): VoteWeightRule => ({ ...municipality, ...overrides });
  it('rounds up when the statutes say so', () => {
    expect(voteWeight(1_001, rule({ rounding: 'up' }))).toBe(2);
    expect(voteWeight(2_000, rule({ rounding: 'up' }))).toBe(2);
  });
  it('rounds half up to the nearest vote', () => {
    expect(voteWeight(1_499, rule({ rounding: 'nearest' }))).toBe(1);
    expect(voteWeight(1_500, rule({ rounding: 'nearest' }))).toBe(2);
  });
  it('follows the "1 per 100" reading of the divisor', () => {
    expect(voteWeight(5_432, rule({ divisor: 100, cap: null }))).toBe(54);
  });
  it('has no cap when the cap is null', () => {
    expect(voteWeight(800_000, rule({ cap: null }))).toBe(800);
  });
  it('allows a minimum of zero', () => {
    expect(voteWeight(999, rule({ minimum: 0 }))).toBe(0);
  });
  it('refuses a population that is not a whole non-negative number', () => {
    expect(() => voteWeight(-1, municipality)).toThrow(RangeError);
    expect(() => voteWeight(10.5, municipality)).toThrow(RangeError);
  });
});

describe('size classes and regions', () => {
  it('derives the size class from the population at the class bounds', () => {
    const classes = vngProfile.sizeClasses.items;
    expect(sizeClassOf(972, classes)?.code).toBe('lt10k');
    expect(sizeClassOf(9_999, classes)?.code).toBe('lt10k');
    expect(sizeClassOf(10_000, classes)?.code).toBe('10k-20k');
    expect(sizeClassOf(931_298, classes)?.code).toBe('gte250k');
  });
  it('accepts Fryslân for Friesland and refuses unknown provinces', () => {
    expect(canonicalRegion('Fryslân', vngProfile)).toBe('Friesland');
    expect(canonicalRegion(' zeeland ', vngProfile)).toBe('Zeeland');
    expect(canonicalRegion('Vlaanderen', vngProfile)).toBeUndefined();
  });
  it('finds no problems in the VNG profile and finds a cap below the minimum', () => {
    expect(profileProblems(vngProfile)).toEqual([]);
    const broken = structuredClone(vngProfile);
    broken.memberClasses[0]!.voteWeight = { ...broken.memberClasses[0]!.voteWeight, cap: 1, minimum: 2 };
    expect(profileProblems(broken)).toEqual(['member class "municipality": cap is below the minimum']);
  });
});
