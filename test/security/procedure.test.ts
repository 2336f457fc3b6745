import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/core/dates.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * Issue 11, procedure: the course rules hold for votes exactly as for decisions the chair records; a
 * statute change is voted by the profile's two-thirds rule, named in the result; no real vote before
 * the vote-counting committee is appointed; opening before the date needs confirmation; a past date warns.
 */

let t: TestApp;
let m: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: AuthHeaders;
let chair: AuthHeaders;
const reps = {} as Record<'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam', SignedIn>;
let meetingId: string;
const items = {} as Record<'withMotion' | 'information' | 'noText' | 'statutes', string>;
let motionId: string;

const NL = { 'accept-language': 'nl' };
const api = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: AuthHeaders | Record<string, string> = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...NL, ...headers }, ...(payload ? { payload } : {}) });
async function ok(method: 'GET' | 'POST' | 'PATCH', url: string, headers: AuthHeaders | Record<string, string>, payload?: object) {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}
const cast = (pollId: string, name: keyof typeof reps, option: string) =>
  ok('POST', `/polls/${pollId}/ballots`, reps[name].headers, { memberId: m[name], option, clientBallotId: randomUUID() });
const checkInAll = async (id: string) => {
  for (const name of Object.keys(reps) as (keyof typeof reps)[]) await ok('POST', `/meetings/${id}/check-ins`, reps[name].headers, { memberId: m[name] });
};

beforeAll(async () => {
  t = await createTestApp();
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  for (const name of Object.keys(m) as (keyof typeof m)[]) reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
  meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV procedure', date: '2024-06-12' })).id;
  const add = async (payload: object) => (await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, payload)).id as string;
  items.withMotion = await add({ title: 'Woningbouw', purpose: 'decision', decisionText: 'De ALV stemt in met de woningbouwagenda.' });
  items.information = await add({ title: 'Jaarverslag', purpose: 'information' });
  items.noText = await add({ title: 'Koers', purpose: 'decision' });
  items.statutes = await add({
    title: 'Wijziging statuten',
    purpose: 'decision',
    decisionText: 'De ALV besluit de statuten te wijzigen zoals voorgesteld.',
    changeKind: 'statutes',
  });
  motionId = (
    await ok('POST', '/motions', reps.Utrecht.headers, {
      meetingId,
      agendaItemId: items.withMotion,
      title: 'Meer sociale huur',
      memberIds: [m.Utrecht],
      request: 'Verzoekt het bestuur te pleiten voor meer sociale huur.',
    })
  ).id;
  await ok('POST', `/meetings/${meetingId}/open`, chair);
  await checkInAll(meetingId);
  await appointCommittees(t, meetingId, { staff, chair });
});
afterAll(() => t.close());

describe(`procedure: the course rules hold for votes (${TEST_DB})`, () => {
  it('refuses a vote on a proposal while a motion on its item is undecided, and opens it once the motion is decided', async () => {
    const refused = await api('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: items.withMotion } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe('Beslis eerst over de moties en amendementen bij dit agendapunt.');
    expect(await t.database.db.selectFrom('polls').select('id').where('subject_id', '=', items.withMotion).execute()).toEqual([]);

    // The motion is voted first (that is allowed), then the proposal.
    const onMotion = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'submission', id: motionId } });
    await cast(onMotion.id, 'Utrecht', 'for');
    await ok('POST', `/polls/${onMotion.id}/close`, chair);
    const proposal = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: items.withMotion } });
    await ok('POST', `/polls/${proposal.id}/cancel`, chair);
  });

  it('re-checks the course rules when a vote closes: an amendment admitted while it ran must be decided first', async () => {
    const item = (
      await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, {
        title: 'Contributie',
        purpose: 'decision',
        decisionText: 'De ALV stelt de contributie vast op € 1,21 per inwoner.',
      })
    ).id;
    const poll = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: item } });
    await cast(poll.id, 'Utrecht', 'for');
    await ok('POST', '/amendments', chair, {
      meetingId,
      agendaItemId: item,
      title: 'Lagere contributie',
      memberIds: [m.Groningen],
      proposedText: 'De ALV stelt de contributie vast op € 1,15 per inwoner.',
    });
    const refused = await api('POST', `/polls/${poll.id}/close`, chair);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe('Beslis eerst over de moties en amendementen bij dit agendapunt.');
    expect((await ok('GET', `/polls/${poll.id}`, {})).status).toBe('open');
    expect(await t.database.db.selectFrom('decisions').select('id').where('subject_id', '=', item).execute()).toEqual([]);
    await ok('POST', `/polls/${poll.id}/cancel`, chair);
  });

  it("refuses a vote on the 'proposal' of an item for information or without decision text, and never records one", async () => {
    for (const id of [items.information, items.noText]) {
      const refused = await api('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().detail).toMatch(/^(Over dit agendapunt kan niet worden gestemd|Dit agendapunt heeft geen voorstel)/);
    }
    // Nor may the chair record that the meeting "stemt in met het voorstel" where there is none.
    const byHand = await api('POST', `/meetings/${meetingId}/decisions`, chair, {
      subjects: [{ type: 'agenda-item', id: items.noText }],
      outcome: 'adopted',
      method: 'acclamation',
    });
    expect(byHand.statusCode).toBe(422);
    expect(byHand.json().detail).toContain('geen voorstel');
    const list = await ok('GET', `/meetings/${meetingId}/decisions`, staff);
    for (const id of [items.information, items.noText]) expect(list.items.find((i: { itemId: string }) => i.itemId === id).phrases).toEqual([]);
    expect(JSON.stringify(list)).not.toContain('stemt in met het voorstel');
  });

  it("votes a statute change by the profile's two-thirds rule, refuses a weaker one, and names the rule and its source in the result and minutes", async () => {
    const weaker = await api('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: items.statutes }, rule: 'simple' });
    expect(weaker.statusCode).toBe(422);
    expect(weaker.json().errors[0].name).toBe('rule');
    const poll = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: items.statutes } });
    expect(poll).toMatchObject({ rule: 'twoThirds', ruleSource: expect.stringContaining('Statuten VNG') });
    // 150 of 245 weight for: 61.22%, a simple majority but not two thirds.
    for (const name of ['Utrecht', 'Groningen'] as const) await cast(poll.id, name, 'for');
    for (const name of ['Middelburg', 'Vlissingen'] as const) await cast(poll.id, name, 'against');
    await ok('POST', `/polls/${poll.id}/close`, chair);
    const closed = await ok('GET', `/polls/${poll.id}`, {});
    expect(closed.result).toMatchObject({ outcome: 'rejected', rule: 'twoThirds', ruleMet: false });
    expect(closed.result.statement.nl).toMatch(
      /^Voor: 61,22%, Tegen: 38,78%\. De ALV stemt niet in met het voorstel\. Vereist: twee derde meerderheid \(Statuten VNG, bepaling over statutenwijziging/,
    );
    const listed = (await ok('GET', `/meetings/${meetingId}/decisions`, staff)).items.find((i: { itemId: string }) => i.itemId === items.statutes);
    expect(listed.phrases[0].nl).toContain('De ALV stemt niet in met het voorstel. Vereist: twee derde meerderheid (Statuten VNG');
    // Once the meeting is open the item cannot stop being a statute change to ease a vote.
    expect((await api('PATCH', `/agenda-items/${items.statutes}`, staff, { changeKind: null })).statusCode).toBe(409);
  });

  it('opens no real vote before the meeting has appointed its vote-counting committee; a trial vote opens', async () => {
    const id = (await ok('POST', '/meetings', staff, { kind: 'balv', title: 'BALV zonder commissie', date: '2024-11-20' })).id;
    const item = (
      await ok('POST', `/meetings/${id}/agenda-items`, staff, { title: 'Begroting', purpose: 'decision', decisionText: 'De BALV stelt de begroting vast.' })
    ).id;
    await ok('POST', `/meetings/${id}/open`, chair);
    await checkInAll(id);
    const refused = await api('POST', '/polls', chair, { meetingId: id, subject: { type: 'agenda-item', id: item } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('commissie van stemopneming nog niet benoemd');
    const trial = await ok('POST', '/polls', chair, { meetingId: id, subject: { type: 'trial' } });
    await ok('POST', `/polls/${trial.id}/close`, chair);
    // A committee smaller than the profile's minimum (VNG: 3) is not appointed.
    const appointments = (await ok('GET', `/meetings/${id}/agenda-items`, staff)).items.find((i: { kind: string }) => i.kind === 'appointments').id;
    for (const name of ['G. Smit', 'H. de Jong']) await ok('POST', `/meetings/${id}/appointments`, staff, { function: 'counting-committee', name });
    for (const name of ['I. Mulder', 'J. Bos', 'K. Kok']) await ok('POST', `/meetings/${id}/appointments`, staff, { function: 'minutes-committee', name });
    const tooSmall = await api('POST', `/meetings/${id}/decisions`, { ...chair, 'accept-language': 'nl' } as AuthHeaders, {
      subjects: [{ type: 'agenda-item', id: appointments }],
      outcome: 'appointed',
      method: 'acclamation',
    });
    expect(tooSmall.statusCode).toBe(422);
    expect(tooSmall.json().detail).toBe('De commissie van stemopneming telt 2 leden; het profiel vraagt er ten minste 3.');
    expect((await api('POST', '/polls', chair, { meetingId: id, subject: { type: 'agenda-item', id: item } })).statusCode).toBe(409);
    await appointCommittees(t, id, { staff, chair });
    const real = await ok('POST', '/polls', chair, { meetingId: id, subject: { type: 'agenda-item', id: item } });
    expect(real.status).toBe('open');
  });

  it('asks for confirmation to open a meeting before its date, and records the early opening', async () => {
    const date = addDays(today(), 3);
    const id = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV later', date })).id;
    const refused = await api('POST', `/meetings/${id}/open`, chair);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain(`gepland op ${date}`);
    expect((await ok('GET', `/meetings/${id}`, {})).status).not.toBe('in-session');
    expect((await api('POST', `/meetings/${id}/open?confirmEarly=true`, chair)).statusCode).toBe(204);
    const audit = await t.database.db.selectFrom('audit_log').select('data').where('action', '=', 'meeting.opened').where('entity_id', '=', id).execute();
    expect(audit).toEqual([{ data: { early: true, scheduledFor: date, openedOn: today() } }]);
  });

  it('schedules or moves a meeting to a past date, with a warning', async () => {
    const created = await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV achteraf', date: '2019-06-05' });
    expect(created.warnings).toEqual([{ code: 'date-in-past', message: expect.stringContaining('2019-06-05 ligt in het verleden') }]);
    const future = await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV straks', date: addDays(today(), 30) });
    expect(future.warnings).toEqual([]);
    const moved = await ok('PATCH', `/meetings/${future.id}`, staff, { date: '2020-06-03' });
    expect(moved).toMatchObject({ date: '2020-06-03', warnings: [{ code: 'date-in-past' }] });
  });
});
