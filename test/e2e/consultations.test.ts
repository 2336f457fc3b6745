import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import { TEST_DB } from '../support/database.js';
import { expectAccessible, startDemoServer, type DemoServer } from '../support/browser.js';

let server: DemoServer;
let browser: Browser;
let base: string;
let consultationId: string;
const contexts: BrowserContext[] = [];

const STAFF = 'medewerker@verenigd.demo';
const MIDDELBURG = 'burgemeester.middelburg@verenigd.demo';
const VLISSINGEN = 'griffier.vlissingen@verenigd.demo';
const TITLE = 'Verdeling gemeentefonds 2027';
const Q1 = 'Steunt u het voorstel voor de nieuwe verdeling?';
const Q2 = 'Wanneer moet de nieuwe verdeling ingaan?';
const Q3 = 'Wat moet er anders?';
/** Screenshots for a person to look at, next to the test run's other scratch files. */
const SHOTS = join(import.meta.dirname, '..', '..', '.tmp', 'screenshots');

beforeAll(async () => {
  server = await startDemoServer();
  ({ browser, base } = server);
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await server?.close();
});

/** A fresh browser context (phone-sized when asked), signed in through the login page. */
async function signedIn(email: string, back: string, viewport = { width: 1280, height: 900 }, mobile = false): Promise<Page> {
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${base}/inloggen?terug=${encodeURIComponent(back)}`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Uitloggen' }).count(), { timeout: 15_000 }).toBe(1);
  return page;
}

const h1 = (page: Page) => page.locator('h1').textContent();
const question = (page: Page, n: number) => page.getByRole('group', { name: `Vraag ${n}`, exact: true });
/** Nothing wider than the phone: no horizontal scrolling. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe(`member consultations in a browser (${TEST_DB})`, () => {
  let staff: Page;

  it('lets staff build a quick consultation for Zeeland and launch it', async () => {
    staff = await signedIn(STAFF, '/raadplegingen');
    await expect.poll(() => h1(staff), { timeout: 15_000 }).toBe('Raadplegingen');
    expect(await staff.getByRole('link', { name: 'Raadplegingen', exact: true }).count()).toBe(1);
    await staff.getByRole('link', { name: 'Nieuwe raadpleging' }).click();
    await expect.poll(() => h1(staff), { timeout: 15_000 }).toBe('Nieuwe raadpleging');

    await staff.getByLabel('Titel', { exact: true }).fill(TITLE);
    await staff.getByLabel('Dossier', { exact: true }).fill('Financiële verhoudingen');
    expect(await staff.getByLabel('Eigenaar', { exact: true }).inputValue()).toBe('Bureau VNG');
    await staff.getByRole('button', { name: 'Snelle raadpleging: vandaag 14:00 tot morgen 10:00' }).click();
    expect(await staff.getByLabel('Herinneringen (uren voor sluiting)').inputValue()).toBe('2');
    const closes = await staff.getByLabel('Sluit op', { exact: true }).inputValue();
    expect(closes).toMatch(/T10:00$/);
    // Before 14:00 the preset opens at 14:00 today; the test cannot wait for that, so it opens now.
    const opens = await staff.getByLabel('Opent op', { exact: true }).inputValue();
    const nowLocal = await staff.evaluate(() => {
      const d = new Date(Date.now() - 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    if (opens > nowLocal) await staff.getByLabel('Opent op', { exact: true }).fill(nowLocal);

    // Everyone until a choice is made; Zeeland reaches its 13 members.
    await expect.poll(() => staff.getByTestId('audience-count').textContent(), { timeout: 15_000 }).toMatch(/^Deze keuze bereikt vandaag \d{3} leden\.$/);
    await staff.getByRole('checkbox', { name: 'Zeeland', exact: true }).check();
    await expect.poll(() => staff.getByTestId('audience-count').textContent()).toBe('Deze keuze bereikt vandaag 13 leden.');
    expect(await staff.getByRole('radio', { name: 'De aangewezen vertegenwoordiger' }).isChecked()).toBe(true);
    await expectAccessible(staff);

    await staff.getByRole('button', { name: 'Raadpleging aanmaken' }).click();
    await expect.poll(() => h1(staff), { timeout: 15_000 }).toBe(`Raadpleging bewerken: ${TITLE}`);
    consultationId = /\/raadplegingen\/([0-9a-f-]{36})\/bewerken$/.exec(new URL(staff.url()).pathname)![1]!;

    // Question 1: a position on the proposal (the default kind of the first question).
    expect(await question(staff, 1).getByLabel('Soort vraag').inputValue()).toBe('position');
    await question(staff, 1).getByLabel('Vraag', { exact: true }).fill(Q1);
    // Question 2: a single choice.
    await staff.getByRole('button', { name: 'Vraag toevoegen' }).click();
    await expect.poll(() => staff.evaluate(() => document.activeElement?.getAttribute('data-focus') ?? '')).toMatch(/-kind$/);
    await question(staff, 2).getByLabel('Soort vraag').selectOption('single');
    await question(staff, 2).getByLabel('Vraag', { exact: true }).fill(Q2);
    await question(staff, 2).getByLabel('Antwoordmogelijkheden').fill('1 januari 2027\n1 januari 2028\nGeen voorkeur');
    // Question 3: open, only for those who disagree with question 1.
    await staff.getByRole('button', { name: 'Vraag toevoegen' }).click();
    await question(staff, 3).getByLabel('Soort vraag').selectOption('open');
    await question(staff, 3).getByLabel('Vraag', { exact: true }).fill(Q3);
    await question(staff, 3).getByLabel('Alleen tonen na een antwoord op').selectOption({ label: Q1 });
    await question(staff, 3).getByRole('group', { name: 'Tonen bij het antwoord' }).getByRole('checkbox', { name: 'Oneens' }).check();
    // Reordering by keyboard-operable buttons: down and back up.
    await staff.getByRole('button', { name: 'Omlaag (Vraag 1)' }).click();
    expect(await question(staff, 1).getByLabel('Vraag', { exact: true }).inputValue()).toBe(Q2);
    await staff.getByRole('button', { name: 'Omhoog (Vraag 2)' }).click();
    expect(await question(staff, 1).getByLabel('Vraag', { exact: true }).inputValue()).toBe(Q1);

    await staff.getByRole('button', { name: 'Vragen opslaan' }).click();
    await expect.poll(() => staff.getByRole('status').filter({ hasText: '3 vragen opgeslagen.' }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(staff);

    await staff.getByRole('button', { name: 'Uitzetten', exact: true }).click();
    await staff.getByRole('button', { name: 'Ja, uitzetten' }).click();
    await expect.poll(() => h1(staff), { timeout: 15_000 }).toBe(TITLE);
    await expect.poll(() => staff.locator('.vd-consultation-status').textContent(), { timeout: 15_000 }).toBe('Open');
  });

  it('lets two representatives of Zeeland answer on a phone, one after saving a draft', async () => {
    // Middelburg on a phone: a draft first, then the answer.
    const middelburg = await signedIn(MIDDELBURG, `/raadplegingen/${consultationId}`, { width: 390, height: 844 }, true);
    await expect.poll(() => h1(middelburg), { timeout: 15_000 }).toBe(TITLE);
    const form = middelburg.getByRole('region', { name: 'Antwoord namens Middelburg' });
    await expect.poll(() => form.getByRole('radiogroup', { name: `Vraag 1: ${Q1}` }).count(), { timeout: 15_000 }).toBe(1);
    // The open question waits for "Oneens".
    expect(await form.getByLabel(`Vraag 3: ${Q3}`).count()).toBe(0);
    await form.getByRole('radio', { name: 'Eens', exact: true }).check();
    await form.getByLabel('Toelichting (optioneel)').fill('Eindelijk een eerlijker verdeling.');
    await form.getByRole('button', { name: 'Concept opslaan' }).click();
    await expect.poll(() => form.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^Concept opgeslagen om .+\. Het telt pas mee als u het verstuurt\.$/);
    expect(await fitsWidth(middelburg)).toBe(true);
    await expectAccessible(middelburg);
    await middelburg.screenshot({ path: join(SHOTS, `answer-phone-${TEST_DB}.png`), fullPage: true });

    // Submitting without the required choice names the question and links to it.
    await form.getByRole('button', { name: 'Versturen' }).click();
    await expect.poll(() => form.getByText('Beantwoord eerst deze vragen:').count()).toBe(1);
    expect(await form.getByRole('link', { name: `Vraag 2: ${Q2}` }).count()).toBe(1);
    await expectAccessible(middelburg);
    await form.getByRole('radio', { name: '1 januari 2028' }).check();
    await form.getByRole('button', { name: 'Versturen' }).click();
    await expect.poll(() => form.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^Het antwoord namens Middelburg is verstuurd op .+\.$/);

    // Vlissingen: disagrees, so the open question appears.
    const vlissingen = await signedIn(VLISSINGEN, `/raadplegingen/${consultationId}`, { width: 390, height: 844 }, true);
    const form2 = vlissingen.getByRole('region', { name: 'Antwoord namens Vlissingen' });
    await expect.poll(() => form2.getByRole('radiogroup', { name: `Vraag 1: ${Q1}` }).count(), { timeout: 15_000 }).toBe(1);
    await form2.getByRole('radio', { name: 'Oneens', exact: true }).check();
    await form2.getByLabel(`Vraag 3: ${Q3}`).fill('Meer rekening houden met krimpregio’s.');
    await form2.getByRole('radio', { name: 'Geen voorkeur' }).check();
    await form2.getByRole('button', { name: 'Versturen' }).click();
    await expect.poll(() => form2.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^Het antwoord namens Vlissingen is verstuurd op .+\.$/);
    expect(await fitsWidth(vlissingen)).toBe(true);
    await expectAccessible(vlissingen);
  });

  it('shows staff the response rate and the breakdown per segment on the dashboard', async () => {
    await staff.goto(`${base}/raadplegingen/${consultationId}/resultaten`);
    await expect.poll(() => h1(staff), { timeout: 15_000 }).toBe(`Resultaten: ${TITLE}`);
    await expect.poll(() => staff.getByTestId('response-rate').textContent(), { timeout: 15_000 }).toBe('2 van 13 leden hebben gereageerd (15,38 %)');

    // Response per province: only Zeeland is in the audience.
    const rates = staff.getByRole('table', { name: 'Respons per Provincie' });
    expect(await rates.getByRole('row', { name: /Zeeland/ }).locator('td').allTextContents()).toEqual(['13', '2', '15,38 %']);

    // Question 1: one agrees, one disagrees; the eleven others are "Geen reactie", apart from both.
    const q1 = staff.getByRole('table', { name: 'Vraag 1: aantallen en aandelen' });
    expect((await q1.getByRole('row', { name: /^Eens/ }).locator('td').allTextContents()).slice(0, 2)).toEqual(['1', '50,00 %']);
    expect((await q1.getByRole('row', { name: /^Oneens/ }).locator('td').allTextContents()).slice(0, 2)).toEqual(['1', '50,00 %']);
    expect((await q1.getByRole('row', { name: /^Geen reactie/ }).locator('td').allTextContents())[0]).toBe('11');
    expect(await staff.locator('svg[role="img"]').count()).toBe(2);
    expect(await staff.locator('svg[role="img"]').first().getAttribute('aria-label')).toMatch(/^Vraag 1: .*Eens: 50,00 % van de leden, [\d,]+ % gewogen/);

    // Side by side by size class, with the divergence between the segments.
    await staff.getByLabel('Uitsplitsen naar').selectOption('sizeClass');
    await expect.poll(() => staff.getByRole('table', { name: 'Respons per Grootteklasse' }).count()).toBe(1);
    const bySize = staff.getByRole('table', { name: 'Vraag 1 per Grootteklasse' });
    expect(await bySize.getByRole('columnheader').count()).toBeGreaterThan(1);
    expect(await staff.locator('.vd-divergence').first().textContent()).toMatch(/^Verdeeldheid: /);
    // Open answers per segment.
    await expect.poll(() => staff.getByText('Meer rekening houden met krimpregio’s.').count()).toBe(1);
    expect(await staff.getByRole('link', { name: 'Resultaten als CSV' }).getAttribute('href')).toBe(`/api/v1/consultations/${consultationId}/results.csv`);
    expect(await staff.getByRole('button', { name: 'Herinnering sturen' }).count()).toBe(1);
    await expectAccessible(staff);
    await staff.screenshot({ path: join(SHOTS, `dashboard-${TEST_DB}.png`), fullPage: true });
  });
});
