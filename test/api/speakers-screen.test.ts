import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { listenOnFreePort, openSse } from '../support/live.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * The speakers' list as a queue and the projector's content (issue 12): a representative asks to speak
 * for themself on the item in hand, the chair gives the floor; the chair chooses what the hall's
 * screen shows, and a secret vote has no running result there either.
 */
let t: TestApp;
let m: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: AuthHeaders;
let chair: AuthHeaders;
let utrecht: SignedIn;
let middelburg: SignedIn;
let groningen: SignedIn;
let meetingId: string;
let itemId: string;
let otherItemId: string;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listenOnFreePort(t.app);
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  utrecht = await t.signInPerson({ representativeOf: m.Utrecht, name: 'Burgemeester Utrecht' });
  middelburg = await t.signInPerson({ representativeOf: m.Middelburg, name: 'Burgemeester Middelburg' });
  groningen = await t.signInPerson({ representativeOf: m.Groningen, name: 'Burgemeester Groningen' });
  meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV', date: '2024-06-12' })).id;
  itemId = (
    await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, { title: 'Begroting', purpose: 'decision', decisionText: 'De ALV stelt de begroting vast.' })
  ).id;
  otherItemId = (
    await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, {
      title: 'Jaarrekening',
      purpose: 'decision',
      decisionText: 'De ALV stelt de jaarrekening vast.',
    })
  ).id;
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const api = (method: Method, url: string, headers: AuthHeaders | Record<string, never> = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { 'accept-language': 'nl', ...headers }, ...(payload ? { payload } : {}) });
async function ok(method: Method, url: string, headers: AuthHeaders | Record<string, never>, payload?: object) {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}
const ask = (who: SignedIn, round: 1 | 2, item = itemId) => api('POST', `/agenda-items/${item}/speaker-requests`, who.headers, { round });
const list = async (who: AuthHeaders | Record<string, never> = {}) =>
  (await ok('GET', `/agenda-items/${itemId}/speakers`, who)).items as {
    id: string;
    name: string;
    memberName: string;
    round: number;
    status: string;
    mine: boolean;
  }[];

describe(`asking to speak (${TEST_DB})`, () => {
  it('refuses before the meeting opens, off the current item, and without a check-in, each with its reason', async () => {
    expect((await api('POST', `/agenda-items/${itemId}/speaker-requests`, {}, { round: 1 })).statusCode).toBe(401);
    const closed = await ask(utrecht, 1);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toBe('De vergadering is niet geopend.');

    await ok('POST', `/meetings/${meetingId}/open`, chair);
    await ok('PUT', `/meetings/${meetingId}/current-item`, chair, { itemId });
    const notCheckedIn = await ask(utrecht, 1);
    expect(notCheckedIn.statusCode).toBe(409);
    expect(notCheckedIn.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(notCheckedIn.json().detail).toMatch(/U bent niet aangemeld bij deze vergadering/);
    // Staff and the chair ask no floor for themselves without a check-in either.
    expect((await api('POST', `/agenda-items/${itemId}/speaker-requests`, chair, { round: 1 })).statusCode).toBe(409);

    for (const [who, member] of [
      [utrecht, m.Utrecht],
      [middelburg, m.Middelburg],
      [groningen, m.Groningen],
    ] as const)
      await ok('POST', `/meetings/${meetingId}/check-ins`, who.headers, { memberId: member });
    const offItem = await ask(utrecht, 1, otherItemId);
    expect(offItem.statusCode).toBe(409);
    expect(offItem.json().detail).toMatch(/nu aan de orde/);
    const badRound = await ask(utrecht, 3 as 1);
    expect(badRound.statusCode).toBe(400);
    expect(await list()).toEqual([]);
  });

  it('puts a checked-in representative on the list once per round, for their own member, and audits it', async () => {
    expect((await ask(utrecht, 1)).statusCode).toBe(201);
    const twice = await ask(utrecht, 1);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('U staat al op de sprekerslijst voor de eerste termijn.');
    expect((await ask(middelburg, 1)).statusCode).toBe(201);
    expect((await ask(utrecht, 2)).statusCode).toBe(201);
    expect((await ask(groningen, 1)).statusCode).toBe(201);

    const speakers = await list(utrecht.headers);
    expect(speakers.map((s) => `${s.round}:${s.name} (${s.memberName}) ${s.status}${s.mine ? ' *' : ''}`)).toEqual([
      '1:Burgemeester Utrecht (Utrecht) waiting *',
      '1:Burgemeester Middelburg (Middelburg) waiting',
      '1:Burgemeester Groningen (Groningen) waiting',
      '2:Burgemeester Utrecht (Utrecht) waiting *',
    ]);
    const audit = await ok('GET', `/audit-log?entityId=${meetingId}&limit=100`, staff);
    expect(audit.items.filter((e: { action: string }) => e.action === 'speaker.requested')).toHaveLength(4);
  });

  it('lets the chair give the floor, end the turn and remove a request; a representative may only withdraw their own waiting request', async () => {
    const [first, second, third] = await list();
    expect((await api('PATCH', `/speakers/${first!.id}`, middelburg.headers, { status: 'withdrawn' })).statusCode).toBe(403);
    expect((await api('PATCH', `/speakers/${first!.id}`, utrecht.headers, { status: 'speaking' })).statusCode).toBe(409);
    expect((await api('PATCH', `/speakers/${first!.id}`, {}, { status: 'speaking' })).statusCode).toBe(401);

    await ok('PATCH', `/speakers/${first!.id}`, chair, { status: 'speaking' });
    expect((await list())[0]).toMatchObject({ id: first!.id, status: 'speaking' });
    // Giving the floor to the next ends the turn of whoever had it.
    await ok('PATCH', `/speakers/${second!.id}`, chair, { status: 'speaking' });
    const after = await list();
    expect(after.find((s) => s.id === first!.id)?.status).toBe('done');
    expect(after[0]).toMatchObject({ id: second!.id, status: 'speaking' });
    const finished = await api('PATCH', `/speakers/${first!.id}`, chair, { status: 'speaking' });
    expect(finished.statusCode).toBe(409);
    expect(finished.json().detail).toMatch(/al afgerond of ingetrokken/);

    await ok('PATCH', `/speakers/${third!.id}`, groningen.headers, { status: 'withdrawn' });
    expect((await list()).map((s) => s.id)).not.toContain(third!.id);
    // Withdrawn, Groningen may ask again in the same round.
    expect((await ask(groningen, 1)).statusCode).toBe(201);
    await ok('PATCH', `/speakers/${second!.id}`, chair, { status: 'done' });
    expect((await list()).filter((s) => s.status === 'speaking')).toEqual([]);
  });

  it('tells live screens that the list changed', async () => {
    const stream = await openSse(`${baseUrl}/api/v1/meetings/${meetingId}/events`);
    try {
      expect(stream.status).toBe(200);
      await stream.next((e) => e.data.includes('resync'));
      const waiting = (await list()).find((s) => s.status === 'waiting')!;
      await ok('PATCH', `/speakers/${waiting.id}`, chair, { status: 'speaking' });
      expect(JSON.parse((await stream.next((e) => e.event === 'change')).data)).toEqual({ what: 'speakers' });
    } finally {
      stream.close();
    }
    expect((await api('GET', `/meetings/${randomUUID()}/events`)).statusCode).toBe(404);
  });
});

describe(`the projector's content (${TEST_DB})`, () => {
  it('is chosen by the chair or staff only, and checked against the meeting', async () => {
    expect(await ok('GET', `/meetings/${meetingId}/screen`, {})).toEqual({ content: 'auto', subjectId: null, chosenAt: null });
    expect((await api('PUT', `/meetings/${meetingId}/screen`, {}, { content: 'agenda' })).statusCode).toBe(401);
    expect((await api('PUT', `/meetings/${meetingId}/screen`, utrecht.headers, { content: 'agenda' })).statusCode).toBe(403);
    expect((await ok('PUT', `/meetings/${meetingId}/screen`, chair, { content: 'speakers' })).content).toBe('speakers');
    expect((await ok('PUT', `/meetings/${meetingId}/screen`, staff, { content: 'agenda' })).content).toBe('agenda');

    const noSubject = await api('PUT', `/meetings/${meetingId}/screen`, chair, { content: 'poll' });
    expect(noSubject.statusCode).toBe(422);
    expect(noSubject.json().errors[0]).toMatchObject({ name: 'subjectId' });
    const stranger = await api('PUT', `/meetings/${meetingId}/screen`, chair, { content: 'submission', subjectId: randomUUID() });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().detail).toMatch(/hoort niet bij deze vergadering/);
    expect((await api('PUT', `/meetings/${meetingId}/screen`, chair, { content: 'agenda', subjectId: itemId })).statusCode).toBe(422);
    expect((await api('PUT', `/meetings/${meetingId}/screen`, chair, { content: 'slides' })).statusCode).toBe(400);
    expect((await ok('GET', `/meetings/${meetingId}/screen`, {})).content).toBe('agenda');

    const audit = await ok('GET', `/audit-log?entityId=${meetingId}&limit=100`, staff);
    expect(audit.items.filter((e: { action: string }) => e.action === 'meeting.screen-chosen')).toHaveLength(2);
  });

  it('shows a secret vote in progress without a running result', async () => {
    await appointCommittees(t, meetingId, { staff, chair });
    const secret = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: itemId }, secrecy: 'secret' });
    const stream = await openSse(`${baseUrl}/api/v1/meetings/${meetingId}/events`);
    try {
      await stream.next((e) => e.data.includes('resync'));
      await ok('PUT', `/meetings/${meetingId}/screen`, chair, { content: 'poll', subjectId: secret.id });
      expect(JSON.parse((await stream.next((e) => e.data.includes('screen'))).data)).toEqual({ what: 'screen' });
    } finally {
      stream.close();
    }
    expect(await ok('GET', `/meetings/${meetingId}/screen`, {})).toMatchObject({ content: 'poll', subjectId: secret.id });
    await ok('POST', `/polls/${secret.id}/ballots`, utrecht.headers, { memberId: m.Utrecht, option: 'for', clientBallotId: randomUUID() });
    // The projector reads the poll as the public does: progress, no result while it runs.
    const onScreen = await ok('GET', `/polls/${secret.id}`, {});
    expect(onScreen.progress.votedMembers).toBe(1);
    expect(onScreen.result).toBeNull();
    await ok('POST', `/polls/${secret.id}/close`, chair);
    expect((await ok('GET', `/polls/${secret.id}`, {})).result).not.toBeNull();
  });
});
