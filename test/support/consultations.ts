import { afterAll, beforeAll } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from './app.js';
import { startMailbox, type Mailbox } from './mailbox.js';

/**
 * Member consultations on the five-member register: Utrecht (75 votes, 374,238 inhabitants),
 * Middelburg (50; 50,004) and Vlissingen (45; 45,389) in Zeeland, Groningen (75; 243,768) and
 * Amsterdam (75; 931,298), each with a designated mayor and a party; Middelburg's council clerk as
 * its second representative, and Utrecht's alderman for finance, not designated.
 *
 * Time: a deadline is a moment on the clock. Where a test needs "after the deadline" it moves
 * closes_at into the past directly in the database, which is exactly what the passing of time does
 * to the stored row, and keeps the test fast and deterministic (no sleeping until a deadline).
 */

export type Name = 'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam';
type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Questions = Record<'position' | 'why' | 'scale' | 'open', string>;

export interface ConsultationWorld {
  readonly t: TestApp;
  readonly mailbox: Mailbox;
  readonly m: Record<Name, string>;
  readonly staff: AuthHeaders;
  readonly reps: Record<Name, SignedIn>;
  /** Middelburg's second designated representative: its council clerk (griffier). */
  readonly clerkMiddelburg: SignedIn;
  /** Utrecht's alderman for finance, not designated. */
  readonly financeUtrecht: SignedIn;
}

export const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

/** Starts a mailbox and an app with the register and its people before the file's tests, and closes them after. */
export function consultationWorld() {
  const world = {} as { -readonly [K in keyof ConsultationWorld]: ConsultationWorld[K] };
  let questionSeq = 100;

  const api = (method: HttpMethod, url: string, headers: AuthHeaders | Record<string, string> = {}, payload?: object) =>
    world.t.app.inject({ method, url: `/api/v1${url}`, headers: { 'accept-language': 'nl', ...headers }, ...(payload ? { payload } : {}) });
  async function ok(method: HttpMethod, url: string, headers: AuthHeaders | Record<string, string>, payload?: object) {
    const response = await api(method, url, headers, payload);
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.body ? response.json() : null;
  }
  /** Question ids are client-chosen, and unique across consultations. */
  const qid = () => `20000000-0000-4000-8000-${String((questionSeq += 1)).padStart(12, '0')}`;

  async function draft(overrides: object = {}): Promise<string> {
    return (
      await ok('POST', '/consultations', world.staff, {
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
  async function openConsultation(overrides: object = {}): Promise<{ id: string; q: Questions }> {
    const id = await draft(overrides);
    const q = { position: qid(), why: qid(), scale: qid(), open: qid() };
    await ok('PUT', `/consultations/${id}/questions`, world.staff, {
      items: [
        { id: q.position, kind: 'position', text: 'Steunt u het voorstel?' },
        { id: q.why, kind: 'open', text: 'Waarom niet?', condition: { questionId: q.position, anyOf: ['disagree'] } },
        { id: q.scale, kind: 'scale', text: 'Hoe urgent is dit?', scale: { min: 1, max: 5 }, required: false },
        { id: q.open, kind: 'open', text: 'Overige opmerkingen', required: false },
      ],
    });
    await ok('POST', `/consultations/${id}/launch`, world.staff);
    return { id, q };
  }

  const answer = (who: SignedIn, id: string, member: Name, body: object) => api('PUT', `/consultations/${id}/responses/${world.m[member]}`, who.headers, body);
  const mailsTo = (who: SignedIn) => world.mailbox.messages.filter((mail) => mail.to === who.email.toLowerCase());
  /** Mails to a person with a subject, about one consultation. The test app delivers queued mails before it answers, so they are in. */
  const received = (who: SignedIn, subject: string, id: string) =>
    mailsTo(who).filter((mail) => mail.subject.startsWith(subject) && mail.text.includes(`/raadplegingen/${id}`));
  const setClosesAt = (id: string, at: Date) => world.t.database.db.updateTable('consultations').set({ closes_at: at }).where('id', '=', id).execute();

  async function officeOf(who: SignedIn) {
    return (await world.t.database.db.selectFrom('offices').select('id').where('person_id', '=', who.personId).executeTakeFirstOrThrow()).id;
  }

  beforeAll(async () => {
    world.mailbox = await startMailbox();
    world.t = await createTestApp({ config: { SMTP_URL: world.mailbox.url }, deliverMailsBeforeAnswer: true });
    const t = world.t;
    world.m = await withFiveMembers(t);
    world.staff = await t.signIn('staff');
    const parties: Record<Name, [string | null, boolean]> = {
      Utrecht: ['VVD', false],
      Middelburg: ['CDA', false],
      Vlissingen: ['Lokaal Vlissingen', true],
      Groningen: ['VVD', false],
      Amsterdam: [null, false],
    };
    world.reps = {} as Record<Name, SignedIn>;
    for (const name of Object.keys(world.m) as Name[]) {
      world.reps[name] = await t.signInPerson({ representativeOf: world.m[name], name: `Burgemeester ${name}` });
      const [party, partyIsLocal] = parties[name];
      if (party) await ok('PATCH', `/offices/${await officeOf(world.reps[name])}`, world.staff, { party, partyIsLocal });
    }
    world.clerkMiddelburg = await t.signInPerson({ representativeOf: world.m.Middelburg, kind: 'council-clerk', name: 'Griffier Middelburg' });
    world.financeUtrecht = await t.signInPerson({ name: 'Wethouder Financiën Utrecht' });
    await ok('POST', `/people/${world.financeUtrecht.personId}/offices`, world.staff, {
      memberId: world.m.Utrecht,
      kind: 'alderman',
      portfolio: 'Financiën',
      party: 'D66',
      startDate: '2024-01-01',
    });
  });
  afterAll(async () => {
    await world.t?.close();
    await world.mailbox?.close();
  });

  return { world: world as ConsultationWorld, api, ok, qid, draft, openConsultation, answer, received, setClosesAt };
}
