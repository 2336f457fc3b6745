import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB } from '../support/database.js';
import { expectAccessible, startDemoServer, type DemoServer } from '../support/browser.js';

let server: DemoServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = await startDemoServer();
  ({ browser, base } = server);
});
afterAll(() => server?.close());

describe(`the members page in a browser (${TEST_DB})`, () => {
  it('filters the demo register by a province and shows the right count', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/leden`);
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^342 leden/);
    await page.getByLabel('Provincie').selectOption('Zeeland');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^13 leden · totaal stemgewicht 387/);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(13);
    expect(page.url()).toContain('province=Zeeland');
    await expectAccessible(page);
    await page.close();
  });

  it('shows the register 50 members a page, with pages to go through', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/leden`);
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^342 leden/);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(50);
    const pages = page.getByRole('navigation', { name: 'Pagina’s van de ledenlijst' });
    expect(await pages.textContent()).toContain('Pagina 1 van 7');
    await pages.getByRole('button', { name: 'Volgende' }).click();
    await expect.poll(() => pages.textContent()).toContain('Pagina 2 van 7');
    expect(page.url()).toContain('offset=50');
    await page.close();
  });

  it('offers a skip link, landmarks, one main heading and an English version', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/leden`);
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^342 leden/);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute('href') }));
    expect(focused.href).toBe('#main');
    expect(await page.locator('header').count()).toBeGreaterThan(0);
    expect(await page.locator('main#main').count()).toBe(1);
    expect(await page.locator('nav').count()).toBeGreaterThan(0);
    expect(await page.locator('h1').count()).toBe(1);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^342 members/);
    await page.close();
  });

  it('opens a member page with its weight history and reorganisations', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/leden?q=Het%20Hogeland`);
    await page.getByRole('link', { name: 'Het Hogeland' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toContain('Het Hogeland');
    await expect.poll(() => page.getByText('Bedum').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.close();
  });
});
