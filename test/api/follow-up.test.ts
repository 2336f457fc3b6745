import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * Follow-up (issue 15): an adopted motion becomes a follow-up by itself, gets progress from its
 * owner, is overdue once its term passes, is done, and its submitters hear of each status change;
 * the "stand van zaken" lists the open follow-ups of the last two meetings and becomes a paper.
 */
let t: TestApp;
let mailbox: Mailbox;
let m: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: AuthHeaders;
let chair: AuthHeaders;
let utrecht: SignedIn;
let middelburg: SignedIn;
let owner: SignedIn;
let meetingId: string;
let itemId: string;
let motionId: string;
let followUpId: string;

type Headers = AuthHeaders | Record<string, string>;
const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
const ok = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers, payload?: object) => {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
};
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function meetingWithItem(date: string, title: string): Promise<{ meetingId: string; itemId: string }> {
  const meeting = await ok('POST', '/meetings', staff, { kind: 'alv', title, date, location: 'Den Haag' });
  const item = await ok('POST', `/meetings/${meeting.id}/agenda-items`, staff, {
    title: 'Jeugdzorg',
    purpose: 'discussion',
    portfolioHolder: 'Wethouder Jeugd',
  });
  return { meetingId: meeting.id, itemId: item.id };
}

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({ config: { SMTP_URL: mailbox.url, PUBLIC_URL: 'https://verenigd.example' } });
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  utrecht = await t.signInPerson({ representativeOf: m.Utrecht, name: 'Burgemeester Utrecht' });
  middelburg = await t.signInPerson({ representativeOf: m.Middelburg, name: 'Burgemeester Middelburg' });
  owner = await t.signInPerson({ representativeOf: m.Groningen, kind: 'alderman', name: 'Wethouder Groningen' });
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

describe(`follow-up of decisions (${TEST_DB})`, () => {
  it('makes an adopted motion a follow-up by itself, owned by the portfolio holder and due half a year later', async () => {
    ({ meetingId, itemId } = await meetingWithItem('2024-11-20', 'Buitengewone ALV'));
    motionId = (
      await ok('POST', '/motions', utrecht.headers, {
        meetingId,
        agendaItemId: itemId,
        title: 'Tekorten jeugdzorg',
        memberIds: [m.Utrecht],
        request: 'Verzoekt het bestuur het Rijk aan te spreken.',
      })
    ).id;
    await ok('PUT', `/motions/${motionId}/advice`, staff, { advice: 'take-over' });
    expect((await mailbox.next(utrecht.email)).subject).toContain('Advies van het bestuur');
    await ok('POST', `/meetings/${meetingId}/open`, chair);
    expect((await ok('GET', `/follow-ups?meetingId=${meetingId}`, {})).total).toBe(0);
    await ok('POST', `/meetings/${meetingId}/decisions`, chair, {
      subjects: [{ type: 'submission', id: motionId }],
      outcome: 'adopted',
      method: 'acclamation',
    });

    const list = await ok('GET', `/follow-ups?meetingId=${meetingId}`, {});
    expect(list.total).toBe(1);
    const [followUp] = list.items;
    followUpId = followUp.id;
    expect(followUp).toMatchObject({
      kind: 'motion',
      submissionId: motionId,
      title: 'Tekorten jeugdzorg',
      description: 'Verzoekt het bestuur het Rijk aan te spreken.',
      owner: { personId: null, name: 'Wethouder Jeugd', label: null },
      dueDate: '2025-05-20',
      status: 'open',
      // 20 May 2025 has passed: overdue at once, derived from the date.
      overdue: true,
      lastUpdate: null,
      canPost: false,
    });
    expect((await ok('GET', '/follow-ups?overdue=true', {})).items.map((f: { id: string }) => f.id)).toEqual([followUpId]);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', followUpId).execute();
    expect(audit.map((a) => a.action)).toEqual(['follow-up.created']);
  });

  it('lets staff assign an owner with a label and a due date; then it is no longer overdue', async () => {
    expect((await api('PATCH', `/follow-ups/${followUpId}`, utrecht.headers, { dueDate: future(30) })).statusCode).toBe(403);
    const changed = await ok('PATCH', `/follow-ups/${followUpId}`, staff, {
      ownerPersonId: owner.personId,
      ownerLabel: 'Commissie Financiën',
      dueDate: future(30),
    });
    expect(changed.owner).toEqual({ personId: owner.personId, name: 'Wethouder Groningen', label: 'Commissie Financiën' });
    expect(changed.overdue).toBe(false);
    expect((await ok('GET', '/follow-ups?overdue=true', {})).total).toBe(0);
  });

  it('refuses an update by a representative who is not the owner, and by the public', async () => {
    const refused = await api('POST', `/follow-ups/${followUpId}/updates`, { ...middelburg.headers, 'accept-language': 'nl' }, { text: 'Ik meld voortgang.' });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().detail).toBe('Alleen de eigenaar van deze opvolging of het verenigingsbureau kan voortgang melden of de status wijzigen.');
    expect((await api('POST', `/follow-ups/${followUpId}/updates`, {}, { text: 'Anoniem.' })).statusCode).toBe(401);
    expect((await ok('GET', `/follow-ups/${followUpId}`, middelburg.headers)).canPost).toBe(false);
    expect((await ok('GET', `/follow-ups/${followUpId}`, owner.headers)).canPost).toBe(true);
  });

  it('takes the owner’s progress and status change, audits it and tells the submitters by mail', async () => {
    const posted = await ok('POST', `/follow-ups/${followUpId}/updates`, owner.headers, {
      text: 'Het bestuur heeft de minister een brief gestuurd.',
      link: 'https://verenigd.example/brief.pdf',
      status: 'in-progress',
    });
    expect(posted.status).toBe('in-progress');
    expect(posted.lastUpdate).toMatchObject({
      text: 'Het bestuur heeft de minister een brief gestuurd.',
      link: 'https://verenigd.example/brief.pdf',
      statusFrom: 'open',
      statusTo: 'in-progress',
    });
    const mail = await mailbox.next(utrecht.email);
    expect(mail.subject).toBe('Opvolging motie "Tekorten jeugdzorg": In uitvoering');
    expect(mail.text).toContain('heeft een nieuwe status: In uitvoering (was: Open)');
    expect(mail.text).toContain('has a new status: In progress (was: Open)');
    expect(mail.text).not.toMatch(/in-progress/);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('entity_id', '=', followUpId)
      .where('action', '=', 'follow-up.status-changed')
      .execute();
    expect(audit).toHaveLength(1);

    // Progress without a status change tells nobody.
    const before = mailbox.messages.length;
    await ok('POST', `/follow-ups/${followUpId}/updates`, owner.headers, { text: 'Het overleg met het ministerie loopt.' });
    expect((await ok('GET', `/follow-ups/${followUpId}`, {})).updates.map((u: { text: string }) => u.text)).toEqual([
      'Het overleg met het ministerie loopt.',
      'Het bestuur heeft de minister een brief gestuurd.',
    ]);
    expect(mailbox.messages.length).toBe(before);
  });

  it('is overdue when its date passes, and no longer once done', async () => {
    await ok('PATCH', `/follow-ups/${followUpId}`, staff, { dueDate: '2025-01-31' });
    expect((await ok('GET', `/follow-ups/${followUpId}`, {})).overdue).toBe(true);
    const done = await ok('POST', `/follow-ups/${followUpId}/updates`, owner.headers, {
      text: 'De minister heeft toegezegd de tekorten te compenseren.',
      status: 'done',
    });
    expect(done).toMatchObject({ status: 'done', overdue: false });
    const mail = await mailbox.next(utrecht.email);
    expect(mail.subject).toBe('Opvolging motie "Tekorten jeugdzorg": Afgerond');
  });

  it('refuses "not carried out" without a reason and leaves everything as it was', async () => {
    const updates = (await ok('GET', `/follow-ups/${followUpId}`, {})).updates.length;
    const refused = await api(
      'POST',
      `/follow-ups/${followUpId}/updates`,
      { ...staff, 'accept-language': 'nl' },
      { text: 'Toch niet.', status: 'not-carried-out' },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ name: 'reason', code: 'required' });
    expect(refused.json().detail).toContain('reden');
    const after = await ok('GET', `/follow-ups/${followUpId}`, {});
    expect(after.status).toBe('done');
    expect(after.updates.length).toBe(updates);
    const withReason = await ok('POST', `/follow-ups/${followUpId}/updates`, staff, {
      text: 'Het Rijk trok de toezegging in.',
      status: 'not-carried-out',
      reason: 'Het kabinet viel.',
    });
    expect(withReason).toMatchObject({ status: 'not-carried-out', statusReason: 'Het kabinet viel.' });
    expect((await mailbox.next(utrecht.email)).text).toContain('Reden: Het kabinet viel.');
  });

  it('lets staff create a follow-up for any decision and record a commitment; the public does not', async () => {
    const decision = (
      await ok('POST', `/meetings/${meetingId}/decisions`, chair, { subjects: [{ type: 'agenda-item', id: itemId }], outcome: 'discussed', method: 'none' })
    ).items[0];
    expect((await api('POST', '/follow-ups', utrecht.headers, { decisionId: decision.id, dueDate: future(60) })).statusCode).toBe(403);
    const fromDecision = await ok('POST', '/follow-ups', staff, { decisionId: decision.id, dueDate: future(60), ownerName: 'Directeur' });
    expect(fromDecision).toMatchObject({ kind: 'decision', title: 'Jeugdzorg', owner: { name: 'Directeur' }, status: 'open' });
    expect((await api('POST', '/follow-ups', staff, { decisionId: decision.id, dueDate: future(60) })).statusCode).toBe(409);
    const commitment = await ok('POST', '/follow-ups', staff, {
      agendaItemId: itemId,
      title: 'De brief aan de minister wordt met alle leden gedeeld.',
      dueDate: future(14),
    });
    expect(commitment).toMatchObject({ kind: 'commitment', decisionId: null, owner: { name: 'Wethouder Jeugd' } });
    expect((await api('POST', '/follow-ups', staff, { agendaItemId: itemId, dueDate: future(14) })).statusCode).toBe(422);
    expect((await api('POST', '/follow-ups', staff, { dueDate: future(14), title: 'Los' })).statusCode).toBe(422);
  });

  it('reports the open follow-ups of the last two meetings, and attaches the report as a paper', async () => {
    const older = await meetingWithItem('2024-06-12', 'ALV juni 2024');
    const oldest = await meetingWithItem('2023-11-29', 'BALV 2023');
    const next = await meetingWithItem('2025-06-11', 'ALV juni 2025');
    const olderOpen = await ok('POST', '/follow-ups', staff, { agendaItemId: older.itemId, title: 'Evaluatie ledenraadpleging', dueDate: '2024-12-31' });
    const olderDone = await ok('POST', '/follow-ups', staff, { agendaItemId: older.itemId, title: 'Jaarverslag rondsturen', dueDate: '2024-07-31' });
    await ok('POST', `/follow-ups/${olderDone.id}/updates`, staff, { text: 'Verstuurd.', status: 'done' });
    await ok('POST', '/follow-ups', staff, { agendaItemId: oldest.itemId, title: 'Te oud voor het rapport', dueDate: '2024-03-01' });

    const report = await ok('GET', '/follow-ups/report?before=2025-06-11', {});
    expect(report.meetings.map((mt: { title: string }) => mt.title)).toEqual(['Buitengewone ALV', 'ALV juni 2024']);
    expect(report.meetings[0].followUps.map((f: { title: string }) => f.title).sort()).toEqual([
      'De brief aan de minister wordt met alle leden gedeeld.',
      'Jeugdzorg',
    ]);
    expect(report.meetings[1].followUps.map((f: { id: string; overdue: boolean }) => [f.id, f.overdue])).toEqual([[olderOpen.id, true]]);

    const pdf = await api('GET', '/follow-ups/report.pdf?before=2025-06-11');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    expect((await api('POST', '/follow-ups/report/paper', utrecht.headers, { agendaItemId: next.itemId })).statusCode).toBe(403);
    const { paperId } = await ok('POST', '/follow-ups/report/paper', staff, { agendaItemId: next.itemId });
    const paper = await ok('GET', `/papers/${paperId}`, {});
    expect(paper).toMatchObject({ agendaItemId: next.itemId, title: 'Stand van zaken', public: true });
    expect(paper.versions[0].mediaType).toBe('application/pdf');
  });
  it('hides a follow-up on an agenda item that is not public from the public, not from members', async () => {
    const hidden = await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, { title: 'Personeel', purpose: 'discussion', public: false });
    const commitment = await ok('POST', '/follow-ups', staff, { agendaItemId: hidden.id, title: 'Besloten toezegging', dueDate: future(30) });
    expect((await api('GET', `/follow-ups/${commitment.id}`)).statusCode).toBe(404);
    expect((await ok('GET', `/follow-ups?meetingId=${meetingId}`, {})).items.map((f: { id: string }) => f.id)).not.toContain(commitment.id);
    expect((await ok('GET', `/follow-ups/${commitment.id}`, middelburg.headers)).title).toBe('Besloten toezegging');
  });

  it('makes a motion adopted by a vote a follow-up too', async () => {
    const voted = await meetingWithItem('2026-06-10', 'ALV juni 2026');
    const motion = (
      await ok('POST', '/motions', utrecht.headers, {
        meetingId: voted.meetingId,
        agendaItemId: voted.itemId,
        title: 'Meer geld voor de wijkteams',
        memberIds: [m.Utrecht],
        request: 'Verzoekt het bestuur te pleiten voor structureel geld.',
      })
    ).id;
    await ok('POST', `/meetings/${voted.meetingId}/open`, chair);
    await appointCommittees(t, voted.meetingId, { staff, chair });
    for (const [who, member] of [
      [utrecht, m.Utrecht],
      [middelburg, m.Middelburg],
    ] as const)
      await ok('POST', `/meetings/${voted.meetingId}/check-ins`, who.headers, { memberId: member });
    const poll = await ok('POST', '/polls', chair, { meetingId: voted.meetingId, subject: { type: 'submission', id: motion } });
    for (const [who, member] of [
      [utrecht, m.Utrecht],
      [middelburg, m.Middelburg],
    ] as const)
      await ok('POST', `/polls/${poll.id}/ballots`, who.headers, { memberId: member, option: 'for', clientBallotId: `${member}-ballot` });
    await ok('POST', `/polls/${poll.id}/close`, chair);
    const list = await ok('GET', `/follow-ups?meetingId=${voted.meetingId}`, {});
    expect(list.items).toMatchObject([{ kind: 'motion', submissionId: motion, title: 'Meer geld voor de wijkteams', dueDate: '2026-12-10', status: 'open' }]);
  });
});
