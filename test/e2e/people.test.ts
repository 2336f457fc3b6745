import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import { DEMO_ADMIN } from '../../src/demo/seed.js';
import { TEST_DB } from '../support/database.js';
import { expectAccessible, startDemoServer, type DemoServer } from '../support/browser.js';

let server: DemoServer;
let browser: Browser;
let base: string;
let utrechtId: string;
let middelburgId: string;

const STAFF = 'medewerker@verenigd.demo';
const COMMITTEE = 'stemcommissie@verenigd.demo';

beforeAll(async () => {
  server = await startDemoServer();
  ({ browser, base } = server);
  const members = (await server.app.inject({ url: '/api/v1/members?q=Utrecht' })).json() as { items: { id: string; name: string }[] };
  utrechtId = members.items.find((m) => m.name === 'Utrecht')!.id;
  const middelburg = (await server.app.inject({ url: '/api/v1/members?q=Middelburg' })).json() as { items: { id: string; name: string }[] };
  middelburgId = middelburg.items.find((m) => m.name === 'Middelburg')!.id;
});
afterAll(() => server?.close());

/** Signs in through the login page and waits until the session shows. */
async function signIn(page: Page, email: string, back = '/') {
  await page.goto(`${base}/inloggen?terug=${encodeURIComponent(back)}`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(email === DEMO_ADMIN.email ? DEMO_ADMIN.password : DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Uitloggen' }).count(), { timeout: 15_000 }).toBe(1);
}

const representativesSection = (page: Page) => page.locator('section[aria-labelledby="member-representatives"]');

describe(`people, designations, invitations and the audit trail in a browser (${TEST_DB})`, () => {
  it('lets staff find Noor Visser and designate her; Utrecht then lists her among who may act for it', async () => {
    const page = await browser.newPage();
    await signIn(page, STAFF);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Personen' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Personen');
    await page.getByLabel('Zoeken op naam of e-mailadres').fill('Visser');
    await expect.poll(() => page.getByTestId('people-summary').textContent(), { timeout: 15_000 }).toBe('1 persoon');
    expect(await page.locator('tbody').getByText('raadslid van Utrecht').count()).toBe(1);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Noor Visser' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Noor Visser');
    await expect.poll(() => page.getByText('Stadsbelang Utrecht (lokale partij)').count()).toBe(1);
    await page.getByRole('button', { name: 'Aanwijzen om namens het lid op te treden' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Noor Visser aanwijzen om namens Utrecht op te treden' }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Aanwijzen', exact: true }).click();
    await expect.poll(() => page.getByText(/^Noor Visser mag vanaf .* namens Utrecht optreden\.$/).count(), { timeout: 15_000 }).toBe(1);
    // The office now has a running designation, so it can be ended but not designated again.
    await expect.poll(() => page.getByRole('button', { name: 'Aanwijzen om namens het lid op te treden' }).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: /^Aanwijzing beëindigen/ }).count()).toBe(1);
    await expectAccessible(page);

    await page.getByRole('table').getByRole('link', { name: 'Utrecht' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Utrecht');
    const section = representativesSection(page);
    await expect.poll(() => section.getByRole('row').filter({ hasText: 'Noor Visser' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await section.getByRole('row').filter({ hasText: 'Noor Visser' }).textContent()).toContain('raadslid');
    expect(await section.getByText('Els Bakker').count()).toBe(1);
    expect(await section.getByRole('link', { name: 'Vertegenwoordiger uitnodigen' }).getAttribute('href')).toBe(`/beheer/uitnodigen?lid=${utrechtId}`);
    await page.close();
  });

  it('lets staff invite a new representative for Middelburg, whose designation waits until a second pair of eyes confirms it', async () => {
    const page = await browser.newPage();
    await signIn(page, STAFF, '/beheer/uitnodigen');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Vertegenwoordiger uitnodigen');
    await page.getByLabel('Lid', { exact: true }).selectOption({ label: 'Middelburg' });
    await page.getByLabel('Naam', { exact: true }).fill('Anouk de Wit');
    await page.getByLabel('E-mailadres', { exact: true }).fill('anouk.dewit@middelburg.example');
    await page.getByLabel('Ambt', { exact: true }).selectOption('alderman');
    await page.getByLabel('Partij (niet verplicht)').fill('VVD');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    const confirmation = page.getByRole('status').filter({ hasText: 'Uitnodiging verstuurd' });
    await expect
      .poll(() => confirmation.textContent(), { timeout: 15_000 })
      .toContain('Uitnodiging verstuurd naar anouk.dewit@middelburg.example. De link werkt tot');
    expect(await confirmation.textContent()).toContain('Anouk de Wit is vastgelegd als wethouder van Middelburg');
    // Four eyes (decision 0010): the inviting staff member chose the address, so the designation waits.
    expect(await confirmation.textContent()).toContain('De aanwijzing wacht op bevestiging door een andere medewerker of beheerder');
    await expectAccessible(page);

    await confirmation.getByRole('link', { name: 'Naar Middelburg' }).click();
    await expect.poll(() => representativesSection(page).getByText('Karel Smit').count(), { timeout: 15_000 }).toBe(1);
    expect(await representativesSection(page).getByRole('row').filter({ hasText: 'Anouk de Wit' }).count()).toBe(0);

    // The people page lists it as pending; who recorded it sees why they cannot confirm it.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Personen' }).click();
    const pending = page.locator('section[aria-labelledby="pending-designations"]');
    const row = pending.getByRole('row').filter({ hasText: 'Anouk de Wit' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('wacht op bevestiging (vier ogen)');
    expect(await row.textContent()).toContain('Sanne de Vries');
    expect(await row.getByText('U legde deze aanwijzing vast; een andere medewerker of beheerder bevestigt haar.').count()).toBe(1);
    expect(await row.getByRole('button', { name: 'Aanwijzing van Anouk de Wit bevestigen' }).count()).toBe(0);
    await expectAccessible(page);
    await page.close();

    // A second pair of eyes, the administrator, confirms it; then Middelburg lists her.
    const admin = await browser.newPage();
    await signIn(admin, DEMO_ADMIN.email, '/beheer/personen');
    const adminRow = admin.locator('section[aria-labelledby="pending-designations"]').getByRole('row').filter({ hasText: 'Anouk de Wit' });
    await expect.poll(() => adminRow.count(), { timeout: 15_000 }).toBe(1);
    await adminRow.getByRole('button', { name: 'Aanwijzing van Anouk de Wit bevestigen' }).click();
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'De aanwijzing van Anouk de Wit is bevestigd' }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(admin);
    await admin.goto(`${base}/leden/${middelburgId}`);
    await expect.poll(() => representativesSection(admin).getByRole('row').filter({ hasText: 'Anouk de Wit' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await representativesSection(admin).getByRole('row').filter({ hasText: 'Anouk de Wit' }).textContent()).toContain('VVD');
    await admin.close();
  });

  it('shows the counting committee the designation in the audit trail and exports it as CSV', async () => {
    const page = await browser.newPage();
    await signIn(page, COMMITTEE);
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await nav.getByRole('link', { name: 'Personen' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Audittrail' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Audittrail');
    await page.getByLabel('Handeling').selectOption({ label: 'Aanwijzingen' });
    await expect.poll(() => page.url()).toContain('action=designation.');
    // Noor Visser's designation by staff in the first test (the invitation designated an alderman).
    const staffRow = page
      .locator('tbody tr')
      .filter({ hasText: 'Sanne de Vries' })
      .filter({ hasText: 'Aangewezen om namens een lid op te treden' })
      .filter({ hasText: '"capacity":"council-member"' });
    await expect.poll(() => staffRow.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('audit-summary').textContent()).toMatch(/^\d+ regels$/);
    await expectAccessible(page);

    const href = await page.getByRole('link', { name: 'Exporteren als CSV' }).getAttribute('href');
    expect(href).toBe('/api/v1/audit-log/export.csv?action=designation.');
    const response = await page.request.get(`${base}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    const csv = await response.text();
    expect(csv.split('\n')[0]).toBe('id,at,actor,actorId,action,entityType,entityId,data');
    expect(csv).toContain('designation.created');
    expect(csv).toContain('Sanne de Vries');
    expect(csv).not.toContain('session.login');
    await page.close();
  });

  it('keeps people and representatives from the public', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/leden/${utrechtId}`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('Utrecht');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await nav.getByRole('link', { name: 'Leden' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Personen' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audittrail' }).count()).toBe(0);
    const section = representativesSection(page);
    expect(await section.getByText('Wie namens dit lid mag optreden, ziet u na inloggen.').count()).toBe(1);
    expect(await section.getByRole('link', { name: 'Inloggen' }).getAttribute('href')).toBe(`/inloggen?terug=${encodeURIComponent(`/leden/${utrechtId}`)}`);
    expect(await section.getByText('Els Bakker').count()).toBe(0);
    expect((await server.app.inject({ url: `/api/v1/members/${utrechtId}/representatives` })).statusCode).toBe(401);

    await page.goto(`${base}/beheer/personen`);
    await expect.poll(() => page.getByText('Personen beheren kan alleen na inloggen').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('table').count()).toBe(0);
    await page.close();
  });
});
