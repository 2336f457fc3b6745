import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Subject } from '../core/auth/policy.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { publish } from '../core/events.js';
import { hasAnyRole } from '../core/auth/policy.js';
import { MEETING_RUNNERS } from '../core/auth/roles.js';
import { lockMeeting } from '../meetings/store.js';
import { coursePolicy } from './policy.js';
import { courseProblem, notInSession } from './problems.js';
import { speakerMoveRefusal, speakerOrder, speakRequestRefusal } from './speaker-rules.js';
import type { SpeakerStatus } from './tables.js';

type Db = Kysely<Database>;

const SPEAKER_ITEM = text('Agendapunt', 'Agenda item');
const SPEAKER = text('Spreker', 'Speaker');

/** Tells every screen following the meeting that its speakers' list changed (delivered at commit). */
export const speakersChanged = (trx: Db, meetingId: string, itemId: string) => publish(trx, `meeting:${meetingId}`, { what: 'speakers', itemId });

/** The list of an item: whoever speaks now, then those waiting (first round first), then those done; withdrawn requests are left out. */
export async function speakersOf(db: Db, itemId: string, viewer: string | null = null) {
  const rows = await db
    .selectFrom('speakers as s')
    .leftJoin('member_versions as v', (join) => join.onRef('v.member_id', '=', 's.member_id').on('v.valid_to', 'is', null))
    .select(['s.id', 's.round', 's.name', 's.member_id', 's.recorded_at', 's.status', 's.person_id', 's.floor_at', 'v.name as member_name'])
    .where('s.agenda_item_id', '=', itemId)
    .where('s.status', '<>', 'withdrawn')
    .execute();
  return rows
    .flatMap((r) => (r.status === 'withdrawn' ? [] : [{ ...r, status: r.status }]))
    .map((r) => ({ row: r, status: r.status, round: r.round, at: r.recorded_at.getTime() }))
    .sort(speakerOrder)
    .map(({ row: r }) => ({
      id: r.id,
      round: r.round,
      name: r.name,
      memberId: r.member_id,
      memberName: r.member_name,
      recordedAt: r.recorded_at.toISOString(),
      status: r.status,
      floorAt: r.floor_at ? r.floor_at.toISOString() : null,
      mine: viewer !== null && r.person_id === viewer,
    }));
}

/** The chair or staff put a speaker on the list: waiting for the floor, or recorded after the fact as done. */
export async function addSpeaker(
  db: Db,
  actor: Actor,
  itemId: string,
  input: { round: 1 | 2; name: string; memberId?: string; status?: 'waiting' | 'done' },
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const item = await trx.selectFrom('agenda_items').select('meeting_id').where('id', '=', itemId).executeTakeFirst();
    if (!item) throw problems.notFound(SPEAKER_ITEM, itemId);
    const meeting = await lockMeeting(trx, item.meeting_id);
    if (!meeting.opened_at || meeting.closed_at) throw notInSession();
    if (input.memberId && !(await trx.selectFrom('members').select('id').where('id', '=', input.memberId).executeTakeFirst())) {
      throw problems.notFound(text('Lid', 'Member'), input.memberId);
    }
    const id = randomUUID();
    const status = input.status ?? 'done';
    await trx
      .insertInto('speakers')
      .values({ id, agenda_item_id: itemId, round: input.round, name: input.name.trim(), member_id: input.memberId ?? null, status })
      .execute();
    await recordAudit(trx, actor, { action: 'speaker.recorded', entityType: 'meeting', entityId: item.meeting_id, data: { itemId, ...input, status } });
    await speakersChanged(trx, item.meeting_id, itemId);
    return id;
  });
}

/**
 * A person checked in at the meeting asks to speak on the item in hand, for themself, once per round.
 * The list names them and the member they hold the check-in for.
 */
export async function askToSpeak(db: Db, actor: Actor, subject: NonNullable<Subject>, itemId: string, round: 1 | 2): Promise<string> {
  return inTransaction(db, async (trx) => {
    const item = await trx.selectFrom('agenda_items').select('meeting_id').where('id', '=', itemId).executeTakeFirst();
    if (!item) throw problems.notFound(SPEAKER_ITEM, itemId);
    const meeting = await lockMeeting(trx, item.meeting_id);
    const checkIn = await trx
      .selectFrom('check_ins as c')
      .innerJoin('people as p', 'p.id', 'c.person_id')
      .select(['c.member_id', 'c.person_id', 'p.name'])
      .where('c.meeting_id', '=', item.meeting_id)
      .where('c.person_id', '=', subject.id)
      .where('c.checked_out_at', 'is', null)
      .executeTakeFirst();
    const already = await trx
      .selectFrom('speakers')
      .select('id')
      .where('agenda_item_id', '=', itemId)
      .where('round', '=', round)
      .where('person_id', '=', subject.id)
      .where('status', '<>', 'withdrawn')
      .executeTakeFirst();
    const refusal = speakRequestRefusal(
      {
        inSession: !!meeting.opened_at && !meeting.closed_at,
        currentItem: meeting.current_item_id === itemId,
        checkedIn: !!checkIn,
        alreadyInRound: !!already,
      },
      round,
    );
    if (refusal) throw courseProblem(refusal);
    coursePolicy.authorize(subject, 'askToSpeak', { personId: checkIn!.person_id });
    const id = randomUUID();
    await trx
      .insertInto('speakers')
      .values({ id, agenda_item_id: itemId, round, name: checkIn!.name, member_id: checkIn!.member_id, status: 'waiting', person_id: subject.id })
      .execute();
    await recordAudit(trx, actor, {
      action: 'speaker.requested',
      entityType: 'meeting',
      entityId: item.meeting_id,
      data: { itemId, speakerId: id, round, memberId: checkIn!.member_id },
    });
    await speakersChanged(trx, item.meeting_id, itemId);
    return id;
  });
}

/**
 * Moves a turn on: the chair gives the floor (whoever spoke is then done), ends the turn or takes the
 * request off the list; the person who asked may withdraw it while waiting.
 */
export async function moveSpeaker(
  db: Db,
  actor: Actor,
  subject: NonNullable<Subject>,
  speakerId: string,
  status: Exclude<SpeakerStatus, 'waiting'>,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('speakers as s')
      .innerJoin('agenda_items as i', 'i.id', 's.agenda_item_id')
      .select(['s.agenda_item_id', 's.person_id', 'i.meeting_id'])
      .where('s.id', '=', speakerId)
      .executeTakeFirst();
    if (!found) throw problems.notFound(SPEAKER, speakerId);
    coursePolicy.authorize(subject, 'moveSpeaker', { personId: found.person_id });
    const meeting = await lockMeeting(trx, found.meeting_id);
    if (!meeting.opened_at || meeting.closed_at) throw notInSession();
    const speaker = await trx.selectFrom('speakers').select('status').where('id', '=', speakerId).forUpdate().executeTakeFirstOrThrow();
    const refusal = speakerMoveRefusal(speaker.status, status, hasAnyRole(subject, MEETING_RUNNERS));
    if (refusal) throw courseProblem(refusal);
    const now = new Date();
    if (status === 'speaking') {
      // One speaker has the floor at a time: whoever had it is done.
      await trx.updateTable('speakers').set({ status: 'done' }).where('agenda_item_id', '=', found.agenda_item_id).where('status', '=', 'speaking').execute();
    }
    await trx
      .updateTable('speakers')
      .set({ status, ...(status === 'speaking' ? { floor_at: now } : {}) })
      .where('id', '=', speakerId)
      .execute();
    await recordAudit(trx, actor, {
      action: status === 'speaking' ? 'speaker.floor-given' : status === 'done' ? 'speaker.done' : 'speaker.withdrawn',
      entityType: 'meeting',
      entityId: found.meeting_id,
      data: { itemId: found.agenda_item_id, speakerId },
    });
    await speakersChanged(trx, found.meeting_id, found.agenda_item_id);
  });
}
