import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { resolve, sep } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { createMailer } from '../mail.js';
import { createMailQueue, type MailQueue } from '../mail-queue.js';
import { createMetrics, metricsRoutes, type Metrics } from '../metrics.js';
import { scheduleHousekeeping } from '../housekeeping.js';
import { installSigningKey, type SigningKey } from '../signing.js';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { startEventBus, type EventBus } from '../events.js';
import { authPlugin, type Guard } from '../auth/plugin.js';
import { rolesQuery, type DerivedRole, type RolesOf } from '../auth/accounts.js';
import { frameworkErrors, installProblemHandlers } from './problem-handler.js';
import { healthRoutes } from './health.js';
import { DOCS_CSP, helmetOptions, securityHeadersFor } from './security-headers.js';
import { MAX_UPLOAD_BYTES } from './uploads.js';
import { LiveStreams } from './streams.js';
declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    database: DatabaseHandle;
    config: Config;
    /** The mail queue: features enqueue (enqueueMails in their transaction); this instance's sender delivers. */
    mailQueue: MailQueue;
    metrics: Metrics;
    events: EventBus;
    /** The instance's Server-Sent Events streams: slots per session and address, ended before closing. */
    liveStreams: LiveStreams;
    /** A person's roles: granted ones plus those derived from features' facts (see KernelOptions.derivedRoles). */
    rolesOf: RolesOf;
  }
}

export type App = FastifyInstance;

export interface KernelOptions {
  config: Config;
  database: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
  /** The key that seals closed polls (src/core/signing.ts); absent, the process's own (ephemeral in tests). */
  signingKey?: SigningKey;
  /** Roles that follow from features' facts (a representative by a designation in force), asked with the granted ones. */
  derivedRoles?: readonly DerivedRole[];
  /** The tags of the OpenAPI document, in the order the documentation shows them. */
  apiTags?: readonly { name: string; description: string }[];
}

/**
 * The kernel of the server: a Fastify instance with the database, configuration, mail, events,
 * problem handling, security headers, cookies, rate limits, the OpenAPI document (with each guarded
 * route's access rule), sessions and health. It knows no feature: src/app.ts registers their routes.
 */
export async function buildKernel(options: KernelOptions): Promise<App> {
  const securityHeaders = securityHeadersFor(options.config);
  const app = Fastify({
    logger: options.logger ?? { level: options.config.LOG_LEVEL },
    // Keep-alive sockets of idle clients are closed on shutdown; busy ones finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // JSON bodies are small (the largest is a profile document); a tight limit also bounds the time
    // the validator spends listing errors in a hostile body. Files have their own limits (multipart, CSV).
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    // The router's own refusals (a bad %-escape, an over-long parameter) are problems too, with the security headers.
    frameworkErrors: (error, request, reply) => {
      securityHeaders(request, reply);
      return frameworkErrors(error, request, reply);
    },
    ...serverTimeouts(options.config),
    // Every log line of a request carries its id (reqId), also sent back as X-Request-Id.
    genReqId: requestId,
    ...(options.config.TRUST_PROXY ? { trustProxy: trustProxyOf(options.config.TRUST_PROXY) } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (options.signingKey) installSigningKey(options.signingKey);
  app.decorate('db', options.database.db);
  app.decorate('database', options.database);
  app.decorate('config', options.config);
  const metrics = createMetrics(options.database);
  app.decorate('metrics', metrics);
  const events = await startEventBus(options.database, app.log);
  app.decorate('events', events);
  const liveStreams = new LiveStreams(options.config, metrics.liveStreams);
  app.decorate('liveStreams', liveStreams);
  app.addHook('preClose', async () => liveStreams.endAll());
  const mailer = createMailer(options.config, app.log, metrics.mails);
  const mailQueue = createMailQueue(options.database.db, mailer, options.config, app.log);
  app.decorate('mailQueue', mailQueue);
  app.addHook('onReady', async () => mailQueue.start(events));
  // Before the event bus closes (hooks run in order): the round in progress finishes, then the SMTP pool closes.
  app.addHook('onClose', async () => {
    await mailQueue.stop();
    mailer.close();
  });
  app.decorate('rolesOf', rolesQuery(options.derivedRoles ?? []));
  app.addHook('onClose', () => events.close());

  installProblemHandlers(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await metricsRoutes(app, { metrics, config: options.config });
  // Security headers on every response: pages, API answers, problems and 404s alike.
  await app.register(helmet, helmetOptions(options.config));
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Verenigd API',
        version: '1.0.0',
        description:
          'The API of Verenigd, the platform on which an association of municipalities governs itself. ' +
          'Follows the NL API Design Rules: errors are application/problem+json (Dutch with Accept-Language: nl), lists return { items, total }.',
      },
      servers: [{ url: '/' }],
      tags: [...(options.apiTags ?? [])],
      components: {
        securitySchemes: {
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'verenigd_session',
            description: 'Session cookie from POST /api/v1/session; unsafe requests also send X-CSRF-Token.',
          },
          bearerToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token from POST /api/v1/session/tokens, for machine clients; no CSRF token needed.',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onRoute', documentAccess);
  await app.register(authPlugin);
  await app.register(healthRoutes);
  scheduleHousekeeping(app);
  return app;
}

/**
 * A request's id: the one a reverse proxy passed in X-Request-Id when it is a plain token (so a
 * request can be followed from the proxy's log into ours), else a fresh UUID, unique across instances.
 */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(given) ? given : randomUUID();
}

/** TRUST_PROXY as Fastify's trustProxy: true, a hop count, or a list of addresses and CIDR ranges. */
export function trustProxyOf(value: string): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * Timeouts of the HTTP server. A client gets HEADERS_TIMEOUT_SECONDS for its headers and
 * REQUEST_TIMEOUT_SECONDS for the whole request (both end when the request is in, so a live
 * stream that runs for hours is not cut); a connection silent for CONNECTION_TIMEOUT_SECONDS is
 * closed. Node checks the first two every connectionsCheckingInterval; short timeouts need a
 * short interval to mean what they say.
 */
export function serverTimeouts(config: Pick<Config, 'HEADERS_TIMEOUT_SECONDS' | 'REQUEST_TIMEOUT_SECONDS' | 'CONNECTION_TIMEOUT_SECONDS'>) {
  const requestTimeout = config.REQUEST_TIMEOUT_SECONDS * 1000;
  // Node refuses a headers timeout above the request timeout.
  const headersTimeout = Math.min(config.HEADERS_TIMEOUT_SECONDS * 1000, requestTimeout);
  const connectionsCheckingInterval = Math.max(250, Math.min(30_000, Math.floor(headersTimeout / 4)));
  return {
    requestTimeout,
    connectionTimeout: config.CONNECTION_TIMEOUT_SECONDS * 1000,
    http: { headersTimeout, requestTimeout, connectionsCheckingInterval },
  };
}

/**
 * States in the OpenAPI document who may call each guarded route, derived from the guard itself,
 * so the documentation cannot drift from what the server enforces.
 */
function documentAccess(route: RouteOptions) {
  const hooks = [route.preValidation].flat().filter(Boolean) as Partial<Guard>[];
  const guard = hooks.find((hook) => hook.admits);
  if (!guard?.admits || !route.schema) return;
  const schema = route.schema as Record<string, unknown>;
  const who =
    guard.admits === 'anyone'
      ? 'anyone'
      : guard.admits === 'signed-in'
        ? 'any signed-in person'
        : guard.admits.length
          ? `roles ${guard.admits.join(', ')}`
          : '';
  // A rule with no role set admits only through its condition (e.g. a representative's own member).
  const access = guard.when ? (who ? `${who}; or ${guard.when}` : guard.when) : who || 'nobody';
  if (guard.admits !== 'anyone') schema.security = [{ sessionCookie: [] }, { bearerToken: [] }];
  schema.description = [schema.description, `Access: ${access}.`].filter(Boolean).join('\n\n');
}

/** Serves the built single-page app when the folder holds one; unknown non-API paths get index.html so client routes work. */
export async function serveWebApp(app: FastifyInstance, webRoot: string | undefined) {
  const root = webRoot ? resolve(webRoot) : undefined;
  if (!root || !existsSync(resolve(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // The build's .br and .gz copies go to browsers that accept them.
    preCompressed: true,
    // Hashed files never change under their name: cached for a year. The page itself is checked every time.
    setHeaders: (response, path) => {
      response.header('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || /\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
