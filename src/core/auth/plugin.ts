import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../audit.js';
import { problems } from '../errors.js';
import type { Role } from './roles.js';
import { findSession, SESSION_COOKIE, type Session } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Reads the session cookie on every request and enforces CSRF protection: an unsafe
 * request that carries a session cookie must echo the session's token in X-CSRF-Token.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findSession(app.db, token, app.config.SESSION_TTL_MINUTES);
    if (!session) return;
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) throw problems.csrf();
    }
    request.session = session;
  });
});

/** A preHandler that admits only signed-in users with one of the given roles. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.session) throw problems.unauthenticated();
    if (!roles.includes(request.session.user.role)) throw problems.forbidden();
  };
}

export function actorOf(request: FastifyRequest): Actor {
  const user = request.session?.user;
  return user ? { id: user.id, label: `${user.name} <${user.email}>` } : { id: null, label: 'anonymous' };
}
