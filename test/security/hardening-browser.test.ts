import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import { TEST_DB } from '../support/database.js';
import { expectAccessible, startDemoServer, type DemoServer } from '../support/browser.js';

/**
 * The built web app and Swagger UI under the strict Content Security Policy: every page renders and
 * the browser refuses nothing (a refused script or style is logged as a CSP violation).
 */
let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(() => server?.close());

/** A page that records every CSP refusal and script error. */
async function watchedPage(): Promise<{ page: Page; refusals: string[] }> {
  const page = await server.browser.newPage();
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
  });
  page.on('pageerror', (error) => refusals.push(`page error: ${error.message}`));
  return { page, refusals };
}

describe(`the strict CSP does not break the web app (${TEST_DB})`, () => {
  it('renders the public and staff pages without a single CSP refusal, and the axe helper still runs', async () => {
    const { page, refusals } = await watchedPage();
    const response = await page.goto(`${server.base}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => page.locator('main h1').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    await page.goto(`${server.base}/inloggen`);
    await page.getByLabel('E-mailadres', { exact: true }).fill('medewerker@verenigd.demo');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => page.url()).not.toContain('/inloggen');

    const meetings = await (await page.request.get(`${server.base}/api/v1/meetings`)).json();
    const meetingId = meetings.items[0].id as string;
    for (const path of [
      '/leden',
      '/vergaderingen',
      `/vergaderingen/${meetingId}`,
      `/vergaderingen/${meetingId}/scherm`,
      '/raadplegingen',
      '/profiel',
      '/beheer/import',
      '/beheer/audit',
    ]) {
      await page.goto(`${server.base}${path}`);
      await expect.poll(() => page.locator('main h1').count(), { message: path }).toBeGreaterThan(0);
    }
    expect(refusals).toEqual([]);
    await page.close();
  });

  it('renders Swagger UI under its own policy', async () => {
    const { page, refusals } = await watchedPage();
    await page.goto(`${server.base}/api/docs`);
    await expect.poll(() => page.locator('.swagger-ui .info .title').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Verenigd API');
    expect(refusals).toEqual([]);
    await page.close();
  });
});
