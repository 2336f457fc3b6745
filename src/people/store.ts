import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { activeOn, findPersonIdByEmail, rolesOf } from '../core/auth/accounts.js';
import type { GrantedRole } from '../core/auth/roles.js';
import { deleteSessionsOf } from '../core/auth/sessions.js';
import { recordAudit, type Actor } from '../core/audit.js';
import { today, type IsoDate } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { Problem, problems, text } from '../core/errors.js';
import { MEMBER, memberStatesAsOf } from '../members/store.js';
import { confirmationRefusal, mandateInForce, needsConfirmation } from './mandates.js';
import { covers, designationFitsOffice, periodIsValid, type OfficeKind } from './rules.js';
import type {
  NewDesignation,
  NewOffice,
  Office,
  OfficeUpdate,
  PeopleQuery,
  PendingDesignation,
  PersonDetail,
  PersonListItem,
  PersonUpdate,
  Representative,
} from './schemas.js';

type Db = Kysely<Database>;

export const PERSON = text('Persoon', 'Person');
export const OFFICE = text('Ambt', 'Office');
export const DESIGNATION = text('Aanwijzing', 'Designation');

const badPeriod = () =>
  problems.invalid(text('De einddatum ligt voor de begindatum.', 'The end date lies before the start date.'), [
    { name: 'endDate', code: 'period', reason: text('Voor de begindatum.', 'Before the start date.') },
  ]);

const outsideOffice = () =>
  problems.invalid(text('Een aanwijzing moet binnen de ambtsperiode vallen.', 'A designation must lie within the term of office.'), [
    { name: 'startDate', code: 'office-period', reason: text('Buiten de ambtsperiode.', 'Outside the term of office.') },
  ]);

const overlap = () => problems.conflict(text('Voor dit ambt loopt in die periode al een aanwijzing.', 'This office already has a designation in that period.'));

/** Each member's latest name, for labels of offices that may outlive a merger. */
function latestMemberName(db: Db) {
  return db
    .selectFrom('member_versions')
    .select(['member_id', sql<string>`(array_agg(name order by valid_from desc))[1]`.as('member_name')])
    .groupBy('member_id')
    .as('mn');
}

export async function listPeople(db: Db, query: PeopleQuery): Promise<{ items: PersonListItem[]; total: number }> {
  const day = today();
  let base = db.selectFrom('people as p');
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.email', 'ilike', like)]));
  }
  if (query.memberId) {
    const memberId = query.memberId;
    base = base.where((eb) => eb.exists(eb.selectFrom('offices as o').select('o.id').whereRef('o.person_id', '=', 'p.id').where('o.member_id', '=', memberId)));
  }
  if (query.role === 'representative') {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('designations as d')
          .innerJoin('offices as o', 'o.id', 'd.office_id')
          .select('d.id')
          .whereRef('o.person_id', '=', 'p.id')
          .where('d.status', '=', 'in-force')
          .where(activeOn('d', day))
          .where(activeOn('o', day)),
      ),
    );
  } else if (query.role) {
    const role = query.role;
    base = base.where((eb) => eb.exists(eb.selectFrom('person_roles as r').select('r.role').whereRef('r.person_id', '=', 'p.id').where('r.role', '=', role)));
  }
  const { total } = await base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['p.id', 'p.name', 'p.email', 'p.disabled_at'])
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(query.limit ?? 100)
    .offset(query.offset ?? 0)
    .execute();
  const offices = await officesOf(
    db,
    rows.map((r) => r.id),
  );
  const items = await Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      roles: await rolesOf(db, r.id),
      disabled: !!r.disabled_at,
      offices: offices
        .filter((o) => o.personId === r.id && o.active)
        .map((o) => ({ memberId: o.memberId, memberName: o.memberName, kind: o.kind, designated: o.designations.some((d) => d.active) })),
    })),
  );
  return { items, total: Number(total) };
}

async function officesOf(db: Db, personIds: string[]): Promise<Office[]> {
  if (personIds.length === 0) return [];
  const day = today();
  const rows = await db
    .selectFrom('offices as o')
    .innerJoin(latestMemberName(db), 'mn.member_id', 'o.member_id')
    .selectAll('o')
    .select('mn.member_name')
    .where('o.person_id', 'in', personIds)
    .orderBy('o.start_date', 'desc')
    .execute();
  const designations = rows.length
    ? await db
        .selectFrom('designations')
        .selectAll()
        .where(
          'office_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('start_date', 'desc')
        .execute()
    : [];
  return rows.map((o) => {
    const office = { startDate: o.start_date, endDate: o.end_date };
    return {
      id: o.id,
      personId: o.person_id,
      memberId: o.member_id,
      memberName: o.member_name,
      kind: o.kind as OfficeKind,
      party: o.party,
      partyIsLocal: o.party_is_local,
      portfolio: o.portfolio,
      startDate: o.start_date,
      endDate: o.end_date,
      active: covers(office, day),
      designations: designations
        .filter((d) => d.office_id === o.id)
        .map((d) => ({
          id: d.id,
          officeId: d.office_id,
          startDate: d.start_date,
          endDate: d.end_date,
          status: d.status,
          requestedBy: d.requested_by,
          active: mandateInForce({ designation: { startDate: d.start_date, endDate: d.end_date, status: d.status }, office, accountBlocked: false }, day),
        })),
    };
  });
}

export async function personDetail(db: Db, id: string): Promise<PersonDetail> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound(PERSON, id);
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: await rolesOf(db, id),
    disabled: !!row.disabled_at,
    hasPassword: !!row.password_hash,
    totpEnabled: !!row.totp_enabled_at,
    offices: await officesOf(db, [id]),
  };
}

export async function updatePerson(db: Db, actor: Actor, id: string, update: PersonUpdate): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('people').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw problems.notFound(PERSON, id);
    if (update.email !== undefined) {
      const other = await findPersonIdByEmail(trx, update.email);
      if (other && other !== id)
        throw problems.conflict(text('Er bestaat al een persoon met dit e-mailadres.', 'A person with this e-mail address already exists.'));
    }
    const disabledAt = update.disabled === undefined ? row.disabled_at : update.disabled ? (row.disabled_at ?? new Date()) : null;
    await trx
      .updateTable('people')
      .set({ name: update.name?.trim() ?? row.name, email: update.email?.trim() ?? row.email, disabled_at: disabledAt })
      .where('id', '=', id)
      .execute();
    if (update.disabled) await deleteSessionsOf(trx, id);
    const emailChanged = update.email !== undefined && update.email.trim().toLowerCase() !== row.email.toLowerCase();
    // Links mailed to the old address must not work for the new owner of the account, nor the other way round.
    if (emailChanged || update.disabled) {
      await trx.updateTable('account_tokens').set({ used_at: new Date() }).where('person_id', '=', id).where('used_at', 'is', null).execute();
    }
    if (update.resetSecondFactor)
      await trx.updateTable('people').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: update.disabled === true ? 'person.disabled' : 'person.updated',
      entityType: 'person',
      entityId: id,
      data: { ...update },
    });
    // Whoever re-addresses an account can take it over with a reset link: its designations wait for
    // a second staff member or administrator again (four-eyes), as if this account had made them.
    if (emailChanged && actor.id !== null) await suspendDesignationsOf(trx, actor, id, 'email-changed');
    if (update.disabled || emailChanged) await endLapsedCheckIns(trx, actor, [id], update.disabled ? 'account-blocked' : 'email-changed');
  });
}

/** Replaces the granted roles; the change and the roles before and after go to the audit trail. */
export async function setRoles(db: Db, actor: Actor, id: string, roles: GrantedRole[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    const person = await trx.selectFrom('people').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!person) throw problems.notFound(PERSON, id);
    const before = (await trx.selectFrom('person_roles').select('role').where('person_id', '=', id).execute()).map((r) => r.role).sort();
    if (actor.id === id && before.includes('admin') && !roles.includes('admin')) {
      throw problems.conflict(text('U kunt uw eigen beheerdersrol niet intrekken.', 'You cannot revoke your own administrator role.'));
    }
    await trx.deleteFrom('person_roles').where('person_id', '=', id).execute();
    if (roles.length)
      await trx
        .insertInto('person_roles')
        .values(roles.map((role) => ({ person_id: id, role })))
        .execute();
    await recordAudit(trx, actor, { action: 'person.roles-changed', entityType: 'person', entityId: id, data: { before, after: [...roles].sort() } });
  });
}

async function assertMemberExists(db: Db, memberId: string, date: IsoDate) {
  const exists = await db.selectFrom('members').select('id').where('id', '=', memberId).executeTakeFirst();
  if (!exists) throw problems.notFound(MEMBER, memberId);
  const [state] = await memberStatesAsOf(db, date, memberId);
  if (!state) {
    throw problems.invalid(text('Dit lid bestond niet op {date}.', 'This member did not exist on {date}.', { date }), [
      { name: 'startDate', code: 'member', reason: text('Lid bestond toen niet.', 'Member did not exist then.') },
    ]);
  }
}

export async function addOffice(db: Db, actor: Actor, personId: string, input: NewOffice): Promise<string> {
  const period = { startDate: input.startDate, endDate: input.endDate ?? null };
  if (!periodIsValid(period)) throw badPeriod();
  return inTransaction(db, async (trx) => {
    const person = await trx.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw problems.notFound(PERSON, personId);
    await assertMemberExists(trx, input.memberId, input.startDate);
    const id = randomUUID();
    await trx
      .insertInto('offices')
      .values({
        id,
        person_id: personId,
        member_id: input.memberId,
        kind: input.kind,
        party: input.party?.trim() ?? null,
        party_is_local: input.partyIsLocal ?? false,
        portfolio: input.portfolio?.trim() ?? null,
        start_date: period.startDate,
        end_date: period.endDate,
      })
      .execute();
    await recordAudit(trx, actor, { action: 'office.created', entityType: 'office', entityId: id, data: { personId, ...input } });
    return id;
  });
}

export async function updateOffice(db: Db, actor: Actor, id: string, update: OfficeUpdate): Promise<void> {
  await inTransaction(db, async (trx) => {
    const office = await trx.selectFrom('offices').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!office) throw problems.notFound(OFFICE, id);
    const endDate = update.endDate === undefined ? office.end_date : update.endDate;
    if (!periodIsValid({ startDate: office.start_date, endDate })) throw badPeriod();
    await trx
      .updateTable('offices')
      .set({
        party: update.party === undefined ? office.party : (update.party?.trim() ?? null),
        party_is_local: update.partyIsLocal ?? office.party_is_local,
        portfolio: update.portfolio === undefined ? office.portfolio : (update.portfolio?.trim() ?? null),
        end_date: endDate,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, { action: 'office.updated', entityType: 'office', entityId: id, data: { ...update } });
    if (update.endDate !== undefined) await endLapsedCheckIns(trx, actor, [office.person_id], 'office-ended');
  });
}

/**
 * Records a designation. One the account makes for itself, or for a person it created, invited or
 * re-addressed, is pending until a different staff member or administrator confirms it (four-eyes);
 * `invited` says the designation comes with an invitation this account sends now.
 */
export async function addDesignation(db: Db, actor: Actor, input: NewDesignation, options: { invited?: boolean } = {}): Promise<string> {
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
    const pending = needsConfirmation({
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
    await endLapsedCheckIns(trx, actor, [designation.person_id], 'designation-ended');
  });
}

/** Who may act for a member on a date: people with an office and a designation covering that date. */
export async function representativesOf(db: Db, memberId: string, date: IsoDate, withEmail: boolean): Promise<Representative[]> {
  const rows = await db
    .selectFrom('designations as d')
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .select([
      'p.id as person_id',
      'p.name',
      'p.email',
      'o.id as office_id',
      'o.kind',
      'o.party',
      'o.party_is_local',
      'd.id as designation_id',
      'd.start_date',
      'd.end_date',
    ])
    .where('o.member_id', '=', memberId)
    .where('p.disabled_at', 'is', null)
    .where('d.status', '=', 'in-force')
    .where(activeOn('d', date))
    .where(activeOn('o', date))
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    ...(withEmail ? { email: r.email } : {}),
    officeId: r.office_id,
    capacity: r.kind as OfficeKind,
    party: r.party,
    partyIsLocal: r.party_is_local,
    designationId: r.designation_id,
    startDate: r.start_date,
    endDate: r.end_date,
  }));
}

/** The office through which a person may act for a member on a date, if any. */
export async function designatedOffice(
  db: Db,
  personId: string,
  memberId: string,
  date: IsoDate,
): Promise<{ officeId: string; capacity: OfficeKind } | undefined> {
  const row = await db
    .selectFrom('designations as d')
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .select(['o.id', 'o.kind'])
    .where('o.person_id', '=', personId)
    .where('o.member_id', '=', memberId)
    .where('p.disabled_at', 'is', null)
    .where('d.status', '=', 'in-force')
    .where(activeOn('d', date))
    .where(activeOn('o', date))
    .orderBy('d.start_date', 'desc')
    .executeTakeFirst();
  return row ? { officeId: row.id, capacity: row.kind as OfficeKind } : undefined;
}

/** Members a person may act for on a date. */
export async function membersActedForBy(db: Db, personId: string, date: IsoDate): Promise<string[]> {
  const rows = await db
    .selectFrom('designations as d')
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .select('o.member_id')
    .distinct()
    .where('o.person_id', '=', personId)
    .where('d.status', '=', 'in-force')
    .where(activeOn('d', date))
    .where(activeOn('o', date))
    .execute();
  return rows.map((r) => r.member_id);
}

/**
 * Whether the account created, invited or changed the e-mail address of the person: then it could
 * sign in as them (a reset link goes to the address it chose), so it may not designate them alone.
 */
async function actorControlsPerson(db: Db, actorId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('entity_type', '=', 'person')
    .where('entity_id', '=', personId)
    .where('actor_id', '=', actorId)
    .where((eb) =>
      eb.or([
        eb('action', 'in', ['person.created', 'person.invited']),
        eb.and([eb('action', 'in', ['person.updated', 'person.disabled']), sql<boolean>`data ? 'email'`]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The person's current and future designations wait for a second pair of eyes again. */
async function suspendDesignationsOf(trx: Db, actor: Actor, personId: string, reason: 'email-changed'): Promise<void> {
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

export type LapseReason = 'designation-ended' | 'office-ended' | 'account-blocked' | 'email-changed';

/** A name for the attendance record, which every signed-in user reads: the actor's label without an e-mail address. */
const nameOf = (actor: Actor) => actor.label.replace(/\s*<[^>]*>\s*$/, '') || actor.label;

/**
 * Ends at once what the people no longer hold a mandate for, in meetings not yet closed: their
 * check-ins end (reason 'mandate-ended'), releasing the member's vote, and proxies they hold are
 * revoked. Polls already open keep their frozen entitlements, but a ballot is refused at cast time.
 */
export async function endLapsedCheckIns(trx: Db, actor: Actor, personIds: string[], reason: LapseReason): Promise<void> {
  if (personIds.length === 0) return;
  const checkIns = await trx
    .selectFrom('check_ins as c')
    .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
    .select(['c.id', 'c.meeting_id', 'c.member_id', 'c.person_id', 'm.date'])
    .where('c.person_id', 'in', personIds)
    .where('c.checked_out_at', 'is', null)
    .where('m.closed_at', 'is', null)
    .execute();
  const proxies = await trx
    .selectFrom('proxies as x')
    .innerJoin('meetings as m', 'm.id', 'x.meeting_id')
    .select(['x.id', 'x.meeting_id', 'x.grantor_member_id', 'x.holder_member_id', 'x.holder_person_id', 'm.date'])
    .where('x.holder_person_id', 'in', personIds)
    .where('x.revoked_at', 'is', null)
    .where('m.closed_at', 'is', null)
    .execute();
  const now = new Date();
  for (const c of checkIns) {
    if (await designatedOffice(trx, c.person_id, c.member_id, c.date)) continue;
    await trx
      .updateTable('check_ins')
      .set({ checked_out_at: now, checked_out_by: nameOf(actor), checkout_reason: 'mandate-ended' })
      .where('id', '=', c.id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'check-in.ended',
      entityType: 'meeting',
      entityId: c.meeting_id,
      data: { checkInId: c.id, memberId: c.member_id, personId: c.person_id, reason: 'mandate-ended', cause: reason },
    });
  }
  for (const x of proxies) {
    if (await designatedOffice(trx, x.holder_person_id, x.holder_member_id, x.date)) continue;
    await trx
      .updateTable('proxies')
      .set({ revoked_at: now, revoked_by: nameOf(actor), revocation_reason: 'mandate-ended' })
      .where('id', '=', x.id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'proxy.revoked',
      entityType: 'meeting',
      entityId: x.meeting_id,
      data: { proxyId: x.id, grantorMemberId: x.grantor_member_id, holderPersonId: x.holder_person_id, reason: 'mandate-ended', cause: reason },
    });
  }
}

/** Designations waiting for a second staff member or administrator, oldest first. */
export async function listPendingDesignations(db: Db): Promise<PendingDesignation[]> {
  const rows = await db
    .selectFrom('designations as d')
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .innerJoin(latestMemberName(db), 'mn.member_id', 'o.member_id')
    .select([
      'd.id',
      'd.office_id',
      'd.start_date',
      'd.end_date',
      'd.requested_by_id',
      'd.requested_by',
      'd.created_at',
      'o.person_id',
      'o.member_id',
      'o.kind',
      'p.name',
      'mn.member_name',
    ])
    .where('d.status', '=', 'pending')
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    officeId: r.office_id,
    personId: r.person_id,
    personName: r.name,
    memberId: r.member_id,
    memberName: r.member_name,
    capacity: r.kind as OfficeKind,
    startDate: r.start_date,
    endDate: r.end_date,
    requestedById: r.requested_by_id,
    requestedBy: r.requested_by ?? '',
    requestedAt: r.created_at.toISOString(),
  }));
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
  await inTransaction(db, async (trx) => {
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
  });
}

/** A pending designation is withdrawn (by anyone who manages people, its requester too): it never takes effect. */
export async function revokeDesignation(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await lockPendingDesignation(trx, id);
    if (row.status !== 'pending') throw problems.conflict(confirmationTexts['not-pending']);
    await trx
      .updateTable('designations')
      .set({ status: 'revoked', decided_at: new Date(), decided_by_id: actor.id, decided_by: actor.label })
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
      },
    });
  });
}

/** "person:member" pairs for which the people hold a mandate in force on the date; one query. */
export async function mandatesInForce(db: Db, personIds: string[], date: IsoDate): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('designations as d')
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .select(['o.person_id', 'o.member_id'])
    .distinct()
    .where('o.person_id', 'in', personIds)
    .where('p.disabled_at', 'is', null)
    .where('d.status', '=', 'in-force')
    .where(activeOn('d', date))
    .where(activeOn('o', date))
    .execute();
  return new Set(rows.map((r) => `${r.person_id}:${r.member_id}`));
}

/** Whether the person has a designation for the member on the date that waits for confirmation. */
export async function pendingDesignationExists(db: Db, personId: string, memberId: string, date: IsoDate): Promise<boolean> {
  const row = await db
    .selectFrom('designations as d')
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .select('d.id')
    .where('o.person_id', '=', personId)
    .where('o.member_id', '=', memberId)
    .where('d.status', '=', 'pending')
    .where(activeOn('d', date))
    .where(activeOn('o', date))
    .executeTakeFirst();
  return !!row;
}

export const designationPending = () =>
  new Problem(
    403,
    'designation-pending',
    text('Aanwijzing wacht op bevestiging', 'Designation awaiting confirmation'),
    text(
      'De aanwijzing om namens dit lid op te treden wacht nog op bevestiging door een tweede medewerker of beheerder (vier ogen); tot dan kan er niet namens het lid worden aangemeld.',
      'The designation to act for this member still awaits confirmation by a second staff member or administrator (four eyes); until then nobody can check in for the member on its strength.',
    ),
  );
