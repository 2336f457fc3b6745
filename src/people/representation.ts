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

/** A member administrator holds the grant for at least one member (decision 0018). */
export const memberAdministrator: DerivedRole = {
  role: 'member-administrator',
  holds: (eb, personId) => eb.exists(eb.selectFrom('member_administrators as a').select('a.member_id').where('a.person_id', '=', personId)),
};

/** A person's roles as the kernel sees them in a session: granted ones plus representative and member administrator. */
export const rolesOf = rolesQuery([representative, memberAdministrator]);
