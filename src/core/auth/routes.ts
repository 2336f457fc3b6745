import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import { recordAudit, type Actor } from '../audit.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { Problem, problems, text } from '../errors.js';
import { IdParams, ListOf, ProblemSchema } from '../http/schemas.js';
import { assertPasswordRule, findPersonIdByEmail, rolesOf } from './accounts.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { claimAttempt, releaseAttempt, resetMailKey, signInKey } from './attempts.js';
import { actorOf, personOf, requireBrowserSession, requireSignIn } from './plugin.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import {
  ApiToken,
  EmailChange,
  LoginRequest,
  NewApiToken,
  NewApiTokenResult,
  PasswordConfirmation,
  PasswordResetRequest,
  SessionInfo,
  SetPasswordRequest,
  TotpConfirmation,
  TotpSetup,
} from './schemas.js';
import { createSession, deleteSession, deleteSessionsOf, SESSION_COOKIE, sessionLimitsOf } from './sessions.js';
import { issueToken, redeemToken } from './tokens.js';
import { acceptTotp, newTotpSecret, totpUri } from './totp.js';

const NO_CONTENT = { 204: { type: 'null' } } as const;

export async function sessionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const loginRateLimit = {
    // Per address here; per account in the handler, in attempt_counters so every instance sees it.
    rateLimit: {
      max: app.config.LOGIN_IP_RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      keyGenerator: (request: { ip: string }) => request.ip,
      errorResponseBuilder: (_request: unknown, context: { ttl: number }) => problems.tooMany(Math.ceil(context.ttl / 1000)),
    },
  };

  app.post(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with e-mail, password and, when enabled, a TOTP code',
        description: 'A 401 with type /problems/totp-required asks for the second factor: repeat with `totp`.',
        body: LoginRequest,
        response: { 201: SessionInfo, 401: ProblemSchema, 429: ProblemSchema },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      const email = request.body.email.toLowerCase();
      const key = signInKey(email);
      // Claimed before the password is checked, so parallel guesses are counted, not raced.
      const claim = await claimAttempt(app.db, key, 60);
      const locked = claim.attempts > app.config.LOGIN_RATE_LIMIT_PER_MINUTE;
      if (locked && !request.body.totp) throw problems.tooMany(claim.retryAfter);
      const person = await app.db
        .selectFrom('people')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .executeTakeFirst();
      const failed = async (reason: string) => {
        await recordAudit(
          app.db,
          { id: person?.id ?? null, label: email },
          { action: 'session.login-failed', entityType: 'person', entityId: person?.id ?? null, data: { ip: request.ip, reason } },
        );
        return problems.badCredentials();
      };
      const valid = await verifyPassword(person?.password_hash ?? null, request.body.password);
      if (locked) {
        // A lockout must not lock the owner out: password and second factor together still pass.
        // Anything less gets the same 429 as before, so a locked account is no oracle for its password.
        const passes = !!person && valid && !person.disabled_at && !!person.totp_enabled_at && !!person.totp_secret;
        const step = passes ? acceptTotp(person.totp_secret!, request.body.totp!, person.totp_last_step) : null;
        if (!person || step === null || !(await claimTotpStep(app.db, person.id, step))) throw problems.tooMany(claim.retryAfter);
        await releaseAttempt(app.db, key);
        return startSession(app, reply, person.id, 'password');
      }
      if (!person || !valid || person.disabled_at) throw await failed(person?.disabled_at ? 'disabled' : 'password');
      if (person.totp_enabled_at && person.totp_secret) {
        if (!request.body.totp) {
          // The password was right: only failures count.
          await releaseAttempt(app.db, key);
          throw problems.totpRequired();
        }
        const step = acceptTotp(person.totp_secret, request.body.totp, person.totp_last_step);
        if (step === null || !(await claimTotpStep(app.db, person.id, step))) throw await failed('totp');
      }
      await releaseAttempt(app.db, key);
      return startSession(app, reply, person.id, 'password');
    },
  );

  app.get(
    '/session',
    { schema: { tags: ['session'], summary: 'The current session', response: { 200: SessionInfo, 401: ProblemSchema } } },
    async (request) => {
      const session = request.session;
      if (!session) throw problems.unauthenticated();
      return {
        person: session.person,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt?.toISOString() ?? null,
        totpEnabled: await totpEnabled(app.db, session.person.id),
      };
    },
  );

  app.delete('/session', { schema: { tags: ['session'], summary: 'Sign out', response: NO_CONTENT } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(app.db, token);
    if (request.session)
      await recordAudit(app.db, actorFor(request.session.person), { action: 'session.logout', entityType: 'person', entityId: request.session.person.id });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post(
    '/session/password-reset',
    {
      schema: {
        tags: ['session'],
        summary: 'Ask for a password-reset link by e-mail',
        description:
          'Always answers 202, whether or not the address is known, so the answer does not reveal accounts. At most PASSWORD_RESET_MAILS_PER_HOUR mails go to one address per hour; further requests answer 202 and send nothing.',
        body: PasswordResetRequest,
        response: { 202: { type: 'null' }, 429: ProblemSchema },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      // The work happens after the answer, so neither the answer nor its timing reveals an account.
      setImmediate(() => {
        sendPasswordReset(app, request.body.email, request.ip).catch((error: unknown) => request.log.error({ err: error }, 'password reset failed'));
      });
      return reply.status(202).send(null);
    },
  );

  app.put(
    '/session/password',
    {
      schema: {
        tags: ['session'],
        summary: 'Set a password with the token from an invitation or reset link',
        description: 'Ends every session and revokes every API token of the person.',
        body: SetPasswordRequest,
        response: { ...NO_CONTENT, 422: ProblemSchema },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      assertPasswordRule(request.body.password);
      const passwordHash = await hashPassword(request.body.password);
      await inTransaction(app.db, async (trx) => {
        const { personId, purpose } = await redeemToken(trx, request.body.token);
        const person = await trx
          .updateTable('people')
          .set({ password_hash: passwordHash, password_changed_at: new Date() })
          .where('id', '=', personId)
          .returning(['email'])
          .executeTakeFirstOrThrow();
        await deleteSessionsOf(trx, personId);
        // A token minted from a stolen session must not survive the owner's new password.
        await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('person_id', '=', personId).where('revoked_at', 'is', null).execute();
        await recordAudit(
          trx,
          { id: personId, label: person.email },
          { action: purpose === 'invitation' ? 'person.invitation-accepted' : 'session.password-reset', entityType: 'person', entityId: personId },
        );
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/session/totp',
    {
      preValidation: requireBrowserSession,
      schema: {
        tags: ['session'],
        summary: 'Start setting up a TOTP second factor',
        description:
          'Returns a new secret; it is in force only after POST /session/totp/confirm with a valid code and the current password. Not with an API token.',
        response: { 201: TotpSetup, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const person = personOf(request);
      if (await totpEnabled(app.db, person.id)) throw problems.conflict(text('De tweede factor staat al aan.', 'The second factor is already enabled.'));
      const secret = newTotpSecret();
      await app.db.updateTable('people').set({ totp_secret: secret }).where('id', '=', person.id).execute();
      const uri = totpUri(secret, person.email);
      return reply.status(201).send({ secret, uri, qrCodeSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) });
    },
  );

  app.post(
    '/session/totp/confirm',
    {
      preValidation: requireBrowserSession,
      schema: {
        tags: ['session'],
        summary: 'Enable the second factor by entering a code from the app and the current password',
        description: 'Not with an API token. A wrong current password answers 401 and counts as a failed sign-in.',
        body: TotpConfirmation,
        response: { ...NO_CONTENT, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      const person = personOf(request);
      await confirmCurrentPassword(app, person, request.body.currentPassword, request.ip, 'totp-enable');
      const row = await app.db.selectFrom('people').select(['totp_secret', 'totp_enabled_at']).where('id', '=', person.id).executeTakeFirstOrThrow();
      if (!row.totp_secret || row.totp_enabled_at)
        throw problems.conflict(text('Start eerst het instellen van de tweede factor.', 'Start the second-factor setup first.'));
      const step = acceptTotp(row.totp_secret, request.body.code, null);
      if (step === null) throw wrongCode();
      await inTransaction(app.db, async (trx) => {
        await trx.updateTable('people').set({ totp_enabled_at: new Date(), totp_last_step: step }).where('id', '=', person.id).execute();
        await recordAudit(trx, actorFor(person), { action: 'session.totp-enabled', entityType: 'person', entityId: person.id });
      });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/session/totp',
    {
      preValidation: requireBrowserSession,
      schema: {
        tags: ['session'],
        summary: 'Turn the second factor off (asks for the current password)',
        description: 'Not with an API token. A wrong current password answers 401 and counts as a failed sign-in.',
        body: PasswordConfirmation,
        response: { ...NO_CONTENT, 401: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      const person = personOf(request);
      await confirmCurrentPassword(app, person, request.body.currentPassword, request.ip, 'totp-disable');
      await inTransaction(app.db, async (trx) => {
        await trx.updateTable('people').set({ totp_enabled_at: null, totp_secret: null, totp_last_step: null }).where('id', '=', person.id).execute();
        await recordAudit(trx, actorFor(person), { action: 'session.totp-disabled', entityType: 'person', entityId: person.id });
      });
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/session/email',
    {
      preValidation: requireBrowserSession,
      schema: {
        tags: ['session'],
        summary: 'Change my e-mail address (asks for the current password)',
        description:
          'Not with an API token. The new address is the sign-in name from now on; a notice goes to the old address, so a change the owner did not make does not go unnoticed. A wrong current password answers 401 and counts as a failed sign-in.',
        body: EmailChange,
        response: { ...NO_CONTENT, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      const person = personOf(request);
      await confirmCurrentPassword(app, person, request.body.currentPassword, request.ip, 'email-change');
      const email = request.body.email.trim();
      const old = await inTransaction(app.db, async (trx) => {
        const taken = await findPersonIdByEmail(trx, email);
        if (taken && taken !== person.id)
          throw problems.conflict(text('Er bestaat al een persoon met dit e-mailadres.', 'A person with this e-mail address already exists.'));
        const before = await trx.selectFrom('people').select(['email', 'name']).where('id', '=', person.id).executeTakeFirstOrThrow();
        await trx.updateTable('people').set({ email }).where('id', '=', person.id).execute();
        await recordAudit(trx, actorFor(person), {
          action: 'session.email-changed',
          entityType: 'person',
          entityId: person.id,
          data: { from: before.email, to: email },
        });
        return before;
      });
      if (old.email.toLowerCase() !== email.toLowerCase()) {
        app.mailer
          .send({
            to: old.email,
            subject: 'Uw e-mailadres in Verenigd is gewijzigd',
            text: [
              `Beste ${old.name},`,
              '',
              `Het e-mailadres van uw account in Verenigd is gewijzigd in ${email}. U logt voortaan met dat adres in.`,
              '',
              'Heeft u dit niet zelf gedaan? Neem dan direct contact op met het verenigingsbureau.',
            ].join('\n'),
          })
          .catch((error: unknown) => request.log.error({ err: error }, 'e-mail change notice failed'));
      }
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/session/tokens',
    {
      preValidation: requireSignIn,
      schema: {
        tags: ['session'],
        summary: 'My API tokens for machine clients (without the secrets)',
        response: { 200: ListOf(ApiToken), 401: ProblemSchema },
      },
    },
    async (request) => {
      const items = await listApiTokens(app.db, personOf(request).id);
      return { items, total: items.length };
    },
  );

  app.post(
    '/session/tokens',
    {
      preValidation: requireBrowserSession,
      schema: {
        tags: ['session'],
        summary: 'Create an API token (shown once); it acts with the roles of its owner',
        description:
          'Only from a signed-in browser session (a token cannot mint tokens) and with the current password. The token expires after `expiresInDays` (default 90, at most 365).',
        body: NewApiToken,
        response: { 201: NewApiTokenResult, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      const person = personOf(request);
      await confirmCurrentPassword(app, person, request.body.currentPassword, request.ip, 'api-token');
      return reply
        .status(201)
        .send(await createApiToken(app.db, actorOf(request), person.id, { name: request.body.name, expiresInDays: request.body.expiresInDays }));
    },
  );

  app.delete(
    '/session/tokens/:id',
    {
      preValidation: requireSignIn,
      schema: {
        tags: ['session'],
        summary: 'Revoke one of my API tokens',
        params: IdParams,
        response: { ...NO_CONTENT, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      await revokeApiToken(app.db, actorOf(request), personOf(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

async function sendPasswordReset(app: FastifyInstance, email: string, ip: string): Promise<void> {
  // Counted per address, known or not, so the limit itself reveals nothing; it stops mail-bombing an inbox.
  const claim = await claimAttempt(app.db, resetMailKey(email), 3600);
  if (claim.attempts > app.config.PASSWORD_RESET_MAILS_PER_HOUR) return;
  const personId = await findPersonIdByEmail(app.db, email);
  const person = personId
    ? await app.db.selectFrom('people').select(['id', 'name', 'email', 'disabled_at']).where('id', '=', personId).executeTakeFirst()
    : undefined;
  if (!person || person.disabled_at) return;
  const token = await issueToken(app.db, person.id, 'password-reset', app.config.PASSWORD_RESET_TTL_MINUTES);
  await recordAudit(
    app.db,
    { id: person.id, label: person.email },
    { action: 'session.password-reset-requested', entityType: 'person', entityId: person.id, data: { ip } },
  );
  await app.mailer.send({
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
}

const actorFor = (person: { id: string; name: string; email: string }): Actor => ({ id: person.id, label: `${person.name} <${person.email}>` });

const wrongCode = () =>
  problems.invalid(
    text('De code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw.', 'The code is wrong. Check the time on your phone and try again.'),
    [{ name: 'code', code: 'invalid', reason: text('Onjuiste code.', 'Wrong code.') }],
  );

// In the fragment, so the token never reaches a server log or a Referer header.
export const passwordLink = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/wachtwoord#token=${encodeURIComponent(token)}`;

async function totpEnabled(db: Kysely<Database>, personId: string): Promise<boolean> {
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
    person: { id: person.id, email: person.email, name: person.name, roles: await rolesOf(app.db, person.id) },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
    totpEnabled: !!person.totp_enabled_at,
  });
}

/** Records the step as used; false when a concurrent sign-in used it (or a later one) first. */
async function claimTotpStep(db: Kysely<Database>, personId: string, step: number): Promise<boolean> {
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
async function confirmCurrentPassword(
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
