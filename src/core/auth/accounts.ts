import { randomUUID } from 'node:crypto';
import { sql, type AliasableExpression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
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

/** Adds accounts without password or roles in one statement (the demo seed's many office holders); they cannot sign in. */
export async function addAccountsInBulk(db: Kysely<Database>, people: readonly { id: string; email: string; name: string }[]): Promise<void> {
  if (people.length)
    await db
      .insertInto('people')
      .values(people.map((p) => ({ id: p.id, email: p.email, name: p.name })))
      .execute();
}

/** Changes an account's name, address or blocked state; the caller checks and audits. */
export async function updateAccount(db: Kysely<Database>, id: string, account: { name: string; email: string; disabledAt: Date | null }): Promise<void> {
  await db.updateTable('people').set({ name: account.name, email: account.email, disabled_at: account.disabledAt }).where('id', '=', id).execute();
}

/** Forgets a person's second factor, so they set it up again. */
export async function resetSecondFactor(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('people').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', id).execute();
}

/** The granted roles of a person, sorted. */
export async function grantedRolesOf(db: Kysely<Database>, id: string): Promise<string[]> {
  return (await db.selectFrom('person_roles').select('role').where('person_id', '=', id).execute()).map((r) => r.role).sort();
}

/** Replaces the granted roles of a person; the caller checks and audits. */
export async function replaceGrantedRoles(db: Kysely<Database>, id: string, roles: readonly GrantedRole[]): Promise<void> {
  await db.deleteFrom('person_roles').where('person_id', '=', id).execute();
  if (roles.length)
    await db
      .insertInto('person_roles')
      .values(roles.map((role) => ({ person_id: id, role })))
      .execute();
}

/**
 * A role that follows from a feature's facts instead of a grant (a representative: a designation to
 * act for a member in force today). The feature states the condition; the kernel asks it inside its
 * one roles query, so core knows no feature and a request still costs one query for its roles.
 */
export interface DerivedRole {
  role: Role;
  holds: (eb: ExpressionBuilder<Database, never>, personId: string, day: IsoDate) => AliasableExpression<SqlBool>;
}

/** A person's roles, granted and derived. */
export type RolesOf = (db: Kysely<Database>, personId: string) => Promise<Role[]>;

/** The roles lookup for a set of derived roles: granted roles and each derived one, in one query. */
export function rolesQuery(derived: readonly DerivedRole[]): RolesOf {
  return async (db, personId) => {
    const day = today();
    const row = (await db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('person_roles')
          .select(sql<string[]>`coalesce(array_agg(role order by role), '{}')`.as('r'))
          .where('person_id', '=', personId)
          .as('granted'),
        ...derived.map((d, i) => d.holds(eb, personId, day).as(`derived${i}`)),
      ])
      .executeTakeFirstOrThrow()) as Record<string, unknown>;
    const roles = ((row.granted ?? []) as Role[]).slice();
    derived.forEach((d, i) => {
      if (row[`derived${i}`] && !roles.includes(d.role)) roles.push(d.role);
    });
    return roles;
  };
}

/** An inclusive [start_date, end_date] period covers the date. */
export function activeOn(alias: string, date: IsoDate) {
  const day = sql`${date}::date`;
  return sql<boolean>`(${sql.ref(`${alias}.start_date`)} <= ${day} and (${sql.ref(`${alias}.end_date`)} is null or ${sql.ref(`${alias}.end_date`)} >= ${day}))`;
}
