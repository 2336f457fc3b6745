import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * Issue 11, procedure: the drafted minutes never say "stemt in met het voorstel" for an item that put
 * no proposal to the meeting (for information, for discussion, or without decision text), not even
 * when a motion on it was adopted by vote; an adopted proposal does get its phrase.
 */

type Name = 'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam';
let t: TestApp;
let m: Record<Name, string>;
let staff: AuthHeaders;
let chair: AuthHeaders;
const reps = {} as Record<Name, SignedIn>;
let meetingId: string;

async function ok(method: 'GET' | 'POST', url: string, headers: AuthHeaders | Record<string, never>, payload?: object) {
  const response = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}
const addItem = async (payload: { title: string; purpose: string; decisionText?: string }) =>
  (await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, payload)).id as string;
const record = (id: string, outcome: string, method: string) =>
  ok('POST', `/meetings/${meetingId}/decisions`, chair, { subjects: [{ type: 'agenda-item', id }], outcome, method });

/** A vote that everyone present carries. */
async function carried(subject: { type: 'agenda-item' | 'submission'; id: string }) {
  const poll = await ok('POST', '/polls', chair, { meetingId, subject });
  for (const name of ['Utrecht', 'Middelburg', 'Groningen'] as const)
    await ok('POST', `/polls/${poll.id}/ballots`, reps[name].headers, { memberId: m[name], option: 'for', clientBallotId: randomUUID() });
  await ok('POST', `/polls/${poll.id}/close`, chair);
}

beforeAll(async () => {
  t = await createTestApp();
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  for (const name of Object.keys(m) as Name[]) reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
  meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV notulen', date: '2024-06-12' })).id;
});
afterAll(() => t.close());

/** The minutes' section of an item: from its heading to the next. */
function sectionOf(body: string, title: string): string {
  const sections = body.split(/^(?=## )/m);
  const found = sections.filter((s) => new RegExp(`^## \\d+\\. ${title}\\n`).test(s));
  expect(found, `one section for ${title}`).toHaveLength(1);
  return found[0]!;
}

describe(`minutes text (${TEST_DB})`, () => {
  it("drafts minutes that say 'stemt in met het voorstel' only where a proposal was adopted", async () => {
    const items = {
      annualReport: await addItem({ title: 'Jaarverslag', purpose: 'information' }),
      housing: await addItem({ title: 'Woningbouw', purpose: 'information' }),
      course: await addItem({ title: 'Koers', purpose: 'decision' }),
      outlook: await addItem({ title: 'Vooruitblik', purpose: 'discussion' }),
      budget: await addItem({ title: 'Begroting', purpose: 'decision', decisionText: 'De ALV stelt de begroting vast.' }),
      accounts: await addItem({ title: 'Jaarrekening', purpose: 'decision', decisionText: 'De ALV stelt de jaarrekening vast.' }),
    };
    const motion = (
      await ok('POST', '/motions', reps.Utrecht.headers, {
        meetingId,
        agendaItemId: items.housing,
        title: 'Meer sociale huur',
        memberIds: [m.Utrecht],
        request: 'Verzoekt het bestuur te pleiten voor meer sociale huur.',
      })
    ).id;
    await ok('POST', `/meetings/${meetingId}/open`, chair);
    for (const name of ['Utrecht', 'Middelburg', 'Groningen'] as const)
      await ok('POST', `/meetings/${meetingId}/check-ins`, reps[name].headers, { memberId: m[name] });
    await appointCommittees(t, meetingId, { staff, chair });

    // Where there is no proposal, neither the chair nor a vote can adopt one.
    const tryAdopt = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/decisions`,
      headers: chair,
      payload: { subjects: [{ type: 'agenda-item', id: items.course }], outcome: 'adopted', method: 'acclamation' },
    });
    expect(tryAdopt.statusCode).toBe(422);
    const tryVote = await t.app.inject({
      method: 'POST',
      url: '/api/v1/polls',
      headers: chair,
      payload: { meetingId, subject: { type: 'agenda-item', id: items.annualReport } },
    });
    expect(tryVote.statusCode).toBe(422);
    await record(items.annualReport, 'taken-note', 'none');
    await carried({ type: 'submission', id: motion });
    await record(items.housing, 'taken-note', 'none');
    await record(items.course, 'discussed', 'none');
    // Vooruitblik gets no decision at all.
    await carried({ type: 'agenda-item', id: items.budget });
    await record(items.accounts, 'adopted', 'acclamation');

    await ok('POST', `/meetings/${meetingId}/minutes/generate`, staff);
    const body = (await ok('GET', `/meetings/${meetingId}/minutes`, staff)).current.body as string;
    for (const title of ['Jaarverslag', 'Woningbouw', 'Koers', 'Vooruitblik']) {
      const section = sectionOf(body, title);
      expect(section).not.toMatch(/in met het voorstel/);
      expect(section).not.toMatch(/approves the proposal/);
    }
    expect(sectionOf(body, 'Jaarverslag')).toContain('**De ALV neemt hiervan kennis.**');
    expect(sectionOf(body, 'Woningbouw')).toMatch(
      /Motie "Meer sociale huur" \(ingediend door Utrecht\)\. Voor: 100,00%, Tegen: 0,00%\. De ALV neemt de motie aan\./,
    );
    expect(sectionOf(body, 'Koers')).toContain('**De ALV bespreekt het onderwerp.**');
    expect(sectionOf(body, 'Begroting')).toContain('**Voor: 100,00%, Tegen: 0,00%. De ALV stemt in met het voorstel.**');
    expect(sectionOf(body, 'Jaarrekening')).toContain('**De ALV stemt per acclamatie in met het voorstel.**');
    // Exactly those two adopted proposals carry the phrase.
    expect(body.match(/in met het voorstel/g)).toHaveLength(2);

    // The decision list the minutes are drafted from agrees, in both languages.
    const list = (await ok('GET', `/meetings/${meetingId}/decisions`, staff)).items as { itemId: string; phrases: { nl: string; en: string }[] }[];
    for (const id of [items.annualReport, items.housing, items.course, items.outlook]) {
      const phrases = list.find((i) => i.itemId === id)!.phrases;
      expect(JSON.stringify(phrases)).not.toMatch(/in met het voorstel|approves the proposal/);
    }
    expect(list.find((i) => i.itemId === items.budget)!.phrases[0]).toMatchObject({
      nl: 'Voor: 100,00%, Tegen: 0,00%. De ALV stemt in met het voorstel.',
      en: 'For: 100.00%, Against: 0.00%. The general meeting approves the proposal.',
    });
  });
});
