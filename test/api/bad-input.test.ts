import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEST_DB } from '../support/database.js';
import {
  acceptedBy,
  badPathValue,
  encodeSegment,
  hugeString,
  malformedJson,
  objectSchemaOf,
  parsedQuery,
  problemOf,
  propertyPaths,
  queryString,
  sampleOf,
  unboundedFields,
  unparsedContentType,
  withAt,
  wrongValue,
  type Operation,
} from '../support/bad-input.js';
import { authArb, langArb, openCampaign, RUNS, settings, type BadRequest, type Auth } from '../support/bad-input-campaign.js';

/**
 * The bad-input campaign (issue 6): every operation of the OpenAPI document gets malformed,
 * oversized, wrongly typed and out-of-order requests, generated with fast-check from the route's
 * own schemas. Each must be answered with an application/problem+json 4xx (in Dutch on request),
 * none may change the database, and the server must keep answering. The router's refusals and text
 * with NUL characters are in bad-input-router.test.ts, requests out of order in bad-input-order.test.ts.
 *
 * Only input the route's schema refuses is sent to routes that write (an AJV oracle with the
 * server's options decides), so "nothing changes" is a fair demand. Reads also get hostile input
 * the schema may accept; there the demand is "no 5xx, and errors are problems".
 *
 * FC_SEED and FC_RUNS reproduce or deepen a run: FC_SEED=123 FC_RUNS=200 npx vitest run …
 */

// Built while the tests are collected, so each operation of its OpenAPI document gets a test of its own.
const c = await openCampaign();
const { t, operations, urlOf, headersOf, expectRefused, tally } = c;

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
/**
 * Reads that are audited when they succeed (an administrator's backup download writes its entry), so
 * the campaign, which must leave the database as it found it, tries them without the right to read.
 * The administrator's read itself is tested in test/api/backup-route.test.ts.
 */
const AUDITED_READS = new Set(['GET /api/v1/backup']);
// 'wrong-csrf' is an administrator's cookie too: a read needs no CSRF token.
const unauthorised = fc.constantFrom<Auth>('anonymous', 'unknown-token');

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
    fc.asyncProperty(fc.dictionary(names, value, { maxKeys: 4 }), headers, AUDITED_READS.has(op.key) ? unauthorised : authArb, async (query, extra, auth) => {
      const url = `${urlOf(op)}${queryString(query)}`;
      const response = await t.app.inject({ method: 'GET', url, headers: { ...headersOf(auth), ...extra } });
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

describe(`after the campaign (${TEST_DB})`, () => {
  it('changed nothing in the database, and the server still answers', () => c.expectUnchanged());
});
