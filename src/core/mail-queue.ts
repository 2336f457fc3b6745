import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from './config.js';
import type { Database, MailStatus, StoredAttachment } from './db/schema.js';
import { inTransaction } from './db/transaction.js';
import { publish, type EventBus } from './events.js';
import { MailDeliveryError, type Mail, type Mailer } from './mail.js';

/**
 * The mail queue, a transactional outbox. Callers enqueue in the transaction of the action a mail
 * is about, so the mail exists exactly when the action committed (a rolled-back action leaves no
 * mail, a committed one cannot lose it); the sender delivers in the background with retries.
 *
 * Each round claims a few due mails in a short transaction (rows locked with SKIP LOCKED, so
 * instances on one PostgreSQL never claim the same mail and never wait for each other), delivers them
 * outside any transaction, then records each outcome. A claim lasts CLAIM_MINUTES: a mail whose
 * instance died while sending is taken up again afterwards (delivery is at least once).
 */

type Db = Kysely<Database> | Transaction<Database>;

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'bounced'] as const satisfies readonly MailStatus[];
export type MailCounts = Record<MailStatus, number>;

/** Event topic published (at commit) with every enqueue: the senders of every instance wake. */
export const MAIL_QUEUED = 'mail.queued';

/** Priorities: a sign-in or reset link goes before a convocation to 342 members. */
export const MAIL_PRIORITY = { bulk: 0, normal: 5, urgent: 10 } as const;

export interface QueuedMail extends Mail {
  /** What the mail is for: invitation, password-reset, convocation, consultation, ... */
  kind: string;
  /** The record it is about, for status counts on that record's page. */
  about?: { type: string; id: string };
  priority?: number;
}

const CLAIM_MINUTES = 5;
const CLAIM_BATCH = 10;
const MAX_BACKOFF_SECONDS = 6 * 3600;
const INSERT_CHUNK = 200;

/** Puts mails in the queue, in the caller's transaction when it passes one; returns their ids in order. */
export async function enqueueMails(db: Db, mails: readonly QueuedMail[]): Promise<string[]> {
  if (mails.length === 0) return [];
  const ids = mails.map(() => randomUUID());
  await inTransaction(db as Kysely<Database>, async (trx) => {
    for (let start = 0; start < mails.length; start += INSERT_CHUNK) {
      await trx
        .insertInto('mail_outbox')
        .values(
          mails.slice(start, start + INSERT_CHUNK).map((mail, i) => ({
            id: ids[start + i]!,
            recipient: mail.to,
            subject: mail.subject,
            body: mail.text,
            attachments: JSON.stringify((mail.attachments ?? []).map(storeAttachment)),
            kind: mail.kind,
            about_type: mail.about?.type ?? null,
            about_id: mail.about?.id ?? null,
            priority: mail.priority ?? MAIL_PRIORITY.normal,
          })),
        )
        .execute();
    }
    // Delivered at commit, dropped on rollback: nobody wakes for a mail that does not exist.
    await publish(trx, MAIL_QUEUED, {});
  });
  return ids;
}

export async function enqueueMail(db: Db, mail: QueuedMail): Promise<string> {
  return (await enqueueMails(db, [mail]))[0]!;
}

function storeAttachment(a: NonNullable<Mail['attachments']>[number]): StoredAttachment {
  const content = typeof a.content === 'string' ? Buffer.from(a.content, 'utf8') : a.content;
  return { filename: a.filename, ...(a.contentType ? { contentType: a.contentType } : {}), content: content.toString('base64') };
}

/** Mails per status, of everything or of the mails about one record. */
export async function mailCounts(db: Db, about?: { type: string; id: string }): Promise<MailCounts> {
  let query = db
    .selectFrom('mail_outbox')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('status');
  if (about) query = query.where('about_type', '=', about.type).where('about_id', '=', about.id);
  const counts = Object.fromEntries(MAIL_STATUSES.map((s) => [s, 0])) as MailCounts;
  for (const row of await query.execute()) counts[row.status] = Number(row.n);
  return counts;
}

/** Seconds to wait before retry `attempt` (1 = the first retry): base, 2×base, 4×base, ..., capped at six hours. */
export function backoffSeconds(attempt: number, baseSeconds: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, baseSeconds * 2 ** Math.max(0, attempt - 1));
}

interface Claimed {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  attachments: StoredAttachment[];
  attempts: number;
  priority: number;
  next_attempt_at: Date;
}

/** Claims up to `limit` due mails: queued ones whose time has come, and sending ones whose claim ran out. */
async function claim(db: Kysely<Database>, limit: number): Promise<Claimed[]> {
  const rows = await db.transaction().execute((trx) =>
    trx
      .updateTable('mail_outbox')
      .set((eb) => ({
        status: 'sending',
        attempts: eb('attempts', '+', 1),
        updated_at: sql<Date>`now()`,
        locked_until: sql<Date>`now() + make_interval(mins => ${CLAIM_MINUTES})`,
      }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('mail_outbox')
          .select('id')
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'queued'), w('next_attempt_at', '<=', sql<Date>`now()`)]),
              w.and([w('status', '=', 'sending'), w('locked_until', '<', sql<Date>`now()`)]),
            ]),
          )
          .orderBy('priority', 'desc')
          .orderBy('next_attempt_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'recipient', 'subject', 'body', 'attachments', 'attempts', 'priority', 'next_attempt_at'])
      .execute(),
  );
  // RETURNING keeps no order: the most urgent first, then the longest waiting.
  return rows.sort((a, b) => b.priority - a.priority || a.next_attempt_at.getTime() - b.next_attempt_at.getTime());
}

export type MailSenderConfig = Pick<Config, 'MAIL_QUEUE_INTERVAL_SECONDS' | 'MAIL_MAX_ATTEMPTS' | 'MAIL_RETRY_BASE_SECONDS'>;

export interface MailSenderLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface MailQueue {
  /** Starts a round now when this instance sends (MAIL_QUEUE_INTERVAL_SECONDS > 0); every enqueue also wakes every instance's sender by NOTIFY. */
  wake(): void;
  /** Delivers everything due now and resolves when nothing due is left (tests, the CLI); retries not yet due wait. */
  drain(): Promise<void>;
  /** Starts the periodic rounds and listens for enqueues of other instances. */
  start(events?: EventBus): void;
  /** Stops taking new mails and waits for the round in progress. */
  stop(): Promise<void>;
}

export function createMailQueue(db: Kysely<Database>, mailer: Mailer, config: MailSenderConfig, log: MailSenderLog): MailQueue {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let started = false;

  const deliver = async (mail: Claimed) => {
    try {
      await mailer.send({
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        ...(mail.attachments.length
          ? {
              attachments: mail.attachments.map((a) => ({
                filename: a.filename,
                content: Buffer.from(a.content, 'base64'),
                ...(a.contentType ? { contentType: a.contentType } : {}),
              })),
            }
          : {}),
      });
      await settle(mail, { status: 'sent', sent_at: new Date(), last_error: null });
    } catch (error) {
      const permanent = error instanceof MailDeliveryError && error.permanent;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      if (permanent) {
        log.warn({ mailId: mail.id, to: mail.recipient, err: message }, 'mail bounced: the mail server refused it');
        await settle(mail, { status: 'bounced', last_error: message });
      } else if (mail.attempts >= config.MAIL_MAX_ATTEMPTS) {
        log.error({ mailId: mail.id, to: mail.recipient, attempts: mail.attempts, err: message }, 'mail failed: no attempts left');
        await settle(mail, { status: 'failed', last_error: message });
      } else {
        const wait = backoffSeconds(mail.attempts, config.MAIL_RETRY_BASE_SECONDS);
        log.warn({ mailId: mail.id, to: mail.recipient, attempts: mail.attempts, retryInSeconds: wait, err: message }, 'mail not sent; will retry');
        await settle(mail, { status: 'queued', last_error: message, next_attempt_at: new Date(Date.now() + wait * 1000) });
      }
    }
  };

  // Only the claim that is still ours: a mail taken up again after an expired claim is someone else's now.
  const settle = async (mail: Claimed, change: { status: MailStatus; sent_at?: Date; last_error: string | null; next_attempt_at?: Date }) => {
    await db
      .updateTable('mail_outbox')
      .set({ ...change, locked_until: null, updated_at: new Date() })
      .where('id', '=', mail.id)
      .where('status', '=', 'sending')
      .where('attempts', '=', mail.attempts)
      .execute();
  };

  const sendDue = async () => {
    while (!stopped) {
      const batch = await claim(db, CLAIM_BATCH);
      if (batch.length === 0) return;
      await Promise.all(batch.map(deliver));
    }
  };

  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await sendDue();
      } while (again && !stopped);
    })()
      .catch((error: unknown) => log.error({ err: error }, 'mail queue round failed; trying again next round'))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    wake: () => {
      if (started) kick();
    },
    async drain() {
      kick();
      while (running) await running;
    },
    start(events) {
      const seconds = config.MAIL_QUEUE_INTERVAL_SECONDS;
      if (seconds === 0 || stopped) return;
      started = true;
      unsubscribe = events?.subscribe(MAIL_QUEUED, () => kick());
      const tick = () => {
        kick();
        timer = setTimeout(tick, seconds * 1000);
        timer.unref();
      };
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe?.();
      while (running) await running;
    },
  };
}
