/// <reference lib="dom" />
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig, type Config } from '../../src/core/config.js';
import { buildApp, type App } from '../../src/app.js';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import { seedDemo } from '../../src/demo/seed.js';
import { authHeaders, type AuthHeaders } from './app.js';
import { createTestDatabase } from './database.js';

export const WEB_ROOT = join(import.meta.dirname, '..', '..', 'dist', 'web');

/**
 * Debian's chromium, headless, without the background traffic this closed network refuses. Every page
 * it opens is measured after each navigation (see watchWidth): closing the browser fails the test file
 * if any page the tests visited was wider than its viewport.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const tooWide: string[] = [];
  const pending = new Set<Promise<void>>();
  const watch = (page: Page) =>
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      const measured = measureLater(page, tooWide).finally(() => pending.delete(measured));
      pending.add(measured);
    });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    context.on('page', watch);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    watch(page);
    return page;
  };
  const close = browser.close.bind(browser);
  browser.close = async (...args) => {
    await Promise.all(pending);
    await close(...args);
    expect(tooWide, 'pages wider than their viewport').toEqual([]);
  };
  return browser;
}

interface Width {
  page: string;
  scrollWidth: number;
  innerWidth: number;
}

/** Against the width the test set where it set one: a phone zooms its window out to fit a page too wide, so innerWidth alone would hide it. */
async function widthOf(page: Page): Promise<Width> {
  const measured = await page.evaluate(() => ({
    page: location.pathname + location.search,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  return { ...measured, innerWidth: page.viewportSize()?.width ?? measured.innerWidth };
}
const described = (w: Width) => `${w.page}: ${w.scrollWidth}px wide in a ${w.innerWidth}px viewport`;

/** A moment after a navigation (the page has rendered its data), the page's width; a page gone by then is not measured. */
async function measureLater(page: Page, tooWide: string[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 600));
  const width = await widthOf(page).catch(() => null);
  if (width && width.scrollWidth > width.innerWidth) tooWide.push(described(width));
}

/** No page wider than its viewport: nothing scrolls sideways, on a phone either. */
export async function expectFits(page: Page): Promise<void> {
  const width = await widthOf(page);
  expect(width.scrollWidth, described(width)).toBeLessThanOrEqual(width.innerWidth);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page and fails on any violation, or if the page is wider than its viewport. */
export async function expectAccessible(page: Page) {
  await expectFits(page);
  // Evaluated through the DevTools protocol, not as an inline <script>: the app's CSP forbids those.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations).toEqual([]);
}

export interface DemoServer {
  app: App;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The built web app served by the real server over a fresh demo database, and a browser; config overrides the defaults (SMTP_URL for a test mailbox, say). */
export async function startDemoServer(config: Partial<Config> = {}): Promise<DemoServer> {
  if (!existsSync(WEB_ROOT)) throw new Error('dist/web is missing: run `npm run build:web` (npm test does this)');
  const database = await createTestDatabase();
  await seedDemo(database.db);
  const app = await buildApp({ config: { ...loadConfig({}), LOG_LEVEL: 'silent', ...config }, database, webRoot: WEB_ROOT });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  return {
    app,
    browser,
    base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`,
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/** Signs an account of the demo in through the API, for calls the test makes beside the browser. */
export async function demoHeaders(server: DemoServer, email: string, password = DEMO_PASSWORD): Promise<AuthHeaders> {
  return authHeaders(await server.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } }));
}

/** Calls the demo server's API; any answer but 2xx fails the test with the problem it gave. */
export async function demoCall<T>(
  server: DemoServer,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  headers: AuthHeaders,
  payload?: object,
): Promise<T> {
  const response = await server.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return (response.body ? response.json() : undefined) as T;
}

/** Signs in on the sign-in page and waits until the app shows the signed-in menu. */
export async function signInPage(page: Page, base: string, email: string, back = '/', password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/inloggen?terug=${encodeURIComponent(back)}`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Uitloggen' }).count(), { timeout: 15_000 }).toBe(1);
}
