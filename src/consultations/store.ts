import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { activeOn } from '../core/auth/accounts.js';
import { recordAudit, type Actor } from '../core/audit.js';
import { today, type IsoDate } from '../core/dates.js';
import type { Database, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { Problem, problems, text } from '../core/errors.js';
import { renderMarkdown } from '../meetings/markdown.js';
import { registerAsOf } from '../members/store.js';
import type { OfficeKind } from '../people/rules.js';
import { computeResults, percent, type AudienceMember } from './results.js';
import { answersFor, checkAnswers, checkQuestions, EVERY_MEMBER, inAudience, scheduleProblems, statusOf, type FieldProblem } from './rules.js';
import type {
  Consultation,
  ConsultationListQuery,
  ConsultationPaper,
  ConsultationResponse,
  ConsultationResults,
  ConsultationStatus,
  ConsultationSummary,
  ConsultationUpdate,
  MyMember,
  NewConsultation,
  Outcome,
  OutcomeInput,
  Question,
  QuestionInput,
  ResponseInput,
  ResponseRate,
} from './schemas.js';

type Db = Kysely<Database>;
export type ConsultationRow = Row<'consultations'>;

export const CONSULTATION = text('Raadpleging', 'Consultation');
export const CONSULTATION_PAPER = text('Stuk bij raadpleging', 'Consultation paper');
const RESPONSE = text('Reactie van lid', 'Response of member');

/** Who is asking: staff see everything; a person sees what they may answer; the public what is published. */
export interface Viewer {
  personId: string | null;
  staff: boolean;
}

const invalid = (list: FieldProblem[]) => problems.invalid(list[0]!.reason, list);
const conflict = (nl: string, en: string) => problems.conflict(text(nl, en));
const notDraft = () => conflict('Na het uitzetten kan dit niet meer worden gewijzigd.', 'This can no longer be changed after launch.');
export const outsideAudience = () =>
  new Problem(
    403,
    'outside-audience',
    text('Geen toegang', 'Forbidden'),
    text('Uw lid hoort niet bij de doelgroep van deze raadpleging.', 'Your member is not in the audience of this consultation.'),
  );

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
/** The register date of a moment: the day it falls on in the Netherlands. */
const dayOf = (moment: Date): IsoDate => today('Europe/Amsterdam', moment);

export const statusOfRow = (row: ConsultationRow, now: Date): ConsultationStatus =>
  statusOf({ launchedAt: row.launched_at, opensAt: row.opens_at, closesAt: row.closes_at }, now);

export async function requireConsultation(db: Db, id: string, forUpdate = false): Promise<ConsultationRow> {
  let query = db.selectFrom('consultations').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw problems.notFound(CONSULTATION, id);
  return row;
}

// Creating and editing.

export async function createConsultation(db: Db, actor: Actor, input: NewConsultation): Promise<string> {
  const opensAt = new Date(input.opensAt);
  const closesAt = new Date(input.closesAt);
  const schedule = scheduleProblems(opensAt, closesAt);
  if (schedule.length) throw invalid(schedule);
  return inTransaction(db, async (trx) => {
    const id = randomUUID();
    await trx
      .insertInto('consultations')
      .values({
        id,
        title: input.title.trim(),
        dossier: input.dossier.trim(),
        explanation: input.explanation ?? '',
        owner: input.owner.trim(),
        audience: JSON.stringify(input.audience ?? EVERY_MEMBER),
        responder: JSON.stringify(input.responder ?? { kind: 'designated' }),
        opens_at: opensAt,
        closes_at: closesAt,
        reminder_hours: JSON.stringify(input.reminderHours ?? [24]),
        created_by: actor.label,
      })
      .execute();
    await recordAudit(trx, actor, { action: 'consultation.created', entityType: 'consultation', entityId: id, data: { ...input } });
    return id;
  });
}

/**
 * A draft changes freely. Once launched only the deadline moves, and only later: shortening it
 * could shut out members who planned to answer, and the audience was promised a period.
 */
export async function updateConsultation(db: Db, actor: Actor, id: string, update: ConsultationUpdate, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await requireConsultation(trx, id, true);
    const status = statusOfRow(row, now);
    if (status === 'closed') throw conflict('Een gesloten raadpleging kan niet meer worden gewijzigd.', 'A closed consultation can no longer be changed.');
    if (status !== 'draft') {
      if (Object.keys(update).some((key) => key !== 'closesAt'))
        throw conflict('Na het uitzetten kan alleen de sluitingstijd nog worden verlengd.', 'After launch only the closing time can still be extended.');
      const closesAt = new Date(update.closesAt!);
      if (closesAt < row.closes_at || closesAt <= now)
        throw invalid([
          { name: 'closesAt', code: 'extend-only', reason: text('De sluitingstijd kan alleen worden verlengd.', 'The closing time can only be extended.') },
        ]);
    }
    const opensAt = update.opensAt ? new Date(update.opensAt) : row.opens_at;
    const closesAt = update.closesAt ? new Date(update.closesAt) : row.closes_at;
    const schedule = scheduleProblems(opensAt, closesAt);
    if (schedule.length) throw invalid(schedule);
    await trx
      .updateTable('consultations')
      .set({
        ...(update.title !== undefined ? { title: update.title.trim() } : {}),
        ...(update.dossier !== undefined ? { dossier: update.dossier.trim() } : {}),
        ...(update.explanation !== undefined ? { explanation: update.explanation } : {}),
        ...(update.owner !== undefined ? { owner: update.owner.trim() } : {}),
        ...(update.audience !== undefined ? { audience: JSON.stringify(update.audience) } : {}),
        ...(update.responder !== undefined ? { responder: JSON.stringify(update.responder) } : {}),
        ...(update.reminderHours !== undefined ? { reminder_hours: JSON.stringify(update.reminderHours) } : {}),
        opens_at: opensAt,
        closes_at: closesAt,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'consultation.updated',
      entityType: 'consultation',
      entityId: id,
      data: { ...update, previousClosesAt: iso(row.closes_at) },
    });
  });
}

export async function deleteConsultation(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await requireConsultation(trx, id, true);
    if (row.launched_at) throw conflict('Een uitgezette raadpleging wordt niet verwijderd.', 'A launched consultation is not deleted.');
    await trx.deleteFrom('consultations').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'consultation.deleted', entityType: 'consultation', entityId: id, data: { title: row.title } });
  });
}

export async function questionsOf(db: Db, consultationId: string): Promise<Question[]> {
  const rows = await db.selectFrom('consultation_questions').selectAll().where('consultation_id', '=', consultationId).orderBy('position').execute();
  return rows.map((q) => ({
    id: q.id,
    position: q.position,
    kind: q.kind,
    text: q.text,
    help: q.help,
    options: q.options,
    scale: q.scale,
    required: q.required,
    condition: q.condition,
  }));
}

/** Replaces the whole ordered list: the builder edits it as one form, so there is no partial state. */
export async function replaceQuestions(db: Db, actor: Actor, id: string, items: readonly QuestionInput[]): Promise<Question[]> {
  const { questions, problems: found } = checkQuestions(items, randomUUID);
  if (found.length) throw invalid(found);
  return inTransaction(db, async (trx) => {
    const row = await requireConsultation(trx, id, true);
    if (row.launched_at) throw notDraft();
    const ids = questions.map((q) => q.id);
    const taken = ids.length
      ? await trx.selectFrom('consultation_questions').select('id').where('id', 'in', ids).where('consultation_id', '<>', id).execute()
      : [];
    if (taken.length)
      throw invalid([
        {
          name: 'items',
          code: 'id-taken',
          reason: text('Een vraag-id is al in gebruik bij een andere raadpleging.', 'A question id is already used by another consultation.'),
        },
      ]);
    await trx.deleteFrom('consultation_questions').where('consultation_id', '=', id).execute();
    if (questions.length) {
      await trx
        .insertInto('consultation_questions')
        .values(
          questions.map((q) => ({
            id: q.id,
            consultation_id: id,
            position: q.position,
            kind: q.kind,
            text: q.text,
            help: q.help,
            options: JSON.stringify(q.options),
            scale: q.scale ? JSON.stringify(q.scale) : null,
            required: q.required,
            condition: q.condition ? JSON.stringify(q.condition) : null,
          })),
        )
        .execute();
    }
    await recordAudit(trx, actor, { action: 'consultation.questions-replaced', entityType: 'consultation', entityId: id, data: { questions } });
    return questions;
  });
}

/**
 * Launching freezes the audience: every member matching it in the register on the opening date,
 * with the segments, weight and population it had then, so later register changes never move a result.
 */
export async function launchConsultation(db: Db, actor: Actor, id: string, now: Date): Promise<{ audience: number }> {
  return inTransaction(db, async (trx) => {
    const row = await requireConsultation(trx, id, true);
    if (row.launched_at) throw conflict('Deze raadpleging is al uitgezet.', 'This consultation has already been launched.');
    const found: FieldProblem[] = [];
    const questionCount = await trx
      .selectFrom('consultation_questions')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('consultation_id', '=', id)
      .executeTakeFirstOrThrow();
    if (questionCount.n === 0)
      found.push({ name: 'questions', code: 'required', reason: text('Voeg ten minste één vraag toe.', 'Add at least one question.') });
    if (row.closes_at <= now)
      found.push({ name: 'closesAt', code: 'past', reason: text('De sluitingstijd ligt in het verleden.', 'The closing time lies in the past.') });
    if (found.length) throw invalid(found);
    const members = (await registerAsOf(trx, dayOf(row.opens_at))).filter((m) => inAudience(m, row.audience));
    if (!members.length) throw conflict('Geen enkel lid valt binnen de gekozen doelgroep.', 'No member falls within the chosen audience.');
    await trx
      .insertInto('consultation_audience')
      .values(
        members.map((m) => ({
          consultation_id: id,
          member_id: m.id,
          name: m.name,
          code: m.code,
          province: m.province,
          size_class: m.sizeClass,
          member_class: m.memberClass,
          networks: JSON.stringify(m.networks),
          vote_weight: m.voteWeight ?? 0,
          population: m.population,
        })),
      )
      .execute();
    await trx.updateTable('consultations').set({ launched_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'consultation.launched',
      entityType: 'consultation',
      entityId: id,
      data: { audience: members.length, asOf: dayOf(row.opens_at) },
    });
    return { audience: members.length };
  });
}

// Who answers.

export interface AnsweringOffice {
  memberId: string;
  officeId: string;
  personId: string;
  name: string;
  email: string;
  kind: OfficeKind;
  party: string | null;
  partyIsLocal: boolean;
}

/**
 * Offices in force on a date, of a person or of members, that answer under the responder rule
 * and belong to an audience member. Disabled accounts answer for no one.
 */
export async function answeringOffices(
  db: Db,
  row: ConsultationRow,
  date: IsoDate,
  who: { personId?: string; memberIds?: readonly string[] },
): Promise<AnsweringOffice[]> {
  if (who.memberIds && who.memberIds.length === 0) return [];
  let query = db
    .selectFrom('offices as o')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .innerJoin('consultation_audience as a', (join) => join.onRef('a.member_id', '=', 'o.member_id').on('a.consultation_id', '=', row.id))
    .select(['o.id', 'o.member_id', 'o.person_id', 'o.kind', 'o.portfolio', 'o.party', 'o.party_is_local', 'p.name', 'p.email'])
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom('designations as d').select('d.id').whereRef('d.office_id', '=', 'o.id').where('d.status', '=', 'in-force').where(activeOn('d', date)),
        )
        .as('designated'),
    )
    .where('p.disabled_at', 'is', null)
    .where(activeOn('o', date));
  if (who.personId) query = query.where('o.person_id', '=', who.personId);
  if (who.memberIds) query = query.where('o.member_id', 'in', who.memberIds);
  const rows = await query.orderBy('o.member_id').orderBy('o.start_date', 'desc').execute();
  return rows
    .filter((r) => answersFor({ kind: r.kind, portfolio: r.portfolio, designated: Boolean(r.designated) }, row.responder))
    .map((r) => ({
      memberId: r.member_id,
      officeId: r.id,
      personId: r.person_id,
      name: r.name,
      email: r.email,
      kind: r.kind as OfficeKind,
      party: r.party,
      partyIsLocal: r.party_is_local,
    }));
}

/** Answering is judged on the day it happens (the register's day in the Netherlands). */
const answeringDay = (now: Date) => dayOf(now);

async function myMembersOf(db: Db, row: ConsultationRow, personId: string, now: Date): Promise<MyMember[]> {
  const offices = await answeringOffices(db, row, answeringDay(now), { personId });
  const memberIds = [...new Set(offices.map((o) => o.memberId))];
  if (!memberIds.length) return [];
  const audience = await db
    .selectFrom('consultation_audience')
    .select(['member_id', 'name'])
    .where('consultation_id', '=', row.id)
    .where('member_id', 'in', memberIds)
    .execute();
  const responses = await db
    .selectFrom('consultation_responses')
    .select(['member_id', 'status'])
    .where('consultation_id', '=', row.id)
    .where('member_id', 'in', memberIds)
    .execute();
  return audience
    .map((a) => ({
      memberId: a.member_id,
      memberName: a.name,
      responseStatus: responses.find((r) => r.member_id === a.member_id)?.status ?? ('none' as const),
    }))
    .sort((a, b) => a.memberName.localeCompare(b.memberName, 'nl'));
}

// Reading.

async function responseRates(db: Db, ids: readonly string[]): Promise<Map<string, ResponseRate>> {
  if (!ids.length) return new Map();
  const audience = await db
    .selectFrom('consultation_audience')
    .select(['consultation_id', sql<number>`count(*)::int`.as('n')])
    .where('consultation_id', 'in', ids)
    .groupBy('consultation_id')
    .execute();
  const responses = await db
    .selectFrom('consultation_responses')
    .select(['consultation_id', 'status', sql<number>`count(*)::int`.as('n')])
    .where('consultation_id', 'in', ids)
    .groupBy(['consultation_id', 'status'])
    .execute();
  return new Map(
    ids.map((id) => {
      const size = audience.find((a) => a.consultation_id === id)?.n ?? 0;
      const count = (status: string) => responses.find((r) => r.consultation_id === id && r.status === status)?.n ?? 0;
      const responded = count('submitted');
      return [id, { audience: size, responded, drafts: count('draft'), rate: percent(responded, size) }];
    }),
  );
}

function summaryOf(row: ConsultationRow, now: Date): ConsultationSummary {
  return {
    id: row.id,
    title: row.title,
    dossier: row.dossier,
    owner: row.owner,
    status: statusOfRow(row, now),
    published: row.published_at !== null,
    opensAt: iso(row.opens_at),
    closesAt: iso(row.closes_at),
    launchedAt: isoOrNull(row.launched_at),
    publishedAt: isoOrNull(row.published_at),
  };
}

/**
 * Staff see every consultation; a signed-in person the launched ones they may answer in, and the
 * published ones; the public the published ones. Consultations number dozens a year, so the
 * status filter and paging run on the derived status in memory.
 */
export async function listConsultations(
  db: Db,
  viewer: Viewer,
  query: ConsultationListQuery,
  now: Date,
): Promise<{ items: ConsultationSummary[]; total: number }> {
  const rows = await db.selectFrom('consultations').selectAll().orderBy('opens_at', 'desc').orderBy('created_at', 'desc').execute();
  const visible: { row: ConsultationRow; myMembers?: MyMember[] }[] = [];
  for (const row of rows) {
    if (viewer.staff) visible.push({ row });
    else if (viewer.personId && row.launched_at) {
      const mine = await myMembersOf(db, row, viewer.personId, now);
      if (mine.length || row.published_at) visible.push({ row, myMembers: mine });
    } else if (row.published_at) visible.push({ row });
  }
  const filtered = visible.filter(({ row }) => !query.status || statusOfRow(row, now) === query.status);
  const offset = query.offset ?? 0;
  const page = filtered.slice(offset, offset + (query.limit ?? 100));
  const rates = viewer.staff
    ? await responseRates(
        db,
        page.map((p) => p.row.id),
      )
    : new Map<string, ResponseRate>();
  return {
    items: page.map(({ row, myMembers }) => ({
      ...summaryOf(row, now),
      ...(rates.has(row.id) ? { responseRate: rates.get(row.id)! } : {}),
      ...(myMembers ? { myMembers } : {}),
    })),
    total: filtered.length,
  };
}

/** A consultation the viewer may read, or 404: drafts are staff's, launched ones also the audience's, published ones everyone's. */
export async function readableConsultation(
  db: Db,
  viewer: Viewer,
  id: string,
  now: Date,
): Promise<{ row: ConsultationRow; myMembers: MyMember[] | undefined }> {
  const row = await requireConsultation(db, id);
  if (viewer.staff) return { row, myMembers: undefined };
  const myMembers = viewer.personId && row.launched_at ? await myMembersOf(db, row, viewer.personId, now) : undefined;
  if (row.published_at || myMembers?.length) return { row, myMembers };
  throw problems.notFound(CONSULTATION, id);
}

export const outcomeOf = (row: ConsultationRow): Outcome | null =>
  row.outcome_kind && row.outcome_recorded_at ? { kind: row.outcome_kind, text: row.outcome_text ?? '', recordedAt: iso(row.outcome_recorded_at) } : null;

export async function getConsultation(db: Db, viewer: Viewer, id: string, now: Date): Promise<Consultation> {
  const { row, myMembers } = await readableConsultation(db, viewer, id, now);
  const rate = viewer.staff ? (await responseRates(db, [id])).get(id) : undefined;
  return {
    ...summaryOf(row, now),
    ...(rate ? { responseRate: rate } : {}),
    ...(myMembers ? { myMembers } : {}),
    explanation: row.explanation,
    explanationHtml: renderMarkdown(row.explanation),
    audience: row.audience,
    responder: row.responder,
    reminderHours: row.reminder_hours,
    questions: await questionsOf(db, id),
    papers: await papersOf(db, id),
    // Staff see the outcome once recorded; others only once the owner publishes it.
    outcome: viewer.staff || row.published_at ? outcomeOf(row) : null,
    ...(viewer.staff ? { createdBy: row.created_by } : {}),
    createdAt: iso(row.created_at),
  };
}

// Papers.

async function papersOf(db: Db, consultationId: string): Promise<ConsultationPaper[]> {
  const rows = await db
    .selectFrom('consultation_papers')
    .select(['id', 'title', 'file_name', 'media_type', 'size', 'sha256', 'uploaded_at'])
    .where('consultation_id', '=', consultationId)
    .orderBy('uploaded_at')
    .execute();
  return rows.map((p) => ({
    id: p.id,
    title: p.title,
    fileName: p.file_name,
    mediaType: p.media_type,
    size: p.size,
    sha256: p.sha256,
    uploadedAt: iso(p.uploaded_at),
  }));
}

export interface UploadedFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

export async function addPaper(db: Db, actor: Actor, consultationId: string, title: string, file: UploadedFile): Promise<ConsultationPaper> {
  if (file.content.length === 0) throw invalid([{ name: 'file', code: 'empty', reason: text('Het bestand is leeg.', 'The file is empty.') }]);
  return inTransaction(db, async (trx) => {
    const row = await requireConsultation(trx, consultationId, true);
    if (statusOfRow(row, new Date()) === 'closed')
      throw conflict('Bij een gesloten raadpleging worden geen stukken meer toegevoegd.', 'No papers are added to a closed consultation.');
    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    await trx
      .insertInto('consultation_papers')
      .values({
        id,
        consultation_id: consultationId,
        title,
        file_name: file.fileName,
        media_type: file.mediaType,
        size: file.content.length,
        sha256,
        content: file.content,
        uploaded_by: actor.label,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'consultation.paper-added',
      entityType: 'consultation',
      entityId: consultationId,
      data: { paperId: id, title, fileName: file.fileName, sha256 },
    });
    return (await papersOf(trx, consultationId)).find((p) => p.id === id)!;
  });
}

export async function paperFile(db: Db, consultationId: string, paperId: string) {
  const paper = await db
    .selectFrom('consultation_papers')
    .selectAll()
    .where('id', '=', paperId)
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
  if (!paper) throw problems.notFound(CONSULTATION_PAPER, paperId);
  const content = Buffer.isBuffer(paper.content) ? paper.content : Buffer.from(paper.content.buffer, paper.content.byteOffset, paper.content.byteLength);
  return { fileName: paper.file_name, mediaType: paper.media_type, sha256: paper.sha256, content };
}

export async function deletePaper(db: Db, actor: Actor, consultationId: string, paperId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await requireConsultation(trx, consultationId, true);
    if (row.launched_at) throw notDraft();
    const deleted = await trx
      .deleteFrom('consultation_papers')
      .where('id', '=', paperId)
      .where('consultation_id', '=', consultationId)
      .returning('title')
      .executeTakeFirst();
    if (!deleted) throw problems.notFound(CONSULTATION_PAPER, paperId);
    await recordAudit(trx, actor, {
      action: 'consultation.paper-deleted',
      entityType: 'consultation',
      entityId: consultationId,
      data: { paperId, title: deleted.title },
    });
  });
}

// Responses.

type ResponseRow = Row<'consultation_responses'>;

async function responseOf(db: Db, row: ConsultationRow, response: ResponseRow): Promise<ConsultationResponse> {
  const [member, person] = await Promise.all([
    db.selectFrom('consultation_audience').select('name').where('consultation_id', '=', row.id).where('member_id', '=', response.member_id).executeTakeFirst(),
    db.selectFrom('people').select('name').where('id', '=', response.person_id).executeTakeFirstOrThrow(),
  ]);
  const office = await db.selectFrom('offices').select('kind').where('id', '=', response.office_id).executeTakeFirstOrThrow();
  return {
    consultationId: row.id,
    memberId: response.member_id,
    memberName: member?.name ?? '',
    status: response.status,
    answers: response.answers,
    version: response.version,
    personId: response.person_id,
    personName: person.name,
    officeId: response.office_id,
    capacity: office.kind as OfficeKind,
    submittedAt: isoOrNull(response.submitted_at),
    updatedAt: iso(response.updated_at),
    editableUntil: iso(row.closes_at),
  };
}

/** Only staff and the people who may answer for the member see its response. */
async function assertMayReadResponse(db: Db, viewer: Viewer, row: ConsultationRow, memberId: string, now: Date): Promise<void> {
  if (viewer.staff) return;
  if (!row.launched_at || !viewer.personId) throw problems.notFound(CONSULTATION, row.id);
  const offices = await answeringOffices(db, row, answeringDay(now), { personId: viewer.personId, memberIds: [memberId] });
  if (!offices.length) throw problems.forbidden();
}

export async function getResponse(db: Db, viewer: Viewer, consultationId: string, memberId: string, now: Date): Promise<ConsultationResponse> {
  const row = await requireConsultation(db, consultationId);
  await assertMayReadResponse(db, viewer, row, memberId, now);
  const response = await db
    .selectFrom('consultation_responses')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (!response) throw problems.notFound(RESPONSE, memberId);
  return responseOf(db, row, response);
}

const versionConflict = () =>
  new Problem(
    409,
    'version-conflict',
    text('Intussen gewijzigd', 'Changed in the meantime'),
    text(
      'Een andere vertegenwoordiger heeft intussen opgeslagen. Laad de reactie opnieuw.',
      'Another representative saved in the meantime. Reload the response.',
    ),
  );

/** The checks before an answer is taken, in the order a person can act on them. */
async function answeringOfficeFor(db: Db, row: ConsultationRow, personId: string, memberId: string, now: Date): Promise<AnsweringOffice> {
  if (!row.launched_at) throw problems.notFound(CONSULTATION, row.id);
  const status = statusOfRow(row, now);
  if (status === 'scheduled') throw conflict('Deze raadpleging is nog niet geopend.', 'This consultation has not opened yet.');
  if (status === 'closed')
    throw conflict(
      'De termijn van deze raadpleging is verstreken; reacties worden niet meer aangenomen.',
      'The deadline of this consultation has passed; responses are no longer accepted.',
    );
  const inSnapshot = await db
    .selectFrom('consultation_audience')
    .select('member_id')
    .where('consultation_id', '=', row.id)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (!inSnapshot) throw outsideAudience();
  const [office] = await answeringOffices(db, row, answeringDay(now), { personId, memberIds: [memberId] });
  if (!office) throw problems.forbidden();
  return office;
}

/**
 * Saves a draft or submits. One row per member (a unique key), guarded by a version: a save must
 * name the version it read, so two representatives of one member cannot silently overwrite each
 * other; whoever comes second gets 409 and reloads. A submitted response stays editable until the deadline.
 */
export async function saveResponse(
  db: Db,
  actor: Actor,
  personId: string,
  consultationId: string,
  memberId: string,
  input: ResponseInput,
  now: Date,
): Promise<ConsultationResponse> {
  const row = await requireConsultation(db, consultationId);
  const office = await answeringOfficeFor(db, row, personId, memberId, now);
  const { answers, problems: found } = checkAnswers(await questionsOf(db, consultationId), input.answers, input.submit);
  if (found.length) throw invalid(found);
  const saved = await inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('consultation_responses')
      .selectAll()
      .where('consultation_id', '=', consultationId)
      .where('member_id', '=', memberId)
      .forUpdate()
      .executeTakeFirst();
    const values = {
      person_id: personId,
      office_id: office.officeId,
      party: office.party,
      party_is_local: office.partyIsLocal,
      answers: JSON.stringify(answers),
      // Saving a draft over a submitted response withdraws it until it is submitted again.
      status: input.submit ? ('submitted' as const) : ('draft' as const),
      submitted_at: input.submit ? now : null,
      updated_at: now,
    };
    let result: ResponseRow | undefined;
    if (!existing) {
      if (input.version !== undefined) throw versionConflict();
      // A concurrent first save by another representative makes this insert do nothing.
      result = await trx
        .insertInto('consultation_responses')
        .values({ id: randomUUID(), consultation_id: consultationId, member_id: memberId, version: 1, ...values })
        .onConflict((oc) => oc.columns(['consultation_id', 'member_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
    } else if (input.version === existing.version) {
      result = await trx
        .updateTable('consultation_responses')
        .set({ ...values, version: existing.version + 1 })
        .where('id', '=', existing.id)
        .where('version', '=', existing.version)
        .returningAll()
        .executeTakeFirst();
    }
    if (!result) throw versionConflict();
    await recordAudit(trx, actor, {
      action: input.submit ? 'consultation.response-submitted' : 'consultation.response-saved',
      entityType: 'consultation',
      entityId: consultationId,
      data: { memberId, officeId: office.officeId, version: result.version },
    });
    return result;
  });
  return responseOf(db, row, saved);
}

// Results, outcome and publication.

export async function audienceOf(db: Db, consultationId: string): Promise<AudienceMember[]> {
  const rows = await db.selectFrom('consultation_audience').selectAll().where('consultation_id', '=', consultationId).orderBy('name').execute();
  return rows.map((a) => ({
    memberId: a.member_id,
    name: a.name,
    code: a.code,
    province: a.province,
    sizeClass: a.size_class,
    memberClass: a.member_class,
    networks: a.networks,
    voteWeight: a.vote_weight,
    population: a.population,
  }));
}

/** Staff follow results live from launch; everyone else once the owner publishes. */
export async function resultsFor(db: Db, viewer: Viewer, id: string, now: Date): Promise<ConsultationResults> {
  const row = await requireConsultation(db, id);
  if (!viewer.staff && !row.published_at) {
    await readableConsultation(db, viewer, id, now);
    throw new Problem(
      403,
      'not-published',
      text('Nog niet gepubliceerd', 'Not published yet'),
      text('De uitslag is te zien zodra de raadpleging is gepubliceerd.', 'The results can be seen once the consultation is published.'),
    );
  }
  if (!row.launched_at) throw conflict('Een concept heeft nog geen uitslag.', 'A draft has no results yet.');
  const responses = await db
    .selectFrom('consultation_responses')
    .select(['member_id', 'status', 'party', 'party_is_local', 'answers'])
    .where('consultation_id', '=', id)
    .execute();
  const computed = computeResults(
    await questionsOf(db, id),
    await audienceOf(db, id),
    responses
      .filter((r) => r.status === 'submitted')
      .map((r) => ({ memberId: r.member_id, party: r.party, partyIsLocal: r.party_is_local, answers: r.answers })),
    new Set(responses.filter((r) => r.status === 'draft').map((r) => r.member_id)),
    viewer.staff,
  );
  const { nonResponders, ...aggregates } = computed;
  return {
    consultationId: id,
    title: row.title,
    status: statusOfRow(row, now),
    published: row.published_at !== null,
    ...aggregates,
    ...(viewer.staff ? { nonResponders } : {}),
    outcome: outcomeOf(row),
  };
}

export async function recordOutcome(db: Db, actor: Actor, id: string, input: OutcomeInput, now: Date): Promise<ConsultationRow> {
  return inTransaction(db, async (trx) => {
    const row = await requireConsultation(trx, id, true);
    if (!row.launched_at) throw conflict('Een uitkomst hoort bij een uitgezette raadpleging.', 'An outcome belongs to a launched consultation.');
    const updated = await trx
      .updateTable('consultations')
      .set({ outcome_kind: input.kind, outcome_text: input.text.trim(), outcome_recorded_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'consultation.outcome-recorded',
      entityType: 'consultation',
      entityId: id,
      data: { ...input, previous: outcomeOf(row) },
    });
    return updated;
  });
}

export async function publishConsultation(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await requireConsultation(trx, id, true);
    if (statusOfRow(row, now) !== 'closed') throw conflict('Publiceer pas na de sluitingstijd.', 'Publish only after the closing time.');
    if (!row.outcome_recorded_at) throw conflict('Leg eerst de uitkomst vast.', 'Record the outcome first.');
    if (row.published_at) return;
    await trx.updateTable('consultations').set({ published_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'consultation.published', entityType: 'consultation', entityId: id, data: {} });
  });
}
