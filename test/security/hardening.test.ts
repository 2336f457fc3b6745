import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { buildApp, type App } from '../../src/app.js';
import { createTestApp } from '../support/app.js';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../support/database.js';
import { csp, hardeningWorld } from '../support/hardening.js';

/**
 * HTTP hardening (issue 11): security headers on every answer, and user text that never becomes
 * markup in the minutes. Live streams are in hardening-live.test.ts, uploads in hardening-uploads.test.ts.
 */

const { world: w, api } = hardeningWorld();

function expectAppHeaders(response: LightMyRequestResponse, what: string) {
  const policy = csp(response);
  expect(policy.get('script-src'), what).toBe("'self'");
  expect(policy.get('default-src'), what).toBe("'self'");
  expect(policy.get('frame-ancestors'), what).toBe("'none'");
  expect(policy.get('object-src'), what).toBe("'none'");
  expect(String(response.headers['content-security-policy']), what).not.toContain('unsafe-inline');
  expect(response.headers['x-content-type-options'], what).toBe('nosniff');
  expect(response.headers['x-frame-options'], what).toBe('DENY');
  expect(response.headers['referrer-policy'], what).toBe('same-origin');
  // Plain HTTP (COOKIE_SECURE unset): no HSTS and no upgrade of every request to https.
  expect(response.headers['strict-transport-security'], what).toBeUndefined();
  expect(policy.has('upgrade-insecure-requests'), what).toBe(false);
}

describe(`security headers on every answer (${TEST_DB})`, () => {
  let web: { app: App; database: TestDatabase; root: string };

  beforeAll(async () => {
    // A built web app of one page, served as the real server serves dist/web.
    const root = mkdtempSync(join(tmpdir(), 'verenigd-web-'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(join(root, 'app.js'), 'export {};');
    const database = await createTestDatabase();
    const app = await buildApp({ config: { ...loadConfig({}), LOG_LEVEL: 'silent' }, database, webRoot: root });
    await app.ready();
    web = { app, database, root };
  });
  afterAll(async () => {
    await web.app.close();
    await web.database.close();
    rmSync(web.root, { recursive: true, force: true });
  });

  it('sends a strict CSP, nosniff, no framing and a referrer policy on a page, an API answer, a 404, a problem and framework errors', async () => {
    const page = await web.app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expectAppHeaders(page, 'page');
    const clientRoute = await web.app.inject({ url: '/vergaderingen/123' });
    expect(clientRoute.statusCode).toBe(200);
    expectAppHeaders(clientRoute, 'client route');

    const answer = await api('GET', '/members');
    expect(answer.statusCode).toBe(200);
    expectAppHeaders(answer, 'API answer');

    const notFound = await api('GET', '/nothing-here');
    expect(notFound.statusCode).toBe(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectAppHeaders(notFound, '404');

    const problem = await api('POST', '/imports/population', { 'content-type': 'text/csv' }, 'code\n');
    expect(problem.statusCode).toBe(401);
    expectAppHeaders(problem, 'problem');

    const badJson = await api('POST', '/session', { 'content-type': 'application/json' }, '{"email":');
    expect(badJson.statusCode).toBe(400);
    expectAppHeaders(badJson, 'invalid JSON');

    // The router's own refusal, before any route runs.
    const badUrl = await w.t.app.inject({ url: '/api/v1/members/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectAppHeaders(badUrl, 'bad URL');

    const health = await w.t.app.inject({ url: '/health' });
    expectAppHeaders(health, 'health');
  });

  it('gives Swagger UI its own policy: scripts still only from us, no framing', async () => {
    const docs = await w.t.app.inject({ url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui-bundle.js');
    // Its page has no inline script, so 'self' is enough for scripts.
    expect(docs.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const policy = csp(docs);
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    const script = await w.t.app.inject({ url: '/api/docs/static/swagger-initializer.js' });
    expect(script.statusCode).toBe(200);
    expect((await w.t.app.inject({ url: '/api/docs/json' })).statusCode).toBe(200);
  });

  it('sends HSTS and upgrades requests only when served over HTTPS (COOKIE_SECURE)', async () => {
    const secure = await createTestApp({ config: { COOKIE_SECURE: true } });
    try {
      for (const url of ['/health', '/api/v1/members', '/api/v1/nothing-here']) {
        const response = await secure.app.inject({ url });
        expect(response.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
        expect(csp(response).has('upgrade-insecure-requests'), url).toBe(true);
      }
    } finally {
      await secure.close();
    }
    expect((await w.t.app.inject({ url: '/health' })).headers['strict-transport-security']).toBeUndefined();
  });
});

describe(`user text in the minutes stays text (${TEST_DB})`, () => {
  it('shows a motion, item and name written in markdown or HTML literally in the drafted minutes and their PDF', async () => {
    const meeting = randomUUID();
    const item = randomUUID();
    const itemTitle = '# Kop <img src=x onerror=alert(1)>';
    const motionTitle = '**Vet** [Klik hier](https://evil.example) <script>alert(1)</script>';
    const submitter = '_de P10_ & www.evil.example';
    await w.t.database.db
      .insertInto('meetings')
      .values({ id: meeting, kind: 'alv', title: 'ALV [december](https://evil.example)', date: '2025-12-12', start_time: '10:00', location: 'Utrecht' })
      .execute();
    await w.t.database.db.insertInto('agenda_items').values({ id: item, meeting_id: meeting, position: 0, title: itemTitle, purpose: 'decision' }).execute();
    const motion = await api('POST', '/motions', w.staff, {
      meetingId: meeting,
      agendaItemId: item,
      title: motionTitle,
      memberIds: [w.m.Utrecht],
      onBehalfOf: submitter,
      request: 'Verzoekt het bestuur iets.',
    });
    expect(motion.statusCode).toBe(201);
    expect((await api('POST', `/meetings/${meeting}/minutes/generate`, w.staff)).statusCode).toBe(201);
    const minutes = (await api('GET', `/meetings/${meeting}/minutes`, w.staff)).json();
    const html: string = minutes.current.html;
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('<strong>Vet</strong>');
    expect(html).not.toContain('<em>');
    expect(html).not.toMatch(/<(img|script)/);
    expect(html).toContain('<h1>Notulen ALV [december](https://evil.example) (ALV)</h1>');
    expect(html).toContain('<h2>1. # Kop &lt;img src=x onerror=alert(1)&gt;</h2>');
    expect(html).toContain(
      'Motie &quot;**Vet** [Klik hier](https://evil.example) &lt;script&gt;alert(1)&lt;/script&gt;&quot; (ingediend door _de P10_ &amp; www.evil.example)',
    );

    const pdf = await api('GET', `/meetings/${meeting}/minutes.pdf`, w.staff);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });
});
