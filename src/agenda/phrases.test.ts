import { describe, expect, it } from 'vitest';
import { itemPhrase, methodFits, outcomeFits, submissionPhrase } from './phrases.js';

const proposal = { type: 'agenda-item' as const, kind: 'regular' as const, purpose: 'decision' as const };
const motion = { type: 'submission' as const, kind: 'motion' as const };

describe("the minutes' fixed phrases", () => {
  it('words the outcomes as the association writes them', () => {
    expect(itemPhrase('ALV', proposal, 'adopted', 'vote').nl).toBe('De ALV stemt in met het voorstel.');
    expect(itemPhrase('BALV', proposal, 'adopted', 'acclamation').nl).toBe('De BALV stemt per acclamatie in met het voorstel.');
    expect(submissionPhrase('ALV', motion, 'adopted', 'vote').nl).toBe('De ALV neemt de motie aan.');
    expect(submissionPhrase('ALV', motion, 'adopted', 'acclamation').nl).toBe('De ALV neemt de motie per acclamatie aan.');
    expect(submissionPhrase('ALV', motion, 'held', 'none').nl).toBe('De indieners houden de motie aan; de vergadering neemt hier kennis van.');
    expect(submissionPhrase('ALV', { type: 'submission', kind: 'amendment' }, 'adopted', 'acclamation').nl).toBe(
      'De ALV neemt het amendement per acclamatie aan.',
    );
    expect(
      itemPhrase('ALV', { type: 'agenda-item', kind: 'previous-minutes', purpose: 'approval', approvesDate: '2016-11-18' }, 'approved', 'acclamation').nl,
    ).toBe('De ALV stelt de notulen van de vergadering van 18 november 2016 vast.');
    expect(itemPhrase('ALV', { type: 'agenda-item', kind: 'opening', purpose: 'information' }, 'done', 'none').en).toBe('The chair opens the meeting.');
  });

  it('fits outcomes to the item: an item for information is taken note of, not adopted', () => {
    const info = { type: 'agenda-item' as const, kind: 'regular' as const, purpose: 'information' as const };
    expect(outcomeFits(info, 'adopted')).toBe(false);
    expect(outcomeFits(info, 'taken-note')).toBe(true);
    expect(outcomeFits(proposal, 'adopted')).toBe(true);
    expect(outcomeFits({ type: 'agenda-item', kind: 'appointments', purpose: 'decision' }, 'adopted')).toBe(false);
  });

  it('asks a vote for a rejection and no count for held or withdrawn', () => {
    expect(methodFits('adopted', 'acclamation')).toBe(true);
    expect(methodFits('rejected', 'acclamation')).toBe(false);
    expect(methodFits('held', 'none')).toBe(true);
    expect(methodFits('held', 'acclamation')).toBe(false);
  });
});
