import { describe, expect, it } from 'vitest';
import { expectAccessible, signInPage } from '../support/browser.js';
import { TEST_DB } from '../support/database.js';
import { demoMeeting, h1, itemArticle, STAFF } from '../support/demo-meeting.js';

/**
 * General meetings in a browser: what the public sees of the demo's BALV, and staff planning a new
 * meeting from the template. Motions are in meeting-motions.test.ts, the chair's console in meeting-chair.test.ts.
 */

const d = demoMeeting();

describe(`general meetings in a browser (${TEST_DB})`, () => {
  it('shows the public the meeting and its public agenda, without motions or filing', async () => {
    const page = await d.server.browser.newPage();
    await page.goto(`${d.server.base}/`);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Vergaderingen' }).click();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Vergaderingen');
    await expect
      .poll(() => page.getByRole('region', { name: 'Komende vergaderingen' }).getByRole('link', { name: d.meetingTitle }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await page.getByRole('heading', { name: 'Vergadering plannen' }).count()).toBe(0);
    await expectAccessible(page);

    await page.getByRole('link', { name: d.meetingTitle }).click();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(d.meetingTitle);
    await expect.poll(() => itemArticle(page, d.motionItem).count(), { timeout: 15_000 }).toBe(1);
    const article = itemArticle(page, d.motionItem);
    expect(await article.getByText('ter besluitvorming').count()).toBe(1);
    expect(await article.getByText('Portefeuillehouder: Sharon Dijksma').count()).toBe(1);
    expect(await article.getByText('De BALV stemt in met de Kaderbrief 2028', { exact: false }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Motie indienen/ }).count()).toBe(0);
    expect(await page.getByText('Moties, amendementen en stukken voor leden ziet u na inloggen.').count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  });

  it('lets staff plan a meeting from the template, add an item and move it up the agenda', async () => {
    const page = await d.server.browser.newPage();
    await signInPage(page, d.server.base, STAFF, '/vergaderingen');
    await expect.poll(() => page.getByRole('heading', { name: 'Vergadering plannen' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel('Soort vergadering').selectOption('alv');
    await page.getByLabel('Titel', { exact: true }).fill('ALV juni 2027 (test)');
    await page.getByLabel('Datum', { exact: true }).fill('2027-06-10');
    await page.getByLabel('Locatie', { exact: true }).fill('Den Haag');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toBe('ALV juni 2027 (test) is gepland op 10 juni 2027.');
    await expect
      .poll(() => page.getByRole('region', { name: 'Komende vergaderingen' }).getByRole('link', { name: 'ALV juni 2027 (test)' }).count(), { timeout: 15_000 })
      .toBe(1);

    await page.getByRole('link', { name: 'ALV juni 2027 (test) voorbereiden' }).click();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Voorbereiden: ALV juni 2027 (test)');
    // The template's fixed items; a new item goes before any other business and the closing.
    await expect.poll(() => page.getByRole('article', { name: '5. Sluiting' }).count(), { timeout: 15_000 }).toBe(1);
    const add = page.getByRole('form', { name: 'Agendapunt toevoegen' });
    await add.getByLabel('Titel', { exact: true }).fill('Jaarverslag 2026');
    await add.getByLabel('Status', { exact: true }).selectOption('information');
    await add.getByRole('button', { name: 'Agendapunt toevoegen' }).click();
    await expect.poll(() => page.getByRole('article', { name: '4. Jaarverslag 2026' }).count(), { timeout: 15_000 }).toBe(1);

    const up = page.getByRole('button', { name: 'Omhoog (4. Jaarverslag 2026)' });
    await up.click();
    await expect.poll(() => page.getByRole('article', { name: '3. Jaarverslag 2026' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: '"Jaarverslag 2026" staat een plaats hoger.' }).count()).toBe(1);
    // Focus stays on the moved item's button, under its new number.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Omhoog (3. Jaarverslag 2026)');
    await expectAccessible(page);

    const meetings = await d.call<{ items: { id: string; title: string }[] }>('GET', '/meetings');
    const planned = meetings.items.find((m) => m.title === 'ALV juni 2027 (test)')!;
    const agenda = await d.call<{ items: { number: string; title: string }[] }>('GET', `/meetings/${planned.id}/agenda-items`);
    expect(agenda.items.map((i) => `${i.number}. ${i.title}`)).toEqual([
      '1. Opening en mededelingen',
      '2. Benoeming commissie van stemopneming en notulencommissie',
      '3. Jaarverslag 2026',
      '4. Notulen van de vorige vergadering',
      '5. Rondvraag en wat verder ter tafel komt',
      '6. Sluiting',
    ]);
    await page.close();
  });
});
