import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { acceptsAmendments } from '../agenda/rules.js';
import { effectiveTexts } from '../agenda/store.js';
import { memberStatesAsOf } from '../members/store.js';
import { designatedOffice } from '../people/store.js';
import { lockMeeting } from '../meetings/store.js';
import type { BoardAdvice, SubmissionKind } from './tables.js';
import { filedInTime } from './rules.js';
import { motionPolicy } from './policy.js';
import { assertOpen, type Filer, submissionRow } from './queries.js';
import type { NewAmendment, NewMotion } from './schemas.js';

type Db = Kysely<Database>;

const meetingClosed = () => problems.conflict(text('Deze vergadering is gesloten.', 'This meeting is closed.'));

const refuse = (field: string, nl: string, en: string) => problems.invalid(text(nl, en), [{ name: field, code: 'refused', reason: text(nl, en) }]);

/** Stops at the first member the filer is not designated for; the chair and staff file for any (admitted by role, nothing to look up). */
async function assertActsForAll(db: Db, filer: Filer, memberIds: readonly string[], date: string): Promise<void> {
  if (motionPolicy.can(filer.subject, 'file', { designatedForAll: false })) return;
  for (const memberId of memberIds) {
    motionPolicy.authorize(filer.subject, 'file', { designatedForAll: !!(await designatedOffice(db, filer.subject.id, memberId, date)) });
  }
}

type Filing = (NewMotion & { kind: 'motion' }) | (NewAmendment & { kind: 'amendment' });

/** Files a motion or an amendment: on an item of the meeting named, before the deadline unless the chair admits it. */
export async function file(db: Db, filer: Filer, input: Filing): Promise<string> {
  return inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, input.meetingId);
    if (meeting.closed_at) throw meetingClosed();
    const item = await trx.selectFrom('agenda_items').selectAll().where('id', '=', input.agendaItemId).executeTakeFirst();
    if (!item || item.meeting_id !== meeting.id) {
      throw refuse(
        'agendaItemId',
        'Dit agendapunt hoort niet bij deze vergadering; dien in bij een agendapunt van deze vergadering.',
        'This item is not on this meeting’s agenda; file on an item of this meeting.',
      );
    }
    if (input.kind === 'amendment' && (!acceptsAmendments(item.purpose) || !item.decision_text)) {
      throw refuse(
        'agendaItemId',
        'Een amendement wijzigt een besluittekst; dit agendapunt is niet ter besluitvorming of heeft geen voorstel.',
        'An amendment changes a decision text; this item is not for decision or has no proposal.',
      );
    }
    const decided = await trx
      .selectFrom('decisions')
      .select('id')
      .where('subject_type', '=', 'agenda-item')
      .where('subject_id', '=', item.id)
      .executeTakeFirst();
    if (decided) throw problems.conflict(text('Over dit agendapunt is al besloten.', 'This item has already been decided.'));
    const members = new Map((await memberStatesAsOf(trx, meeting.date)).map((m) => [m.id, m.name]));
    const unknown = input.memberIds.find((id) => !members.has(id));
    if (unknown)
      throw refuse(
        'memberIds',
        'Een van de indienende leden is op de vergaderdatum geen lid.',
        'One of the submitting members is not a member on the meeting date.',
      );
    await assertActsForAll(trx, filer, input.memberIds, meeting.date);
    const late = !filedInTime(meeting.motion_deadline, new Date());
    if (late && !motionPolicy.can(filer.subject, 'admitLate')) {
      throw refuse(
        'filedAt',
        'De indieningstermijn is verstreken. Alleen de voorzitter kan een motie of amendement nu nog toelaten; vraag het de voorzitter.',
        'The deadline for filing has passed. Only the chair can still admit a motion or amendment; ask the chair.',
      );
    }
    const base = input.kind === 'amendment' ? ((await effectiveTexts(trx, [item])).get(item.id) ?? null) : null;
    const id = randomUUID();
    await trx
      .insertInto('submissions')
      .values({
        id,
        kind: input.kind,
        meeting_id: meeting.id,
        agenda_item_id: item.id,
        title: input.title.trim(),
        considerations: input.kind === 'motion' ? (input.considerations ?? null) : null,
        request: input.kind === 'motion' ? input.request : null,
        proposed_text: input.kind === 'amendment' ? input.proposedText : null,
        base_text: base,
        explanation: input.kind === 'amendment' ? (input.explanation ?? null) : null,
        on_behalf_of: input.onBehalfOf ?? null,
        filed_by: filer.name,
        late_admitted_by: late ? filer.name : null,
      })
      .execute();
    await trx
      .insertInto('submission_members')
      .values(input.memberIds.map((memberId, position) => ({ submission_id: id, member_id: memberId, position, joined_by: filer.name })))
      .execute();
    await recordAudit(trx, filer.actor, {
      action: `${input.kind}.filed`,
      entityType: 'meeting',
      entityId: meeting.id,
      data: { id, title: input.title, memberIds: input.memberIds, late },
    });
    return id;
  });
}

export async function recordAdvice(db: Db, actor: Actor, kind: SubmissionKind, id: string, advice: BoardAdvice, reasoning: string | undefined): Promise<void> {
  await inTransaction(db, async (trx) => {
    const submission = await submissionRow(trx, kind, id);
    const meeting = await lockMeeting(trx, submission.meeting_id);
    if (meeting.closed_at) throw meetingClosed();
    await assertOpen(trx, submission);
    await trx
      .updateTable('submissions')
      .set({ board_advice: advice, advice_reasoning: reasoning ?? null, advice_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: `${kind}.advice-recorded`,
      entityType: 'meeting',
      entityId: submission.meeting_id,
      data: { id, advice, previous: submission.board_advice },
    });
  });
}

export async function setGroup(db: Db, actor: Actor, id: string, label: string | null, position: number | undefined): Promise<void> {
  await inTransaction(db, async (trx) => {
    const submission = await submissionRow(trx, 'motion', id);
    const meeting = await lockMeeting(trx, submission.meeting_id);
    if (meeting.closed_at) throw meetingClosed();
    await assertOpen(trx, submission);
    await trx
      .updateTable('submissions')
      .set({ group_label: label?.trim() ?? null, group_position: label === null ? null : (position ?? 1) })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'motion.grouped', entityType: 'meeting', entityId: submission.meeting_id, data: { id, label, position } });
  });
}
