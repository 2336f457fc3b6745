import { randomUUID } from 'node:crypto';
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
import { problems, text } from '../core/errors.js';
import { enqueueMail, MAIL_PRIORITY } from '../core/mail-queue.js';
import { digest } from '../core/auth/sessions.js';
import { memberStatesAsOf } from '../members/store.js';
import { OFFICE_LABELS } from './rules.js';
import type { Invitation, NewInvitation } from './schemas.js';
import { activeOn } from '../core/auth/accounts.js';
import { addDesignation } from './designations.js';
import { addOffice } from './offices.js';
import type { OfficeKind } from './rules.js';

/**
 * Staff invite a representative of a member: the person (new or known), the office, the designation,
 * the link and its mail are recorded in one transaction; the mail queue sends the mail afterwards
 * (with retries), so a mail server that is down neither undoes nor blocks the invitation.
 */
export async function inviteRepresentative(db: Kysely<Database>, actor: Actor, config: Config, input: NewInvitation): Promise<Invitation> {
  return recordInvitation(db, actor, config, input);
}

/** Who gets an invitation mail, and on whose behalf they act. */
export interface Invitee {
  personId: string;
  name: string;
  email: string;
  hasPassword: boolean;
  /** e.g. "Utrecht" or "Utrecht en Zeist" */
  members: string;
  /** The office, when the invitation is about one: "wethouder". */
  office?: string;
}

/**
 * Issues a fresh invitation link (an earlier unused one stops working), enqueues its mail and records
 * the invitation for its status (invited, opened, activated, bounced). Call inside the transaction of
 * the action: the link, the mail and the record commit together.
 */
export async function mailInvitation(
  trx: Kysely<Database>,
  actor: Actor,
  config: Pick<Config, 'PUBLIC_URL' | 'INVITATION_TTL_HOURS'>,
  invitee: Invitee,
  batchId: string | null,
): Promise<{ expiresAt: Date; mailId: string }> {
  const token = await issueToken(trx, invitee.personId, 'invitation', config.INVITATION_TTL_HOURS * 60);
  const expiresAt = new Date(Date.now() + config.INVITATION_TTL_HOURS * 3_600_000);
  const mailId = await enqueueMail(trx, {
    kind: 'invitation',
    about: batchId ? { type: 'invitation-batch', id: batchId } : { type: 'person', id: invitee.personId },
    priority: batchId ? MAIL_PRIORITY.bulk : MAIL_PRIORITY.normal,
    to: invitee.email,
    subject: `Uitnodiging: namens ${invitee.members} optreden in Verenigd`,
    text: [
      `Beste ${invitee.name},`,
      '',
      `U bent aangewezen om ${invitee.office ? `als ${invitee.office} ` : ''}namens ${invitee.members} op te treden in de vergaderingen van de vereniging.`,
      invitee.hasPassword
        ? 'U kunt inloggen met uw bestaande account. Wilt u een nieuw wachtwoord kiezen, gebruik dan deze link:'
        : 'Kies via deze link uw wachtwoord; daarna kunt u inloggen:',
      passwordLink(config.PUBLIC_URL, token),
      '',
      `De link werkt tot ${expiresAt.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })} en één keer.`,
    ].join('\n'),
  });
  await trx
    .insertInto('invitations')
    .values({ id: randomUUID(), batch_id: batchId, person_id: invitee.personId, token_hash: digest(token), mail_id: mailId, invited_by: actor.label })
    .execute();
  return { expiresAt, mailId };
}

async function recordInvitation(db: Kysely<Database>, actor: Actor, config: Config, input: NewInvitation): Promise<Invitation> {
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

    await recordAudit(trx, actor, {
      action: 'person.invited',
      entityType: 'person',
      entityId: personId,
      data: { memberId: input.memberId, member: member.name, capacity: input.kind, email: input.email },
    });
    const { expiresAt } = await mailInvitation(
      trx,
      actor,
      config,
      {
        personId,
        name: known?.name ?? input.name,
        email: input.email,
        hasPassword: !!known?.password_hash,
        members: member.name,
        office: OFFICE_LABELS[input.kind].nl,
      },
      null,
    );
    const { status } = await trx.selectFrom('designations').select('status').where('id', '=', designationId).executeTakeFirstOrThrow();
    return { personId, officeId, designationId, expiresAt: expiresAt.toISOString(), newPerson: !known, designationStatus: status };
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
