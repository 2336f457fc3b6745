import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCall, demoHeaders, expectAccessible, signInPage, startDemoServer, type DemoServer } from '../support/browser.js';
import { TEST_DB } from '../support/database.js';

/**
 * Members' own agenda items in a browser: Utrecht's mayor proposes a topic, Middelburg's supports it
 * to the threshold (two members, set for the test), staff decline it with a reason, which the
 * submitter then reads.
 */
let server: DemoServer;
let browser: Browser;
let base: string;
const TITLE = 'Netcongestie bij woningbouw (test)';

beforeAll(async () => {
  server = await startDemoServer();
  ({ browser, base } = server);
  const staff = await demoHeaders(server, 'medewerker@verenigd.demo');
  await demoCall(server, 'PUT', '/topic-threshold', staff, { members: 2, weightShare: null, populationShare: null, combine: 'any' });
});
afterAll(() => server?.close());

const card = (page: import('playwright-core').Page) => page.getByRole('article', { name: new RegExp(`^${TITLE.replace(/[()]/g, '\\$&')}`) });

describe(`members' own agenda items in a browser (${TEST_DB})`, () => {
  it('takes a topic from a representative, support from another member, and a staff decline the submitter reads', async () => {
    const utrecht = await browser.newPage();
    await signInPage(utrecht, base, 'burgemeester.utrecht@verenigd.demo', '/onderwerpen');
    await expect.poll(() => utrecht.getByRole('heading', { name: 'Onderwerp voorstellen' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await utrecht.getByText('Drempel: 2 leden.').count()).toBe(1);
    await utrecht.getByLabel('Onderwerp', { exact: true }).fill(TITLE);
    await utrecht.getByLabel('Korte toelichting: waarom moet dit op de agenda?').fill('Nieuwe wijken krijgen geen aansluiting op het stroomnet.');
    await utrecht.getByRole('button', { name: 'Voorstellen' }).click();
    await expect.poll(() => card(utrecht).count(), { timeout: 15_000 }).toBe(1);
    expect(await card(utrecht).textContent()).toContain('Verzamelt steun');
    expect(await card(utrecht).getByTestId('topic-support').textContent()).toMatch(/^Steun: 1 leden · stemgewicht/);
    await expectAccessible(utrecht);

    const middelburg = await browser.newPage();
    await signInPage(middelburg, base, 'burgemeester.middelburg@verenigd.demo', '/onderwerpen');
    await expect.poll(() => card(middelburg).getByRole('button', { name: 'Steunen namens Middelburg' }).count(), { timeout: 15_000 }).toBe(1);
    await card(middelburg).getByRole('button', { name: 'Steunen namens Middelburg' }).click();
    await expect.poll(() => card(middelburg).textContent(), { timeout: 15_000 }).toContain('Bij het bureau ter beoordeling');
    expect(await card(middelburg).textContent()).toContain('Steunende leden: Utrecht, Middelburg');
    expect(await card(middelburg).getByRole('button', { name: 'Steunen namens Middelburg' }).count()).toBe(0);
    await middelburg.close();

    const staff = await browser.newPage();
    await signInPage(staff, base, 'medewerker@verenigd.demo', '/onderwerpen');
    const form = card(staff).getByRole('form', { name: `Beoordelen: ${TITLE}` });
    await expect.poll(() => form.count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(staff);
    await form.getByLabel('Besluit').selectOption({ label: 'Afwijzen' });
    await form.getByRole('button', { name: 'Beoordeling opslaan' }).click();
    // Without a reason: the problem names the field.
    await expect.poll(() => card(staff).getByRole('alert').textContent(), { timeout: 15_000 }).toContain('Geef de reden van de afwijzing');
    await form.getByLabel('Reden (verplicht bij afwijzen; de indiener ziet die)').fill('Dit loopt al via het netwerk Energie.');
    await form.getByRole('button', { name: 'Beoordeling opslaan' }).click();
    await expect.poll(() => card(staff).textContent(), { timeout: 15_000 }).toContain('Afgewezen');
    await staff.close();

    await utrecht.reload();
    await expect.poll(() => card(utrecht).textContent(), { timeout: 15_000 }).toContain('Reden: Dit loopt al via het netwerk Energie.');
    expect(await card(utrecht).textContent()).toContain('Afgewezen');
    await expectAccessible(utrecht);
    await utrecht.close();
  });
});
