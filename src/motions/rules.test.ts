import { describe, expect, it } from 'vitest';
import { filedInTime, handlingOrder, textDiff } from './rules.js';

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
