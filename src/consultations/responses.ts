import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database, NewRow, Row } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { Problem, problems, text } from '../core/errors.js';
import type { OfficeKind } from '../people/rules.js';
import { checkAnswers } from './rules.js';
import type { ConsultationResponse, ResponseInput } from './schemas.js';
import {
  CONSULTATION,
  RESPONSE,
  conflict,
  invalid,
  iso,
  isoOrNull,
  outsideAudience,
  questionsOf,
  requireConsultation,
  statusOfRow,
  oversees,
  type ConsultationRow,
  type Viewer,
} from './store.js';
import { consultationPolicy } from './policy.js';
import { answeringDay, answeringOffices, type AnsweringOffice } from './audience.js';

type Db = Kysely<Database>;

// Responses.

export type ResponseRow = Row<'consultation_responses'>;

export async function responseOf(db: Db, row: ConsultationRow, response: ResponseRow): Promise<ConsultationResponse> {
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
export async function assertMayReadResponse(db: Db, viewer: Viewer, row: ConsultationRow, memberId: string, now: Date): Promise<void> {
  if (oversees(viewer)) return;
  if (!row.launched_at || !viewer) throw problems.notFound(CONSULTATION, row.id);
  const offices = await answeringOffices(db, row, answeringDay(now), { personId: viewer.id, memberIds: [memberId] });
  consultationPolicy.authorize(viewer, 'readResponse', { mayAnswer: offices.length > 0 });
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

export const versionConflict = () =>
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
export async function answeringOfficeFor(db: Db, row: ConsultationRow, personId: string, memberId: string, now: Date): Promise<AnsweringOffice> {
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

/** Records submitted responses in one statement, unchecked and unaudited: for the demo seed, which audits the batch. */
export async function addSubmittedResponsesInBulk(db: Db, responses: readonly Omit<NewRow<'consultation_responses'>, 'status' | 'version'>[]): Promise<void> {
  if (responses.length)
    await db
      .insertInto('consultation_responses')
      .values(responses.map((r) => ({ ...r, status: 'submitted' as const, version: 1 })))
      .execute();
}
