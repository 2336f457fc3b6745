import type { Kysely } from 'kysely';
import { findPersonIdByEmail, grantedRolesOf, replaceGrantedRoles, resetSecondFactor, updateAccount } from '../core/auth/accounts.js';
import type { GrantedRole } from '../core/auth/roles.js';
import { deleteSessionsOf } from '../core/auth/sessions.js';
import { voidTokensOf } from '../core/auth/tokens.js';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { suspendDesignationsOf } from './designations.js';
import { mandatesEnded } from './mandate-ended.js';
import type { PersonUpdate } from './schemas.js';
import { PERSON } from './store.js';

/* The people side of accounts: what staff change about a person. The account tables are the kernel's (src/core/auth). */

type Db = Kysely<Database>;

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
    await updateAccount(trx, id, { name: update.name?.trim() ?? row.name, email: update.email?.trim() ?? row.email, disabledAt });
    if (update.disabled) await deleteSessionsOf(trx, id);
    const emailChanged = update.email !== undefined && update.email.trim().toLowerCase() !== row.email.toLowerCase();
    // Links mailed to the old address must not work for the new owner of the account, nor the other way round.
    if (emailChanged || update.disabled) {
      await voidTokensOf(trx, id);
    }
    if (update.resetSecondFactor) await resetSecondFactor(trx, id);
    await recordAudit(trx, actor, {
      action: update.disabled === true ? 'person.disabled' : 'person.updated',
      entityType: 'person',
      entityId: id,
      data: { ...update },
    });
    // Whoever re-addresses an account can take it over with a reset link: its designations wait for
    // a second staff member or administrator again (four-eyes), as if this account had made them.
    if (emailChanged && actor.id !== null) await suspendDesignationsOf(trx, actor, id, 'email-changed');
    if (update.disabled || emailChanged) await mandatesEnded(trx, actor, [id], update.disabled ? 'account-blocked' : 'email-changed');
  });
}

/** Replaces the granted roles; the change and the roles before and after go to the audit trail. */
export async function setRoles(db: Db, actor: Actor, id: string, roles: GrantedRole[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    const person = await trx.selectFrom('people').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!person) throw problems.notFound(PERSON, id);
    const before = await grantedRolesOf(trx, id);
    if (actor.id === id && before.includes('admin') && !roles.includes('admin')) {
      throw problems.conflict(text('U kunt uw eigen beheerdersrol niet intrekken.', 'You cannot revoke your own administrator role.'));
    }
    await replaceGrantedRoles(trx, id, roles);
    await recordAudit(trx, actor, { action: 'person.roles-changed', entityType: 'person', entityId: id, data: { before, after: [...roles].sort() } });
  });
}
