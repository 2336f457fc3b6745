import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationRound } from '../../src/consultations/notifications.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';

/**
 * Member consultations end to end, on the five-member register: Utrecht (75 votes, 374,238
 * inhabitants), Middelburg (50; 50,004) and Vlissingen (45; 45,389) in Zeeland, Groningen (75; 243,768)
 * and Amsterdam (75; 931,298).
 *
 * Time: a deadline is a moment on the clock. Where a test needs "after the deadline" it moves
 * closes_at into the past directly in the database, which is exactly what the passing of time does
 * to the stored row, and keeps the test fast and deterministic (no sleeping until a deadline).
 */

type Name = 'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam';
let t: TestApp;
let mailbox: Mailbox;
let m: Record<Name, string>;
let staff: AuthHeaders;
const reps = {} as Record<Name, SignedIn>;
/** Middelburg's second designated representative: its council clerk (griffier). */
let clerkMiddelburg: SignedIn;
/** Utrecht's alderman for finance, not designated. */
let financeUtrecht: SignedIn;

const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: AuthHeaders | Record<string, string> = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { 'accept-language': 'nl', ...headers }, ...(payload ? { payload } : {}) });
async function ok(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: AuthHeaders | Record<string, string>, payload?: object) {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
let questionSeq = 100;
/** Question ids are client-chosen, and unique across consultations. */
const qid = () => `20000000-0000-4000-8000-${String((questionSeq += 1)).padStart(12, '0')}`;

async function draft(overrides: object = {}): Promise<string> {
  return (
    await ok('POST', '/consultations', staff, {
      title: 'Verdeling gemeentefonds',
      dossier: 'Financiële verhoudingen',
      owner: 'Commissie Financiën',
      explanation: 'Wat vindt u van **het voorstel**?',
      opensAt: hours(-2),
      closesAt: hours(1),
      reminderHours: [2],
      ...overrides,
    })
  ).id;
}

/** A launched, open consultation: a position question, a "why" only on disagreement, and a scale. */
async function openConsultation(overrides: object = {}) {
  const id = await draft(overrides);
  const ids = { position: qid(), why: qid(), scale: qid(), open: qid() };
  await ok('PUT', `/consultations/${id}/questions`, staff, {
    items: [
      { id: ids.position, kind: 'position', text: 'Steunt u het voorstel?' },
      { id: ids.why, kind: 'open', text: 'Waarom niet?', condition: { questionId: ids.position, anyOf: ['disagree'] } },
      { id: ids.scale, kind: 'scale', text: 'Hoe urgent is dit?', scale: { min: 1, max: 5 }, required: false },
      { id: ids.open, kind: 'open', text: 'Overige opmerkingen', required: false },
    ],
  });
  await ok('POST', `/consultations/${id}/launch`, staff);
  return { id, q: ids };
}

const answer = (who: SignedIn, id: string, member: Name, body: object) => api('PUT', `/consultations/${id}/responses/${m[member]}`, who.headers, body);
const mailsTo = (who: SignedIn) => mailbox.messages.filter((mail) => mail.to === who.email.toLowerCase());
/** Mails to a person with a subject, about one consultation. Routes answer after sending, so they are in. */
const received = (who: SignedIn, subject: string, id: string) =>
  mailsTo(who).filter((mail) => mail.subject.startsWith(subject) && mail.text.includes(`/raadplegingen/${id}`));
const setClosesAt = (id: string, at: Date) => t.database.db.updateTable('consultations').set({ closes_at: at }).where('id', '=', id).execute();

async function officeOf(who: SignedIn) {
  return (await t.database.db.selectFrom('offices').select('id').where('person_id', '=', who.personId).executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({ config: { SMTP_URL: mailbox.url } });
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  const parties: Record<Name, [string | null, boolean]> = {
    Utrecht: ['VVD', false],
    Middelburg: ['CDA', false],
    Vlissingen: ['Lokaal Vlissingen', true],
    Groningen: ['VVD', false],
    Amsterdam: [null, false],
  };
  for (const name of Object.keys(m) as Name[]) {
    reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
    const [party, partyIsLocal] = parties[name];
    if (party) await ok('PATCH', `/offices/${await officeOf(reps[name])}`, staff, { party, partyIsLocal });
  }
  clerkMiddelburg = await t.signInPerson({ representativeOf: m.Middelburg, kind: 'council-clerk', name: 'Griffier Middelburg' });
  financeUtrecht = await t.signInPerson({ name: 'Wethouder Financiën Utrecht' });
  await ok('POST', `/people/${financeUtrecht.personId}/offices`, staff, {
    memberId: m.Utrecht,
    kind: 'alderman',
    portfolio: 'Financiën',
    party: 'D66',
    startDate: '2024-01-01',
  });
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

describe(`member consultations (${TEST_DB})`, () => {
  it('refuses bad input with a Dutch problem and changes nothing', async () => {
    const before = await t.database.db.selectFrom('consultations').select('id').execute();
    const reversed = await api('POST', '/consultations', staff, { title: 'X', dossier: 'Y', owner: 'Z', opensAt: hours(2), closesAt: hours(1) });
    expect(reversed.statusCode).toBe(422);
    expect(reversed.headers['content-type']).toContain('application/problem+json');
    expect(reversed.json()).toMatchObject({ detail: 'De sluitingstijd moet na de openingstijd liggen.', errors: [{ name: 'closesAt' }] });
    expect((await api('POST', '/consultations', staff, { title: ' ', dossier: 'Y', owner: 'Z', opensAt: hours(0), closesAt: hours(1) })).statusCode).toBe(400);
    expect(await t.database.db.selectFrom('consultations').select('id').execute()).toEqual(before);

    const id = await draft();
    const first = qid();
    await ok('PUT', `/consultations/${id}/questions`, staff, { items: [{ id: first, kind: 'position', text: 'Eens?' }] });
    const later = qid();
    const badCondition = await api('PUT', `/consultations/${id}/questions`, staff, {
      items: [
        { id: first, kind: 'open', text: 'Toelichting', condition: { questionId: later, anyOf: ['agree'] } },
        { id: later, kind: 'position', text: 'Eens?' },
      ],
    });
    expect(badCondition.statusCode).toBe(422);
    expect(badCondition.json().errors[0]).toMatchObject({ name: 'items[0].condition.questionId', code: 'earlier-question' });
    const tooFew = await api('PUT', `/consultations/${id}/questions`, staff, { items: [{ kind: 'single', text: 'Kies', options: ['Alleen'] }] });
    expect(tooFew.statusCode).toBe(400); // minItems in the schema
    const detail = await ok('GET', `/consultations/${id}`, staff);
    expect(detail.questions.map((q: { id: string; kind: string }) => [q.id, q.kind])).toEqual([[first, 'position']]);
    expect(detail.explanationHtml).toContain('<strong>het voorstel</strong>');
  });

  it('launches only with questions, a deadline ahead and members in the audience', async () => {
    const empty = await draft();
    expect((await api('POST', `/consultations/${empty}/launch`, staff)).json()).toMatchObject({ status: 422, errors: [{ name: 'questions' }] });
    const nobody = await draft({ audience: { provinces: ['Friesland'], sizeClasses: [], networks: [], memberClasses: [] } });
    await ok('PUT', `/consultations/${nobody}/questions`, staff, { items: [{ id: qid(), kind: 'position', text: 'Eens?' }] });
    expect((await api('POST', `/consultations/${nobody}/launch`, staff)).statusCode).toBe(409);
    const past = await draft({ opensAt: hours(-3), closesAt: hours(-1) });
    await ok('PUT', `/consultations/${past}/questions`, staff, { items: [{ id: qid(), kind: 'position', text: 'Eens?' }] });
    expect((await api('POST', `/consultations/${past}/launch`, staff)).json()).toMatchObject({ status: 422, errors: [{ name: 'closesAt' }] });
    expect(await t.database.db.selectFrom('consultation_audience').select('member_id').where('consultation_id', 'in', [empty, nobody, past]).execute()).toEqual(
      [],
    );
  });

  it('keeps drafts to staff; papers can be added, read with the consultation, and removed only from a draft', async () => {
    // Noord-Holland only, without reminders: the mails of this one stay out of the other tests' way.
    const id = await draft({
      title: 'Stukken',
      reminderHours: [],
      audience: { provinces: ['Noord-Holland'], sizeClasses: [], networks: [], memberClasses: [] },
    });
    expect((await api('GET', `/consultations/${id}`, reps.Amsterdam.headers)).statusCode).toBe(404);
    expect((await api('GET', `/consultations/${id}`)).statusCode).toBe(404);
    expect((await ok('GET', '/consultations', reps.Utrecht.headers)).items.map((c: { id: string }) => c.id)).not.toContain(id);
    const boundary = 'grens';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="title"',
      '',
      'Voorstel',
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="voorstel.txt"',
      'Content-Type: text/plain',
      '',
      'Het voorstel.',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/consultations/${id}/papers`,
      headers: { ...staff, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(upload.statusCode).toBe(201);
    const paper = upload.json();
    expect(paper).toMatchObject({ title: 'Voorstel', fileName: 'voorstel.txt', size: 13 });
    const file = await api('GET', `/consultations/${id}/papers/${paper.id}`, staff);
    expect(file.body).toBe('Het voorstel.');
    expect((await api('GET', `/consultations/${id}/papers/${paper.id}`, reps.Amsterdam.headers)).statusCode).toBe(404);
    await ok('PUT', `/consultations/${id}/questions`, staff, { items: [{ id: qid(), kind: 'position', text: 'Eens?' }] });
    await ok('POST', `/consultations/${id}/launch`, staff);
    expect((await api('GET', `/consultations/${id}/papers/${paper.id}`, reps.Amsterdam.headers)).body).toBe('Het voorstel.');
    expect((await api('GET', `/consultations/${id}/papers/${paper.id}`, reps.Utrecht.headers)).statusCode).toBe(404);
    expect((await api('DELETE', `/consultations/${id}/papers/${paper.id}`, staff)).statusCode).toBe(409);
  });

  describe('a quick consultation for Zeeland', () => {
    let id: string;
    let q: Record<'position' | 'why' | 'scale' | 'open', string>;
    beforeAll(async () => {
      ({ id, q } = await openConsultation({ audience: { provinces: ['Zeeland'], sizeClasses: [], networks: [], memberClasses: [] } }));
    });

    it('invites the representatives of the audience only, and shows them their members', async () => {
      for (const who of [reps.Middelburg, clerkMiddelburg, reps.Vlissingen])
        expect(received(who, 'Ledenraadpleging: Verdeling gemeentefonds', id)).toHaveLength(1);
      expect(received(reps.Utrecht, 'Ledenraadpleging', id)).toEqual([]);
      const list = await ok('GET', '/consultations', clerkMiddelburg.headers);
      expect(list.items.find((c: { id: string }) => c.id === id).myMembers).toEqual([
        { memberId: m.Middelburg, memberName: 'Middelburg', responseStatus: 'none' },
      ]);
      expect((await ok('GET', '/consultations', reps.Utrecht.headers)).items.map((c: { id: string }) => c.id)).not.toContain(id);
      expect((await api('GET', `/consultations/${id}`, reps.Utrecht.headers)).statusCode).toBe(404);
    });

    it('refuses a member outside the audience (403) and a person who does not answer for the member', async () => {
      const outside = await answer(reps.Utrecht, id, 'Utrecht', { answers: { [q.position]: { choice: 'agree' } }, submit: true });
      expect(outside.statusCode).toBe(403);
      expect(outside.json().detail).toBe('Uw lid hoort niet bij de doelgroep van deze raadpleging.');
      expect((await answer(reps.Utrecht, id, 'Middelburg', { answers: {}, submit: false })).statusCode).toBe(403);
      expect((await api('GET', `/consultations/${id}/responses/${m.Middelburg}`, reps.Utrecht.headers)).statusCode).toBe(403);
    });

    it('keeps one response per member when two representatives answer at once', async () => {
      const [a, b] = await Promise.all([
        answer(reps.Middelburg, id, 'Middelburg', { answers: { [q.position]: { choice: 'disagree' } }, submit: false }),
        answer(clerkMiddelburg, id, 'Middelburg', { answers: { [q.position]: { choice: 'agree' } }, submit: false }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const rows = await t.database.db
        .selectFrom('consultation_responses')
        .select(['version', 'status'])
        .where('consultation_id', '=', id)
        .where('member_id', '=', m.Middelburg)
        .execute();
      expect(rows).toEqual([{ version: 1, status: 'draft' }]);
      const loser = a.statusCode === 409 ? a : b;
      expect(loser.json()).toMatchObject({
        type: '/problems/version-conflict',
        detail: 'Een andere vertegenwoordiger heeft intussen opgeslagen. Laad de reactie opnieuw.',
      });
    });

    it('saves drafts, refuses an incomplete or stale submission, and stays editable until the deadline', async () => {
      const saved = await ok('GET', `/consultations/${id}/responses/${m.Middelburg}`, reps.Middelburg.headers);
      expect(saved).toMatchObject({ status: 'draft', version: 1, submittedAt: null });
      // Disagreeing makes "why" required.
      const incomplete = await answer(reps.Middelburg, id, 'Middelburg', { answers: { [q.position]: { choice: 'disagree' } }, submit: true, version: 1 });
      expect(incomplete.statusCode).toBe(422);
      expect(incomplete.json().errors).toEqual([{ name: `answers.${q.why}`, code: 'required', reason: 'Beantwoord deze vraag.' }]);
      const submitted = await ok('PUT', `/consultations/${id}/responses/${m.Middelburg}`, reps.Middelburg.headers, {
        answers: {
          [q.position]: { choice: 'disagree', reason: 'Te duur' },
          [q.why]: { text: 'De verdeelsleutel benadeelt kleine gemeenten.' },
          [q.scale]: { value: 4 },
        },
        submit: true,
        version: 1,
      });
      expect(submitted).toMatchObject({ status: 'submitted', version: 2, personName: 'Burgemeester Middelburg', capacity: 'mayor' });
      const stale = await answer(clerkMiddelburg, id, 'Middelburg', { answers: { [q.position]: { choice: 'agree' } }, submit: true, version: 1 });
      expect(stale.statusCode).toBe(409);
      // The clerk reloads and changes the answer; the "why" of a disagreement is dropped with it.
      const current = await ok('GET', `/consultations/${id}/responses/${m.Middelburg}`, clerkMiddelburg.headers);
      const changed = await ok('PUT', `/consultations/${id}/responses/${m.Middelburg}`, clerkMiddelburg.headers, {
        answers: { ...current.answers, [q.position]: { choice: 'abstain' } },
        submit: true,
        version: current.version,
      });
      expect(changed.version).toBe(3);
      expect(changed.answers).toEqual({ [q.position]: { choice: 'abstain' }, [q.scale]: { value: 4 } });
      expect(changed.capacity).toBe('council-clerk');
    });

    it('reminds only members that have not submitted, once, however many instances run the scheduler', async () => {
      const before = mailbox.messages.length;
      // reminderHours [2] with the deadline an hour ahead: the reminder is due. Two rounds at once, as two instances would.
      const rounds = await Promise.all([notificationRound(t.app, new Date()), notificationRound(t.app, new Date())]);
      expect(rounds.reduce((sum, r) => sum + r.reminders, 0)).toBe(1);
      expect(rounds.reduce((sum, r) => sum + r.invitations, 0)).toBe(0);
      expect(received(reps.Vlissingen, 'Herinnering ledenraadpleging: Verdeling gemeentefonds', id)).toHaveLength(1);
      expect((await notificationRound(t.app, new Date())).reminders).toBe(0);
      expect(await ok('POST', `/consultations/${id}/reminders`, staff)).toEqual({ sent: 1 });
      expect(received(reps.Vlissingen, 'Herinnering', id)).toHaveLength(2);
      // Middelburg submitted: its representatives get no reminder.
      expect(mailbox.messages.slice(before).map((mail) => mail.to)).toEqual([reps.Vlissingen.email.toLowerCase(), reps.Vlissingen.email.toLowerCase()]);
    });

    it('shows staff the live response rate; others see no results before publication', async () => {
      const detail = await ok('GET', `/consultations/${id}`, staff);
      expect(detail.responseRate).toEqual({ audience: 2, responded: 1, drafts: 0, rate: '50.00' });
      const results = await ok('GET', `/consultations/${id}/results`, staff);
      expect(results.responseRate.members).toBe('50.00');
      expect(results.nonResponders).toEqual([{ memberId: m.Vlissingen, name: 'Vlissingen', code: 'GM0718', province: 'Zeeland', draft: false }]);
      expect((await api('GET', `/consultations/${id}/results`, reps.Middelburg.headers)).statusCode).toBe(403);
      expect((await api('GET', `/consultations/${id}/results`)).statusCode).toBe(404);
    });

    it('extends the deadline but never shortens it or changes anything else after launch', async () => {
      const detail = await ok('GET', `/consultations/${id}`, staff);
      expect((await api('PATCH', `/consultations/${id}`, staff, { title: 'Anders' })).statusCode).toBe(409);
      expect((await api('PATCH', `/consultations/${id}`, staff, { closesAt: hours(0.5) })).statusCode).toBe(422);
      expect((await api('PUT', `/consultations/${id}/questions`, staff, { items: [] })).statusCode).toBe(409);
      expect((await api('PATCH', `/consultations/${id}`, staff, { closesAt: hours(3) })).statusCode).toBe(204);
      expect(new Date((await ok('GET', `/consultations/${id}`, staff)).closesAt) > new Date(detail.closesAt)).toBe(true);
    });

    it('refuses answers after the deadline', async () => {
      await setClosesAt(id, new Date(Date.now() - 1000));
      const late = await answer(reps.Vlissingen, id, 'Vlissingen', { answers: { [q.position]: { choice: 'agree' } }, submit: true });
      expect(late.statusCode).toBe(409);
      expect(late.json().detail).toBe('De termijn van deze raadpleging is verstreken; reacties worden niet meer aangenomen.');
      expect((await ok('GET', `/consultations/${id}`, staff)).status).toBe('closed');
    });
  });

  it('reminds again before an extended deadline', async () => {
    const { id } = await openConsultation({
      title: 'Verlengd',
      reminderHours: [2],
      audience: { provinces: ['Groningen'], sizeClasses: [], networks: [], memberClasses: [] },
    });
    expect((await notificationRound(t.app, new Date())).reminders).toBe(1);
    expect((await notificationRound(t.app, new Date())).reminders).toBe(0);
    // Extended by half an hour: the reminder two hours before the new deadline is due as well.
    expect((await api('PATCH', `/consultations/${id}`, staff, { closesAt: hours(1.5) })).statusCode).toBe(204);
    expect((await notificationRound(t.app, new Date())).reminders).toBe(1);
    expect(received(reps.Groningen, 'Herinnering ledenraadpleging: Verlengd', id)).toHaveLength(2);
  });

  it('lets a named office answer: the alderman for finance, not the designated mayor', async () => {
    const { id, q } = await openConsultation({
      responder: { kind: 'office', officeKind: 'alderman', portfolio: 'financiën' },
      audience: { provinces: ['Utrecht'], sizeClasses: [], networks: [], memberClasses: [] },
    });
    expect((await answer(reps.Utrecht, id, 'Utrecht', { answers: { [q.position]: { choice: 'agree' } }, submit: true })).statusCode).toBe(403);
    const saved = await ok('PUT', `/consultations/${id}/responses/${m.Utrecht}`, financeUtrecht.headers, {
      answers: { [q.position]: { choice: 'agree' } },
      submit: true,
    });
    expect(saved).toMatchObject({ status: 'submitted', capacity: 'alderman' });
    expect(received(financeUtrecht, 'Ledenraadpleging', id)).toHaveLength(1);
    expect(received(reps.Utrecht, 'Ledenraadpleging', id)).toEqual([]);
  });

  it('invites when a scheduled consultation opens, and answers are refused before that', async () => {
    const id = await draft({
      title: 'Later',
      opensAt: hours(1),
      closesAt: hours(5),
      reminderHours: [],
      audience: { provinces: ['Groningen'], sizeClasses: [], networks: [], memberClasses: [] },
    });
    const position = qid();
    await ok('PUT', `/consultations/${id}/questions`, staff, { items: [{ id: position, kind: 'position', text: 'Eens?' }] });
    const launched = await ok('POST', `/consultations/${id}/launch`, staff);
    expect(launched.status).toBe('scheduled');
    expect(received(reps.Groningen, 'Ledenraadpleging', id)).toEqual([]);
    const early = await answer(reps.Groningen, id, 'Groningen', { answers: { [position]: { choice: 'agree' } }, submit: true });
    expect(early.statusCode).toBe(409);
    // The opening time passes (moved in the database, see above); the scheduler's next round invites.
    await t.database.db
      .updateTable('consultations')
      .set({ opens_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect((await notificationRound(t.app, new Date())).invitations).toBe(1);
    expect(received(reps.Groningen, 'Ledenraadpleging: Later', id)).toHaveLength(1);
    expect((await answer(reps.Groningen, id, 'Groningen', { answers: { [position]: { choice: 'agree' } }, submit: true })).statusCode).toBe(200);
  });

  describe('results for all members', () => {
    let id: string;
    let q: Record<'position' | 'why' | 'scale' | 'open', string>;
    beforeAll(async () => {
      ({ id, q } = await openConsultation());
      const submit = (who: SignedIn, member: Name, answers: object) =>
        ok('PUT', `/consultations/${id}/responses/${m[member]}`, who.headers, { answers, submit: true });
      // Amsterdam does not answer.
      await submit(reps.Utrecht, 'Utrecht', { [q.position]: { choice: 'agree' }, [q.scale]: { value: 5 } });
      await submit(reps.Middelburg, 'Middelburg', { [q.position]: { choice: 'disagree' }, [q.why]: { text: 'Te duur' }, [q.scale]: { value: 1 } });
      await submit(reps.Vlissingen, 'Vlissingen', { [q.position]: { choice: 'disagree' }, [q.why]: { text: 'Geen draagvlak' }, [q.scale]: { value: 2 } });
      await submit(reps.Groningen, 'Groningen', { [q.position]: { choice: 'agree' }, [q.scale]: { value: 4 }, [q.open]: { text: '=HYPERLINK("http://x")' } });
    });

    it('are exact, unweighted and weighted, and never count non-response as agreement', async () => {
      const results = await ok('GET', `/consultations/${id}/results`, staff);
      expect(results.audience).toEqual({ members: 5, voteWeight: 320, population: 1644697 });
      expect(results.responded).toEqual({ members: 4, voteWeight: 245, population: 713399 });
      expect(results.noResponse).toEqual({ members: 1, voteWeight: 75, population: 931298 });
      const position = results.questions[0];
      const agree = position.options.find((o: { option: string }) => o.option === 'agree');
      expect(agree).toMatchObject({ members: 2, voteWeight: 150, population: 618006 });
      expect(agree.ofAnswered).toEqual({ members: '50.00', voteWeight: '61.22', population: '86.63' });
      // Amsterdam's silence is not agreement: 2 of 5 members agree, 150 of 320 votes.
      expect(agree.ofAudience).toEqual({ members: '40.00', voteWeight: '46.88', population: '37.58' });
      expect(position.noResponse).toEqual({ members: 1, voteWeight: 75, population: 931298 });
      expect(results.questions[2].mean).toEqual({ unweighted: '3.00', weighted: '3.33' });
    });

    it('break down by segment and show divergence', async () => {
      const results = await ok('GET', `/consultations/${id}/results`, staff);
      const position = results.questions[0];
      const provinces = position.breakdowns.find((b: { dimension: string }) => b.dimension === 'province');
      expect(
        provinces.segments.map((s: { segment: string; audience: number; responded: number; leading: string[] }) => [
          s.segment,
          s.audience,
          s.responded,
          s.leading,
        ]),
      ).toEqual([
        ['Groningen', 1, 1, ['agree']],
        ['Noord-Holland', 1, 0, []],
        ['Utrecht', 1, 1, ['agree']],
        ['Zeeland', 2, 2, ['disagree']],
      ]);
      expect(provinces.divergence).toEqual({ dimension: 'province', points: '100.00', majoritiesDiffer: true, segments: ['Groningen', 'Zeeland'] });
      const sizeClasses = position.breakdowns.find((b: { dimension: string }) => b.dimension === 'sizeClass');
      expect(sizeClasses.segments.map((s: { segment: string; audience: number; responseRate: string }) => [s.segment, s.audience, s.responseRate])).toEqual([
        ['100k-250k', 1, '100.00'],
        ['20k-50k', 1, '100.00'],
        ['50k-100k', 1, '100.00'],
        ['gte250k', 2, '50.00'],
      ]);
      const parties = position.breakdowns.find((b: { dimension: string }) => b.dimension === 'party');
      expect(parties.segments.map((s: { segment: string; responded: number; local?: boolean }) => [s.segment, s.responded, s.local])).toEqual([
        ['CDA', 1, false],
        ['Lokaal Vlissingen', 1, true],
        ['VVD', 2, false],
      ]);
      expect(results.questions[1].openAnswers.map((a: { memberName: string; text: string }) => `${a.memberName}: ${a.text}`)).toEqual([
        'Middelburg: Te duur',
        'Vlissingen: Geen draagvlak',
      ]);
    });

    it('export as CSV (formulas escaped, non-response its own row) and as a PDF', async () => {
      const csv = await api('GET', `/consultations/${id}/results.csv`, staff);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.trim().split('\n');
      expect(lines[0]).toBe(
        'question,questionText,kind,dimension,segment,option,members,voteWeight,population,percentMembers,percentVoteWeight,percentPopulation,points,weightedPoints',
      );
      expect(lines).toContain('1,Steunt u het voorstel?,position,alle leden,,eens,2,150,618006,50.00,61.22,86.63,,');
      expect(lines).toContain('1,Steunt u het voorstel?,position,alle leden,,geen reactie,1,75,931298,20.00,23.44,56.62,,');
      expect(lines).toContain('1,Steunt u het voorstel?,position,provincie,Zeeland,oneens,2,95,95393,100.00,100.00,100.00,,');
      expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect((await api('GET', `/consultations/${id}/results.csv`, reps.Utrecht.headers)).statusCode).toBe(403);
      const pdf = await api('GET', `/consultations/${id}/results.pdf`, staff);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    });

    it('records the outcome, tells every member that answered, and publishes only when closed', async () => {
      const outcome = await ok('PUT', `/consultations/${id}/outcome`, staff, {
        kind: 'differentiated',
        text: 'De vereniging bepleit een overgangsregeling voor kleine gemeenten.',
      });
      expect(outcome.kind).toBe('differentiated');
      for (const name of ['Utrecht', 'Middelburg', 'Vlissingen', 'Groningen'] as const) {
        const mails = received(reps[name], 'Uitkomst ledenraadpleging: Verdeling gemeentefonds', id);
        expect(mails).toHaveLength(1);
        expect(mails[0]!.text).toContain('overgangsregeling');
      }
      expect(received(reps.Amsterdam, 'Uitkomst', id)).toEqual([]);
      expect(received(clerkMiddelburg, 'Uitkomst', id)).toEqual([]);
      expect((await api('GET', `/consultations/${id}`)).statusCode).toBe(404);
      expect((await api('POST', `/consultations/${id}/publish`, staff)).statusCode).toBe(409);
      await setClosesAt(id, new Date(Date.now() - 1000));
      expect((await api('POST', `/consultations/${id}/publish`, staff)).statusCode).toBe(204);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining([
          'consultation.created',
          'consultation.launched',
          'consultation.response-submitted',
          'consultation.outcome-recorded',
          'consultation.published',
        ]),
      );
    });

    it('once published, the public reads questions, response, aggregates and outcome, without open answers', async () => {
      const detail = await ok('GET', `/consultations/${id}`, {});
      expect(detail).toMatchObject({ status: 'closed', published: true, outcome: { kind: 'differentiated' } });
      expect(detail.responseRate).toBeUndefined();
      const results = await ok('GET', `/consultations/${id}/results`, {});
      expect(results.responseRate.members).toBe('80.00');
      expect(results.nonResponders).toBeUndefined();
      expect(results.questions[1].openAnswers).toBeUndefined();
      expect((await ok('GET', '/consultations', {})).items.map((c: { id: string }) => c.id)).toEqual([id]);
    });
  });
});
