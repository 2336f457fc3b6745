import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Counter } from 'prom-client';
import type { Config } from './config.js';
import { Problem, text } from './errors.js';

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

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Sends through SMTP when SMTP_URL is set. Without it (the embedded demo) the mail is written to
 * the log, so an operator can still follow an invitation or reset link.
 */
export function createMailer(config: Config, log: FastifyBaseLogger, counted?: Pick<Counter<'outcome'>, 'inc'>): Mailer {
  const transport: Transporter | undefined = config.SMTP_URL
    ? // Short timeouts: a person waits for the answer, and an unreachable server should say so quickly.
      nodemailer.createTransport({ url: config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
    : undefined;
  if (!transport) log.warn('SMTP_URL is not set: invitation and password-reset mails, links included, are written to this log');
  return {
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
        counted?.inc({ outcome: 'failed' });
        log.error({ err: error, to: mail.to }, 'mail could not be sent');
        // Callers send inside their transaction, so this also undoes what the mail was about.
        throw new Problem(
          503,
          'mail-unavailable',
          text('E-mail niet verstuurd', 'E-mail not sent'),
          text(
            'De e-mailserver is niet bereikbaar; er is niets gewijzigd. Probeer het later opnieuw.',
            'The mail server cannot be reached; nothing was changed. Try again later.',
          ),
        );
      }
    },
  };
}
