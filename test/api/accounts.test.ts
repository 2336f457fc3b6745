import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import { resetMailKey } from '../../src/core/auth/attempts.js';
import { totpAt } from '../../src/core/auth/totp.js';
import { authHeaders, createTestApp, withFiveMembers, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { startMailbox, tokenFrom, type Mailbox } from '../support/mailbox.js';

let t: TestApp;
let mailbox: Mailbox;
let members: Awaited<ReturnType<typeof withFiveMembers>>;
const password = 'een lang wachtwoord';

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await createTestApp({ config: { SMTP_URL: mailbox.url, PUBLIC_URL: 'https://verenigd.example', LOGIN_RATE_LIMIT_PER_MINUTE: 5 } });
  members = await withFiveMembers(t);
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

const login = (body: object) => t.app.inject({ method: 'POST', url: '/api/v1/session', payload: body });
const actions = async (action: string) =>
  (await t.database.db.selectFrom('audit_log').select('entity_id').where('action', '=', action).execute()).map((r) => r.entity_id);

describe(`TOTP second factor (${TEST_DB})`, () => {
  it('is set up with a code from the app, then asked at every sign-in', async () => {
    const email = 'totp@test.example';
    await createPerson(t.database.db, systemActor('test'), { email, name: 'Tweede Factor', password });
    const headers = authHeaders(await login({ email, password }));

    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/session/totp', headers });
    expect(setup.statusCode).toBe(201);
    const { secret, uri, qrCodeSvg } = setup.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Verenigd:totp%40test\.example\?/);
    expect(qrCodeSvg).toMatch(/^<svg/);

    // Not in force before it is confirmed.
    expect((await login({ email, password })).statusCode).toBe(201);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/totp/confirm',
      headers,
      payload: { code: totpAt(secret) === '000000' ? '111111' : '000000', currentPassword: password },
    });
    expect(wrong.statusCode).toBe(422);
    const confirmCode = totpAt(secret);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/session/totp/confirm', headers, payload: { code: confirmCode, currentPassword: password } }))
        .statusCode,
    ).toBe(204);

    const withoutCode = await login({ email, password });
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().type).toBe('/problems/totp-required');
    expect(withoutCode.cookies.find((c) => c.name === 'verenigd_session')).toBeUndefined();
    const badCode = await login({ email, password, totp: totpAt(secret) === '123456' ? '654321' : '123456' });
    expect(badCode.statusCode).toBe(401);
    expect(badCode.json().type).toBe('/problems/bad-credentials');
    // The code that confirmed the setup is spent; the next 30-second step's code works (one step of drift).
    expect((await login({ email, password, totp: confirmCode })).statusCode).toBe(401);
    const nextCode = totpAt(secret, Date.now() + 30_000);
    const withCode = await login({ email, password, totp: nextCode });
    expect(withCode.statusCode).toBe(201);
    // A code is good once: replaying it is refused.
    expect((await login({ email, password, totp: nextCode })).statusCode).toBe(401);
    expect(withCode.json().totpEnabled).toBe(true);
    expect(await actions('session.totp-enabled')).toHaveLength(1);

    // Turning it off asks for the password.
    const off = authHeaders(withCode);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/session/totp', headers: off, payload: { currentPassword: 'niet het wachtwoord' } })).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/session/totp', headers: off, payload: { currentPassword: password } })).statusCode).toBe(204);
    expect((await login({ email, password })).statusCode).toBe(201);
  });
});

describe(`password reset by e-mail (${TEST_DB})`, () => {
  it('mails a one-time link that sets a new password and ends other sessions', async () => {
    const email = 'vergeten@test.example';
    await createPerson(t.database.db, systemActor('test'), { email, name: 'Vergeetachtig', password });
    const oldSession = authHeaders(await login({ email, password }));

    const request = await t.app.inject({ method: 'POST', url: '/api/v1/session/password-reset', payload: { email: 'VERGETEN@test.example' } });
    expect(request.statusCode).toBe(202);
    const mail = await mailbox.next(email);
    expect(mail.subject).toBe('Nieuw wachtwoord voor Verenigd');
    expect(mail.text).toContain('https://verenigd.example/wachtwoord#token=');
    const token = tokenFrom(mail);

    const tooShort = await t.app.inject({ method: 'PUT', url: '/api/v1/session/password', payload: { token, password: 'kort' } });
    expect(tooShort.statusCode).toBe(422);
    const set = await t.app.inject({ method: 'PUT', url: '/api/v1/session/password', payload: { token, password: 'een nieuw wachtwoord' } });
    expect(set.statusCode).toBe(204);
    expect((await login({ email, password })).statusCode).toBe(401);
    expect((await login({ email, password: 'een nieuw wachtwoord' })).statusCode).toBe(201);
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie: oldSession.cookie } })).statusCode).toBe(401);

    const again = await t.app.inject({ method: 'PUT', url: '/api/v1/session/password', payload: { token, password: 'nog een wachtwoord' } });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0].name).toBe('token');
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = mailbox.messages.length;
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/session/password-reset', payload: { email: 'onbekend@test.example' } });
    expect(response.statusCode).toBe(202);
    // The request is handled after the answer: wait until it has been counted; for an unknown address the work ends there.
    const counted = () =>
      t.database.db.selectFrom('attempt_counters').select('attempts').where('key', '=', resetMailKey('onbekend@test.example')).executeTakeFirst();
    await expect.poll(async () => (await counted())?.attempts).toBe(1);
    expect(mailbox.messages.length).toBe(before);
  });

  it('refuses an expired link', async () => {
    const email = 'verlopen@test.example';
    await createPerson(t.database.db, systemActor('test'), { email, name: 'Te Laat', password });
    await t.app.inject({ method: 'POST', url: '/api/v1/session/password-reset', payload: { email } });
    const token = tokenFrom(await mailbox.next(email));
    await t.database.db
      .updateTable('account_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const response = await t.app.inject({ method: 'PUT', url: '/api/v1/session/password', payload: { token, password: 'een nieuw wachtwoord' } });
    expect(response.statusCode).toBe(422);
  });
});

describe(`invitations (${TEST_DB})`, () => {
  it('lets staff invite a representative who sets a password at first login and may then act for the member', async () => {
    const staff = await t.signIn('staff');
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: staff,
      payload: { memberId: members.Middelburg, name: 'Karel Smit', email: 'k.smit@middelburg.example', kind: 'mayor', startDate: '2024-02-01' },
    });
    expect(invite.statusCode).toBe(201);
    // The inviting staff member chose the address, so a second pair of eyes confirms the designation (decision 0010).
    expect(invite.json()).toMatchObject({ newPerson: true, designationStatus: 'pending' });
    const mail = await mailbox.next('k.smit@middelburg.example');
    expect(mail.subject).toBe('Uitnodiging: namens Middelburg optreden in Verenigd');
    expect(mail.text).toContain('als burgemeester namens Middelburg');

    // No password yet: signing in fails until the link is used.
    expect((await login({ email: 'k.smit@middelburg.example', password })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/session/password', payload: { token: tokenFrom(mail), password } })).statusCode).toBe(204);
    expect((await login({ email: 'k.smit@middelburg.example', password })).json().person.roles).toEqual([]);
    const confirm = await t.app.inject({
      method: 'POST',
      url: `/api/v1/designations/${invite.json().designationId}/confirm`,
      headers: await t.signIn('admin'),
    });
    expect(confirm.statusCode).toBe(204);
    const session = await login({ email: 'k.smit@middelburg.example', password });
    expect(session.statusCode).toBe(201);
    expect(session.json().person.roles).toEqual(['representative']);
    const me = await t.app.inject({ url: '/api/v1/people/me', headers: authHeaders(session) });
    expect(me.json().offices).toMatchObject([
      { memberName: 'Middelburg', kind: 'mayor', active: true, designations: [{ startDate: '2024-02-01', active: true }] },
    ]);
    expect(await actions('person.invitation-accepted')).toEqual([invite.json().personId]);
  });

  it('refuses invalid input and leaves nothing behind', async () => {
    const staff = await t.signIn('staff');
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('people')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: { ...staff, 'accept-language': 'nl' },
      payload: { memberId: members.Utrecht, name: 'X', email: 'geen-adres', kind: 'koning' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { name: string }) => e.name)
        .sort(),
    ).toEqual(['email', 'kind']);
    const unknownMember = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: staff,
      payload: { memberId: '00000000-0000-4000-8000-000000000000', name: 'X', email: 'x@test.example', kind: 'mayor' },
    });
    expect(unknownMember.statusCode).toBe(422);
    expect(await count()).toBe(before);
  });

  it('records the invitation while the mail server is down, keeps its mail queued for a retry, and does not duplicate it when sent again', async () => {
    const broken = await createTestApp({ config: { SMTP_URL: 'smtp://127.0.0.1:1', MAIL_RETRY_BASE_SECONDS: 600 } });
    try {
      const ids = await withFiveMembers(broken);
      const staff = await broken.signIn('staff');
      const invite = () =>
        broken.app.inject({
          method: 'POST',
          url: '/api/v1/invitations',
          headers: { ...staff, 'accept-language': 'nl' },
          payload: { memberId: ids.Utrecht, name: 'Niet Bezorgd', email: 'weg@test.example', kind: 'alderman' },
        });
      expect((await invite()).statusCode).toBe(201);
      expect((await invite()).statusCode).toBe(201);
      await broken.app.mailQueue.drain();
      const db = broken.database.db;
      // Both mails tried once and waiting for their retry (ten minutes from now), with the server's answer.
      const mails = await db
        .selectFrom('mail_outbox')
        .select(['status', 'attempts', 'next_attempt_at', 'last_error'])
        .where('recipient', '=', 'weg@test.example')
        .execute();
      expect(mails).toHaveLength(2);
      for (const mail of mails) {
        expect(mail).toMatchObject({ status: 'queued', attempts: 1, last_error: expect.stringMatching(/ECONNREFUSED|connect/) });
        expect(mail.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 500_000);
      }
      const people = await db.selectFrom('people').select('id').where('email', '=', 'weg@test.example').execute();
      expect(people).toHaveLength(1);
      const offices = await db.selectFrom('offices').select('id').where('person_id', '=', people[0]!.id).execute();
      expect(offices).toHaveLength(1);
      expect(await db.selectFrom('designations').select('id').where('office_id', '=', offices[0]!.id).execute()).toHaveLength(1);
      // Only the newest link works.
      const links = await db.selectFrom('account_tokens').select('used_at').where('person_id', '=', people[0]!.id).orderBy('created_at').execute();
      expect(links.map((l) => l.used_at === null)).toEqual([false, true]);
    } finally {
      await broken.close();
    }
  });
});
