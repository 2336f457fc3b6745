import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import { authHeaders, type AuthHeaders } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { expectAccessible, startDemoServer, type DemoServer } from '../support/browser.js';

let server: DemoServer;
let browser: Browser;
let base: string;
let consultationId: string;
const contexts: BrowserContext[] = [];
let staffApi: AuthHeaders;

const STAFF = 'medewerker@verenigd.demo';
const MIDDELBURG = 'burgemeester.middelburg@verenigd.demo';
const VLISSINGEN = 'griffier.vlissingen@verenigd.demo';
const TITLE = 'Snelle peiling verdeelmodel (test)';
const Q1 = 'Steunt u het voorstel voor de nieuwe verdeling?';
const Q2 = 'Wanneer moet de nieuwe verdeling ingaan?';
const Q3 = 'Wat moet er anders?';
/** Screenshots for a person to look at, next to the test run's other scratch files. */
const SHOTS = join(import.meta.dirname, '..', '..', '.tmp', 'screenshots');

beforeAll(async () => {
  server = await startDemoServer();
  ({ browser, base } = server);
  mkdirSync(SHOTS, { recursive: true });
  staffApi = await apiLogin(STAFF);
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await server?.close();
});

/** A fresh browser context (phone-sized when asked), signed in through the login page. */
async function signedIn(email: string, back: string, viewport = { width: 1280, height: 900 }, mobile = false): Promise<Page> {
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${base}/inloggen?terug=${encodeURIComponent(back)}`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Uitloggen' }).count(), { timeout: 15_000 }).toBe(1);
  return page;
}

async function apiLogin(email: string): Promise<AuthHeaders> {
  return authHeaders(await server.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: DEMO_PASSWORD } }));
}

async function call<T>(headers: AuthHeaders, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> {
  const response = await server.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return (response.body ? response.json() : undefined) as T;
}

/** The member a representative answers for, by name. */
async function memberIdOf(headers: AuthHeaders, name: string): Promise<string> {
  const me = await call<{ offices: { memberId: string; memberName: string }[] }>(headers, 'GET', '/people/me');
  return me.offices.find((o) => o.memberName === name)!.memberId;
}

const h1 = (page: Page) => page.locator('h1').textContent();
const question = (page: Page, n: number) => page.getByRole('group', { name: `Vraag ${n}`, exact: true });
/** Nothing wider than the phone: no horizontal scrolling. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe(`member consultations in a browser (${TEST_DB})`, () => {
  let staff: Page;

  it('lets staff build a quick consultation for Zeeland and launch it', async () => {
    staff = await signedIn(STAFF, '/raadplegingen');
    await expect.poll(() => h1(staff), { timeout: 15_000 }).toBe('Raadplegingen');
    expect(await staff.getByRole('link', { name: 'Raadplegingen', exact: true }).count()).toBe(1);
    await staff.getByRole('link', { name: 'Nieuwe raadpleging' }).click();
    await expect.poll(() => h1(staff), { timeout: 15_000 }).toBe('Nieuwe raadpleging');

    await staff.getByLabel('Titel', { exact: true }).fill(TITLE);
    await staff.getByLabel('Dossier', { exact: true }).fill('Financiële verhoudingen');
    expect(await staff.getByLabel('Eigenaar', { exact: true }).inputValue()).toBe('Bureau VNG');
    await staff.getByRole('button', { name: 'Snelle raadpleging: vandaag 14:00 tot morgen 10:00' }).click();
    expect(await staff.getByLabel('Herinneringen (uren voor sluiting)').inputValue()).toBe('2');
    const closes = await staff.getByLabel('Sluit op', { exact: true }).inputValue();
    expect(closes).toMatch(/T10:00$/);
    // Before 14:00 the preset opens at 14:00 today; the test cannot wait for that, so it opens now.
    const opens = await staff.getByLabel('Opent op', { exact: true }).inputValue();
    const nowLocal = await staff.evaluate(() => {
      const d = new Date(Date.now() - 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    if (opens > nowLocal) await staff.getByLabel('Opent op', { exact: true }).fill(nowLocal);

    // Everyone until a choice is made; Zeeland reaches its 13 members.
    await expect.poll(() => staff.getByTestId('audience-count').textContent(), { timeout: 15_000 }).toMatch(/^Deze keuze bereikt vandaag \d{3} leden\.$/);
    await staff.getByRole('checkbox', { name: 'Zeeland', exact: true }).check();
    await expect.poll(() => staff.getByTestId('audience-count').textContent()).toBe('Deze keuze bereikt vandaag 13 leden.');
    expect(await staff.getByRole('radio', { name: 'De aangewezen vertegenwoordiger' }).isChecked()).toBe(true);
    await expectAccessible(staff);

    await staff.getByRole('button', { name: 'Raadpleging aanmaken' }).click();
    await expect.poll(() => h1(staff), { timeout: 15_000 }).toBe(`Raadpleging bewerken: ${TITLE}`);
    consultationId = /\/raadplegingen\/([0-9a-f-]{36})\/bewerken$/.exec(new URL(staff.url()).pathname)![1]!;

    // Question 1: a position on the proposal (the default kind of the first question).
    expect(await question(staff, 1).getByLabel('Soort vraag').inputValue()).toBe('position');
    await question(staff, 1).getByLabel('Vraag', { exact: true }).fill(Q1);
    // Question 2: a single choice.
    await staff.getByRole('button', { name: 'Vraag toevoegen' }).click();
    await expect.poll(() => staff.evaluate(() => document.activeElement?.getAttribute('data-focus') ?? '')).toMatch(/-kind$/);
    await question(staff, 2).getByLabel('Soort vraag').selectOption('single');
    await question(staff, 2).getByLabel('Vraag', { exact: true }).fill(Q2);
    await question(staff, 2).getByLabel('Antwoordmogelijkheden').fill('1 januari 2027\n1 januari 2028\nGeen voorkeur');
    // Question 3: open, only for those who disagree with question 1.
    await staff.getByRole('button', { name: 'Vraag toevoegen' }).click();
    await question(staff, 3).getByLabel('Soort vraag').selectOption('open');
    await question(staff, 3).getByLabel('Vraag', { exact: true }).fill(Q3);
    await question(staff, 3).getByLabel('Alleen tonen na een antwoord op').selectOption({ label: Q1 });
    await question(staff, 3).getByRole('group', { name: 'Tonen bij het antwoord' }).getByRole('checkbox', { name: 'Oneens' }).check();
    // Reordering by keyboard-operable buttons: down and back up.
    await staff.getByRole('button', { name: 'Omlaag (Vraag 1)' }).click();
    expect(await question(staff, 1).getByLabel('Vraag', { exact: true }).inputValue()).toBe(Q2);
    await staff.getByRole('button', { name: 'Omhoog (Vraag 2)' }).click();
    expect(await question(staff, 1).getByLabel('Vraag', { exact: true }).inputValue()).toBe(Q1);

    await staff.getByRole('button', { name: 'Vragen opslaan' }).click();
    await expect.poll(() => staff.getByRole('status').filter({ hasText: '3 vragen opgeslagen.' }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(staff);

    await staff.getByRole('button', { name: 'Uitzetten', exact: true }).click();
    await staff.getByRole('button', { name: 'Ja, uitzetten' }).click();
    await expect.poll(() => h1(staff), { timeout: 15_000 }).toBe(TITLE);
    await expect.poll(() => staff.locator('.vd-consultation-status').textContent(), { timeout: 15_000 }).toBe('Open');
  });

  it('lets two representatives of Zeeland answer on a phone, one after saving a draft', async () => {
    // Middelburg on a phone: a draft first, then the answer.
    const middelburg = await signedIn(MIDDELBURG, `/raadplegingen/${consultationId}`, { width: 390, height: 844 }, true);
    await expect.poll(() => h1(middelburg), { timeout: 15_000 }).toBe(TITLE);
    const form = middelburg.getByRole('region', { name: 'Antwoord namens Middelburg' });
    await expect.poll(() => form.getByRole('radiogroup', { name: `Vraag 1: ${Q1}` }).count(), { timeout: 15_000 }).toBe(1);
    // The open question waits for "Oneens".
    expect(await form.getByLabel(`Vraag 3: ${Q3}`).count()).toBe(0);
    await form.getByRole('radio', { name: 'Eens', exact: true }).check();
    await form.getByLabel('Toelichting (optioneel)').fill('Eindelijk een eerlijker verdeling.');
    await form.getByRole('button', { name: 'Concept opslaan' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent(), { timeout: 15_000 })
      .toMatch(/^Concept opgeslagen om .+\. Het telt pas mee als u het verstuurt\.$/);
    expect(await fitsWidth(middelburg)).toBe(true);
    await expectAccessible(middelburg);
    await middelburg.screenshot({ path: join(SHOTS, `answer-phone-${TEST_DB}.png`), fullPage: true });

    // Submitting without the required choice names the question and links to it.
    await form.getByRole('button', { name: 'Versturen' }).click();
    await expect.poll(() => form.getByText('Beantwoord eerst deze vragen:').count()).toBe(1);
    expect(await form.getByRole('link', { name: `Vraag 2: ${Q2}` }).count()).toBe(1);
    await expectAccessible(middelburg);

    // Meanwhile Middelburg's response is saved elsewhere (a second session): the next save meets a newer version.
    const elsewhere = await apiLogin(MIDDELBURG);
    const middelburgId = await memberIdOf(elsewhere, 'Middelburg');
    const detail = await call<{ questions: { id: string; position: number }[] }>(staffApi, 'GET', `/consultations/${consultationId}`);
    const q1Id = detail.questions.find((q) => q.position === 1)!.id;
    await call(elsewhere, 'PUT', `/consultations/${consultationId}/responses/${middelburgId}`, {
      answers: { [q1Id]: { choice: 'disagree' } },
      submit: false,
      version: 1,
    });
    await form.getByRole('radio', { name: '1 januari 2028' }).check();
    await form.getByRole('button', { name: 'Versturen' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent(), { timeout: 15_000 })
      .toBe('Een andere vertegenwoordiger heeft intussen opgeslagen. Hun antwoord staat nu hieronder; controleer het en sla opnieuw op.');
    // The form shows what was saved elsewhere, with the question that answer opens.
    await expect.poll(() => form.getByRole('radio', { name: 'Oneens', exact: true }).isChecked(), { timeout: 15_000 }).toBe(true);
    expect(await form.getByLabel(`Vraag 3: ${Q3}`).count()).toBe(1);
    expect(await middelburg.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    await form.getByRole('radio', { name: 'Eens', exact: true }).check();
    expect(await form.getByLabel(`Vraag 3: ${Q3}`).count()).toBe(0);
    await form.getByRole('radio', { name: '1 januari 2028' }).check();
    await form.getByRole('button', { name: 'Versturen' }).click();
    await expect.poll(() => form.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^Het antwoord namens Middelburg is verstuurd op .+\.$/);
    // Once sent, the answer changes only by resending: no draft save that would withdraw it.
    expect(await form.getByRole('button', { name: 'Concept opslaan' }).count()).toBe(0);
    await expect.poll(() => form.getByText(/^Verstuurd op .+, nog te wijzigen tot .+\.$/).count(), { timeout: 15_000 }).toBe(1);

    // The list says so too.
    await middelburg.getByRole('link', { name: 'Terug naar de raadplegingen' }).click();
    await expect.poll(() => h1(middelburg), { timeout: 15_000 }).toBe('Raadplegingen');
    await expect
      .poll(
        () =>
          middelburg
            .getByRole('row')
            .filter({ has: middelburg.getByRole('link', { name: TITLE, exact: true }) })
            .textContent(),
        { timeout: 15_000 },
      )
      .toContain('Middelburg: verstuurd');
    expect(await fitsWidth(middelburg)).toBe(true);
    await expectAccessible(middelburg);

    // Vlissingen: disagrees, so the open question appears.
    const vlissingen = await signedIn(VLISSINGEN, `/raadplegingen/${consultationId}`, { width: 390, height: 844 }, true);
    const form2 = vlissingen.getByRole('region', { name: 'Antwoord namens Vlissingen' });
    await expect.poll(() => form2.getByRole('radiogroup', { name: `Vraag 1: ${Q1}` }).count(), { timeout: 15_000 }).toBe(1);
    await form2.getByRole('radio', { name: 'Oneens', exact: true }).check();
    await form2.getByLabel(`Vraag 3: ${Q3}`).fill('Meer rekening houden met krimpregio’s.');
    await form2.getByRole('radio', { name: 'Geen voorkeur' }).check();
    await form2.getByRole('button', { name: 'Versturen' }).click();
    await expect.poll(() => form2.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/^Het antwoord namens Vlissingen is verstuurd op .+\.$/);
    expect(await fitsWidth(vlissingen)).toBe(true);
    await expectAccessible(vlissingen);
  });

  it('shows staff the response rate and the breakdown per segment on the dashboard', async () => {
    await staff.goto(`${base}/raadplegingen/${consultationId}/resultaten`);
    await expect.poll(() => h1(staff), { timeout: 15_000 }).toBe(`Resultaten: ${TITLE}`);
    await expect.poll(() => staff.getByTestId('response-rate').textContent(), { timeout: 15_000 }).toBe('2 van 13 leden hebben gereageerd (15,38 %)');

    // Response per province: only Zeeland is in the audience.
    const rates = staff.getByRole('table', { name: 'Respons per Provincie' });
    expect(
      await rates
        .getByRole('row', { name: /Zeeland/ })
        .locator('td')
        .allTextContents(),
    ).toEqual(['13', '2', '15,38 %']);

    // Question 1: one agrees, one disagrees; the eleven others are "Geen reactie", apart from both.
    const q1 = staff.getByRole('table', { name: 'Vraag 1: aantallen en aandelen' });
    expect((await q1.getByRole('row', { name: /^Eens/ }).locator('td').allTextContents()).slice(0, 2)).toEqual(['1', '50,00 %']);
    expect(
      (
        await q1
          .getByRole('row', { name: /^Oneens/ })
          .locator('td')
          .allTextContents()
      ).slice(0, 2),
    ).toEqual(['1', '50,00 %']);
    expect(
      (
        await q1
          .getByRole('row', { name: /^Geen reactie/ })
          .locator('td')
          .allTextContents()
      )[0],
    ).toBe('11');
    expect(await staff.locator('svg[role="img"]').count()).toBe(2);
    expect(await staff.locator('svg[role="img"]').first().getAttribute('aria-label')).toMatch(/^Vraag 1: .*Eens: 50,00 % van de leden, [\d,]+ % gewogen/);

    // Side by side by size class, with the divergence between the segments.
    await staff.getByLabel('Uitsplitsen naar').selectOption('sizeClass');
    await expect.poll(() => staff.getByRole('table', { name: 'Respons per Grootteklasse' }).count()).toBe(1);
    const bySize = staff.getByRole('table', { name: 'Vraag 1 per Grootteklasse' });
    expect(await bySize.getByRole('columnheader').count()).toBeGreaterThan(1);
    expect(await staff.locator('.vd-divergence').first().textContent()).toMatch(/^Verdeeldheid: /);
    // Open answers per segment.
    await expect.poll(() => staff.getByText('Meer rekening houden met krimpregio’s.').count()).toBe(1);
    expect(await staff.getByRole('link', { name: 'Resultaten als CSV' }).getAttribute('href')).toBe(`/api/v1/consultations/${consultationId}/results.csv`);
    await expectAccessible(staff);
    await staff.screenshot({ path: join(SHOTS, `dashboard-${TEST_DB}.png`), fullPage: true });
    await staff
      .locator('.vd-question-result')
      .first()
      .screenshot({ path: join(SHOTS, `question-${TEST_DB}.png`) });

    // In English too.
    await staff.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => staff.getByTestId('response-rate').textContent(), { timeout: 15_000 }).toBe('2 of 13 members responded (15.38%)');
    expect(await h1(staff)).toBe(`Results: ${TITLE}`);
    await expectAccessible(staff);
    await staff.getByRole('button', { name: 'Nederlands' }).click();
    await expect.poll(() => h1(staff)).toBe(`Resultaten: ${TITLE}`);

    // A reminder to the eleven that have not answered, and the outcome (members that answered are told).
    await staff.getByRole('button', { name: 'Herinnering sturen' }).click();
    await expect
      .poll(
        () =>
          staff
            .getByRole('status')
            .filter({ hasText: /herinnering(en)? verstuurd\.$/ })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1);
    await staff.getByRole('radio', { name: 'Gedifferentieerd standpunt' }).check();
    await staff.getByLabel('Toelichting', { exact: true }).fill('De vereniging steunt de verdeling, met aandacht voor krimpregio’s.');
    await staff.getByRole('button', { name: 'Uitkomst opslaan en leden informeren' }).click();
    await expect.poll(() => staff.getByRole('status').filter({ hasText: 'De uitkomst is opgeslagen' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await staff.getByText('Publiceren kan als de raadpleging gesloten is en de uitkomst is vastgelegd.').count()).toBe(1);
    await expectAccessible(staff);
  });

  it('shows the public the question, the response and the outcome once published', async () => {
    // A short consultation through the API, closed within seconds, with one answer from Middelburg.
    const now = Date.now();
    const { id } = await call<{ id: string }>(staffApi, 'POST', '/consultations', {
      title: 'Korte peiling (test)',
      dossier: 'Arbeidsmarkt',
      owner: 'Commissie Werk',
      explanation: 'Een **korte** peiling.',
      audience: { provinces: ['Zeeland'], sizeClasses: [], networks: [], memberClasses: [] },
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 8_000).toISOString(),
    });
    const { items } = await call<{ items: { id: string }[] }>(staffApi, 'PUT', `/consultations/${id}/questions`, {
      items: [{ kind: 'position', text: 'Steunt u de cao-inzet?' }],
    });
    await call(staffApi, 'POST', `/consultations/${id}/launch`);
    const rep = await apiLogin(MIDDELBURG);
    await call(rep, 'PUT', `/consultations/${id}/responses/${await memberIdOf(rep, 'Middelburg')}`, {
      answers: { [items[0]!.id]: { choice: 'agree' } },
      submit: true,
    });
    // The deadline passes: wait for the consultation to be closed, not for a fixed time.
    await expect
      .poll(async () => (await call<{ status: string }>(staffApi, 'GET', `/consultations/${id}`)).status, { timeout: 15_000, interval: 250 })
      .toBe('closed');
    await call(staffApi, 'PUT', `/consultations/${id}/outcome`, { kind: 'position', text: 'De vereniging steunt de cao-inzet.' });

    // Staff publish from the dashboard.
    await staff.goto(`${base}/raadplegingen/${id}/resultaten`);
    await expect.poll(() => h1(staff), { timeout: 15_000 }).toBe('Resultaten: Korte peiling (test)');
    await staff.getByRole('button', { name: 'Publiceren', exact: true }).click();
    await staff.getByRole('button', { name: 'Ja, publiceren' }).click();
    await expect.poll(() => staff.getByText(/^Gepubliceerd op .+\.$/).count(), { timeout: 15_000 }).toBe(1);

    // Anyone, signed out, on a phone.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    const visitor = await context.newPage();
    await visitor.goto(`${base}/raadplegingen`);
    await expect.poll(() => visitor.getByRole('link', { name: 'Korte peiling (test)' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await visitor.getByRole('link', { name: TITLE, exact: true }).count()).toBe(0);
    await visitor.getByRole('link', { name: 'Korte peiling (test)' }).click();
    await expect.poll(() => h1(visitor), { timeout: 15_000 }).toBe('Korte peiling (test)');
    await expect.poll(() => visitor.getByTestId('response-rate').textContent(), { timeout: 15_000 }).toBe('1 van 13 leden hebben gereageerd (7,69 %)');
    expect(await visitor.getByText('Standpunt ingenomen').count()).toBe(1);
    expect(await visitor.getByText('De vereniging steunt de cao-inzet.').count()).toBe(1);
    expect(await visitor.locator('strong', { hasText: 'korte' }).count()).toBe(1);
    expect(await fitsWidth(visitor)).toBe(true);
    await expectAccessible(visitor);
  });
});
