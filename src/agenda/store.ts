import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { itemPhrase, labelOf, type ItemOutcome } from './phrases.js';
import { voteStatements } from './vote-statements.js';
import { papersOf } from './papers.js';
import { defaultPosition, effectiveDecisionText, GENERAL_MEETING_TEMPLATE, numberItems, orderProblem } from './rules.js';
import type { AgendaItem, AgendaItemUpdate, AgendaOrder, NewAgendaItem } from './schemas.js';

type Db = Kysely<Database>;
type ItemRow = Row<'agenda_items'>;

export const AGENDA_ITEM = text('Agendapunt', 'Agenda item');
const MEETING = text('Vergadering', 'Meeting');

const opened = () =>
  problems.conflict(text('De vergadering is geopend; de volgorde van de agenda ligt vast.', 'The meeting has opened; the order of the agenda is fixed.'));
const closed = () => problems.conflict(text('Deze vergadering is gesloten.', 'This meeting is closed.'));

/**
 * The meeting's row. The agenda sits below the meetings feature (a new meeting starts with the
 * template agenda), so it reads the row itself rather than through meetings/store.ts.
 */
async function meetingRow(db: Db, id: string): Promise<Row<'meetings'>> {
  const row = await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound(MEETING, id);
  return row;
}

/** The same lock as meetings/store.ts lockMeeting: changes to one meeting (agenda, check-ins, course) happen one at a time. */
async function lockMeeting(trx: Db, id: string): Promise<Row<'meetings'>> {
  const row = await trx.selectFrom('meetings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw problems.notFound(MEETING, id);
  return row;
}

/**
 * The fixed items a new general meeting starts with, in the meeting's transaction; the
 * previous-minutes item approves the minutes of the meeting before it.
 */
export async function addTemplateItems(trx: Db, meetingId: string, date: string): Promise<void> {
  const previous = await trx.selectFrom('meetings').select('id').where('date', '<', date).orderBy('date', 'desc').limit(1).executeTakeFirst();
  await trx
    .insertInto('agenda_items')
    .values(
      GENERAL_MEETING_TEMPLATE.map((item, position) => ({
        id: randomUUID(),
        meeting_id: meetingId,
        parent_id: null,
        position,
        kind: item.kind,
        title: item.title,
        purpose: item.purpose,
        approves_meeting_id: item.kind === 'previous-minutes' ? (previous?.id ?? null) : null,
      })),
    )
    .execute();
}

export async function itemRow(db: Db, id: string): Promise<ItemRow> {
  const row = await db.selectFrom('agenda_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound(AGENDA_ITEM, id);
  return row;
}

/** Every item of a meeting with its derived number, in agenda order. */
export async function numberedItems(db: Db, meetingId: string): Promise<(ItemRow & { number: string })[]> {
  const rows = await db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).execute();
  return numberItems(rows.map((r) => ({ ...r, parentId: r.parent_id })));
}

/** The decision text put to the meeting: the proposal as changed by its adopted amendments. */
export async function effectiveTexts(db: Db, items: readonly Pick<ItemRow, 'id' | 'decision_text'>[]): Promise<Map<string, string | null>> {
  const ids = items.map((i) => i.id);
  const adopted = ids.length
    ? await db
        .selectFrom('submissions as s')
        .innerJoin('decisions as d', (join) => join.onRef('d.subject_id', '=', 's.id').on('d.subject_type', '=', 'submission'))
        .select(['s.agenda_item_id', 's.proposed_text', 's.base_text'])
        .where('s.kind', '=', 'amendment')
        .where('d.outcome', '=', 'adopted')
        .where('s.agenda_item_id', 'in', ids)
        .execute()
    : [];
  return new Map(
    items.map((i) => [
      i.id,
      effectiveDecisionText(
        i.decision_text,
        adopted.filter((a) => a.agenda_item_id === i.id).map((a) => ({ baseText: a.base_text, proposedText: a.proposed_text ?? '' })),
      ),
    ]),
  );
}

export async function agendaOf(db: Db, meetingId: string, signedIn: boolean): Promise<AgendaItem[]> {
  const meeting = await meetingRow(db, meetingId);
  const numbered = (await numberedItems(db, meetingId)).filter((i) => signedIn || i.public);
  const ids = numbered.map((i) => i.id);
  const [papers, texts, decisions, approved, votes] = await Promise.all([
    papersOf(db, ids, signedIn),
    effectiveTexts(db, numbered),
    ids.length
      ? db.selectFrom('decisions').selectAll().where('subject_type', '=', 'agenda-item').where('subject_id', 'in', ids).execute()
      : Promise.resolve([]),
    approvedMeetingDates(db, numbered),
    voteStatements(db, ids),
  ]);
  return numbered.map((i) => {
    const decision = decisions.find((d) => d.subject_id === i.id);
    return {
      id: i.id,
      meetingId: i.meeting_id,
      parentId: i.parent_id,
      number: i.number,
      position: i.position,
      kind: i.kind,
      title: i.title,
      purpose: i.purpose,
      portfolioHolder: i.portfolio_holder,
      decisionText: i.decision_text,
      effectiveDecisionText: texts.get(i.id) ?? null,
      summary: i.summary,
      letter: i.letter,
      public: i.public,
      approvesMeetingId: i.approves_meeting_id,
      changeKind: i.change_kind,
      papers: papers.get(i.id) ?? [],
      decision: decision
        ? {
            id: decision.id,
            outcome: decision.outcome,
            method: decision.method,
            phrase:
              votes.get(i.id) ??
              itemPhrase(
                labelOf(meeting),
                { type: 'agenda-item', kind: i.kind, purpose: i.purpose, approvesDate: approved.get(i.id) ?? null },
                decision.outcome as ItemOutcome,
                decision.method,
              ),
            minutesApprovedAt: decision.minutes_approved_at?.toISOString() ?? null,
          }
        : null,
    };
  });
}

/** Dates of the meetings whose minutes previous-minutes items approve, for the phrase. */
export async function approvedMeetingDates(db: Db, items: readonly Pick<ItemRow, 'id' | 'approves_meeting_id'>[]): Promise<Map<string, string>> {
  const targets = items.filter((i) => i.approves_meeting_id);
  if (targets.length === 0) return new Map();
  const meetings = await db
    .selectFrom('meetings')
    .select(['id', 'date'])
    .where(
      'id',
      'in',
      targets.map((i) => i.approves_meeting_id!),
    )
    .execute();
  return new Map(targets.map((i) => [i.id, meetings.find((m) => m.id === i.approves_meeting_id)?.date ?? '']));
}

export async function addAgendaItem(db: Db, actor: Actor, meetingId: string, input: NewAgendaItem): Promise<string> {
  return inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    if (meeting.closed_at) throw closed();
    const parentId = input.parentId ?? null;
    if (parentId) {
      const parent = await trx.selectFrom('agenda_items').select(['meeting_id', 'parent_id']).where('id', '=', parentId).executeTakeFirst();
      if (!parent || parent.meeting_id !== meetingId) {
        throw problems.invalid(text('Het bovenliggende agendapunt hoort niet bij deze vergadering.', 'The parent item is not on this meeting’s agenda.'), [
          { name: 'parentId', code: 'other-meeting', reason: text('Ander agendapunt nodig.', 'Another item is needed.') },
        ]);
      }
      if (parent.parent_id) {
        throw problems.invalid(text('Een subpunt kan zelf geen subpunten hebben.', 'A sub-item cannot have sub-items.'), [
          { name: 'parentId', code: 'depth', reason: text('Te diep.', 'Too deep.') },
        ]);
      }
    }
    if (input.approvesMeetingId) {
      const target = await trx.selectFrom('meetings').select('date').where('id', '=', input.approvesMeetingId).executeTakeFirst();
      if (!target || input.approvesMeetingId === meetingId || target.date >= meeting.date) {
        throw problems.invalid(text('Notulen worden vastgesteld door een latere vergadering.', 'Minutes are approved by a later meeting.'), [
          { name: 'approvesMeetingId', code: 'earlier', reason: text('Kies een eerdere vergadering.', 'Choose an earlier meeting.') },
        ]);
      }
    }
    const siblings = await trx
      .selectFrom('agenda_items')
      .select(['id', 'position', 'kind'])
      .where('meeting_id', '=', meetingId)
      .where((eb) => (parentId ? eb('parent_id', '=', parentId) : eb('parent_id', 'is', null)))
      .orderBy('position')
      .execute();
    // Once the meeting is open, items already handled keep their numbers: new ones only join the end.
    const requested = meeting.opened_at ? undefined : input.position;
    const position = Math.min(requested ?? (parentId && meeting.opened_at ? siblings.length : defaultPosition(siblings)), siblings.length);
    // Make room: siblings at or after the new position move one down.
    for (const s of siblings.filter((s) => s.position >= position)) {
      await trx
        .updateTable('agenda_items')
        .set({ position: s.position + 1 })
        .where('id', '=', s.id)
        .execute();
    }
    const id = randomUUID();
    await trx
      .insertInto('agenda_items')
      .values({
        id,
        meeting_id: meetingId,
        parent_id: parentId,
        position,
        kind: input.kind ?? 'regular',
        title: input.title.trim(),
        purpose: input.purpose,
        portfolio_holder: input.portfolioHolder ?? null,
        decision_text: input.decisionText ?? null,
        summary: input.summary ?? null,
        letter: input.letter ?? null,
        public: input.public ?? true,
        approves_meeting_id: input.approvesMeetingId ?? null,
        change_kind: input.changeKind ?? null,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'agenda-item.created',
      entityType: 'meeting',
      entityId: meetingId,
      data: { itemId: id, title: input.title, purpose: input.purpose, ...(input.changeKind ? { changeKind: input.changeKind } : {}) },
    });
    return id;
  });
}

export async function updateAgendaItem(db: Db, actor: Actor, id: string, update: AgendaItemUpdate): Promise<void> {
  await inTransaction(db, async (trx) => {
    const item = await itemRow(trx, id);
    const meeting = await lockMeeting(trx, item.meeting_id);
    if (meeting.closed_at) throw closed();
    const decided = await trx.selectFrom('decisions').select('id').where('subject_type', '=', 'agenda-item').where('subject_id', '=', id).executeTakeFirst();
    const amended = await trx.selectFrom('submissions').select('id').where('agenda_item_id', '=', id).where('kind', '=', 'amendment').executeTakeFirst();
    // Whether it changes the statutes fixes the majority it needs: it cannot be lifted in the meeting to ease a vote.
    if ((decided || amended || meeting.opened_at) && (update.decisionText !== undefined || update.purpose !== undefined || update.changeKind !== undefined)) {
      throw problems.conflict(
        text(
          'Voorstel, doel en soort wijziging liggen vast zodra de vergadering is geopend, er een amendement is ingediend of erover is besloten.',
          'The proposal, purpose and kind of change are fixed once the meeting opens, an amendment is filed, or the item is decided.',
        ),
      );
    }
    await trx
      .updateTable('agenda_items')
      .set({
        ...(update.title !== undefined ? { title: update.title.trim() } : {}),
        ...(update.purpose !== undefined ? { purpose: update.purpose } : {}),
        ...(update.portfolioHolder !== undefined ? { portfolio_holder: update.portfolioHolder } : {}),
        ...(update.decisionText !== undefined ? { decision_text: update.decisionText } : {}),
        ...(update.summary !== undefined ? { summary: update.summary } : {}),
        ...(update.letter !== undefined ? { letter: update.letter } : {}),
        ...(update.public !== undefined ? { public: update.public } : {}),
        ...(update.changeKind !== undefined ? { change_kind: update.changeKind } : {}),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'agenda-item.updated', entityType: 'meeting', entityId: item.meeting_id, data: { itemId: id, ...update } });
  });
}

export async function deleteAgendaItem(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const item = await itemRow(trx, id);
    const meeting = await lockMeeting(trx, item.meeting_id);
    if (meeting.opened_at) throw opened();
    const children = await trx.selectFrom('agenda_items').select(['id', 'title']).where('parent_id', '=', id).execute();
    const ids = [id, ...children.map((c) => c.id)];
    const filed = await trx.selectFrom('submissions').select('id').where('agenda_item_id', 'in', ids).executeTakeFirst();
    if (filed)
      throw problems.conflict(
        text(
          'Bij dit agendapunt of een subpunt zijn moties of amendementen ingediend; het kan niet meer weg.',
          'Motions or amendments were filed on this item or a sub-item; it cannot be removed.',
        ),
      );
    await trx.deleteFrom('agenda_items').where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'agenda-item.deleted',
      entityType: 'meeting',
      entityId: item.meeting_id,
      data: { itemId: id, title: item.title, subItems: children },
    });
  });
}

export async function reorderAgenda(db: Db, actor: Actor, meetingId: string, input: AgendaOrder): Promise<void> {
  await inTransaction(db, async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    if (meeting.opened_at) throw opened();
    const current = await trx.selectFrom('agenda_items').select(['id']).where('meeting_id', '=', meetingId).execute();
    const problem = orderProblem(current, input.order);
    if (problem) {
      throw problems.invalid(
        text(
          'De nieuwe volgorde moet elk agendapunt van deze vergadering precies één keer noemen.',
          'The new order must name every item of this meeting exactly once.',
        ),
        [{ name: 'order', code: 'order', reason: text(problem, problem) }],
      );
    }
    const positions = new Map<string | null, number>();
    for (const entry of input.order) {
      const position = positions.get(entry.parentId) ?? 0;
      positions.set(entry.parentId, position + 1);
      await trx.updateTable('agenda_items').set({ parent_id: entry.parentId, position }).where('id', '=', entry.id).execute();
    }
    await recordAudit(trx, actor, { action: 'agenda.reordered', entityType: 'meeting', entityId: meetingId, data: { order: input.order.map((e) => e.id) } });
  });
}
