import { describe, expect, it } from 'vitest';
import { brokenLink, canonical, entryHash, GENESIS } from './chain.js';

function chain(payloads: Record<string, unknown>[]) {
  let prev = GENESIS;
  return payloads.map((payload, i) => {
    const entry = { seq: i + 1, kind: 'ballot', payload };
    const hash = entryHash(prev, entry);
    const linked = { ...entry, prevHash: prev, hash };
    prev = hash;
    return linked;
  });
}

describe('the hash-chained poll log', () => {
  it('hashes canonically, whatever the key order', () => {
    expect(canonical({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it('finds a changed, removed or inserted entry', () => {
    const entries = chain([
      { member: 'a', option: 'for' },
      { member: 'b', option: 'against' },
      { member: 'c', option: 'for' },
    ]);
    expect(brokenLink(entries)).toBeNull();
    expect(brokenLink(entries.map((e) => (e.seq === 2 ? { ...e, payload: { member: 'b', option: 'for' } } : e)))).toBe(2);
    expect(brokenLink([entries[0]!, entries[2]!])).toBe(3);
    const forged = { ...entries[1]!, seq: 2 };
    expect(brokenLink([entries[0]!, forged, { ...entries[1]!, seq: 3 }, { ...entries[2]!, seq: 4 }])).toBe(3);
  });
});
