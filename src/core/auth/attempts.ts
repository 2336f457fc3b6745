import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { secondsLeft } from './sign-in-rules.js';

export interface AttemptClaim {
  /** Attempts in the current window, this one included. */
  attempts: number;
  /** Seconds until the window closes (for Retry-After). */
  retryAfter: number;
}

/**
 * Claims one attempt for the key in a fixed window of `windowSeconds`, in one upsert: the row lock
 * of ON CONFLICT DO UPDATE serialises parallel claims, on PostgreSQL across instances and on PGlite's
 * single connection alike, so every request sees its own count. Claim before checking a password,
 * never after, or parallel guesses are all checked before any is counted.
 */
export async function claimAttempt(db: Kysely<Database>, key: string, windowSeconds: number): Promise<AttemptClaim> {
  const within = sql<boolean>`attempt_counters.window_started_at > now() - make_interval(secs => ${windowSeconds})`;
  const row = await db
    .insertInto('attempt_counters')
    .values({ key, window_started_at: sql<Date>`now()`, attempts: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        attempts: sql<number>`case when ${within} then attempt_counters.attempts + 1 else 1 end`,
        window_started_at: sql<Date>`case when ${within} then attempt_counters.window_started_at else now() end`,
      }),
    )
    .returning(['attempts', 'window_started_at', sql<Date>`now()`.as('now')])
    .executeTakeFirstOrThrow();
  // Counters of past windows are only clutter; an occasional sweep keeps the table small.
  if (Math.random() < 0.01) await db.deleteFrom('attempt_counters').where('window_started_at', '<', sql<Date>`now() - interval '1 day'`).execute();
  return { attempts: row.attempts, retryAfter: secondsLeft(row.window_started_at, windowSeconds, row.now) };
}

/** Gives back a claimed attempt that turned out legitimate (the right password), so only failures count. */
export async function releaseAttempt(db: Kysely<Database>, key: string): Promise<void> {
  await db.updateTable('attempt_counters').set({ attempts: sql<number>`attempts - 1` }).where('key', '=', key).where('attempts', '>', 0).execute();
}

/** Counter keys: one per account for sign-in and password confirmation, one per address for reset mails. */
export const signInKey = (email: string) => `sign-in:${email.trim().toLowerCase()}`;
export const resetMailKey = (email: string) => `password-reset:${email.trim().toLowerCase()}`;
