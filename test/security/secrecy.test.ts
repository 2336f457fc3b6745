import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { up as migrateSecrecy } from '../../src/core/db/migrations/0008_vote_secrecy.js';
import { addProfileVersion } from '../../src/profile/store.js';
import { vngProfile } from '../../src/profile/vng.js';
import { verifyPoll } from '../../src/voting/verify.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { appointCommittees } from '../support/procedure.js';
import { listenOnFreePort, openSse } from '../support/live.js';

/**
 * Secrecy of votes: a secret poll publishes totals per option only (no breakdown per province, size
 * class or network, no running result), its per-member votes are for the vote-counting committee
 * alone and every read of them is audited. And a trial vote never adopts or rejects anything.
 */
type Name = 'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam';
let t: TestApp;
let baseUrl: string;
let m: Record<Name, string>;
const reps = {} as Record<Name, SignedIn>;
let staff: SignedIn;
let admin: SignedIn;
let chair: AuthHeaders;
let committee: SignedIn;
/** An administrator who also sits on the vote-counting committee. */
let adminOnCommittee: SignedIn;
let meetingId: string;
const items = {} as Record<'secret' | 'named' | 'control', string>;
let secretId: string;

/** Four voters, each alone in its province, size class and network: a breakdown would name their votes. */
const VOTES: [Name, string][] = [
  ['Utrecht', 'for'],
  ['Middelburg', 'against'],
  ['Groningen', 'abstain'],
  ['Amsterdam', 'for'],
];
const PROVINCES = ['Utrecht', 'Zeeland', 'Groningen', 'Noord-Holland'];

beforeAll(async () => {
  // The profile shows a running result: a secret poll must still have none.
  t = await createTestApp({ profileFrom: null });
  await addProfileVersion(
    t.database.db,
    systemActor('test'),
    { effectiveFrom: '2015-01-01', reason: 'running results', document: { ...vngProfile, voting: { ...vngProfile.voting, showRunningResult: true } } },
    '2015-01-01',
  );
  baseUrl = await listenOnFreePort(t.app);
  m = await withFiveMembers(t);
  staff = await t.signInPerson({ roles: ['staff'] });
  admin = await t.signInPerson({ roles: ['admin'] });
  chair = await t.signIn('chair');
  committee = await t.signInPerson({ roles: ['counting-committee'] });
  adminOnCommittee = await t.signInPerson({ roles: ['admin', 'counting-committee'] });
  for (const name of Object.keys(m) as Name[]) reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
  for (const code of ['G4', 'G40', 'P10']) await ok('POST', '/networks', staff.headers, { code, name: code });
  await ok('PUT', `/members/${m.Utrecht}/networks`, staff.headers, { networks: ['G4'], effectiveDate: '2024-01-01' });
  await ok('PUT', `/members/${m.Amsterdam}/networks`, staff.headers, { networks: ['G40'], effectiveDate: '2024-01-01' });
  await ok('PUT', `/members/${m.Groningen}/networks`, staff.headers, { networks: ['P10'], effectiveDate: '2024-01-01' });
  meetingId = (await ok('POST', '/meetings', staff.headers, { kind: 'alv', title: 'ALV', date: '2024-06-12' })).id;
  for (const key of ['secret', 'named', 'control'] as const) {
    items[key] = (
      await ok('POST', `/meetings/${meetingId}/agenda-items`, staff.headers, {
        title: `Voorstel ${key}`,
        purpose: 'decision',
        decisionText: 'De ALV stemt in.',
      })
    ).id;
  }
  await ok('POST', `/meetings/${meetingId}/open`, chair);
  await appointCommittees(t, meetingId, { staff: staff.headers, chair });
  for (const name of Object.keys(m) as Name[]) await ok('POST', `/meetings/${meetingId}/check-ins`, reps[name].headers, { memberId: m[name] });
});
afterAll(() => t.close());

const api = (method: 'GET' | 'POST' | 'PUT', url: string, headers: AuthHeaders | Record<string, never> = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
async function ok(method: 'GET' | 'POST' | 'PUT', url: string, headers: AuthHeaders | Record<string, never>, payload?: object) {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}
async function castAll(pollId: string, votes: readonly [Name, string][] = VOTES): Promise<Record<string, string>> {
  const receipts: Record<string, string> = {};
  for (const [name, option] of votes)
    receipts[name] = (await ok('POST', `/polls/${pollId}/ballots`, reps[name].headers, { memberId: m[name], option, clientBallotId: randomUUID() })).receipt;
  return receipts;
}
const secretReads = () => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'poll.secret-votes-read').orderBy('id').execute();
/** Whether a published text names a voter, a segment of one, or carries a breakdown. */
function leaks(body: string): string[] {
  const found = [...Object.values(m), ...PROVINCES, 'G4', 'G40', 'P10', 'gte250k'].filter((word) => body.includes(word));
  // The totals' own labels never hold these; a breakdown always has a non-empty "segments" object.
  if (/"segments":\{"/.test(body)) found.push('segments');
  return found;
}
/** The first snapshot a live screen gets, and the stream to wait on for later ones. */
async function screen(pollId: string) {
  const stream = await openSse(`${baseUrl}/api/v1/polls/${pollId}/events`);
  return { stream, first: JSON.parse((await stream.next((e) => e.event === 'poll')).data) };
}

describe(`secret polls (${TEST_DB})`, () => {
  it('shows no running result of a secret poll while it is open, though the profile shows running results', async () => {
    // Control: a named poll under this profile does show a running result.
    const named = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: items.control }, secrecy: 'named' });
    await castAll(named.id, [['Utrecht', 'for']]);
    expect((await ok('GET', `/polls/${named.id}`, {})).result).toMatchObject({
      totals: [{ option: 'for', members: 1 }, { option: 'against' }, { option: 'abstain' }],
    });
    await ok('POST', `/polls/${named.id}/cancel`, chair);

    const secret = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: items.secret }, secrecy: 'secret' });
    secretId = secret.id;
    expect(secret.result).toBeNull();
    await castAll(secretId);
    const open = await ok('GET', `/polls/${secretId}`, {});
    expect(open).toMatchObject({ status: 'open', secrecy: 'secret', progress: { votedMembers: 4 }, result: null });
    for (const who of [{}, chair, staff.headers, committee.headers] as const) {
      expect((await ok('GET', `/polls?meetingId=${meetingId}`, who)).items.find((p: { id: string }) => p.id === secretId).result).toBeNull();
    }
    const { stream, first } = await screen(secretId);
    stream.close();
    expect(first).toMatchObject({ id: secretId, status: 'open', result: null });
    expect((await ok('GET', `/polls/${secretId}/export.json`, committee.headers)).poll.result).toBeNull();
    expect((await api('GET', `/polls/${secretId}/export.csv`, committee.headers)).body.trim().split('\n')).toHaveLength(1);
  });

  it('publishes only totals per option of a closed secret poll, on every channel', async () => {
    const { stream } = await screen(secretId);
    const closed = await ok('POST', `/polls/${secretId}/close`, chair);
    const live = await stream.next((e) => e.event === 'poll' && JSON.parse(e.data).status === 'closed');
    stream.close();

    expect(closed.result.totals.map((x: { option: string; members: number; weight: number }) => `${x.option}:${x.members}:${x.weight}`)).toEqual([
      'for:2:150',
      'against:1:50',
      'abstain:1:75',
    ]);
    expect(closed.result.segments).toEqual({});
    expect(leaks(live.data)).toEqual([]);
    expect(JSON.parse(live.data).result.totals).toEqual(closed.result.totals);
    expect(leaks((await api('GET', `/polls/${secretId}`)).body)).toEqual([]);
    expect(leaks((await api('GET', `/polls?meetingId=${meetingId}`)).body)).toEqual([]);
    // Not even the stored result keeps a breakdown.
    const stored = await t.database.db.selectFrom('polls').select('result').where('id', '=', secretId).executeTakeFirstOrThrow();
    expect((stored.result as { segments: unknown }).segments).toEqual({});

    // Exports for anyone but the committee: totals only.
    for (const who of [{}, reps.Utrecht.headers, chair, staff.headers, admin.headers]) {
      const json = await api('GET', `/polls/${secretId}/export.json`, who);
      expect(json.statusCode).toBe(200);
      expect(json.json().votes).toBeNull();
      expect(json.json().poll.result.segments).toEqual({});
      expect(leaks(json.body)).toEqual([]);
      const csv = await api('GET', `/polls/${secretId}/export.csv`, who);
      expect(
        csv.body
          .trim()
          .split('\n')
          .map((line) => line.split(',')[0]),
      ).toEqual(['regel', 'totaal', 'totaal', 'totaal']);
      expect(leaks(csv.body)).toEqual([]);
    }
    // Per-member votes: not for the public, a member, the chair, staff or administrators.
    expect((await api('GET', `/polls/${secretId}/votes`)).statusCode).toBe(401);
    for (const who of [reps.Utrecht.headers, chair, staff.headers, admin.headers])
      expect((await api('GET', `/polls/${secretId}/votes`, who)).statusCode).toBe(403);

    // The decision list and the audit trail carry no vote or segment of a member.
    expect(leaks((await api('GET', `/meetings/${meetingId}/decisions`)).body)).toEqual([]);
    const trail = await t.database.db.selectFrom('audit_log').select(['action', 'data']).where('entity_id', '=', meetingId).execute();
    const aboutSecret = trail.filter((e) => (e.data as { pollId?: string }).pollId === secretId);
    expect(aboutSecret.map((e) => e.action).sort()).toEqual(['poll.closed', 'poll.opened']);
    expect(leaks(JSON.stringify(aboutSecret))).toEqual([]);
    expect(JSON.stringify(aboutSecret)).not.toMatch(/"(for|against|abstain)"/);
    // The refused reads above read nothing, so nothing is recorded as read.
    expect(await secretReads()).toEqual([]);
  });

  it('shows a secret ballot in a receipt check only to the person who cast it', async () => {
    const receipts = await (async () => {
      const poll = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'trial' }, secrecy: 'secret' });
      const codes = await castAll(poll.id);
      await ok('POST', `/polls/${poll.id}/close`, chair);
      return { pollId: poll.id, codes };
    })();
    const check = (who: AuthHeaders | Record<string, never>) => ok('GET', `/polls/${receipts.pollId}/receipts/${receipts.codes.Middelburg}`, who);
    for (const who of [{}, reps.Utrecht.headers, chair, staff.headers, admin.headers, committee.headers])
      expect(await check(who)).toMatchObject({ memberName: 'Middelburg', counted: true, option: null });
    expect(await check(reps.Middelburg.headers)).toMatchObject({ option: 'against' });
  });

  it('lets only the vote-counting committee read the votes per member, and records each read', async () => {
    const votes = await ok('GET', `/polls/${secretId}/votes`, committee.headers);
    expect(
      votes.items.filter((v: { option: string | null }) => v.option).map((v: { memberName: string; option: string }) => `${v.memberName}:${v.option}`),
    ).toEqual(['Amsterdam:for', 'Groningen:abstain', 'Middelburg:against', 'Utrecht:for']);
    const csv = await api('GET', `/polls/${secretId}/export.csv`, committee.headers);
    expect(csv.body).toContain('lid,Middelburg,1,50,Tegen');
    expect((await ok('GET', `/polls/${secretId}/export.json`, committee.headers)).votes).toHaveLength(5);
    // An administrator reads them by sitting on the committee, not by being an administrator.
    expect((await api('GET', `/polls/${secretId}/votes`, adminOnCommittee.headers)).statusCode).toBe(200);

    const reads = await secretReads();
    expect(reads.map((r) => [r.actor_id, r.entity_id, r.data])).toEqual([
      [committee.personId, meetingId, { pollId: secretId, channel: 'votes', members: 5 }],
      [committee.personId, meetingId, { pollId: secretId, channel: 'export.csv', members: 5 }],
      [committee.personId, meetingId, { pollId: secretId, channel: 'export.json', members: 5 }],
      [adminOnCommittee.personId, meetingId, { pollId: secretId, channel: 'votes', members: 5 }],
    ]);
    // The committee can follow its own reads in the audit trail.
    const listed = await ok('GET', '/audit-log', committee.headers);
    expect(JSON.stringify(listed)).toContain('poll.secret-votes-read');
  });

  it('keeps the breakdown of a named poll, and reads of its votes are not recorded as secret reads', async () => {
    const named = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: items.named }, secrecy: 'named' });
    await castAll(named.id);
    const closed = await ok('POST', `/polls/${named.id}/close`, chair);
    expect(closed.result.segments.province.Zeeland).toEqual([
      { option: 'for', members: 0, weight: 0 },
      { option: 'against', members: 1, weight: 50 },
      { option: 'abstain', members: 0, weight: 0 },
    ]);
    expect(closed.result.segments.network.G40).toEqual([
      { option: 'for', members: 1, weight: 75 },
      { option: 'against', members: 0, weight: 0 },
      { option: 'abstain', members: 0, weight: 0 },
    ]);
    const before = (await secretReads()).length;
    expect((await api('GET', `/polls/${named.id}/votes`, reps.Vlissingen.headers)).statusCode).toBe(200);
    expect((await secretReads()).length).toBe(before);
  });
});

/** Words that declare a decision; a trial vote never says them. */
const DECIDING = /aangenomen|verworpen|adopted|rejected|stemt in|gekozen|chosen/i;

describe(`trial votes (${TEST_DB})`, () => {
  it('never calls a trial vote adopted or rejected: result, statement, exports, live screens, audit', async () => {
    const poll = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'trial' } });
    // Everyone votes For: before, the trial was "adopted".
    await castAll(poll.id, [
      ['Utrecht', 'for'],
      ['Middelburg', 'for'],
      ['Groningen', 'for'],
    ]);
    const { stream } = await screen(poll.id);
    const closed = await ok('POST', `/polls/${poll.id}/close`, chair);
    const live = await stream.next((e) => e.event === 'poll' && JSON.parse(e.data).status === 'closed');
    stream.close();
    expect(closed.result).toMatchObject({
      outcome: 'trial',
      ruleMet: null,
      leader: null,
      percentFor: '100.00',
      statement: { nl: 'Voor: 100,00%, Tegen: 0,00%. Proefstemming: telt niet als besluit.', en: 'For: 100.00%, Against: 0.00%. Trial vote: not a decision.' },
    });
    for (const body of [
      JSON.stringify(closed.result),
      JSON.parse(live.data).result && JSON.stringify(JSON.parse(live.data).result),
      (await api('GET', `/polls/${poll.id}/export.json`, committee.headers)).body,
      (await api('GET', `/polls/${poll.id}/export.csv`, committee.headers)).body,
    ]) {
      expect(body).toBeTruthy();
      expect(body).not.toMatch(DECIDING);
    }
    const audit = await t.database.db.selectFrom('audit_log').select('data').where('action', '=', 'poll.closed').execute();
    expect(audit.map((a) => a.data).find((d) => (d as { pollId: string }).pollId === poll.id)).toMatchObject({ outcome: 'trial' });
    expect(await t.database.db.selectFrom('decisions').select('id').where('poll_id', '=', poll.id).execute()).toEqual([]);
    expect((await verifyPoll(t.database.db, poll.id)).problems).toEqual([]);
  });

  it('gives a trial choice between options no winner', async () => {
    const poll = await ok('POST', '/polls', chair, {
      meetingId,
      subject: { type: 'trial' },
      options: [
        { key: 'rood', label: 'Rood' },
        { key: 'blauw', label: 'Blauw' },
      ],
    });
    await castAll(poll.id, [
      ['Utrecht', 'rood'],
      ['Middelburg', 'rood'],
      ['Groningen', 'blauw'],
    ]);
    const closed = await ok('POST', `/polls/${poll.id}/close`, chair);
    expect(closed.result).toMatchObject({
      outcome: 'trial',
      ruleMet: null,
      leader: null,
      statement: { nl: 'Proefstemming: telt niet als besluit.', en: 'Trial vote: not a decision.' },
    });
    expect(closed.result.totals.map((x: { option: string; weight: number }) => `${x.option}:${x.weight}`)).toEqual(['rood:125', 'blauw:75']);
    expect(JSON.stringify(closed.result)).not.toMatch(DECIDING);
    expect((await verifyPoll(t.database.db, poll.id)).problems).toEqual([]);
  });
});

describe(`results stored before these rules (${TEST_DB})`, () => {
  it('never serves an old breakdown of a secret poll or an old verdict on a trial, and migration 0008 rewrites them', async () => {
    const db = t.database.db;
    const trial = (await ok('GET', `/polls?meetingId=${meetingId}`, {})).items.find(
      (p: { subject: { type: string }; kind: string }) => p.subject.type === 'trial' && p.kind === 'choice',
    );
    // As the code before wrote them: a breakdown kept, a trial "chosen".
    const oldSecret = await db.selectFrom('polls').select('result').where('id', '=', secretId).executeTakeFirstOrThrow();
    const oldTrial = await db.selectFrom('polls').select('result').where('id', '=', trial.id).executeTakeFirstOrThrow();
    const breakdown = { province: { Zeeland: [{ option: 'against', members: 1, weight: 50 }] } };
    await db
      .updateTable('polls')
      .set({ result: JSON.stringify({ ...(oldSecret.result as object), segments: breakdown }) })
      .where('id', '=', secretId)
      .execute();
    await db
      .updateTable('polls')
      .set({
        result: JSON.stringify({
          ...(oldTrial.result as object),
          outcome: 'chosen',
          ruleMet: true,
          leader: 'rood',
          statement: { nl: 'Gekozen: Rood.', en: 'Chosen: Rood.' },
        }),
      })
      .where('id', '=', trial.id)
      .execute();

    expect(leaks((await api('GET', `/polls/${secretId}`)).body)).toEqual([]);
    expect((await ok('GET', `/polls/${trial.id}/export.json`, {})).poll.result).toMatchObject({
      outcome: 'trial',
      ruleMet: null,
      leader: null,
      statement: { nl: 'Proefstemming: telt niet als besluit.' },
    });

    await migrateSecrecy(db);
    const rows = await db.selectFrom('polls').select(['id', 'result']).where('id', 'in', [secretId, trial.id]).execute();
    const byId = new Map(rows.map((r) => [r.id, r.result as Record<string, unknown>]));
    expect(byId.get(secretId)!.segments).toEqual({});
    expect(byId.get(trial.id)).toMatchObject({
      outcome: 'trial',
      ruleMet: null,
      leader: null,
      statement: { nl: 'Proefstemming: telt niet als besluit.', en: 'Trial vote: not a decision.' },
    });
    for (const id of [secretId, trial.id]) expect((await verifyPoll(db, id)).problems).toEqual([]);
  });
});
