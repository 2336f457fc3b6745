import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { appointCommittees } from '../support/procedure.js';

let t: TestApp;
let m: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: AuthHeaders;
let chair: AuthHeaders;
let committee: AuthHeaders;
const reps = {} as Record<'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam', SignedIn>;
let meetingId: string;
let itemId: string;

const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
async function ok(method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}
const cast = (pollId: string, who: SignedIn, memberId: string, option: string) =>
  ok('POST', `/polls/${pollId}/ballots`, who.headers, { memberId, option, clientBallotId: randomUUID() });
const auditCount = async (action: string) => (await t.database.db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  committee = await t.signIn('counting-committee');
  for (const name of Object.keys(m) as (keyof typeof m)[]) reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
  meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV', date: '2024-06-12' })).id;
  itemId = (
    await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, {
      title: 'Statuten: stemgewicht',
      purpose: 'decision',
      decisionText: 'De ALV stelt de regel vast.',
    })
  ).id;
});
afterAll(() => t.close());

// Utrecht, Groningen and Amsterdam weigh 75 (capped), Middelburg 50, Vlissingen 45: 320 in all.
describe(`voting power of the register (${TEST_DB})`, () => {
  it('gives every member its Banzhaf and Shapley–Shubik index, to anyone, with segments beside their shares', async () => {
    const power = await ok('GET', '/power?asOf=2024-06-01', {});
    expect(power).toMatchObject({ asOf: '2024-06-01', majority: 'simple', quota: 161, totalWeight: 320, method: 'generating-function', excluded: 0 });
    const byName = Object.fromEntries(power.members.map((x: { name: string }) => [x.name, x]));
    // [161; 75, 75, 75, 50, 45]: every member swings in 6 of the 16 coalitions of the others, so Vlissingen's
    // 45 votes give it as much power as Amsterdam's 75.
    for (const name of Object.keys(m)) expect(byName[name].banzhaf).toBeCloseTo(0.2, 12);
    expect(byName.Vlissingen.absoluteBanzhaf).toBeCloseTo(6 / 16, 12);
    expect(power.members.reduce((sum: number, x: { shapleyShubik: number }) => sum + x.shapleyShubik, 0)).toBeCloseTo(1, 12);
    const zeeland = power.segments.find((s: { dimension: string; segment: string }) => s.dimension === 'province' && s.segment === 'Zeeland');
    expect(zeeland).toMatchObject({ members: 2, weightShare: 95 / 320 });
    expect(zeeland.banzhaf).toBeCloseTo(0.4, 12);
    // Amsterdam has the most inhabitants by far but the capped weight: its power per population share is below 1.
    expect(byName.Amsterdam.banzhafPerPopulation).toBeLessThan(1);
    expect(byName.Vlissingen.banzhafPerPopulation).toBeGreaterThan(1);
  });

  it('takes the two-thirds and the double majority, where Middelburg weighs as much as Amsterdam in the count', async () => {
    expect((await ok('GET', '/power?asOf=2024-06-01&majority=twoThirds', {})).quota).toBe(214);
    const double = await ok('GET', '/power?asOf=2024-06-01&majority=double', {});
    expect(double).toMatchObject({ quota: 161, memberQuota: 3, method: 'size-weight-table' });
    expect(double.members.reduce((sum: number, x: { banzhaf: number }) => sum + x.banzhaf, 0)).toBeCloseTo(1, 12);
  });

  it('exports the figures as CSV with the size classes by name, not by code', async () => {
    const response = await api('GET', '/power?asOf=2024-06-01', { accept: 'text/csv' });
    expect(response.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = response.body.trim().split('\n');
    expect(header).toContain('banzhaf,shapley_shubik');
    expect(rows.find((r) => r.includes('Vlissingen'))).toContain('20.000 tot 50.000');
    expect(response.body).not.toContain('20k-50k');
  });

  it('refuses a date before the register with a clear problem', async () => {
    const response = await api('GET', '/power?asOf=2000-01-01', { 'accept-language': 'nl' });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain('geen leden met stemgewicht');
  });
});

describe(`what-if for a draft vote-weight rule (${TEST_DB})`, () => {
  const draft = { memberClasses: [{ code: 'municipality', voteWeight: { divisor: 100, cap: 750, minimum: 1, rounding: 'down' } }] };

  it('shows who gains and loses weight and power under 1 per 100, side by side, for signed-in people', async () => {
    expect((await api('POST', '/power/what-if', {}, { asOf: '2024-06-01', draft })).statusCode).toBe(401);
    const whatIf = await ok('POST', '/power/what-if', reps.Vlissingen.headers, { asOf: '2024-06-01', draft });
    expect(whatIf.draft.totalWeight).toBe(750 + 500 + 453 + 750 + 750);
    const vlissingen = whatIf.changes.find((c: { name: string }) => c.name === 'Vlissingen');
    expect(vlissingen).toMatchObject({ weightBefore: 45, weightAfter: 453 });
    const zeeland = whatIf.segments.find((s: { segment: string }) => s.segment === 'Zeeland');
    expect(zeeland.weightShareAfter).toBeCloseTo(953 / 3203, 12);
  });

  it('refuses an unknown member class and a negative divisor, and stores nothing', async () => {
    const unknown = await api('POST', '/power/what-if', reps.Vlissingen.headers, {
      draft: { memberClasses: [{ ...draft.memberClasses[0], code: 'provincie' }] },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0]).toMatchObject({ name: 'draft.memberClasses', code: 'unknown-member-class' });
    const negative = await api('POST', '/power/what-if', reps.Vlissingen.headers, {
      draft: { memberClasses: [{ code: 'municipality', voteWeight: { ...draft.memberClasses[0]?.voteWeight, divisor: -5 } }] },
    });
    expect(negative.statusCode).toBe(400);
    // One vote per inhabitant without a cap weighs 1.6 million: refused at once, not computed for minutes.
    const huge = await api(
      'POST',
      '/power/what-if',
      { ...reps.Vlissingen.headers, 'accept-language': 'nl' },
      {
        draft: { memberClasses: [{ code: 'municipality', voteWeight: { divisor: 1, cap: null, minimum: 1, rounding: 'down' } }] },
      },
    );
    expect(huge.statusCode).toBe(422);
    expect(huge.json().detail).toContain('te groot om te berekenen');
  });

  it('turns the what-if into a PDF paper on an agenda item, for staff only', async () => {
    const body = { asOf: '2024-06-01', draft, agendaItemId: itemId, title: 'Stemmacht bij 1 stem per 100 inwoners' };
    expect((await api('POST', '/power/what-if/paper', reps.Utrecht.headers, body)).statusCode).toBe(403);
    const before = await auditCount('paper.created');
    const { paperId } = await ok('POST', '/power/what-if/paper', staff, body);
    expect(await auditCount('paper.created')).toBe(before + 1);
    const file = await api('GET', `/papers/${paperId}/versions/1/file`, staff);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe(`what-if for a held vote (${TEST_DB})`, () => {
  let named: string;
  let secret: string;

  beforeAll(async () => {
    await ok('POST', `/meetings/${meetingId}/open`, chair);
    await appointCommittees(t, meetingId, { staff, chair });
    for (const name of ['Utrecht', 'Middelburg', 'Vlissingen', 'Groningen', 'Amsterdam'] as const)
      await ok('POST', `/meetings/${meetingId}/check-ins`, reps[name].headers, { memberId: m[name] });
    // 150 for (Utrecht, Amsterdam), 125 against (Groningen, Middelburg); Vlissingen does not vote: 54,55%.
    const votes = { Utrecht: 'for', Amsterdam: 'for', Groningen: 'against', Middelburg: 'against' } as const;
    named = (await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: itemId } })).id;
    expect((await api('GET', `/polls/${named}/what-if`, committee)).statusCode).toBe(409);
    for (const [name, option] of Object.entries(votes)) await cast(named, reps[name as keyof typeof votes], m[name as keyof typeof votes], option);
    await ok('POST', `/polls/${named}/close`, chair);
    const secondItem = (
      await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, {
        title: 'Begroting',
        purpose: 'decision',
        decisionText: 'De ALV stelt de begroting vast.',
      })
    ).id;
    secret = (await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: secondItem }, secrecy: 'secret' })).id;
    for (const [name, option] of Object.entries(votes)) await cast(secret, reps[name as keyof typeof votes], m[name as keyof typeof votes], option);
    await ok('POST', `/polls/${secret}/close`, chair);
  });

  it('says how few would have had to vote otherwise, and who alone could have turned it', async () => {
    const whatIf = await ok('GET', `/polls/${named}/what-if`, reps.Middelburg.headers);
    expect(whatIf).toMatchObject({ adopted: true, percentFor: '54.55', winningSide: 'for' });
    // One of the two 75s switching is enough (150 − 75 against 125 + 75).
    expect(whatIf.switchSides).toMatchObject({ members: 1, weight: 75 });
    expect(['Amsterdam', 'Utrecht']).toContain(whatIf.switchSides.memberNames[0]);
    expect(whatIf.nonVotersJoinLosers).toEqual({ members: 1, weight: 45, memberNames: ['Vlissingen'] });
    expect(whatIf.criticalMembers.sort()).toEqual(['Amsterdam', 'Utrecht']);
    expect(whatIf.hallPower.map((p: { memberName: string }) => p.memberName)).not.toContain('Vlissingen');
  });

  it('keeps a secret vote secret: only the committee reads its what-if, and the read is audited', async () => {
    expect((await api('GET', `/polls/${secret}/what-if`, reps.Middelburg.headers)).statusCode).toBe(403);
    expect((await api('GET', `/polls/${secret}/what-if`, {})).statusCode).toBe(401);
    const before = await auditCount('poll.secret-votes-read');
    expect((await ok('GET', `/polls/${secret}/what-if`, committee)).criticalMembers.sort()).toEqual(['Amsterdam', 'Utrecht']);
    const audits = await t.database.db.selectFrom('audit_log').select('data').where('action', '=', 'poll.secret-votes-read').execute();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)?.data).toMatchObject({ pollId: secret, channel: 'what-if' });
  });
});
