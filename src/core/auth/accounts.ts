import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { today, type IsoDate } from '../dates.js';
import { recordAudit, type Actor } from '../audit.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { problems, text } from '../errors.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import type { GrantedRole, Role } from './roles.js';

/** The signed-in person as the rest of the app sees them. */
export interface Person {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

export const assertPasswordRule = (password: string) => {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw problems.invalid(
      text('Het wachtwoord moet ten minste {n} tekens hebben.', 'The password must have at least {n} characters.', { n: MIN_PASSWORD_LENGTH }),
      [{ name: 'password', code: 'minLength', reason: text('Te kort.', 'Too short.') }],
    );
  }
};

export async function findPersonIdByEmail(db: Kysely<Database>, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return row?.id;
}

/** Creates a person with an account; without a password they sign in after an invitation or by OIDC. */
export async function createPerson(
  db: Kysely<Database>,
  actor: Actor,
  input: { email: string; name: string; roles?: GrantedRole[]; password?: string },
): Promise<{ id: string; email: string; name: string; roles: GrantedRole[] }> {
  if (input.password !== undefined) assertPasswordRule(input.password);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const roles = [...new Set(input.roles ?? [])];
  return inTransaction(db, async (trx) => {
    if (await findPersonIdByEmail(trx, input.email)) {
      throw problems.conflict(text('Er bestaat al een persoon met dit e-mailadres.', 'A person with this e-mail address already exists.'));
    }
    const id = randomUUID();
    await trx
      .insertInto('people')
      .values({ id, email: input.email.trim(), name: input.name.trim(), password_hash: passwordHash, password_changed_at: passwordHash ? new Date() : null })
      .execute();
    if (roles.length)
      await trx
        .insertInto('person_roles')
        .values(roles.map((role) => ({ person_id: id, role })))
        .execute();
    await recordAudit(trx, actor, { action: 'person.created', entityType: 'person', entityId: id, data: { email: input.email, roles } });
    return { id, email: input.email.trim(), name: input.name.trim(), roles };
  });
}

/** Granted roles plus "representative" when a designation to act for a member is in force today; one query. */
export async function rolesOf(db: Kysely<Database>, personId: string): Promise<Role[]> {
  const day = today();
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('person_roles')
        .select(sql<string[]>`coalesce(array_agg(role order by role), '{}')`.as('r'))
        .where('person_id', '=', personId)
        .as('granted'),
      eb
        .exists(
          eb
            .selectFrom('designations as d')
            .innerJoin('offices as o', 'o.id', 'd.office_id')
            .select('d.id')
            .where('o.person_id', '=', personId)
            .where('d.status', '=', 'in-force')
            .where(activeOn('d', day))
            .where(activeOn('o', day)),
        )
        .as('designated'),
    ])
    .executeTakeFirstOrThrow();
  const roles = (row.granted ?? []) as Role[];
  return row.designated ? [...roles, 'representative'] : roles;
}

/** An inclusive [start_date, end_date] period covers the date. */
export function activeOn(alias: string, date: IsoDate) {
  const day = sql`${date}::date`;
  return sql<boolean>`(${sql.ref(`${alias}.start_date`)} <= ${day} and (${sql.ref(`${alias}.end_date`)} is null or ${sql.ref(`${alias}.end_date`)} >= ${day}))`;
}
