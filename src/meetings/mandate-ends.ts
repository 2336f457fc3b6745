import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database } from '../core/db/schema.js';
import type { LapseReason } from '../people/mandate-ended.js';
import { designatedOffice } from '../people/store.js';

/* Meetings' answer when people's mandates end (people announce it; src/app.ts wires it): the check-ins and proxies are meetings' tables. */

type Db = Kysely<Database>;

/** A name for the attendance record, which every signed-in user reads: the actor's label without an e-mail address. */
const nameOf = (actor: Actor) => actor.label.replace(/\s*<[^>]*>\s*$/, '') || actor.label;

/**
 * Ends at once what the people no longer hold a mandate for, in meetings not yet closed: their
 * check-ins end (reason 'mandate-ended'), releasing the member's vote, and proxies they hold are
 * revoked. Polls already open keep their frozen entitlements, but a ballot is refused at cast time.
 */
export async function endLapsedCheckIns(trx: Db, actor: Actor, personIds: string[], reason: LapseReason): Promise<void> {
  if (personIds.length === 0) return;
  const checkIns = await trx
    .selectFrom('check_ins as c')
    .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
    .select(['c.id', 'c.meeting_id', 'c.member_id', 'c.person_id', 'm.date'])
    .where('c.person_id', 'in', personIds)
    .where('c.checked_out_at', 'is', null)
    .where('m.closed_at', 'is', null)
    .execute();
  const proxies = await trx
    .selectFrom('proxies as x')
    .innerJoin('meetings as m', 'm.id', 'x.meeting_id')
    .select(['x.id', 'x.meeting_id', 'x.grantor_member_id', 'x.holder_member_id', 'x.holder_person_id', 'm.date'])
    .where('x.holder_person_id', 'in', personIds)
    .where('x.revoked_at', 'is', null)
    .where('m.closed_at', 'is', null)
    .execute();
  const now = new Date();
  for (const c of checkIns) {
    if (await designatedOffice(trx, c.person_id, c.member_id, c.date)) continue;
    await trx
      .updateTable('check_ins')
      .set({ checked_out_at: now, checked_out_by: nameOf(actor), checkout_reason: 'mandate-ended' })
      .where('id', '=', c.id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'check-in.ended',
      entityType: 'meeting',
      entityId: c.meeting_id,
      data: { checkInId: c.id, memberId: c.member_id, personId: c.person_id, reason: 'mandate-ended', cause: reason },
    });
  }
  for (const x of proxies) {
    if (await designatedOffice(trx, x.holder_person_id, x.holder_member_id, x.date)) continue;
    await trx
      .updateTable('proxies')
      .set({ revoked_at: now, revoked_by: nameOf(actor), revocation_reason: 'mandate-ended' })
      .where('id', '=', x.id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'proxy.revoked',
      entityType: 'meeting',
      entityId: x.meeting_id,
      data: { proxyId: x.id, grantorMemberId: x.grantor_member_id, holderPersonId: x.holder_person_id, reason: 'mandate-ended', cause: reason },
    });
  }
}
