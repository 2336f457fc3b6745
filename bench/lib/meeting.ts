import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { systemActor } from '../../src/core/audit.js';
import type { Database } from '../../src/core/db/schema.js';
import { openMeeting } from '../../src/course/course.js';
import { recordDecisions } from '../../src/course/decisions.js';
import { addAppointment, createMeeting } from '../../src/meetings/store.js';
import type { ApiClient } from './http.js';
import type { Association } from './seed.js';
import { pool } from './stats.js';

/** A general meeting in session with every member's representative checked in, all through the API. */
export async function meetingWithEveryoneCheckedIn(
  client: ApiClient,
  association: Association,
  concurrency = 32,
): Promise<{ meetingId: string; checkInMs: number }> {
  const meeting = await client.ok('POST', '/meetings', association.staffToken, {
    kind: 'alv',
    title: 'Benchmark-ALV',
    date: '2024-06-12',
    location: 'Den Haag',
  });
  await client.ok('POST', `/meetings/${meeting.id}/open`, association.chairToken);
  await appointCommittees(client, association, meeting.id);
  const started = performance.now();
  // Each representative checks in with their own token, as at the door of the hall.
  await pool(association.members, concurrency, (m) => client.ok('POST', `/meetings/${meeting.id}/check-ins`, m.token, { memberId: m.memberId }));
  return { meetingId: meeting.id, checkInMs: performance.now() - started };
}

/**
 * The same, straight into the database before the server starts: checking in thousands through
 * the API takes minutes, because every check-in locks the meeting and reads its open check-ins.
 */
export async function meetingWithEveryoneCheckedInDirectly(db: Kysely<Database>, association: Association): Promise<{ meetingId: string; checkInMs: number }> {
  const actor = systemActor('bench');
  const meeting = await createMeeting(db, actor, { kind: 'alv', title: 'Benchmark-ALV', date: '2024-06-12', location: 'Den Haag' });
  await openMeeting(db, actor, meeting.id);
  // As in the hall: the meeting appoints its committees before any real vote (the VNG profile asks it).
  const appointments = (
    await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meeting.id).where('kind', '=', 'appointments').executeTakeFirstOrThrow()
  ).id;
  for (const [fn, name] of COMMITTEES) await addAppointment(db, actor, meeting.id, { function: fn, name });
  await recordDecisions(db, actor, meeting.id, { subjects: [{ type: 'agenda-item', id: appointments }], outcome: 'appointed', method: 'acclamation' });
  const started = performance.now();
  for (let i = 0; i < association.members.length; i += 500) {
    const rows = association.members.slice(i, i + 500).map((m) => ({
      id: randomUUID(),
      meeting_id: meeting.id,
      member_id: m.memberId,
      person_id: m.personId,
      office_id: m.officeId,
      capacity: 'mayor',
      checked_in_by: 'bench',
    }));
    await db.insertInto('check_ins').values(rows).execute();
  }
  return { meetingId: meeting.id, checkInMs: performance.now() - started };
}

const COMMITTEES = [
  ['counting-committee', 'A. de Vries'],
  ['counting-committee', 'B. Jansen'],
  ['counting-committee', 'F. Bos'],
  ['minutes-committee', 'C. Bakker'],
  ['minutes-committee', 'D. Smit'],
  ['minutes-committee', 'E. Visser'],
] as const;

/** The start of the meeting: it appoints its vote-counting and minutes committees, before any real vote. */
async function appointCommittees(client: ApiClient, association: Association, meetingId: string): Promise<void> {
  const agenda = await client.ok('GET', `/meetings/${meetingId}/agenda-items`, association.staffToken);
  const appointments = (agenda.items as { id: string; kind: string }[]).find((i) => i.kind === 'appointments')!;
  for (const [fn, name] of COMMITTEES) await client.ok('POST', `/meetings/${meetingId}/appointments`, association.staffToken, { function: fn, name });
  await client.ok('POST', `/meetings/${meetingId}/decisions`, association.chairToken, {
    subjects: [{ type: 'agenda-item', id: appointments.id }],
    outcome: 'appointed',
    method: 'acclamation',
  });
}

/** Opens a for/against vote on a new agenda item of the meeting; returns the poll id. */
export async function openVote(client: ApiClient, association: Association, meetingId: string, title: string): Promise<string> {
  const item = await client.ok('POST', `/meetings/${meetingId}/agenda-items`, association.staffToken, {
    title,
    purpose: 'decision',
    decisionText: `De ALV stemt in met ${title}.`,
  });
  const poll = await client.ok('POST', '/polls', association.chairToken, { meetingId, subject: { type: 'agenda-item', id: item.id } });
  return poll.id;
}

export type Option = 'for' | 'against' | 'abstain';
export interface PlannedBallot {
  token: string;
  memberId: string;
  option: Option;
  clientBallotId: string;
}

/** Every representative's ballot: a mix leaning for, each with the client id a browser would keep for retries. */
export function planBallots(association: Association): PlannedBallot[] {
  const options: Option[] = ['for', 'for', 'against', 'abstain', 'for'];
  return association.members.map((m, i) => ({ token: m.token, memberId: m.memberId, option: options[i % options.length]!, clientBallotId: randomUUID() }));
}

/**
 * Checks the closed poll against what was cast: every member's counted option is the one its
 * representative sent (so none was lost or counted twice), and the hash chain verifies.
 * Returns the problems found.
 */
export async function checkOutcome(
  client: ApiClient,
  association: Association,
  pollId: string,
  planned: readonly PlannedBallot[],
  acknowledged: ReadonlySet<string>,
): Promise<string[]> {
  const problems: string[] = [];
  const verification = await client.ok<{ ok: boolean; problems: string[] }>('GET', `/polls/${pollId}/verification`, undefined);
  if (!verification.ok) problems.push(...verification.problems.map((p) => `verification: ${p}`));
  const votes = await client.ok<{ items: { memberId: string; option: string | null; weight: number }[] }>(
    'GET',
    `/polls/${pollId}/votes`,
    association.chairToken,
  );
  const counted = new Map(votes.items.map((v) => [v.memberId, v.option]));
  for (const ballot of planned) {
    const option = counted.get(ballot.memberId);
    if (option === ballot.option) continue;
    if (acknowledged.has(ballot.clientBallotId) || option) problems.push(`member ${ballot.memberId}: sent ${ballot.option}, counted ${option ?? 'nothing'}`);
  }
  const poll = await client.ok<{ result: { totals: { option: string; weight: number }[] } }>('GET', `/polls/${pollId}`, undefined);
  for (const total of poll.result.totals) {
    const expected = votes.items.filter((v) => v.option === total.option).reduce((sum, v) => sum + v.weight, 0);
    if (total.weight !== expected) problems.push(`result: ${total.option} has weight ${total.weight}, the per-member votes add up to ${expected}`);
  }
  return problems;
}
