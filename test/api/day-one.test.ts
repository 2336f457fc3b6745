import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { file2016 } from '../support/fixtures.js';
import { startMailbox, tokenFrom, type Mailbox } from '../support/mailbox.js';
import { postPeopleImport, registerCodes, representativesCsv } from '../support/people-import.js';

/**
 * Day one of a real association (issue 16), through the documented API only: an empty database, the
 * first-run path with the VNG template and the 2016 CBS file, 309 representatives imported from a
 * spreadsheet (dry run, apply, a second apply that changes nothing), their invitations sent in the
 * background, and 300 of them signing in from the hall's one address within a minute.
 */
let t: TestApp;
let mailbox: Mailbox;
let staff: AuthHeaders;
let admin: AuthHeaders;
const REPRESENTATIVES = 309;
const SIGNING_IN = 300;
const HALL = '192.0.2.20';
const password = 'een lang en goed wachtwoord';
let emails: string[] = [];

beforeAll(async () => {
  mailbox = await startMailbox();
  // The background sender at its normal pace: the test only waits, as staff would.
  t = await createTestApp({ profileFrom: null, config: { SMTP_URL: mailbox.url, PUBLIC_URL: 'https://verenigd.example' } });
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: object = staff) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, 'accept-language': 'nl' }, ...(payload ? { payload } : {}) });

async function inParallel<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

describe(`day one of an association, from an empty database (${TEST_DB})`, () => {
  it('sets the association up: an administrator, the VNG template, the 2016 CBS file', async () => {
    expect((await api('GET', '/setup', undefined, {})).json()).toMatchObject({ done: false, nextStep: 'create-administrator' });
    admin = await t.signIn('admin');
    staff = await t.signIn('staff');
    expect((await api('GET', '/setup')).json()).toMatchObject({ nextStep: 'choose-profile' });
    expect((await api('POST', '/setup/profile', { template: 'vng' })).statusCode).toBe(201);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/population?dryRun=false',
      headers: { ...staff, 'content-type': 'text/csv' },
      payload: file2016(),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect((await api('GET', '/setup')).json()).toMatchObject({ done: true, members: { done: true, count: 390 } });
  });

  it('imports 309 representatives: a dry run of every row, one apply, and a second apply that changes nothing', async () => {
    const csv = representativesCsv(await registerCodes(t.database.db, '2016-01-01'), REPRESENTATIVES, { startDate: '2016-01-01' });
    emails = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[1]!);
    const dryRun = await postPeopleImport(t, staff, csv);
    expect(dryRun.statusCode, dryRun.body).toBe(200);
    expect(dryRun.json().counts).toMatchObject({ new: REPRESENTATIVES, refused: 0 });
    expect(await t.database.db.selectFrom('offices').select('id').execute()).toEqual([]);

    const applied = await postPeopleImport(t, staff, csv, true);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().counts).toMatchObject({ new: REPRESENTATIVES, refused: 0 });
    const again = await postPeopleImport(t, staff, csv, true);
    expect(again.json().counts).toMatchObject({ new: 0, changed: 0, unchanged: REPRESENTATIVES, refused: 0 });
    const designations = await t.database.db.selectFrom('designations').select('id').execute();
    expect(designations).toHaveLength(REPRESENTATIVES);
  });

  it('has a second pair of eyes confirm the imported designations in one action', async () => {
    const pending = (await api('GET', '/designations/pending')).json();
    expect(pending.total).toBe(REPRESENTATIVES);
    const ids = pending.items.map((d: { id: string }) => d.id);
    // Whoever imported them may not confirm them (four-eyes), and a refusal confirms none.
    const own = await api('POST', '/designations/confirmations', { ids });
    expect(own.statusCode).toBe(403);
    expect((await api('GET', '/designations/pending')).json().total).toBe(REPRESENTATIVES);
    const confirmed = await api('POST', '/designations/confirmations', { ids }, admin);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ confirmed: REPRESENTATIVES });
    expect((await api('GET', '/designations/pending')).json().total).toBe(0);
  });

  it('sends their invitations in the background and shows the progress', async () => {
    const started = await api('POST', '/invitation-batches', { scope: 'without-account' });
    expect(started.statusCode, started.body).toBe(202);
    const { id, total } = started.json();
    expect(total).toBe(REPRESENTATIVES);
    await expect
      .poll(async () => (await api('GET', `/invitation-batches/${id}`)).json().mails, { timeout: 120_000, interval: 500 })
      .toMatchObject({ queued: 0, sent: REPRESENTATIVES });
    expect(new Set(mailbox.messages.map((m) => m.to))).toEqual(new Set(emails));
  }, 150_000);

  it('lets 300 of them choose a password from their invitation and sign in from the hall within a minute', async () => {
    const chosen = emails.slice(0, SIGNING_IN);
    const activated = await inParallel(chosen, 4, async (email) => {
      const token = tokenFrom(mailbox.messages.find((m) => m.to === email)!);
      return (await api('PUT', '/session/password', { token, password }, {})).statusCode;
    });
    expect(activated.filter((s) => s !== 204)).toEqual([]);

    const started = Date.now();
    const signedIn = await inParallel(chosen, 8, (email) =>
      t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password }, remoteAddress: HALL }),
    );
    expect((Date.now() - started) / 1000).toBeLessThan(60);
    expect(signedIn.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    // They act for their municipality: a representative's session knows its member.
    const session = await t.app.inject({ url: '/api/v1/session', headers: { cookie: signedIn[0]!.headers['set-cookie'] as string } });
    expect(session.json().person.roles).toContain('representative');
  }, 240_000);
});
