import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import { today, type IsoDate } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { Problem, problems, text } from '../core/errors.js';
import { confirmationRefusal, needsConfirmation } from './mandates.js';
import { mandatesEnded } from './mandate-ended.js';
import { badPeriod } from './offices.js';
import { designationFitsOffice, periodIsValid } from './rules.js';
import type { NewDesignation } from './schemas.js';
import { DESIGNATION, OFFICE } from './store.js';

type Db = Kysely<Database>;

const outsideOffice = () =>
  problems.invalid(text('Een aanwijzing moet binnen de ambtsperiode vallen.', 'A designation must lie within the term of office.'), [
    { name: 'startDate', code: 'office-period', reason: text('Buiten de ambtsperiode.', 'Outside the term of office.') },
  ]);

const overlap = () => problems.conflict(text('Voor dit ambt loopt in die periode al een aanwijzing.', 'This office already has a designation in that period.'));

/**
 * Records a designation. One the account makes for itself, or for a person it created, invited or
 * re-addressed, is pending until a different staff member or administrator confirms it (four-eyes);
 * `invited` says the designation comes with an invitation this account sends now.
 */
export async function addDesignation(
  db: Db,
  actor: Actor,
  input: NewDesignation,
  /** `association`: the association confirms it (a member administrator's, where the profile asks). */
  options: { invited?: boolean; association?: boolean } = {},
): Promise<string> {
  const period = { startDate: input.startDate, endDate: input.endDate ?? null };
  if (!periodIsValid(period)) throw badPeriod();
  return inTransaction(db, async (trx) => {
    const office = await trx.selectFrom('offices').selectAll().where('id', '=', input.officeId).executeTakeFirst();
    if (!office) throw problems.notFound(OFFICE, input.officeId);
    if (!designationFitsOffice(period, { startDate: office.start_date, endDate: office.end_date })) throw outsideOffice();
    const overlapping = await trx
      .selectFrom('designations')
      .select('id')
      .where('office_id', '=', input.officeId)
      .where('status', '!=', 'revoked')
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', period.startDate)]))
      .$if(period.endDate !== null, (q) => q.where('start_date', '<=', period.endDate!))
      .executeTakeFirst();
    if (overlapping) throw overlap();
    const pending =
      !!options.association ||
      needsConfirmation({
        actorId: actor.id,
        designatedPersonId: office.person_id,
        actorControlsPerson: !!options.invited || (actor.id !== null && (await actorControlsPerson(trx, actor.id, office.person_id))),
      });
    const id = randomUUID();
    await trx
      .insertInto('designations')
      .values({
        id,
        office_id: input.officeId,
        start_date: period.startDate,
        end_date: period.endDate,
        status: pending ? 'pending' : 'in-force',
        requested_by_id: pending ? actor.id : null,
        requested_by: pending ? actor.label : null,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'designation.created',
      entityType: 'designation',
      entityId: id,
      data: { memberId: office.member_id, personId: office.person_id, capacity: office.kind, ...period, status: pending ? 'pending' : 'in-force' },
    });
    return id;
  });
}

export async function endDesignation(db: Db, actor: Actor, id: string, endDate: IsoDate): Promise<void> {
  await inTransaction(db, async (trx) => {
    const designation = await trx
      .selectFrom('designations as d')
      .innerJoin('offices as o', 'o.id', 'd.office_id')
      .select(['d.start_date', 'd.end_date', 'd.office_id', 'o.member_id', 'o.person_id', 'o.start_date as office_start', 'o.end_date as office_end'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (!designation) throw problems.notFound(DESIGNATION, id);
    const period = { startDate: designation.start_date, endDate };
    if (!periodIsValid(period)) throw badPeriod();
    // A new end may lengthen the designation: it must still fit the office and not overlap the next one.
    if (!designationFitsOffice(period, { startDate: designation.office_start, endDate: designation.office_end })) throw outsideOffice();
    const overlapping = await trx
      .selectFrom('designations')
      .select('id')
      .where('office_id', '=', designation.office_id)
      .where('id', '!=', id)
      .where('status', '!=', 'revoked')
      .where('start_date', '>', designation.start_date)
      .where('start_date', '<=', endDate)
      .executeTakeFirst();
    if (overlapping) throw overlap();
    await trx.updateTable('designations').set({ end_date: endDate }).where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'designation.ended',
      entityType: 'designation',
      entityId: id,
      data: { memberId: designation.member_id, personId: designation.person_id, endDate, previousEndDate: designation.end_date },
    });
    await mandatesEnded(trx, actor, [designation.person_id], 'designation-ended');
  });
}

/**
 * Whether the account created, invited or changed the e-mail address of the person: then it could
 * sign in as them (a reset link goes to the address it chose), so it may not designate them alone.
 */
async function actorControlsPerson(db: Db, actorId: string, personId: string): Promise<boolean> {
  return (await peopleControlledBy(db, actorId, [personId])).has(personId);
}

/** Of the people, those the account created, invited or re-addressed (one query for a batch). */
export async function peopleControlledBy(db: Db, actorId: string, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('audit_log')
    .select('entity_id')
    .distinct()
    .where('entity_type', '=', 'person')
    .where('entity_id', 'in', [...personIds])
    .where('actor_id', '=', actorId)
    .where((eb) =>
      eb.or([
        eb('action', 'in', ['person.created', 'person.invited']),
        eb.and([eb('action', 'in', ['person.updated', 'person.disabled']), sql<boolean>`data ? 'email'`]),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.entity_id!));
}

/** The person's current and future designations wait for a second pair of eyes again. */
export async function suspendDesignationsOf(trx: Db, actor: Actor, personId: string, reason: 'email-changed'): Promise<void> {
  const day = today();
  const suspended = await trx
    .updateTable('designations')
    .set({ status: 'pending', requested_by_id: actor.id, requested_by: actor.label, decided_at: null, decided_by_id: null, decided_by: null })
    .where('status', '=', 'in-force')
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', day)]))
    .where('office_id', 'in', (eb) => eb.selectFrom('offices').select('id').where('person_id', '=', personId))
    .returning('id')
    .execute();
  for (const d of suspended)
    await recordAudit(trx, actor, { action: 'designation.suspended', entityType: 'designation', entityId: d.id, data: { personId, reason } });
}

const confirmationTexts = {
  'not-pending': text('Deze aanwijzing wacht niet op bevestiging.', 'This designation is not awaiting confirmation.'),
  'own-request': text(
    'Vier ogen: een andere medewerker of beheerder dan wie de aanwijzing vastlegde, moet haar bevestigen.',
    'Four eyes: a staff member or administrator other than the one who recorded the designation must confirm it.',
  ),
  'own-designation': text('Vier ogen: u kunt uw eigen aanwijzing niet bevestigen.', 'Four eyes: you cannot confirm your own designation.'),
};

async function lockPendingDesignation(trx: Db, id: string) {
  const row = await trx
    .selectFrom('designations as d')
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .select(['d.id', 'd.status', 'd.requested_by_id', 'd.requested_by', 'd.start_date', 'd.end_date', 'o.person_id', 'o.member_id', 'o.kind'])
    .where('d.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw problems.notFound(DESIGNATION, id);
  return row;
}

/** A second staff member or administrator confirms a pending designation: from now on it gives the right to act. */
export async function confirmDesignation(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, (trx) => confirmIn(trx, actor, id));
}

/**
 * Confirms many pending designations at once (an import of hundreds of representatives), all or
 * nothing: each is judged by the same four-eyes rule as one, and the first refusal undoes them all.
 */
export async function confirmDesignations(db: Db, actor: Actor, ids: readonly string[]): Promise<number> {
  const unique = [...new Set(ids)];
  await inTransaction(db, async (trx) => {
    for (const id of unique) await confirmIn(trx, actor, id);
  });
  return unique.length;
}

async function confirmIn(trx: Db, actor: Actor, id: string): Promise<void> {
  const row = await lockPendingDesignation(trx, id);
  const refusal = confirmationRefusal({ status: row.status, requestedById: row.requested_by_id, confirmerId: actor.id, designatedPersonId: row.person_id });
  if (refusal === 'not-pending') throw problems.conflict(confirmationTexts[refusal]);
  if (refusal) throw new Problem(403, 'four-eyes', text('Vier ogen', 'Four eyes'), confirmationTexts[refusal]);
  await trx
    .updateTable('designations')
    .set({ status: 'in-force', decided_at: new Date(), decided_by_id: actor.id, decided_by: actor.label })
    .where('id', '=', id)
    .execute();
  await recordAudit(trx, actor, {
    action: 'designation.confirmed',
    entityType: 'designation',
    entityId: id,
    data: {
      memberId: row.member_id,
      personId: row.person_id,
      capacity: row.kind,
      requestedById: row.requested_by_id,
      requestedBy: row.requested_by,
      confirmedById: actor.id,
      confirmedBy: actor.label,
    },
  });
}

/**
 * A pending designation is withdrawn (by anyone who manages people, its requester too), or refused
 * with a reason that its requester reads: it never takes effect.
 */
export async function revokeDesignation(db: Db, actor: Actor, id: string, reason?: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await lockPendingDesignation(trx, id);
    if (row.status !== 'pending') throw problems.conflict(confirmationTexts['not-pending']);
    await trx
      .updateTable('designations')
      .set({ status: 'revoked', decided_at: new Date(), decided_by_id: actor.id, decided_by: actor.label, decision_reason: reason?.trim() || null })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'designation.revoked',
      entityType: 'designation',
      entityId: id,
      data: {
        memberId: row.member_id,
        personId: row.person_id,
        capacity: row.kind,
        requestedById: row.requested_by_id,
        requestedBy: row.requested_by,
        revokedBy: actor.label,
        ...(reason ? { reason: reason.trim() } : {}),
      },
    });
  });
}
