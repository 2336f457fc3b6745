import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { systemActor } from '../../src/core/audit.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import { loadConfig } from '../../src/core/config.js';
import { expectAccessible, launchBrowser, signInPage, WEB_ROOT } from '../support/browser.js';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../support/database.js';
import { file2016 } from '../support/fixtures.js';

/** A fresh installation without the demo, set up in the browser on a desktop screen: VNG template, review, CBS file, done. */
let database: TestDatabase;
let app: App;
let browser: Browser;
let base: string;
const admin = { email: 'beheerder@test.example', password: 'een lang genoeg wachtwoord' };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ config: { ...loadConfig({}), LOG_LEVEL: 'silent' }, database, webRoot: WEB_ROOT });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const shows = (page: Page, text: string) => expect.poll(() => page.getByText(text).count(), { timeout: 15_000 }).toBeGreaterThan(0);

describe(`setting up a fresh installation in a browser (${TEST_DB})`, () => {
  it('tells a visitor the association is being set up, and walks the administrator through template, review and members', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(base);
    await shows(page, 'De vereniging is nog niet ingericht');
    await shows(page, 'De vereniging wordt op dit moment ingericht.');
    expect(await page.getByRole('heading', { name: 'Conflict' }).count()).toBe(0);
    await expectAccessible(page);

    await createPerson(database.db, systemActor('test'), { email: admin.email, name: 'Eerste Beheerder', roles: ['admin'], password: admin.password });
    await signInPage(page, base, admin.email, '/', admin.password);
    await shows(page, 'Volgende stap: kies eerst een profiel.');
    await page.getByRole('link', { name: 'Naar de inrichting' }).click();

    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'De vereniging inrichten' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByRole('radio', { name: /^VNG — / }).isChecked(), { timeout: 15_000 }).toBe(true);
    // The review: every rule of the template with its source, and who represents each class.
    const rules = page.getByRole('table', { name: 'Regels van het sjabloon VNG, elk met de bron' });
    await expect.poll(() => rules.getByText('Vertegenwoordiging: Gewest').count()).toBe(1);
    expect(await rules.getByText('voorzitter, lid dagelijks bestuur, medewerker, extern').count()).toBe(1);
    await page.getByRole('radio', { name: /^IPO — / }).check();
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: 'Regels van het sjabloon IPO, elk met de bron' })
          .getByText(/commissaris van de Koning/)
          .count(),
      )
      .toBe(1);
    await page.getByRole('radio', { name: /^VNG — / }).check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Dit profiel vastleggen' }).click();
    await shows(page, 'Het profiel VNG is vastgelegd. Importeer nu de leden.');
    await shows(page, 'VNG (Vereniging van Nederlandse Gemeenten), geldig vanaf');

    const file = join(mkdtempSync(join(tmpdir(), 'verenigd-setup-e2e-')), 'gemeenten-2016.csv');
    writeFileSync(file, file2016());
    await page.getByRole('link', { name: 'Naar de import' }).click();
    await page.getByLabel('CSV-bestand').setInputFiles(file);
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Toepassen' }).count(), { timeout: 30_000 }).toBe(1);
    // Off the set-up page, every page says what is left to do.
    await shows(page, 'Volgende stap: importeer de leden uit een CBS-bestand.');
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await shows(page, 'Toegepast. Het register is bijgewerkt');

    await page.goto(`${base}/inrichten`);
    await shows(page, 'De inrichting is klaar.');
    await shows(page, '390 leden in het register.');
    expect(await page.getByText('Volgende stap:').count()).toBe(0);
    await expectAccessible(page);
    expect((await app.inject({ url: '/api/v1/setup' })).json()).toMatchObject({ done: true, profile: { template: 'vng' }, members: { count: 390 } });
    await page.close();
  }, 180_000);
});
