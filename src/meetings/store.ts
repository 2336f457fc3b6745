import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { motionDeadlineAfterStart } from './rules.js';
import { addTemplateItems } from '../agenda/store.js';
import type { Meeting, MeetingUpdate, NewMeeting } from './schemas.js';
import type { AppointmentFunction } from './tables.js';

type Db = Kysely<Database>;
type MeetingRow = Row<'meetings'>;

export const MEETING = text('Vergadering', 'Meeting');
const APPOINTMENT = text('Benoeming', 'Appointment');

export type MeetingStatus = Meeting['status'];

/** The status follows from the moments recorded, so it cannot disagree with them. */
export const statusOf = (row: Pick<MeetingRow, 'convened_at' | 'opened_at' | 'closed_at'>): MeetingStatus =>
  row.closed_at ? 'closed' : row.opened_at ? 'in-session' : row.convened_at ? 'convened' : 'preparing';

async function toMeetings(db: Db, rows: MeetingRow[]): Promise<Meeting[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const appointments = await db.selectFrom('meeting_appointments').selectAll().where('meeting_id', 'in', ids).orderBy('created_at').execute();
  const appointed = await appointmentDecisions(db, ids);
  const versions = await db
    .selectFrom('minutes_versions')
    .select(['meeting_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('meeting_id', 'in', ids)
    .groupBy('meeting_id')
    .execute();
  const approvals = await minutesApprovals(db, ids);
  return rows.map((r) => {
    const approval = approvals.get(r.id);
    return {
      id: r.id,
      kind: r.kind,
      body: r.body,
      title: r.title,
      date: r.date,
      startTime: r.start_time,
      location: r.location,
      mode: r.mode,
      status: statusOf(r),
      motionDeadline: r.motion_deadline?.toISOString() ?? null,
      currentItemId: r.current_item_id,
      appointments: appointments
        .filter((a) => a.meeting_id === r.id)
        .map((a) => ({ id: a.id, function: a.function, name: a.name, personId: a.person_id, appointed: isAppointed(a, appointed.get(r.id)) })),
      minutes: {
        versions: Number(versions.find((v) => v.meeting_id === r.id)?.n ?? 0),
        faithfulAt: r.minutes_faithful_at?.toISOString() ?? null,
        approvedAt: approval?.at.toISOString() ?? null,
        approvedByMeetingId: approval?.by ?? null,
      },
    };
  });
}

/** When each meeting appointed its committees (its decision on the appointments item). */
export async function appointmentDecisions(db: Db, meetingIds: string[]): Promise<Map<string, Date>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('decisions as d')
    .innerJoin('agenda_items as i', 'i.id', 'd.subject_id')
    .select(['i.meeting_id', 'd.decided_at'])
    .where('d.subject_type', '=', 'agenda-item')
    .where('i.kind', '=', 'appointments')
    .where('d.outcome', '=', 'appointed')
    .where('i.meeting_id', 'in', meetingIds)
    .execute();
  return new Map(rows.map((r) => [r.meeting_id, r.decided_at]));
}

/** Appointed: proposed before the meeting decided on its appointments. */
export const isAppointed = (appointment: { created_at: Date }, decidedAt: Date | undefined) =>
  !!decidedAt && appointment.created_at.getTime() <= decidedAt.getTime();

const appointmentsFixed = () =>
  problems.conflict(
    text('De vergadering heeft de commissies al benoemd; de samenstelling ligt vast.', 'The meeting has appointed its committees; their members are fixed.'),
  );

/** Minutes are approved by a later meeting's decision on its previous-minutes item. */
export async function minutesApprovals(db: Db, meetingIds: string[]): Promise<Map<string, { at: Date; by: string }>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('decisions as d')
    .innerJoin('agenda_items as i', 'i.id', 'd.subject_id')
    .select(['i.approves_meeting_id', 'i.meeting_id', 'd.decided_at'])
    .where('d.subject_type', '=', 'agenda-item')
    .where('d.outcome', '=', 'approved')
    .where('i.kind', '=', 'previous-minutes')
    .where('i.approves_meeting_id', 'in', meetingIds)
    .execute();
  return new Map(rows.map((r) => [r.approves_meeting_id!, { at: r.decided_at, by: r.meeting_id }]));
}

export async function listMeetings(db: Db): Promise<Meeting[]> {
  return toMeetings(db, await db.selectFrom('meetings').selectAll().orderBy('date', 'desc').execute());
}

export async function getMeeting(db: Db, id: string): Promise<Meeting> {
  const row = await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound(MEETING, id);
  const [meeting] = await toMeetings(db, [row]);
  return meeting!;
}

export async function meetingRow(db: Db, id: string): Promise<MeetingRow> {
  const row = await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound(MEETING, id);
  return row;
}

/** Locks the meeting row so changes to one meeting (check-ins, proxies, agenda, course) happen one at a time. */
export async function lockMeeting(trx: Db, id: string): Promise<MeetingRow> {
  const row = await trx.selectFrom('meetings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw problems.notFound(MEETING, id);
  return row;
}

/** What the course and the minutes record on a meeting: when it opened and closed, the item in hand, the minutes committee's review. */
export interface MeetingMoments {
  opened_at?: Date;
  closed_at?: Date;
  current_item_id?: string | null;
  minutes_faithful_at?: Date | null;
  minutes_faithful_by?: string | null;
}

/** Records moments of the meeting, in the caller's transaction (which holds the meeting's lock). */
export async function recordMoments(trx: Db, meetingId: string, moments: MeetingMoments): Promise<void> {
  await trx.updateTable('meetings').set(moments).where('id', '=', meetingId).execute();
}

const DEADLINE_AFTER_START = text(
  'De indieningstermijn voor moties ligt na de aanvang van de vergadering. Kies een termijn vóór de aanvang.',
  'The deadline for motions lies after the start of the meeting. Choose a deadline before the start.',
);

function assertDeadlineBeforeStart(deadline: string | null, date: string, startTime: string | null): void {
  if (motionDeadlineAfterStart(deadline ? new Date(deadline) : null, date, startTime))
    throw problems.invalid(DEADLINE_AFTER_START, [{ name: 'motionDeadline', code: 'after-start', reason: DEADLINE_AFTER_START }]);
}

export async function createMeeting(db: Db, actor: Actor, input: NewMeeting): Promise<Meeting> {
  const id = randomUUID();
  assertDeadlineBeforeStart(input.motionDeadline ?? null, input.date, input.startTime ?? null);
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('meetings')
      .values({
        id,
        kind: input.kind,
        title: input.title.trim(),
        date: input.date,
        start_time: input.startTime ?? null,
        location: input.location?.trim() || null,
        mode: input.mode ?? 'in-person',
        motion_deadline: input.motionDeadline ? new Date(input.motionDeadline) : null,
      })
      .execute();
    if (input.template !== false) await addTemplateItems(trx, id, input.date);
    await recordAudit(trx, actor, { action: 'meeting.created', entityType: 'meeting', entityId: id, data: { ...input } });
  });
  return getMeeting(db, id);
}

export async function updateMeeting(db: Db, actor: Actor, id: string, update: MeetingUpdate): Promise<Meeting> {
  await inTransaction(db, async (trx) => {
    const row = await lockMeeting(trx, id);
    if (row.closed_at) throw problems.conflict(text('Deze vergadering is gesloten.', 'This meeting is closed.'));
    // Judged on the meeting as it will be: a new date may move the start before a deadline set earlier.
    assertDeadlineBeforeStart(
      update.motionDeadline !== undefined ? update.motionDeadline : (row.motion_deadline?.toISOString() ?? null),
      update.date ?? row.date,
      update.startTime !== undefined ? update.startTime : row.start_time,
    );
    await trx
      .updateTable('meetings')
      .set({
        ...(update.title !== undefined ? { title: update.title.trim() } : {}),
        ...(update.date !== undefined ? { date: update.date } : {}),
        ...(update.startTime !== undefined ? { start_time: update.startTime } : {}),
        ...(update.location !== undefined ? { location: update.location?.trim() || null } : {}),
        ...(update.mode !== undefined ? { mode: update.mode } : {}),
        ...(update.motionDeadline !== undefined ? { motion_deadline: update.motionDeadline ? new Date(update.motionDeadline) : null } : {}),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'meeting.updated', entityType: 'meeting', entityId: id, data: { ...update } });
  });
  return getMeeting(db, id);
}

export async function addAppointment(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: { function: AppointmentFunction; name: string; personId?: string },
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const row = await lockMeeting(trx, meetingId);
    if (row.closed_at) throw problems.conflict(text('Deze vergadering is gesloten.', 'This meeting is closed.'));
    if ((await appointmentDecisions(trx, [meetingId])).has(meetingId)) throw appointmentsFixed();
    if (input.personId) {
      const person = await trx.selectFrom('people').select('id').where('id', '=', input.personId).executeTakeFirst();
      if (!person) throw problems.notFound(text('Persoon', 'Person'), input.personId);
    }
    const id = randomUUID();
    await trx
      .insertInto('meeting_appointments')
      .values({ id, meeting_id: meetingId, function: input.function, name: input.name.trim(), person_id: input.personId ?? null })
      .execute();
    await recordAudit(trx, actor, {
      action: 'meeting.appointment-proposed',
      entityType: 'meeting',
      entityId: meetingId,
      data: { appointmentId: id, ...input },
    });
    return id;
  });
}

export async function removeAppointment(db: Db, actor: Actor, meetingId: string, appointmentId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await lockMeeting(trx, meetingId);
    if (row.closed_at) throw problems.conflict(text('Deze vergadering is gesloten.', 'This meeting is closed.'));
    if ((await appointmentDecisions(trx, [meetingId])).has(meetingId)) throw appointmentsFixed();
    const removed = await trx
      .deleteFrom('meeting_appointments')
      .where('id', '=', appointmentId)
      .where('meeting_id', '=', meetingId)
      .returning(['name', 'function'])
      .executeTakeFirst();
    if (!removed) throw problems.notFound(APPOINTMENT, appointmentId);
    await recordAudit(trx, actor, { action: 'meeting.appointment-removed', entityType: 'meeting', entityId: meetingId, data: { appointmentId, ...removed } });
  });
}
