import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
let staff: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.signInPerson({ roles: ['staff'] });
});
afterAll(() => t.close());

const create = (payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/session/tokens', headers: staff.headers, payload: { currentPassword: staff.password, ...payload } });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe(`API tokens for machine clients (${TEST_DB})`, () => {
  it("act with the owner's roles, need no CSRF token, are listed without their secret and can be revoked", async () => {
    const created = await create({ name: 'koppeling zaaksysteem' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^vrd_/);

    const me = await t.app.inject({ url: '/api/v1/session', headers: bearer(token) });
    expect(me.json()).toMatchObject({ person: { id: staff.personId, roles: ['staff'] }, expiresAt: null });
    // 90 days by default.
    const days = (Date.parse(created.json().expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks',
      headers: bearer(token),
      payload: { code: 'PMG', name: 'Platform Middelgrote Gemeenten' },
    });
    expect(write.statusCode).toBe(201);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/session/tokens',
          headers: bearer(token),
          payload: { name: 'nog een', currentPassword: staff.password },
        })
      ).statusCode,
    ).toBe(403);

    const list = await t.app.inject({ url: '/api/v1/session/tokens', headers: staff.headers });
    expect(list.json().items).toEqual([expect.objectContaining({ id, name: 'koppeling zaaksysteem' })]);
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect(list.json().items[0].lastUsedAt).not.toBeNull();

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/session/tokens/${id}`, headers: staff.headers })).statusCode).toBe(204);
    const revoked = await t.app.inject({ url: '/api/v1/session', headers: bearer(token) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().type).toBe('/problems/bad-token');
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'api-token.%').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['api-token.created', 'api-token.revoked']);
  });

  it('stop at their expiry, which lies between 1 and 365 days', async () => {
    expect((await create({ name: 'nul', expiresInDays: 0 })).statusCode).toBe(400);
    expect((await create({ name: 'te lang', expiresInDays: 366 })).statusCode).toBe(400);
    const { token, id } = (await create({ name: 'kort', expiresInDays: 1 })).json();
    expect((await t.app.inject({ url: '/api/v1/session', headers: bearer(token) })).statusCode).toBe(200);
    await t.database.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect((await t.app.inject({ url: '/api/v1/session', headers: bearer(token) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/session', headers: bearer('vrd_onzin') })).statusCode).toBe(401);
  });

  it('are documented: guarded routes name both schemes and who may call them', async () => {
    const spec = t.app.swagger() as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: unknown; description?: string }>>;
    };
    expect(Object.keys(spec.components.securitySchemes).sort()).toEqual(['bearerToken', 'sessionCookie']);
    const roles = spec.paths['/api/v1/people/{id}/roles']!.put!;
    expect(roles.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
    expect(roles.description).toContain('Access: roles admin.');
    expect(spec.paths['/api/v1/members']!.get!.security).toBeUndefined();
  });
});
