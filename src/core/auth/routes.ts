import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { recordAudit } from '../audit.js';
import { inTransaction } from '../db/transaction.js';
import { problems } from '../errors.js';
import { ProblemSchema } from '../http/schemas.js';
import { assertPasswordRule } from './accounts.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { claimAttempt, releaseAttempt, signInKey } from './attempts.js';
import { LoginRequest, PasswordResetRequest, SessionInfo, SetPasswordRequest } from './schemas.js';
import { deleteSession, deleteSessionsOf, SESSION_COOKIE } from './sessions.js';
import { markTokenOpened, redeemToken } from './tokens.js';
import { Type } from 'typebox';
import { acceptTotp } from './totp.js';
import { accountRoutes } from './account-routes.js';
import { claimTotpStep, loginRateLimitOf, NO_CONTENT, sendPasswordReset, startSession, totpEnabled, actorFor } from './sign-in.js';

export async function sessionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const loginRateLimit = loginRateLimitOf(app.config);

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

  app.post(
    '/session/password-link/opened',
    {
      schema: {
        tags: ['session'],
        summary: 'Report that the page of an invitation or reset link was opened',
        description:
          'The password page calls this when it opens, so staff see an invitation as opened. Always 204, whether or not the token is valid; the token is in the body because the link keeps it in the fragment, out of every log.',
        body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { ...NO_CONTENT },
      },
      config: loginRateLimit,
    },
    async (request, reply) => {
      await markTokenOpened(app.db, request.body.token);
      return reply.status(204).send(null);
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

  // Second factor, address and API tokens: what a signed-in person changes about their own account.
  await app.register(accountRoutes);
}
