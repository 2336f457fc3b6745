import { sql, type Kysely } from 'kysely';
import { activeOn } from '../core/auth/accounts.js';
import { today, type IsoDate } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { Problem, problems, text } from '../core/errors.js';
import { mandateInForce } from './mandates.js';
import { rolesOf } from './representation.js';
import { covers, type OfficeKind } from './rules.js';
import type { Office, PeopleQuery, PendingDesignation, PersonDetail, PersonListItem, Representative } from './schemas.js';

/* People's queries (for themselves and for the features that ask who may act for a member); the writes live in accounts, offices and designations. */

type Db = Kysely<Database>;

export const PERSON = text('Persoon', 'Person');
export const OFFICE = text('Ambt', 'Office');
export const DESIGNATION = text('Aanwijzing', 'Designation');

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

export async function officesOf(db: Db, personIds: string[]): Promise<Office[]> {
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
          decisionReason: d.decision_reason,
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
    administers: await membersAdministeredBy(db, id),
  };
}

/** The members a person administers (member administrator, decision 0018), by name. */
export async function membersAdministeredBy(db: Db, personId: string): Promise<{ memberId: string; memberName: string }[]> {
  const rows = await db
    .selectFrom('member_administrators as a')
    .innerJoin(latestMemberName(db), 'mn.member_id', 'a.member_id')
    .select(['a.member_id', 'mn.member_name'])
    .where('a.person_id', '=', personId)
    .orderBy('mn.member_name')
    .execute();
  return rows.map((r) => ({ memberId: r.member_id, memberName: r.member_name }));
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
