import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import { authHeaders, createTestApp, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
const email = 'griffier@test.example';
const password = 'lang genoeg wachtwoord';

beforeAll(async () => {
  t = await createTestApp({ config: { LOGIN_RATE_LIMIT_PER_MINUTE: 5, LOGIN_IP_RATE_LIMIT_PER_MINUTE: 20 } });
  await createPerson(t.database.db, systemActor('test'), { email, name: 'Griffier', roles: ['staff'], password });
  await createPerson(t.database.db, systemActor('test'), { email: 'wethouder@test.example', name: 'Wethouder', password });
  await createPerson(t.database.db, systemActor('test'), { email: 'burgemeester@test.example', name: 'Burgemeester', password });
});
afterAll(() => t.close());

const login = (body: object, ip = '10.0.0.1') => t.app.inject({ method: 'POST', url: '/api/v1/session', payload: body, remoteAddress: ip });

describe(`sessions (${TEST_DB})`, () => {
  it('signs in with an httpOnly SameSite cookie and returns a CSRF token', async () => {
    const response = await login({ email: 'GRIFFIER@test.example', password });
    expect(response.statusCode).toBe(201);
    const cookie = response.cookies.find((c) => c.name === 'verenigd_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const headers = authHeaders(response);
    const me = await t.app.inject({ url: '/api/v1/session', headers: { cookie: headers.cookie } });
    expect(me.json()).toMatchObject({ person: { email, roles: ['staff'] }, csrfToken: headers['x-csrf-token'], totpEnabled: false });
  });

  it('refuses a wrong password with problem+json and records the failure', async () => {
    const response = await login({ email, password: 'fout' }, '10.0.0.2');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ status: 401, type: '/problems/bad-credentials' });
    const failures = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'session.login-failed').execute();
    expect(failures.length).toBeGreaterThan(0);
  });

  it('rejects an unsafe request without the CSRF token even with a valid session', async () => {
    const headers = authHeaders(await login({ email, password }, '10.0.0.3'));
    const request = { method: 'POST' as const, url: '/api/v1/networks', payload: { code: 'PMG', name: 'Platform Middelgrote Gemeenten' } };
    const withoutToken = await t.app.inject({ ...request, headers: { cookie: headers.cookie } });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().type).toBe('/problems/csrf');
    const wrongToken = await t.app.inject({ ...request, headers: { cookie: headers.cookie, 'x-csrf-token': 'x'.repeat(32) } });
    expect(wrongToken.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/networks' })).json().total).toBe(0);
    const withToken = await t.app.inject({ ...request, headers });
    expect(withToken.statusCode).toBe(201);
  });

  it('throttles password guessing on one account, also from many addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login({ email: 'wethouder@test.example', password: `poging ${i}` }, `10.1.0.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await login({ email: 'WETHOUDER@test.example', password }, '10.1.0.99');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ type: '/problems/rate-limited', status: 429 });
    // Another account is not locked out by it.
    expect((await login({ email: 'burgemeester@test.example', password }, '10.1.0.98')).statusCode).toBe(201);
  });

  it('throttles one address that tries many accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await login({ email: `niemand${i}@test.example`, password: 'x' }, '10.2.0.1')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  it('ends a session on sign-out and after expiry', async () => {
    const headers = authHeaders(await login({ email, password }, '10.0.0.4'));
    const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie: headers.cookie } })).statusCode).toBe(401);

    const expiring = authHeaders(await login({ email, password }, '10.0.0.5'));
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie: expiring.cookie } })).statusCode).toBe(401);
  });
});
