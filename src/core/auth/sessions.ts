import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { isRole } from './roles.js';
import type { User } from './users.js';

export const SESSION_COOKIE = 'verenigd_session';

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: Date;
}

// Only a hash of the token is stored, so a database leak does not hand out sessions.
const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createSession(db: Kysely<Database>, userId: string, ttlMinutes: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMinutes * 60_000);
  await db.insertInto('sessions').values({ token_hash: digest(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt }).execute();
  return { token, csrfToken, expiresAt };
}

/** The live session for a token, extending its idle expiry; undefined when unknown or expired. */
export async function findSession(db: Kysely<Database>, token: string, ttlMinutes: number): Promise<Session | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'sessions.csrf_token', 'sessions.expires_at', 'users.disabled_at'])
    .where('sessions.token_hash', '=', digest(token))
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() <= Date.now() || row.disabled_at || !isRole(row.role)) return undefined;
  const expiresAt = new Date(Date.now() + ttlMinutes * 60_000);
  // Sliding expiry, written at most once a minute to keep reads cheap.
  if (expiresAt.getTime() - row.expires_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', digest(token)).execute();
  }
  return { user: { id: row.id, email: row.email, name: row.name, role: row.role }, csrfToken: row.csrf_token, expiresAt };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', digest(token)).execute();
}
