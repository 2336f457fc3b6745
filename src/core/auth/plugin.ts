import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../audit.js';
import { problems } from '../errors.js';
import type { Guard } from './policy.js';
import { personForToken } from './api-tokens.js';
import { findSession, SESSION_COOKIE, sessionLimitsOf, type Session } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** The route checks its own credential (the metrics token); the session and API-token reading is skipped. */
    ownCredential?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Reads the session on every request: a bearer token (machine clients) or the session cookie
 * (the web app). CSRF protection applies to the cookie only, the credential a browser sends by
 * itself: an unsafe request with a session cookie must echo the session's token in X-CSRF-Token.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    // A route with a credential of its own (/metrics) reads the Authorization header itself.
    if (request.routeOptions.config?.ownCredential) return;
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      const person = await personForToken(app.db, bearer, app.rolesOf);
      if (!person) throw problems.badToken();
      request.session = { person, csrfToken: '', expiresAt: null, via: 'token' };
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findSession(app.db, token, sessionLimitsOf(app.config), app.rolesOf);
    if (!session) return;
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) throw problems.csrf();
    }
    request.session = session;
  });
});

export type { Guard } from './policy.js';

/** The signed-in person; use after a policy guard that asks for sign-in. */
export function personOf(request: FastifyRequest) {
  if (!request.session) throw problems.unauthenticated();
  return request.session.person;
}

/** A preValidation hook for what a browser session may do but a token may not (e.g. minting tokens). */
export const requireBrowserSession: Guard = Object.assign(
  async (request: FastifyRequest) => {
    if (!request.session) throw problems.unauthenticated();
    if (request.session.via !== 'cookie') throw problems.forbidden();
  },
  { admits: 'signed-in' as const },
);

export function actorOf(request: FastifyRequest): Actor {
  const person = request.session?.person;
  return person ? { id: person.id, label: `${person.name} <${person.email}>` } : { id: null, label: 'anonymous' };
}
