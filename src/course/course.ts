import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { profileAsOf } from '../profile/store.js';
import { approvedMeetingDates, effectiveTexts } from '../agenda/store.js';
import { today, type IsoDate } from '../core/dates.js';
import { opensEarly } from '../meetings/rules.js';
import { itemOutcomeRefusal, type CourseItem, type CourseRefusal, type CourseState } from './rules.js';
import {
  itemPhrase,
  ITEM_OUTCOMES,
  methodFits,
  submissionPhrase,
  SUBMISSION_OUTCOMES,
  type ItemOutcome,
  type Phrase,
  type SubmissionOutcome,
} from '../agenda/phrases.js';
import type { Decision, NewDecision } from '../meetings/schemas.js';
import { lockMeeting, meetingRow, recordMoments } from '../meetings/store.js';
import { labelOf } from '../agenda/phrases.js';
import { voteStatements } from '../agenda/vote-statements.js';

type Db = Kysely<Database>;
type DecisionRow = Row<'decisions'>;

const DECISION = text('Besluit', 'Decision');
const SPEAKER_ITEM = text('Agendapunt', 'Agenda item');

const refuse = (nl: string, en: string, field = 'subjects') => problems.invalid(text(nl, en), [{ name: field, code: 'refused', reason: text(nl, en) }]);
const conflict = (nl: string, en: string) => problems.conflict(text(nl, en));
const notInSession = () => conflict('De vergadering is niet geopend.', 'The meeting is not in session.');

/**
 * Opens the meeting. Before its date this needs the chair's confirmation (`confirmEarly`); the audit
 * entry then records that it opened early, and on which day.
 */
export async function openMeeting(db: Db, actor: Actor, meetingId: string, options: { confirmEarly?: boolean; today?: IsoDate } = {}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    if (meeting.opened_at) throw conflict('De vergadering is al geopend.', 'The meeting has already been opened.');
    const day = options.today ?? today();
    const early = opensEarly(meeting.date, day);
    if (early && !options.confirmEarly) {
      throw problems.conflict(
        text(
          'Deze vergadering staat gepland op {date}; vandaag is het {today}. Bevestig dat u haar nu al wilt openen (confirmEarly=true).',
          'This meeting is scheduled for {date}; today is {today}. Confirm that you want to open it now (confirmEarly=true).',
          { date: meeting.date, today: day },
        ),
      );
    }
    await recordMoments(trx, meetingId, { opened_at: new Date() });
    await recordAudit(trx, actor, {
      action: 'meeting.opened',
      entityType: 'meeting',
      entityId: meetingId,
      ...(early ? { data: { early: true, scheduledFor: meeting.date, openedOn: day } } : {}),
    });
  });
}

export async function closeMeeting(db: Db, actor: Actor, meetingId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    if (!meeting.opened_at || meeting.closed_at) throw notInSession();
    await recordMoments(trx, meetingId, { closed_at: new Date(), current_item_id: null });
    await recordAudit(trx, actor, { action: 'meeting.closed', entityType: 'meeting', entityId: meetingId });
  });
}

/** The item the chair is handling now; everyone following the meeting sees it. */
export async function setCurrentItem(db: Db, actor: Actor, meetingId: string, itemId: string | null): Promise<void> {
  await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    if (!meeting.opened_at || meeting.closed_at) throw notInSession();
    if (itemId) {
      const item = await trx.selectFrom('agenda_items').select('meeting_id').where('id', '=', itemId).executeTakeFirst();
      if (!item || item.meeting_id !== meetingId)
        throw refuse('Dit agendapunt hoort niet bij deze vergadering.', 'This item is not on this meeting’s agenda.', 'itemId');
    }
    await recordMoments(trx, meetingId, { current_item_id: itemId });
    await recordAudit(trx, actor, { action: 'meeting.item-opened', entityType: 'meeting', entityId: meetingId, data: { itemId } });
  });
}

export async function speakersOf(db: Db, itemId: string) {
  const rows = await db
    .selectFrom('speakers as s')
    .leftJoin('member_versions as v', (join) => join.onRef('v.member_id', '=', 's.member_id').on('v.valid_to', 'is', null))
    .select(['s.id', 's.round', 's.name', 's.member_id', 's.recorded_at', 'v.name as member_name'])
    .where('s.agenda_item_id', '=', itemId)
    .orderBy('s.round')
    .orderBy('s.recorded_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    round: r.round,
    name: r.name,
    memberId: r.member_id,
    memberName: r.member_name,
    recordedAt: r.recorded_at.toISOString(),
  }));
}

export async function addSpeaker(db: Db, actor: Actor, itemId: string, input: { round: 1 | 2; name: string; memberId?: string }): Promise<string> {
  return inTransaction(db, async (trx) => {
    const item = await trx.selectFrom('agenda_items').select('meeting_id').where('id', '=', itemId).executeTakeFirst();
    if (!item) throw problems.notFound(SPEAKER_ITEM, itemId);
    const meeting = await lockMeeting(trx, item.meeting_id);
    if (!meeting.opened_at || meeting.closed_at) throw notInSession();
    if (input.memberId && !(await trx.selectFrom('members').select('id').where('id', '=', input.memberId).executeTakeFirst())) {
      throw problems.notFound(text('Lid', 'Member'), input.memberId);
    }
    const id = randomUUID();
    await trx
      .insertInto('speakers')
      .values({ id, agenda_item_id: itemId, round: input.round, name: input.name.trim(), member_id: input.memberId ?? null })
      .execute();
    await recordAudit(trx, actor, { action: 'speaker.recorded', entityType: 'meeting', entityId: item.meeting_id, data: { itemId, ...input } });
    return id;
  });
}

export interface Subject {
  type: 'agenda-item' | 'submission';
  id: string;
}

/** The phrase of a recorded decision, derived from its subject and outcome. */
async function phraseOf(db: Db, row: DecisionRow): Promise<Phrase> {
  const byVote = (await voteStatements(db, [row.subject_id])).get(row.subject_id);
  if (byVote) return byVote;
  const meeting = await meetingRow(db, row.meeting_id);
  const label = labelOf(meeting);
  if (row.subject_type === 'submission') {
    const submission = await db.selectFrom('submissions').select('kind').where('id', '=', row.subject_id).executeTakeFirstOrThrow();
    return submissionPhrase(label, { type: 'submission', kind: submission.kind }, row.outcome as SubmissionOutcome, row.method);
  }
  const item = await db.selectFrom('agenda_items').selectAll().where('id', '=', row.subject_id).executeTakeFirstOrThrow();
  const dates = await approvedMeetingDates(db, [item]);
  return itemPhrase(
    label,
    { type: 'agenda-item', kind: item.kind, purpose: item.purpose, approvesDate: dates.get(item.id) ?? null },
    row.outcome as ItemOutcome,
    row.method,
  );
}

export async function toDecision(db: Db, row: DecisionRow): Promise<Decision> {
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    outcome: row.outcome,
    method: row.method,
    note: row.note,
    decidedAt: row.decided_at.toISOString(),
    minutesApprovedAt: row.minutes_approved_at?.toISOString() ?? null,
    phrase: await phraseOf(db, row),
  };
}

/**
 * Records the outcome for one subject or several handled together (e.g. related motions taken over
 * and adopted by acclamation). All or nothing: one refusal refuses the lot.
 */
export async function recordDecisions(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: NewDecision,
  options: { beforeMeeting?: boolean } = {},
): Promise<Decision[]> {
  const rows = await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    if (meeting.closed_at || (!meeting.opened_at && !options.beforeMeeting)) throw notInSession();
    if (input.method === 'vote') {
      throw refuse(
        'Een stemming wordt vastgelegd door de stemmodule; leg hier acclamatie of een uitkomst zonder stemming vast.',
        'A vote is recorded by the voting feature; record acclamation or an outcome without a vote here.',
        'method',
      );
    }
    if (!methodFits(input.outcome, input.method)) {
      throw refuse('Deze uitkomst past niet bij deze wijze van besluiten.', 'This outcome does not fit this way of deciding.', 'method');
    }
    const recorded: DecisionRow[] = [];
    for (const subject of input.subjects) {
      await assertNoOpenVote(trx, subject);
      const { minutesVersion } = await assertDecidable(trx, meetingId, subject, input.outcome);
      const row = await trx
        .insertInto('decisions')
        .values({
          id: randomUUID(),
          meeting_id: meetingId,
          subject_type: subject.type,
          subject_id: subject.id,
          outcome: input.outcome,
          method: input.method,
          note: input.note ?? null,
          recorded_by: actor.label,
          minutes_version: minutesVersion ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      recorded.push(row);
      await recordAudit(trx, actor, {
        action: 'decision.recorded',
        entityType: 'meeting',
        entityId: meetingId,
        data: { decisionId: row.id, subject, outcome: input.outcome, method: input.method },
      });
    }
    return recorded;
  });
  return Promise.all(rows.map((row) => toDecision(db, row)));
}

/**
 * Records the decision a closed vote led to, in the voting feature's transaction (which holds the
 * poll's lock): judged by the same course rules as a decision the chair records, so what changed
 * while the vote ran counts too.
 */
export async function recordVoteDecision(
  trx: Db,
  actor: Actor,
  vote: { meetingId: string; subject: Subject; outcome: string; pollId: string; statement: string },
): Promise<void> {
  const { minutesVersion } = await assertDecidable(trx, vote.meetingId, vote.subject, vote.outcome);
  await trx
    .insertInto('decisions')
    .values({
      id: randomUUID(),
      meeting_id: vote.meetingId,
      subject_type: vote.subject.type,
      subject_id: vote.subject.id,
      outcome: vote.outcome,
      method: 'vote',
      recorded_by: actor.label,
      poll_id: vote.pollId,
      note: vote.statement,
      minutes_version: minutesVersion ?? null,
    })
    .execute();
}

/** While the meeting votes on a subject, nobody records its outcome otherwise (held, withdrawn, acclamation). */
async function assertNoOpenVote(trx: Db, subject: Subject): Promise<void> {
  const open = await trx
    .selectFrom('polls')
    .select('id')
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('closed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  if (open) throw conflict('Hierover loopt een stemming; sluit of annuleer die eerst.', 'A vote on this is open; close or cancel it first.');
}

/** A refusal of the pure course rules as the problem the API answers with. */
export function courseProblem(refusal: CourseRefusal) {
  return refusal.status === 'conflict' ? conflict(refusal.nl, refusal.en) : refuse(refusal.nl, refusal.en, refusal.field);
}

/** The item as the course rules see it: its proposal after adopted amendments, and its undecided motions and amendments. */
export async function courseView(trx: Db, item: Row<'agenda_items'>): Promise<{ item: CourseItem; state: CourseState }> {
  const proposal = (await effectiveTexts(trx, [item])).get(item.id) ?? null;
  const open = await trx
    .selectFrom('submissions as s')
    .leftJoin('decisions as d', (join) => join.onRef('d.subject_id', '=', 's.id').on('d.subject_type', '=', 'submission'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('s.agenda_item_id', '=', item.id)
    .where('d.id', 'is', null)
    .executeTakeFirstOrThrow();
  return { item: { kind: item.kind, purpose: item.purpose, proposal, changeKind: item.change_kind }, state: { undecidedSubmissions: Number(open.n) } };
}

/**
 * Whether the outcome may be recorded on the subject now: by the chair (recordDecisions), by a vote
 * (openPoll checks the outcome adopting would give, closePoll the outcome the vote gave). One set of
 * rules for every path to an outcome.
 */
export async function assertDecidable(trx: Db, meetingId: string, subject: Subject, outcome: string): Promise<{ minutesVersion?: number }> {
  const decided = await trx
    .selectFrom('decisions')
    .select('id')
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .executeTakeFirst();
  if (decided) throw conflict('Hierover is al besloten.', 'This has already been decided.');
  if (subject.type === 'submission') {
    const submission = await trx.selectFrom('submissions').selectAll().where('id', '=', subject.id).executeTakeFirst();
    if (!submission || submission.meeting_id !== meetingId)
      throw refuse('Deze motie of dit amendement hoort niet bij deze vergadering.', 'This motion or amendment does not belong to this meeting.');
    if (!(SUBMISSION_OUTCOMES as readonly string[]).includes(outcome))
      throw refuse('Deze uitkomst past niet bij een motie of amendement.', 'This outcome does not fit a motion or amendment.', 'outcome');
    if (submission.kind === 'amendment' && outcome === 'adopted') await assertAmendsCurrentText(trx, submission.agenda_item_id, submission.base_text);
    return {};
  }
  const row = await trx.selectFrom('agenda_items').selectAll().where('id', '=', subject.id).executeTakeFirst();
  if (!row || row.meeting_id !== meetingId) throw refuse('Dit agendapunt hoort niet bij deze vergadering.', 'This item is not on this meeting’s agenda.');
  if (!(ITEM_OUTCOMES as readonly string[]).includes(outcome)) {
    throw refuse(
      'Deze uitkomst past niet bij dit agendapunt (bijvoorbeeld: een punt ter kennisname wordt niet aangenomen).',
      'This outcome does not fit this item (e.g. an item for information is not adopted).',
      'outcome',
    );
  }
  const { item, state } = await courseView(trx, row);
  const refusal = itemOutcomeRefusal(item, outcome as ItemOutcome, state);
  if (refusal) throw courseProblem(refusal);
  if (row.kind === 'appointments' && outcome === 'appointed') await assertCommittees(trx, meetingId);
  if (row.kind === 'previous-minutes' && outcome === 'approved') return { minutesVersion: await approvableMinutes(trx, meetingId, row.approves_meeting_id) };
  return {};
}

/** An amendment replaces the text it was written against; another adopted amendment may have changed it. */
async function assertAmendsCurrentText(trx: Db, itemId: string, baseText: string | null): Promise<void> {
  const item = await trx.selectFrom('agenda_items').select(['id', 'decision_text']).where('id', '=', itemId).executeTakeFirstOrThrow();
  const current = (await effectiveTexts(trx, [item])).get(itemId) ?? null;
  if ((baseText ?? item.decision_text) !== current) {
    throw conflict(
      'Dit amendement is geschreven op een tekst die een eerder aangenomen amendement al heeft gewijzigd; dien het opnieuw in op de huidige tekst.',
      'This amendment was written against a text that an earlier adopted amendment has changed; file it again against the current text.',
    );
  }
}

/**
 * The next meeting approves minutes the minutes committee found faithful; the lock on the earlier
 * meeting keeps a new version from slipping in while they are approved. Returns the approved version.
 */
async function approvableMinutes(trx: Db, meetingId: string, targetId: string | null): Promise<number> {
  if (!targetId)
    throw refuse('Dit agendapunt noemt geen vergadering waarvan de notulen worden vastgesteld.', 'This item names no meeting whose minutes it approves.');
  const target = await lockMeeting(trx, targetId);
  const meeting = await meetingRow(trx, meetingId);
  if (target.date >= meeting.date) throw refuse('Notulen worden vastgesteld door een latere vergadering.', 'Minutes are approved by a later meeting.');
  const latest = await trx.selectFrom('minutes_versions').select('version').where('meeting_id', '=', targetId).orderBy('version', 'desc').executeTakeFirst();
  if (!latest || !target.minutes_faithful_at) {
    throw conflict(
      'De notulen van die vergadering zijn nog niet als getrouw beeld beoordeeld door de notulencommissie.',
      "That meeting's minutes have not yet been reviewed as faithful by the minutes committee.",
    );
  }
  return latest.version;
}

/** The statutes ask committees of a minimum size (VNG: 3 each), appointed at the start. */
async function assertCommittees(trx: Db, meetingId: string): Promise<void> {
  const meeting = await meetingRow(trx, meetingId);
  const { minutesCommitteeMinimum, voteCountingCommitteeMinimum } = (await profileAsOf(trx, meeting.date)).committees;
  const members = await trx.selectFrom('meeting_appointments').select('function').where('meeting_id', '=', meetingId).execute();
  const count = (fn: string) => members.filter((m) => m.function === fn).length;
  const sizes = [
    { n: count('minutes-committee'), minimum: minutesCommitteeMinimum, nl: 'De notulencommissie', en: 'The minutes committee' },
    { n: count('counting-committee'), minimum: voteCountingCommitteeMinimum, nl: 'De commissie van stemopneming', en: 'The vote-counting committee' },
  ];
  for (const { n, minimum, nl, en } of sizes) {
    if (n < minimum)
      throw refuse(`${nl} telt ${n} leden; het profiel vraagt er ten minste ${minimum}.`, `${en} has ${n} members; the profile asks for at least ${minimum}.`);
  }
}

/** Approves the minutes of one decided item at once, e.g. a statute change a notary must register. */
export async function approveItemMinutes(db: Db, actor: Actor, decisionId: string): Promise<Decision> {
  const row = await inTransaction(db, async (trx) => {
    const decision = await trx.selectFrom('decisions').selectAll().where('id', '=', decisionId).executeTakeFirst();
    if (!decision) throw problems.notFound(DECISION, decisionId);
    if (decision.subject_type !== 'agenda-item' || !['adopted', 'approved'].includes(decision.outcome)) {
      throw refuse(
        'Alleen de notulen van een aangenomen voorstel kunnen direct worden vastgesteld.',
        'Only the minutes of an adopted proposal can be approved at once.',
        'id',
      );
    }
    const meeting = await lockMeeting(trx, decision.meeting_id);
    if (!meeting.opened_at || meeting.closed_at) throw notInSession();
    if (decision.minutes_approved_at) throw conflict('De notulen van dit punt zijn al vastgesteld.', 'The minutes of this item have already been approved.');
    const updated = await trx
      .updateTable('decisions')
      .set({ minutes_approved_at: new Date() })
      .where('id', '=', decisionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'decision.minutes-approved', entityType: 'meeting', entityId: decision.meeting_id, data: { decisionId } });
    return updated;
  });
  return toDecision(db, row);
}
