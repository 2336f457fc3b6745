import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Kysely } from 'kysely';
import { numberedItems } from '../agenda/store.js';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { activeOn } from '../core/auth/accounts.js';
import { addDays, type IsoDate } from '../core/dates.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import type { Mail } from '../core/mail.js';
import { enqueueMails, MAIL_PRIORITY } from '../core/mail-queue.js';
import { validOn } from '../members/periods.js';
import { profileAsOf } from '../profile/store.js';
import { labelOf } from '../agenda/phrases.js';
import { lockMeeting, meetingRow } from './store.js';
import type { Purpose } from '../agenda/rules.js';

type SubmissionKind = Row<'submissions'>['kind'];
type BoardAdvice = NonNullable<Row<'submissions'>['board_advice']>;

type Db = Kysely<Database>;
type MeetingRow = Row<'meetings'>;

const TIME_ZONE = 'Europe/Amsterdam';
/** Calendar entries need an end; the statutes name none, and an ALV takes about a morning or afternoon. */
const DEFAULT_DURATION_HOURS = 3;
/** Mails sent at once: enough to convene a few hundred members quickly without flooding the SMTP server. */

const SUBMISSION = text('Motie of amendement', 'Motion or amendment');

export const PURPOSE_NL: Record<Purpose, string> = {
  decision: 'ter besluitvorming',
  information: 'ter kennisname',
  discussion: 'ter bespreking',
  approval: 'ter accordering',
};

export const ADVICE_NL: Record<BoardAdvice, string> = {
  'take-over': 'overnemen',
  'advise-against': 'ontraden',
  'leave-to-meeting': 'oordeel vergadering',
  positive: 'positief advies',
};

const MODE_NL: Record<MeetingRow['mode'], string> = {
  'in-person': 'fysiek',
  online: 'online',
  hybrid: 'hybride (fysiek en online)',
};

const KIND_NL: Record<SubmissionKind, string> = { motion: 'motie', amendment: 'amendement' };

/** One mail goes to each designated person per member they act for. */
export interface Recipient {
  memberId: string;
  memberName: string;
  memberClass: string;
  personId: string;
  name: string;
  email: string;
}

// ---------------------------------------------------------------- dates and times

const DATE_NL = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY_NL = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const LOCAL_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const LOCAL_TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "12 juni 2025", or with the weekday "donderdag 12 juni 2025". */
export const dutchDate = (date: IsoDate, withWeekday = false) => (withWeekday ? DAY_NL : DATE_NL).format(new Date(`${date}T00:00:00Z`));

/** A moment as Dutch people read it: "dinsdag 10 juni 2025 12:00 uur" (Amsterdam time). */
export const dutchMoment = (at: Date) => `${dutchDate(LOCAL_DAY.format(at), true)} ${LOCAL_TIME.format(at)} uur`;

/** Minutes east of UTC in Amsterdam at an instant ("GMT+02:00" → 120). */
function amsterdamOffsetMinutes(at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/**
 * The instant at which a wall-clock time on a date falls in Amsterdam. The second pass corrects
 * the guess when the offset at the guessed instant differs (the night of a DST change).
 */
export function amsterdamInstant(date: IsoDate, time: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const first = wall - amsterdamOffsetMinutes(new Date(wall)) * 60_000;
  return new Date(wall - amsterdamOffsetMinutes(new Date(first)) * 60_000);
}

// ---------------------------------------------------------------- recipients

/**
 * People designated (office and designation both covering the date, account not disabled) for
 * members that exist on the date, optionally of some members only. A person with two offices in
 * one member is addressed once for it.
 */
export async function representativesOn(db: Db, date: IsoDate, memberIds?: readonly string[]): Promise<Recipient[]> {
  if (memberIds?.length === 0) return [];
  let query = db
    .selectFrom('designations as d')
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .innerJoin('members as m', 'm.id', 'o.member_id')
    .innerJoin('member_versions as v', (join) => join.onRef('v.member_id', '=', 'm.id').on(validOn('v', date)))
    .select(['m.id as member_id', 'v.name as member_name', 'm.member_class', 'p.id as person_id', 'p.name', 'p.email'])
    .where('p.disabled_at', 'is', null)
    .where('d.status', '=', 'in-force')
    .where(activeOn('d', date))
    .where(activeOn('o', date));
  if (memberIds) query = query.where('m.id', 'in', memberIds);
  const rows = await query.orderBy('v.name').orderBy('p.name').orderBy('p.id').execute();
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    const key = `${r.member_id}/${r.person_id}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ memberId: r.member_id, memberName: r.member_name, memberClass: r.member_class, personId: r.person_id, name: r.name, email: r.email }];
  });
}

/** Member letters go to "college en gemeenteraad"; a member that is no municipality has a board. */
const addressee = (r: Recipient) =>
  r.memberClass === 'municipality' ? `Aan het college en de gemeenteraad van ${r.memberName}` : `Aan het bestuur van ${r.memberName}`;
const salutation = (r: Recipient) => (r.memberClass === 'municipality' ? 'Geacht college, geachte raad,' : 'Geacht bestuur,');

const meetingUrl = (config: Pick<Config, 'PUBLIC_URL'>, meetingId: string) => `${config.PUBLIC_URL.replace(/\/+$/, '')}/vergaderingen/${meetingId}`;

const meetingName = (meeting: MeetingRow) => (meeting.kind === 'balv' ? 'buitengewone algemene ledenvergadering' : 'algemene ledenvergadering');

/** The association signs its letters; without a profile the board signs. */
async function signatory(db: Db, date: IsoDate): Promise<string> {
  try {
    return `Het bestuur van de ${(await profileAsOf(db, date)).name}`;
  } catch {
    return 'Het bestuur';
  }
}

/** Enqueues a meeting's mails; the queue delivers them in the background, with retries. */
async function enqueueAbout(db: Db, meetingId: string, kind: string, mails: readonly Mail[]): Promise<number> {
  const about = { type: 'meeting', id: meetingId };
  return (
    await enqueueMails(
      db,
      mails.map((m) => ({ ...m, kind, about, priority: MAIL_PRIORITY.bulk })),
    )
  ).length;
}

// ---------------------------------------------------------------- calendar

function eventTimes(meeting: MeetingRow) {
  if (!meeting.start_time) {
    // Without a start time the meeting fills the day: an all-day entry on its date.
    return { allDay: true, start: new Date(`${meeting.date}T00:00:00Z`), end: new Date(`${addDays(meeting.date, 1)}T00:00:00Z`) };
  }
  // Written in UTC: exact everywhere, and no VTIMEZONE block is needed for Europe/Amsterdam.
  const start = amsterdamInstant(meeting.date, meeting.start_time);
  return { allDay: false, start, end: new Date(start.getTime() + DEFAULT_DURATION_HOURS * 3_600_000) };
}

/** The meeting as an iCalendar file with one VEVENT; its UID stays the same, so a re-sent invitation updates the entry. */
export function meetingCalendar(meeting: MeetingRow, config: Pick<Config, 'PUBLIC_URL'>): string {
  const url = meetingUrl(config, meeting.id);
  const calendar = ical({ prodId: { company: 'Verenigd', product: 'Verenigd', language: 'NL' }, method: ICalCalendarMethod.PUBLISH, name: meeting.title });
  calendar.createEvent({
    id: `meeting-${meeting.id}@verenigd`,
    summary: meeting.title,
    ...eventTimes(meeting),
    location: meeting.location,
    url,
    description: `${labelOf(meeting)}: ${meeting.title}\nAgenda en vergaderstukken: ${url}`,
  });
  return calendar.toString();
}

const calendarFileName = (meeting: MeetingRow) => `${labelOf(meeting).toLowerCase()}-${meeting.date}.ics`;

/** The meeting's calendar file, for the public route. */
export async function calendarOf(db: Db, config: Pick<Config, 'PUBLIC_URL'>, meetingId: string): Promise<{ fileName: string; content: string }> {
  const meeting = await meetingRow(db, meetingId);
  return { fileName: calendarFileName(meeting), content: meetingCalendar(meeting, config) };
}

// ---------------------------------------------------------------- convocation

type AgendaLine = { number: string; title: string; purpose: Purpose; parentId: string | null };

function agendaText(items: readonly AgendaLine[]): string {
  if (items.length === 0) return 'De agenda volgt.';
  return items.map((i) => `${i.parentId ? '    ' : ''}${i.number}. ${i.title} (${PURPOSE_NL[i.purpose]})`).join('\n');
}

interface Convocation {
  meeting: MeetingRow;
  agenda: AgendaLine[];
  recipients: Recipient[];
  signedBy: string;
  reissue: boolean;
}

function convocationMail(c: Convocation, r: Recipient, config: Pick<Config, 'PUBLIC_URL'>, ics: string): Mail {
  const { meeting } = c;
  const lines = [
    addressee(r),
    `t.a.v. ${r.name}`,
    '',
    salutation(r),
    '',
    ...(c.reissue ? ['Dit is een herziene uitnodiging; zij vervangt de eerdere.', ''] : []),
    `Hierbij nodigen wij u uit voor de ${meetingName(meeting)}: ${meeting.title}.`,
    '',
    `Datum: ${dutchDate(meeting.date, true)}`,
    `Aanvang: ${meeting.start_time ? `${meeting.start_time} uur` : 'volgt'}`,
    `Locatie: ${meeting.location ?? 'volgt'}`,
    `Vorm: ${MODE_NL[meeting.mode]}`,
    '',
    'Agenda',
    agendaText(c.agenda),
    '',
    ...(meeting.motion_deadline ? [`Moties en amendementen kunt u indienen tot ${dutchMoment(meeting.motion_deadline)}.`, ''] : []),
    'De actuele agenda, de vergaderstukken en de ledenbrieven vindt u op:',
    meetingUrl(config, meeting.id),
    '',
    'In de bijlage vindt u de vergadering als afspraak voor uw digitale agenda.',
    '',
    'Met vriendelijke groet,',
    '',
    c.signedBy,
  ];
  return {
    to: r.email,
    subject: `Uitnodiging ${labelOf(meeting)} ${dutchDate(meeting.date)}`,
    text: lines.join('\n'),
    attachments: [{ filename: calendarFileName(meeting), content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }],
  };
}

const alreadyOpened = () =>
  problems.conflict(
    text('De vergadering is al geopend; een uitnodiging versturen kan niet meer.', 'The meeting has already opened; it can no longer be convened.'),
  );

/** Convenes the meeting: one mail per designated representative per member, with the agenda and a calendar file. */
export async function sendConvocation(db: Db, config: Pick<Config, 'PUBLIC_URL'>, actor: Actor, meetingId: string): Promise<{ recipients: number }> {
  // The convocation and its mails commit together; the queue sends them after the answer, with retries.
  return inTransaction(db, async (trx) => {
    const convocation = await recordConvocation(trx, actor, meetingId);
    const ics = meetingCalendar(convocation.meeting, config);
    const mails = convocation.recipients.map((r) => convocationMail(convocation, r, config, ics));
    return { recipients: await enqueueAbout(trx, meetingId, 'convocation', mails) };
  });
}

/** Records the convocation (convened_at on the first one, an audit entry for each) and gathers what to send. */
async function recordConvocation(db: Db, actor: Actor, meetingId: string): Promise<Convocation> {
  return inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    if (meeting.opened_at) throw alreadyOpened();
    // One after the other: a transaction is one connection.
    const items = await numberedItems(trx, meetingId);
    const recipients = await representativesOn(trx, meeting.date);
    const signedBy = await signatory(trx, meeting.date);
    const reissue = meeting.convened_at !== null;
    const convenedAt = meeting.convened_at ?? new Date();
    if (!reissue) await trx.updateTable('meetings').set({ convened_at: convenedAt }).where('id', '=', meetingId).execute();
    await recordAudit(trx, actor, { action: 'meeting.convened', entityType: 'meeting', entityId: meetingId, data: { recipients: recipients.length, reissue } });
    const agenda = items.map((i) => ({ number: i.number, title: i.title, purpose: i.purpose, parentId: i.parent_id }));
    return { meeting: { ...meeting, convened_at: convenedAt }, agenda, recipients, signedBy, reissue };
  });
}

// ---------------------------------------------------------------- board advice

interface AdviceSubject {
  kind: SubmissionKind;
  title: string;
  advice: BoardAdvice;
  reasoning: string | null;
  itemNumber: string | undefined;
  meeting: MeetingRow;
}

function adviceMail(s: AdviceSubject, r: Recipient, config: Pick<Config, 'PUBLIC_URL'>, signedBy: string): Mail {
  const kind = KIND_NL[s.kind];
  const lines = [
    addressee(r),
    `t.a.v. ${r.name}`,
    '',
    salutation(r),
    '',
    `Namens ${r.memberName} is voor de ${labelOf(s.meeting)} van ${dutchDate(s.meeting.date)} ${s.kind === 'motion' ? 'de' : 'het'} ${kind} "${s.title}" ingediend${s.itemNumber ? ` bij agendapunt ${s.itemNumber}` : ''}.`,
    '',
    `Het advies van het bestuur luidt: ${ADVICE_NL[s.advice]}.`,
    ...(s.reasoning ? ['', 'Toelichting van het bestuur:', s.reasoning] : []),
    '',
    'De vergaderstukken en de actuele stand vindt u op:',
    meetingUrl(config, s.meeting.id),
    '',
    'Met vriendelijke groet,',
    '',
    signedBy,
  ];
  return { to: r.email, subject: `Advies van het bestuur op uw ${kind} "${s.title}"`, text: lines.join('\n') };
}

/**
 * Mails the board's advice on a motion or amendment to the representatives (on the meeting date)
 * of every submitting member. Returns how many mails were enqueued (the queue delivers and retries).
 */
export async function notifyBoardAdvice(db: Db, config: Pick<Config, 'PUBLIC_URL'>, submissionId: string): Promise<number> {
  const submission = await db.selectFrom('submissions').selectAll().where('id', '=', submissionId).executeTakeFirst();
  if (!submission) throw problems.notFound(SUBMISSION, submissionId);
  if (!submission.board_advice) return 0;
  const meeting = await meetingRow(db, submission.meeting_id);
  const submitters = await db.selectFrom('submission_members').select('member_id').where('submission_id', '=', submissionId).execute();
  // One after the other: the caller may pass a transaction, which is one connection.
  const recipients = await representativesOn(
    db,
    meeting.date,
    submitters.map((s) => s.member_id),
  );
  const items = await numberedItems(db, meeting.id);
  const signedBy = await signatory(db, meeting.date);
  const subject: AdviceSubject = {
    kind: submission.kind,
    title: submission.title,
    advice: submission.board_advice,
    reasoning: submission.advice_reasoning,
    itemNumber: items.find((i) => i.id === submission.agenda_item_id)?.number,
    meeting,
  };
  return enqueueAbout(
    db,
    meeting.id,
    'board-advice',
    recipients.map((r) => adviceMail(subject, r, config, signedBy)),
  );
}
