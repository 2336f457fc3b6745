import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN } from '../../src/demo/seed.js';
import { TEST_DB } from '../support/database.js';
import { expectAccessible, startDemoServer, type DemoServer } from '../support/browser.js';
import { file2024 } from '../support/fixtures.js';

let server: DemoServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = await startDemoServer();
  ({ browser, base } = server);
});
afterAll(() => server?.close());

describe(`the import page for staff in a browser (${TEST_DB})`, () => {
  it('signs in, checks a CBS file, shows the weight change and applies it', async () => {
    // The 2024 file with a corrected figure for Vlieland: 1,255 -> 2,100 inhabitants moves its weight from 1 to 2.
    const file = join(mkdtempSync(join(tmpdir(), 'verenigd-e2e-')), 'gemeenten-2024-correctie.csv');
    writeFileSync(file, file2024().replace('GM0096,Vlieland,Friesland,1255,2024-01-01', 'GM0096,Vlieland,Friesland,2100,2024-01-01'));

    const page = await browser.newPage();
    await page.goto(`${base}/inloggen?terug=/beheer/import`);
    await page.getByLabel('E-mailadres').fill(DEMO_ADMIN.email);
    await page.getByLabel('Wachtwoord').fill(DEMO_ADMIN.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByLabel('CSV-bestand').setInputFiles(file);
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.getByText('1 wijzigingen in inwonertal, waarvan 1 met een ander stemgewicht').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator('main').getByText('Vlieland', { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Toepassen' }).click();
    await expect.poll(() => page.getByText('Toegepast. Het register is bijgewerkt').count(), { timeout: 15_000 }).toBe(1);
    const vlieland = (await server.app.inject({ url: '/api/v1/members?asOf=2024-06-01&q=Vlieland' })).json().items[0];
    expect([vlieland.population, vlieland.voteWeight]).toEqual([2100, 2]);
    await page.close();
  });
});
