import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { appointCommittees } from '../support/procedure.js';
import {
  acceptedBy,
  badPathValue,
  databaseDigest,
  encodeSegment,
  hugeString,
  malformedJson,
  objectSchemaOf,
  operationsOf,
  parsedQuery,
  problemOf,
  propertyPaths,
  queryString,
  sampleOf,
  unboundedFields,
  unparsedContentType,
  withAt,
  wrongValue,
  type Method,
  type Operation,
  type ProblemCheck,
} from '../support/bad-input.js';

/**
 * The bad-input campaign (issue 6): every operation of the OpenAPI document gets malformed,
 * oversized, wrongly typed and out-of-order requests, generated with fast-check from the route's
 * own schemas. Each must be answered with an application/problem+json 4xx (in Dutch on request),
 * none may change the database, and the server must keep answering.
 *
 * Only input the route's schema refuses is sent to routes that write (an AJV oracle with the
 * server's options decides), so "nothing changes" is a fair demand. Reads also get hostile input
 * the schema may accept; there the demand is "no 5xx, and errors are problems".
 *
 * FC_SEED and FC_RUNS reproduce or deepen a run: FC_SEED=123 FC_RUNS=200 npx vitest run …
 */

const RUNS = Number(process.env.FC_RUNS ?? 8);
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const settings = (numRuns = RUNS) => ({ numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });

// An event stream never ends (the events tests cover them); the docs and openapi.json are not in the document.
const isStream = (op: Operation) => op.method === 'GET' && op.path.endsWith('/events');

// Built while the tests are collected, so each operation of its OpenAPI document gets a test of its own.
const t: TestApp = await createTestApp();
const operations: Operation[] = operationsOf(t.app.swagger()).filter((op) => !isStream(op));
let admin: AuthHeaders;
let utrecht: SignedIn;
let ids: Awaited<ReturnType<typeof setUp>>;
let before: Record<string, string>;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

async function ok(method: Method, url: string, headers: AuthHeaders, payload?: object) {
  const response = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}

/** Records in every state the out-of-order requests need; returns their ids. */
async function setUp() {
  const m = await withFiveMembers(t);
  admin = await t.signIn('admin');
  utrecht = await t.signInPerson({ representativeOf: m.Utrecht, name: 'Burgemeester Utrecht' });
  const middelburg = await t.signInPerson({ representativeOf: m.Middelburg, name: 'Burgemeester Middelburg' });

  // A meeting being prepared, with the template's agenda and a motion.
  const preparing = (await ok('POST', '/meetings', admin, { kind: 'alv', title: 'ALV in voorbereiding', date: '2024-06-12' })).id;
  const agenda = (await ok('GET', `/meetings/${preparing}/agenda-items`, admin)).items as { id: string; kind: string }[];
  const item = (
    await ok('POST', `/meetings/${preparing}/agenda-items`, admin, {
      title: 'Jaarrekening',
      purpose: 'decision',
      decisionText: 'De ALV stelt de jaarrekening vast.',
    })
  ).id;
  const motion = (
    await ok('POST', '/motions', admin, {
      meetingId: preparing,
      agendaItemId: item,
      title: 'Motie',
      memberIds: [m.Utrecht],
      request: 'Verzoekt het bestuur iets.',
    })
  ).id;
  // A meeting in session: Utrecht present, Middelburg checked out, a decided poll, a cancelled one and an open one.
  const live = (await ok('POST', '/meetings', admin, { kind: 'alv', title: 'ALV in vergadering', date: '2024-06-12' })).id;
  const proposal = (
    await ok('POST', `/meetings/${live}/agenda-items`, admin, { title: 'Begroting', purpose: 'decision', decisionText: 'De ALV stelt de begroting vast.' })
  ).id;
  await ok('POST', `/meetings/${live}/open`, admin);
  await appointCommittees(t, live, { staff: admin, chair: admin });
  await ok('POST', `/meetings/${live}/check-ins`, utrecht.headers, { memberId: m.Utrecht });
  const checkedOut = (await ok('POST', `/meetings/${live}/check-ins`, middelburg.headers, { memberId: m.Middelburg })).id;
  await ok('POST', `/meetings/${live}/check-ins/${checkedOut}/check-out`, admin);
  const decided = (await ok('POST', '/polls', admin, { meetingId: live, subject: { type: 'agenda-item', id: proposal } })).id;
  const receipt = (await ok('POST', `/polls/${decided}/ballots`, utrecht.headers, { memberId: m.Utrecht, option: 'for', clientBallotId: randomUUID() }))
    .receipt;
  await ok('POST', `/polls/${decided}/close`, admin);
  const cancelled = (await ok('POST', '/polls', admin, { meetingId: live, subject: { type: 'trial' } })).id;
  await ok('POST', `/polls/${cancelled}/cancel`, admin);
  const open = (await ok('POST', '/polls', admin, { meetingId: live, subject: { type: 'trial' } })).id;
  const decision = await t.database.db.selectFrom('decisions').select('id').where('poll_id', '=', decided).executeTakeFirstOrThrow();
  // A meeting that has been held.
  const closed = (await ok('POST', '/meetings', admin, { kind: 'balv', title: 'BALV gehouden', date: '2024-03-01' })).id;
  const closedItem = (await ok('GET', `/meetings/${closed}/agenda-items`, admin)).items[0].id as string;
  await ok('POST', `/meetings/${closed}/open`, admin);
  await ok('POST', `/meetings/${closed}/close`, admin);

  const office = await t.database.db.selectFrom('offices').select('id').where('person_id', '=', utrecht.personId).executeTakeFirstOrThrow();
  const designation = await t.database.db.selectFrom('designations').select('id').where('office_id', '=', office.id).executeTakeFirstOrThrow();
  return {
    member: m.Utrecht,
    otherMember: m.Middelburg,
    person: utrecht.personId,
    office: office.id,
    designation: designation.id,
    preparing,
    firstItem: agenda[0]!.id,
    item,
    motion,
    live,
    proposal,
    checkedOut,
    decided,
    receipt,
    cancelled,
    open,
    decision: decision.id,
    closed,
    closedItem,
    middelburg: m.Middelburg,
    middelburgRep: middelburg.personId,
  };
}

beforeAll(async () => {
  ids = await setUp();
  before = await databaseDigest(t.database.db);
}, 180_000);
afterAll(() => t.close());

/** The real resource each path leads to, so bad input meets existing records. */
function urlOf(op: Operation, override: Record<string, string> = {}): string {
  const resource = op.path.split('/')[3] ?? '';
  const id =
    {
      members: ids.member,
      people: ids.person,
      offices: ids.office,
      designations: ids.designation,
      meetings: op.path.includes('/check-ins/') ? ids.live : ids.preparing,
      'agenda-items': ids.item,
      motions: ids.motion,
      polls: ids.open,
      decisions: ids.decision,
    }[resource] ?? UNKNOWN;
  const childId = op.path.includes('/check-ins/') ? ids.checkedOut : UNKNOWN;
  const values: Record<string, string> = { id, childId, version: '1', receipt: ids.receipt, ...override };
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? UNKNOWN);
}

type Auth = 'admin' | 'anonymous' | 'wrong-csrf' | 'unknown-token';
const authArb = fc.constantFrom<Auth>('admin', 'admin', 'admin', 'anonymous', 'wrong-csrf', 'unknown-token');
const langArb = fc.constantFrom<'nl' | 'en' | undefined>('nl', 'en', undefined);

function authHeaders(auth: Auth): Record<string, string> {
  switch (auth) {
    case 'admin':
      return admin;
    case 'anonymous':
      return {};
    case 'wrong-csrf':
      return { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(admin['x-csrf-token'].length) };
    case 'unknown-token':
      return { authorization: `Bearer vrd_${'0'.repeat(40)}` };
  }
}

interface BadRequest {
  what: string;
  url: string;
  contentType?: string;
  payload?: string | Buffer;
}

async function send(method: Method, request: BadRequest, auth: Auth, lang: 'nl' | 'en' | undefined): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...authHeaders(auth) };
  if (lang) headers['accept-language'] = lang;
  if (request.contentType) headers['content-type'] = request.contentType;
  const options: InjectOptions = { method, url: request.url, headers, ...(request.payload === undefined ? {} : { payload: request.payload }) };
  return t.app.inject(options);
}

/**
 * Sends input the route must refuse and checks the refusal: a 4xx problem; in Dutch when asked
 * (compared with the same request in English: the same problem, other words).
 */
async function expectRefused(op: Operation, request: BadRequest, auth: Auth, lang: 'nl' | 'en' | undefined) {
  const what = `${op.key} ${request.what} [${auth}, ${lang ?? 'no language'}] ${request.url.slice(0, 200)}`;
  const response = await send(op.method, request, auth, lang);
  tally(`${request.what.split(/[:[{]/)[0]!.trim()} → ${response.statusCode}`);
  const problem = problemOf(response, what);
  if (lang === 'nl') {
    const english = await send(op.method, request, auth, 'en');
    if (english.statusCode === response.statusCode) {
      const en = problemOf(english, `${what} (in English)`);
      expect(en.type, what).toBe(problem.type);
      expect(problem.detail, `${what}: the detail is not in Dutch`).not.toBe(en.detail);
    }
  }
  return response;
}

/** With BAD_INPUT_STATS set, a summary of what was sent and answered is printed at the end. */
const stats = new Map<string, number>();
const tally = (key: string) => stats.set(key, (stats.get(key) ?? 0) + 1);
afterAll(() => {
  if (process.env.BAD_INPUT_STATS)
    console.log(
      [...stats]
        .sort()
        .map(([key, n]) => `${String(n).padStart(6)}  ${key}`)
        .join('\n'),
    );
});

const isWrite = (op: Operation) => op.method !== 'GET';
const takesJson = (op: Operation) => !!op.body;
/** Uploads are read in the handler (multipart, CSV), so the document states no body schema for them. */
const UPLOADS = new Set(['POST /api/v1/imports/population', 'POST /api/v1/agenda-items/{id}/papers', 'POST /api/v1/papers/{id}/versions']);
const uploads = (op: Operation) => op.consumes.length > 0 || UPLOADS.has(op.key);

/** The kinds of bad input a route gets, as generators of requests it must refuse. */
function badRequests(op: Operation): fc.Arbitrary<BadRequest>[] {
  const url = urlOf(op);
  const kinds: fc.Arbitrary<BadRequest>[] = [];

  // Invalid path parameters, one at a time, the others real.
  for (const param of op.pathParams) {
    kinds.push(
      badPathValue
        .filter((value) => !acceptedBy(param.schema, value))
        .map((value) => ({ what: `bad path parameter ${param.name}`, url: urlOf(op, { [param.name]: encodeSegment(value) }) })),
    );
  }

  // Invalid query parameters.
  if (op.query.length) {
    const schema = objectSchemaOf(op.query);
    const names = op.query.map((p) => p.name);
    const value = fc.oneof(
      wrongValue,
      hugeString.map((s) => s.slice(0, 10_000)),
      fc.array(fc.string(), { minLength: 2, maxLength: 3 }),
    );
    kinds.push(
      fc
        .dictionary(fc.constantFrom(...names), value, { minKeys: 1, maxKeys: 3 })
        .filter((query) => !acceptedBy(schema, parsedQuery(queryString(query))))
        .map((query) => ({ what: `bad query ${JSON.stringify(query).slice(0, 80)}`, url: `${url}${queryString(query)}` })),
    );
  }
  if (!isWrite(op)) return kinds;

  // Text that claims to be JSON and is not; content types nothing parses.
  kinds.push(malformedJson(op.body ? sampleOf(op.body) : {}).map((payload) => ({ what: 'malformed JSON', url, contentType: 'application/json', payload })));
  kinds.push(fc.tuple(unparsedContentType, fc.string()).map(([contentType, payload]) => ({ what: `content type ${contentType}`, url, contentType, payload })));

  if (takesJson(op)) {
    const schema = op.body!;
    const base = sampleOf(schema);
    const json = (what: string) => (value: unknown) => ({
      what: `${what}: ${JSON.stringify(value)?.slice(0, 120)}`,
      url,
      contentType: 'application/json',
      payload: JSON.stringify(value),
    });
    const refused = (value: unknown) => !acceptedBy(schema, value);
    // A body of the wrong type altogether.
    kinds.push(
      fc
        .oneof(
          fc.array(fc.jsonValue(), { maxLength: 3 }),
          fc.integer(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.string(),
          fc.constant(null),
          fc.boolean(),
        )
        .filter(refused)
        .map(json('body of the wrong type')),
    );
    // The right shape with one field wrong, missing or extra.
    const paths = propertyPaths(schema);
    if (paths.length) {
      const field = fc.constantFrom(...paths);
      kinds.push(
        fc
          .oneof(
            fc.tuple(field, wrongValue).map(([{ path }, value]) => withAt(base, path, value)),
            field.map(({ path }) => withAt(base, path, undefined, true)),
            fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), wrongValue).map(([name, value]) => ({ ...(base as object), [name]: value })),
            fc
              .tuple(field, fc.array(wrongValue, { minLength: 1, maxLength: 3 }))
              .map(([{ path }, values]) =>
                values.reduce((body, value, i) => withAt(body, [...path.slice(0, -1), `${String(path.at(-1))}${i ? i : ''}`], value), base),
              ),
          )
          .filter(refused)
          .map(json('field wrong, missing or extra')),
      );
      // An oversized string (100k+ characters) in a string field.
      const strings = paths.filter(({ schema: s }) => s.type === 'string' || (s.anyOf as { type?: string }[] | undefined)?.some((b) => b.type === 'string'));
      if (strings.length) {
        kinds.push(
          fc
            .tuple(fc.constantFrom(...strings), hugeString)
            .map(([{ path }, text]) => withAt(base, path, text))
            .filter(refused)
            .map((value) => ({ what: 'oversized string', url, contentType: 'application/json', payload: JSON.stringify(value) })),
        );
      }
    }
  }

  if (uploads(op)) {
    // Broken multipart bodies: no boundary, a boundary never used, a part cut off.
    kinds.push(
      fc
        .constantFrom(
          { contentType: 'multipart/form-data', payload: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--x--\r\n' },
          { contentType: 'multipart/form-data; boundary=x', payload: 'no parts here' },
          { contentType: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc' },
          { contentType: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n' },
          { contentType: 'multipart/form-data; boundary=x', payload: '--x\r\nno headers\r\n\r\n--x--\r\n' },
          { contentType: 'multipart/form-data; boundary=x', payload: '--x--\r\n' },
        )
        .map((body) => ({ what: `broken multipart ${JSON.stringify(body.payload).slice(0, 40)}`, url, ...body })),
    );
  }
  return kinds;
}

/**
 * Reads get hostile input their schema may accept: unknown and repeated parameters, NUL bytes,
 * long and odd text, strange headers. No 5xx; a refusal is a problem.
 */
async function hostileReads(op: Operation) {
  const names = fc.oneof(
    fc.constantFrom(...op.query.map((p) => p.name), 'q', 'limit', 'asOf', '__proto__', 'constructor'),
    fc.string({ minLength: 1, maxLength: 10 }),
  );
  const value = fc.oneof(
    wrongValue,
    fc.constantFrom('\u0000', 'a\u0000b', '%', '\uD800', '\uFFFF', 'x'.repeat(5000), '2024-06-12', '1', '-0'),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );
  const headers = fc.record(
    {
      accept: fc.constantFrom('text/csv', 'application/xml', '*/*;q=abc', '', 'application/problem+json', 'image/*'),
      'accept-language': fc.constantFrom('nl', 'nl-NL,nl;q=0.9', 'en;q=0', 'xx', '*', ';;;', 'nl;q=abc', 'ﬀ'.repeat(100)),
      'if-none-match': fc.constantFrom('*', '"x"', 'W/"', ''),
      range: fc.constantFrom('bytes=0-0', 'bytes=-1', 'bytes=abc'),
    },
    { requiredKeys: [] },
  );
  await fc.assert(
    fc.asyncProperty(fc.dictionary(names, value, { maxKeys: 4 }), headers, authArb, async (query, extra, auth) => {
      const url = `${urlOf(op)}${queryString(query)}`;
      const response = await t.app.inject({ method: 'GET', url, headers: { ...authHeaders(auth), ...extra } });
      tally(`hostile read → ${response.statusCode}`);
      const what = `${op.key} hostile read [${auth}] ${url.slice(0, 200)} ${JSON.stringify(extra)}`;
      expect(response.statusCode, `${what}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      if (response.statusCode >= 400) problemOf(response, what);
    }),
    settings(RUNS),
  );
}

/** Fields still without an upper bound, in code this campaign may not change (see the report of issue 6). */
const KNOWN_UNBOUNDED: string[] = [];

/** An 11 MB body, over every limit (1 MB for JSON, 10 MB for files). */
const OVER_LIMIT = Buffer.alloc(11 * 1024 * 1024, 'a');
/** A well-formed upload of an 11 MB file. */
const FILE_OVER_LIMIT = Buffer.concat([
  Buffer.from('--x\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n'),
  OVER_LIMIT,
  Buffer.from('\r\n--x--\r\n'),
]);

describe(`bad input to every operation (${TEST_DB})`, () => {
  it('covers the documented operations', () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((op) => op.body).length).toBeGreaterThan(30);
  });

  // Oversized input is refused by the schema only where the schema bounds it.
  it('bounds every string and list a client sends', () => {
    const unbounded = operations.flatMap((op) => [
      ...unboundedFields(op.body, `${op.key} body`),
      ...op.query.flatMap((p) => unboundedFields(p.schema, `${op.key} query.${p.name}`)),
    ]);
    expect(unbounded).toEqual(KNOWN_UNBOUNDED);
  });

  // One test per operation, so a failure or a hang names the route.
  for (const op of operations)
    it(op.key, async () => {
      const kinds = badRequests(op);
      if (kinds.length === 0) return hostileReads(op);
      // First, before any rate limit of the route (ballots, responses) has been used up.
      if (isWrite(op)) {
        const overLimit = [
          { contentType: 'application/json', payload: OVER_LIMIT },
          ...(uploads(op) ? [{ contentType: 'multipart/form-data; boundary=x', payload: FILE_OVER_LIMIT }] : []),
        ];
        for (const body of overLimit) {
          const response = await expectRefused(op, { what: 'body over the limit', url: urlOf(op), ...body }, 'admin', 'nl');
          expect(response.statusCode, `${op.key} ${body.contentType}`).toBe(413);
        }
      }
      await fc.assert(
        fc.asyncProperty(fc.oneof(...kinds), authArb, langArb, async (request, auth, lang) => {
          await expectRefused(op, request, auth, lang);
        }),
        settings(RUNS * Math.min(kinds.length, 4)),
      );
      if (op.method === 'GET') await hostileReads(op);
      expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
    });
});

describe(`requests the router refuses (${TEST_DB})`, () => {
  it('answers an undecodable %-escape or an over-long path parameter with a problem', async () => {
    for (const url of [
      `/api/v1/members/%E0%A4%A`,
      '/api/v1/meetings/%/attendance',
      `/api/v1/members/${'a'.repeat(101)}`,
      `/api/v1/polls/${'9'.repeat(5000)}/close`,
    ]) {
      const response = await t.app.inject({ method: url.endsWith('close') ? 'POST' : 'GET', url, headers: { ...admin, 'accept-language': 'nl' } });
      problemOf(response, url);
    }
  });

  // Every item is wrong, and AJV (allErrors) reports each: the answer names only the first 50.
  it('answers a body of 300,000 wrong items (just under the 1 MB limit) with a problem naming at most 50 of them', async () => {
    const items = Array.from({ length: 300_000 }, () => '{}').join(',');
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/members/${ids.member}/networks`,
      headers: { ...admin, 'content-type': 'application/json' },
      payload: `{"networks":[${items}],"effectiveDate":"2024-06-12"}`,
    });
    const problem = problemOf(response, '300,000 items') as ProblemCheck & { errors: unknown[] };
    expect(problem.errors).toHaveLength(50);
    expect(response.body.length).toBeLessThan(20_000);
  });
});

describe(`text with a NUL character, which PostgreSQL cannot store (${TEST_DB})`, () => {
  const NUL = 'a\u0000b';
  const searchable = operations.filter((op) => op.method === 'GET' && op.query.some((p) => p.schema.type === 'string' && !p.schema.format && !p.schema.enum));
  it.each(searchable.map((op) => [op.key, op] as const))('%s: a NUL in a query parameter is no server error', async (_, op) => {
    const query = Object.fromEntries(op.query.filter((p) => p.schema.type === 'string' && !p.schema.format && !p.schema.enum).map((p) => [p.name, NUL]));
    const response = await t.app.inject({ url: `${urlOf(op)}${queryString(query)}`, headers: admin });
    expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
    if (response.statusCode >= 400) problemOf(response, op.key);
  });

  const writes: [string, Method, () => string, () => object][] = [
    ['a meeting title', 'POST', () => '/meetings', () => ({ kind: 'alv', title: NUL, date: '2024-06-12' })],
    ['a changed meeting location', 'PATCH', () => `/meetings/${ids.preparing}`, () => ({ location: NUL })],
    ['an agenda item', 'POST', () => `/meetings/${ids.preparing}/agenda-items`, () => ({ title: NUL, purpose: 'decision' })],
    ["a person's name", 'POST', () => '/people', () => ({ name: NUL, email: 'nul@example.org' })],
    ['a changed name', 'PATCH', () => `/people/${ids.person}`, () => ({ name: NUL })],
    ['a motion', 'POST', () => '/motions', () => ({ meetingId: ids.preparing, agendaItemId: ids.item, title: 'Motie', memberIds: [ids.member], request: NUL })],
    ['minutes', 'POST', () => `/meetings/${ids.preparing}/minutes/versions`, () => ({ body: NUL })],
  ];
  it.each(writes)('refuses %s with a NUL character as a 400 problem', async (_, method, url, payload) => {
    const response = await t.app.inject({ method, url: `/api/v1${url()}`, headers: { ...admin, 'accept-language': 'nl' }, payload: payload() });
    expect(problemOf(response, url())).toMatchObject({ status: 400, type: '/problems/invalid-characters', title: 'Ongeldige tekens' });
  });
});

describe(`requests out of order (${TEST_DB})`, () => {
  type Step = { name: string; method: Method; url: () => string; by?: () => Record<string, string>; payload?: () => object; status: number };
  const steps: Step[] = [
    // A meeting being prepared has not started.
    { name: 'close a meeting that never opened', method: 'POST', url: () => `/meetings/${ids.preparing}/close`, status: 409 },
    {
      name: 'open an item before the meeting',
      method: 'PUT',
      url: () => `/meetings/${ids.preparing}/current-item`,
      payload: () => ({ itemId: ids.firstItem }),
      status: 409,
    },
    {
      name: 'give the floor before the meeting',
      method: 'POST',
      url: () => `/agenda-items/${ids.item}/speakers`,
      payload: () => ({ round: 1, name: 'Spreker' }),
      status: 409,
    },
    {
      name: 'decide before the meeting',
      method: 'POST',
      url: () => `/meetings/${ids.preparing}/decisions`,
      payload: () => ({ subjects: [{ type: 'agenda-item', id: ids.item }], outcome: 'adopted', method: 'acclamation' }),
      status: 409,
    },
    {
      name: 'vote before the meeting',
      method: 'POST',
      url: () => '/polls',
      payload: () => ({ meetingId: ids.preparing, subject: { type: 'trial' } }),
      status: 409,
    },
    { name: 'review minutes that do not exist', method: 'POST', url: () => `/meetings/${ids.preparing}/minutes/faithful`, status: 409 },
    // A meeting in session.
    { name: 'open a meeting twice', method: 'POST', url: () => `/meetings/${ids.live}/open`, status: 409 },
    { name: 'convene a meeting that is in session', method: 'POST', url: () => `/meetings/${ids.live}/convocation`, status: 409 },
    { name: 'check out twice', method: 'POST', url: () => `/meetings/${ids.live}/check-ins/${ids.checkedOut}/check-out`, status: 409 },
    { name: 'check out before checking in', method: 'POST', url: () => `/meetings/${ids.live}/check-ins/${UNKNOWN}/check-out`, status: 404 },
    { name: 'revoke a proxy never given', method: 'POST', url: () => `/meetings/${ids.live}/proxies/${UNKNOWN}/revoke`, status: 404 },
    {
      name: 'open a second poll while one is open',
      method: 'POST',
      url: () => '/polls',
      payload: () => ({ meetingId: ids.live, subject: { type: 'trial' } }),
      status: 409,
    },
    {
      name: 'decide again on a decided item',
      method: 'POST',
      url: () => `/meetings/${ids.live}/decisions`,
      payload: () => ({ subjects: [{ type: 'agenda-item', id: ids.proposal }], outcome: 'adopted', method: 'acclamation' }),
      status: 409,
    },
    { name: 'read per-member votes of an open poll', method: 'GET', url: () => `/polls/${ids.open}/votes`, status: 409 },
    // Polls that have ended.
    { name: 'close a closed poll', method: 'POST', url: () => `/polls/${ids.decided}/close`, status: 409 },
    { name: 'cancel a closed poll', method: 'POST', url: () => `/polls/${ids.decided}/cancel`, status: 409 },
    { name: 'close a cancelled poll', method: 'POST', url: () => `/polls/${ids.cancelled}/close`, status: 409 },
    { name: 'revote a poll that decided', method: 'POST', url: () => `/polls/${ids.decided}/reopen`, status: 409 },
    {
      name: 'vote on a closed poll',
      method: 'POST',
      url: () => `/polls/${ids.decided}/ballots`,
      by: () => utrecht.headers,
      payload: () => ({ memberId: ids.member, option: 'against', clientBallotId: randomUUID() }),
      status: 409,
    },
    {
      name: 'vote on a cancelled poll',
      method: 'POST',
      url: () => `/polls/${ids.cancelled}/ballots`,
      by: () => utrecht.headers,
      payload: () => ({ memberId: ids.member, option: 'for', clientBallotId: randomUUID() }),
      status: 409,
    },
    // A meeting that has been held.
    { name: 'reopen a closed meeting', method: 'POST', url: () => `/meetings/${ids.closed}/open`, status: 409 },
    { name: 'close a closed meeting', method: 'POST', url: () => `/meetings/${ids.closed}/close`, status: 409 },
    {
      name: 'open an item after the meeting',
      method: 'PUT',
      url: () => `/meetings/${ids.closed}/current-item`,
      payload: () => ({ itemId: ids.closedItem }),
      status: 409,
    },
    {
      name: 'vote after the meeting',
      method: 'POST',
      url: () => '/polls',
      payload: () => ({ meetingId: ids.closed, subject: { type: 'trial' } }),
      status: 409,
    },
    {
      name: 'check in after the meeting',
      method: 'POST',
      url: () => `/meetings/${ids.closed}/check-ins`,
      by: () => utrecht.headers,
      payload: () => ({ memberId: ids.member }),
      status: 409,
    },
    {
      name: 'give a proxy after the meeting',
      method: 'POST',
      url: () => `/meetings/${ids.closed}/proxies`,
      payload: () => ({ grantorMemberId: ids.member, holderPersonId: ids.middelburgRep, holderMemberId: ids.middelburg }),
      status: 409,
    },
    {
      name: 'file a motion after the meeting',
      method: 'POST',
      url: () => '/motions',
      payload: () => ({ meetingId: ids.closed, agendaItemId: ids.closedItem, title: 'Te laat', memberIds: [ids.member], request: 'Verzoekt iets.' }),
      status: 409,
    },
  ];

  const run = async (step: Step, lang: 'nl' | 'en') => {
    const response = await t.app.inject({
      method: step.method,
      url: `/api/v1${step.url()}`,
      headers: { ...(step.by?.() ?? admin), 'accept-language': lang },
      ...(step.payload ? { payload: step.payload() } : {}),
    });
    tally(`out of order → ${response.statusCode}`);
    const problem = problemOf(response, `${step.name} (${lang})`);
    expect(problem.status, step.name).toBe(step.status);
    return problem;
  };

  it.each(steps.map((step) => [step.name, step] as const))('refuses to %s, in Dutch and English', async (_, step) => {
    const [nl, en] = [await run(step, 'nl'), await run(step, 'en')];
    expect(nl.detail).not.toBe(en.detail);
  });

  it('refuses every step of random sequences of them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...steps), { minLength: 2, maxLength: 8 }), async (sequence) => {
        for (const step of sequence) await run(step, 'en');
      }),
      settings(RUNS),
    );
  });
});

describe(`after the campaign (${TEST_DB})`, () => {
  it('changed nothing in the database, and the server still answers', async () => {
    expect(await databaseDigest(t.database.db)).toEqual(before);
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/ready' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/session', headers: admin })).statusCode).toBe(200);
  });
});
