import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleTerms } from '#verify-bundle';
import { vngProfile } from '../../src/profile/vng.js';
import { verifyPoll } from '../../src/voting/verify.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * Issue 11, procedure: a change of the rules of procedure (huishoudelijk reglement) is voted by the
 * profile's rule for it (VNG: two thirds), as a statute change is. The rule and its source travel
 * from the item to the poll, its opening log entry, the result, the decision list and the minutes;
 * the outcome follows that rule, not the simple majority.
 */

type Name = 'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam';
let t: TestApp;
let m: Record<Name, string>;
let staff: AuthHeaders;
let chair: AuthHeaders;
const reps = {} as Record<Name, SignedIn>;
let meetingId: string;

const SOURCE = vngProfile.majority.rulesOfProcedureChangeSource;
const NL = { 'accept-language': 'nl' };
const api = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: AuthHeaders | Record<string, string> = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...NL, ...headers }, ...(payload ? { payload } : {}) });
async function ok(method: 'GET' | 'POST' | 'PATCH', url: string, headers: AuthHeaders | Record<string, string>, payload?: object) {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}
const addItem = async (title: string) =>
  (
    await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, {
      title,
      purpose: 'decision',
      decisionText: `De ALV besluit het huishoudelijk reglement te wijzigen: ${title.toLowerCase()}.`,
      changeKind: 'rules-of-procedure',
    })
  ).id as string;

/** A vote on the item, closed: the named members for, the others present against. */
async function voted(itemId: string, forVotes: Name[]) {
  const poll = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: itemId } });
  for (const name of ['Utrecht', 'Middelburg', 'Vlissingen', 'Groningen'] as const)
    await ok('POST', `/polls/${poll.id}/ballots`, reps[name].headers, {
      memberId: m[name],
      option: forVotes.includes(name) ? 'for' : 'against',
      clientBallotId: randomUUID(),
    });
  await ok('POST', `/polls/${poll.id}/close`, chair);
  return { opened: poll, closed: await ok('GET', `/polls/${poll.id}`, {}) };
}

beforeAll(async () => {
  t = await createTestApp();
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  for (const name of Object.keys(m) as Name[]) reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
  meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV reglement', date: '2024-06-12' })).id;
});
afterAll(() => t.close());

describe(`procedure: a change of the rules of procedure (${TEST_DB})`, () => {
  it("votes by the profile's two-thirds rule, refuses a weaker one, rejects a mere simple majority and names the rule and its source everywhere", async () => {
    expect(vngProfile.majority.rulesOfProcedureChange).toBe('twoThirds');
    expect(SOURCE).toContain('huishoudelijk reglement');
    const rejected = await addItem('Spreektijd');
    const adopted = await addItem('Stemmen op afstand');
    await ok('POST', `/meetings/${meetingId}/open`, chair);
    // Utrecht 75, Middelburg 50, Vlissingen 45, Groningen 75 present; Amsterdam (75) is not.
    for (const name of ['Utrecht', 'Middelburg', 'Vlissingen', 'Groningen'] as const)
      await ok('POST', `/meetings/${meetingId}/check-ins`, reps[name].headers, { memberId: m[name] });
    await appointCommittees(t, meetingId, { staff, chair });

    const weaker = await api('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: rejected }, rule: 'simple' });
    expect(weaker.statusCode).toBe(422);
    expect(weaker.json().errors[0].name).toBe('rule');
    expect(await t.database.db.selectFrom('polls').select('id').where('subject_id', '=', rejected).execute()).toEqual([]);

    // 150 of 245 weight for: 61.22%, a simple majority but not two thirds.
    const first = await voted(rejected, ['Utrecht', 'Groningen']);
    expect(first.opened).toMatchObject({ rule: 'twoThirds', ruleSource: SOURCE });
    expect(first.closed.ruleSource).toBe(SOURCE);
    expect(first.closed.result).toMatchObject({ outcome: 'rejected', rule: 'twoThirds', ruleMet: false, percentFor: '61.22' });
    expect(first.closed.result.statement.nl).toBe(
      `Voor: 61,22%, Tegen: 38,78%. De ALV stemt niet in met het voorstel. Vereist: twee derde meerderheid (${SOURCE}).`,
    );
    expect(first.closed.result.statement.en).toContain(`Required: two-thirds majority (${SOURCE}).`);

    // 170 of 245 for: 69.39%, two thirds.
    const second = await voted(adopted, ['Utrecht', 'Middelburg', 'Vlissingen']);
    expect(second.closed.result).toMatchObject({ outcome: 'adopted', rule: 'twoThirds', ruleMet: true, percentFor: '69.39' });
    expect(second.closed.result.statement.nl).toBe(
      `Voor: 69,39%, Tegen: 30,61%. De ALV stemt in met het voorstel. Vereist: twee derde meerderheid (${SOURCE}).`,
    );

    // The opening log entry carries the rule and its source, and verification agrees with the row.
    for (const { opened } of [first, second]) {
      const entry = await t.database.db
        .selectFrom('poll_log')
        .select('payload')
        .where('poll_id', '=', opened.id)
        .where('kind', '=', 'opened')
        .executeTakeFirstOrThrow();
      expect((entry.payload as unknown as { terms: BundleTerms }).terms).toMatchObject({ rule: 'twoThirds', ruleSource: SOURCE });
      expect((await verifyPoll(t.database.db, opened.id)).problems).toEqual([]);
    }

    // The decision list and the drafted minutes name the rule and its source with each outcome.
    const list = (await ok('GET', `/meetings/${meetingId}/decisions`, staff)).items;
    const phraseOf = (id: string) => list.find((i: { itemId: string }) => i.itemId === id).phrases[0].nl;
    expect(phraseOf(rejected)).toBe(first.closed.result.statement.nl);
    expect(phraseOf(adopted)).toBe(second.closed.result.statement.nl);
    await ok('POST', `/meetings/${meetingId}/minutes/generate`, staff);
    const minutes = (await ok('GET', `/meetings/${meetingId}/minutes`, staff)).current.body as string;
    expect(minutes).toContain(`**${first.closed.result.statement.nl}**`);
    expect(minutes).toContain(`**${second.closed.result.statement.nl}**`);

    // Once the meeting is open the item cannot stop being a change of the rules of procedure.
    expect((await api('PATCH', `/agenda-items/${rejected}`, staff, { changeKind: null })).statusCode).toBe(409);
  });
});
