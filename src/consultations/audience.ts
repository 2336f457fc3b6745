import type { Kysely } from 'kysely';
import { activeOn } from '../core/auth/accounts.js';
import type { IsoDate } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import type { OfficeKind } from '../people/rules.js';
import type { AudienceMember } from './results.js';
import { answersFor } from './rules.js';
import type { MyMember } from './schemas.js';
import { dayOf, type ConsultationRow } from './store.js';

type Db = Kysely<Database>;

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
export const answeringDay = (now: Date) => dayOf(now);

export async function myMembersOf(db: Db, row: ConsultationRow, personId: string, now: Date): Promise<MyMember[]> {
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
