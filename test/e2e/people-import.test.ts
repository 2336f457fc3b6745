import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import { TEST_DB } from '../support/database.js';
import { DEMO_ADMIN } from '../../src/demo/seed.js';
import { demoCall, demoHeaders, expectAccessible, signInPage, startDemoServer, type DemoServer } from '../support/browser.js';
import { IMPORT_HEADER_NL } from '../support/people-import.js';

let server: DemoServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = await startDemoServer();
  ({ browser, base } = server);
});
afterAll(() => server?.close());

describe(`the people import page for staff in a browser (${TEST_DB})`, () => {
  it('uploads a spreadsheet, shows the check per row, filters it, and imports it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'verenigd-e2e-')), 'vertegenwoordigers.csv');
    writeFileSync(
      file,
      [
        IMPORT_HEADER_NL,
        'Iris Import,iris.import@example.nl,GM0344,wethouder,Stadsbelang,ja,financiën,2025-01-01,,ja',
        'Jan Import,jan.import@example.nl,GM0687,raadslid,,nee,,2025-01-01,,nee',
        '',
      ].join('\n'),
    );
    const page = await browser.newPage();
    await page.goto(`${base}/inloggen?terug=/beheer/personen/import`);
    await page.getByLabel('E-mailadres', { exact: true }).fill('medewerker@verenigd.demo');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Personen inlezen');

    await page.getByLabel('Spreadsheet (CSV of XLSX)').setInputFiles(file);
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect
      .poll(() => page.getByTestId('people-import-summary').textContent(), { timeout: 15_000 })
      .toBe('2 rijen: 2 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 geweigerd.');
    expect(await page.locator('tbody tr').count()).toBe(2);
    await expectAccessible(page);

    await page.getByLabel('Toon').selectOption('refused');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(0);
    await page.getByLabel('Toon').selectOption('');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);

    await page.getByRole('button', { name: 'Inlezen', exact: true }).click();
    await expect.poll(() => page.getByText('Ingelezen: 2 nieuw, 0 gewijzigd.').count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(page);
    const iris = await server.app.db.selectFrom('people').select('id').where('email', '=', 'iris.import@example.nl').executeTakeFirst();
    expect(iris).toBeDefined();
    await page.close();
  });

  it("lets a member's own administrator designate an office holder of that member", async () => {
    const admin = await demoHeaders(server, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const utrecht = (await demoCall<{ items: { id: string; name: string }[] }>(server, 'GET', '/members?q=Utrecht', admin)).items.find(
      (m) => m.name === 'Utrecht',
    )!;
    const els = await server.app.db.selectFrom('people').select('id').where('email', '=', 'burgemeester.utrecht@verenigd.demo').executeTakeFirstOrThrow();
    await demoCall(server, 'PUT', `/members/${utrecht.id}/administrators/${els.id}`, admin);

    const page = await browser.newPage();
    await signInPage(page, base, 'burgemeester.utrecht@verenigd.demo', '/mijn-lid');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Mijn lid');
    await expect.poll(() => page.getByRole('heading', { name: 'Utrecht', level: 2 }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(page);
    const form = page.getByRole('form', { name: 'Noor Visser aanwijzen' });
    await form.getByRole('button', { name: 'Aanwijzen' }).click();
    await expect.poll(() => page.getByText('Noor Visser is aangewezen.').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByRole('form', { name: 'Aanwijzing van Noor Visser beëindigen' }).count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  });
});
