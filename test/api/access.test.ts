import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, createTestApp, withFiveMembers, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

/**
 * The route test matrix: every route in the OpenAPI document has an entry saying who may use it,
 * and each role is tried against each route. "Allowed" means the request passes authorisation
 * (any status but 401 and 403); bodies are left empty, so writes stop at validation.
 */
type Caller = 'public' | 'representative' | 'chair' | 'counting-committee' | 'staff' | 'admin';
const CALLERS: Caller[] = ['public', 'representative', 'chair', 'counting-committee', 'staff', 'admin'];

const everyone = CALLERS;
const signedIn = CALLERS.filter((c) => c !== 'public');
const managers: Caller[] = ['staff', 'admin'];
const auditReaders: Caller[] = ['counting-committee', 'staff', 'admin'];
const runsMeetings: Caller[] = ['chair', 'staff', 'admin'];

const MATRIX: Record<string, Caller[]> = {
  'GET /health': everyone,
  'GET /ready': everyone,
  'POST /api/v1/session': everyone,
  'GET /api/v1/session': signedIn,
  'DELETE /api/v1/session': everyone,
  'POST /api/v1/session/password-reset': everyone,
  'PUT /api/v1/session/password': everyone,
  'POST /api/v1/session/password-link/opened': everyone,
  'POST /api/v1/session/totp': signedIn, // the sign-in changes: from a browser session only, see below
  'PUT /api/v1/session/email': signedIn,
  'DELETE /api/v1/session/totp': signedIn,
  'POST /api/v1/session/totp/confirm': signedIn,
  'GET /api/v1/session/tokens': signedIn,
  'POST /api/v1/session/tokens': signedIn, // from a browser session only: see below
  'DELETE /api/v1/session/tokens/{id}': signedIn,
  'GET /api/v1/session/oidc/config': everyone,
  'GET /api/v1/session/oidc': everyone,
  'GET /api/v1/session/oidc/callback': everyone,
  'GET /api/v1/profile': everyone,
  'GET /api/v1/profile/versions': everyone,
  'POST /api/v1/profile/versions': managers,
  'GET /api/v1/setup': everyone,
  'GET /api/v1/backup': ['admin'],
  'GET /api/v1/setup/templates': everyone,
  'POST /api/v1/setup/profile': managers,
  'GET /api/v1/members': everyone,
  'POST /api/v1/members': managers,
  'GET /api/v1/members/export.csv': everyone,
  'GET /api/v1/members/export.json': everyone,
  'GET /api/v1/members/{id}': everyone,
  'PATCH /api/v1/members/{id}': managers,
  'POST /api/v1/members/{id}/populations': managers,
  'PUT /api/v1/members/{id}/networks': managers,
  'GET /api/v1/members/{id}/representatives': signedIn,
  'GET /api/v1/networks': everyone,
  'POST /api/v1/networks': managers,
  'GET /api/v1/reorganisations': everyone,
  'POST /api/v1/reorganisations': managers,
  'GET /api/v1/reorganisations/{id}': everyone,
  'POST /api/v1/imports/population': managers,
  'GET /api/v1/imports': managers,
  'GET /api/v1/imports/{id}': managers,
  'GET /api/v1/people': managers,
  'POST /api/v1/people': managers,
  'GET /api/v1/people/me': signedIn,
  'GET /api/v1/people/{id}': managers, // and the person themself: see below
  'PATCH /api/v1/people/{id}': managers,
  'PUT /api/v1/people/{id}/roles': ['admin'],
  'POST /api/v1/people/{id}/offices': managers,
  'PATCH /api/v1/offices/{id}': managers,
  'POST /api/v1/designations': managers,
  'PATCH /api/v1/designations/{id}': managers,
  'GET /api/v1/designations/pending': managers,
  'POST /api/v1/designations/{id}/confirm': managers,
  'POST /api/v1/designations/confirmations': managers,
  'POST /api/v1/designations/{id}/revoke': managers,
  'POST /api/v1/invitations': managers,
  'POST /api/v1/designations/{id}/refusal': managers,
  'POST /api/v1/people/imports': managers,
  'GET /api/v1/people/imports/template': managers,
  'GET /api/v1/members/{id}/administrators': managers,
  'PUT /api/v1/members/{id}/administrators/{personId}': ['admin'],
  'DELETE /api/v1/members/{id}/administrators/{personId}': ['admin'],
  'GET /api/v1/members/{id}/office-holders': managers, // these three also for the member's own administrator: see member-administrators test
  'POST /api/v1/members/{id}/designations': managers,
  'PATCH /api/v1/members/{id}/designations/{designationId}': managers,
  'GET /api/v1/meetings': everyone,
  'POST /api/v1/meetings': managers,
  'GET /api/v1/meetings/{id}': everyone,
  'GET /api/v1/meetings/{id}/attendance': signedIn,
  'POST /api/v1/meetings/{id}/check-ins': signedIn, // for designated members only: see below
  'POST /api/v1/meetings/{id}/check-ins/{childId}/check-out': signedIn,
  'POST /api/v1/meetings/{id}/proxies': signedIn,
  'POST /api/v1/meetings/{id}/proxies/{childId}/revoke': signedIn,
  'PATCH /api/v1/meetings/{id}': managers,
  'POST /api/v1/meetings/{id}/appointments': managers,
  'DELETE /api/v1/meetings/{id}/appointments/{childId}': managers,
  'POST /api/v1/meetings/{id}/convocation': managers,
  'GET /api/v1/meetings/{id}/mails': managers,
  'GET /api/v1/consultations/{id}/mails': managers,
  'GET /api/v1/invitation-batches': managers,
  'POST /api/v1/invitation-batches': managers,
  'GET /api/v1/invitation-batches/{id}': managers,
  'GET /api/v1/invitation-batches/{id}/invitations': managers,
  'POST /api/v1/invitation-batches/{id}/resend': managers,
  'GET /api/v1/meetings/{id}/calendar.ics': everyone,
  'GET /api/v1/meetings/{id}/agenda-items': everyone, // public items only for the public
  'POST /api/v1/meetings/{id}/agenda-items': managers,
  'PATCH /api/v1/agenda-items/{id}': managers,
  'DELETE /api/v1/agenda-items/{id}': managers,
  'PUT /api/v1/meetings/{id}/agenda-order': managers,
  'POST /api/v1/agenda-items/{id}/papers': managers,
  'GET /api/v1/papers/{id}': everyone, // non-public papers need a sign-in: see papers test
  'PATCH /api/v1/papers/{id}': managers,
  'POST /api/v1/papers/{id}/versions': managers,
  'GET /api/v1/papers/{id}/versions/{version}/file': everyone,
  'GET /api/v1/motions': signedIn,
  'POST /api/v1/motions': signedIn, // for members one acts for: see meeting test
  'GET /api/v1/motions/{id}': signedIn,
  'POST /api/v1/motions/{id}/co-submitters': signedIn,
  'DELETE /api/v1/motions/{id}/co-submitters/{childId}': signedIn,
  'POST /api/v1/motions/{id}/invitations': signedIn,
  'DELETE /api/v1/motions/{id}/invitations/{childId}': signedIn,
  'POST /api/v1/motions/{id}/invitations/{childId}/accept': signedIn,
  'POST /api/v1/motions/{id}/invitations/{childId}/decline': signedIn,
  'DELETE /api/v1/motions/{id}/pending-request': signedIn,
  'PUT /api/v1/motions/{id}/advice': managers,
  'POST /api/v1/motions/{id}/hold': signedIn,
  'POST /api/v1/motions/{id}/withdraw': signedIn,
  'PUT /api/v1/motions/{id}/group': runsMeetings,
  'GET /api/v1/amendments': signedIn,
  'POST /api/v1/amendments': signedIn,
  'GET /api/v1/amendments/{id}': signedIn,
  'POST /api/v1/amendments/{id}/co-submitters': signedIn,
  'DELETE /api/v1/amendments/{id}/co-submitters/{childId}': signedIn,
  'POST /api/v1/amendments/{id}/invitations': signedIn,
  'DELETE /api/v1/amendments/{id}/invitations/{childId}': signedIn,
  'POST /api/v1/amendments/{id}/invitations/{childId}/accept': signedIn,
  'POST /api/v1/amendments/{id}/invitations/{childId}/decline': signedIn,
  'DELETE /api/v1/amendments/{id}/pending-request': signedIn,
  'PUT /api/v1/amendments/{id}/advice': managers,
  'POST /api/v1/amendments/{id}/hold': signedIn,
  'POST /api/v1/amendments/{id}/withdraw': signedIn,
  'POST /api/v1/meetings/{id}/open': runsMeetings,
  'POST /api/v1/meetings/{id}/close': runsMeetings,
  'PUT /api/v1/meetings/{id}/current-item': runsMeetings,
  'GET /api/v1/agenda-items/{id}/speakers': everyone,
  'POST /api/v1/agenda-items/{id}/speakers': runsMeetings,
  'POST /api/v1/agenda-items/{id}/speaker-requests': signedIn, // and then only when checked in: see speakers-screen test
  'PATCH /api/v1/speakers/{id}': signedIn, // the chair, or the person who asked: see speakers-screen test
  'GET /api/v1/meetings/{id}/screen': everyone,
  'PUT /api/v1/meetings/{id}/screen': runsMeetings,
  'GET /api/v1/meetings/{id}/events': everyone,
  'POST /api/v1/meetings/{id}/decisions': runsMeetings,
  'GET /api/v1/meetings/{id}/decisions': everyone,
  'POST /api/v1/decisions/{id}/minutes-approval': runsMeetings,
  'GET /api/v1/meetings/{id}/minutes': signedIn, // and the public once approved: see meeting test
  'GET /api/v1/meetings/{id}/minutes.pdf': signedIn,
  'POST /api/v1/meetings/{id}/minutes/generate': managers,
  'POST /api/v1/meetings/{id}/minutes/versions': managers,
  'POST /api/v1/meetings/{id}/minutes/faithful': managers, // and people appointed to its minutes committee: see meeting test
  'POST /api/v1/polls': runsMeetings,
  'GET /api/v1/polls': everyone,
  'GET /api/v1/polls/{id}': everyone,
  'GET /api/v1/polls/{id}/my-ballots': signedIn,
  'POST /api/v1/polls/{id}/ballots': signedIn, // for the members one holds the vote of: see voting test
  'POST /api/v1/polls/{id}/close': runsMeetings,
  'POST /api/v1/polls/{id}/cancel': runsMeetings,
  'POST /api/v1/polls/{id}/reopen': runsMeetings,
  'GET /api/v1/polls/{id}/receipts/{receipt}': everyone,
  'GET /api/v1/polls/{id}/what-if': everyone, // read as the poll's per-member votes are: see test/api/power.test.ts
  'GET /api/v1/power': everyone,
  'GET /api/v1/power/export.csv': everyone,
  'POST /api/v1/power/what-if': signedIn,
  'POST /api/v1/power/what-if/paper': managers,
  'GET /api/v1/follow-ups': everyone,
  'POST /api/v1/follow-ups': managers,
  'GET /api/v1/follow-ups/report': everyone,
  'GET /api/v1/follow-ups/report.pdf': everyone,
  'POST /api/v1/follow-ups/report/paper': managers,
  'GET /api/v1/follow-ups/{id}': everyone,
  'PATCH /api/v1/follow-ups/{id}': managers,
  'POST /api/v1/follow-ups/{id}/updates': signedIn, // the owner or staff: see test/api/follow-up.test.ts
  'GET /api/v1/topics': signedIn,
  'POST /api/v1/topics': signedIn, // a representative for their own member: see test/api/topics.test.ts
  'GET /api/v1/topics/{id}': signedIn,
  'POST /api/v1/topics/{id}/supports': signedIn, // a representative for their own member: see test/api/topics.test.ts
  'POST /api/v1/topics/{id}/triage': managers,
  'GET /api/v1/topic-threshold': signedIn,
  'PUT /api/v1/topic-threshold': managers,
  'GET /api/v1/polls/{id}/votes': everyone, // per poll: members for named polls, only the counting-committee role for secret ones (not staff or admin); see test/security/secrecy.test.ts
  'GET /api/v1/polls/{id}/verification': everyone,
  'GET /api/v1/polls/{id}/bundle': everyone, // per poll, as /votes: see test/security/tamper.test.ts
  'GET /api/v1/signing-key': everyone,
  'GET /.well-known/verenigd-signing-key': everyone,
  'GET /api/v1/polls/{id}/events': everyone,
  'GET /api/v1/polls/{id}/export.json': everyone,
  'GET /api/v1/polls/{id}/export.csv': everyone,
  'GET /api/v1/consultations': everyone, // staff all, representatives theirs and published ones, the public published ones
  'POST /api/v1/consultations': managers,
  'GET /api/v1/consultations/{id}': everyone, // per consultation: drafts for staff, launched ones for the audience; see consultations test
  'PATCH /api/v1/consultations/{id}': managers,
  'DELETE /api/v1/consultations/{id}': managers,
  'PUT /api/v1/consultations/{id}/questions': managers,
  'POST /api/v1/consultations/{id}/launch': managers,
  'POST /api/v1/consultations/{id}/papers': managers,
  'GET /api/v1/consultations/{id}/papers/{paperId}': everyone, // same read rights as the consultation
  'DELETE /api/v1/consultations/{id}/papers/{paperId}': managers,
  'GET /api/v1/consultations/{id}/responses/{memberId}': signedIn, // staff, and who may answer for the member; see consultations test
  'PUT /api/v1/consultations/{id}/responses/{memberId}': signedIn, // who may answer for an audience member; see consultations test
  'GET /api/v1/consultations/{id}/results': everyone, // staff after launch, everyone once published
  'GET /api/v1/consultations/{id}/results.csv': managers,
  'GET /api/v1/consultations/{id}/results.pdf': managers,
  'POST /api/v1/consultations/{id}/reminders': managers,
  'PUT /api/v1/consultations/{id}/outcome': managers,
  'POST /api/v1/consultations/{id}/publish': managers,
  'GET /api/v1/audit-log': auditReaders,
  'GET /api/v1/audit-log/export.csv': auditReaders,
};

let t: TestApp;
let members: Awaited<ReturnType<typeof withFiveMembers>>;
let ids: Record<string, string>;
const callers = {} as Record<Exclude<Caller, 'public'>, SignedIn>;
const tokens = {} as Record<Exclude<Caller, 'public'>, string>;

beforeAll(async () => {
  t = await createTestApp();
  members = await withFiveMembers(t);
  callers.representative = await t.signInPerson({ representativeOf: members.Utrecht });
  for (const role of ['chair', 'counting-committee', 'staff', 'admin'] as const) callers[role] = await t.signInPerson({ roles: [role] });
  for (const [caller, signedIn] of Object.entries(callers)) {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/tokens',
      headers: signedIn.headers,
      payload: { name: 'matrix', currentPassword: signedIn.password },
    });
    tokens[caller as keyof typeof tokens] = created.json().token;
  }
  const other = await t.signInPerson({ representativeOf: members.Middelburg });
  const meeting = await t.app.inject({
    method: 'POST',
    url: '/api/v1/meetings',
    headers: callers.staff.headers,
    payload: { kind: 'alv', title: 'ALV', date: '2024-06-12' },
  });
  const office = await t.database.db.selectFrom('offices').select('id').where('person_id', '=', other.personId).executeTakeFirstOrThrow();
  const designation = await t.database.db.selectFrom('designations').select('id').where('office_id', '=', office.id).executeTakeFirstOrThrow();
  ids = { member: members.Middelburg, person: other.personId, meeting: meeting.json().id, office: office.id, designation: designation.id };
});
afterAll(() => t.close());

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

function urlFor(path: string): string {
  const resource = path.split('/')[3];
  const id =
    { members: ids.member, people: ids.person, meetings: ids.meeting, offices: ids.office, designations: ids.designation }[resource as string] ?? UNKNOWN;
  return path
    .replace('{id}', id)
    .replace('{childId}', UNKNOWN)
    .replace('{personId}', UNKNOWN)
    .replace('{designationId}', UNKNOWN)
    .replace('{version}', '1')
    .replace('{receipt}', 'ABCD-2345');
}

async function headersFor(caller: Caller, route: string, via: 'cookie' | 'token'): Promise<Record<string, string>> {
  if (caller === 'public') return {};
  if (via === 'token') return { authorization: `Bearer ${tokens[caller]}` };
  // Signing out ends the session, so that route gets a session of its own.
  if (route === 'DELETE /api/v1/session') {
    const fresh = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: callers[caller].email, password: callers[caller].password } });
    return authHeaders(fresh);
  }
  return callers[caller].headers;
}

const BROWSER_ONLY = new Set([
  'POST /api/v1/session/tokens',
  'POST /api/v1/session/totp',
  'POST /api/v1/session/totp/confirm',
  'DELETE /api/v1/session/totp',
  'PUT /api/v1/session/email',
]);

describe(`route access matrix (${TEST_DB})`, () => {
  it('has an entry for every documented route and no stale ones', () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  // An event stream never ends, so it is not probed here; the events tests cover it.
  const STREAMS = new Set(['GET /api/v1/polls/{id}/events', 'GET /api/v1/meetings/{id}/events']);
  for (const [route, allowed] of Object.entries(MATRIX).filter(([route]) => !STREAMS.has(route))) {
    it(`${route}: ${allowed.length === CALLERS.length ? 'everyone' : allowed.join(', ')}`, async () => {
      const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
      const outcome: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const via of ['cookie', 'token'] as const) {
        for (const caller of CALLERS) {
          const response = await t.app.inject({
            method,
            url: urlFor(path),
            headers: await headersFor(caller, route, via),
            ...(method === 'GET' || (method === 'DELETE' && !route.includes('totp')) ? {} : { payload: {} }),
          });
          const denied = response.statusCode === 401 || response.statusCode === 403;
          const key = `${caller} (${via})`;
          // A server error is never an expected outcome, for any caller: it hides whether access was decided at all.
          if (response.statusCode >= 500) outcome[key] = `server error ${response.statusCode}: ${response.body.slice(0, 200)}`;
          else outcome[key] = denied ? `denied ${response.statusCode}` : 'allowed';
          // A token cannot mint tokens nor change how its owner signs in.
          const tokenBarred = via === 'token' && BROWSER_ONLY.has(route);
          expected[key] = allowed.includes(caller) && !tokenBarred ? 'allowed' : `denied ${caller === 'public' ? 401 : 403}`;
        }
      }
      expect(outcome).toEqual(expected);
    });
  }
});

describe(`access to one member's or person's data (${TEST_DB})`, () => {
  it("lets a person read their own record but not someone else's", async () => {
    const rep = callers.representative;
    expect((await t.app.inject({ url: `/api/v1/people/${rep.personId}`, headers: rep.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/people/${ids.person}`, headers: rep.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/people/${ids.person}`, headers: callers['counting-committee'].headers })).statusCode).toBe(403);
  });

  it('keeps a representative of one member from acting for another', async () => {
    const rep = callers.representative;
    const meeting = ids.meeting;
    const checkIn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meeting}/check-ins`,
      headers: rep.headers,
      payload: { memberId: members.Middelburg },
    });
    expect(checkIn.statusCode).toBe(403);
    const asOther = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meeting}/check-ins`,
      headers: rep.headers,
      payload: { memberId: members.Middelburg, personId: ids.person },
    });
    expect(asOther.statusCode).toBe(403);
    const proxy = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meeting}/proxies`,
      headers: rep.headers,
      payload: { grantorMemberId: members.Middelburg, holderPersonId: rep.personId, holderMemberId: members.Utrecht },
    });
    expect(proxy.statusCode).toBe(403);
    // The chair and the vote-counting committee do not act for members either.
    for (const role of ['chair', 'counting-committee'] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${meeting}/check-ins`,
        headers: callers[role].headers,
        payload: { memberId: members.Utrecht },
      });
      expect(response.statusCode).toBe(403);
    }
    const attendance = await t.app.inject({ url: `/api/v1/meetings/${meeting}/attendance`, headers: callers.staff.headers });
    expect(attendance.json().checkIns).toEqual([]);
    expect(attendance.json().proxies).toEqual([]);
  });

  it('gives the vote-counting committee the audit trail to read and no way to change it', async () => {
    const cc = callers['counting-committee'].headers;
    const read = await t.app.inject({ url: '/api/v1/audit-log?action=session.', headers: cc });
    expect(read.statusCode).toBe(200);
    expect(read.json().items.length).toBeGreaterThan(0);
    expect(read.json().items.every((e: { action: string }) => e.action.startsWith('session.'))).toBe(true);
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const csv = await t.app.inject({ url: '/api/v1/audit-log/export.csv?action=designation.created', headers: cc });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\n')[0]).toBe('id,at,actor,actorId,action,entityType,entityId,data');
    expect(csv.body).toContain('designation.created');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const response = await t.app.inject({ method, url: '/api/v1/audit-log', headers: cc, payload: {} });
      expect(response.statusCode).toBe(404);
    }
    // The attempts changed nothing: no entry was added, altered or removed.
    expect(await count()).toBe(before);
    const ids = await t.app.inject({ url: '/api/v1/audit-log?limit=1000', headers: cc });
    expect(ids.json().total).toBe(before);
  });
});
