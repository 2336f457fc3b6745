import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
// @ts-expect-error -- oidc-provider ships no type declarations; the test uses a small, typed part of it below.
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

/** The part of oidc-provider's Provider this test uses. */
interface TestProvider {
  issuer: string;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => TestProvider;

const PUBLIC_URL = 'http://127.0.0.1:3999';
const REDIRECT_URI = `${PUBLIC_URL}/api/v1/session/oidc/callback`;
const CLIENT = { client_id: 'verenigd', client_secret: 'geheim-van-de-vereniging' };

/** People the provider knows, by subject; a test changes them to model the provider's side. */
const accounts = new Map<string, { email: string; name: string }>([
  ['sub-griffier', { email: 'Griffier@Gemeente.example', name: 'Griffier' }],
  ['sub-onbekend', { email: 'niemand@elders.example', name: 'Niemand' }],
  ['sub-geblokkeerd', { email: 'oud-lid@gemeente.example', name: 'Oud-lid' }],
]);

let providerServer: Server;
/** Makes the provider answer 503 to everything, as when it is down. */
let providerDown = false;
let issuer: string;
let t: TestApp;
let griffierId: string;
let blockedId: string;

async function startProvider(): Promise<{ server: Server; issuer: string }> {
  // The issuer contains the port, so the server listens first and gets its handler after.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => (providerDown ? res.writeHead(503).end() : handle(req, res)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new (Provider as ProviderConstructor)(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'client_secret_post' }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['test-cookie-key'] },
    ttl: { AccessToken: 600, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    findAccount: (_ctx: unknown, subject: string) => {
      const account = accounts.get(subject);
      return account && { accountId: subject, claims: () => ({ sub: subject, email: account.email, email_verified: true, name: account.name }) };
    },
  });
  handle = provider.callback();
  return { server, issuer };
}

beforeAll(async () => {
  ({ server: providerServer, issuer } = await startProvider());
  t = await createTestApp({
    config: {
      PUBLIC_URL,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT.client_id,
      OIDC_CLIENT_SECRET: CLIENT.client_secret,
      OIDC_LABEL: 'Inloggen met eHerkenning',
    },
  });
  const actor = systemActor('test');
  griffierId = (await createPerson(t.database.db, actor, { email: 'griffier@gemeente.example', name: 'Griffier' })).id;
  const blocked = await createPerson(t.database.db, actor, { email: 'oud-lid@gemeente.example', name: 'Oud-lid' });
  blockedId = blocked.id;
  await t.database.db.updateTable('people').set({ disabled_at: new Date() }).where('id', '=', blockedId).execute();
});
afterAll(async () => {
  await t?.close();
  providerServer?.closeAllConnections();
  await new Promise((resolve) => providerServer?.close(resolve));
});

/** A browser's cookies for the provider, by name; paths are ignored, the newest value wins. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Plays the person at the provider's development login and consent pages, following redirects
 * until the provider sends the browser back to the app; returns that callback address.
 */
async function signInAtProvider(authorizationUrl: string, subject: string): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  for (let step = 0; step < 20; step++) {
    if (url.href.startsWith(REDIRECT_URI)) return url;
    let response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.keep(response);
    if (response.status === 200 && url.pathname.startsWith('/interaction/')) {
      const prompt = /name="prompt" value="(\w+)"/.exec(await response.text())?.[1];
      const form: Record<string, string> = prompt === 'login' ? { prompt, login: subject, password: 'willekeurig' } : { prompt: 'consent' };
      response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });
      jar.keep(response);
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${url.href} with ${response.status}: ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error('the provider never sent the browser back');
}

const flowCookie = (response: LightMyRequestResponse) => {
  const cookie = response.cookies.find((c) => c.name === 'verenigd_oidc');
  if (!cookie) throw new Error('no OIDC flow cookie');
  return cookie;
};

/** Starts sign-in at the app; returns the provider address and the flow cookie to send back. */
async function startSignIn(query = '') {
  const start = await t.app.inject({ url: `/api/v1/session/oidc${query}` });
  expect(start.statusCode).toBe(302);
  const cookie = flowCookie(start);
  return { authorizationUrl: start.headers.location as string, cookie: `${cookie.name}=${cookie.value}` };
}

/** Returns to the app's callback the way the browser would, with the flow cookie. */
const callback = (url: URL, cookie: string) => t.app.inject({ url: `${url.pathname}${url.search}`, headers: { cookie } });

/** The whole round trip: app → provider login and consent → app callback. */
async function signIn(subject: string, query = '') {
  const { authorizationUrl, cookie } = await startSignIn(query);
  return callback(await signInAtProvider(authorizationUrl, subject), cookie);
}

const sessionCookie = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name === 'verenigd_session');

const auditRows = (action: string) =>
  t.database.db.selectFrom('audit_log').select(['actor_id', 'actor_label', 'entity_id', 'data']).where('action', '=', action).orderBy('id').execute();

describe(`OpenID Connect sign-in (${TEST_DB})`, () => {
  it('tells the sign-in page that OIDC is offered, with the button text', async () => {
    const response = await t.app.inject({ url: '/api/v1/session/oidc/config' });
    expect(response.json()).toEqual({ enabled: true, label: 'Inloggen met eHerkenning' });
  });

  it('reports an unreachable provider to the sign-in page and discovers it again on the next attempt', async () => {
    providerDown = true;
    const down = await t.app.inject({ url: '/api/v1/session/oidc' });
    providerDown = false;
    expect(down.statusCode).toBe(302);
    expect(down.headers.location).toBe('/inloggen?fout=oidc-mislukt');
    const up = await t.app.inject({ url: '/api/v1/session/oidc' });
    expect(up.statusCode).toBe(302);
    expect(new URL(up.headers.location as string).origin).toBe(issuer);
  });

  it('sends the browser to the provider with PKCE, state and nonce kept in a short-lived Lax cookie', async () => {
    const start = await t.app.inject({ url: '/api/v1/session/oidc?terug=/vergaderingen/1' });
    expect(start.statusCode).toBe(302);
    const location = new URL(start.headers.location as string);
    expect(location.origin).toBe(issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: CLIENT.client_id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    const cookie = flowCookie(start);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/session/oidc', maxAge: 600 });
    const flow = JSON.parse(cookie.value);
    expect(flow).toMatchObject({ state: location.searchParams.get('state'), nonce: location.searchParams.get('nonce'), terug: '/vergaderingen/1' });
  });

  it('refuses a return address on another site', async () => {
    for (const terug of ['//evil.example/x', '/\\evil.example', 'https://evil.example', '/\t/evil.example', '/a\nb']) {
      const response = await t.app.inject({ url: `/api/v1/session/oidc?terug=${encodeURIComponent(terug)}` });
      expect(response.statusCode).toBe(400);
    }
  });

  it('signs in a known person by verified e-mail, links the identity and returns to the requested page', async () => {
    const response = await signIn('sub-griffier', '?terug=/vergaderingen');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/vergaderingen');
    const session = sessionCookie(response);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(response.cookies.find((c) => c.name === 'verenigd_oidc')?.value).toBe('');

    const me = await t.app.inject({ url: '/api/v1/session', headers: { cookie: `verenigd_session=${session!.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().person).toMatchObject({ id: griffierId, email: 'griffier@gemeente.example' });

    const links = await t.database.db.selectFrom('oidc_identities').selectAll().execute();
    expect(links).toEqual([expect.objectContaining({ issuer, subject: 'sub-griffier', person_id: griffierId })]);
    expect(await auditRows('person.oidc-linked')).toEqual([expect.objectContaining({ entity_id: griffierId, data: { issuer, subject: 'sub-griffier' } })]);
    const logins = await auditRows('session.login');
    expect(logins.at(-1)).toMatchObject({ actor_id: griffierId, data: { method: 'oidc' } });
  });

  it('signs in through the link after the e-mail address changed on both sides', async () => {
    await t.database.db.updateTable('people').set({ email: 'griffie@vereniging.example' }).where('id', '=', griffierId).execute();
    accounts.set('sub-griffier', { email: 'g.riffier@nieuw.example', name: 'Griffier' });
    const response = await signIn('sub-griffier');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/');
    const me = await t.app.inject({ url: '/api/v1/session', headers: { cookie: `verenigd_session=${sessionCookie(response)!.value}` } });
    expect(me.json().person).toMatchObject({ id: griffierId, email: 'griffie@vereniging.example' });
    expect(await auditRows('person.oidc-linked')).toHaveLength(1);
  });

  it('does not create people: an unknown e-mail address gets no session', async () => {
    const response = await signIn('sub-onbekend');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/inloggen?fout=oidc-onbekend');
    expect(sessionCookie(response)).toBeUndefined();
    const failures = await auditRows('session.login-failed');
    expect(failures.at(-1)).toMatchObject({
      actor_id: null,
      actor_label: 'niemand@elders.example',
      data: { reason: 'oidc-unknown', issuer, subject: 'sub-onbekend', email: 'niemand@elders.example' },
    });
    const people = await t.database.db.selectFrom('people').select('email').execute();
    expect(people.map((p) => p.email)).not.toContain('niemand@elders.example');
  });

  it('turns away a disabled account without linking it', async () => {
    const response = await signIn('sub-geblokkeerd');
    expect(response.headers.location).toBe('/inloggen?fout=oidc-onbekend');
    expect(sessionCookie(response)).toBeUndefined();
    const links = await t.database.db.selectFrom('oidc_identities').select('subject').where('subject', '=', 'sub-geblokkeerd').execute();
    expect(links).toEqual([]);
    expect((await auditRows('session.login-failed')).at(-1)).toMatchObject({
      entity_id: blockedId,
      data: { reason: 'oidc-unknown', subject: 'sub-geblokkeerd' },
    });
  });

  it('refuses a callback whose state differs from the one in the cookie', async () => {
    const { authorizationUrl, cookie } = await startSignIn();
    const returned = await signInAtProvider(authorizationUrl, 'sub-griffier');
    const [name, value] = cookie.split(/=(.*)/s) as [string, string];
    const tampered = `${name}=${encodeURIComponent(JSON.stringify({ ...JSON.parse(decodeURIComponent(value)), state: 'een-andere-state' }))}`;
    const response = await callback(returned, tampered);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/inloggen?fout=oidc-mislukt');
    expect(sessionCookie(response)).toBeUndefined();
    expect((await auditRows('session.login-failed')).at(-1)).toMatchObject({ actor_label: 'anonymous', data: { reason: 'oidc-error', issuer } });
  });

  it('refuses a callback without the flow cookie, and an error sent back by the provider', async () => {
    const { authorizationUrl } = await startSignIn();
    const returned = await signInAtProvider(authorizationUrl, 'sub-griffier');
    expect((await callback(returned, '')).headers.location).toBe('/inloggen?fout=oidc-mislukt');

    const { authorizationUrl: again, cookie } = await startSignIn();
    const state = new URL(again).searchParams.get('state')!;
    const denied = new URL(`${REDIRECT_URI}?error=access_denied&state=${state}&iss=${encodeURIComponent(issuer)}`);
    const response = await callback(denied, cookie);
    expect(response.headers.location).toBe('/inloggen?fout=oidc-mislukt');
    expect((await auditRows('session.login-failed')).at(-1)).toMatchObject({ data: { reason: 'oidc-error', error: 'access_denied' } });
  });
});

describe(`OpenID Connect sign-in when not configured (${TEST_DB})`, () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await createTestApp({ profileFrom: null });
  });
  afterAll(() => plain?.close());

  it('is not offered and answers 404 problem+json', async () => {
    expect((await plain.app.inject({ url: '/api/v1/session/oidc/config' })).json()).toMatchObject({ enabled: false });
    for (const url of ['/api/v1/session/oidc', '/api/v1/session/oidc/callback?code=x&state=y']) {
      const response = await plain.app.inject({ url });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 404, type: '/problems/oidc-disabled' });
    }
  });
});
