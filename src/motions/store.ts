import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { acceptsAmendments } from '../agenda/rules.js';
import { effectiveTexts, numberedItems } from '../agenda/store.js';
import { memberStatesAsOf } from '../members/store.js';
import { designatedOffice } from '../people/store.js';
import { lockMeeting } from '../meetings/store.js';
import type { BoardAdvice, SubmissionKind } from '../meetings/tables.js';
import { filedInTime, handlingOrder, missingAgreement, textDiff } from './rules.js';
import { holdWithdrawMode } from './submitters.js';
import type { Amendment, Motion, NewAmendment, NewMotion } from './schemas.js';

type Db = Kysely<Database>;
type SubmissionRow = Row<'submissions'>;

/** Who files: a representative acts for the members they are designated for; the chair and staff for any. */
export interface Filer {
  actor: Actor;
  personId: string;
  name: string;
  isChair: boolean;
  isStaff: boolean;
}

const NOUN = { motion: text('Motie', 'Motion'), amendment: text('Amendement', 'Amendment') };
const refuse = (field: string, nl: string, en: string) => problems.invalid(text(nl, en), [{ name: field, code: 'refused', reason: text(nl, en) }]);

export async function submissionRow(db: Db, kind: SubmissionKind, id: string): Promise<SubmissionRow> {
  const row = await db.selectFrom('submissions').selectAll().where('id', '=', id).where('kind', '=', kind).executeTakeFirst();
  if (!row) throw problems.notFound(NOUN[kind], id);
  return row;
}

async function assertActsForAll(db: Db, filer: Filer, memberIds: readonly string[], date: string): Promise<void> {
  if (filer.isChair || filer.isStaff) return;
  for (const memberId of memberIds) {
    if (!(await designatedOffice(db, filer.personId, memberId, date))) throw problems.forbidden();
  }
}

type Filing = (NewMotion & { kind: 'motion' }) | (NewAmendment & { kind: 'amendment' });

/** Files a motion or an amendment: on an item of the meeting named, before the deadline unless the chair admits it. */
export async function file(db: Db, filer: Filer, input: Filing): Promise<string> {
  return inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, input.meetingId);
    if (meeting.closed_at) throw problems.conflict(text('Deze vergadering is gesloten.', 'This meeting is closed.'));
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
    if (late && !filer.isChair) {
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

export async function assertOpen(db: Db, submission: SubmissionRow): Promise<void> {
  const decided = await db
    .selectFrom('decisions')
    .select('id')
    .where('subject_type', '=', 'submission')
    .where('subject_id', '=', submission.id)
    .executeTakeFirst();
  if (decided) throw problems.conflict(text('Hierover is al besloten.', 'This has already been decided.'));
}

export async function recordAdvice(db: Db, actor: Actor, kind: SubmissionKind, id: string, advice: BoardAdvice, reasoning: string | undefined): Promise<void> {
  await inTransaction(db, async (trx) => {
    const submission = await submissionRow(trx, kind, id);
    await lockMeeting(trx, submission.meeting_id);
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
    await lockMeeting(trx, submission.meeting_id);
    await assertOpen(trx, submission);
    await trx
      .updateTable('submissions')
      .set({ group_label: label?.trim() ?? null, group_position: label === null ? null : (position ?? 1) })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'motion.grouped', entityType: 'meeting', entityId: submission.meeting_id, data: { id, label, position } });
  });
}

export async function listSubmissions(db: Db, kind: 'motion', filter: { meetingId?: string; agendaItemId?: string }): Promise<Motion[]>;
export async function listSubmissions(db: Db, kind: 'amendment', filter: { meetingId?: string; agendaItemId?: string }): Promise<Amendment[]>;
export async function listSubmissions(db: Db, kind: SubmissionKind, filter: { meetingId?: string; agendaItemId?: string }): Promise<(Motion | Amendment)[]> {
  let query = db.selectFrom('submissions').selectAll().where('kind', '=', kind);
  if (filter.meetingId) query = query.where('meeting_id', '=', filter.meetingId);
  if (filter.agendaItemId) query = query.where('agenda_item_id', '=', filter.agendaItemId);
  return present(db, await query.execute());
}

export async function getSubmission(db: Db, kind: SubmissionKind, id: string): Promise<Motion | Amendment> {
  const [one] = await present(db, [await submissionRow(db, kind, id)]);
  return one!;
}

/** Rows as the API shows them, in agenda order and, per item, in the order they are handled. */
async function present(db: Db, rows: SubmissionRow[]): Promise<(Motion | Amendment)[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const meetingIds = [...new Set(rows.map((r) => r.meeting_id))];
  const [submitters, decisions, numbers, meetings, invitations, requests] = await Promise.all([
    db.selectFrom('submission_members').selectAll().where('submission_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('decisions').select(['subject_id', 'outcome']).where('subject_type', '=', 'submission').where('subject_id', 'in', ids).execute(),
    Promise.all(meetingIds.map((id) => numberedItems(db, id))).then((lists) => lists.flat()),
    db.selectFrom('meetings').select(['id', 'date']).where('id', 'in', meetingIds).execute(),
    db.selectFrom('submission_invitations').selectAll().where('submission_id', 'in', ids).where('answer', 'is', null).orderBy('invited_at').execute(),
    db.selectFrom('submission_requests').selectAll().where('submission_id', 'in', ids).where('closure', 'is', null).execute(),
  ]);
  const agreements = requests.length
    ? await db
        .selectFrom('submission_request_agreements')
        .select(['request_id', 'member_id'])
        .where(
          'request_id',
          'in',
          requests.map((q) => q.id),
        )
        .execute()
    : [];
  const modes = new Map(await Promise.all(meetings.map(async (m) => [m.id, await holdWithdrawMode(db, m.date)] as const)));
  const itemsIds = new Map(numbers.map((n, index) => [n.id, { number: n.number, index }]));
  const items = [...(await Promise.all(meetings.map(async (m) => [m.id, new Map((await memberStatesAsOf(db, m.date)).map((s) => [s.id, s.name]))] as const)))];
  const names = new Map(items);
  const ordered = [...rows].sort((a, b) => (itemsIds.get(a.agenda_item_id)?.index ?? 0) - (itemsIds.get(b.agenda_item_id)?.index ?? 0));
  const byItem = new Map<string, SubmissionRow[]>();
  for (const row of ordered) byItem.set(row.agenda_item_id, [...(byItem.get(row.agenda_item_id) ?? []), row]);
  const handled = [...byItem.values()].flatMap((group) =>
    handlingOrder(group.map((r) => ({ ...r, groupLabel: r.group_label, groupPosition: r.group_position, filedAt: r.filed_at }))),
  );
  const proposals = await db
    .selectFrom('agenda_items')
    .select(['id', 'decision_text'])
    .where('id', 'in', [...byItem.keys()])
    .execute();
  return handled.map((r) => {
    const own = submitters.filter((s) => s.submission_id === r.id);
    const nameOf = (memberId: string) => names.get(r.meeting_id)?.get(memberId) ?? memberId;
    const mode = modes.get(r.meeting_id) ?? 'first-submitter';
    const request = requests.find((q) => q.submission_id === r.id);
    const agreed = new Set(agreements.filter((a) => a.request_id === request?.id).map((a) => a.member_id));
    const common = {
      id: r.id,
      meetingId: r.meeting_id,
      agendaItemId: r.agenda_item_id,
      agendaItemNumber: itemsIds.get(r.agenda_item_id)?.number ?? '',
      title: r.title,
      onBehalfOf: r.on_behalf_of,
      submitters: own.map((s, index) => ({
        memberId: s.member_id,
        memberName: nameOf(s.member_id),
        coSubmitter: index > 0 && s.joined_at > r.filed_at,
        first: index === 0,
        joinedAt: s.joined_at.toISOString(),
      })),
      invitations: invitations
        .filter((i) => i.submission_id === r.id)
        .map((i) => ({ memberId: i.member_id, memberName: nameOf(i.member_id), invitedAt: i.invited_at.toISOString(), invitedBy: i.invited_by })),
      holdWithdrawBy: mode,
      pendingRequest: request
        ? {
            outcome: request.outcome,
            requestedAt: request.requested_at.toISOString(),
            requestedBy: request.requested_by,
            agreed: own.map((s) => s.member_id).filter((m) => agreed.has(m)),
            missing: missingAgreement(
              mode,
              own.map((s) => ({ memberId: s.member_id, position: s.position })),
              agreed,
            ),
          }
        : null,
      filedAt: r.filed_at.toISOString(),
      filedBy: r.filed_by,
      late: r.late_admitted_by !== null,
      lateAdmittedBy: r.late_admitted_by,
      boardAdvice: r.board_advice,
      adviceReasoning: r.advice_reasoning,
      status: (decisions.find((d) => d.subject_id === r.id)?.outcome ?? 'filed') as Motion['status'],
    };
    if (r.kind === 'motion') {
      return {
        ...common,
        considerations: r.considerations,
        request: r.request ?? '',
        group: r.group_label ? { label: r.group_label, position: r.group_position ?? 1 } : null,
      };
    }
    const proposal = r.base_text ?? proposals.find((p) => p.id === r.agenda_item_id)?.decision_text ?? '';
    return { ...common, explanation: r.explanation, baseText: proposal, proposedText: r.proposed_text ?? '', diff: textDiff(proposal, r.proposed_text ?? '') };
  });
}
