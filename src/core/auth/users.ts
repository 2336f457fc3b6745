import { inTransaction } from '../db/transaction.js';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../audit.js';
import type { Database } from '../db/schema.js';
import { problems, text } from '../errors.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import type { Role } from './roles.js';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export async function createUser(
  db: Kysely<Database>,
  actor: Actor,
  input: { email: string; name: string; role: Role; password: string },
): Promise<User> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw problems.invalid(
      text('Het wachtwoord moet ten minste {n} tekens hebben.', 'The password must have at least {n} characters.', { n: MIN_PASSWORD_LENGTH }),
    );
  }
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase())).executeTakeFirst();
    if (existing) throw problems.conflict(text('Er bestaat al een account met dit e-mailadres.', 'An account with this e-mail address already exists.'));
    const user: User = { id: randomUUID(), email: input.email, name: input.name, role: input.role };
    await trx.insertInto('users').values({ ...user, password_hash: passwordHash }).execute();
    await recordAudit(trx, actor, { action: 'user.created', entityType: 'user', entityId: user.id, data: { email: user.email, role: user.role } });
    return user;
  });
}
