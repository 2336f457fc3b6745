import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import { resetMailKey } from '../../src/core/auth/attempts.js';
import { newTotpSecret, totpAt } from '../../src/core/auth/totp.js';
import { openDatabase } from '../../src/core/db/database.js';
import { authHeaders, createTestApp, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';

/**
 * Sign-in security: the per-account limit holds under parallel guesses and cannot lock out an
 * owner with a second factor, reset mails are limited per address, changes to how one signs in
 * need the current password and a browser session, sessions and API tokens end by themselves,
 * and PGlite's data folder is private.
 */
let t: TestApp;
let mailbox: Mailbox;
const password = 'een lang en goed wachtwoord';
const LIMIT = 5;
let ipCounter = 0;
/** Every request from its own address, so only the per-account limit is under test. */
const nextIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({
    config: { SMTP_URL: mailbox.url, LOGIN_RATE_LIMIT_PER_MINUTE: LIMIT, LOGIN_IP_RATE_LIMIT_PER_MINUTE: 1000, PASSWORD_RESET_MAILS_PER_HOUR: 3 },
  });
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

const login = (body: { email: string; password: string; totp?: string }) =>
  t.app.inject({ method: 'POST', url: '/api/v1/session', payload: body, remoteAddress: nextIp() });
const account = async (email: string) => (await createPerson(t.database.db, systemActor('test'), { email, name: email.split('@')[0]!, password })).id;
const failuresOf = async (email: string) =>
  (await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'session.login-failed').where('actor_label', '=', email).execute()).length;
/** How many reset mails have been asked for this address in the current window: each request is counted before anything is sent. */
const resetMailsAsked = async (email: string) =>
  (await t.database.db.selectFrom('attempt_counters').select('attempts').where('key', '=', resetMailKey(email)).executeTakeFirst())?.attempts ?? 0;
/** A six-digit code the secret does not accept now (nor one step either side). */
function wrongCodeFor(secret: string): string {
  const valid = [-30_000, 0, 30_000].map((d) => totpAt(secret, Date.now() + d));
  return ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c))!;
}
async function withTotp(personId: string): Promise<string> {
  const secret = newTotpSecret();
  await t.database.db.updateTable('people').set({ totp_secret: secret, totp_enabled_at: new Date() }).where('id', '=', personId).execute();
  return secret;
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe(`the per-account sign-in limit (${TEST_DB})`, () => {
  it('holds under 100 parallel wrong passwords: no more are checked than the limit, and the right one in and after the burst is refused', async () => {
    const email = 'parallel@test.example';
    await account(email);
    const burst = [...Array.from({ length: 100 }, (_, i) => login({ email, password: `raden ${i}` })), login({ email, password })];
    const statuses = (await Promise.all(burst)).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(101 - LIMIT);
    expect(statuses.at(-1)).toBe(429);
    expect(await failuresOf(email)).toBe(LIMIT);
    const after = await login({ email, password });
    expect(after.statusCode).toBe(429);
    expect(after.json().type).toBe('/problems/rate-limited');
  });

  it('counts failures only: the owner signing in often is not locked out', async () => {
    const email = 'vaak@test.example';
    await account(email);
    for (let i = 0; i < LIMIT * 2; i++) expect((await login({ email, password })).statusCode).toBe(201);
    expect((await login({ email, password: 'fout' })).statusCode).toBe(401);
  });

  it('does not lock out an owner with a second factor: password and code together still sign in, anything less is refused alike', async () => {
    const email = 'tweede-factor@test.example';
    const secret = await withTotp(await account(email));
    for (let i = 0; i < LIMIT; i++) expect((await login({ email, password: `raden ${i}` })).statusCode).toBe(401);
    // Locked: the attacker's guesses, with or without a code, all get the same answer.
    expect((await login({ email, password: 'nog een gok' })).statusCode).toBe(429);
    expect((await login({ email, password: 'nog een gok', totp: totpAt(secret) })).statusCode).toBe(429);
    expect((await login({ email, password, totp: wrongCodeFor(secret) })).statusCode).toBe(429);
    expect((await login({ email, password })).statusCode).toBe(429);
    // The owner gets in.
    const owner = await login({ email, password, totp: totpAt(secret) });
    expect(owner.statusCode).toBe(201);
    expect(owner.json().person.email).toBe(email);
    // A used code is not good twice, locked or not.
    expect((await login({ email, password, totp: totpAt(secret) })).statusCode).toBe(429);
  });
});

describe(`password-reset mails (${TEST_DB})`, () => {
  it('go to one address at most PASSWORD_RESET_MAILS_PER_HOUR times, while every request answers 202 alike', async () => {
    const email = 'bestookt@test.example';
    await account(email);
    const ask = (address: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/session/password-reset', payload: { email: address }, remoteAddress: nextIp() });
    const known = await Promise.all(Array.from({ length: 6 }, () => ask(email)));
    const unknown = await Promise.all(Array.from({ length: 6 }, () => ask('niemand-bekend@test.example')));
    for (const response of [...known, ...unknown]) {
      expect(response.statusCode).toBe(202);
      expect(response.body).toBe(known[0]!.body);
    }
    // Every request has been counted (the mails are sent after the answer); those over the limit send nothing after that.
    await expect.poll(() => resetMailsAsked(email)).toBe(6);
    for (let i = 0; i < 3; i++) await mailbox.next(email);
    expect(mailbox.messages.filter((m) => m.to === email)).toHaveLength(3);
    // Another address has its own allowance.
    const other = 'ander@test.example';
    await account(other);
    expect((await ask(other)).statusCode).toBe(202);
    expect((await mailbox.next(other)).subject).toBe('Nieuw wachtwoord voor Verenigd');
  });
});

describe(`changes to how one signs in (${TEST_DB})`, () => {
  let email: string;
  let personId: string;
  let headers: AuthHeaders;
  let token: string;

  beforeAll(async () => {
    email = 'wijzigen@test.example';
    personId = await account(email);
    headers = authHeaders(await login({ email, password }));
  });
  const call = (method: 'POST' | 'PUT' | 'DELETE', path: string, payload: object | undefined, as: Record<string, string> = headers) =>
    t.app.inject({ method, url: `/api/v1/session${path}`, headers: as, remoteAddress: nextIp(), ...(payload ? { payload } : {}) });

  it('creating an API token asks for the current password', async () => {
    expect((await call('POST', '/tokens', { name: 'zonder' })).statusCode).toBe(400);
    const wrong = await call('POST', '/tokens', { name: 'fout', currentPassword: 'niet het wachtwoord' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ name: 'currentPassword', code: 'wrong' })]);
    const created = await call('POST', '/tokens', { name: 'koppeling', currentPassword: password });
    expect(created.statusCode).toBe(201);
    token = created.json().token;
    const list = await t.app.inject({ url: '/api/v1/session/tokens', headers });
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual(['koppeling']);
  });

  it('turning the second factor on asks for the current password', async () => {
    const { secret } = (await call('POST', '/totp', undefined)).json();
    expect((await call('POST', '/totp/confirm', { code: totpAt(secret) })).statusCode).toBe(400);
    expect((await call('POST', '/totp/confirm', { code: totpAt(secret), currentPassword: 'niet het wachtwoord' })).statusCode).toBe(401);
    expect(
      (await t.database.db.selectFrom('people').select('totp_enabled_at').where('id', '=', personId).executeTakeFirstOrThrow()).totp_enabled_at,
    ).toBeNull();
    expect((await call('POST', '/totp/confirm', { code: totpAt(secret), currentPassword: password })).statusCode).toBe(204);

    // And turning it off.
    expect((await call('DELETE', '/totp', { currentPassword: 'niet het wachtwoord' })).statusCode).toBe(401);
    expect(
      (await t.database.db.selectFrom('people').select('totp_enabled_at').where('id', '=', personId).executeTakeFirstOrThrow()).totp_enabled_at,
    ).not.toBeNull();
    expect((await call('DELETE', '/totp', { currentPassword: password })).statusCode).toBe(204);
  });

  it('are refused with an API token, whatever the body', async () => {
    const as = bearer(token);
    expect((await call('POST', '/tokens', { name: 'nog een', currentPassword: password }, as)).statusCode).toBe(403);
    expect((await call('POST', '/totp', undefined, as)).statusCode).toBe(403);
    expect((await call('POST', '/totp/confirm', { code: '123456', currentPassword: password }, as)).statusCode).toBe(403);
    expect((await call('DELETE', '/totp', { currentPassword: password }, as)).statusCode).toBe(403);
    expect((await call('PUT', '/email', { email: 'kaper@test.example', currentPassword: password }, as)).statusCode).toBe(403);
    const row = await t.database.db.selectFrom('people').select(['email', 'totp_secret']).where('id', '=', personId).executeTakeFirstOrThrow();
    expect(row).toEqual({ email, totp_secret: null });
  });

  it('changing the e-mail address asks for the current password and tells the old address', async () => {
    const next = 'nieuw-adres@test.example';
    expect((await call('PUT', '/email', { email: next })).statusCode).toBe(400);
    expect((await call('PUT', '/email', { email: next, currentPassword: 'niet het wachtwoord' })).statusCode).toBe(401);
    expect((await call('PUT', '/email', { email: 'parallel@test.example', currentPassword: password })).statusCode).toBe(409);
    expect((await t.database.db.selectFrom('people').select('email').where('id', '=', personId).executeTakeFirstOrThrow()).email).toBe(email);

    expect((await call('PUT', '/email', { email: next, currentPassword: password })).statusCode).toBe(204);
    expect((await login({ email: next, password })).statusCode).toBe(201);
    expect((await login({ email, password })).statusCode).toBe(401);
    const notice = await mailbox.next(email);
    expect(notice.subject).toBe('Uw e-mailadres in Verenigd is gewijzigd');
    expect(notice.text).toContain(next);
    const audit = await t.database.db.selectFrom('audit_log').select('data').where('action', '=', 'session.email-changed').executeTakeFirstOrThrow();
    expect(audit.data).toEqual({ from: email, to: next });
  });

  it('a stolen session cannot be used to guess the password: wrong current passwords count toward the limit', async () => {
    const victim = 'sessie-gestolen@test.example';
    await account(victim);
    const stolen = authHeaders(await login({ email: victim, password }));
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) statuses.push((await call('DELETE', '/totp', { currentPassword: `raden ${i}` }, stolen)).statusCode);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
    expect((await call('PUT', '/email', { email: 'kaper@test.example', currentPassword: password }, stolen)).statusCode).toBe(429);
  });
});

describe(`session lifetime (${TEST_DB})`, () => {
  it('ends a session SESSION_MAX_HOURS after sign-in, however active it was', async () => {
    const email = 'lange-dag@test.example';
    await account(email);
    const response = await login({ email, password });
    const headers = authHeaders(response);
    const hash = (
      await t.database.db
        .selectFrom('sessions as s')
        .innerJoin('people as p', 'p.id', 's.person_id')
        .select('s.token_hash')
        .where('p.email', '=', email)
        .executeTakeFirstOrThrow()
    ).token_hash;
    const setSignIn = (hoursAgo: number) =>
      t.database.db
        .updateTable('sessions')
        .set({ created_at: new Date(Date.now() - hoursAgo * 3_600_000) as never, expires_at: new Date(Date.now() + 3_600_000) })
        .where('token_hash', '=', hash)
        .execute();

    // Signed in 11.5 hours ago and active: still on, but only until 12 hours after sign-in.
    await setSignIn(11.5);
    const me = await t.app.inject({ url: '/api/v1/session', headers });
    expect(me.statusCode).toBe(200);
    const left = Date.parse(me.json().expiresAt) - Date.now();
    expect(left).toBeLessThanOrEqual(30 * 60_000);
    expect(left).toBeGreaterThan(29 * 60_000);

    // Twelve hours after sign-in it is over, though it was used a moment ago.
    await setSignIn(12.01);
    expect((await t.app.inject({ url: '/api/v1/session', headers })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/networks', headers, payload: { code: 'X', name: 'X' } })).statusCode).toBe(401);
  });

  it('caps the cookie at the absolute lifetime', async () => {
    // The same app with a long idle time and a short day (config is read per request).
    const config = t.app.config as { SESSION_TTL_MINUTES: number; SESSION_MAX_HOURS: number };
    const before = { ...config };
    Object.assign(config, { SESSION_TTL_MINUTES: 24 * 60, SESSION_MAX_HOURS: 2 });
    try {
      const email = 'korte-dag@test.example';
      await account(email);
      const response = await login({ email, password });
      const cookie = response.cookies.find((c) => c.name === 'verenigd_session')!;
      const lifetime = (cookie.expires as Date).getTime() - Date.now();
      expect(lifetime).toBeLessThanOrEqual(2 * 3_600_000);
      expect(lifetime).toBeGreaterThan(2 * 3_600_000 - 60_000);
      expect(Math.abs(Date.parse(response.json().expiresAt) - (cookie.expires as Date).getTime())).toBeLessThan(1000);
    } finally {
      Object.assign(config, { SESSION_TTL_MINUTES: before.SESSION_TTL_MINUTES, SESSION_MAX_HOURS: before.SESSION_MAX_HOURS });
    }
  });
});

describe(`API token expiry (${TEST_DB})`, () => {
  it('every token expires (90 days unless asked, at most 365), is listed with its expiry and refused after it', async () => {
    const email = 'tokens@test.example';
    await account(email);
    const headers = authHeaders(await login({ email, password }));
    const create = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/session/tokens', headers, payload: { currentPassword: password, ...payload } });
    const days = (iso: string) => Math.round((Date.parse(iso) - Date.now()) / 86_400_000);

    const standard = (await create({ name: 'standaard' })).json();
    expect(days(standard.expiresAt)).toBe(90);
    const month = (await create({ name: 'maand', expiresInDays: 30 })).json();
    expect(days(month.expiresAt)).toBe(30);
    expect(days((await create({ name: 'jaar', expiresInDays: 365 })).json().expiresAt)).toBe(365);
    expect((await create({ name: 'te lang', expiresInDays: 366 })).statusCode).toBe(400);
    expect((await create({ name: 'nooit', expiresAt: null })).statusCode).toBe(400);

    const listed = (await t.app.inject({ url: '/api/v1/session/tokens', headers })).json().items as { name: string; expiresAt: string }[];
    expect(Object.fromEntries(listed.map((i) => [i.name, days(i.expiresAt)]))).toEqual({ standaard: 90, maand: 30, jaar: 365 });

    expect((await t.app.inject({ url: '/api/v1/session', headers: bearer(month.token) })).statusCode).toBe(200);
    await t.database.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', month.id)
      .execute();
    const expired = await t.app.inject({ url: '/api/v1/session', headers: bearer(month.token) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().type).toBe('/problems/bad-token');
  });
});

describe('the PGlite data folder', () => {
  /** Folders not 0700 and files with any group or other bit, under the path. */
  function looseModes(path: string, found: string[] = []): string[] {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
      for (const entry of readdirSync(path)) looseModes(join(path, entry), found);
    } else if (stat.mode & 0o077) {
      found.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    }
    return found;
  }
  async function openAndClose(dataDir: string) {
    const handle = await openDatabase({ dataDir });
    await handle.ping();
    await handle.close();
  }

  it('is readable by the service user only, when new and when an existing one had looser modes', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'verenigd-data-'));
    const dataDir = join(parent, 'data');
    const umask = process.umask(0o022);
    try {
      await openAndClose(dataDir);
      expect(readdirSync(dataDir)).toContain('PG_VERSION');
      expect(looseModes(dataDir)).toEqual([]);

      // A folder from before this rule, open to everyone on the machine.
      process.umask(0o022);
      chmodSync(dataDir, 0o755);
      chmodSync(join(dataDir, 'PG_VERSION'), 0o644);
      chmodSync(join(dataDir, 'base'), 0o755);
      writeFileSync(join(dataDir, 'notitie.txt'), 'x', { mode: 0o644 });
      expect(looseModes(dataDir).length).toBeGreaterThanOrEqual(3);
      await openAndClose(dataDir);
      expect(looseModes(dataDir)).toEqual([]);
    } finally {
      process.umask(umask);
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
