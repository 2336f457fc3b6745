import { describe, expect, it } from 'vitest';
import { filedInTime, firstSubmitter, handlingOrder, mayChangeSubmitters, missingAgreement, textDiff } from './rules.js';

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 10, minute));

describe('motions and amendments', () => {
  it('are on time until the deadline, and always without one', () => {
    expect(filedInTime(at(30), at(30))).toBe(true);
    expect(filedInTime(at(30), at(31))).toBe(false);
    expect(filedInTime(null, at(31))).toBe(true);
  });

  it('are handled motions first, related ones together in speaking order, then amendments', () => {
    const order = handlingOrder([
      { id: 'amendment', kind: 'amendment' as const, groupLabel: null, groupPosition: null, filedAt: at(1) },
      { id: 'lone', kind: 'motion' as const, groupLabel: null, groupPosition: null, filedAt: at(3) },
      { id: 'g2', kind: 'motion' as const, groupLabel: 'Wonen', groupPosition: 2, filedAt: at(2) },
      { id: 'g1', kind: 'motion' as const, groupLabel: 'Wonen', groupPosition: 1, filedAt: at(5) },
      { id: 'g3', kind: 'motion' as const, groupLabel: 'Wonen', groupPosition: 3, filedAt: at(4) },
    ]);
    expect(order.map((s) => s.id)).toEqual(['g1', 'g2', 'g3', 'lone', 'amendment']);
  });

  it('show an amendment as a word-level change', () => {
    expect(textDiff('De ALV stemt in met de begroting 2017.', 'De ALV stemt in met de gewijzigde begroting 2017.')).toEqual([
      { op: 'equal', text: 'De ALV stemt in met de ' },
      { op: 'insert', text: 'gewijzigde ' },
      { op: 'equal', text: 'begroting 2017.' },
    ]);
  });
});

describe('submitters', () => {
  const submitters = [
    { memberId: 'groningen', position: 2 },
    { memberId: 'utrecht', position: 0 },
    { memberId: 'zwolle', position: 1 },
  ];
  const actingFor = (...members: string[]) => ({ actsFor: (id: string) => members.includes(id), manages: false });
  const manager = { actsFor: () => false, manages: true };

  it('have the member named first at filing as first submitter', () => {
    expect(firstSubmitter(submitters)).toBe('utrecht');
    expect(firstSubmitter([])).toBeUndefined();
  });

  it('grow only with the first submitter’s consent', () => {
    for (const change of ['invite', 'add', 'cancel-invitation'] as const) {
      expect(mayChangeSubmitters(change, actingFor('utrecht'), 'utrecht', 'middelburg')).toBe(true);
      expect(mayChangeSubmitters(change, actingFor('zwolle'), 'utrecht', 'middelburg')).toBe(false);
      expect(mayChangeSubmitters(change, actingFor('middelburg'), 'utrecht', 'middelburg')).toBe(false);
      expect(mayChangeSubmitters(change, manager, 'utrecht', 'middelburg')).toBe(true);
    }
  });

  it('answer an invitation only for the member invited, never for someone else', () => {
    expect(mayChangeSubmitters('answer-invitation', actingFor('middelburg'), 'utrecht', 'middelburg')).toBe(true);
    expect(mayChangeSubmitters('answer-invitation', actingFor('utrecht'), 'utrecht', 'middelburg')).toBe(false);
    expect(mayChangeSubmitters('answer-invitation', manager, 'utrecht', 'middelburg')).toBe(false);
  });

  it('lose a name by its own member leaving or the first submitter removing it, never the first name', () => {
    expect(mayChangeSubmitters('remove', actingFor('zwolle'), 'utrecht', 'zwolle')).toBe(true);
    expect(mayChangeSubmitters('remove', actingFor('utrecht'), 'utrecht', 'zwolle')).toBe(true);
    expect(mayChangeSubmitters('remove', actingFor('groningen'), 'utrecht', 'zwolle')).toBe(false);
    expect(mayChangeSubmitters('remove', actingFor('zwolle'), 'utrecht', 'utrecht')).toBe(false);
    expect(mayChangeSubmitters('remove', manager, 'utrecht', 'utrecht')).toBe(false);
    expect(mayChangeSubmitters('remove', manager, 'utrecht', 'zwolle')).toBe(true);
  });

  it('hold or withdraw with the first submitter, or with everyone, as the profile says', () => {
    expect(missingAgreement('first-submitter', submitters, new Set())).toEqual(['utrecht']);
    expect(missingAgreement('first-submitter', submitters, new Set(['zwolle', 'groningen']))).toEqual(['utrecht']);
    expect(missingAgreement('first-submitter', submitters, new Set(['utrecht']))).toEqual([]);
    expect(missingAgreement('all-submitters', submitters, new Set(['utrecht']))).toEqual(['zwolle', 'groningen']);
    expect(missingAgreement('all-submitters', submitters, new Set(['utrecht', 'zwolle', 'groningen']))).toEqual([]);
  });
});
