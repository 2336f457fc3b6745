import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Subject } from '../core/auth/policy.js';
import { today, type IsoDate } from '../core/dates.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { Problem, problems, text } from '../core/errors.js';
import type { Config } from '../core/config.js';
import { notifyStatusChange } from './notify.js';
import { followUpPolicy } from './policy.js';
import { addMonths, DEFAULT_TERM_MONTHS, isOverdue, reportMeetings, statusChangeRefusal, type FollowUpStatus } from './rules.js';
import type { FollowUp, FollowUpChange, FollowUpDetail, FollowUpQuery, NewFollowUp, NewFollowUpUpdate, Report } from './schemas.js';

type Db = Kysely<Database>;

const FOLLOW_UP = text('Opvolging', 'Follow-up');
const DECISION = text('Besluit', 'Decision');
const AGENDA_ITEM = text('Agendapunt', 'Agenda item');
const PERSON = text('Persoon', 'Person');

/** Who the board is when an adopted motion's item names no portfolio holder. */
const BOARD = 'Het bestuur';

const invalid = (name: string, nl: string, en: string) => problems.invalid(text(nl, en), [{ name, code: 'invalid', reason: text(nl, en) }]);

const notOwner = () =>
  new Problem(
    403,
    'not-follow-up-owner',
    text('Geen eigenaar', 'Not the owner'),
    text(
      'Alleen de eigenaar van deze opvolging of het verenigingsbureau kan voortgang melden of de status wijzigen.',
      "Only this follow-up's owner or the association's staff can post progress or change the status.",
    ),
  );

// ---------------------------------------------------------------- reading

type FollowUpRow = Row<'follow_ups'> & { meeting_title: string; meeting_date: string };
type UpdateRow = Row<'follow_up_updates'>;

/** Follow-ups with their meeting; the public sees those on public agenda items only. */
function visible(db: Db, subject: Subject) {
  let query = db
    .selectFrom('follow_ups as f')
    .innerJoin('meetings as m', 'm.id', 'f.meeting_id')
    .innerJoin('agenda_items as i', 'i.id', 'f.agenda_item_id')
    .selectAll('f')
    .select(['m.title as meeting_title', 'm.date as meeting_date']);
  if (!subject) query = query.where('i.public', '=', true);
  return query;
}

const toUpdate = (u: UpdateRow): FollowUpDetail['updates'][number] => ({
  id: u.id,
  postedAt: u.posted_at.toISOString(),
  postedBy: u.posted_by,
  text: u.body,
  link: u.link,
  statusFrom: u.status_from,
  statusTo: u.status_to,
  reason: u.reason,
});

function toFollowUp(row: FollowUpRow, last: UpdateRow | undefined, subject: Subject, on: IsoDate): FollowUp {
  const ownerPersonId = row.owner_person_id;
  return {
    id: row.id,
    kind: row.kind,
    meetingId: row.meeting_id,
    meetingTitle: row.meeting_title,
    meetingDate: row.meeting_date,
    agendaItemId: row.agenda_item_id,
    decisionId: row.decision_id,
    submissionId: row.submission_id,
    title: row.title,
    description: row.description,
    owner: { personId: ownerPersonId, name: row.owner_name, label: row.owner_label },
    dueDate: row.due_date,
    status: row.status,
    statusReason: row.status_reason,
    overdue: isOverdue({ dueDate: row.due_date, status: row.status }, on),
    lastUpdate: last ? toUpdate(last) : null,
    canPost: followUpPolicy.can(subject, 'post', { ownerPersonId }),
    createdAt: row.created_at.toISOString(),
  };
}

async function lastUpdates(db: Db, ids: string[]): Promise<Map<string, UpdateRow>> {
  const result = new Map<string, UpdateRow>();
  if (ids.length === 0) return result;
  const rows = await db.selectFrom('follow_up_updates').selectAll().where('follow_up_id', 'in', ids).orderBy('posted_at').orderBy('id').execute();
  for (const row of rows) result.set(row.follow_up_id, row);
  return result;
}

async function present(db: Db, rows: FollowUpRow[], subject: Subject): Promise<FollowUp[]> {
  const last = await lastUpdates(
    db,
    rows.map((r) => r.id),
  );
  const on = today();
  return rows.map((r) => toFollowUp(r, last.get(r.id), subject, on));
}

export async function listFollowUps(db: Db, query: FollowUpQuery, subject: Subject): Promise<{ items: FollowUp[]; total: number }> {
  let rows = visible(db, subject);
  if (query.meetingId) rows = rows.where('f.meeting_id', '=', query.meetingId);
  if (query.status) rows = rows.where('f.status', '=', query.status);
  if (query.overdue !== undefined) {
    const on = today();
    rows = query.overdue
      ? rows.where('f.due_date', '<', on).where('f.status', 'in', ['open', 'in-progress'])
      : rows.where((eb) => eb.or([eb('f.due_date', '>=', on), eb('f.status', 'in', ['done', 'not-carried-out'])]));
  }
  const all = (await rows.orderBy('m.date', 'desc').orderBy('i.position').orderBy('f.created_at').orderBy('f.id').execute()) as FollowUpRow[];
  const offset = query.offset ?? 0;
  const page = all.slice(offset, offset + (query.limit ?? 100));
  return { items: await present(db, page, subject), total: all.length };
}

export async function getFollowUp(db: Db, id: string, subject: Subject): Promise<FollowUpDetail> {
  const row = (await visible(db, subject).where('f.id', '=', id).executeTakeFirst()) as FollowUpRow | undefined;
  if (!row) throw problems.notFound(FOLLOW_UP, id);
  const updates = await db
    .selectFrom('follow_up_updates')
    .selectAll()
    .where('follow_up_id', '=', id)
    .orderBy('posted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const [followUp] = await present(db, [row], subject);
  return { ...followUp!, updates: updates.map(toUpdate) };
}

/** The "stand van zaken": the open follow-ups of the last two general meetings before the date. */
export async function followUpReport(db: Db, before: IsoDate, subject: Subject): Promise<Report> {
  const meetings = reportMeetings(await db.selectFrom('meetings').select(['id', 'title', 'date']).execute(), before);
  const result: Report = { before, meetings: [] };
  for (const meeting of meetings) {
    const open = await listFollowUps(db, { meetingId: meeting.id, limit: 1000 }, subject);
    result.meetings.push({ ...meeting, followUps: open.items.filter((f) => f.status === 'open' || f.status === 'in-progress') });
  }
  return result;
}

// ---------------------------------------------------------------- writing

async function ownerOf(
  trx: Db,
  input: { ownerPersonId?: string | null | undefined; ownerName?: string | undefined },
): Promise<{ id: string | null; name: string } | null> {
  if (input.ownerPersonId) {
    const person = await trx.selectFrom('people').select(['id', 'name']).where('id', '=', input.ownerPersonId).executeTakeFirst();
    if (!person) throw problems.notFound(PERSON, input.ownerPersonId);
    return { id: person.id, name: input.ownerName?.trim() || person.name };
  }
  if (input.ownerName) return { id: null, name: input.ownerName.trim() };
  return null;
}

interface Source {
  meetingId: string;
  agendaItemId: string;
  decisionId: string | null;
  submissionId: string | null;
  kind: 'motion' | 'decision' | 'commitment';
  title: string;
  description: string | null;
}

/** The decision's subject as a follow-up's source: its meeting, item, title and (for a motion) its request. */
async function decisionSource(trx: Db, decisionId: string): Promise<Source & { meetingDate: IsoDate; portfolioHolder: string | null; outcome: string }> {
  const decision = await trx
    .selectFrom('decisions as d')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .select(['d.id', 'd.meeting_id', 'd.subject_type', 'd.subject_id', 'd.outcome', 'm.date'])
    .where('d.id', '=', decisionId)
    .executeTakeFirst();
  if (!decision) throw problems.notFound(DECISION, decisionId);
  if (decision.subject_type === 'submission') {
    const s = await trx
      .selectFrom('submissions as s')
      .innerJoin('agenda_items as i', 'i.id', 's.agenda_item_id')
      .select(['s.id', 's.kind', 's.title', 's.request', 's.agenda_item_id', 'i.portfolio_holder'])
      .where('s.id', '=', decision.subject_id)
      .executeTakeFirstOrThrow();
    return {
      meetingId: decision.meeting_id,
      meetingDate: decision.date,
      agendaItemId: s.agenda_item_id,
      decisionId,
      submissionId: s.id,
      kind: s.kind === 'motion' ? 'motion' : 'decision',
      title: s.title,
      description: s.request,
      portfolioHolder: s.portfolio_holder,
      outcome: decision.outcome,
    };
  }
  const item = await trx
    .selectFrom('agenda_items')
    .select(['id', 'title', 'decision_text', 'portfolio_holder'])
    .where('id', '=', decision.subject_id)
    .executeTakeFirstOrThrow();
  return {
    meetingId: decision.meeting_id,
    meetingDate: decision.date,
    agendaItemId: item.id,
    decisionId,
    submissionId: null,
    kind: 'decision',
    title: item.title,
    description: item.decision_text,
    portfolioHolder: item.portfolio_holder,
    outcome: decision.outcome,
  };
}

async function insertFollowUp(trx: Db, actor: Actor, source: Source, owner: { id: string | null; name: string; label: string | null }, dueDate: IsoDate) {
  const id = randomUUID();
  await trx
    .insertInto('follow_ups')
    .values({
      id,
      meeting_id: source.meetingId,
      agenda_item_id: source.agendaItemId,
      decision_id: source.decisionId,
      submission_id: source.submissionId,
      kind: source.kind,
      title: source.title,
      description: source.description,
      owner_person_id: owner.id,
      owner_name: owner.name,
      owner_label: owner.label,
      due_date: dueDate,
      created_by: actor.label,
    })
    .execute();
  await recordAudit(trx, actor, {
    action: 'follow-up.created',
    entityType: 'follow-up',
    entityId: id,
    data: { kind: source.kind, decisionId: source.decisionId, agendaItemId: source.agendaItemId, owner, dueDate },
  });
  return id;
}

/**
 * The course's decision hook (wired in src/app.ts): an adopted motion becomes a follow-up in the
 * transaction that records the decision, owned by its item's portfolio holder (else the board) and
 * due half a year after the meeting until staff say otherwise.
 */
export async function followUpDecision(trx: Db, actor: Actor, decision: { id: string; subjectType: string; outcome: string }): Promise<void> {
  if (decision.subjectType !== 'submission' || decision.outcome !== 'adopted') return;
  const source = await decisionSource(trx, decision.id);
  if (source.kind !== 'motion') return;
  await insertFollowUp(
    trx,
    actor,
    source,
    { id: null, name: source.portfolioHolder ?? BOARD, label: null },
    addMonths(source.meetingDate, DEFAULT_TERM_MONTHS),
  );
}

/** Staff create a follow-up for a decision, or record a commitment made at an agenda item. */
export async function createFollowUp(db: Db, actor: Actor, input: NewFollowUp): Promise<string> {
  return inTransaction(db, async (trx) => {
    let source: Source;
    let defaultOwner: string;
    if (input.decisionId && input.agendaItemId) {
      throw invalid('agendaItemId', 'Noem een besluit of een agendapunt, niet beide.', 'Name a decision or an agenda item, not both.');
    }
    if (input.decisionId) {
      const decision = await decisionSource(trx, input.decisionId);
      const taken = await trx.selectFrom('follow_ups').select('id').where('decision_id', '=', input.decisionId).executeTakeFirst();
      if (taken) throw problems.conflict(text('Dit besluit heeft al een opvolging.', 'This decision already has a follow-up.'));
      source = {
        ...decision,
        kind: decision.kind === 'motion' ? 'motion' : 'decision',
        title: input.title ?? decision.title,
        description: input.description ?? decision.description,
      };
      defaultOwner = decision.portfolioHolder ?? BOARD;
    } else if (input.agendaItemId) {
      const item = await trx
        .selectFrom('agenda_items')
        .select(['id', 'meeting_id', 'portfolio_holder'])
        .where('id', '=', input.agendaItemId)
        .executeTakeFirst();
      if (!item) throw problems.notFound(AGENDA_ITEM, input.agendaItemId);
      if (!input.title) throw invalid('title', 'Beschrijf de toezegging in de titel.', 'Describe the commitment in the title.');
      source = {
        meetingId: item.meeting_id,
        agendaItemId: item.id,
        decisionId: null,
        submissionId: null,
        kind: 'commitment',
        title: input.title,
        description: input.description ?? null,
      };
      defaultOwner = item.portfolio_holder ?? BOARD;
    } else {
      throw invalid(
        'decisionId',
        'Noem het besluit of het agendapunt waarbij de toezegging is gedaan.',
        'Name the decision, or the agenda item at which the commitment was made.',
      );
    }
    const owner = (await ownerOf(trx, input)) ?? { id: null, name: defaultOwner };
    return insertFollowUp(trx, actor, source, { ...owner, label: input.ownerLabel ?? null }, input.dueDate);
  });
}

/** Staff change the title, owner or due date; audited with before and after. */
export async function changeFollowUp(db: Db, actor: Actor, id: string, change: FollowUpChange): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('follow_ups').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw problems.notFound(FOLLOW_UP, id);
    const owner = change.ownerPersonId === null ? { id: null, name: change.ownerName ?? before.owner_name } : await ownerOf(trx, change);
    const after = {
      title: change.title ?? before.title,
      description: change.description === undefined ? before.description : change.description,
      owner_person_id: owner ? owner.id : before.owner_person_id,
      owner_name: owner ? owner.name : before.owner_name,
      owner_label: change.ownerLabel === undefined ? before.owner_label : change.ownerLabel,
      due_date: change.dueDate ?? before.due_date,
    };
    await trx.updateTable('follow_ups').set(after).where('id', '=', id).execute();
    const { title, owner_person_id, owner_name, owner_label, due_date } = before;
    await recordAudit(trx, actor, {
      action: 'follow-up.changed',
      entityType: 'follow-up',
      entityId: id,
      data: { before: { title, owner_person_id, owner_name, owner_label, due_date }, after },
    });
  });
}

export interface PostedUpdate {
  statusChange: { from: FollowUpStatus; to: FollowUpStatus } | null;
}

/**
 * The owner or staff post progress, optionally changing the status; "not carried out" needs its
 * reason. A status change is audited with before and after.
 */
export async function postUpdate(
  db: Db,
  actor: Actor,
  subject: Subject,
  id: string,
  input: NewFollowUpUpdate,
  config: Pick<Config, 'PUBLIC_URL'>,
): Promise<PostedUpdate> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('follow_ups').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw problems.notFound(FOLLOW_UP, id);
    if (!subject) throw problems.unauthenticated();
    if (!followUpPolicy.can(subject, 'post', { ownerPersonId: row.owner_person_id })) throw notOwner();
    const to = input.status ?? row.status;
    const changed = to !== row.status;
    if (changed) {
      const refusal = statusChangeRefusal({ from: row.status, to, reason: input.reason });
      if (refusal) throw problems.invalid(refusal, [{ name: 'reason', code: 'required', reason: refusal }]);
    }
    await trx
      .insertInto('follow_up_updates')
      .values({
        id: randomUUID(),
        follow_up_id: id,
        posted_by: actor.label,
        person_id: subject?.id ?? null,
        body: input.text.trim(),
        link: input.link ?? null,
        status_from: changed ? row.status : null,
        status_to: changed ? to : null,
        reason: input.reason?.trim() ?? null,
      })
      .execute();
    if (changed) {
      const reason = input.reason?.trim() ?? null;
      await trx.updateTable('follow_ups').set({ status: to, status_reason: reason }).where('id', '=', id).execute();
      await recordAudit(trx, actor, {
        action: 'follow-up.status-changed',
        entityType: 'follow-up',
        entityId: id,
        data: { from: row.status, to, reason },
      });
      await notifyStatusChange(trx, config, { followUpId: id, from: row.status, to });
    }
    return { statusChange: changed ? { from: row.status, to } : null };
  });
}
