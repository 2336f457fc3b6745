import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../audit.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { problems, text } from '../errors.js';
import type { Person, RolesOf } from './accounts.js';
import { digest } from './sessions.js';
import { API_TOKEN_DEFAULT_DAYS, tokenExpiry } from './sign-in-rules.js';

/** Tokens start with a fixed prefix so secret scanners and log filters can recognise them. */
export const TOKEN_PREFIX = 'vrd_';

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

const API_TOKEN = text('API-token', 'API token');

/** Every token expires, so a forgotten or leaked one stops working by itself. */
export async function createApiToken(
  db: Kysely<Database>,
  actor: Actor,
  personId: string,
  input: { name: string; expiresInDays?: number | undefined },
): Promise<ApiTokenInfo & { token: string }> {
  const expiresAt = tokenExpiry(new Date(), input.expiresInDays ?? API_TOKEN_DEFAULT_DAYS);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const id = randomUUID();
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ id, person_id: personId, name: input.name.trim(), token_hash: digest(token), expires_at: expiresAt })
      .returning(['created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'api-token.created',
      entityType: 'person',
      entityId: personId,
      data: { tokenId: id, name: input.name.trim(), expiresAt: expiresAt.toISOString() },
    });
    return { id, name: input.name.trim(), token, createdAt: row.created_at.toISOString(), expiresAt: expiresAt.toISOString(), lastUsedAt: null };
  });
}

export async function listApiTokens(db: Kysely<Database>, personId: string): Promise<ApiTokenInfo[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(db: Kysely<Database>, actor: Actor, personId: string, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const revoked = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(revoked.numUpdatedRows) !== 1) throw problems.notFound(API_TOKEN, id);
    await recordAudit(trx, actor, { action: 'api-token.revoked', entityType: 'person', entityId: personId, data: { tokenId: id } });
  });
}

/** The person behind a bearer token, or undefined for an unknown, revoked or expired one. */
export async function personForToken(db: Kysely<Database>, token: string, rolesOf: RolesOf): Promise<Person | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .select(['t.id as token_id', 't.expires_at', 't.revoked_at', 't.last_used_at', 'p.id', 'p.email', 'p.name', 'p.disabled_at'])
    .where('t.token_hash', '=', digest(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at || row.expires_at.getTime() <= Date.now()) return undefined;
  // Last use is kept to the minute, so busy clients do not write on every request.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.token_id).execute();
  }
  return { id: row.id, email: row.email, name: row.name, roles: await rolesOf(db, row.id) };
}
