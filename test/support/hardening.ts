import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type TestApp } from './app.js';

/**
 * HTTP hardening (issue 11), shared by the hardening test files: an app with the five members, a staff
 * member and a meeting with one agenda item to upload papers to; reading a CSP; building multipart forms.
 */

export interface HardeningWorld {
  readonly t: TestApp;
  readonly m: Awaited<ReturnType<typeof withFiveMembers>>;
  readonly staff: AuthHeaders;
  readonly meetingId: string;
  readonly itemId: string;
}

/** Sets the world up before the file's tests and closes it after; its fields are there from beforeAll on. */
export function hardeningWorld() {
  const world = {} as { -readonly [K in keyof HardeningWorld]: HardeningWorld[K] };
  beforeAll(async () => {
    const t = await createTestApp();
    world.t = t;
    world.m = await withFiveMembers(t);
    world.staff = (await t.signInPerson({ roles: ['staff'], name: 'Medewerker Hardening' })).headers;
    world.meetingId = randomUUID();
    world.itemId = randomUUID();
    await t.database.db
      .insertInto('meetings')
      .values({ id: world.meetingId, kind: 'alv', title: 'ALV juni 2025', date: '2025-06-12', start_time: '10:00', location: 'Utrecht' })
      .execute();
    await t.database.db
      .insertInto('agenda_items')
      .values({ id: world.itemId, meeting_id: world.meetingId, position: 0, title: 'Jaarrekening 2024', purpose: 'decision' })
      .execute();
  });
  afterAll(() => world.t?.close());

  const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object | string | Buffer) =>
    world.t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload }) });
  const post = (url: string, headers: Record<string, string>, body: { payload: Buffer; headers: Record<string, string> }) =>
    world.t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...headers, ...body.headers }, payload: body.payload });

  return { world: world as HardeningWorld, api, post };
}

/** The CSP's directives by name. */
export function csp(response: { headers: Record<string, unknown> }): Map<string, string> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.slice(d.split(/\s+/)[0]!.length).trim()]),
  );
}

export type Part = { name: string; value: string } | { name: string; fileName: string; type: string; content: Buffer | string };

/** A multipart/form-data body of these parts, optionally cut off after a number of bytes. */
export function form(parts: Part[], options: { truncateAt?: number } = {}) {
  const boundary = `----verenigd-${randomUUID()}`;
  const chunks = parts.flatMap((p) =>
    'value' in p
      ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`)]
      : [
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: ${p.type}\r\n\r\n`),
          Buffer.from(p.content),
          Buffer.from('\r\n'),
        ],
  );
  let payload = Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
  if (options.truncateAt !== undefined) payload = payload.subarray(0, options.truncateAt);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
