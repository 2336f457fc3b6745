import { describe, expect, it } from 'vitest';
import {
  checkInRefusal,
  localInstant,
  meetingDateWarnings,
  motionDeadlineAfterStart,
  opensEarly,
  proxyRefusal,
  revocationRefusal,
  voteHolders,
  type ProxyContext,
} from './rules.js';

describe('check-in', () => {
  const base = { designated: true, currentHolderId: null, personId: 'p1', takeOver: false, holdsOtherMember: false };
  it('admits a designated representative of a member nobody holds', () => expect(checkInRefusal(base)).toBeNull());
  it('refuses a person not designated for the member', () => expect(checkInRefusal({ ...base, designated: false })).toBe('not-designated'));
  it('asks a substitute to take over explicitly', () => {
    expect(checkInRefusal({ ...base, currentHolderId: 'p2' })).toBe('held-by-other');
    expect(checkInRefusal({ ...base, currentHolderId: 'p2', takeOver: true })).toBeNull();
  });
  it('refuses a second check-in of the holder and a person holding another member', () => {
    expect(checkInRefusal({ ...base, currentHolderId: 'p1' })).toBe('already-checked-in');
    expect(checkInRefusal({ ...base, holdsOtherMember: true })).toBe('holds-other-member');
  });
});

describe('proxies (volmacht)', () => {
  const base: ProxyContext = {
    policy: { allowed: true, maxPerRepresentative: 1 },
    votingOpen: false,
    grantorPresent: false,
    grantorHasActiveProxy: false,
    holderDesignated: true,
    chain: false,
    holderProxyCount: 0,
  };
  it('grants when the profile allows it', () => expect(proxyRefusal(base)).toBeNull());
  it('follows the profile', () => expect(proxyRefusal({ ...base, policy: { allowed: false, maxPerRepresentative: 1 } })).toBe('not-allowed'));
  it('enforces the maximum per representative', () => {
    expect(proxyRefusal({ ...base, holderProxyCount: 1 })).toBe('maximum-reached');
    expect(proxyRefusal({ ...base, holderProxyCount: 1, policy: { allowed: true, maxPerRepresentative: 2 } })).toBeNull();
  });
  it('refuses a present member, a second proxy, an undesignated holder, chains and an open vote', () => {
    expect(proxyRefusal({ ...base, grantorPresent: true })).toBe('grantor-present');
    expect(proxyRefusal({ ...base, grantorHasActiveProxy: true })).toBe('already-granted');
    expect(proxyRefusal({ ...base, holderDesignated: false })).toBe('holder-not-designated');
    expect(proxyRefusal({ ...base, chain: true })).toBe('chain');
    expect(proxyRefusal({ ...base, votingOpen: true })).toBe('voting-open');
  });
  it('can be revoked until the vote opens, once', () => {
    expect(revocationRefusal({ revoked: false, votingOpen: false })).toBeNull();
    expect(revocationRefusal({ revoked: false, votingOpen: true })).toBe('voting-open');
    expect(revocationRefusal({ revoked: true, votingOpen: false })).toBe('already-revoked');
  });
});

describe('vote holders', () => {
  it('gives each member one holder: its own representative first, else a present proxy holder', () => {
    const holders = voteHolders([
      { memberId: 'a', checkIn: { personId: 'pa' }, proxy: null },
      { memberId: 'b', checkIn: null, proxy: { holderPersonId: 'pa' } },
      { memberId: 'c', checkIn: null, proxy: { holderPersonId: 'px' } },
      { memberId: 'd', checkIn: null, proxy: null },
    ]);
    expect(holders).toEqual([
      { memberId: 'a', personId: 'pa', via: 'check-in', holderPresent: true },
      { memberId: 'b', personId: 'pa', via: 'proxy', holderPresent: true },
      { memberId: 'c', personId: 'px', via: 'proxy', holderPresent: false },
    ]);
  });
});

describe('meeting dates', () => {
  it('counts only a date still to come as opening early', () => {
    expect(opensEarly('2026-12-06', '2026-12-05')).toBe(true);
    expect(opensEarly('2026-12-05', '2026-12-05')).toBe(false);
    expect(opensEarly('2024-06-12', '2026-12-05')).toBe(false);
  });
  it('warns about a past date, not about today or later', () => {
    expect(meetingDateWarnings('2026-12-04', '2026-12-05')).toEqual([
      { code: 'date-in-past', message: expect.objectContaining({ nl: expect.stringContaining('2026-12-04') }) },
    ]);
    expect(meetingDateWarnings('2026-12-05', '2026-12-05')).toEqual([]);
  });
});

describe('the motion deadline', () => {
  it('reads the meeting’s date and start time in Dutch time, summer and winter', () => {
    expect(localInstant('2026-11-20', '10:00').toISOString()).toBe('2026-11-20T09:00:00.000Z');
    expect(localInstant('2026-06-12', '10:00').toISOString()).toBe('2026-06-12T08:00:00.000Z');
  });

  it('may not lie after the start of the meeting', () => {
    expect(motionDeadlineAfterStart(new Date('2026-11-20T09:00:00Z'), '2026-11-20', '10:00')).toBe(false);
    expect(motionDeadlineAfterStart(new Date('2026-11-20T09:01:00Z'), '2026-11-20', '10:00')).toBe(true);
    expect(motionDeadlineAfterStart(new Date('2026-11-13T11:00:00Z'), '2026-11-20', '10:00')).toBe(false);
    expect(motionDeadlineAfterStart(null, '2026-11-20', '10:00')).toBe(false);
  });

  it('without a start time, may lie on the day itself but not after it', () => {
    expect(motionDeadlineAfterStart(new Date('2026-11-20T22:59:00Z'), '2026-11-20', null)).toBe(false);
    expect(motionDeadlineAfterStart(new Date('2026-11-20T23:01:00Z'), '2026-11-20', null)).toBe(true);
  });
});
