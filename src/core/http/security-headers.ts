import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../config.js';

/**
 * The app's Content Security Policy. Scripts and styles only from our own origin (the Vite build
 * has no inline script, React sets style properties through the CSSOM, which CSP allows), no
 * plugins, no framing by anyone, forms only to ourselves. `upgrade-insecure-requests` only
 * behind HTTPS: on a plain-HTTP hall network it would break every request.
 */
export function contentSecurityPolicy(config: Pick<Config, 'COOKIE_SECURE'>): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'upgrade-insecure-requests': config.COOKIE_SECURE ? [] : null,
  };
}

/** @fastify/helmet's options: every response gets them, errors and 404s included. */
export function helmetOptions(config: Pick<Config, 'COOKIE_SECURE'>): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    // HSTS tells browsers to refuse plain HTTP for a year: only when we are served over HTTPS.
    strictTransportSecurity: config.COOKIE_SECURE ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // Papers and the API are for this origin only.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  };
}

/**
 * Swagger UI (/api/docs) needs inline styles for its own widgets; scripts still only from us.
 * Only its routes get this policy.
 */
export const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Uploaded papers are the members' files, not our pages: opened in a browser they run in a
 * sandbox without scripts, forms or same-origin access, so an HTML or SVG paper cannot act
 * as the signed-in reader.
 */
export const PAPER_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'";

/**
 * The same headers for answers that no hook sees: the router's own refusals (frameworkErrors)
 * are sent before the onRequest hooks run.
 */
export function securityHeadersFor(config: Pick<Config, 'COOKIE_SECURE'>) {
  const { global: _global, ...options } = helmetOptions(config);
  const apply = helmet(options as Parameters<typeof helmet>[0]);
  return (request: FastifyRequest, reply: FastifyReply) =>
    apply(request.raw, reply.raw, (error?: unknown) => {
      if (error) throw error;
    });
}
