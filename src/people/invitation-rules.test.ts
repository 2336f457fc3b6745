import { describe, expect, it } from 'vitest';
import { countByStatus, invitationStatus } from './invitation-rules.js';

const invitedAt = new Date('2026-01-10T10:00:00Z');
const later = new Date('2026-01-11T10:00:00Z');
const earlier = new Date('2025-12-01T10:00:00Z');

describe('invitation status', () => {
  it('is invited until the link is opened', () => {
    expect(invitationStatus({ invitedAt, openedAt: null, passwordChangedAt: null, mailStatus: 'queued' })).toBe('invited');
    expect(invitationStatus({ invitedAt, openedAt: later, passwordChangedAt: null, mailStatus: 'sent' })).toBe('opened');
  });

  it('is activated by a password set at or after the invitation, not by one from before', () => {
    expect(invitationStatus({ invitedAt, openedAt: later, passwordChangedAt: later, mailStatus: 'sent' })).toBe('activated');
    expect(invitationStatus({ invitedAt, openedAt: null, passwordChangedAt: earlier, mailStatus: 'sent' })).toBe('invited');
  });

  it('is bounced when the mail server refused the mail, unless the person got in anyway', () => {
    expect(invitationStatus({ invitedAt, openedAt: null, passwordChangedAt: null, mailStatus: 'bounced' })).toBe('bounced');
    expect(invitationStatus({ invitedAt, openedAt: null, passwordChangedAt: later, mailStatus: 'bounced' })).toBe('activated');
  });

  it('counts every status, also those nobody has', () => {
    expect(countByStatus(['invited', 'invited', 'bounced'])).toEqual({ invited: 2, opened: 0, activated: 0, bounced: 1 });
  });
});
