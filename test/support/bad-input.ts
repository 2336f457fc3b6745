import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/core/db/schema.js';

/**
 * Helpers for the bad-input campaign (test/api/bad-input.test.ts): the operations of the OpenAPI
 * document with their request schemas, an oracle that says whether an input is invalid by those
 * schemas (the same AJV options the server uses), generators of hostile input, the check that an
 * answer is a proper problem, and a digest of the whole database.
 */

// ajv-formats is CommonJS whose typings claim a default export; require gives the function itself.
const addFormats: (ajv: Ajv) => Ajv = createRequire(import.meta.url)('ajv-formats');

export type JsonSchema = Record<string, unknown>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: Method;
  path: string;
  key: string;
  pathParams: Parameter[];
  query: Parameter[];
  /** The application/json request body schema, when the route has one. */
  body?: JsonSchema;
  /** Content types the route takes other than JSON (multipart uploads, CSV). */
  consumes: string[];
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }
    >
  >;
}

export function operationsOf(spec: unknown): Operation[] {
  const { paths } = spec as OpenApi;
  return Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const parameters = op.parameters ?? [];
      const pick = (where: string) => parameters.filter((p) => p.in === where).map((p) => ({ name: p.name, required: !!p.required, schema: p.schema }));
      const content = op.requestBody?.content ?? {};
      return {
        method: method.toUpperCase() as Method,
        path,
        key: `${method.toUpperCase()} ${path}`,
        pathParams: pick('path'),
        query: pick('query'),
        body: content['application/json']?.schema,
        consumes: Object.keys(content).filter((type) => type !== 'application/json'),
      };
    }),
  );
}

/** Validators built like the server's (http/app.ts: allErrors, coerceTypes 'array', useDefaults; ajv-formats). */
const ajv = addFormats(new Ajv({ allErrors: true, coerceTypes: 'array', useDefaults: true, removeAdditional: false, strict: false }));
const compiled = new Map<string, ValidateFunction>();
function validator(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = ajv.compile(schema)));
  return validate;
}

/** Whether the server's schema accepts this value (validated on a copy: AJV coerces in place). */
export const acceptedBy = (schema: JsonSchema, value: unknown) => validator(schema)(value === undefined ? undefined : structuredClone(value));

export const objectSchemaOf = (parameters: Parameter[]): JsonSchema => ({
  type: 'object',
  properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
  required: parameters.filter((p) => p.required).map((p) => p.name),
});

/** A plausible value for a schema, as the base a mutation starts from. */
export function sampleOf(schema: JsonSchema): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches?.[0]) return sampleOf(branches[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, sampleOf(property)]));
    }
    case 'array':
      return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () => sampleOf((schema.items ?? {}) as JsonSchema));
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string': {
      const formats: Record<string, string> = {
        uuid: '00000000-0000-4000-8000-000000000001',
        date: '2024-06-12',
        'date-time': '2024-06-12T10:00:00+02:00',
        email: 'someone@example.org',
        uri: 'https://example.org/',
      };
      return formats[String(schema.format)] ?? 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    }
    default:
      return {};
  }
}

type Path = (string | number)[];

/** The paths to every property in a schema (nested objects, first array item, first union branch). */
export function propertyPaths(schema: JsonSchema, prefix: Path = []): { path: Path; schema: JsonSchema }[] {
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches?.[0]) return propertyPaths(branches[0], prefix);
  if (schema.type === 'array' && schema.items) return propertyPaths(schema.items as JsonSchema, [...prefix, 0]);
  if (schema.type !== 'object') return [];
  return Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).flatMap(([name, property]) => [
    { path: [...prefix, name], schema: property },
    ...propertyPaths(property, [...prefix, name]),
  ]);
}

/** A copy of value with the thing at path set (or removed when replacement is `remove`). */
export function withAt(value: unknown, path: Path, replacement: unknown, remove = false): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) {
    if (node[step] === null || typeof node[step] !== 'object') return copy;
    node = node[step] as Record<string | number, unknown>;
  }
  const last = path.at(-1)!;
  if (remove) delete node[last];
  else node[last] = replacement;
  return copy;
}

export const HUGE = 100_001;

/** Values of the wrong type, empty, extreme or hostile. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 }),
  fc.constantFrom(
    '',
    ' ',
    -1,
    0,
    2 ** 53,
    -(2 ** 31) - 1,
    1e308,
    '9999-99-99',
    '2024-02-30',
    '0000-01-01',
    'not-a-uuid',
    "'; drop table members; --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '{{7*7}}',
    '\u202e',
    [],
    {},
  ),
);

/** A long string of a random character, longer than any limit meant for a name or title. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('x', 'é', '😀', ' ', '0', '\n'), fc.integer({ min: HUGE, max: 3 * HUGE }))
  .map(([char, length]) => char.repeat(Math.ceil(length / char.length)));

/** Text that is not JSON although it claims to be: truncated, trailing garbage, poisoned prototypes, other formats. */
export function malformedJson(sample: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(sample ?? {});
  return fc
    .oneof(
      fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((cut) => text.slice(0, cut)),
      fc.string({ minLength: 1, maxLength: 5 }).map((tail) => `${text}}${tail}`),
      fc.constantFrom(
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"admin":true}}}',
        "{'single':'quotes'}",
        '{"a":1,}',
        '[1,2',
        'undefined',
        'NaN',
        '{"a":01}',
        '\uFEFF\uFEFF{}',
        '<?xml version="1.0"?><a/>',
        'a=1&b=2',
        '{"a":"\\ud800"',
      ),
      fc.string({ minLength: 1, maxLength: 40 }),
    )
    .filter((payload) => {
      try {
        JSON.parse(payload);
        return false;
      } catch {
        return true;
      }
    });
}

/** Content types no route parses (text/plain and multipart are parsed by some and are left out). */
export const unparsedContentType = fc.constantFrom(
  'application/xml',
  'text/html',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'image/png',
  'application/vnd.ms-excel',
  'application/json-patch+json',
  ';;;',
  'application',
);

/** Path parameter values that are not what the route expects. */
export const badPathValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.uuid().map((id) => id.replaceAll('-', '')),
  fc.uuid().map((id) => `${id} `),
  fc.uuid().map((id) => `${id}x`),
  fc.uuid().map((id) => id.toUpperCase().replace(/^./, 'G')),
  fc.integer({ min: 37, max: 100 }).map((n) => 'a'.repeat(n)),
  fc.constantFrom(
    '..',
    '../..',
    '../../etc/passwd',
    '..%2F..%2F',
    '%00',
    '\u0000',
    'null',
    'undefined',
    '{id}',
    '-1',
    '0',
    '1e3',
    '🙂',
    'ﬀ',
    'ＵＵＩＤ',
    'a/b',
    '?x=1',
    '#top',
    ' ',
  ),
);

/** A path segment as a client encodes it; dots too, so '..' stays a parameter instead of climbing. */
export const encodeSegment = (value: string) => encodeURIComponent(value).replaceAll('.', '%2E');

/** A query string from an object; arrays repeat the parameter. */
export function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, typeof item === 'string' ? item : JSON.stringify(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The query as the server sees it: one value as a string, a repeated parameter as an array. */
export function parsedQuery(text: string): Record<string, string | string[]> {
  const params = new URLSearchParams(text);
  return Object.fromEntries(
    [...new Set(params.keys())].map((name) => {
      const values = params.getAll(name);
      return [name, values.length === 1 ? values[0]! : values];
    }),
  );
}

export interface ProblemCheck {
  status: number;
  type: string;
  title: string;
  detail: string;
}

/** Asserts an answer is an RFC 9457 problem with a 4xx status; returns its body for further checks. */
export function problemOf(response: LightMyRequestResponse, what: string): ProblemCheck {
  const say = (message: string) =>
    new Error(`${what}: ${message}\n  → ${response.statusCode} ${String(response.headers['content-type'])} ${response.body.slice(0, 400)}`);
  if (response.statusCode < 400 || response.statusCode > 499) throw say('expected a 4xx status');
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) throw say('expected application/problem+json');
  let body: Record<string, unknown>;
  try {
    body = response.json();
  } catch {
    throw say('the problem is not JSON');
  }
  for (const field of ['type', 'title', 'detail'] as const) if (typeof body[field] !== 'string' || !body[field]) throw say(`the problem lacks "${field}"`);
  if (body.status !== response.statusCode) throw say("the problem's status differs from the HTTP status");
  if (body.type === '/problems/validation') {
    const errors = body.errors as { name?: unknown; code?: unknown; reason?: unknown }[] | undefined;
    if (!Array.isArray(errors) || errors.length === 0) throw say('a validation problem names no field');
    if (!errors.every((e) => typeof e.name === 'string' && typeof e.code === 'string' && typeof e.reason === 'string'))
      throw say('a field error lacks name, code or reason');
  }
  return body as unknown as ProblemCheck;
}

/** Columns that change on every request by design: the session's sliding expiry. */
const VOLATILE: Record<string, string[]> = { sessions: ['expires_at'] };

/** Row count and a hash of the rows of every table in the current schema. */
export async function databaseDigest(db: Kysely<Database>): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const digest: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const minus = (VOLATILE[name] ?? []).map((column) => sql` - ${column}::text`);
    const rows = await sql<{ row: string }>`select (to_jsonb(t)${sql.join(minus, sql``)})::text as row from ${sql.table(name)} t`.execute(db);
    const sorted = rows.rows.map((r) => r.row).sort();
    digest[name] = `${sorted.length} rows, ${createHash('sha256').update(sorted.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return digest;
}

/** A regular expression that matches strings of bounded length: anchored, without * + or {n,}. */
const boundedPattern = (pattern: unknown) =>
  typeof pattern === 'string' && pattern.startsWith('^') && pattern.endsWith('$') && !/[*+]|\{\d+,\}/.test(pattern.replace(/\\./g, ''));

/**
 * The strings and arrays in a schema with no upper bound on their size: there a 100k-character
 * string or a huge list is accepted and stored. Enums, formats and fixed patterns bound themselves.
 */
export function unboundedFields(schema: JsonSchema | undefined, path: string): string[] {
  if (!schema) return [];
  const branches = [...((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[])];
  const own: string[] = [];
  if (schema.type === 'string' && schema.maxLength === undefined && !schema.enum && !('const' in schema) && !schema.format && !boundedPattern(schema.pattern))
    own.push(path);
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as JsonSchema;
    const enumerated = schema.uniqueItems && Array.isArray(items.enum);
    if (schema.maxItems === undefined && !enumerated) own.push(`${path}[]`);
    own.push(...unboundedFields(items, `${path}[]`));
  }
  const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
  return [
    ...own,
    ...branches.flatMap((branch) => unboundedFields(branch, path)),
    ...properties.flatMap(([name, property]) => unboundedFields(property, `${path}.${name}`)),
  ];
}
