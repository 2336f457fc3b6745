import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import { today, type IsoDate } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { MEMBER } from '../members/store.js';
import { profileAsOf } from '../profile/store.js';
import { addDesignation, endDesignation } from './designations.js';
import type { MemberAdministrator, NewDesignation, OfficeHolder } from './schemas.js';
import { DESIGNATION, OFFICE, officesOf, PERSON } from './store.js';

/* Member administrators (decision 0018): a member's own secretary maintains that member's designations. */

type Db = Kysely<Database>;

/** Who administers the member: the resource of the people policy's member-scoped rules. */
export async function memberScope(db: Db, memberId: string): Promise<{ memberId: string; administratorIds: string[] }> {
  const member = await db.selectFrom('members').select('id').where('id', '=', memberId).executeTakeFirst();
  if (!member) throw problems.notFound(MEMBER, memberId);
  const rows = await db.selectFrom('member_administrators').select('person_id').where('member_id', '=', memberId).execute();
  return { memberId, administratorIds: rows.map((r) => r.person_id) };
}

export async function listMemberAdministrators(db: Db, memberId: string): Promise<MemberAdministrator[]> {
  const rows = await db
    .selectFrom('member_administrators as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['p.id', 'p.name', 'p.email', 'a.granted_at', 'a.granted_by'])
    .where('a.member_id', '=', memberId)
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ personId: r.id, name: r.name, email: r.email, grantedAt: r.granted_at.toISOString(), grantedBy: r.granted_by }));
}

/** An administrator makes a person the member's administrator; granted for this member only. */
export async function grantMemberAdministrator(db: Db, actor: Actor, memberId: string, personId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await memberScope(trx, memberId);
    const person = await trx.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw problems.notFound(PERSON, personId);
    const inserted = await trx
      .insertInto('member_administrators')
      .values({ person_id: personId, member_id: memberId, granted_by: actor.label })
      .onConflict((oc) => oc.doNothing())
      .returning('person_id')
      .execute();
    if (inserted.length)
      await recordAudit(trx, actor, { action: 'member-administrator.granted', entityType: 'person', entityId: personId, data: { memberId } });
  });
}

export async function revokeMemberAdministrator(db: Db, actor: Actor, memberId: string, personId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const deleted = await trx
      .deleteFrom('member_administrators')
      .where('member_id', '=', memberId)
      .where('person_id', '=', personId)
      .returning('person_id')
      .execute();
    if (!deleted.length) throw problems.notFound(text('Ledenbeheerder', 'Member administrator'), personId);
    await recordAudit(trx, actor, { action: 'member-administrator.revoked', entityType: 'person', entityId: personId, data: { memberId } });
  });
}

/** The people holding an office in the member, with those offices and their designations. */
export async function officeHoldersOf(db: Db, memberId: string): Promise<OfficeHolder[]> {
  const people = await db
    .selectFrom('people as p')
    .select(['p.id', 'p.name', 'p.email'])
    .where((eb) => eb.exists(eb.selectFrom('offices as o').select('o.id').whereRef('o.person_id', '=', 'p.id').where('o.member_id', '=', memberId)))
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  const offices = (
    await officesOf(
      db,
      people.map((p) => p.id),
    )
  ).filter((o) => o.memberId === memberId);
  return people.map((p) => ({ personId: p.id, name: p.name, email: p.email, offices: offices.filter((o) => o.personId === p.id) }));
}

const notInMember = (what: typeof OFFICE, id: string) => problems.notFound(what, id);

/**
 * Designates an office holder of the member. A member administrator's designation waits for the
 * association's confirmation where the profile asks; four-eyes applies to everyone (mandates.ts).
 */
export async function designateForMember(
  db: Db,
  actor: Actor,
  memberId: string,
  input: NewDesignation,
  byMemberAdministrator: boolean,
): Promise<{ id: string; status: 'in-force' | 'pending' | 'revoked' }> {
  return inTransaction(db, async (trx) => {
    const office = await trx.selectFrom('offices').select('member_id').where('id', '=', input.officeId).executeTakeFirst();
    // An office of another member is, for this member's scope, not there at all.
    if (!office || office.member_id !== memberId) throw notInMember(OFFICE, input.officeId);
    const association = byMemberAdministrator && (await confirmationAsked(trx, input.startDate));
    const id = await addDesignation(trx, actor, input, { association });
    const { status } = await trx.selectFrom('designations').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    return { id, status };
  });
}

/** Whether the profile asks the association to confirm member administrators' designations. */
async function confirmationAsked(db: Db, date: IsoDate): Promise<boolean> {
  const profile = await profileAsOf(db, date < today() ? today() : date);
  return profile.designations?.memberAdministratorsNeedConfirmation ?? false;
}

/** Ends a designation of one of the member's offices. */
export async function endDesignationForMember(db: Db, actor: Actor, memberId: string, designationId: string, endDate: IsoDate): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('designations as d')
      .innerJoin('offices as o', 'o.id', 'd.office_id')
      .select('o.member_id')
      .where('d.id', '=', designationId)
      .executeTakeFirst();
    if (!row || row.member_id !== memberId) throw notInMember(DESIGNATION, designationId);
    await endDesignation(trx, actor, designationId, endDate);
  });
}
