import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthHeaders } from '../support/app.js';
import { demoCall, demoHeaders, expectAccessible, signInPage, startDemoServer, type DemoServer } from '../support/browser.js';
import { TEST_DB } from '../support/database.js';

/**
 * Follow-up in a browser: the public sees a meeting's follow-up with its status, owner, due date and
 * the overdue mark; staff report progress and mark it done on the follow-up's page.
 */
let server: DemoServer;
let browser: Browser;
let base: string;
let staff: AuthHeaders;
let meetingId: string;
let followUpId: string;

const TITLE = 'De brief aan de minister wordt met alle leden gedeeld (test)';

beforeAll(async () => {
  server = await startDemoServer();
  ({ browser, base } = server);
  staff = await demoHeaders(server, 'medewerker@verenigd.demo');
  const meetings = await demoCall<{ items: { id: string; kind: string }[] }>(server, 'GET', '/meetings', staff);
  meetingId = meetings.items.find((m) => m.kind === 'balv')!.id;
  const item = await demoCall<{ id: string }>(server, 'POST', `/meetings/${meetingId}/agenda-items`, staff, {
    title: 'Jeugdzorg (test)',
    purpose: 'discussion',
    public: true,
  });
  const followUp = await demoCall<{ id: string }>(server, 'POST', '/follow-ups', staff, {
    agendaItemId: item.id,
    title: TITLE,
    ownerName: 'Sanne de Vries',
    ownerLabel: 'Commissie Financiën',
    dueDate: '2025-01-31',
  });
  followUpId = followUp.id;
});
afterAll(() => server?.close());

describe(`follow-up in a browser (${TEST_DB})`, () => {
  it('shows the public a meeting’s follow-up with owner, due date, status and the overdue mark', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/vergaderingen/${meetingId}/opvolging`);
    const table = page.getByRole('table', { name: /^Opvolging: onderwerp/ });
    const row = table.getByRole('row', { name: new RegExp(TITLE.replace(/[()]/g, '\\$&')) });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    const text = await row.textContent();
    expect(text).toContain('Toezegging');
    expect(text).toContain('Sanne de Vries (Commissie Financiën)');
    expect(text).toContain('31 januari 2025');
    expect(text).toContain('Open');
    expect(text).toContain('Termijn verstreken');
    expect(text).toContain('Nog geen voortgang gemeld');
    expect(text).not.toMatch(/in-progress|not-carried-out|commitment/);
    // The public cannot report progress.
    await row.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe(TITLE);
    expect(await page.getByRole('heading', { name: 'Voortgang melden' }).count()).toBe(0);
    await expectAccessible(page);
    await page.close();
  });

  it('lets staff report progress and mark it done; the overdue mark goes', async () => {
    const page = await browser.newPage();
    await signInPage(page, base, 'medewerker@verenigd.demo', `/opvolging/${followUpId}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Voortgang melden' }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(page);
    await page.getByLabel('Wat is er gebeurd?').fill('De brief is op 3 februari aan alle leden gestuurd.');
    await page.getByLabel('Link naar een stuk of pagina (optioneel)').fill('https://verenigd.example/brief.pdf');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Afgerond' });
    await page.getByRole('button', { name: 'Voortgang opslaan' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toBe('De voortgang is opgeslagen.');
    const updates = page.locator('.vd-follow-up-updates');
    await expect.poll(() => updates.textContent(), { timeout: 15_000 }).toContain('Status: Open → Afgerond');
    expect(await updates.textContent()).toContain('De brief is op 3 februari aan alle leden gestuurd.');
    expect(await page.locator('.vd-meeting-meta').textContent()).not.toContain('Termijn verstreken');
    await expectAccessible(page);

    await page.goto(`${base}/vergaderingen/${meetingId}/opvolging`);
    const row = page.getByRole('row', { name: new RegExp(TITLE.replace(/[()]/g, '\\$&')) });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Afgerond');
    expect(await row.textContent()).toContain('De brief is op 3 februari aan alle leden gestuurd.');
    expect(await row.textContent()).not.toContain('Termijn verstreken');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Done');
    await page.close();
  });
  it('lets staff record a commitment at an agenda item on the meeting’s follow-up page', async () => {
    const page = await browser.newPage();
    await signInPage(page, base, 'medewerker@verenigd.demo', `/vergaderingen/${meetingId}/opvolging`);
    const form = page.getByRole('form', { name: 'Toezegging vastleggen' });
    const option = form.getByLabel('Bij agendapunt').locator('option', { hasText: 'Jeugdzorg (test)' });
    await expect.poll(() => option.count(), { timeout: 15_000 }).toBe(1);
    await form.getByLabel('Bij agendapunt').selectOption({ label: (await option.textContent()) ?? '' });
    await form.getByLabel('Wat is toegezegd?').fill('Het bestuur deelt de evaluatie met de leden (test)');
    await form.getByLabel('Eigenaar (leeg: de portefeuillehouder van het punt)').fill('Jan van den Berg');
    await form.getByLabel('Termijn').fill('2030-03-01');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Toezegging vastleggen' }).click();
    const row = page.getByRole('row', { name: /Het bestuur deelt de evaluatie met de leden \(test\)/ });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('Jan van den Berg');
    expect(await row.textContent()).toContain('1 maart 2030');
    expect(await row.textContent()).not.toContain('Termijn verstreken');
    await page.close();
  });
});
