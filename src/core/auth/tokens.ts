import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Row } from '../db/schema.js';
import { problems, text } from '../errors.js';
import { digest } from './sessions.js';

export type TokenPurpose = Row<'account_tokens'>['purpose'];

/** Issues a one-time link token; earlier unused tokens of the same purpose stop working. */
export async function issueToken(db: Kysely<Database>, personId: string, purpose: TokenPurpose, ttlMinutes: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .updateTable('account_tokens')
    .set({ used_at: new Date() })
    .where('person_id', '=', personId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('account_tokens')
    .values({ token_hash: digest(token), person_id: personId, purpose, expires_at: new Date(Date.now() + ttlMinutes * 60_000) })
    .execute();
  return token;
}

/** Marks the token used and returns its person and purpose; refuses unknown, used or expired tokens. */
export async function redeemToken(db: Kysely<Database>, token: string): Promise<{ personId: string; purpose: TokenPurpose }> {
  const row = await db
    .updateTable('account_tokens')
    .set({ used_at: new Date() })
    .where('token_hash', '=', digest(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['person_id', 'purpose'])
    .executeTakeFirst();
  if (!row) {
    throw problems.invalid(
      text('Deze link is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.', 'This link is invalid, already used or expired. Ask for a new one.'),
      [{ name: 'token', code: 'invalid', reason: text('Ongeldige of verlopen link.', 'Invalid or expired link.') }],
    );
  }
  return { personId: row.person_id, purpose: row.purpose };
}

/** Voids every unused link of a person, e.g. when the address changes or the account is blocked. */
export async function voidTokensOf(db: Kysely<Database>, personId: string): Promise<void> {
  await db.updateTable('account_tokens').set({ used_at: new Date() }).where('person_id', '=', personId).where('used_at', 'is', null).execute();
}

/** Records the first time a valid link's page was opened (an invitation's status "opened"); unknown, used or expired tokens change nothing. */
export async function markTokenOpened(db: Kysely<Database>, token: string): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ opened_at: new Date() })
    .where('token_hash', '=', digest(token))
    .where('opened_at', 'is', null)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .execute();
}
