import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { Problem, text } from './errors.js';

/**
 * Prometheus metrics of one app instance, in a registry of its own (tests run several apps in one
 * process). Features report through the functions below, keyed by their database handle, so they
 * need not know whether metrics are on: without METRICS_TOKEN nothing is served, the counting is
 * still cheap.
 */
export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route'>;
  ballotsAccepted: Counter;
  groupCommitSize: Histogram;
  liveStreams: Gauge;
  mails: Counter<'outcome'>;
}

export function createMetrics(database: DatabaseHandle): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'verenigd_' });
  const metrics: Metrics = {
    registry,
    requests: new Counter({
      name: 'verenigd_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'verenigd_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern (live streams: until the stream ends)',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ballotsAccepted: new Counter({
      name: 'verenigd_ballots_accepted_total',
      help: 'Ballots stored durably (retries of a stored ballot not counted again)',
      registers: [registry],
    }),
    groupCommitSize: new Histogram({
      name: 'verenigd_ballot_group_commit_size',
      help: 'Ballots written per group-commit transaction',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
      registers: [registry],
    }),
    liveStreams: new Gauge({ name: 'verenigd_live_streams_open', help: 'Live streams (Server-Sent Events) this instance holds open', registers: [registry] }),
    mails: new Counter({
      name: 'verenigd_mails_total',
      help: 'Delivery attempts of the mail queue: handed to the SMTP server (sent), refused for good with a 5xx answer (bounced), refused for now or unreachable (failed, retried), or written to the log without SMTP_URL (logged)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
  new Gauge({
    name: 'verenigd_mail_queue',
    help: 'Mails in the queue by status (queued, sending, sent, failed, bounced); sent ones until housekeeping deletes them',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await database.db
        .selectFrom('mail_outbox')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('status')
        .execute();
      for (const status of ['queued', 'sending', 'sent', 'failed', 'bounced'] as const)
        this.set({ status }, Number(rows.find((r) => r.status === status)?.n ?? 0));
    },
  });
  if (database.pool) {
    const pool = database.pool.bind(database);
    for (const [key, help] of [
      ['max', 'Largest number of connections the pool opens'],
      ['total', 'Connections the pool holds open'],
      ['idle', 'Open connections not in use'],
      ['waiting', 'Queries waiting for a connection'],
    ] as const) {
      new Gauge({
        name: `verenigd_db_pool_${key}`,
        help: `Database pool: ${help}`,
        registers: [registry],
        collect() {
          this.set(pool()[key]);
        },
      });
    }
  }
  byDatabase.set(database.db, metrics);
  return metrics;
}

const byDatabase = new WeakMap<object, Metrics>();

/** Counts a group commit of ballots and the ballots it accepted (for the app that owns this database handle). */
export function countBallotGroup(db: object, size: number, accepted: number): void {
  const metrics = byDatabase.get(db);
  if (!metrics) return;
  metrics.groupCommitSize.observe(size);
  if (accepted > 0) metrics.ballotsAccepted.inc(accepted);
}

/**
 * Times every request by its route pattern (never the raw URL, which would make a series per poll)
 * and serves /metrics when METRICS_TOKEN is set, to a bearer of that token only.
 */
export async function metricsRoutes(app: FastifyInstance, options: { metrics: Metrics; config: Pick<Config, 'METRICS_TOKEN'> }) {
  const { metrics, config } = options;
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  const token = config.METRICS_TOKEN;
  if (!token) return;
  const expected = digest(token);
  app.get(
    '/metrics',
    // Its own credential: the auth plugin would take the bearer token for an API token.
    { schema: { hide: true }, config: { ownCredential: true } },
    async (request, reply) => {
      const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!given || !timingSafeEqual(digest(given), expected)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new Problem(
          401,
          'unauthenticated',
          text('Niet gemachtigd', 'Not authorised'),
          text(
            'De metrieken vragen het token uit METRICS_TOKEN (Authorization: Bearer …).',
            'The metrics need the token of METRICS_TOKEN (Authorization: Bearer …).',
          ),
        );
      }
      reply.header('cache-control', 'no-store');
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  );
}

// Equal-length digests, so the comparison takes the same time whatever was sent.
const digest = (value: string) => createHash('sha256').update(value).digest();
