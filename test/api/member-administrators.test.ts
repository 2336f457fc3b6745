import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { addProfileVersion } from '../../src/profile/store.js';
import { vngProfile } from '../../src/profile/vng.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
let admin: AuthHeaders;
let staff: AuthHeaders;
let otherStaff: AuthHeaders;
let secretary: SignedIn;
let members: Awaited<ReturnType<typeof withFiveMembers>>;
let utrechtOffice: string;
let middelburgOffice: string;

const inject = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: AuthHeaders, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, 'accept-language': 'nl' }, ...(payload ? { payload } : {}) });

async function officeHolder(memberId: string, email: string, kind: string): Promise<string> {
  const person = await inject('POST', '/people', staff, { name: email.split('@')[0]!, email });
  const office = await inject('POST', `/people/${person.json().id}/offices`, staff, { memberId, kind, startDate: '2024-01-01' });
  expect(office.statusCode, office.body).toBe(201);
  return office.json().id;
}

const auditOf = (action: string) => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp();
  members = await withFiveMembers(t);
  admin = await t.signIn('admin');
  staff = await t.signIn('staff');
  otherStaff = await t.signIn('staff');
  secretary = await t.signInPerson({ name: 'Secretaris Utrecht' });
  utrechtOffice = await officeHolder(members.Utrecht, 'wethouder@utrecht.example', 'alderman');
  middelburgOffice = await officeHolder(members.Middelburg, 'wethouder@middelburg.example', 'alderman');
});
afterAll(() => t.close());

describe(`member administrators (${TEST_DB})`, () => {
  it('is granted for one member by an administrator only, and audited', async () => {
    expect((await inject('GET', `/members/${members.Utrecht}/office-holders`, secretary.headers)).statusCode).toBe(403);
    expect((await inject('PUT', `/members/${members.Utrecht}/administrators/${secretary.personId}`, staff)).statusCode).toBe(403);
    expect((await inject('PUT', `/members/${members.Utrecht}/administrators/${secretary.personId}`, admin)).statusCode).toBe(204);
    const listed = (await inject('GET', `/members/${members.Utrecht}/administrators`, staff)).json();
    expect(listed.items.map((a: { personId: string }) => a.personId)).toEqual([secretary.personId]);
    const me = (await inject('GET', '/people/me', secretary.headers)).json();
    expect(me.administers).toEqual([{ memberId: members.Utrecht, memberName: 'Utrecht' }]);
    expect(me.roles).toEqual(['member-administrator']);
    const [granted] = await auditOf('member-administrator.granted');
    expect(granted).toMatchObject({ entity_id: secretary.personId, data: { memberId: members.Utrecht } });
  });

  it("lets the member administrator see and designate their own member's people, and nobody else's", async () => {
    const holders = await inject('GET', `/members/${members.Utrecht}/office-holders`, secretary.headers);
    expect(holders.statusCode).toBe(200);
    expect(holders.json().items.map((h: { email: string }) => h.email)).toEqual(['wethouder@utrecht.example']);
    expect((await inject('GET', `/members/${members.Middelburg}/office-holders`, secretary.headers)).statusCode).toBe(403);

    const made = await inject('POST', `/members/${members.Utrecht}/designations`, secretary.headers, { officeId: utrechtOffice, startDate: '2024-02-01' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().status).toBe('in-force');
    const [created] = (await auditOf('designation.created')).filter((a) => a.entity_id === made.json().id);
    expect(created).toMatchObject({ actor_id: secretary.personId, data: { memberId: members.Utrecht } });

    // Another member's office, through their own member's route or the other member's: refused.
    expect(
      (await inject('POST', `/members/${members.Utrecht}/designations`, secretary.headers, { officeId: middelburgOffice, startDate: '2024-02-01' })).statusCode,
    ).toBe(404);
    expect(
      (await inject('POST', `/members/${members.Middelburg}/designations`, secretary.headers, { officeId: middelburgOffice, startDate: '2024-02-01' }))
        .statusCode,
    ).toBe(403);
    // Nor the association-wide routes, nor granting roles.
    expect((await inject('POST', '/designations', secretary.headers, { officeId: utrechtOffice, startDate: '2025-01-01' })).statusCode).toBe(403);
    expect((await inject('PUT', `/people/${secretary.personId}/roles`, secretary.headers, { roles: ['staff'] })).statusCode).toBe(403);
    expect((await inject('PUT', `/members/${members.Middelburg}/administrators/${secretary.personId}`, secretary.headers)).statusCode).toBe(403);

    const ended = await inject('PATCH', `/members/${members.Utrecht}/designations/${made.json().id}`, secretary.headers, { endDate: '2024-12-31' });
    expect(ended.statusCode, ended.body).toBe(204);
    const staffMade = await inject('POST', '/designations', staff, { officeId: middelburgOffice, startDate: '2024-02-01' });
    expect(
      (await inject('PATCH', `/members/${members.Utrecht}/designations/${staffMade.json().id}`, secretary.headers, { endDate: '2024-12-31' })).statusCode,
    ).toBe(404);
    expect(
      (await inject('PATCH', `/members/${members.Middelburg}/designations/${staffMade.json().id}`, secretary.headers, { endDate: '2024-12-31' })).statusCode,
    ).toBe(403);
  });

  it("waits for the association's confirmation where the profile asks; staff confirm or refuse with a reason", async () => {
    await addProfileVersion(
      t.database.db,
      systemActor('test'),
      {
        effectiveFrom: '2020-01-01',
        reason: 'member administrators need confirmation',
        document: { ...vngProfile, designations: { memberAdministratorsNeedConfirmation: true, source: 'Test' } },
      },
      '2019-01-01',
    );
    const first = await inject('POST', `/members/${members.Utrecht}/designations`, secretary.headers, {
      officeId: utrechtOffice,
      startDate: '2025-01-01',
      endDate: '2025-06-30',
    });
    expect(first.json().status).toBe('pending');
    const pending = (await inject('GET', '/designations/pending', staff)).json();
    expect(pending.items.map((d: { id: string }) => d.id)).toContain(first.json().id);
    // The member administrator cannot confirm, not even their own.
    expect((await inject('POST', `/designations/${first.json().id}/confirm`, secretary.headers)).statusCode).toBe(403);

    const refused = await inject('POST', `/designations/${first.json().id}/refusal`, staff, { reason: 'Geen besluit van het college bijgevoegd.' });
    expect(refused.statusCode, refused.body).toBe(204);
    const holders = (await inject('GET', `/members/${members.Utrecht}/office-holders`, secretary.headers)).json();
    const designation = holders.items[0].offices[0].designations.find((d: { id: string }) => d.id === first.json().id);
    expect(designation).toMatchObject({ status: 'revoked', decisionReason: 'Geen besluit van het college bijgevoegd.' });
    const [revoked] = (await auditOf('designation.revoked')).filter((a) => a.entity_id === first.json().id);
    expect(revoked?.data).toMatchObject({ reason: 'Geen besluit van het college bijgevoegd.' });

    const second = await inject('POST', `/members/${members.Utrecht}/designations`, secretary.headers, { officeId: utrechtOffice, startDate: '2025-01-01' });
    expect(second.json().status).toBe('pending');
    expect((await inject('POST', `/designations/${second.json().id}/confirm`, otherStaff)).statusCode).toBe(204);
    const after = (await inject('GET', `/members/${members.Utrecht}/office-holders`, staff)).json();
    expect(after.items[0].offices[0].designations.find((d: { id: string }) => d.id === second.json().id).status).toBe('in-force');
    // Staff designating through the member's route are not held for the association (four-eyes aside: another staff member recorded the person).
    const byStaff = await inject('POST', `/members/${members.Middelburg}/designations`, otherStaff, {
      officeId: middelburgOffice,
      startDate: '2024-01-01',
      endDate: '2024-01-31',
    });
    expect(byStaff.json().status, byStaff.body).toBe('in-force');
  });

  it('ends with the grant: the administrator loses access to the member', async () => {
    expect((await inject('DELETE', `/members/${members.Utrecht}/administrators/${secretary.personId}`, admin)).statusCode).toBe(204);
    expect((await inject('GET', `/members/${members.Utrecht}/office-holders`, secretary.headers)).statusCode).toBe(403);
    expect((await auditOf('member-administrator.revoked')).length).toBe(1);
  });
});
