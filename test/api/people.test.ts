import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
let members: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: AuthHeaders;
let admin: AuthHeaders;

beforeAll(async () => {
  t = await createTestApp();
  members = await withFiveMembers(t);
  staff = await t.signIn('staff');
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

const post = (url: string, headers: AuthHeaders, payload: object) => t.app.inject({ method: 'POST', url, headers, payload });
const patch = (url: string, headers: AuthHeaders, payload: object) => t.app.inject({ method: 'PATCH', url, headers, payload });

describe(`people, offices and designations (${TEST_DB})`, () => {
  it('records a person with offices in two capacities, designates one, and lists who may act for the member', async () => {
    const person = await post('/api/v1/people', staff, { name: 'Anna de Wit', email: 'anna@utrecht.example' });
    expect(person.statusCode).toBe(201);
    const id = person.json().id;
    const wethouder = await post(`/api/v1/people/${id}/offices`, staff, {
      memberId: members.Utrecht,
      kind: 'alderman',
      party: 'Stadsbelang Utrecht',
      partyIsLocal: true,
      startDate: '2024-01-01',
    });
    expect(wethouder.statusCode).toBe(201);
    const raadslid = await post(`/api/v1/people/${id}/offices`, staff, {
      memberId: members.Utrecht,
      kind: 'council-member',
      startDate: '2024-01-01',
      endDate: '2024-03-31',
    });
    expect(raadslid.statusCode).toBe(201);

    // Not yet designated: an office alone does not authorise.
    const before = await t.app.inject({ url: `/api/v1/members/${members.Utrecht}/representatives`, headers: staff });
    expect(before.json().items).toEqual([]);

    const designation = await post('/api/v1/designations', staff, { officeId: wethouder.json().id, startDate: '2024-02-01' });
    expect(designation.statusCode).toBe(201);
    // This staff member recorded the person, so could sign in as them: a second pair of eyes confirms (decision 0010).
    const pending = await t.app.inject({ url: `/api/v1/members/${members.Utrecht}/representatives`, headers: staff });
    expect(pending.json().items).toEqual([]);
    expect((await post(`/api/v1/designations/${designation.json().id}/confirm`, await t.signIn('admin'), {})).statusCode).toBe(204);
    const list = await t.app.inject({ url: `/api/v1/members/${members.Utrecht}/representatives`, headers: staff });
    expect(list.json().items).toEqual([
      expect.objectContaining({
        personId: id,
        name: 'Anna de Wit',
        email: 'anna@utrecht.example',
        capacity: 'alderman',
        party: 'Stadsbelang Utrecht',
        partyIsLocal: true,
        startDate: '2024-02-01',
      }),
    ]);
    // Before the designation started, nobody could act.
    const january = await t.app.inject({ url: `/api/v1/members/${members.Utrecht}/representatives?asOf=2024-01-15`, headers: staff });
    expect(january.json().items).toEqual([]);

    const detail = (await t.app.inject({ url: `/api/v1/people/${id}`, headers: staff })).json();
    expect(detail.roles).toEqual(['representative']);
    expect(detail.offices.map((o: { kind: string; active: boolean }) => `${o.kind}:${o.active}`).sort()).toEqual(['alderman:true', 'council-member:false']);

    // Ending the office ends the authority, whatever the designation says.
    expect((await patch(`/api/v1/offices/${wethouder.json().id}`, staff, { endDate: '2024-06-30' })).statusCode).toBe(204);
    const after = await t.app.inject({ url: `/api/v1/members/${members.Utrecht}/representatives?asOf=2024-07-01`, headers: staff });
    expect(after.json().items).toEqual([]);
  });

  it('shows representatives to any signed-in user, e-mail addresses only to staff, and nothing to the public', async () => {
    const rep = await t.signInPerson({ representativeOf: members.Vlissingen, kind: 'council-clerk' });
    const other = await t.signInPerson({ representativeOf: members.Groningen });
    expect((await t.app.inject({ url: `/api/v1/members/${members.Vlissingen}/representatives` })).statusCode).toBe(401);
    const seenByOther = await t.app.inject({ url: `/api/v1/members/${members.Vlissingen}/representatives`, headers: other.headers });
    expect(seenByOther.statusCode).toBe(200);
    expect(seenByOther.json().items).toHaveLength(1);
    expect(seenByOther.json().items[0].personId).toBe(rep.personId);
    expect(seenByOther.json().items[0].email).toBeUndefined();
  });

  it('refuses periods that do not fit and overlapping designations', async () => {
    const id = (await post('/api/v1/people', staff, { name: 'Bas Vos', email: 'bas@middelburg.example' })).json().id;
    const backwards = await post(`/api/v1/people/${id}/offices`, staff, {
      memberId: members.Middelburg,
      kind: 'mayor',
      startDate: '2024-05-01',
      endDate: '2024-04-01',
    });
    expect(backwards.statusCode).toBe(422);
    const beforeMember = await post(`/api/v1/people/${id}/offices`, staff, { memberId: members.Middelburg, kind: 'mayor', startDate: '2023-01-01' });
    expect(beforeMember.statusCode).toBe(422);
    const office = (
      await post(`/api/v1/people/${id}/offices`, staff, { memberId: members.Middelburg, kind: 'mayor', startDate: '2024-01-01', endDate: '2024-12-31' })
    ).json().id;
    expect((await post('/api/v1/designations', staff, { officeId: office, startDate: '2024-01-01' })).statusCode).toBe(422);
    expect((await post('/api/v1/designations', staff, { officeId: office, startDate: '2024-01-01', endDate: '2024-12-31' })).statusCode).toBe(201);
    expect((await post('/api/v1/designations', staff, { officeId: office, startDate: '2024-06-01', endDate: '2024-07-01' })).statusCode).toBe(409);
    const offices = await t.database.db.selectFrom('offices').select('id').where('person_id', '=', id).execute();
    expect(offices).toHaveLength(1);
    // Ending cannot stretch a designation beyond its office either.
    const second = await t.database.db.selectFrom('designations').select('id').where('office_id', '=', office).executeTakeFirstOrThrow();
    expect((await patch(`/api/v1/designations/${second.id}`, staff, { endDate: '2025-06-30' })).statusCode).toBe(422);
    expect((await patch(`/api/v1/designations/${second.id}`, staff, { endDate: '2024-09-30' })).statusCode).toBe(204);
  });

  it('lets only an administrator grant roles, records the change, and keeps staff away from administrators', async () => {
    const id = (await post('/api/v1/people', staff, { name: 'Chris Voorzitter', email: 'chris@test.example' })).json().id;
    expect((await post('/api/v1/people', staff, { name: 'Niet Toegestaan', email: 'nee@test.example', roles: ['admin'] })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/people/${id}/roles`, headers: staff, payload: { roles: ['chair'] } })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/v1/people/${id}/roles`, headers: admin, payload: { roles: ['chair', 'counting-committee'] } }))
        .statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: `/api/v1/people/${id}`, headers: staff })).json().roles.sort()).toEqual(['chair', 'counting-committee']);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'person.roles-changed')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit.data).toEqual({ before: [], after: ['chair', 'counting-committee'] });

    const adminId = (await t.app.inject({ url: '/api/v1/people?role=admin', headers: staff })).json().items[0].id;
    expect((await patch(`/api/v1/people/${adminId}`, staff, { disabled: true })).statusCode).toBe(403);
    // Nor can staff take over the chair's account by changing its e-mail address; an administrator can.
    expect((await patch(`/api/v1/people/${id}`, staff, { email: 'overgenomen@test.example' })).statusCode).toBe(403);
    expect((await patch(`/api/v1/people/${id}`, admin, { email: 'chris.nieuw@test.example' })).statusCode).toBe(204);
  });

  it('ends every session of a disabled account and refuses its sign-in', async () => {
    const rep = await t.signInPerson({ representativeOf: members.Amsterdam });
    expect((await t.app.inject({ url: '/api/v1/session', headers: rep.headers })).statusCode).toBe(200);
    expect((await patch(`/api/v1/people/${rep.personId}`, staff, { disabled: true })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/session', headers: rep.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: rep.email, password: rep.password } })).statusCode).toBe(401);
    // A disabled person no longer acts for the member.
    const list = await t.app.inject({ url: `/api/v1/members/${members.Amsterdam}/representatives`, headers: staff });
    expect(list.json().items).toEqual([]);
  });

  it('searches people by name and filters by member and role', async () => {
    const found = await t.app.inject({ url: '/api/v1/people?q=anna', headers: staff });
    expect(found.json().items.map((p: { name: string }) => p.name)).toEqual(['Anna de Wit']);
    const ofUtrecht = await t.app.inject({ url: `/api/v1/people?memberId=${members.Utrecht}`, headers: staff });
    expect(ofUtrecht.json().total).toBe(1);
    const chairs = await t.app.inject({ url: '/api/v1/people?role=chair', headers: staff });
    expect(chairs.json().items.map((p: { name: string }) => p.name)).toEqual(['Chris Voorzitter']);
  });

  it('lets staff turn off the second factor of someone who lost their phone', async () => {
    const rep = await t.signInPerson({ representativeOf: members.Groningen });
    await t.database.db.updateTable('people').set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: new Date() }).where('id', '=', rep.personId).execute();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: rep.email, password: rep.password } })).json().type).toBe(
      '/problems/totp-required',
    );
    expect((await patch(`/api/v1/people/${rep.personId}`, staff, { resetSecondFactor: true })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: rep.email, password: rep.password } })).statusCode).toBe(201);
  });
});
