import { describe, expect, it } from 'vitest';
import { speakerMoveRefusal, speakerOrder, speakRequestRefusal } from './speaker-rules.js';

const fine = { inSession: true, currentItem: true, checkedIn: true, alreadyInRound: false };

describe('speakers rules', () => {
  it('lets a checked-in person ask once per round on the item in hand', () => {
    expect(speakRequestRefusal(fine, 1)).toBeNull();
    expect(speakRequestRefusal({ ...fine, checkedIn: false }, 1)?.nl).toMatch(/niet aangemeld/);
    expect(speakRequestRefusal({ ...fine, currentItem: false }, 1)?.nl).toMatch(/nu aan de orde/);
    expect(speakRequestRefusal({ ...fine, inSession: false }, 1)?.nl).toMatch(/niet geopend/);
    expect(speakRequestRefusal({ ...fine, alreadyInRound: true }, 2)?.nl).toMatch(/tweede termijn/);
  });

  it('moves a turn from waiting to speaking to done; the person who asked may only withdraw while waiting', () => {
    expect(speakerMoveRefusal('waiting', 'speaking', true)).toBeNull();
    expect(speakerMoveRefusal('speaking', 'done', true)).toBeNull();
    expect(speakerMoveRefusal('waiting', 'withdrawn', true)).toBeNull();
    expect(speakerMoveRefusal('done', 'speaking', true)).toMatchObject({ status: 'conflict' });
    expect(speakerMoveRefusal('waiting', 'done', true)).toMatchObject({ status: 'conflict' });
    expect(speakerMoveRefusal('waiting', 'withdrawn', false)).toBeNull();
    expect(speakerMoveRefusal('waiting', 'speaking', false)).toMatchObject({ status: 'conflict' });
    expect(speakerMoveRefusal('speaking', 'withdrawn', false)).toMatchObject({ status: 'conflict' });
  });

  it('shows the speaker first, then the first round before the second, in the order asked', () => {
    const list = [
      { id: 'b', status: 'waiting', round: 2, at: 1 },
      { id: 'c', status: 'waiting', round: 1, at: 3 },
      { id: 'a', status: 'speaking', round: 1, at: 5 },
      { id: 'd', status: 'waiting', round: 1, at: 2 },
      { id: 'e', status: 'done', round: 1, at: 0 },
    ] as const;
    expect([...list].sort(speakerOrder).map((s) => s.id)).toEqual(['a', 'd', 'c', 'b', 'e']);
  });
});
