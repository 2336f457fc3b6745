import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPoll } from '../../src/voting/verify.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { asOwner } from '../support/owner.js';
import { appointCommittees } from '../support/procedure.js';

let t: TestApp;
let m: Awaited<ReturnType<typeof withFiveMembers>>;
let staff: AuthHeaders;
let chair: AuthHeaders;
let committee: AuthHeaders;
const reps = {} as Record<'Utrecht' | 'Middelburg' | 'Vlissingen' | 'Groningen' | 'Amsterdam', SignedIn>;
let meetingId: string;
let proposalId: string;
let budgetId: string;

beforeAll(async () => {
  t = await createTestApp();
  m = await withFiveMembers(t);
  staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  committee = await t.signIn('counting-committee');
  for (const name of Object.keys(m) as (keyof typeof m)[]) reps[name] = await t.signInPerson({ representativeOf: m[name], name: `Burgemeester ${name}` });
  meetingId = (await ok('POST', '/meetings', staff, { kind: 'alv', title: 'ALV', date: '2024-06-12' })).id;
  proposalId = (
    await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, {
      title: 'Jaarrekening',
      purpose: 'decision',
      decisionText: 'De ALV stelt de jaarrekening vast.',
    })
  ).id;
  budgetId = (
    await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, { title: 'Begroting', purpose: 'decision', decisionText: 'De ALV stelt de begroting vast.' })
  ).id;
  await ok('POST', `/meetings/${meetingId}/open`, chair);
  await appointCommittees(t, meetingId, { staff, chair });
  // Utrecht (75), Middelburg (50), Vlissingen (45), Groningen (75) present; Amsterdam gives its vote to Utrecht's mayor.
  for (const name of ['Utrecht', 'Middelburg', 'Vlissingen', 'Groningen'] as const)
    await ok('POST', `/meetings/${meetingId}/check-ins`, reps[name].headers, { memberId: m[name] });
  await ok('POST', `/meetings/${meetingId}/proxies`, reps.Amsterdam.headers, {
    grantorMemberId: m.Amsterdam,
    holderPersonId: reps.Utrecht.personId,
    holderMemberId: m.Utrecht,
  });
});
afterAll(() => t.close());

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: AuthHeaders | Record<string, never> = {}, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
async function ok(method: 'GET' | 'POST' | 'PATCH', url: string, headers: AuthHeaders | Record<string, never>, payload?: object) {
  const response = await api(method, url, headers, payload);
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}
const cast = (pollId: string, who: SignedIn, memberId: string, option: string, clientBallotId: string = randomUUID()) =>
  api('POST', `/polls/${pollId}/ballots`, who.headers, { memberId, option, clientBallotId });

describe(`live weighted voting (${TEST_DB})`, () => {
  it('freezes who may vote and with which weight when the poll opens; a proxy holder votes for both members', async () => {
    const poll = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'trial' } });
    expect(poll).toMatchObject({
      status: 'open',
      kind: 'for-against',
      progress: { votedMembers: 0, entitledMembers: 5, entitledWeight: 75 + 50 + 45 + 75 + 75 },
    });
    const mine = await ok('GET', `/polls/${poll.id}/my-ballots`, reps.Utrecht.headers);
    expect(mine.members.map((x: { memberName: string; via: string; weight: number }) => `${x.memberName}:${x.via}:${x.weight}`)).toEqual([
      'Utrecht:check-in:75',
      'Amsterdam:proxy:75',
    ]);
    // Amsterdam's own mayor does not hold its vote: the proxy does.
    expect((await cast(poll.id, reps.Amsterdam, m.Amsterdam, 'for')).statusCode).toBe(403);
    expect((await cast(poll.id, reps.Utrecht, m.Middelburg, 'for')).statusCode).toBe(403);
    expect((await cast(poll.id, reps.Utrecht, m.Amsterdam, 'for')).statusCode).toBe(201);
    await ok('POST', `/polls/${poll.id}/close`, chair);
    const closed = await ok('GET', `/polls/${poll.id}`, {});
    expect(closed.result.statement.nl).toBe('Voor: 100,00%, Tegen: 0,00%. Proefstemming: telt niet als besluit.');
    const decided = await t.database.db.selectFrom('decisions').select('id').where('poll_id', '=', poll.id).execute();
    expect(decided).toEqual([]);
  });

  it('keeps one ballot per member under 50 parallel casts, and answers a retry with the same receipt', async () => {
    const poll = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: proposalId } });
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => cast(poll.id, reps.Middelburg, m.Middelburg, i % 2 ? 'for' : 'against')));
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const current = await t.database.db
      .selectFrom('ballots')
      .select('option')
      .where('poll_id', '=', poll.id)
      .where('member_id', '=', m.Middelburg)
      .where('superseded_at', 'is', null)
      .execute();
    expect(current).toHaveLength(1);
    expect((await ok('GET', `/polls/${poll.id}`, {})).progress).toMatchObject({ votedMembers: 1, votedWeight: 50 });

    const id = randomUUID();
    const [first, again] = [await cast(poll.id, reps.Groningen, m.Groningen, 'for', id), await cast(poll.id, reps.Groningen, m.Groningen, 'for', id)];
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().receipt).toBe(first.json().receipt);
    const retries = await Promise.all(Array.from({ length: 20 }, () => cast(poll.id, reps.Vlissingen, m.Vlissingen, 'against', 'same-client-id-1')));
    // One cast records the ballot; every other answers as a retry of it.
    expect(retries.map((r) => r.statusCode).sort()).toEqual([...Array<number>(19).fill(200), 201]);
    expect(new Set(retries.map((r) => r.json().receipt)).size).toBe(1);
    expect(await t.database.db.selectFrom('ballots').select('id').where('poll_id', '=', poll.id).where('member_id', '=', m.Vlissingen).execute()).toHaveLength(
      1,
    );
  });

  it('refuses a ballot after closing, records the decision with the figures, and lets a member check its receipt', async () => {
    const [poll] = (await ok('GET', `/polls?meetingId=${meetingId}`, {})).items;
    expect(poll.status).toBe('open');
    // No running result while open under the VNG profile.
    expect(poll.result).toBeNull();
    const utrecht = await cast(poll.id, reps.Utrecht, m.Utrecht, 'for');
    await cast(poll.id, reps.Utrecht, m.Amsterdam, 'abstain');
    const closed = await ok('POST', `/polls/${poll.id}/close`, chair);
    // For: Utrecht 75 + Groningen 75 + Middelburg (for or against) ; Against: Vlissingen 45.
    const middelburgFor =
      (
        await t.database.db
          .selectFrom('ballots')
          .select('option')
          .where('poll_id', '=', poll.id)
          .where('member_id', '=', m.Middelburg)
          .where('superseded_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).option === 'for';
    const forWeight = 150 + (middelburgFor ? 50 : 0);
    const againstWeight = 45 + (middelburgFor ? 0 : 50);
    expect(closed.result.totals.map((x: { option: string; weight: number }) => `${x.option}:${x.weight}`)).toEqual([
      `for:${forWeight}`,
      `against:${againstWeight}`,
      'abstain:75',
    ]);
    expect(closed.result.outcome).toBe('adopted');
    expect(closed.result.statement.nl).toMatch(/^Voor: \d+,\d{2}%, Tegen: \d+,\d{2}%\. De ALV stemt in met het voorstel\.$/);
    expect((await cast(poll.id, reps.Groningen, m.Groningen, 'against')).statusCode).toBe(409);

    const decisions = await ok('GET', `/meetings/${meetingId}/decisions`, {});
    expect(decisions.items.find((i: { itemId: string }) => i.itemId === proposalId).phrases[0].nl).toBe(closed.result.statement.nl);

    const receipt = await ok('GET', `/polls/${poll.id}/receipts/${utrecht.json().receipt}`, reps.Utrecht.headers);
    expect(receipt).toMatchObject({ memberName: 'Utrecht', counted: true, superseded: false, option: 'for' });
    const verification = await verifyPoll(t.database.db, poll.id);
    expect(verification.problems).toEqual([]);
  });

  it('publishes per-member votes of a named poll, and keeps a secret one for the vote-counting committee', async () => {
    const [named] = (await ok('GET', `/polls?meetingId=${meetingId}`, {})).items;
    // Under the VNG profile per-member votes are for the members, not the public.
    expect((await api('GET', `/polls/${named.id}/votes`)).statusCode).toBe(401);
    expect((await api('GET', `/polls/${named.id}/votes`, reps.Vlissingen.headers)).statusCode).toBe(200);
    const secret = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: budgetId }, secrecy: 'secret', rule: 'twoThirds' });
    await cast(secret.id, reps.Utrecht, m.Utrecht, 'for');
    await cast(secret.id, reps.Groningen, m.Groningen, 'against');
    const result = await ok('POST', `/polls/${secret.id}/close`, chair);
    expect(result.result).toMatchObject({ percentFor: '50.00', outcome: 'rejected', rule: 'twoThirds' });
    expect((await api('GET', `/polls/${secret.id}/votes`)).statusCode).toBe(401);
    expect((await api('GET', `/polls/${secret.id}/votes`, reps.Utrecht.headers)).statusCode).toBe(403);
    const votes = await ok('GET', `/polls/${secret.id}/votes`, committee);
    expect(
      votes.items.filter((v: { option: string | null }) => v.option).map((v: { memberName: string; option: string }) => `${v.memberName}:${v.option}`),
    ).toEqual(['Groningen:against', 'Utrecht:for']);
  });

  it('lets the verification detect a changed, a deleted and an inserted ballot row', async () => {
    const [poll] = (await ok('GET', `/polls?meetingId=${meetingId}`, {})).items;
    const db = t.database.db;
    expect((await verifyPoll(db, poll.id)).ok).toBe(true);
    const ballot = await db.selectFrom('ballots').selectAll().where('poll_id', '=', poll.id).where('superseded_at', 'is', null).executeTakeFirstOrThrow();

    // As the database's owner could, past the append-only triggers.
    await asOwner(db, (trx) =>
      trx
        .updateTable('ballots')
        .set({ option: ballot.option === 'for' ? 'against' : 'for' })
        .where('id', '=', ballot.id)
        .execute(),
    );
    expect((await verifyPoll(db, poll.id)).problems.join('\n')).toMatch(/the stored option differs from the log/);
    await asOwner(db, (trx) => trx.updateTable('ballots').set({ option: ballot.option }).where('id', '=', ballot.id).execute());

    await asOwner(db, (trx) => trx.deleteFrom('ballots').where('id', '=', ballot.id).execute());
    expect((await verifyPoll(db, poll.id)).problems.join('\n')).toMatch(/in the log but not stored/);
    await db.insertInto('ballots').values(ballot).execute();
    expect((await verifyPoll(db, poll.id)).ok).toBe(true);

    await db
      .insertInto('ballots')
      .values({ ...ballot, id: randomUUID(), client_ballot_id: 'forged', receipt: 'FAKE-0001', superseded_at: new Date() })
      .execute();
    expect((await verifyPoll(db, poll.id)).problems.join('\n')).toMatch(/stored but not in the log/);

    await asOwner(db, (trx) =>
      trx
        .updateTable('poll_log')
        .set({ payload: JSON.stringify({ forged: true }) })
        .where('poll_id', '=', poll.id)
        .where('seq', '=', 2)
        .execute(),
    );
    expect((await verifyPoll(db, poll.id)).problems.join('\n')).toMatch(/log entry 2 \(ballot\) was changed/);
  });

  it('reopens a cancelled vote as a new poll', async () => {
    const item = (
      await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, { title: 'Visie', purpose: 'decision', decisionText: 'De ALV stemt in met de visie.' })
    ).id;
    const first = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: item } });
    expect((await api('POST', '/polls', chair, { meetingId, subject: { type: 'trial' } })).statusCode).toBe(409);
    const second = await api('POST', `/polls/${first.id}/reopen`, chair);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ status: 'open', replacesPollId: first.id });
    expect((await ok('GET', `/polls/${first.id}`, {})).status).toBe('cancelled');
    expect((await api('POST', `/polls/${second.json().id}/cancel`, reps.Utrecht.headers)).statusCode).toBe(403);
    await ok('POST', `/polls/${second.json().id}/cancel`, chair);
  });

  it('closes by itself at the time the chair set', async () => {
    const item = (await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, { title: 'Tijdslot', purpose: 'decision', decisionText: 'De ALV stemt in.' }))
      .id;
    const poll = await ok('POST', '/polls', chair, {
      meetingId,
      subject: { type: 'agenda-item', id: item },
      closesAt: new Date(Date.now() + 1500).toISOString(),
    });
    await cast(poll.id, reps.Utrecht, m.Utrecht, 'for');
    await expect
      .poll(async () => (await t.database.db.selectFrom('polls').select('closed_at').where('id', '=', poll.id).executeTakeFirstOrThrow()).closed_at, {
        timeout: 10_000,
      })
      .not.toBeNull();
    expect((await cast(poll.id, reps.Groningen, m.Groningen, 'for')).statusCode).toBe(409);
  });

  it('fixes proxies while a vote is open: none given, none revoked', async () => {
    const proxy = (await ok('GET', `/meetings/${meetingId}/attendance`, staff)).proxies.find((p: { revokedAt: string | null }) => p.revokedAt === null);
    const item = (
      await ok('POST', `/meetings/${meetingId}/agenda-items`, staff, { title: 'Volmachten vast', purpose: 'decision', decisionText: 'De ALV stemt in.' })
    ).id;
    const poll = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: item } });
    const revoke = await api('POST', `/meetings/${meetingId}/proxies/${proxy.id}/revoke`, reps.Amsterdam.headers);
    expect(revoke.statusCode).toBe(409);
    await ok('POST', `/polls/${poll.id}/cancel`, chair);
    expect((await api('POST', `/meetings/${meetingId}/proxies/${proxy.id}/revoke`, reps.Amsterdam.headers)).statusCode).toBe(204);
  });

  it('stores a good ballot cast at the same moment as one the database refuses', async () => {
    const poll = await ok('POST', '/polls', chair, { meetingId, subject: { type: 'trial' } });
    // A NUL in the client's id passes the schema but not PostgreSQL: only that ballot may fail.
    const [good, bad] = await Promise.all([
      cast(poll.id, reps.Middelburg, m.Middelburg, 'for'),
      cast(poll.id, reps.Vlissingen, m.Vlissingen, 'for', 'nul-\u0000-ballot-id'),
    ]);
    expect(good.statusCode).toBe(201);
    expect(bad.statusCode).toBe(400);
    expect((await ok('GET', `/polls/${poll.id}`, {})).progress).toMatchObject({ votedMembers: 1 });
    await ok('POST', `/polls/${poll.id}/cancel`, chair);
  });
});
