import { activeOn, rolesQuery, type DerivedRole } from '../core/auth/accounts.js';

/** A person is a representative while a designation (in force, confirmed) of one of their offices runs today. */
export const representative: DerivedRole = {
  role: 'representative',
  holds: (eb, personId, day) =>
    eb.exists(
      eb
        .selectFrom('designations as d')
        .innerJoin('offices as o', 'o.id', 'd.office_id')
        .select('d.id')
        .where('o.person_id', '=', personId)
        .where('d.status', '=', 'in-force')
        .where(activeOn('d', day))
        .where(activeOn('o', day)),
    ),
};

/** A person's roles as the kernel sees them in a session: granted ones plus representative. */
export const rolesOf = rolesQuery([representative]);
