import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import type { Person, RolesOf } from './accounts.js';
import { sessionExpiry, sessionOver, type SessionLimits } from './sign-in-rules.js';

export const SESSION_COOKIE = 'verenigd_session';

export const sessionLimitsOf = (config: Pick<Config, 'SESSION_TTL_MINUTES' | 'SESSION_MAX_HOURS'>): SessionLimits => ({
  idleMinutes: config.SESSION_TTL_MINUTES,
  maxHours: config.SESSION_MAX_HOURS,
});

export interface Session {
  person: Person;
  /** Empty for token sessions, which need no CSRF protection. */
  csrfToken: string;
  /** Null for token sessions: a token ends when it expires or is revoked. */
  expiresAt: Date | null;
  via: 'cookie' | 'token';
}

// Only a hash of a token is stored, so a database leak does not hand out sessions or links.
export const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createSession(
  db: Kysely<Database>,
  personId: string,
  limits: SessionLimits,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  const expiresAt = sessionExpiry(now, now, limits);
  // created_at is written here, not defaulted, so the absolute lifetime runs from the same clock as the expiry.
  await db
    .insertInto('sessions')
    .values({ token_hash: digest(token), person_id: personId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt })
    .execute();
  return { token, csrfToken, expiresAt };
}

/**
 * The live session for a token, extending its idle expiry up to the absolute lifetime; undefined
 * when unknown, idle too long or older than SESSION_MAX_HOURS (a stolen cookie does not live forever).
 */
export async function findSession(db: Kysely<Database>, token: string, limits: SessionLimits, rolesOf: RolesOf): Promise<Session | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('people', 'people.id', 'sessions.person_id')
    .select(['people.id', 'people.email', 'people.name', 'sessions.csrf_token', 'sessions.created_at', 'sessions.expires_at', 'people.disabled_at'])
    .where('sessions.token_hash', '=', digest(token))
    .executeTakeFirst();
  const now = new Date();
  if (!row || row.disabled_at || sessionOver(row.created_at, row.expires_at, now, limits)) return undefined;
  const expiresAt = sessionExpiry(row.created_at, now, limits);
  // Sliding expiry, written at most once a minute to keep reads cheap.
  if (expiresAt.getTime() - row.expires_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', digest(token)).execute();
  }
  const roles = await rolesOf(db, row.id);
  return { person: { id: row.id, email: row.email, name: row.name, roles }, csrfToken: row.csrf_token, expiresAt, via: 'cookie' };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', digest(token)).execute();
}

/** Ends every session of a person, e.g. after a password change or when the account is disabled. */
export async function deleteSessionsOf(db: Kysely<Database>, personId: string): Promise<void> {
  await db.deleteFrom('sessions').where('person_id', '=', personId).execute();
}
