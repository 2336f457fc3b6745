import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { addProfileVersion, profileAsOf } from '../../src/profile/store.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
let m: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: AuthHeaders;
let mayorUtrecht: SignedIn;
let aldermanUtrecht: SignedIn;
let mayorMiddelburg: SignedIn;
let clerkVlissingen: SignedIn;
let mayorGroningen: SignedIn;
let mayorAmsterdam: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  mayorUtrecht = await t.signInPerson({ representativeOf: m.Utrecht, name: 'Burgemeester Utrecht' });
  aldermanUtrecht = await t.signInPerson({ representativeOf: m.Utrecht, kind: 'alderman', name: 'Wethouder Utrecht' });
  mayorMiddelburg = await t.signInPerson({ representativeOf: m.Middelburg, name: 'Burgemeester Middelburg' });
  clerkVlissingen = await t.signInPerson({ representativeOf: m.Vlissingen, kind: 'council-clerk', name: 'Griffier Vlissingen' });
  mayorGroningen = await t.signInPerson({ representativeOf: m.Groningen, name: 'Burgemeester Groningen' });
  mayorAmsterdam = await t.signInPerson({ representativeOf: m.Amsterdam, name: 'Burgemeester Amsterdam' });
});
afterAll(() => t.close());

async function newMeeting(): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/meetings',
    headers: staff,
    payload: { kind: 'alv', title: 'Algemene Ledenvergadering', date: '2024-06-12', location: 'Den Haag' },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}
const checkIn = (meeting: string, who: SignedIn | AuthHeaders, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/meetings/${meeting}/check-ins`, headers: 'headers' in who ? who.headers : who, payload });
const grant = (meeting: string, who: SignedIn | AuthHeaders, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/meetings/${meeting}/proxies`, headers: 'headers' in who ? who.headers : who, payload });
const attendance = async (meeting: string) => (await t.app.inject({ url: `/api/v1/meetings/${meeting}/attendance`, headers: staff })).json();

describe(`check-in: who holds a member's vote (${TEST_DB})`, () => {
  it('lets a representative check in for their own member only, once, and records the capacity', async () => {
    const meeting = await newMeeting();
    expect((await checkIn(meeting, mayorUtrecht, { memberId: m.Middelburg })).statusCode).toBe(403);
    // Staff at the door cannot check in someone who is not designated either.
    expect((await checkIn(meeting, staff, { memberId: m.Middelburg, personId: mayorUtrecht.personId })).statusCode).toBe(422);
    const own = await checkIn(meeting, mayorUtrecht, { memberId: m.Utrecht });
    expect(own.statusCode).toBe(201);
    expect((await checkIn(meeting, mayorUtrecht, { memberId: m.Utrecht })).statusCode).toBe(409);
    // Checking in someone else is for staff at the door.
    expect((await checkIn(meeting, mayorUtrecht, { memberId: m.Utrecht, personId: aldermanUtrecht.personId })).statusCode).toBe(403);
    const a = await attendance(meeting);
    expect(a.voteHolders).toEqual([
      { memberId: m.Utrecht, memberName: 'Utrecht', personId: mayorUtrecht.personId, personName: 'Burgemeester Utrecht', via: 'check-in', holderPresent: true },
    ]);
    expect(a.checkIns[0]).toMatchObject({ capacity: 'mayor', checkedOutAt: null, checkedInBy: 'Burgemeester Utrecht' });
    // Every signed-in user reads attendance: names, never e-mail addresses.
    expect(JSON.stringify(a)).not.toContain('@');
  });

  it('lets a substitute take over, keeping who acted when', async () => {
    const meeting = await newMeeting();
    await checkIn(meeting, mayorUtrecht, { memberId: m.Utrecht });
    const refused = await checkIn(meeting, aldermanUtrecht, { memberId: m.Utrecht });
    expect(refused.statusCode).toBe(409);
    const takeOver = await checkIn(meeting, aldermanUtrecht, { memberId: m.Utrecht, takeOver: true });
    expect(takeOver.statusCode).toBe(201);
    const a = await attendance(meeting);
    expect(a.voteHolders.map((h: { personName: string }) => h.personName)).toEqual(['Wethouder Utrecht']);
    expect(
      a.checkIns.map((c: { personName: string; capacity: string; checkedOutAt: string | null }) => [c.personName, c.capacity, c.checkedOutAt !== null]),
    ).toEqual([
      ['Burgemeester Utrecht', 'mayor', true],
      ['Wethouder Utrecht', 'alderman', false],
    ]);
    // Staff at the door hand the vote back to the mayor.
    expect((await checkIn(meeting, staff, { memberId: m.Utrecht, personId: mayorUtrecht.personId, takeOver: true })).statusCode).toBe(201);
    expect((await attendance(meeting)).voteHolders[0].personName).toBe('Burgemeester Utrecht');
  });

  it('checks out: the person themself or staff, not another representative', async () => {
    const meeting = await newMeeting();
    const id = (await checkIn(meeting, mayorGroningen, { memberId: m.Groningen })).json().id;
    const url = `/api/v1/meetings/${meeting}/check-ins/${id}/check-out`;
    expect((await t.app.inject({ method: 'POST', url, headers: mayorUtrecht.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: mayorGroningen.headers })).statusCode).toBe(204);
    expect((await attendance(meeting)).voteHolders).toEqual([]);
  });
});

describe(`proxies (volmacht) (${TEST_DB})`, () => {
  it('enforces the maximum per representative from the profile', async () => {
    const meeting = await newMeeting();
    expect((await profileAsOf(t.database.db, '2024-06-12')).proxies.maxPerRepresentative).toBe(1);
    const first = await grant(meeting, mayorMiddelburg, { grantorMemberId: m.Middelburg, holderPersonId: mayorUtrecht.personId, holderMemberId: m.Utrecht });
    expect(first.statusCode).toBe(201);
    const second = await grant(meeting, clerkVlissingen, { grantorMemberId: m.Vlissingen, holderPersonId: mayorUtrecht.personId, holderMemberId: m.Utrecht });
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toMatch(/maximum/);
    // Another representative of the same member may still hold one.
    const toAlderman = await grant(meeting, clerkVlissingen, {
      grantorMemberId: m.Vlissingen,
      holderPersonId: aldermanUtrecht.personId,
      holderMemberId: m.Utrecht,
    });
    expect(toAlderman.statusCode).toBe(201);

    await checkIn(meeting, mayorUtrecht, { memberId: m.Utrecht });
    const present = (await attendance(meeting)).present;
    // Utrecht (75) and Middelburg by proxy (50) count; Vlissingen's holder is not checked in.
    expect(present).toEqual({ members: 2, voteWeight: 125, ofMembers: 5, ofVoteWeight: 75 + 50 + 45 + 75 + 75 });
    const holders = (await attendance(meeting)).voteHolders;
    expect(
      holders.map(
        (h: { memberName: string; personName: string; via: string; holderPresent: boolean }) => `${h.memberName}:${h.personName}:${h.via}:${h.holderPresent}`,
      ),
    ).toEqual(['Middelburg:Burgemeester Utrecht:proxy:true', 'Utrecht:Burgemeester Utrecht:check-in:true', 'Vlissingen:Wethouder Utrecht:proxy:false']);
  });

  it("is given only by the member itself or staff, to another member's designated representative, without chains", async () => {
    const meeting = await newMeeting();
    // A representative cannot give away another member's vote.
    expect(
      (await grant(meeting, mayorUtrecht, { grantorMemberId: m.Middelburg, holderPersonId: mayorUtrecht.personId, holderMemberId: m.Utrecht })).statusCode,
    ).toBe(403);
    // The holder must be designated for the member named.
    expect(
      (await grant(meeting, mayorMiddelburg, { grantorMemberId: m.Middelburg, holderPersonId: mayorUtrecht.personId, holderMemberId: m.Groningen })).statusCode,
    ).toBe(422);
    expect(
      (await grant(meeting, staff, { grantorMemberId: m.Groningen, holderPersonId: mayorAmsterdam.personId, holderMemberId: m.Amsterdam })).statusCode,
    ).toBe(201);
    // Amsterdam holds Groningen's vote, so it cannot give its own away, and nobody can pass a proxy to Groningen's people.
    expect(
      (await grant(meeting, mayorAmsterdam, { grantorMemberId: m.Amsterdam, holderPersonId: mayorUtrecht.personId, holderMemberId: m.Utrecht })).statusCode,
    ).toBe(409);
    expect(
      (await grant(meeting, mayorMiddelburg, { grantorMemberId: m.Middelburg, holderPersonId: mayorGroningen.personId, holderMemberId: m.Groningen }))
        .statusCode,
    ).toBe(409);
  });

  it('can be revoked, once, by the granting member', async () => {
    const meeting = await newMeeting();
    const id = (
      await grant(meeting, mayorMiddelburg, { grantorMemberId: m.Middelburg, holderPersonId: mayorUtrecht.personId, holderMemberId: m.Utrecht })
    ).json().id;
    const url = `/api/v1/meetings/${meeting}/proxies/${id}/revoke`;
    expect((await t.app.inject({ method: 'POST', url, headers: mayorUtrecht.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: mayorMiddelburg.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url, headers: mayorMiddelburg.headers })).statusCode).toBe(409);
    const a = await attendance(meeting);
    expect(a.proxies[0]).toMatchObject({ revocationReason: 'revoked' });
    expect(a.voteHolders).toEqual([]);
    // Once revoked, the member may give a new one.
    expect(
      (await grant(meeting, mayorMiddelburg, { grantorMemberId: m.Middelburg, holderPersonId: aldermanUtrecht.personId, holderMemberId: m.Utrecht }))
        .statusCode,
    ).toBe(201);
  });

  it('lapses when the member checks in itself, and a present member cannot give one', async () => {
    const meeting = await newMeeting();
    await grant(meeting, mayorMiddelburg, { grantorMemberId: m.Middelburg, holderPersonId: mayorUtrecht.personId, holderMemberId: m.Utrecht });
    expect((await checkIn(meeting, mayorMiddelburg, { memberId: m.Middelburg })).statusCode).toBe(201);
    const a = await attendance(meeting);
    expect(a.proxies[0]).toMatchObject({ revocationReason: 'member-checked-in' });
    expect(a.voteHolders).toEqual([expect.objectContaining({ memberName: 'Middelburg', personName: 'Burgemeester Middelburg', via: 'check-in' })]);
    const present = await grant(meeting, mayorMiddelburg, {
      grantorMemberId: m.Middelburg,
      holderPersonId: aldermanUtrecht.personId,
      holderMemberId: m.Utrecht,
    });
    expect(present.statusCode).toBe(409);
    const audit = await t.database.db.selectFrom('audit_log').select('data').where('action', '=', 'proxy.revoked').where('entity_id', '=', meeting).execute();
    expect(audit.map((r) => r.data.reason)).toEqual(['member-checked-in']);
  });

  it('follows a profile that forbids proxies', async () => {
    const current = await profileAsOf(t.database.db, '2024-06-12');
    await addProfileVersion(
      t.database.db,
      systemActor('test'),
      { effectiveFrom: '2025-01-01', reason: 'geen volmachten', document: { ...current, proxies: { ...current.proxies, allowed: false } } },
      '2024-12-01',
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      headers: staff,
      payload: { kind: 'balv', title: 'BALV', date: '2025-11-20' },
    });
    const refused = await grant(response.json().id, mayorMiddelburg, {
      grantorMemberId: m.Middelburg,
      holderPersonId: mayorUtrecht.personId,
      holderMemberId: m.Utrecht,
    });
    expect(refused.statusCode).toBe(422);
  });

  it('stays within the maximum when two members give their vote to the same person at once', async () => {
    const meeting = await newMeeting();
    const results = await Promise.all([
      grant(meeting, mayorMiddelburg, { grantorMemberId: m.Middelburg, holderPersonId: mayorAmsterdam.personId, holderMemberId: m.Amsterdam }),
      grant(meeting, clerkVlissingen, { grantorMemberId: m.Vlissingen, holderPersonId: mayorAmsterdam.personId, holderMemberId: m.Amsterdam }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});
