import { describe, expect, it } from 'vitest';
import { defaultPosition, numberItems, orderProblem } from './rules.js';

describe('agenda numbering', () => {
  it('numbers items by position and sub-items with letters', () => {
    const items = [
      { id: 'c', parentId: null, position: 2 },
      { id: 'a', parentId: null, position: 0 },
      { id: 'b2', parentId: 'b', position: 5 },
      { id: 'b', parentId: null, position: 1 },
      { id: 'b1', parentId: 'b', position: 1 },
    ];
    expect(numberItems(items).map((i) => `${i.id}:${i.number}`)).toEqual(['a:1', 'b:2', 'b1:2a', 'b2:2b', 'c:3']);
  });

  it('places new items before the any-other-business and closing items', () => {
    expect(
      defaultPosition([
        { position: 0, kind: 'opening' },
        { position: 1, kind: 'any-other-business' },
        { position: 2, kind: 'closing' },
      ]),
    ).toBe(1);
    expect(defaultPosition([{ position: 0, kind: 'regular' }])).toBe(1);
    expect(defaultPosition([])).toBe(0);
  });

  it('accepts a new order only when it names every item once, one level deep', () => {
    const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(
      orderProblem(items, [
        { id: 'b', parentId: null },
        { id: 'a', parentId: null },
        { id: 'c', parentId: 'a' },
      ]),
    ).toBeNull();
    expect(
      orderProblem(items, [
        { id: 'a', parentId: null },
        { id: 'b', parentId: null },
      ]),
    ).toMatch(/every item/);
    expect(
      orderProblem(items, [
        { id: 'a', parentId: null },
        { id: 'a', parentId: null },
        { id: 'c', parentId: null },
      ]),
    ).toMatch(/twice/);
    expect(
      orderProblem(items, [
        { id: 'a', parentId: null },
        { id: 'b', parentId: 'a' },
        { id: 'c', parentId: 'b' },
      ]),
    ).toMatch(/sub-item of a sub-item/);
    expect(
      orderProblem(items, [
        { id: 'a', parentId: 'x' },
        { id: 'b', parentId: null },
        { id: 'c', parentId: null },
      ]),
    ).toMatch(/unknown parent/);
  });
});

describe('the decision text put to the meeting', () => {
  it('applies adopted amendments in the order they were written against each other', async () => {
    const { effectiveDecisionText } = await import('./rules.js');
    const proposal = 'De ALV stemt in met de begroting.';
    const first = { baseText: proposal, proposedText: 'De ALV stemt in met de gewijzigde begroting.' };
    const second = { baseText: first.proposedText, proposedText: 'De ALV stemt in met de gewijzigde begroting en de contributie.' };
    expect(effectiveDecisionText(proposal, [])).toBe(proposal);
    expect(effectiveDecisionText(proposal, [second, first])).toBe(second.proposedText);
    expect(effectiveDecisionText(proposal, [first])).toBe(first.proposedText);
  });
});
