import type { Kysely } from 'kysely';
import type { IsoDate } from '../core/dates.js';
import { createPerson, findPersonIdByEmail } from '../core/auth/accounts.js';
import { passwordLink } from '../core/auth/sign-in.js';
import { issueToken } from '../core/auth/tokens.js';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { today } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { Problem, problems, text } from '../core/errors.js';
import type { Mail, Mailer } from '../core/mail.js';
import { memberStatesAsOf } from '../members/store.js';
import { OFFICE_LABELS } from './rules.js';
import type { Invitation, NewInvitation } from './schemas.js';
import { activeOn } from '../core/auth/accounts.js';
import { addDesignation } from './designations.js';
import { addOffice } from './offices.js';
import type { OfficeKind } from './rules.js';

/**
 * Staff invite a representative of a member: the person (new or known), the office and the
 * designation are recorded in one transaction, then the link is mailed. The mail waits for the commit,
 * so a slow mail server holds no database lock; when it fails the invitation stands and sending it
 * again (the same request) mails a fresh link.
 */
export async function inviteRepresentative(db: Kysely<Database>, actor: Actor, config: Config, mailer: Mailer, input: NewInvitation) {
  const { mail, result } = await recordInvitation(db, actor, config, input);
  try {
    await mailer.send(mail);
  } catch {
    throw new Problem(
      503,
      'mail-unavailable',
      text('Uitnodiging niet verstuurd', 'Invitation not sent'),
      text(
        'De uitnodiging is vastgelegd, maar de e-mailserver is niet bereikbaar. Verstuur de uitnodiging later opnieuw.',
        'The invitation was recorded, but the mail server cannot be reached. Send the invitation again later.',
      ),
    );
  }
  return result;
}

async function recordInvitation(db: Kysely<Database>, actor: Actor, config: Config, input: NewInvitation): Promise<{ mail: Mail; result: Invitation }> {
  const startDate = input.startDate ?? today();
  return inTransaction(db, async (trx) => {
    const [member] = await memberStatesAsOf(trx, startDate, input.memberId);
    if (!member) {
      throw problems.invalid(text('Dit lid bestaat niet op {date}.', 'This member does not exist on {date}.', { date: startDate }), [
        { name: 'memberId', code: 'member', reason: text('Onbekend lid.', 'Unknown member.') },
      ]);
    }
    const knownId = await findPersonIdByEmail(trx, input.email);
    const known = knownId
      ? await trx.selectFrom('people').select(['id', 'name', 'password_hash', 'disabled_at']).where('id', '=', knownId).executeTakeFirstOrThrow()
      : undefined;
    if (known?.disabled_at)
      throw problems.conflict(text('Het account met dit e-mailadres is geblokkeerd.', 'The account with this e-mail address is disabled.'));
    const personId = known?.id ?? (await createPerson(trx, actor, { email: input.email, name: input.name })).id;

    // Sending an invitation again reuses the designation, also while it waits for a second pair of eyes.
    const existing = await invitedOffice(trx, personId, input.memberId, startDate);
    const officeId =
      existing?.capacity === input.kind
        ? existing.officeId
        : await addOffice(trx, actor, personId, {
            memberId: input.memberId,
            kind: input.kind,
            party: input.party,
            partyIsLocal: input.partyIsLocal,
            startDate,
          });
    // The inviting account chooses the address the link goes to, so it could sign in as the invitee:
    // the designation waits for a different staff member or administrator (four-eyes, decision 0010).
    const designationId =
      existing?.capacity === input.kind ? existing.designationId : await addDesignation(trx, actor, { officeId, startDate }, { invited: true });

    const token = await issueToken(trx, personId, 'invitation', config.INVITATION_TTL_HOURS * 60);
    const expiresAt = new Date(Date.now() + config.INVITATION_TTL_HOURS * 3_600_000);
    await recordAudit(trx, actor, {
      action: 'person.invited',
      entityType: 'person',
      entityId: personId,
      data: { memberId: input.memberId, member: member.name, capacity: input.kind, email: input.email },
    });
    const mail: Mail = {
      to: input.email,
      subject: `Uitnodiging: namens ${member.name} optreden in Verenigd`,
      text: [
        `Beste ${known?.name ?? input.name},`,
        '',
        `U bent aangewezen om als ${OFFICE_LABELS[input.kind].nl} namens ${member.name} op te treden in de vergaderingen van de vereniging.`,
        known?.password_hash
          ? 'U kunt inloggen met uw bestaande account. Wilt u een nieuw wachtwoord kiezen, gebruik dan deze link:'
          : 'Kies via deze link uw wachtwoord; daarna kunt u inloggen:',
        passwordLink(config.PUBLIC_URL, token),
        '',
        `De link werkt tot ${expiresAt.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })} en één keer.`,
      ].join('\n'),
    };
    const { status } = await trx.selectFrom('designations').select('status').where('id', '=', designationId).executeTakeFirstOrThrow();
    return { mail, result: { personId, officeId, designationId, expiresAt: expiresAt.toISOString(), newPerson: !known, designationStatus: status } };
  });
}

/** The person's office and designation for the member on the date, in force or waiting for confirmation. */
async function invitedOffice(
  db: Kysely<Database>,
  personId: string,
  memberId: string,
  date: IsoDate,
): Promise<{ officeId: string; designationId: string; capacity: OfficeKind } | undefined> {
  const row = await db
    .selectFrom('designations as d')
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .select(['o.id as office_id', 'd.id as designation_id', 'o.kind'])
    .where('o.person_id', '=', personId)
    .where('o.member_id', '=', memberId)
    .where('d.status', 'in', ['in-force', 'pending'])
    .where(activeOn('d', date))
    .where(activeOn('o', date))
    .orderBy('d.start_date', 'desc')
    .executeTakeFirst();
  return row ? { officeId: row.office_id, designationId: row.designation_id, capacity: row.kind as OfficeKind } : undefined;
}
