import { describe, expect, it } from 'vitest';
import { reaches, supportOf, triageRefusal, type Threshold } from './rules.js';

const register = [
  { id: 'big', voteWeight: 60, population: 900_000 },
  { id: 'mid', voteWeight: 25, population: 250_000 },
  { id: 'small1', voteWeight: 5, population: 40_000 },
  { id: 'small2', voteWeight: 5, population: 45_000 },
  { id: 'small3', voteWeight: 5, population: 50_000 },
];

describe('topic support', () => {
  it('counts members, weight and population of the supporters, with shares of the register', () => {
    expect(supportOf(['small1', 'small2'], register)).toEqual({
      members: 2,
      voteWeight: 10,
      population: 85_000,
      weightShare: 0.1,
      populationShare: 85_000 / 1_285_000,
    });
    // A member that is no longer in the register counts for nothing.
    expect(supportOf(['gone'], register).members).toBe(0);
  });

  it('reaches the threshold by weight even with few members, or by count with little weight', () => {
    const t: Threshold = { members: 3, weightShare: 0.5, populationShare: null, combine: 'any' };
    expect(reaches(supportOf(['small1', 'small2'], register), t)).toBe(false);
    expect(reaches(supportOf(['big'], register), t)).toBe(true);
    expect(reaches(supportOf(['small1', 'small2', 'small3'], register), t)).toBe(true);
    const both: Threshold = { ...t, combine: 'all' };
    expect(reaches(supportOf(['big'], register), both)).toBe(false);
    expect(reaches(supportOf(['big', 'small1', 'small2'], register), both)).toBe(true);
    expect(reaches(supportOf(['big'], register), { members: null, weightShare: null, populationShare: 0.7, combine: 'any' })).toBe(true);
  });

  it('asks a reason to decline and a name for a committee, network or team, and triage only once reached', () => {
    expect(triageRefusal('triage', { decision: 'decline' })?.field).toBe('reason');
    expect(triageRefusal('triage', { decision: 'decline', reason: 'Valt buiten het werkterrein.' })).toBeNull();
    expect(triageRefusal('triage', { decision: 'route', route: 'committee' })?.field).toBe('routeTo');
    expect(triageRefusal('triage', { decision: 'route', route: 'committee', routeTo: 'Commissie Financiën' })).toBeNull();
    expect(triageRefusal('triage', { decision: 'route', route: 'general-meeting' })).toBeNull();
    expect(triageRefusal('gathering', { decision: 'route', route: 'general-meeting' })?.text.nl).toContain('drempel');
    expect(triageRefusal('routed', { decision: 'decline', reason: 'x' })?.text.nl).toContain('al beslist');
  });
});
