import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../audit.js';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { Problem, problems, text } from '../errors.js';
import { findPersonIdByEmail } from './accounts.js';
import { claimAttempt, releaseAttempt, resetMailKey, signInKey } from './attempts.js';
import { verifyPassword } from './passwords.js';
import { createSession, SESSION_COOKIE, sessionLimitsOf } from './sessions.js';
import { issueToken } from './tokens.js';
import { inTransaction } from '../db/transaction.js';
import { enqueueMail, MAIL_PRIORITY } from '../mail-queue.js';

/* What the session and account routes share: opening a session, confirming the current password, the reset mail. */

export const NO_CONTENT = { 204: { type: 'null' } } as const;

/** Sign-in attempts per address (per account: attempt_counters, so every instance sees it). */
export const loginRateLimitOf = (config: Pick<Config, 'LOGIN_IP_RATE_LIMIT_PER_MINUTE'>) => ({
  // Per address here; per account in the handler, in attempt_counters so every instance sees it.
  rateLimit: {
    max: config.LOGIN_IP_RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request: { ip: string }) => request.ip,
    errorResponseBuilder: (_request: unknown, context: { ttl: number }) => problems.tooMany(Math.ceil(context.ttl / 1000)),
  },
});

export async function sendPasswordReset(app: FastifyInstance, email: string, ip: string): Promise<void> {
  // Counted per address, known or not, so the limit itself reveals nothing; it stops mail-bombing an inbox.
  const claim = await claimAttempt(app.db, resetMailKey(email), 3600);
  if (claim.attempts > app.config.PASSWORD_RESET_MAILS_PER_HOUR) return;
  const personId = await findPersonIdByEmail(app.db, email);
  const person = personId
    ? await app.db.selectFrom('people').select(['id', 'name', 'email', 'disabled_at']).where('id', '=', personId).executeTakeFirst()
    : undefined;
  if (!person || person.disabled_at) return;
  // The link, its audit entry and its mail commit together; the queue sends it at once (urgent).
  await inTransaction(app.db, async (trx) => {
    const token = await issueToken(trx, person.id, 'password-reset', app.config.PASSWORD_RESET_TTL_MINUTES);
    await recordAudit(
      trx,
      { id: person.id, label: person.email },
      { action: 'session.password-reset-requested', entityType: 'person', entityId: person.id, data: { ip } },
    );
    await enqueueMail(trx, {
      kind: 'password-reset',
      priority: MAIL_PRIORITY.urgent,
      to: person.email,
      subject: 'Nieuw wachtwoord voor Verenigd',
      text: [
        `Beste ${person.name},`,
        '',
        'U (of iemand anders) vroeg om een nieuw wachtwoord voor Verenigd. Kies een nieuw wachtwoord via deze link:',
        passwordLink(app.config.PUBLIC_URL, token),
        '',
        `De link werkt ${app.config.PASSWORD_RESET_TTL_MINUTES} minuten en één keer. Vroeg u niets aan? Dan kunt u dit bericht negeren.`,
      ].join('\n'),
    });
  });
  app.mailQueue.wake();
}

export const actorFor = (person: { id: string; name: string; email: string }): Actor => ({ id: person.id, label: `${person.name} <${person.email}>` });

export const wrongCode = () =>
  problems.invalid(
    text('De code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw.', 'The code is wrong. Check the time on your phone and try again.'),
    [{ name: 'code', code: 'invalid', reason: text('Onjuiste code.', 'Wrong code.') }],
  );

// In the fragment, so the token never reaches a server log or a Referer header.
export const passwordLink = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/wachtwoord#token=${encodeURIComponent(token)}`;

export async function totpEnabled(db: Kysely<Database>, personId: string): Promise<boolean> {
  const row = await db.selectFrom('people').select('totp_enabled_at').where('id', '=', personId).executeTakeFirst();
  return !!row?.totp_enabled_at;
}

/** Opens a session, sets the cookie and answers with the session; shared by password and OIDC sign-in. */
export async function startSession(app: FastifyInstance, reply: FastifyReply, personId: string, method: 'password' | 'oidc') {
  const session = await createSession(app.db, personId, sessionLimitsOf(app.config));
  const person = await app.db.selectFrom('people').select(['id', 'email', 'name', 'totp_enabled_at']).where('id', '=', personId).executeTakeFirstOrThrow();
  await recordAudit(
    app.db,
    { id: person.id, label: person.email },
    { action: 'session.login', entityType: 'person', entityId: person.id, data: { ip: reply.request.ip, method } },
  );
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: app.config.COOKIE_SECURE,
    expires: session.expiresAt,
  });
  return reply.status(201).send({
    person: { id: person.id, email: person.email, name: person.name, roles: await app.rolesOf(app.db, person.id) },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
    totpEnabled: !!person.totp_enabled_at,
  });
}

/** Records the step as used; false when a concurrent sign-in used it (or a later one) first. */
export async function claimTotpStep(db: Kysely<Database>, personId: string, step: number): Promise<boolean> {
  const claimed = await db
    .updateTable('people')
    .set({ totp_last_step: step })
    .where('id', '=', personId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/**
 * Recent authentication for changes to how one signs in: the current password, checked under the
 * account's sign-in limit (claimed first, given back when right), so a stolen session can neither
 * make these changes nor be used to guess the password.
 */
export async function confirmCurrentPassword(
  app: FastifyInstance,
  person: { id: string; email: string },
  currentPassword: string,
  ip: string,
  purpose: string,
): Promise<void> {
  const key = signInKey(person.email);
  const claim = await claimAttempt(app.db, key, 60);
  if (claim.attempts > app.config.LOGIN_RATE_LIMIT_PER_MINUTE) throw problems.tooMany(claim.retryAfter);
  const row = await app.db.selectFrom('people').select('password_hash').where('id', '=', person.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, currentPassword))) {
    await recordAudit(
      app.db,
      { id: person.id, label: person.email.toLowerCase() },
      { action: 'session.login-failed', entityType: 'person', entityId: person.id, data: { ip, reason: purpose } },
    );
    throw wrongCurrentPassword();
  }
  await releaseAttempt(app.db, key);
}

const wrongCurrentPassword = () =>
  new Problem(
    401,
    'bad-credentials',
    text('Wachtwoord onjuist', 'Wrong password'),
    text('Het huidige wachtwoord klopt niet.', 'The current password is wrong.'),
    [{ name: 'currentPassword', code: 'wrong', reason: text('Onjuist wachtwoord.', 'Wrong password.') }],
  );
