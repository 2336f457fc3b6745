import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { createConsultation, launchConsultation, replaceQuestions } from '../../src/consultations/store.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * Actions that no longer apply are refused with a plain reason and change nothing: a motion or
 * amendment on a decided item, a vote on it, anything on a closed meeting, editing a closed consultation.
 */
let t: TestApp;
let m: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: AuthHeaders;
let chair: AuthHeaders;
let utrecht: SignedIn;
let middelburg: SignedIn;
let meetingId: string;
let decidedId: string;
let openItemId: string;
let motionId: string;
let undecidedId: string;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const api = (method: Method, url: string, headers: AuthHeaders, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, 'accept-language': 'nl' }, ...(payload ? { payload } : {}) });
const ok = async (method: Method, url: string, headers: AuthHeaders, payload?: object) => {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
};
const countRows = async (table: 'submissions' | 'polls' | 'check_ins' | 'proxies' | 'agenda_items' | 'speakers') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Refused with this status and reason, and nothing written to the table named. */
async function refused(
  table: Parameters<typeof countRows>[0],
  status: number,
  detail: RegExp,
  method: Method,
  url: string,
  headers: AuthHeaders,
  payload?: object,
) {
  const before = await countRows(table);
  const response = await api(method, url, headers, payload);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json().detail).toMatch(detail);
  expect(await countRows(table)).toBe(before);
}

beforeAll(async () => {
  t = await createTestApp();
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  utrecht = await t.signInPerson({ representativeOf: m.Utrecht, name: 'Burgemeester Utrecht' });
  middelburg = await t.signInPerson({ representativeOf: m.Middelburg, name: 'Burgemeester Middelburg' });
  meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV', date: '2024-06-12', location: 'Den Haag' })).id;
  const add = async (title: string) =>
    (await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, { title, purpose: 'decision', decisionText: `De ALV stemt in met ${title}.` }))
      .id as string;
  decidedId = await add('de jaarrekening');
  openItemId = await add('de begroting');
  motionId = (
    await ok('POST', '/motions', utrecht.headers, {
      meetingId,
      agendaItemId: openItemId,
      title: 'Een motie',
      memberIds: [m.Utrecht],
      request: 'Verzoekt iets.',
    })
  ).id;
  undecidedId = (
    await ok('POST', '/motions', utrecht.headers, {
      meetingId,
      agendaItemId: openItemId,
      title: 'Nog een motie',
      memberIds: [m.Utrecht],
      request: 'Verzoekt meer.',
    })
  ).id;
  await ok('POST', `/meetings/${meetingId}/open`, chair);
  await appointCommittees(t, meetingId, { staff, chair });
  await ok('POST', `/meetings/${meetingId}/check-ins`, utrecht.headers, { memberId: m.Utrecht });
  await ok('PUT', `/meetings/${meetingId}/current-item`, chair, { itemId: decidedId });
  await ok('POST', `/meetings/${meetingId}/decisions`, chair, {
    subjects: [{ type: 'agenda-item', id: decidedId }],
    outcome: 'adopted',
    method: 'acclamation',
  });
});
afterAll(() => t.close());

describe(`actions that no longer apply (${TEST_DB})`, () => {
  it('refuses a motion, an amendment and a vote on a decided item', async () => {
    const onDecided = { meetingId, agendaItemId: decidedId, memberIds: [m.Utrecht] };
    await refused('submissions', 409, /Over dit agendapunt is al besloten/, 'POST', '/motions', chair, {
      ...onDecided,
      title: 'Te laat',
      request: 'Verzoekt iets.',
    });
    await refused('submissions', 409, /Over dit agendapunt is al besloten/, 'POST', '/amendments', chair, {
      ...onDecided,
      title: 'Te laat',
      proposedText: 'Iets anders.',
    });
    await refused('polls', 409, /al besloten/, 'POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: decidedId } });
  });

  it('refuses board advice, grouping and a second decision on a decided motion', async () => {
    await ok('POST', `/meetings/${meetingId}/decisions`, chair, {
      subjects: [{ type: 'submission', id: motionId }],
      outcome: 'adopted',
      method: 'acclamation',
    });
    const advice = await api('PUT', `/motions/${motionId}/advice`, staff, { advice: 'take-over' });
    expect(advice.statusCode).toBe(409);
    expect(advice.json().detail).toBe('Hierover is al besloten.');
    expect((await api('PUT', `/motions/${motionId}/group`, chair, { label: 'Wonen', position: 1 })).statusCode).toBe(409);
    const again = await api('POST', `/meetings/${meetingId}/decisions`, chair, {
      subjects: [{ type: 'submission', id: motionId }],
      outcome: 'adopted',
      method: 'acclamation',
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses check-in, a proxy, a speaker, an agenda item, a motion and a change to a closed meeting', async () => {
    await ok('POST', `/meetings/${meetingId}/close`, chair);
    const closed = /Deze vergadering is gesloten|niet geopend|niet in vergadering/;
    await refused('check_ins', 409, closed, 'POST', `/meetings/${meetingId}/check-ins`, middelburg.headers, { memberId: m.Middelburg });
    await refused('proxies', 409, closed, 'POST', `/meetings/${meetingId}/proxies`, middelburg.headers, {
      grantorMemberId: m.Middelburg,
      holderPersonId: utrecht.personId,
      holderMemberId: m.Utrecht,
    });
    await refused('speakers', 409, /./, 'POST', `/agenda-items/${openItemId}/speaker-requests`, utrecht.headers, { round: 1 });
    await refused('agenda_items', 409, closed, 'POST', `/meetings/${meetingId}/agenda-items`, staff, { title: 'Nog iets', purpose: 'discussion' });
    await refused('submissions', 409, closed, 'POST', '/motions', chair, {
      meetingId,
      agendaItemId: openItemId,
      title: 'Na afloop',
      memberIds: [m.Utrecht],
      request: 'Verzoekt iets.',
    });
    await refused('polls', 409, closed, 'POST', '/polls', chair, { meetingId, subject: { type: 'trial' } });
    // A motion left undecided when the meeting closed takes no advice or group any more.
    const advice = await api('PUT', `/motions/${undecidedId}/advice`, staff, { advice: 'take-over' });
    expect(advice.statusCode).toBe(409);
    expect(advice.json().detail).toBe('Deze vergadering is gesloten.');
    expect((await api('PUT', `/motions/${undecidedId}/group`, chair, { label: 'Wonen', position: 1 })).json().detail).toBe('Deze vergadering is gesloten.');
    const edit = await api('PATCH', `/meetings/${meetingId}`, staff, { location: 'Utrecht' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().detail).toBe('Deze vergadering is gesloten.');
    expect((await ok('GET', `/meetings/${meetingId}`, staff)).location).toBe('Den Haag');
  });

  it('refuses a motion deadline after the start of the meeting, on planning and on moving the meeting', async () => {
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const balv = { kind: 'balv', title: 'BALV', date: inAMonth, startTime: '10:00' };
    const before = (await ok('GET', '/meetings', staff)).items.length;
    const late = await api('POST', '/meetings', staff, { ...balv, motionDeadline: `${inAMonth}T10:30:00+01:00` });
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({
      detail: expect.stringMatching(/^De indieningstermijn voor moties ligt na de aanvang van de vergadering\./),
      errors: [{ name: 'motionDeadline' }],
    });
    expect((await ok('GET', '/meetings', staff)).items).toHaveLength(before);
    const planned = await ok('POST', '/meetings', staff, { ...balv, motionDeadline: new Date(Date.now() + 86_400_000).toISOString() });
    const moved = await api('PATCH', `/meetings/${planned.id}`, staff, { date: new Date().toISOString().slice(0, 10), startTime: '00:01' });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().errors[0].name).toBe('motionDeadline');
    expect((await ok('GET', `/meetings/${planned.id}`, staff)).date).toBe(inAMonth);
  });

  it('refuses editing a closed consultation, and its questions', async () => {
    const actor = systemActor('test');
    const now = Date.now();
    const id = await createConsultation(t.database.db, actor, {
      title: 'Afgelopen peiling',
      dossier: 'Dossier',
      owner: 'Bureau',
      explanation: '',
      audience: { provinces: [], sizeClasses: [], networks: [], memberClasses: [] },
      responder: { kind: 'designated' },
      opensAt: new Date(now - 3 * 86_400_000).toISOString(),
      closesAt: new Date(now - 86_400_000).toISOString(),
      reminderHours: [],
    });
    await replaceQuestions(t.database.db, actor, id, [{ kind: 'position', text: 'Steunt u het voorstel?' }]);
    await launchConsultation(t.database.db, actor, id, new Date(now - 4 * 86_400_000));
    const edit = await api('PATCH', `/consultations/${id}`, staff, { title: 'Andere titel' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().detail).toBe('Een gesloten raadpleging kan niet meer worden gewijzigd.');
    const extend = await api('PATCH', `/consultations/${id}`, staff, { closesAt: new Date(now + 86_400_000).toISOString() });
    expect(extend.statusCode).toBe(409);
    const questions = await api('PUT', `/consultations/${id}/questions`, staff, { items: [{ kind: 'open', text: 'Nog een vraag?' }] });
    expect(questions.statusCode).toBe(409);
    expect((await ok('GET', `/consultations/${id}`, staff)).title).toBe('Afgelopen peiling');
  });
});
