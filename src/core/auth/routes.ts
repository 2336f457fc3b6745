import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { recordAudit } from '../audit.js';
import { problems } from '../errors.js';
import { ProblemSchema } from '../http/schemas.js';
import { verifyPassword } from './passwords.js';
import { LoginRequest, SessionInfo } from './schemas.js';
import { createSession, deleteSession, SESSION_COOKIE } from './sessions.js';
import { isRole } from './roles.js';

export async function sessionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: app.config.COOKIE_SECURE };

  app.post(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with e-mail and password',
        body: LoginRequest,
        response: { 201: SessionInfo, 401: ProblemSchema, 429: ProblemSchema },
      },
      config: {
        // Per address here; per account below, counted from the audit trail so every instance sees it.
        rateLimit: {
          max: app.config.LOGIN_IP_RATE_LIMIT_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (request) => request.ip,
          errorResponseBuilder: (_request, context) => problems.tooMany(Math.ceil(context.ttl / 1000)),
        },
      },
    },
    async (request, reply) => {
      const { password } = request.body;
      const email = request.body.email.toLowerCase();
      if ((await recentFailures(app.db, email)) >= app.config.LOGIN_RATE_LIMIT_PER_MINUTE) throw problems.tooMany(60);
      const user = await app.db
        .selectFrom('users')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .executeTakeFirst();
      const valid = await verifyPassword(user?.password_hash ?? null, password);
      if (!user || !valid || user.disabled_at || !isRole(user.role)) {
        await recordAudit(app.db, { id: user?.id ?? null, label: email }, { action: 'session.login-failed', entityType: 'user', entityId: user?.id ?? null, data: { ip: request.ip } });
        throw problems.badCredentials();
      }
      const session = await createSession(app.db, user.id, app.config.SESSION_TTL_MINUTES);
      await recordAudit(app.db, { id: user.id, label: user.email }, { action: 'session.login', entityType: 'user', entityId: user.id, data: { ip: request.ip } });
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt });
      return reply.status(201).send({
        user: { id: user.id, email: user.email, name: user.name, role: user.role },
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      });
    },
  );

  app.get(
    '/session',
    { schema: { tags: ['session'], summary: 'The current session', response: { 200: SessionInfo, 401: ProblemSchema } } },
    async (request) => {
      const session = request.session;
      if (!session) throw problems.unauthenticated();
      return { user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.delete('/session', { schema: { tags: ['session'], summary: 'Sign out', response: { 204: { type: 'null' } } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(app.db, token);
    if (request.session) await recordAudit(app.db, { id: request.session.user.id, label: request.session.user.email }, { action: 'session.logout', entityType: 'user', entityId: request.session.user.id });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });
}

/** Failed sign-ins for an account in the last minute. */
async function recentFailures(db: Kysely<Database>, email: string): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('failures'))
    .where('action', '=', 'session.login-failed')
    .where('actor_label', '=', email)
    .where('at', '>', sql<Date>`now() - interval '1 minute'`)
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}
