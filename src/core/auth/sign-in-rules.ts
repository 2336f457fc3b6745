/** Pure rules of sign-in security: session lifetimes, token expiry and attempt windows. */

export interface SessionLimits {
  /** Minutes of inactivity after which a session ends (SESSION_TTL_MINUTES). */
  idleMinutes: number;
  /** Hours after sign-in after which a session ends however active it is (SESSION_MAX_HOURS). */
  maxHours: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The moment a session signed in at `createdAt` ends when it is used at `now`: idle expiry, capped by the absolute lifetime. */
export function sessionExpiry(createdAt: Date, now: Date, limits: SessionLimits): Date {
  return new Date(Math.min(now.getTime() + limits.idleMinutes * MINUTE, createdAt.getTime() + limits.maxHours * HOUR));
}

/** A session is over when its idle expiry has passed or it is older than the absolute lifetime. */
export function sessionOver(createdAt: Date, idleExpiresAt: Date, now: Date, limits: SessionLimits): boolean {
  return idleExpiresAt.getTime() <= now.getTime() || createdAt.getTime() + limits.maxHours * HOUR <= now.getTime();
}

export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;

/** When a token made at `now` for `days` days stops working. */
export function tokenExpiry(now: Date, days: number = API_TOKEN_DEFAULT_DAYS): Date {
  return new Date(now.getTime() + days * DAY);
}

/** Whole seconds until an attempt window that started at `startedAt` closes (at least 1). */
export function secondsLeft(startedAt: Date, windowSeconds: number, now: Date): number {
  return Math.max(1, Math.ceil((startedAt.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
}
