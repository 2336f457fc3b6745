import { describe, expect, it } from 'vitest';
import { acceptTotp, newTotpSecret, totpAt } from './totp.js';

describe('TOTP codes', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 23, 12, 0, 10);
  const step = Math.floor(now / 30_000);

  it('accepts the current code and one step of clock drift either way', () => {
    expect(acceptTotp(secret, totpAt(secret, now), null, now)).toBe(step);
    expect(acceptTotp(secret, totpAt(secret, now - 30_000), null, now)).toBe(step - 1);
    expect(acceptTotp(secret, totpAt(secret, now + 30_000), null, now)).toBe(step + 1);
    expect(acceptTotp(secret, totpAt(secret, now - 90_000), null, now)).toBeNull();
  });

  it('refuses a code of a step already used, and anything but six digits', () => {
    expect(acceptTotp(secret, totpAt(secret, now), step, now)).toBeNull();
    expect(acceptTotp(secret, totpAt(secret, now - 30_000), step, now)).toBeNull();
    expect(acceptTotp(secret, totpAt(secret, now + 30_000), step, now)).toBe(step + 1);
    expect(acceptTotp(secret, '12345', null, now)).toBeNull();
    expect(acceptTotp(secret, 'abcdef', null, now)).toBeNull();
  });
});
