import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import { Type, type Static } from 'typebox';
import Value from 'typebox/value';
import { recordAudit, type Actor } from '../audit.js';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { Problem, text } from '../errors.js';
import { ProblemSchema } from '../http/schemas.js';
import { createSession, SESSION_COOKIE, sessionLimitsOf } from './sessions.js';

/** Holds PKCE verifier, state and nonce between the redirect to the provider and the callback. */
const FLOW_COOKIE = 'verenigd_oidc';
const FLOW_MINUTES = 10;
const SCOPE = 'openid email profile';

/** Where the web app's sign-in page shows what went wrong. */
const UNKNOWN_PERSON = '/inloggen?fout=oidc-onbekend';
const FAILED = '/inloggen?fout=oidc-mislukt';

// A local path only: "//host", "/\host" and "/<tab>/host" (browsers drop tabs) would lead to another
// site after sign-in, so only the characters of a plain URL path and query are allowed.
const LocalPath = Type.String({ pattern: "^/(?![/\\\\])[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]*$", maxLength: 1000 });

const Flow = Type.Object({
  verifier: Type.String(),
  state: Type.String(),
  nonce: Type.String(),
  terug: Type.Optional(LocalPath),
});
type Flow = Static<typeof Flow>;

const OidcConfig = Type.Object({
  enabled: Type.Boolean({ description: 'Whether the sign-in page offers OpenID Connect' }),
  label: Type.String({ description: 'Text for the sign-in button' }),
});

const REDIRECT = { type: 'null', description: 'Redirect (Location header)' } as const;

interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** What the provider vouches for about the person who signed in. */
interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
}

interface KnownPerson {
  id: string;
  email: string;
  disabled_at: Date | null;
}

export async function oidcRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const settings = oidcSettings(app.config);
  const provider = settings ? cachedDiscovery(settings) : undefined;
  const flowPath = `${app.prefix}/session/oidc`;
  const redirectUri = `${publicUrl(app.config)}${flowPath}/callback`;

  app.get(
    '/session/oidc/config',
    { schema: { tags: ['session'], summary: 'Whether OpenID Connect sign-in is offered, and its button text', response: { 200: OidcConfig } } },
    async () => ({ enabled: !!settings, label: app.config.OIDC_LABEL }),
  );

  app.get(
    '/session/oidc',
    {
      schema: {
        tags: ['session'],
        summary: 'Start signing in with OpenID Connect',
        description:
          'A browser navigation: redirects to the provider, which returns to /session/oidc/callback. ' +
          'When the provider cannot be reached it redirects to /inloggen?fout=oidc-mislukt.',
        querystring: Type.Object({ terug: Type.Optional({ ...LocalPath, description: 'Local path to return to after sign-in' }) }),
        response: { 302: REDIRECT, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!provider) throw oidcDisabled();
      let configuration: client.Configuration;
      try {
        configuration = await provider();
      } catch (error) {
        request.log.warn({ err: error }, 'OIDC discovery failed');
        return reply.redirect(FAILED, 302);
      }
      const flow: Flow = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
      if (request.query.terug) flow.terug = request.query.terug;
      const authorizationUrl = client.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri,
        scope: SCOPE,
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      // Lax, not Strict: the provider sends the browser back with a cross-site top-level navigation.
      reply.setCookie(FLOW_COOKIE, JSON.stringify(flow), {
        path: flowPath,
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.COOKIE_SECURE,
        maxAge: FLOW_MINUTES * 60,
      });
      return reply.redirect(authorizationUrl.href, 302);
    },
  );

  app.get(
    '/session/oidc/callback',
    {
      schema: {
        tags: ['session'],
        summary: 'Where the OpenID Connect provider returns after sign-in',
        description:
          'Redirects to the requested page with a session cookie; to /inloggen?fout=oidc-onbekend when no active person has this identity ' +
          'or verified e-mail address (people are invited, never created by sign-in); to /inloggen?fout=oidc-mislukt on any protocol error.',
        response: { 302: REDIRECT, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!provider || !settings) throw oidcDisabled();
      const flow = readFlow(request.cookies[FLOW_COOKIE]);
      reply.clearCookie(FLOW_COOKIE, { path: flowPath });

      let identity: ProviderIdentity;
      try {
        if (!flow) throw new Error('no sign-in in progress: the flow cookie is missing, expired or malformed');
        identity = await identify(await provider(), new URL(`${publicUrl(app.config)}${request.url}`), flow);
      } catch (error) {
        request.log.warn({ err: error }, 'OIDC sign-in failed');
        await recordAudit(
          app.db,
          { id: null, label: 'anonymous' },
          {
            action: 'session.login-failed',
            entityType: 'person',
            data: { reason: 'oidc-error', issuer: settings.issuer, ip: request.ip, error: describe(error) },
          },
        );
        return reply.redirect(FAILED, 302);
      }

      const person = await findPerson(app.db, identity);
      if (!person || person.disabled_at) {
        await recordAudit(
          app.db,
          { id: null, label: identity.email ?? identity.subject },
          {
            action: 'session.login-failed',
            entityType: 'person',
            entityId: person?.id ?? null,
            data: { reason: 'oidc-unknown', issuer: identity.issuer, subject: identity.subject, email: identity.email ?? null, ip: request.ip },
          },
        );
        return reply.redirect(UNKNOWN_PERSON, 302);
      }
      await openSession(app, request, reply, person);
      return reply.redirect(flow?.terug ?? '/', 302);
    },
  );
}

/** OIDC is offered only when issuer, client id and secret are all configured. */
function oidcSettings(config: Config): OidcSettings | undefined {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = config;
  return issuer && clientId && clientSecret ? { issuer, clientId, clientSecret } : undefined;
}

const publicUrl = (config: Config) => config.PUBLIC_URL.replace(/\/$/, '');

/**
 * Discovers the provider on first use and keeps the result for the life of the app; a failed
 * discovery is forgotten so the next sign-in tries again instead of staying broken until a restart.
 */
function cachedDiscovery(settings: OidcSettings): () => Promise<client.Configuration> {
  let pending: Promise<client.Configuration> | undefined;
  return () => {
    pending ??= discover(settings).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

function discover(settings: OidcSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  // Plain http only ever points at a local or test provider; openid-client refuses it unless told.
  const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
  return client.discovery(issuer, settings.clientId, settings.clientSecret, undefined, { execute, timeout: 10 });
}

function readFlow(cookie: string | undefined): Flow | undefined {
  if (!cookie) return undefined;
  try {
    const flow: unknown = JSON.parse(cookie);
    return Value.Check(Flow, flow) ? flow : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Redeems the authorization code (checking state, nonce and PKCE) and reads who signed in.
 * Many providers put e-mail claims only in the userinfo response when an access token is
 * issued, so that is asked when the ID token lacks them.
 */
async function identify(configuration: client.Configuration, currentUrl: URL, flow: Flow): Promise<ProviderIdentity> {
  const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider returned no ID token');
  let { email, email_verified: emailVerified } = claims;
  if (typeof email !== 'string' && configuration.serverMetadata().userinfo_endpoint) {
    const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    ({ email, email_verified: emailVerified } = userInfo);
  }
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof email === 'string' && email.length > 0 ? email : undefined,
    // Absent counts as verified (not every provider sends it); some providers send the string "false".
    // Linking by e-mail trusts the address, so only an address the provider says it verified counts.
    emailVerified: emailVerified === true || emailVerified === 'true',
  };
}

/**
 * The person an identity belongs to: the one it was linked to before, else the person with
 * the same verified e-mail address, who is then linked so later e-mail changes do not matter.
 */
async function findPerson(db: Kysely<Database>, identity: ProviderIdentity): Promise<KnownPerson | undefined> {
  const linked = await db
    .selectFrom('oidc_identities')
    .innerJoin('people', 'people.id', 'oidc_identities.person_id')
    .select(['people.id', 'people.email', 'people.disabled_at'])
    .where('oidc_identities.issuer', '=', identity.issuer)
    .where('oidc_identities.subject', '=', identity.subject)
    .executeTakeFirst();
  if (linked) return linked;
  if (!identity.email || !identity.emailVerified) return undefined;

  const byEmail = await db
    .selectFrom('people')
    .select(['id', 'email', 'disabled_at'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', identity.email!.toLowerCase()))
    .executeTakeFirst();
  if (!byEmail || byEmail.disabled_at) return byEmail;
  // A person linked to another subject of this provider is not taken over by whoever now holds the address.
  if (await hasIdentityAt(db, byEmail.id, identity.issuer)) return undefined;
  await linkIdentity(db, byEmail, identity);
  return byEmail;
}

async function hasIdentityAt(db: Kysely<Database>, personId: string, issuer: string): Promise<boolean> {
  const row = await db.selectFrom('oidc_identities').select('subject').where('person_id', '=', personId).where('issuer', '=', issuer).executeTakeFirst();
  return !!row;
}

async function linkIdentity(db: Kysely<Database>, person: KnownPerson, identity: ProviderIdentity): Promise<void> {
  await inTransaction(db, async (trx) => {
    // Two callbacks racing for the same identity link it once.
    const result = await trx
      .insertInto('oidc_identities')
      .values({ issuer: identity.issuer, subject: identity.subject, person_id: person.id })
      .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await recordAudit(trx, actorFor(person), {
      action: 'person.oidc-linked',
      entityType: 'person',
      entityId: person.id,
      data: { issuer: identity.issuer, subject: identity.subject },
    });
  });
}

/** Opens a session and sets the same cookie as password sign-in does. */
async function openSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, person: KnownPerson): Promise<void> {
  const session = await createSession(app.db, person.id, sessionLimitsOf(app.config));
  await recordAudit(app.db, actorFor(person), { action: 'session.login', entityType: 'person', entityId: person.id, data: { method: 'oidc', ip: request.ip } });
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: app.config.COOKIE_SECURE,
    expires: session.expiresAt,
  });
}

const actorFor = (person: KnownPerson): Actor => ({ id: person.id, label: person.email });

/** A short, log-safe reason for the audit trail: the OAuth error code when there is one. */
function describe(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) return error.error;
  if (error instanceof Error) return ('code' in error && typeof error.code === 'string' ? `${error.code}: ` : '') + error.message.slice(0, 200);
  return 'unknown';
}

const oidcDisabled = () =>
  new Problem(
    404,
    'oidc-disabled',
    text('OIDC-inloggen staat uit', 'OIDC sign-in is off'),
    text(
      'Inloggen via OpenID Connect is niet ingesteld; log in met e-mailadres en wachtwoord.',
      'Sign-in with OpenID Connect is not configured; sign in with e-mail address and password.',
    ),
  );
