import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import { today, type IsoDate } from '../core/dates.js';
import type { Database, Row } from '../core/db/schema.js';
import type { Subject } from '../core/auth/policy.js';
import { consultationPolicy } from './policy.js';
import { inTransaction } from '../core/db/transaction.js';
import { Problem, problems, text } from '../core/errors.js';
import { registerAsOf } from '../members/store.js';
import { checkQuestions, EVERY_MEMBER, inAudience, scheduleProblems, statusOf, type FieldProblem } from './rules.js';
import type { ConsultationStatus, ConsultationUpdate, NewConsultation, Outcome, OutcomeInput, Question, QuestionInput } from './schemas.js';

type Db = Kysely<Database>;

export type ConsultationRow = Row<'consultations'>;

export const CONSULTATION = text('Raadpleging', 'Consultation');
export const CONSULTATION_PAPER = text('Stuk bij raadpleging', 'Consultation paper');
export const RESPONSE = text('Reactie van lid', 'Response of member');

/** Who is asking: staff see everything; a person sees what they may answer; the public what is published. */
export type Viewer = Subject;

/** Staff oversee consultations: drafts, response rates, creators, non-responders. */
export const oversees = (viewer: Viewer) => consultationPolicy.can(viewer, 'oversee');

export const invalid = (list: FieldProblem[]) => problems.invalid(list[0]!.reason, list);
export const conflict = (nl: string, en: string) => problems.conflict(text(nl, en));
export const notDraft = () => conflict('Na het uitzetten kan dit niet meer worden gewijzigd.', 'This can no longer be changed after launch.');
export const outsideAudience = () =>
  new Problem(
    403,
    'outside-audience',
    text('Geen toegang', 'Forbidden'),
    text('Uw lid hoort niet bij de doelgroep van deze raadpleging.', 'Your member is not in the audience of this consultation.'),
  );

export const iso = (date: Date) => date.toISOString();
export const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
/** The register date of a moment: the day it falls on in the Netherlands. */
export const dayOf = (moment: Date): IsoDate => today('Europe/Amsterdam', moment);

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

export const outcomeOf = (row: ConsultationRow): Outcome | null =>
  row.outcome_kind && row.outcome_recorded_at ? { kind: row.outcome_kind, text: row.outcome_text ?? '', recordedAt: iso(row.outcome_recorded_at) } : null;
