import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import { addDesignation } from '../../src/people/designations.js';
import { addOffice } from '../../src/people/offices.js';
import { expectAccessible, signInPage, startDemoServer, type DemoServer } from '../support/browser.js';
import { TEST_DB } from '../support/database.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';

/** Staff send invitations in bulk from /beheer/uitnodigingen, follow the progress, and send again. */
let server: DemoServer;
let browser: Browser;
let base: string;
let mailbox: Mailbox;

const STAFF = 'medewerker@verenigd.demo';

beforeAll(async () => {
  mailbox = await startMailbox({ refuse: (address) => address.startsWith('onbekend') });
  server = await startDemoServer({ SMTP_URL: mailbox.url });
  ({ browser, base } = server);
  const db = server.app.db;
  const actor = systemActor('test');
  const members = (await server.app.inject({ url: '/api/v1/members?q=Zeist' })).json() as { items: { id: string; name: string }[] };
  const zeist = members.items.find((m) => m.name === 'Zeist')!.id;
  for (const [name, email] of [
    ['Fleur Zeist', 'fleur@zeist.example'],
    ['Onbekend Zeist', 'onbekend@zeist.example'],
  ]) {
    const { id } = await createPerson(db, actor, { name: name!, email: email! });
    const officeId = await addOffice(db, actor, id, { memberId: zeist, kind: 'alderman', startDate: '2024-01-01' });
    await addDesignation(db, actor, { officeId, startDate: '2024-01-01' });
  }
});
afterAll(async () => {
  await server?.close();
  await mailbox?.close();
});

describe(`invitations in bulk in a browser (${TEST_DB})`, () => {
  it('sends to everyone without an account, shows the progress per person, and sends again', async () => {
    const page = await browser.newPage();
    await signInPage(page, base, STAFF, '/beheer/uitnodigingen');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Uitnodigingen versturen');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Uitnodigingen versturen' }).click();
    await expect.poll(() => page.getByText(/uitnodigingen staan klaar en worden op de achtergrond verstuurd/).count(), { timeout: 15_000 }).toBe(1);
    // The queue empties in the background; the page follows.
    await expect
      .poll(() => page.getByTestId('invitation-mails').textContent(), { timeout: 20_000 })
      .toMatch(/^E-mails: 0 in de wachtrij, \d+ verstuurd, 0 mislukt, 1 onbestelbaar$/);
    await expect.poll(() => page.locator('dd[data-status="bounced"]').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await page.getByRole('row').filter({ hasText: 'Fleur Zeist' }).getByRole('cell').first().textContent()).toBe('uitgenodigd');
    await expectAccessible(page);

    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'onbestelbaar' });
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('tbody tr').textContent()).toContain('onbekend@zeist.example');

    await page.getByRole('button', { name: 'Uitnodiging opnieuw versturen aan Onbekend Zeist' }).click();
    await expect.poll(() => page.getByText('Opnieuw verstuurd aan 1 personen; hun eerdere link werkt niet meer.').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Opnieuw versturen aan iedereen die nog niet is geactiveerd' }).click();
    await expect.poll(() => page.getByText(/^Opnieuw verstuurd aan \d+ personen/).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => mailbox.messages.filter((m) => m.to === 'fleur@zeist.example').length, { timeout: 15_000 }).toBe(2);
    await expectAccessible(page);
    await page.close();
  });

  // Onbekend Zeist (designated above) is convened too, and the mail server refuses that address.
  it('shows on the preparation page how many convocation mails are queued and sent', async () => {
    const meetings = (await server.app.inject({ url: '/api/v1/meetings' })).json() as { items: { id: string; status: string }[] };
    const meeting = meetings.items.find((m) => m.status === 'preparing' || m.status === 'convened');
    expect(meeting).toBeDefined();
    const page = await browser.newPage();
    await signInPage(page, base, STAFF, `/vergaderingen/${meeting!.id}/voorbereiden`);
    await page.getByRole('button', { name: 'Oproeping versturen' }).click();
    await page.getByRole('button', { name: 'Ja, versturen' }).click();
    await expect.poll(() => page.getByText(/e-mails staan in de wachtrij en worden op de achtergrond verstuurd/).count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => page.getByTestId('meeting-mails').textContent(), { timeout: 20_000 })
      .toMatch(/^E-mails: 0 in de wachtrij, [1-9][\d.]* verstuurd, 0 mislukt, 1 onbestelbaar\.$/);
    await expectAccessible(page);
    await page.close();
  });
});
