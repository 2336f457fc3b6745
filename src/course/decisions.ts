import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { approvedMeetingDates } from '../agenda/store.js';
import { itemPhrase, methodFits, submissionPhrase, type ItemOutcome, type Phrase, type SubmissionOutcome } from '../agenda/phrases.js';
import type { Decision, NewDecision } from '../meetings/schemas.js';
import { lockMeeting, meetingRow } from '../meetings/store.js';
import { labelOf } from '../agenda/phrases.js';
import { voteStatements } from '../agenda/vote-statements.js';
import { conflict, notInSession, refuse } from './problems.js';
import { assertDecidable, type Subject } from './decidable.js';
import { decisionRecorded } from './decision-recorded.js';

type Db = Kysely<Database>;

type DecisionRow = Row<'decisions'>;

const DECISION = text('Besluit', 'Decision');

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
      await decisionRecorded(trx, actor, { id: row.id, meetingId, subjectType: subject.type, subjectId: subject.id, outcome: input.outcome });
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
  const id = randomUUID();
  await trx
    .insertInto('decisions')
    .values({
      id,
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
  await decisionRecorded(trx, actor, { id, meetingId: vote.meetingId, subjectType: vote.subject.type, subjectId: vote.subject.id, outcome: vote.outcome });
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
