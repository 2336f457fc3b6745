import type { Kysely } from 'kysely';
import type { Database, Row } from '../core/db/schema.js';
import { profileAsOf } from '../profile/store.js';
import { effectiveTexts } from '../agenda/store.js';
import { itemOutcomeRefusal, type CourseItem, type CourseState } from './rules.js';
import { ITEM_OUTCOMES, SUBMISSION_OUTCOMES, type ItemOutcome } from '../agenda/phrases.js';
import { lockMeeting, meetingRow } from '../meetings/store.js';
import { conflict, courseProblem, refuse } from './problems.js';

type Db = Kysely<Database>;

/** What a decision is about: an agenda item, or a motion or amendment. */
export interface Subject {
  type: 'agenda-item' | 'submission';
  id: string;
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
