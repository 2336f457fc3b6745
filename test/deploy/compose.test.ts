import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/core/config.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

/**
 * The deployment files (docs/deployment.md): the compose file's services, health checks and
 * settings, the proxy's handling of live streams, the image's stages, user and health check.
 * The image is built only where a container engine answers; elsewhere that test is skipped and
 * says why.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
}
const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Service> };
const nginx = read('deploy/nginx.conf');
const dockerfile = read('Dockerfile');

/** The value compose would give `${NAME:-default}` or `${NAME:?message}` with nothing set: the default, or a sample. */
const substitute = (value: string) =>
  value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_all, name: string, kind?: string, rest?: string) => {
    if (kind === '-') return rest ?? '';
    if (name === 'SIGNING_KEY') return 'MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF';
    return 'sample-value';
  });

/** The blocks of nginx.conf whose header matches, with their bodies (one level of braces). */
const blocks = (header: RegExp) =>
  [...nginx.matchAll(/^\s*([^\n{}#]+)\{([^{}]*)\}/gm)].filter((m) => header.test(m[1]!)).map((m) => ({ header: m[1]!.trim(), body: m[2]! }));

let t: TestApp;
let streamPaths: string[];
beforeAll(async () => {
  t = await createTestApp({ profileFrom: null });
  const spec = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, { responses?: Record<string, { content?: object }> }>>;
  };
  // Every route that answers with Server-Sent Events, as the OpenAPI document declares it.
  streamPaths = Object.entries(spec.paths)
    .filter(([, operations]) => Object.values(operations).some((op) => Object.values(op.responses ?? {}).some((r) => 'text/event-stream' in (r.content ?? {}))))
    .map(([path]) => path);
});
afterAll(() => t.close());

describe(`the compose file (${TEST_DB})`, () => {
  it('runs PostgreSQL, two app instances of the one image and a proxy, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app1', 'app2', 'postgres', 'proxy']);
    for (const name of Object.keys(compose.services)) expect(compose.services[name]!.healthcheck?.test.length, name).toBeGreaterThan(0);
    expect(compose.services.postgres!.healthcheck!.test.join(' ')).toContain('pg_isready');
    for (const name of ['app1', 'app2']) {
      const app = compose.services[name]!;
      expect(app.build).toBe('.');
      expect(app.healthcheck!.test.join(' ')).toContain('/ready');
      expect(app.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(app.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      expect(app.ports, 'only the proxy is published').toBeUndefined();
    }
    expect(compose.services.app1!.environment).toEqual(compose.services.app2!.environment);
    const proxy = compose.services.proxy!;
    expect(proxy.depends_on).toEqual({ app1: { condition: 'service_healthy' }, app2: { condition: 'service_healthy' } });
    expect(proxy.volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
  });

  it('gives the instances a configuration the app accepts, with the secrets required', () => {
    const environment = compose.services.app1!.environment!;
    const config = loadConfig(Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, substitute(String(value))])));
    expect(config).toMatchObject({ HOST: '0.0.0.0', PORT: 3000, TRUST_PROXY: '1', LOG_LEVEL: 'warn' });
    expect(config.DATABASE_URL).toBeDefined();
    // Both instances seal with one key, and compose refuses to start without it or the database password.
    expect(environment.SIGNING_KEY).toMatch(/^\$\{SIGNING_KEY:\?/);
    expect(environment.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
    for (const key of Object.keys(environment)) expect(read('README.md'), `${key} documented`).toContain(`| \`${key}\``);
  });
});

describe(`the proxy (${TEST_DB})`, () => {
  it('balances over both instances and passes the client address and a request id', () => {
    const upstream = blocks(/^upstream verenigd/)[0]!.body;
    expect(upstream).toMatch(/server app1:3000/);
    expect(upstream).toMatch(/server app2:3000/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    expect(nginx).toMatch(/proxy_set_header X-Request-Id \$request_id;/);
    expect(nginx).toMatch(/proxy_http_version 1\.1;/);
  });

  it('keeps every live stream unbuffered with long reads', () => {
    expect(streamPaths.length).toBeGreaterThan(0);
    const streams = blocks(/^location ~ /).filter((b) => /proxy_buffering off;/.test(b.body));
    expect(streams.length).toBeGreaterThan(0);
    for (const path of streamPaths) {
      const url = path.replace(/\{[^}]+\}/g, '0b7a0a4e-4b5e-4c1e-9a51-5f0c1f7e2d11');
      const block = streams.find((b) => new RegExp(b.header.replace(/^location ~\s+/, '').trim()).test(url));
      expect(block, `no unbuffered location for ${path}`).toBeDefined();
      expect(block!.body).toMatch(/proxy_cache off;/);
      const read = /proxy_read_timeout (\d+)(s|m|h);/.exec(block!.body);
      expect(read, 'proxy_read_timeout').not.toBeNull();
      const seconds = Number(read![1]) * { s: 1, m: 60, h: 3600 }[read![2] as 's' | 'm' | 'h'];
      // Well above the 15-second heartbeat.
      expect(seconds).toBeGreaterThanOrEqual(300);
    }
    // An ordinary answer is not caught by the stream location.
    const ordinary = '/api/v1/polls/0b7a0a4e-4b5e-4c1e-9a51-5f0c1f7e2d11';
    expect(streams.some((b) => new RegExp(b.header.replace(/^location ~\s+/, '').trim()).test(ordinary))).toBe(false);
  });
});

describe(`the image (${TEST_DB})`, () => {
  it('is built in stages, runs as an unprivileged user and checks its health on /health', async () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    const lines = dockerfile.split('\n');
    const lastFrom = lines.findLastIndex((l) => l.startsWith('FROM '));
    const user = lines.findLastIndex((l) => /^USER /.test(l));
    expect(user).toBeGreaterThan(lastFrom);
    expect(lines[user]).toMatch(/^USER (node|\d{4,})$/);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/src\/main\.js"\]/m);
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'dist', 'data', '.git', '.env']) expect(ignored).toContain(entry);
  });

  const engine = spawnSync('docker', ['info'], { timeout: 15_000, encoding: 'utf8' });
  const available = engine.status === 0;
  const why = available
    ? ''
    : ` (skipped: no container engine answers \`docker info\`: ${(engine.error?.message ?? engine.stderr ?? '').trim().split('\n').at(-1)})`;
  it.runIf(available && TEST_DB === 'pglite')(
    `builds with docker build${why}`,
    () => {
      const build = spawnSync('docker', ['build', '--tag', 'verenigd:test', ROOT], { timeout: 900_000, encoding: 'utf8' });
      expect(build.status, build.stderr).toBe(0);
      const user = spawnSync('docker', ['run', '--rm', '--entrypoint', 'id', 'verenigd:test', '-u'], { encoding: 'utf8' });
      expect(user.stdout.trim()).not.toBe('0');
    },
    900_000,
  );
});
