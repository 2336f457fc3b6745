import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Verenigd';

const totpFor = (secret: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The otpauth:// URI an authenticator app reads from a QR code. */
export const totpUri = (secret: string, label: string) => totpFor(secret, label).toString();

const PERIOD_MS = 30_000;

/**
 * The 30-second step the code belongs to when it matches the current step or one either side
 * (clock drift); null otherwise. A step at or before `lastStep` was used already: refused, so an
 * overheard code cannot be replayed.
 */
export function acceptTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, '').validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / PERIOD_MS) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The code for a moment (default now); used by tests and nowhere else. */
export const totpAt = (secret: string, timestamp = Date.now()) => totpFor(secret, '').generate({ timestamp });
