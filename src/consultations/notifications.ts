import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../core/config.js';
import { today } from '../core/dates.js';
import type { Database } from '../core/db/schema.js';
import type { Mail } from '../core/mail.js';
import { inTransaction } from '../core/db/transaction.js';
import { enqueueMails, MAIL_PRIORITY } from '../core/mail-queue.js';
import { answeringOffices, type AnsweringOffice } from './audience.js';
import { outcomeOf, statusOfRow, type ConsultationRow } from './store.js';

/**
 * E-mail about consultations: the invitation when it opens, reminders to members that have not
 * answered, and the outcome to those that did. Every mail is claimed first in
 * consultation_notifications (a unique key per consultation, member and kind), so however many app
 * instances run the scheduler, a member gets each notification once. The claim and the mails it
 * stands for are enqueued in one transaction (src/core/mail-queue.ts): the queue retries a mail the
 * server could not take, and a claim never stands without its mail.
 */

type Db = Kysely<Database>;

export interface Notifier {
  db: Db;
  config: Pick<Config, 'PUBLIC_URL'>;
}

const OUTCOME_LABELS = {
  position: 'De vereniging heeft een standpunt ingenomen.',
  differentiated: 'De vereniging heeft een gedifferentieerd standpunt ingenomen.',
  none: 'De vereniging neemt geen standpunt in.',
  motion: 'Er is een motie opgesteld.',
} as const;

const consultationUrl = (config: Notifier['config'], id: string) => `${config.PUBLIC_URL.replace(/\/+$/, '')}/raadplegingen/${id}`;

const deadline = (row: ConsultationRow) =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'full', timeStyle: 'short' }).format(row.closes_at);

/** Claims a notification for members; returns those claimed now (not before, by any instance). */
async function claim(db: Db, consultationId: string, memberIds: readonly string[], kind: string): Promise<string[]> {
  if (!memberIds.length) return [];
  const rows = await db
    .insertInto('consultation_notifications')
    .values(memberIds.map((memberId) => ({ consultation_id: consultationId, member_id: memberId, kind })))
    .onConflict((oc) => oc.columns(['consultation_id', 'member_id', 'kind']).doNothing())
    .returning('member_id')
    .execute();
  return rows.map((r) => r.member_id);
}

/** One mail per person and member: a person answering for two members answers twice. */
function mailsTo(offices: readonly AnsweringOffice[], memberNames: ReadonlyMap<string, string>, compose: (memberName: string) => Omit<Mail, 'to'>): Mail[] {
  const seen = new Set<string>();
  return offices.flatMap((office) => {
    const key = `${office.personId}:${office.memberId}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ to: office.email, ...compose(memberNames.get(office.memberId) ?? '') }];
  });
}

async function memberNames(db: Db, consultationId: string, memberIds: readonly string[]): Promise<Map<string, string>> {
  if (!memberIds.length) return new Map();
  const rows = await db
    .selectFrom('consultation_audience')
    .select(['member_id', 'name'])
    .where('consultation_id', '=', consultationId)
    .where('member_id', 'in', memberIds)
    .execute();
  return new Map(rows.map((r) => [r.member_id, r.name]));
}

/** Enqueues a consultation's mails (sent in the background); returns how many. */
async function enqueue(db: Db, row: ConsultationRow, mails: readonly Mail[]): Promise<number> {
  const about = { type: 'consultation', id: row.id };
  return (
    await enqueueMails(
      db,
      mails.map((m) => ({ ...m, kind: 'consultation', about, priority: MAIL_PRIORITY.bulk })),
    )
  ).length;
}

/** Runs a notification's claim and enqueue in one transaction. */
const atomically = <T>(n: Notifier, work: (n: Notifier) => Promise<T>): Promise<T> => inTransaction(n.db, (trx) => work({ ...n, db: trx }));

/** Sends the invitation to every audience member not yet invited; only while the consultation is open. */
export async function sendInvitations(n: Notifier, row: ConsultationRow, now: Date): Promise<number> {
  if (statusOfRow(row, now) !== 'open') return 0;
  return atomically(n, (n) => invite(n, row, now));
}

async function invite(n: Notifier, row: ConsultationRow, now: Date): Promise<number> {
  const audience = await n.db.selectFrom('consultation_audience').select('member_id').where('consultation_id', '=', row.id).execute();
  const claimed = await claim(
    n.db,
    row.id,
    audience.map((a) => a.member_id),
    'invitation',
  );
  return mail(n, row, claimed, now, (memberName) => ({
    subject: `Ledenraadpleging: ${row.title}`,
    text: [
      `Beste vertegenwoordiger van ${memberName},`,
      '',
      `De vereniging raadpleegt haar leden over "${row.title}" (dossier ${row.dossier}).`,
      `U kunt namens ${memberName} reageren tot ${deadline(row)}.`,
      '',
      `Reageren: ${consultationUrl(n.config, row.id)}`,
      '',
      'Niet reageren telt niet als instemming: wie zwijgt, stemt niet toe.',
      '',
      row.owner,
    ].join('\n'),
  }));
}

/** Reminds members without a submitted response (a draft is not an answer). `kind` makes it idempotent. */
export async function sendReminders(n: Notifier, row: ConsultationRow, kind: string, now: Date): Promise<number> {
  if (statusOfRow(row, now) !== 'open') return 0;
  return atomically(n, (n) => remind(n, row, kind, now));
}

async function remind(n: Notifier, row: ConsultationRow, kind: string, now: Date): Promise<number> {
  const audience = await n.db.selectFrom('consultation_audience').select('member_id').where('consultation_id', '=', row.id).execute();
  const submitted = await n.db
    .selectFrom('consultation_responses')
    .select('member_id')
    .where('consultation_id', '=', row.id)
    .where('status', '=', 'submitted')
    .execute();
  const answered = new Set(submitted.map((s) => s.member_id));
  const claimed = await claim(
    n.db,
    row.id,
    audience.map((a) => a.member_id).filter((id) => !answered.has(id)),
    kind,
  );
  return mail(n, row, claimed, now, (memberName) => ({
    subject: `Herinnering ledenraadpleging: ${row.title}`,
    text: [
      `Beste vertegenwoordiger van ${memberName},`,
      '',
      `Wij hebben nog geen reactie van ${memberName} ontvangen op de raadpleging "${row.title}".`,
      `U kunt reageren tot ${deadline(row)}: ${consultationUrl(n.config, row.id)}`,
      '',
      'Een opgeslagen concept telt pas als het is verstuurd.',
      '',
      row.owner,
    ].join('\n'),
  }));
}

/**
 * Tells everyone who submitted for a member what the association did with the result. Keyed by the
 * moment the outcome was recorded: recording it again sends an update, re-running the same does not.
 */
export async function sendOutcome(n: Notifier, row: ConsultationRow): Promise<number> {
  const outcome = outcomeOf(row);
  if (!outcome) return 0;
  return atomically(n, (n) => tellOutcome(n, row, outcome));
}

async function tellOutcome(n: Notifier, row: ConsultationRow, outcome: NonNullable<ReturnType<typeof outcomeOf>>): Promise<number> {
  const responses = await n.db
    .selectFrom('consultation_responses as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.member_id', 'p.email', 'p.disabled_at'])
    .where('r.consultation_id', '=', row.id)
    .where('r.status', '=', 'submitted')
    .execute();
  const claimed = new Set(
    await claim(
      n.db,
      row.id,
      responses.map((r) => r.member_id),
      `outcome-${outcome.recordedAt}`,
    ),
  );
  const names = await memberNames(n.db, row.id, [...claimed]);
  const mails = responses
    .filter((r) => claimed.has(r.member_id) && !r.disabled_at)
    .map((r) => ({
      to: r.email,
      subject: `Uitkomst ledenraadpleging: ${row.title}`,
      text: [
        `Beste vertegenwoordiger van ${names.get(r.member_id) ?? ''},`,
        '',
        `Dank voor de reactie van ${names.get(r.member_id) ?? 'uw lid'} op de raadpleging "${row.title}". Dit is wat de vereniging met de uitkomst heeft gedaan:`,
        '',
        OUTCOME_LABELS[outcome.kind],
        outcome.text,
        '',
        `Meer: ${consultationUrl(n.config, row.id)}`,
        '',
        row.owner,
      ].join('\n'),
    }));
  return enqueue(n.db, row, mails);
}

async function mail(
  n: Notifier,
  row: ConsultationRow,
  memberIds: readonly string[],
  now: Date,
  compose: (memberName: string) => Omit<Mail, 'to'>,
): Promise<number> {
  if (!memberIds.length) return 0;
  const offices = await answeringOffices(n.db, row, today('Europe/Amsterdam', now), { memberIds });
  return enqueue(n.db, row, mailsTo(offices, await memberNames(n.db, row.id, memberIds), compose));
}

/**
 * One round of the scheduler: invitations for open consultations, and each reminder whose moment
 * (closesAt minus its hours) has come, if that moment falls inside the period at all.
 */
export async function notificationRound(n: Notifier, now: Date): Promise<{ invitations: number; reminders: number }> {
  const open = await n.db
    .selectFrom('consultations')
    .selectAll()
    .where('launched_at', 'is not', null)
    .where('opens_at', '<=', now)
    .where('closes_at', '>', now)
    .execute();
  let invitations = 0;
  let reminders = 0;
  for (const row of open) {
    invitations += await sendInvitations(n, row, now);
    for (const hours of row.reminder_hours) {
      const moment = row.closes_at.getTime() - hours * 3_600_000;
      // Keyed by the deadline as well: after an extension the reminder is due again before the new one.
      if (moment > row.opens_at.getTime() && moment <= now.getTime())
        reminders += await sendReminders(n, row, `reminder-${hours}-${row.closes_at.toISOString()}`, now);
    }
  }
  return { invitations, reminders };
}

export const SCHEDULER_INTERVAL_MS = 30_000;

/** Runs rounds on an interval; a round still running is not overlapped, and errors are logged, not thrown. */
export function startScheduler(n: Notifier, log: FastifyBaseLogger, intervalMs = SCHEDULER_INTERVAL_MS): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    notificationRound(n, new Date())
      .catch((error: unknown) => log.error({ err: error }, 'consultation notifications failed'))
      .finally(() => (running = false));
  }, intervalMs);
  // The scheduler never keeps the process alive on its own.
  timer.unref();
  return () => clearInterval(timer);
}
