import { describe, expect, it } from 'vitest';
import { API_TOKEN_DEFAULT_DAYS, secondsLeft, sessionExpiry, sessionOver, tokenExpiry } from './sign-in-rules.js';

const limits = { idleMinutes: 480, maxHours: 12 };
const at = (iso: string) => new Date(iso);

describe('session lifetime', () => {
  it('slides with use but never past the absolute lifetime', () => {
    const signedIn = at('2026-03-10T08:00:00Z');
    expect(sessionExpiry(signedIn, at('2026-03-10T09:00:00Z'), limits)).toEqual(at('2026-03-10T17:00:00Z'));
    expect(sessionExpiry(signedIn, at('2026-03-10T15:00:00Z'), limits)).toEqual(at('2026-03-10T20:00:00Z'));
  });

  it('is over when idle too long or older than the absolute lifetime, even if active', () => {
    const signedIn = at('2026-03-10T08:00:00Z');
    expect(sessionOver(signedIn, at('2026-03-10T17:00:00Z'), at('2026-03-10T16:59:59Z'), limits)).toBe(false);
    expect(sessionOver(signedIn, at('2026-03-10T17:00:00Z'), at('2026-03-10T17:00:00Z'), limits)).toBe(true);
    expect(sessionOver(signedIn, at('2026-03-11T04:00:00Z'), at('2026-03-10T20:00:00Z'), limits)).toBe(true);
  });
});

describe('API token expiry', () => {
  it('defaults to 90 days', () => {
    expect(API_TOKEN_DEFAULT_DAYS).toBe(90);
    expect(tokenExpiry(at('2026-01-01T00:00:00Z'))).toEqual(at('2026-04-01T00:00:00Z'));
    expect(tokenExpiry(at('2026-01-01T00:00:00Z'), 1)).toEqual(at('2026-01-02T00:00:00Z'));
  });
});

describe('attempt windows', () => {
  it('say how long until the window closes, at least a second', () => {
    expect(secondsLeft(at('2026-01-01T00:00:00Z'), 60, at('2026-01-01T00:00:15.5Z'))).toBe(45);
    expect(secondsLeft(at('2026-01-01T00:00:00Z'), 60, at('2026-01-01T00:02:00Z'))).toBe(1);
  });
});
