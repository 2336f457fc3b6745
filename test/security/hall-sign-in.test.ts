import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/core/auth/passwords.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

/**
 * A general meeting: 400 representatives sign in within one minute from the hall's one address,
 * with the default limits. The per-address limit lets them all in; the per-account limit still
 * refuses guessing from that same address.
 */
let t: TestApp;
const HALL = '192.0.2.10';
const REPRESENTATIVES = 400;
const password = 'een lang en goed wachtwoord';
const emails = Array.from({ length: REPRESENTATIVES }, (_, i) => `vertegenwoordiger-${i}@hall.example`);

beforeAll(async () => {
  // Default limits: the configuration under test is the one an association gets.
  t = await createTestApp({ profileFrom: null });
  // One hash for all accounts (argon2 at full cost 400 times would only slow the set-up down).
  const hash = await hashPassword(password);
  await t.database.db
    .insertInto('people')
    .values(emails.map((email, i) => ({ id: randomUUID(), email, name: `Vertegenwoordiger ${i}`, password_hash: hash, password_changed_at: new Date() })))
    .execute();
});
afterAll(() => t.close());

const login = (email: string, pass = password) =>
  t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: pass }, remoteAddress: HALL });

async function inParallel<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

describe(`a hall signing in (${TEST_DB})`, () => {
  it('lets 400 representatives sign in from one address within a minute', async () => {
    expect(t.app.config.LOGIN_IP_RATE_LIMIT_PER_MINUTE).toBeGreaterThanOrEqual(3 * REPRESENTATIVES);
    const started = Date.now();
    const responses = await inParallel(emails, 8, (email) => login(email));
    const seconds = (Date.now() - started) / 1000;
    // All inside one window of the per-address limit, or the test would prove nothing.
    expect(seconds).toBeLessThan(60);
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const sessions = await t.database.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(sessions.n)).toBe(REPRESENTATIVES);
    // The address's counter saw every request and has room left for retries.
    const last = responses.at(-1)!;
    expect(Number(last.headers['x-ratelimit-limit'])).toBe(t.app.config.LOGIN_IP_RATE_LIMIT_PER_MINUTE);
    expect(Number(last.headers['x-ratelimit-remaining'])).toBeLessThanOrEqual(t.app.config.LOGIN_IP_RATE_LIMIT_PER_MINUTE - REPRESENTATIVES);
    expect(Number(last.headers['x-ratelimit-remaining'])).toBeGreaterThan(0);
  });

  it('still refuses guessing one account from the hall after the per-account limit', async () => {
    const victim = emails[0]!;
    const limit = t.app.config.LOGIN_RATE_LIMIT_PER_MINUTE;
    expect(limit).toBeLessThanOrEqual(10);
    const statuses: number[] = [];
    for (let i = 0; i < limit + 2; i++) statuses.push((await login(victim, `fout wachtwoord ${i}`)).statusCode);
    expect(statuses).toEqual([...Array(limit).fill(401), 429, 429]);
    // Even the right password is refused now; a neighbour in the hall is not affected.
    expect((await login(victim)).statusCode).toBe(429);
    expect((await login(emails[1]!)).statusCode).toBe(201);
  });
});

describe(`behind a reverse proxy (${TEST_DB})`, () => {
  it('counts the per-address limit per client with TRUST_PROXY, per proxy without it', async () => {
    const PROXY = '10.0.0.2';
    const viaProxy = (app: TestApp, client: string) =>
      app.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'niemand@hall.example', password: 'fout wachtwoord' },
        remoteAddress: PROXY,
        headers: { 'x-forwarded-for': client },
      });
    const trusting = await createTestApp({
      profileFrom: null,
      config: { TRUST_PROXY: '1', LOGIN_IP_RATE_LIMIT_PER_MINUTE: 2, LOGIN_RATE_LIMIT_PER_MINUTE: 100 },
    });
    try {
      const statuses = [];
      for (const client of ['198.51.100.1', '198.51.100.1', '198.51.100.1', '198.51.100.2']) statuses.push((await viaProxy(trusting, client)).statusCode);
      expect(statuses).toEqual([401, 401, 429, 401]);
    } finally {
      await trusting.close();
    }
    const plain = await createTestApp({ profileFrom: null, config: { LOGIN_IP_RATE_LIMIT_PER_MINUTE: 2, LOGIN_RATE_LIMIT_PER_MINUTE: 100 } });
    try {
      const statuses = [];
      for (const client of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) statuses.push((await viaProxy(plain, client)).statusCode);
      // Without TRUST_PROXY a client cannot pick its own address: every request counts for the proxy.
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await plain.close();
    }
  });
});
