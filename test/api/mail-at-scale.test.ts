import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import { addDesignation } from '../../src/people/designations.js';
import { addOffice } from '../../src/people/offices.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';

/**
 * Mail at scale (issue 16): a convocation to 342 representatives answers as soon as its mails are
 * queued, with their calendar files; the queue then delivers them all, and the meeting shows the count.
 */
const RECIPIENTS = 342;
let mailbox: Mailbox;
let t: TestApp;
let staff: AuthHeaders;
let meetingId: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  // No sender of its own: what is queued when the answer comes is what the request alone did.
  t = await createTestApp({ config: { SMTP_URL: mailbox.url, MAIL_QUEUE_INTERVAL_SECONDS: 0 } });
  const members = Object.values(await withFiveMembers(t));
  staff = await t.signIn('staff');
  const actor = systemActor('test');
  await t.database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < RECIPIENTS; i += 1) {
      const { id } = await createPerson(trx, actor, { email: `raadslid-${i}@test.example`, name: `Raadslid ${i}` });
      const officeId = await addOffice(trx, actor, id, { memberId: members[i % members.length]!, kind: 'council-member', startDate: '2024-01-01' });
      await addDesignation(trx, actor, { officeId, startDate: '2024-01-01' });
    }
  });
  meetingId = randomUUID();
  await t.database.db
    .insertInto('meetings')
    .values({ id: meetingId, kind: 'alv', title: 'ALV op schaal', date: '2026-06-12', start_time: '10:00', location: 'Utrecht', mode: 'in-person' })
    .execute();
}, 120_000);
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

describe(`mail at scale (${TEST_DB})`, () => {
  it(`convenes ${RECIPIENTS} representatives by queueing, then delivers every mail in the background`, async () => {
    const started = Date.now();
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/meetings/${meetingId}/convocation`, headers: staff });
    const elapsed = Date.now() - started;
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ recipients: RECIPIENTS });
    // Queued, not sent: the request did not talk to the mail server.
    expect(elapsed).toBeLessThan(15_000);
    expect(mailbox.messages).toHaveLength(0);
    const mails = async () => (await t.app.inject({ url: `/api/v1/meetings/${meetingId}/mails`, headers: staff })).json();
    expect(await mails()).toEqual({ queued: RECIPIENTS, sending: 0, sent: 0, failed: 0, bounced: 0 });
    const queued = await t.database.db
      .selectFrom('mail_outbox')
      .select(['attachments', 'kind'])
      .where('about_id', '=', meetingId)
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(queued.kind).toBe('convocation');
    expect(Buffer.from(queued.attachments[0]!.content, 'base64').toString('utf8')).toMatch(/^BEGIN:VCALENDAR/);

    await t.app.mailQueue.drain();
    expect(await mails()).toEqual({ queued: 0, sending: 0, sent: RECIPIENTS, failed: 0, bounced: 0 });
    expect(new Set(mailbox.messages.map((m) => m.to)).size).toBe(RECIPIENTS);
  }, 120_000);
});
