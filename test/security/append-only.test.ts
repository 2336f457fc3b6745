import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPoll } from '../../src/voting/verify.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * Issue 11, tamper evidence: the append-only tables of migration 0012 refuse TRUNCATE (the
 * `*_no_truncate` statement triggers) and the seals refuse UPDATE, through the application's own
 * database connection. A TRUNCATE skips the row triggers, so only the statement triggers stop it.
 */

const APPEND_ONLY = ['poll_log', 'ballots', 'poll_seals', 'audit_log'] as const;
const REFUSED = /append-only/;

let t: TestApp;
let chair: AuthHeaders;
let pollId: string;

beforeAll(async () => {
  t = await createTestApp();
  const m = await withFiveMembers(t);
  const staff = await t.signIn('staff');
  chair = await t.signIn('chair');
  const ok = async (url: string, headers: AuthHeaders, payload?: object) => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
    return response.body ? response.json() : null;
  };
  const meetingId = (await ok('/meetings', staff, { kind: 'alv', title: 'ALV', date: '2024-06-12' })).id;
  const item = (
    await ok(`/meetings/${meetingId}/agenda-items`, staff, { title: 'Begroting', purpose: 'decision', decisionText: 'De ALV stelt de begroting vast.' })
  ).id;
  await ok(`/meetings/${meetingId}/open`, chair);
  await appointCommittees(t, meetingId, { staff, chair });
  const voters: [keyof typeof m, string][] = [
    ['Utrecht', 'for'],
    ['Groningen', 'against'],
  ];
  const reps: SignedIn[] = [];
  for (const [name] of voters) reps.push(await t.signInPerson({ representativeOf: m[name] }));
  for (const [i, [name]] of voters.entries()) await ok(`/meetings/${meetingId}/check-ins`, reps[i]!.headers, { memberId: m[name] });
  pollId = (await ok('/polls', chair, { meetingId, subject: { type: 'agenda-item', id: item } })).id;
  for (const [i, [name, option]] of voters.entries())
    await ok(`/polls/${pollId}/ballots`, reps[i]!.headers, { memberId: m[name], option, clientBallotId: randomUUID() });
  await ok(`/polls/${pollId}/close`, chair);
});
afterAll(() => t.close());

const rowsIn = async (table: (typeof APPEND_ONLY)[number]) =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`append-only tables (${TEST_DB})`, () => {
  it.each(APPEND_ONLY)('refuses TRUNCATE of %s from the application, and keeps its rows', async (table) => {
    const before = await rowsIn(table);
    expect(before).toBeGreaterThan(0);
    await expect(sql`truncate table ${sql.table(table)}`.execute(t.database.db)).rejects.toThrow(REFUSED);
    // CASCADE takes no other road past the trigger.
    await expect(sql`truncate table ${sql.table(table)} cascade`.execute(t.database.db)).rejects.toThrow(REFUSED);
    expect(await rowsIn(table)).toBe(before);
  });

  it('refuses UPDATE of a seal from the application: its chain head, message and signature stay as sealed', async () => {
    const db = t.database.db;
    const seal = await db.selectFrom('poll_seals').selectAll().where('poll_id', '=', pollId).executeTakeFirstOrThrow();
    await expect(db.updateTable('poll_seals').set({ signature: 'forged' }).where('poll_id', '=', pollId).execute()).rejects.toThrow(REFUSED);
    await expect(
      db
        .updateTable('poll_seals')
        .set({ chain_head: '0'.repeat(64), message: 'rewritten' })
        .where('poll_id', '=', pollId)
        .execute(),
    ).rejects.toThrow(REFUSED);
    await expect(db.updateTable('poll_seals').set({ key_id: 'another key' }).execute()).rejects.toThrow(REFUSED);
    expect(await db.selectFrom('poll_seals').selectAll().where('poll_id', '=', pollId).executeTakeFirstOrThrow()).toEqual(seal);
    expect((await verifyPoll(db, pollId)).problems).toEqual([]);
  });
});
