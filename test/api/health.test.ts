import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe(`health, readiness and API documentation (${TEST_DB})`, () => {
  it('answers /health and /ready', async () => {
    expect((await t.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/ready' })).json()).toEqual({ status: 'ready' });
  });

  it('publishes an OpenAPI 3 document with the register routes and browsable docs', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/members',
        '/api/v1/members/{id}',
        '/api/v1/imports/population',
        '/api/v1/reorganisations',
        '/api/v1/profile',
        '/api/v1/session',
      ]),
    );
    const members = doc.paths['/api/v1/members'].get;
    expect(members.responses['200'].content['application/json'].schema.properties.items.items.properties).toHaveProperty('voteWeight');
    expect(doc.components.securitySchemes).toHaveProperty('sessionCookie');
    const ui = await t.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers unknown API paths with problem+json 404', async () => {
    const response = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'nl' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ title: 'Niet gevonden', status: 404 });
  });

  it('refuses malformed JSON with problem+json 400', async () => {
    const staff = await t.signIn('staff');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks',
      headers: { ...staff, 'content-type': 'application/json' },
      payload: '{"code": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('finishes in-flight requests on shutdown and refuses new ones', async () => {
    // The slow request tells when it is being handled, and finishes when the test lets it.
    let started!: () => void;
    const handling = new Promise<void>((resolve) => (started = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const slow = await createTestApp({
      beforeReady: (app) =>
        app.get('/test/slow', async () => {
          started();
          await finished;
          return { done: true };
        }),
    });
    await slow.app.listen({ port: 0, host: '127.0.0.1' });
    const address = slow.app.server.address() as { port: number };
    const inFlight = get(address.port, '/test/slow');
    await handling;
    const closing = slow.app.close();
    const refused = await get(address.port, '/health').then(
      (r) => r.status,
      () => 'connection refused',
    );
    finish();
    const result = await inFlight;
    await closing;
    expect(result).toEqual({ status: 200, body: { done: true } });
    expect([503, 'connection refused']).toContain(refused);
    await slow.database.close();
  });
});

/** A GET on its own connection (no keep-alive pool), so closing the server is observable. */
function get(port: number, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let data = '';
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) }));
    });
    req.on('error', reject);
    req.end();
  });
}
