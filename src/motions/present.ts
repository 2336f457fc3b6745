import type { Kysely } from 'kysely';
import type { Database, Row } from '../core/db/schema.js';
import { numberedItems } from '../agenda/store.js';
import { memberStatesAsOf } from '../members/store.js';
import { handlingOrder, missingAgreement, textDiff } from './rules.js';
import { holdWithdrawMode, submissionRow } from './queries.js';
import type { Amendment, Motion } from './schemas.js';
import type { SubmissionKind } from './tables.js';

type Db = Kysely<Database>;
type SubmissionRow = Row<'submissions'>;

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
