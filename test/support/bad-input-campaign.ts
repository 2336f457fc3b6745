import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from './app.js';
import { databaseDigest, operationsOf, problemOf, type Method, type Operation } from './bad-input.js';
import { appointCommittees } from './procedure.js';

/**
 * The bad-input campaign's world (issue 6), for each campaign file on its own: an app with records in
 * every state the out-of-order requests need, a digest of the database taken once they exist, and the
 * ways to send a request as someone and check its refusal.
 *
 * FC_SEED and FC_RUNS reproduce or deepen a run: FC_SEED=123 FC_RUNS=200 npx vitest run …
 */

export const RUNS = Number(process.env.FC_RUNS ?? 8);
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
export const settings = (numRuns = RUNS) => ({ numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });

export const UNKNOWN = '00000000-0000-4000-8000-000000000000';

export type Auth = 'admin' | 'anonymous' | 'wrong-csrf' | 'unknown-token';
export type Lang = 'nl' | 'en' | undefined;
export const authArb = fc.constantFrom<Auth>('admin', 'admin', 'admin', 'anonymous', 'wrong-csrf', 'unknown-token');
export const langArb = fc.constantFrom<Lang>('nl', 'en', undefined);

export interface BadRequest {
  what: string;
  url: string;
  contentType?: string;
  payload?: string | Buffer;
}

export type CampaignIds = Awaited<ReturnType<typeof setUp>>;

export interface Campaign {
  t: TestApp;
  /** The operations of the OpenAPI document, known when the tests are collected; event streams left out (they never end). */
  operations: Operation[];
  readonly ids: CampaignIds;
  readonly admin: AuthHeaders;
  readonly utrecht: SignedIn;
  /** The real resource each path leads to, so bad input meets existing records. */
  urlOf(op: Operation, override?: Record<string, string>): string;
  headersOf(auth: Auth): Record<string, string>;
  send(method: Method, request: BadRequest, auth: Auth, lang: Lang): Promise<LightMyRequestResponse>;
  /** Sends input the route must refuse and checks the refusal: a 4xx problem; in Dutch when asked (the same problem as in English, other words). */
  expectRefused(op: Operation, request: BadRequest, auth: Auth, lang: Lang): Promise<LightMyRequestResponse>;
  /** Counts an answer for the summary printed with BAD_INPUT_STATS set. */
  tally(key: string): void;
  /** Nothing in the database changed since the records were set up, and the server still answers. */
  expectUnchanged(): Promise<void>;
}

async function ok(t: TestApp, method: Method, url: string, headers: AuthHeaders, payload?: object) {
  const response = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}

/** Records in every state the out-of-order requests need; returns their ids. */
async function setUp(t: TestApp) {
  const m = await withFiveMembers(t);
  const admin = await t.signIn('admin');
  const utrecht = await t.signInPerson({ representativeOf: m.Utrecht, name: 'Burgemeester Utrecht' });
  const middelburg = await t.signInPerson({ representativeOf: m.Middelburg, name: 'Burgemeester Middelburg' });
  const call = (method: Method, url: string, headers: AuthHeaders, payload?: object) => ok(t, method, url, headers, payload);

  // A meeting being prepared, with the template's agenda and a motion.
  const preparing = (await call('POST', '/meetings', admin, { kind: 'alv', title: 'ALV in voorbereiding', date: '2024-06-12' })).id;
  const agenda = (await call('GET', `/meetings/${preparing}/agenda-items`, admin)).items as { id: string; kind: string }[];
  const item = (
    await call('POST', `/meetings/${preparing}/agenda-items`, admin, {
      title: 'Jaarrekening',
      purpose: 'decision',
      decisionText: 'De ALV stelt de jaarrekening vast.',
    })
  ).id;
  const motion = (
    await call('POST', '/motions', admin, {
      meetingId: preparing,
      agendaItemId: item,
      title: 'Motie',
      memberIds: [m.Utrecht],
      request: 'Verzoekt het bestuur iets.',
    })
  ).id;
  // A meeting in session: Utrecht present, Middelburg checked out, a decided poll, a cancelled one and an open one.
  const live = (await call('POST', '/meetings', admin, { kind: 'alv', title: 'ALV in vergadering', date: '2024-06-12' })).id;
  const proposal = (
    await call('POST', `/meetings/${live}/agenda-items`, admin, { title: 'Begroting', purpose: 'decision', decisionText: 'De ALV stelt de begroting vast.' })
  ).id;
  await call('POST', `/meetings/${live}/open`, admin);
  await appointCommittees(t, live, { staff: admin, chair: admin });
  await call('POST', `/meetings/${live}/check-ins`, utrecht.headers, { memberId: m.Utrecht });
  const checkedOut = (await call('POST', `/meetings/${live}/check-ins`, middelburg.headers, { memberId: m.Middelburg })).id;
  await call('POST', `/meetings/${live}/check-ins/${checkedOut}/check-out`, admin);
  const decided = (await call('POST', '/polls', admin, { meetingId: live, subject: { type: 'agenda-item', id: proposal } })).id;
  const receipt = (await call('POST', `/polls/${decided}/ballots`, utrecht.headers, { memberId: m.Utrecht, option: 'for', clientBallotId: randomUUID() }))
    .receipt;
  await call('POST', `/polls/${decided}/close`, admin);
  const cancelled = (await call('POST', '/polls', admin, { meetingId: live, subject: { type: 'trial' } })).id;
  await call('POST', `/polls/${cancelled}/cancel`, admin);
  const open = (await call('POST', '/polls', admin, { meetingId: live, subject: { type: 'trial' } })).id;
  const decision = await t.database.db.selectFrom('decisions').select('id').where('poll_id', '=', decided).executeTakeFirstOrThrow();
  // A meeting that has been held.
  const closed = (await call('POST', '/meetings', admin, { kind: 'balv', title: 'BALV gehouden', date: '2024-03-01' })).id;
  const closedItem = (await call('GET', `/meetings/${closed}/agenda-items`, admin)).items[0].id as string;
  await call('POST', `/meetings/${closed}/open`, admin);
  await call('POST', `/meetings/${closed}/close`, admin);

  const office = await t.database.db.selectFrom('offices').select('id').where('person_id', '=', utrecht.personId).executeTakeFirstOrThrow();
  const designation = await t.database.db.selectFrom('designations').select('id').where('office_id', '=', office.id).executeTakeFirstOrThrow();
  return {
    admin,
    utrecht,
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

/**
 * Opens a campaign for one test file: call it at the top level (it awaits the app, so each
 * operation can get a test of its own), and it registers the set-up and the closing of the app.
 */
export async function openCampaign(): Promise<Campaign> {
  const t = await createTestApp();
  const operations = operationsOf(t.app.swagger()).filter((op) => !(op.method === 'GET' && op.path.endsWith('/events')));
  let ids: CampaignIds | undefined;
  let before: Record<string, string>;
  const stats = new Map<string, number>();

  beforeAll(async () => {
    ids = await setUp(t);
    before = await databaseDigest(t.database.db);
  }, 180_000);
  afterAll(async () => {
    if (process.env.BAD_INPUT_STATS)
      console.log(
        [...stats]
          .sort()
          .map(([key, n]) => `${String(n).padStart(6)}  ${key}`)
          .join('\n'),
      );
    await t.close();
  });

  const state = () => {
    if (!ids) throw new Error('the campaign is set up in beforeAll');
    return ids;
  };

  const campaign: Campaign = {
    t,
    operations,
    get ids() {
      return state();
    },
    get admin() {
      return state().admin;
    },
    get utrecht() {
      return state().utrecht;
    },
    urlOf(op, override = {}) {
      const ids = state();
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
    },
    headersOf(auth): Record<string, string> {
      const { admin } = state();
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
    },
    send(method, request, auth, lang) {
      const headers: Record<string, string> = { ...campaign.headersOf(auth) };
      if (lang) headers['accept-language'] = lang;
      if (request.contentType) headers['content-type'] = request.contentType;
      const options: InjectOptions = { method, url: request.url, headers, ...(request.payload === undefined ? {} : { payload: request.payload }) };
      return t.app.inject(options);
    },
    async expectRefused(op, request, auth, lang) {
      const what = `${op.key} ${request.what} [${auth}, ${lang ?? 'no language'}] ${request.url.slice(0, 200)}`;
      const response = await campaign.send(op.method, request, auth, lang);
      campaign.tally(`${request.what.split(/[:[{]/)[0]!.trim()} → ${response.statusCode}`);
      const problem = problemOf(response, what);
      if (lang === 'nl') {
        const english = await campaign.send(op.method, request, auth, 'en');
        if (english.statusCode === response.statusCode) {
          const en = problemOf(english, `${what} (in English)`);
          expect(en.type, what).toBe(problem.type);
          expect(problem.detail, `${what}: the detail is not in Dutch`).not.toBe(en.detail);
        }
      }
      return response;
    },
    tally(key) {
      stats.set(key, (stats.get(key) ?? 0) + 1);
    },
    async expectUnchanged() {
      expect(await databaseDigest(t.database.db)).toEqual(before);
      expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/ready' })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/v1/session', headers: state().admin })).statusCode).toBe(200);
    },
  };
  return campaign;
}
