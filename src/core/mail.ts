import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Counter } from 'prom-client';
import type { Config } from './config.js';

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  /** e.g. 'text/calendar; charset=utf-8; method=PUBLISH' */
  contentType?: string;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

/**
 * Hands one mail to the SMTP server. Features never call it: they enqueue (src/core/mail-queue.ts)
 * in their transaction, and the queue's sender delivers through this.
 */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** A delivery that did not succeed; `permanent` when the SMTP server refused it with a 5xx answer (a bounce). */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/** A 5xx SMTP answer is permanent (retrying gives the same answer); a 4xx answer, a timeout or a refused connection is worth a retry. */
export function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends through SMTP when SMTP_URL is set. Without it (the embedded demo) the mail is written to
 * the log, so an operator can still follow an invitation or reset link.
 */
export function createMailer(config: Config, log: FastifyBaseLogger, counted?: Pick<Counter<'outcome'>, 'inc'>): Mailer & { close(): void } {
  const transport: Transporter | undefined = config.SMTP_URL
    ? // A small pool: the queue's sender delivers a few at a time; short timeouts make an unreachable server a quick retry.
      nodemailer.createTransport({
        url: config.SMTP_URL,
        pool: true,
        maxConnections: 5,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : undefined;
  if (!transport) log.warn('SMTP_URL is not set: invitation and password-reset mails, links included, are written to this log');
  return {
    close: () => transport?.close(),
    async send(mail) {
      if (!transport) {
        // Attachments are named, not dumped: the log is for following links, not for files.
        const { attachments, ...logged } = mail;
        log.info({ mail: { ...logged, ...(attachments ? { attachments: attachments.map((a) => a.filename) } : {}) } }, 'mail not sent: SMTP_URL is not set');
        counted?.inc({ outcome: 'logged' });
        return;
      }
      try {
        await transport.sendMail({
          from: config.MAIL_FROM,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.attachments ? { attachments: mail.attachments } : {}),
        });
        counted?.inc({ outcome: 'sent' });
      } catch (error) {
        const permanent = isPermanent(error);
        counted?.inc({ outcome: permanent ? 'bounced' : 'failed' });
        const responseCode = (error as { responseCode?: number }).responseCode;
        throw new MailDeliveryError(error instanceof Error ? error.message : String(error), permanent, responseCode);
      }
    },
  };
}
