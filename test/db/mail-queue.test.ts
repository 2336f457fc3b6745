import { randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import type { DatabaseHandle } from '../../src/core/db/database.js';
import { createMailer, MailDeliveryError, type Mail, type Mailer } from '../../src/core/mail.js';
import { backoffSeconds, createMailQueue, enqueueMail, enqueueMails, MAIL_PRIORITY, mailCounts, type MailSenderConfig } from '../../src/core/mail-queue.js';
import { createTestApp } from '../support/app.js';
import { createTestDatabase, openSecondHandle, TEST_DB, type TestDatabase } from '../support/database.js';
import { startMailbox } from '../support/mailbox.js';

/**
 * The mail queue (src/core/mail-queue.ts): a mail exists exactly when its transaction committed; the
 * sender retries with exponential backoff up to MAIL_MAX_ATTEMPTS, marks a 5xx refusal bounced, keeps
 * attachments byte for byte, and two senders on one database never send a mail twice.
 */
let database: TestDatabase;
const silent = { info() {}, warn() {}, error() {} };
const config: MailSenderConfig = { MAIL_QUEUE_INTERVAL_SECONDS: 0, MAIL_MAX_ATTEMPTS: 3, MAIL_RETRY_BASE_SECONDS: 60 };

/** A transport that records what it is given and answers from a script: 'ok', 'later' (4xx, a timeout) or 'never' (5xx). */
function scripted(script: Array<'ok' | 'later' | 'never'> = [], delayMs = 0) {
  const delivered: Mail[] = [];
  const mailer: Mailer = {
    async send(mail) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      const outcome = script.shift() ?? 'ok';
      if (outcome === 'later') throw new MailDeliveryError('451 try again later', false, 451);
      if (outcome === 'never') throw new MailDeliveryError('550 no such mailbox', true, 550);
      delivered.push(mail);
    },
  };
  return { mailer, delivered };
}

const mail = (to: string, extra: Partial<Parameters<typeof enqueueMail>[1]> = {}) => ({ to, subject: `Aan ${to}`, text: 'Tekst', kind: 'test', ...extra });
const row = (id: string) => database.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** Moves a waiting retry to now, as if its time had come. */
const due = (id: string) =>
  database.db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: new Date(Date.now() - 1000) })
    .where('id', '=', id)
    .execute();

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.db.deleteFrom('mail_outbox').execute();
});

describe(`mail queue (${TEST_DB})`, () => {
  it('holds a mail only when its transaction commits', async () => {
    const { mailer, delivered } = scripted();
    const queue = createMailQueue(database.db, mailer, config, silent);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, mail('weg@test.example'));
        throw new Error('the action fails');
      }),
    ).rejects.toThrow('the action fails');
    await database.db.transaction().execute((trx) => enqueueMail(trx, mail('blijft@test.example')));
    await queue.drain();
    expect(delivered.map((m) => m.to)).toEqual(['blijft@test.example']);
    expect(await mailCounts(database.db)).toEqual({ queued: 0, sending: 0, sent: 1, failed: 0, bounced: 0 });
  });

  it('retries a mail the server could not take, waiting twice as long each time, until it is sent', async () => {
    const { mailer, delivered } = scripted(['later', 'later', 'ok']);
    const queue = createMailQueue(database.db, mailer, config, silent);
    const id = await enqueueMail(database.db, mail('later@test.example'));
    for (const [attempt, waitSeconds] of [
      [1, 60],
      [2, 120],
    ] as const) {
      const before = Date.now();
      await queue.drain();
      const waiting = await row(id);
      expect(waiting).toMatchObject({ status: 'queued', attempts: attempt, last_error: '451 try again later' });
      const wait = (waiting.next_attempt_at.getTime() - before) / 1000;
      expect(wait).toBeGreaterThanOrEqual(waitSeconds - 1);
      expect(wait).toBeLessThan(waitSeconds + 5);
      // Not due yet: a round leaves it alone.
      await queue.drain();
      expect((await row(id)).attempts).toBe(attempt);
      await due(id);
    }
    await queue.drain();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, last_error: null, locked_until: null });
    expect((await row(id)).sent_at).toBeInstanceOf(Date);
    expect(delivered).toHaveLength(1);
    expect(backoffSeconds(10, 60)).toBe(6 * 3600);
  });

  it('marks a mail failed when its attempts run out, and bounced at once on a permanent refusal', async () => {
    const { mailer } = scripted(['later', 'later', 'later', 'never']);
    const queue = createMailQueue(database.db, mailer, config, silent);
    const failing = await enqueueMail(database.db, mail('failing@test.example'));
    for (let i = 0; i < 3; i += 1) {
      await queue.drain();
      await due(failing);
    }
    expect(await row(failing)).toMatchObject({ status: 'failed', attempts: 3 });
    const refused = await enqueueMail(database.db, mail('refused@test.example'));
    await queue.drain();
    expect(await row(refused)).toMatchObject({ status: 'bounced', attempts: 1, last_error: '550 no such mailbox' });
    await due(failing);
    await due(refused);
    await queue.drain();
    expect(await mailCounts(database.db)).toEqual({ queued: 0, sending: 0, sent: 0, failed: 1, bounced: 1 });
  });

  it('keeps attachments byte for byte: a calendar file and a binary PDF', async () => {
    const { mailer, delivered } = scripted();
    const queue = createMailQueue(database.db, mailer, config, silent);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096), Buffer.from([0, 255, 0, 254])]);
    const ics = 'BEGIN:VCALENDAR\r\nSUMMARY:Vergadering één\r\nEND:VCALENDAR\r\n';
    await enqueueMail(
      database.db,
      mail('bijlagen@test.example', {
        attachments: [
          { filename: 'alv.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' },
          { filename: 'stukken.pdf', content: pdf, contentType: 'application/pdf' },
        ],
      }),
    );
    await queue.drain();
    const [calendar, document] = delivered[0]!.attachments!;
    expect(calendar).toMatchObject({ filename: 'alv.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH' });
    expect((calendar!.content as Buffer).toString('utf8')).toBe(ics);
    expect(document).toMatchObject({ filename: 'stukken.pdf', contentType: 'application/pdf' });
    expect(Buffer.compare(document!.content as Buffer, pdf)).toBe(0);
  });

  it('sends urgent mails first, and takes up a mail whose sender died while sending', async () => {
    const { mailer, delivered } = scripted();
    const queue = createMailQueue(database.db, mailer, config, silent);
    await enqueueMails(
      database.db,
      Array.from({ length: 15 }, (_, i) => mail(`bulk-${i}@test.example`, { priority: MAIL_PRIORITY.bulk })),
    );
    await enqueueMail(database.db, mail('reset@test.example', { priority: MAIL_PRIORITY.urgent }));
    const stale = await enqueueMail(database.db, mail('stale@test.example', { priority: MAIL_PRIORITY.bulk }));
    // Claimed by an instance that is gone: its claim ran out a minute ago.
    await database.db
      .updateTable('mail_outbox')
      .set({ status: 'sending', attempts: 1, locked_until: new Date(Date.now() - 60_000) })
      .where('id', '=', stale)
      .execute();
    await queue.drain();
    expect(delivered[0]!.to).toBe('reset@test.example');
    expect(delivered).toHaveLength(17);
    expect(await row(stale)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks a 5xx answer of a real SMTP server bounced and a 4xx answer for retry', async () => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('unknown')) return callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
        if (address.address.startsWith('busy')) return callback(Object.assign(new Error('mailbox busy'), { responseCode: 450 }));
        callback();
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as { port: number }).port;
    const smtp = createMailer({ ...loadConfig({}), SMTP_URL: `smtp://127.0.0.1:${port}` }, silent as never);
    try {
      const queue = createMailQueue(database.db, smtp, config, silent);
      const [unknown, busy, fine] = await enqueueMails(database.db, [mail('unknown@test.example'), mail('busy@test.example'), mail('fine@test.example')]);
      await queue.drain();
      expect(await row(unknown!)).toMatchObject({ status: 'bounced', attempts: 1 });
      expect((await row(unknown!)).last_error).toContain('550');
      expect(await row(busy!)).toMatchObject({ status: 'queued', attempts: 1 });
      expect(await row(fine!)).toMatchObject({ status: 'sent' });
    } finally {
      smtp.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('never sends a mail twice with two senders on one database', async () => {
    const other: DatabaseHandle | undefined = TEST_DB === 'postgres' ? await openSecondHandle(database) : undefined;
    try {
      const first = scripted([], 5);
      const second = scripted([], 5);
      const queues = [createMailQueue(database.db, first.mailer, config, silent), createMailQueue((other ?? database).db, second.mailer, config, silent)];
      await enqueueMails(
        database.db,
        Array.from({ length: 60 }, (_, i) => mail(`lid-${i}@test.example`, { priority: MAIL_PRIORITY.bulk })),
      );
      await Promise.all(queues.map((q) => q.drain()));
      const all = [...first.delivered, ...second.delivered].map((m) => m.to);
      expect(all).toHaveLength(60);
      expect(new Set(all).size).toBe(60);
      if (other) {
        // Both instances took part.
        expect(first.delivered.length).toBeGreaterThan(0);
        expect(second.delivered.length).toBeGreaterThan(0);
      }
      expect((await mailCounts(database.db)).sent).toBe(60);
    } finally {
      await other?.close();
    }
  });
});

describe(`mail queue in the app (${TEST_DB})`, () => {
  it('sends in the background after an enqueue, wakes at once, shows in the metrics and stops with the app', async () => {
    const mailbox = await startMailbox();
    const token = 'metrics-token-0123456789';
    const t = await createTestApp({ config: { SMTP_URL: mailbox.url, METRICS_TOKEN: token, MAIL_QUEUE_INTERVAL_SECONDS: 3600 } });
    try {
      // The interval is an hour: only the wake-up on enqueue (NOTIFY at commit) can deliver this in time.
      await t.database.db.transaction().execute((trx) => enqueueMail(trx, mail('wakker@test.example')));
      expect((await mailbox.next('wakker@test.example', 5000)).subject).toBe('Aan wakker@test.example');
      await t.app.mailQueue.drain();
      const metrics = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(metrics.body).toContain('verenigd_mail_queue{status="sent"} 1');
      expect(metrics.body).toContain('verenigd_mail_queue{status="queued"} 0');
      expect(metrics.body).toContain('verenigd_mails_total{outcome="sent"} 1');
    } finally {
      await t.close();
      await mailbox.close();
    }
  });

  it('writes the mail to the log without SMTP_URL and counts it sent', async () => {
    const lines: string[] = [];
    const t = await createTestApp({ config: { MAIL_QUEUE_INTERVAL_SECONDS: 0 } });
    try {
      const queue = createMailQueue(
        t.database.db,
        createMailer(loadConfig({}), { info: (o: object) => lines.push(JSON.stringify(o)), warn() {} } as never),
        config,
        silent,
      );
      await enqueueMail(t.database.db, mail('demo@test.example', { text: 'Kies uw wachtwoord: http://localhost:3000/wachtwoord#token=abc' }));
      await queue.drain();
      expect(lines.join('\n')).toContain('wachtwoord#token=abc');
      expect((await mailCounts(t.database.db)).sent).toBe(1);
    } finally {
      await t.close();
    }
  });
});
