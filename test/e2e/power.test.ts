import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB } from '../support/database.js';
import { demoCall, demoHeaders, expectAccessible, signInPage, startDemoServer, type DemoServer } from '../support/browser.js';

let server: DemoServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = await startDemoServer();
  ({ browser, base } = server);
});
afterAll(() => server?.close());

const fitsViewport = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe(`the voting-power page in a browser (${TEST_DB})`, () => {
  it('shows the power of the 342 members per segment on a phone, in Dutch and English, and offers the CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${base}/stemmacht?peildatum=2024-06-01`);
    await expect.poll(() => page.getByTestId('power-summary').textContent(), { timeout: 30_000 }).toMatch(/^342 leden · totaal stemgewicht 13\.111/);
    // Twelve provinces, each with its share of inhabitants, weight and power, as a table and as a chart.
    await expect.poll(() => page.getByRole('table', { name: 'Stemmacht per provincie' }).locator('tbody tr').count()).toBe(12);
    expect(await page.getByRole('img', { name: /Inwoners, stemgewicht en stemmacht per provincie\. .*Zeeland: inwoners/ }).count()).toBe(1);
    await page.getByLabel('Indeling').selectOption('sizeClass');
    await expect.poll(() => page.getByRole('table', { name: 'Stemmacht per grootteklasse' }).getByText('250.000 en meer').count()).toBe(1);
    expect(await fitsViewport(page)).toBe(true);
    await expectAccessible(page);
    const csv = await page.getByRole('link', { name: 'Download als CSV' }).getAttribute('href');
    expect(csv).toContain('/api/v1/power/export.csv?asOf=2024-06-01');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('power-summary').textContent()).toMatch(/^342 members · total vote weight 13,111/);
    await page.close();
  });

  it('lets staff try a draft rule from the profile page, compare it and attach the comparison to an agenda item', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInPage(page, base, 'medewerker@verenigd.demo', '/profiel');
    await page.getByLabel('Maximaal stemgewicht', { exact: true }).fill('100');
    await page.getByRole('link', { name: 'Bekijk het effect op de stemmacht' }).click();
    await expect.poll(() => page.getByTestId('power-summary').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByLabel('Maximaal stemgewicht', { exact: true }).inputValue()).toBe('100');
    await page.getByRole('button', { name: 'Vergelijken' }).click();
    const result = page.getByTestId('what-if-result');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/Voorstel: totaal stemgewicht [\d.]+, nodig [\d.]+ \(nu [\d.]+ en [\d.]+\)/);
    // The capped cities gain weight under a higher cap: Amsterdam is among the largest changes.
    expect(
      await page
        .getByRole('table', { name: /leden waarvan de macht het meest verandert/ })
        .getByText('Amsterdam')
        .count(),
    ).toBe(1);
    await expectAccessible(page);

    const meetings = await demoCall<{ items: { id: string; title: string }[] }>(
      server,
      'GET',
      '/meetings',
      await demoHeaders(server, 'medewerker@verenigd.demo'),
    );
    const balv = meetings.items.find((m) => m.title === 'Buitengewone Algemene Ledenvergadering');
    await page.getByLabel('Vergadering', { exact: true }).selectOption(balv?.id ?? '');
    await expect.poll(() => page.getByLabel('Agendapunt', { exact: true }).locator('option').count()).toBeGreaterThan(2);
    const item = await page.getByLabel('Agendapunt', { exact: true }).locator('option').nth(1).getAttribute('value');
    await page.getByLabel('Agendapunt', { exact: true }).selectOption(item ?? '');
    await page.getByRole('button', { name: 'Stuk toevoegen' }).click();
    await expect.poll(() => page.getByText('Het stuk is bij het agendapunt gevoegd.').count(), { timeout: 30_000 }).toBe(1);
    const papers = await server.app.db
      .selectFrom('papers')
      .select('title')
      .where('agenda_item_id', '=', item ?? '')
      .execute();
    expect(papers.map((p) => p.title)).toContain('Stemmacht bij een andere stemgewichtregel');
    await page.close();
  });
});
