import type { Kysely } from 'kysely';
import { addDays, type IsoDate } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import type { Reorganisation, ReorganisationKind } from './schemas.js';

type Db = Kysely<Database>;

/** Reorganisations with their parties named as they were around the effective date. */
export async function reorganisationsOf(db: Db, filter: { id?: string; memberId?: string; from?: IsoDate; to?: IsoDate }): Promise<Reorganisation[]> {
  let query = db.selectFrom('reorganisations as r').selectAll('r').orderBy('r.effective_date').orderBy('r.recorded_at');
  if (filter.id) query = query.where('r.id', '=', filter.id);
  if (filter.memberId) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('reorganisation_parts as p')
          .select('p.member_id')
          .whereRef('p.reorganisation_id', '=', 'r.id')
          .where('p.member_id', '=', filter.memberId!),
      ),
    );
  }
  if (filter.from) query = query.where('r.effective_date', '>=', filter.from);
  if (filter.to) query = query.where('r.effective_date', '<=', filter.to);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const parts = await db
    .selectFrom('reorganisation_parts as p')
    .innerJoin('reorganisations as r', 'r.id', 'p.reorganisation_id')
    .innerJoin('member_versions as v', 'v.member_id', 'p.member_id')
    .select(['p.reorganisation_id', 'p.member_id', 'p.role', 'v.code', 'v.name', 'v.valid_from', 'v.valid_to', 'r.effective_date'])
    .where(
      'p.reorganisation_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  // A predecessor is named by its version of the day before; a successor by the version from the date.
  const named = parts.filter((p) => {
    const day = p.role === 'predecessor' ? addDays(p.effective_date, -1) : p.effective_date;
    return p.valid_from <= day && (p.valid_to === null || p.valid_to > day);
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ReorganisationKind,
    effectiveDate: r.effective_date,
    note: r.note,
    recordedBy: r.recorded_by,
    recordedAt: new Date(r.recorded_at).toISOString(),
    parts: named
      .filter((p) => p.reorganisation_id === r.id)
      .map((p) => ({ memberId: p.member_id, role: p.role, code: p.code, name: p.name }))
      .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'nl') : a.role === 'predecessor' ? -1 : 1)),
  }));
}
