import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castBallot } from '../../src/voting/ballots.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * Issue 11, mandates and roles (decision 0010): a check-in, a proxy and a ballot rest on a mandate in
 * force; ending the designation, the office or the account ends them at once. And nobody gives
 * themselves authority to vote: a designation an account makes for itself, or for a person it
 * created, invited or re-addressed, waits for a second staff member or administrator.
 */

let t: TestApp;
let m: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: SignedIn;
let otherStaff: SignedIn;
let chair: AuthHeaders;
const reps = {} as Record<'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam', SignedIn>;
let meetingId: string;
const items: string[] = [];

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: AuthHeaders | Record<string, string> = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { 'accept-language': 'nl', ...headers }, ...(payload ? { payload } : {}) });
async function ok(method: 'GET' | 'POST' | 'PATCH', url: string, headers: AuthHeaders, payload?: object) {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}
const cast = (pollId: string, who: SignedIn, memberId: string, option = 'for') =>
  api('POST', `/polls/${pollId}/ballots`, who.headers, { memberId, option, clientBallotId: randomUUID() });
const openRealPoll = async () => (await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: items.shift()! } })).id as string;
const attendance = () => ok('GET', `/meetings/${meetingId}/attendance`, staff.headers);
const designationOf = async (personId: string) => {
  const office = await t.database.db.selectFrom('offices').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow();
  return {
    officeId: office.id,
    designationId: (await t.database.db.selectFrom('designations').select('id').where('office_id', '=', office.id).executeTakeFirstOrThrow()).id,
  };
};
const audit = (action: string) =>
  t.database.db.selectFrom('audit_log').select(['actor_id', 'actor_label', 'entity_id', 'data']).where('action', '=', action).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp();
  m = await withFiveMembers(t);
  staff = await t.signInPerson({ roles: ['staff'], name: 'Sanne Staf' });
  otherStaff = await t.signInPerson({ roles: ['staff'], name: 'Tweede Staf' });
  chair = await t.signIn('chair');
  for (const name of Object.keys(m) as (keyof typeof m)[]) reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
  meetingId = (await ok('POST', '/meetings', staff.headers, { kind: 'alv', title: 'ALV', date: '2024-06-12' })).id;
  for (const title of ['Jaarrekening', 'Begroting', 'Contributie', 'Werkplan', 'Benoeming', 'Statuten']) {
    items.push(
      (
        await ok('POST', `/meetings/${meetingId}/agenda-items`, staff.headers, {
          title,
          purpose: 'decision',
          decisionText: `De ALV stelt ${title.toLowerCase()} vast.`,
        })
      ).id,
    );
  }
  await ok('POST', `/meetings/${meetingId}/open`, chair);
  await appointCommittees(t, meetingId, { staff: staff.headers, chair });
  for (const name of ['Utrecht', 'Middelburg', 'Vlissingen', 'Groningen'] as const)
    await ok('POST', `/meetings/${meetingId}/check-ins`, reps[name].headers, { memberId: m[name] });
  // Amsterdam gives its vote to Utrecht's mayor.
  await ok('POST', `/meetings/${meetingId}/proxies`, reps.Amsterdam.headers, {
    grantorMemberId: m.Amsterdam,
    holderPersonId: reps.Utrecht.personId,
    holderMemberId: m.Utrecht,
  });
});
afterAll(() => t.close());

describe(`mandates in force (${TEST_DB})`, () => {
  it('checks out a representative whose designation ended mid-meeting, drops the proxy they held, refuses their ballot in the open poll and leaves them out of the next', async () => {
    const open = await openRealPoll();
    expect((await ok('GET', `/polls/${open}/my-ballots`, reps.Utrecht.headers)).members).toHaveLength(2);

    // The mandate's last day was the day before the meeting.
    const { designationId } = await designationOf(reps.Utrecht.personId);
    expect((await api('PATCH', `/designations/${designationId}`, staff.headers, { endDate: '2024-06-11' })).statusCode).toBe(204);

    const after = await attendance();
    const checkIn = after.checkIns.find((c: { personId: string }) => c.personId === reps.Utrecht.personId);
    expect(checkIn).toMatchObject({ checkoutReason: 'mandate-ended', checkedOutBy: 'Sanne Staf' });
    expect(checkIn.checkedOutAt).not.toBeNull();
    expect(after.proxies.find((p: { grantorMemberId: string }) => p.grantorMemberId === m.Amsterdam)).toMatchObject({ revocationReason: 'mandate-ended' });
    expect(after.voteHolders.map((h: { memberId: string }) => h.memberId)).not.toEqual(expect.arrayContaining([m.Utrecht]));
    expect(after.voteHolders.map((h: { memberId: string }) => h.memberId)).not.toEqual(expect.arrayContaining([m.Amsterdam]));

    // The open poll froze Utrecht's and Amsterdam's votes with this person; the ballots are refused all the same.
    for (const member of [m.Utrecht, m.Amsterdam]) {
      const refused = await cast(open, reps.Utrecht, member);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ type: '/problems/mandate-ended', detail: expect.stringContaining('niet meer aangewezen') });
    }
    expect((await ok('GET', `/polls/${open}`, chair)).progress.votedMembers).toBe(0);
    await ok('POST', `/polls/${open}/close`, chair);

    const next = await openRealPoll();
    expect((await ok('GET', `/polls/${next}/my-ballots`, reps.Utrecht.headers)).members).toEqual([]);
    expect((await cast(next, reps.Utrecht, m.Utrecht)).statusCode).toBe(403);
    await ok('POST', `/polls/${next}/close`, chair);

    const ended = (await audit('check-in.ended')).filter((a) => (a.data as { personId?: string }).personId === reps.Utrecht.personId);
    expect(ended).toEqual([
      expect.objectContaining({ actor_id: staff.personId, data: expect.objectContaining({ reason: 'mandate-ended', cause: 'designation-ended' }) }),
    ]);
  });

  it('does the same when the office ends', async () => {
    const open = await openRealPoll();
    const { officeId } = await designationOf(reps.Middelburg.personId);
    expect((await api('PATCH', `/offices/${officeId}`, staff.headers, { endDate: '2024-06-11' })).statusCode).toBe(204);

    const checkIn = (await attendance()).checkIns.find((c: { personId: string }) => c.personId === reps.Middelburg.personId);
    expect(checkIn).toMatchObject({ checkoutReason: 'mandate-ended' });
    const refused = await cast(open, reps.Middelburg, m.Middelburg);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('/problems/mandate-ended');
    await ok('POST', `/polls/${open}/close`, chair);

    const next = await openRealPoll();
    expect((await ok('GET', `/polls/${next}/my-ballots`, reps.Middelburg.headers)).members).toEqual([]);
    await ok('POST', `/polls/${next}/close`, chair);
  });

  it('does the same when the account is blocked, even for a ballot sent over a session that outlived the block', async () => {
    const open = await openRealPoll();
    expect((await api('PATCH', `/people/${reps.Vlissingen.personId}`, staff.headers, { disabled: true })).statusCode).toBe(204);

    const checkIn = (await attendance()).checkIns.find((c: { personId: string }) => c.personId === reps.Vlissingen.personId);
    expect(checkIn).toMatchObject({ checkoutReason: 'mandate-ended' });
    // The block ends the sessions; a ballot still in flight (another instance, a cached session) meets the cast-time check.
    expect((await cast(open, reps.Vlissingen, m.Vlissingen)).statusCode).toBe(401);
    await expect(
      castBallot(
        t.database.db,
        { actor: { id: reps.Vlissingen.personId, label: 'Vlissingen' }, subject: { id: reps.Vlissingen.personId, roles: ['representative'] } },
        open,
        {
          memberId: m.Vlissingen,
          option: 'for',
          clientBallotId: randomUUID(),
        },
      ),
    ).rejects.toMatchObject({
      status: 403,
      slug: 'mandate-ended',
    });
    // Groningen's representative is unaffected.
    expect((await cast(open, reps.Groningen, m.Groningen)).statusCode).toBe(201);
    await ok('POST', `/polls/${open}/close`, chair);

    const next = await openRealPoll();
    const poll = await ok('GET', `/polls/${next}`, chair);
    expect(poll.progress.entitledMembers).toBe(1);
    await ok('POST', `/polls/${next}/close`, chair);
  });
});

describe(`four-eyes designations (${TEST_DB})`, () => {
  it("keeps a staff member's self-designation pending: no check-in, no vote, not confirmed by themself, confirmed by another with both in the audit trail", async () => {
    const officeId = (await ok('POST', `/people/${staff.personId}/offices`, staff.headers, { memberId: m.Amsterdam, kind: 'staff', startDate: '2024-01-01' }))
      .id;
    const recorded = await ok('POST', '/designations', staff.headers, { officeId, startDate: '2024-01-01' });
    expect(recorded.status).toBe('pending');
    const designationId = recorded.id;

    const me = await ok('GET', '/people/me', staff.headers);
    expect(me.offices[0].designations[0]).toMatchObject({ id: designationId, status: 'pending', active: false });
    expect(me.roles).not.toContain('representative');
    const pending = await ok('GET', '/designations/pending', otherStaff.headers);
    expect(pending.items).toEqual([
      expect.objectContaining({
        id: designationId,
        personId: staff.personId,
        memberName: 'Amsterdam',
        requestedById: staff.personId,
        requestedBy: expect.stringContaining('Sanne Staf'),
      }),
    ]);

    // No right to act while pending: no check-in, so no vote.
    const checkIn = await api('POST', `/meetings/${meetingId}/check-ins`, staff.headers, { memberId: m.Amsterdam });
    expect(checkIn.statusCode).toBe(403);
    expect(checkIn.json()).toMatchObject({ type: '/problems/designation-pending', detail: expect.stringContaining('wacht nog op bevestiging') });
    const poll = (await ok('POST', '/polls', chair, { meetingId, subject: { type: 'trial' } })).id;
    expect((await ok('GET', `/polls/${poll}/my-ballots`, staff.headers)).members).toEqual([]);
    expect((await cast(poll, staff, m.Amsterdam)).statusCode).toBe(403);
    await ok('POST', `/polls/${poll}/close`, chair);

    const own = await api('POST', `/designations/${designationId}/confirm`, staff.headers);
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ type: '/problems/four-eyes', detail: expect.stringContaining('Vier ogen') });
    expect((await api('POST', `/designations/${designationId}/confirm`, otherStaff.headers)).statusCode).toBe(204);
    expect((await api('POST', `/designations/${designationId}/confirm`, otherStaff.headers)).statusCode).toBe(409);

    const [created] = (await audit('designation.created')).filter((a) => a.entity_id === designationId);
    expect(created).toMatchObject({ actor_id: staff.personId, data: expect.objectContaining({ status: 'pending' }) });
    const [confirmed] = (await audit('designation.confirmed')).filter((a) => a.entity_id === designationId);
    expect(confirmed).toMatchObject({
      actor_id: otherStaff.personId,
      data: expect.objectContaining({ requestedById: staff.personId, confirmedById: otherStaff.personId }),
    });
    expect(confirmed!.data).toMatchObject({ requestedBy: expect.stringContaining('Sanne Staf'), confirmedBy: expect.stringContaining('Tweede Staf') });

    // Confirmed, the designation gives the right to act.
    expect((await api('POST', `/meetings/${meetingId}/check-ins`, staff.headers, { memberId: m.Amsterdam })).statusCode).toBe(201);
  });

  it('holds a designation for a person the same account created, and lets anyone managing people withdraw it', async () => {
    const personId = (await ok('POST', '/people', staff.headers, { name: 'Nep Persoon', email: 'nep@test.example' })).id;
    const officeId = (await ok('POST', `/people/${personId}/offices`, staff.headers, { memberId: m.Groningen, kind: 'alderman', startDate: '2024-01-01' })).id;
    const designationId = (await ok('POST', '/designations', staff.headers, { officeId, startDate: '2024-01-01' })).id;
    expect(
      (await ok('GET', `/members/${m.Groningen}/representatives?asOf=2024-06-12`, staff.headers)).items.map((r: { personId: string }) => r.personId),
    ).not.toContain(personId);
    expect((await api('POST', `/designations/${designationId}/confirm`, staff.headers)).statusCode).toBe(403);
    expect((await api('POST', `/designations/${designationId}/revoke`, otherStaff.headers)).statusCode).toBe(204);
    expect((await ok('GET', '/designations/pending', otherStaff.headers)).items.map((d: { id: string }) => d.id)).not.toContain(designationId);
    expect((await api('POST', `/designations/${designationId}/confirm`, otherStaff.headers)).statusCode).toBe(409);
  });

  it('suspends the designations of a representative whose e-mail address staff change, so staff cannot take the account over and vote', async () => {
    const before = (await attendance()).checkIns.find(
      (c: { personId: string; checkedOutAt: string | null }) => c.personId === reps.Groningen.personId && !c.checkedOutAt,
    );
    expect(before).toBeDefined();
    expect((await api('PATCH', `/people/${reps.Groningen.personId}`, staff.headers, { email: 'aanvaller@test.example' })).statusCode).toBe(204);

    const after = (await attendance()).checkIns.find((c: { id: string }) => c.id === before.id);
    expect(after).toMatchObject({ checkoutReason: 'mandate-ended' });
    const { designationId } = await designationOf(reps.Groningen.personId);
    expect((await ok('GET', '/designations/pending', otherStaff.headers)).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: designationId, requestedById: staff.personId })]),
    );
    const refused = await api('POST', `/meetings/${meetingId}/check-ins`, reps.Groningen.headers, { memberId: m.Groningen });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('/problems/designation-pending');
    // Nor may a pending designation file a motion for the member.
    const item = (await ok('POST', `/meetings/${meetingId}/agenda-items`, staff.headers, { title: 'Rondvraag jeugdzorg', purpose: 'discussion' })).id;
    const motion = {
      meetingId,
      agendaItemId: item,
      title: 'Tekorten jeugdzorg',
      memberIds: [m.Groningen],
      considerations: 'Gemeenten kampen met tekorten.',
      request: 'Verzoekt het bestuur het Rijk aan te spreken.',
    };
    expect((await api('POST', '/motions', reps.Groningen.headers, motion)).statusCode).toBe(403);
    // Who changed the address cannot restore the authority alone; a second staff member can.
    expect((await api('POST', `/designations/${designationId}/confirm`, staff.headers)).statusCode).toBe(403);
    expect((await api('POST', `/designations/${designationId}/confirm`, otherStaff.headers)).statusCode).toBe(204);
    expect((await api('POST', `/meetings/${meetingId}/check-ins`, reps.Groningen.headers, { memberId: m.Groningen })).statusCode).toBe(201);
    expect((await api('POST', '/motions', reps.Groningen.headers, motion)).statusCode).toBe(201);
  });
});
