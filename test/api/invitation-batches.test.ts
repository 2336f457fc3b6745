import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import { addDesignation } from '../../src/people/designations.js';
import { addOffice } from '../../src/people/offices.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { startMailbox, tokenFrom, type Mailbox } from '../support/mailbox.js';

/**
 * Invitations in bulk (issue 16): one action queues every invitation and answers 202 at once; the
 * batch shows each person invited → opened → activated, or bounced; a resend gives a fresh link and
 * the old one stops working.
 */
let mailbox: Mailbox;
let t: TestApp;
let staff: AuthHeaders;
let members: Awaited<ReturnType<typeof withFiveMembers>>;
const people: Record<string, string> = {};
const actor = systemActor('test');

async function representative(name: string, email: string, memberId: string) {
  const { id } = await createPerson(t.database.db, actor, { email, name });
  const officeId = await addOffice(t.database.db, actor, id, { memberId, kind: 'mayor', startDate: '2024-01-01' });
  await addDesignation(t.database.db, actor, { officeId, startDate: '2024-01-01' });
  people[name] = id;
}

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: object = staff) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, 'accept-language': 'nl' }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  mailbox = await startMailbox({ refuse: (address) => address.startsWith('onbekend') });
  // No sender of its own: the test delivers with drain(), so it sees what the request alone did.
  t = await createTestApp({ config: { SMTP_URL: mailbox.url, PUBLIC_URL: 'https://verenigd.example', MAIL_QUEUE_INTERVAL_SECONDS: 0 } });
  members = await withFiveMembers(t);
  staff = await t.signIn('staff');
  await representative('Anna Utrecht', 'anna@utrecht.example', members.Utrecht);
  await representative('Bart Groningen', 'bart@groningen.example', members.Groningen);
  await representative('Cor Vlissingen', 'cor@vlissingen.example', members.Vlissingen);
  await representative('Onbekend Middelburg', 'onbekend@middelburg.example', members.Middelburg);
  // Already has an account: not among "without an account".
  await t.signInPerson({ representativeOf: members.Amsterdam });
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

const statuses = async (batch: string, status?: string) =>
  Object.fromEntries(
    ((await api('GET', `/invitation-batches/${batch}/invitations${status ? `?status=${status}` : ''}`)).json().items as { name: string; status: string }[]).map(
      (i) => [i.name, i.status],
    ),
  );

describe(`invitations in bulk (${TEST_DB})`, () => {
  let batch: string;

  it('queues an invitation for every representative without an account and answers at once', async () => {
    const response = await api('POST', '/invitation-batches', { scope: 'without-account' });
    expect(response.statusCode).toBe(202);
    batch = response.json().id;
    expect(response.json()).toEqual({ id: batch, total: 4, status: `/api/v1/invitation-batches/${batch}` });
    expect(response.headers.location).toBe(`/api/v1/invitation-batches/${batch}`);
    // Nothing sent yet: the request only queued.
    expect(mailbox.messages).toHaveLength(0);
    const summary = (await api('GET', `/invitation-batches/${batch}`)).json();
    expect(summary).toMatchObject({ total: 4, counts: { invited: 4, opened: 0, activated: 0, bounced: 0 }, mails: { queued: 4, sent: 0 } });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'invitation-batch.sent')
      .where('entity_id', '=', batch)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ total: 4, selection: { scope: 'without-account' } });
  });

  it('shows progress per person: delivered, bounced, opened, activated', async () => {
    await t.app.mailQueue.drain();
    expect((await api('GET', `/invitation-batches/${batch}`)).json()).toMatchObject({
      counts: { invited: 3, opened: 0, activated: 0, bounced: 1 },
      mails: { queued: 0, sent: 3, bounced: 1 },
    });
    const mail = await mailbox.next('anna@utrecht.example');
    expect(mail.subject).toBe('Uitnodiging: namens Utrecht optreden in Verenigd');
    expect(mail.text).toContain('Kies via deze link uw wachtwoord');
    const token = tokenFrom(mail);
    expect((await api('POST', '/session/password-link/opened', { token }, {})).statusCode).toBe(204);
    expect((await statuses(batch))['Anna Utrecht']).toBe('opened');
    expect((await api('PUT', '/session/password', { token, password: 'een lang wachtwoord' }, {})).statusCode).toBe(204);
    expect(await statuses(batch)).toEqual({
      'Anna Utrecht': 'activated',
      'Bart Groningen': 'invited',
      'Cor Vlissingen': 'invited',
      'Onbekend Middelburg': 'bounced',
    });
    expect(await statuses(batch, 'bounced')).toEqual({ 'Onbekend Middelburg': 'bounced' });
    const bounced = (await api('GET', `/invitation-batches/${batch}/invitations?status=bounced`)).json().items[0];
    expect(bounced).toMatchObject({ mailStatus: 'bounced', lastError: expect.stringContaining('550') });
  });

  it('resends one person a fresh link; the old one no longer works', async () => {
    const old = tokenFrom(await mailbox.next('bart@groningen.example'));
    const response = await api('POST', `/invitation-batches/${batch}/resend`, { personIds: [people['Bart Groningen']] });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ resent: 1 });
    await t.app.mailQueue.drain();
    const fresh = tokenFrom(await mailbox.next('bart@groningen.example'));
    expect(fresh).not.toBe(old);
    const refused = await api('PUT', '/session/password', { token: old, password: 'een lang wachtwoord' }, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('ongeldig');
    expect((await api('PUT', '/session/password', { token: fresh, password: 'een lang wachtwoord' }, {})).statusCode).toBe(204);
    expect((await statuses(batch))['Bart Groningen']).toBe('activated');
  });

  it('resends to everyone not activated, and refuses whom the batch does not hold', async () => {
    const response = await api('POST', `/invitation-batches/${batch}/resend`, {});
    expect(response.json()).toEqual({ resent: 2 });
    await t.app.mailQueue.drain();
    expect((await mailbox.next('cor@vlissingen.example')).subject).toContain('Vlissingen');
    expect((await api('GET', `/invitation-batches/${batch}`)).json().counts).toEqual({ invited: 1, opened: 0, activated: 2, bounced: 1 });
    const stranger = await api('POST', `/invitation-batches/${batch}/resend`, { personIds: [people['Anna Utrecht'], crypto.randomUUID()] });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().title).toBeTruthy();
  });

  it("invites one member's representatives, refuses an empty selection, and is for staff", async () => {
    const member = await api('POST', '/invitation-batches', { scope: 'member', memberId: members.Vlissingen });
    expect(member.json().total).toBe(1);
    const empty = await api('POST', '/invitation-batches', { scope: 'member', memberId: members.Amsterdam });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().detail).toBe('Er is niemand om uit te nodigen in deze selectie.');
    expect((await api('POST', '/invitation-batches', { scope: 'member' })).statusCode).toBe(400);
    const before = await t.database.db.selectFrom('invitation_batches').select('id').execute();
    const representative = await t.signInPerson({ representativeOf: members.Utrecht });
    expect((await api('POST', '/invitation-batches', { scope: 'without-account' }, representative.headers)).statusCode).toBe(403);
    expect((await api('GET', `/invitation-batches/${batch}`, undefined, representative.headers)).statusCode).toBe(403);
    expect(await t.database.db.selectFrom('invitation_batches').select('id').execute()).toHaveLength(before.length);
    const list = (await api('GET', '/invitation-batches')).json();
    expect(list.total).toBe(2);
    expect(list.items[0].id).toBe(member.json().id);
  });
});
