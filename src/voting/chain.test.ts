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
    // The same text as JSON.stringify on sorted keys, for every value a JSON log holds.
    const payload = { z: 'ß "quoted"\n', a: [null, true, 1.5, -0, [], {}], m: { y: [{ b: 'x', a: 'é' }], x: 1e21 } };
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([k, x]) => [k, sorted(x)]),
            )
          : v;
    expect(canonical(payload)).toBe(JSON.stringify(sorted(payload)));
    expect(canonical([1, undefined, 2])).toBe('[1,,2]');
    // Values outside plain JSON keep the definition's text (sorted as strings, no JSON conversions).
    expect(canonical({ '10': 1, '2': 2, a: 3 })).toBe('{"10":1,"2":2,"a":3}');
    expect(canonical({ b: undefined, a: 1 })).toBe('{"a":1,"b":undefined}');
    expect(canonical(JSON.parse('{"__proto__":1,"b":2}'))).toBe('{"__proto__":1,"b":2}');
    expect(canonical({ at: new Date(0) })).toBe('{"at":{}}');
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
