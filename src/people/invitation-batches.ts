import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import { activeOn } from '../core/auth/accounts.js';
import type { Config } from '../core/config.js';
import { today } from '../core/dates.js';
import type { Database, MailStatus } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import { MAIL_STATUSES, type MailCounts } from '../core/mail-queue.js';
import { countByStatus, invitationStatus, type InvitationStatus } from './invitation-rules.js';
import { mailInvitation, type Invitee } from './invitations.js';

/**
 * Invitations in bulk: staff choose whom (every representative without an account, one member's, or
 * a list of people) and send in one action. The links, mails and records commit in one transaction and
 * the answer comes at once; the mail queue delivers in the background, and the batch shows per person
 * how far they got: invited, opened, activated or bounced. Resending gives a fresh link, the old one
 * stops working.
 */

type Db = Kysely<Database>;

export type Selection = { scope: 'without-account' } | { scope: 'member'; memberId: string } | { scope: 'people'; personIds: string[] };

const nobody = () =>
  problems.invalid(text('Er is niemand om uit te nodigen in deze selectie.', 'There is nobody to invite in this selection.'), [
    { name: 'scope', code: 'empty', reason: text('Niemand geselecteerd.', 'Nobody selected.') },
  ]);

/** People with a designation in force or waiting for confirmation today, with the members they act for. */
async function invitees(db: Db, selection: Selection, onDate: string): Promise<Invitee[]> {
  let query = db
    .selectFrom('designations as d')
    .innerJoin('offices as o', 'o.id', 'd.office_id')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .innerJoin('member_versions as v', (join) => join.onRef('v.member_id', '=', 'o.member_id').on('v.valid_to', 'is', null))
    .select(['p.id', 'p.name', 'p.email', sql<boolean>`p.password_hash is not null`.as('has_password'), 'v.name as member'])
    .where('d.status', 'in', ['in-force', 'pending'])
    .where(activeOn('d', onDate))
    .where(activeOn('o', onDate))
    .where('p.disabled_at', 'is', null);
  if (selection.scope === 'without-account') query = query.where('p.password_hash', 'is', null);
  if (selection.scope === 'member') query = query.where('o.member_id', '=', selection.memberId).where('p.password_hash', 'is', null);
  if (selection.scope === 'people') {
    if (selection.personIds.length === 0) throw nobody();
    query = query.where('p.id', 'in', selection.personIds);
  }
  const rows = await query.orderBy('p.name').orderBy('v.name').execute();
  const byPerson = new Map<string, Omit<Invitee, 'members'> & { memberList: string[] }>();
  for (const row of rows) {
    const known = byPerson.get(row.id);
    if (known) {
      if (!known.memberList.includes(row.member)) known.memberList.push(row.member);
    } else {
      byPerson.set(row.id, { personId: row.id, name: row.name, email: row.email, hasPassword: row.has_password, memberList: [row.member] });
    }
  }
  return [...byPerson.values()].map(({ memberList, ...invitee }) => ({ ...invitee, members: joinNames(memberList) }));
}

const joinNames = (names: readonly string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} en ${names.at(-1)}`);

/** Sends a batch: one transaction for all links, mails and records; returns its id and size. */
export async function sendInvitationBatch(db: Db, actor: Actor, config: Config, selection: Selection): Promise<{ id: string; total: number }> {
  return inTransaction(db, async (trx) => {
    const people = await invitees(trx, selection, today());
    if (people.length === 0) throw nobody();
    const id = randomUUID();
    await trx
      .insertInto('invitation_batches')
      .values({ id, created_by: actor.label, selection: JSON.stringify(selection) })
      .execute();
    for (const invitee of people) await mailInvitation(trx, actor, config, invitee, id);
    await recordAudit(trx, actor, {
      action: 'invitation-batch.sent',
      entityType: 'invitation-batch',
      entityId: id,
      data: { selection, total: people.length, people: people.map((p) => p.personId) },
    });
    return { id, total: people.length };
  });
}

/**
 * Sends the batch's invitation again to the people given, or to everyone in it not yet activated:
 * a fresh link each (the earlier one stops working) and a fresh mail.
 */
export async function resendInvitations(db: Db, actor: Actor, config: Config, batchId: string, personIds?: readonly string[]): Promise<{ resent: number }> {
  return inTransaction(db, async (trx) => {
    const batch = await batchRow(trx, batchId);
    const statuses = await latestInBatch(trx, batch.id);
    const chosen = personIds ? statuses.filter((s) => personIds.includes(s.personId)) : statuses.filter((s) => s.status !== 'activated');
    if (personIds && chosen.length !== new Set(personIds).size) {
      throw problems.invalid(text('Niet iedereen hoort bij deze uitnodigingsronde.', 'Not everyone belongs to this batch of invitations.'), [
        { name: 'personIds', code: 'batch', reason: text('Onbekend in deze ronde.', 'Not in this batch.') },
      ]);
    }
    if (chosen.length === 0) throw nobody();
    const people = await invitees(trx, { scope: 'people', personIds: chosen.map((c) => c.personId) }, today());
    // Someone no longer designated (or blocked) since the batch gets no new link.
    for (const invitee of people) await mailInvitation(trx, actor, config, invitee, batch.id);
    await recordAudit(trx, actor, {
      action: 'invitation-batch.resent',
      entityType: 'invitation-batch',
      entityId: batch.id,
      data: { people: people.map((p) => p.personId), total: people.length },
    });
    return { resent: people.length };
  });
}

async function batchRow(db: Db, id: string) {
  const row = await db.selectFrom('invitation_batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound(text('Uitnodigingsronde', 'Invitation batch'), id);
  return row;
}

export interface PersonInvitation {
  personId: string;
  name: string;
  email: string;
  status: InvitationStatus;
  mailStatus: MailStatus | null;
  invitedAt: string;
  openedAt: string | null;
  activatedAt: string | null;
  lastError: string | null;
}

/** The latest invitation of each person in the batch, with its status. */
async function latestInBatch(db: Db, batchId: string): Promise<PersonInvitation[]> {
  const rows = await db
    .selectFrom('invitations as i')
    .innerJoin('people as p', 'p.id', 'i.person_id')
    .leftJoin('account_tokens as t', 't.token_hash', 'i.token_hash')
    .leftJoin('mail_outbox as m', 'm.id', 'i.mail_id')
    .distinctOn('i.person_id')
    .select(['i.person_id', 'p.name', 'p.email', 'i.invited_at', 't.opened_at', 'p.password_changed_at', 'm.status as mail_status', 'm.last_error'])
    .where('i.batch_id', '=', batchId)
    .orderBy('i.person_id')
    .orderBy('i.invited_at', 'desc')
    .execute();
  return rows
    .map((r) => {
      const status = invitationStatus({ invitedAt: r.invited_at, openedAt: r.opened_at, passwordChangedAt: r.password_changed_at, mailStatus: r.mail_status });
      return {
        personId: r.person_id,
        name: r.name,
        email: r.email,
        status,
        mailStatus: r.mail_status,
        invitedAt: r.invited_at.toISOString(),
        openedAt: r.opened_at?.toISOString() ?? null,
        activatedAt: status === 'activated' ? (r.password_changed_at?.toISOString() ?? null) : null,
        lastError: r.mail_status === 'sent' ? null : r.last_error,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

export interface BatchSummary {
  id: string;
  createdAt: string;
  createdBy: string;
  selection: Selection;
  total: number;
  counts: Record<InvitationStatus, number>;
  /** The delivery status of each person's latest invitation mail. */
  mails: MailCounts;
}

export async function batchSummary(db: Db, id: string): Promise<BatchSummary> {
  const batch = await batchRow(db, id);
  const people = await latestInBatch(db, id);
  const mails = Object.fromEntries(MAIL_STATUSES.map((s) => [s, 0])) as MailCounts;
  for (const p of people) if (p.mailStatus) mails[p.mailStatus] += 1;
  return {
    id: batch.id,
    createdAt: batch.created_at.toISOString(),
    createdBy: batch.created_by,
    selection: batch.selection as Selection,
    total: people.length,
    counts: countByStatus(people.map((p) => p.status)),
    mails,
  };
}

export async function listBatches(db: Db, limit: number, offset: number): Promise<{ items: BatchSummary[]; total: number }> {
  const [{ n }] = (await db
    .selectFrom('invitation_batches')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .execute()) as [{ n: string }];
  const rows = await db.selectFrom('invitation_batches').select('id').orderBy('created_at', 'desc').limit(limit).offset(offset).execute();
  const items: BatchSummary[] = [];
  for (const row of rows) items.push(await batchSummary(db, row.id));
  return { items, total: Number(n) };
}

export async function batchInvitations(
  db: Db,
  id: string,
  filter: { status?: InvitationStatus; limit: number; offset: number },
): Promise<{ items: PersonInvitation[]; total: number }> {
  await batchRow(db, id);
  const all = (await latestInBatch(db, id)).filter((p) => !filter.status || p.status === filter.status);
  return { items: all.slice(filter.offset, filter.offset + filter.limit), total: all.length };
}
