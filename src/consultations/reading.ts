import { sql, type Kysely } from 'kysely';
import type { Database } from '../core/db/schema.js';
import { Problem, problems, text } from '../core/errors.js';
import { renderMarkdown } from '../meetings/markdown.js';
import { computeResults, percent } from './results.js';
import type { Consultation, ConsultationListQuery, ConsultationResults, ConsultationSummary, MyMember, ResponseRate } from './schemas.js';
import {
  CONSULTATION,
  conflict,
  iso,
  isoOrNull,
  outcomeOf,
  questionsOf,
  requireConsultation,
  statusOfRow,
  oversees,
  type ConsultationRow,
  type Viewer,
} from './store.js';
import { audienceOf, myMembersOf } from './audience.js';
import { papersOf } from './papers.js';

type Db = Kysely<Database>;

// Reading.

export async function responseRates(db: Db, ids: readonly string[]): Promise<Map<string, ResponseRate>> {
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

export function summaryOf(row: ConsultationRow, now: Date): ConsultationSummary {
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
  const staff = oversees(viewer);
  const visible: { row: ConsultationRow; myMembers?: MyMember[] }[] = [];
  for (const row of rows) {
    if (staff) visible.push({ row });
    else if (viewer && row.launched_at) {
      const mine = await myMembersOf(db, row, viewer.id, now);
      if (mine.length || row.published_at) visible.push({ row, myMembers: mine });
    } else if (row.published_at) visible.push({ row });
  }
  const filtered = visible.filter(({ row }) => !query.status || statusOfRow(row, now) === query.status);
  const offset = query.offset ?? 0;
  const page = filtered.slice(offset, offset + (query.limit ?? 100));
  const rates = staff
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
  if (oversees(viewer)) return { row, myMembers: undefined };
  const myMembers = viewer && row.launched_at ? await myMembersOf(db, row, viewer.id, now) : undefined;
  if (row.published_at || myMembers?.length) return { row, myMembers };
  throw problems.notFound(CONSULTATION, id);
}

export async function getConsultation(db: Db, viewer: Viewer, id: string, now: Date): Promise<Consultation> {
  const { row, myMembers } = await readableConsultation(db, viewer, id, now);
  const staff = oversees(viewer);
  const rate = staff ? (await responseRates(db, [id])).get(id) : undefined;
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
    outcome: staff || row.published_at ? outcomeOf(row) : null,
    ...(staff ? { createdBy: row.created_by } : {}),
    createdAt: iso(row.created_at),
  };
}

/** Staff follow results live from launch; everyone else once the owner publishes. */
export async function resultsFor(db: Db, viewer: Viewer, id: string, now: Date): Promise<ConsultationResults> {
  const row = await requireConsultation(db, id);
  const staff = oversees(viewer);
  if (!staff && !row.published_at) {
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
    staff,
  );
  const { nonResponders, ...aggregates } = computed;
  return {
    consultationId: id,
    title: row.title,
    status: statusOfRow(row, now),
    published: row.published_at !== null,
    ...aggregates,
    ...(staff ? { nonResponders } : {}),
    outcome: outcomeOf(row),
  };
}
