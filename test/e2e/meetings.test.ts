import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import { authHeaders, type AuthHeaders } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { expectAccessible, startDemoServer, type DemoServer } from '../support/browser.js';

let server: DemoServer;
let browser: Browser;
let base: string;
let staff: AuthHeaders;
let meetingId: string;
let meetingTitle: string;
/** An item for decision on which the representative files a motion. */
let motionItem: { id: string; number: string; title: string };
/** An item for decision without motions, adopted by acclamation from the chair's console. */
let adoptItem: { id: string; number: string; title: string };

const STAFF = 'medewerker@verenigd.demo';
const CHAIR = 'voorzitter@verenigd.demo';
const UTRECHT = 'burgemeester.utrecht@verenigd.demo';
const MIDDELBURG = 'burgemeester.middelburg@verenigd.demo';

interface Item {
  id: string;
  number: string;
  title: string;
}

async function call<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object): Promise<T> {
  const response = await server.app.inject({ method, url: `/api/v1${url}`, headers: staff, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return (response.body ? response.json() : undefined) as T;
}

/** The item with this title, with its number as the agenda now has it. */
async function itemNamed(title: string): Promise<Item> {
  const agenda = await call<{ items: Item[] }>('GET', `/meetings/${meetingId}/agenda-items`);
  const item = agenda.items.find((i) => i.title === title);
  if (!item) throw new Error(`no item ${title}`);
  return { id: item.id, number: item.number, title: item.title };
}

beforeAll(async () => {
  server = await startDemoServer();
  ({ browser, base } = server);
  const login = await server.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: STAFF, password: DEMO_PASSWORD } });
  staff = authHeaders(login);

  // The demo's BALV, two weeks ahead; its motion deadline must lie ahead for the representative.
  const meetings = await call<{ items: { id: string; kind: string; title: string; motionDeadline: string | null }[] }>('GET', '/meetings');
  const balv = meetings.items.find((m) => m.kind === 'balv')!;
  meetingId = balv.id;
  meetingTitle = balv.title;
  if (!balv.motionDeadline || new Date(balv.motionDeadline) < new Date()) {
    await call('PATCH', `/meetings/${meetingId}`, { motionDeadline: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  }
  // Two proposals of our own, so the test does not depend on what the demo agenda holds.
  for (const [title, decisionText] of [
    ['Kaderbrief 2028 (test)', 'De BALV stemt in met de Kaderbrief 2028 en de uitgangspunten voor de begroting.'],
    ['Contributie 2028 (test)', 'De BALV stelt de contributie voor 2028 vast op het niveau van 2027, vermeerderd met de loon- en prijsontwikkeling.'],
  ] as const) {
    await call('POST', `/meetings/${meetingId}/agenda-items`, {
      title,
      purpose: 'decision',
      decisionText,
      portfolioHolder: 'Sharon Dijksma',
      summary: `Samenvatting van ${title}.`,
      public: true,
    });
  }
  motionItem = await itemNamed('Kaderbrief 2028 (test)');
  adoptItem = await itemNamed('Contributie 2028 (test)');
});
afterAll(() => server?.close());

/** Signs in through the login page and waits until the session shows. */
async function signIn(page: Page, email: string, back = '/') {
  await page.goto(`${base}/inloggen?terug=${encodeURIComponent(back)}`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Uitloggen' }).count(), { timeout: 15_000 }).toBe(1);
}

const h1 = (page: Page) => page.locator('h1').textContent();
/** The article of one agenda item on the meeting page, by its heading "N. Title". */
const itemArticle = (page: Page, item: Item) => page.getByRole('article', { name: `${item.number}. ${item.title}`, exact: true });

describe(`general meetings in a browser (${TEST_DB})`, () => {
  it('shows the public the meeting and its public agenda, without motions or filing', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Vergaderingen' }).click();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Vergaderingen');
    await expect
      .poll(() => page.getByRole('region', { name: 'Komende vergaderingen' }).getByRole('link', { name: meetingTitle }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await page.getByRole('heading', { name: 'Vergadering plannen' }).count()).toBe(0);
    await expectAccessible(page);

    await page.getByRole('link', { name: meetingTitle }).click();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(meetingTitle);
    await expect.poll(() => itemArticle(page, motionItem).count(), { timeout: 15_000 }).toBe(1);
    const article = itemArticle(page, motionItem);
    expect(await article.getByText('ter besluitvorming').count()).toBe(1);
    expect(await article.getByText('Portefeuillehouder: Sharon Dijksma').count()).toBe(1);
    expect(await article.getByText('De BALV stemt in met de Kaderbrief 2028', { exact: false }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Motie indienen/ }).count()).toBe(0);
    expect(await page.getByText('Moties, amendementen en stukken voor leden ziet u na inloggen.').count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  });

  it('lets a representative file a motion through the form and lists it under the item, before the proposal', async () => {
    const page = await browser.newPage();
    await signIn(page, UTRECHT, `/vergaderingen/${meetingId}`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(meetingTitle);
    const article = itemArticle(page, motionItem);
    await expect.poll(() => article.getByRole('button', { name: `Motie indienen (bij agendapunt ${motionItem.number})` }).count(), { timeout: 15_000 }).toBe(1);
    await article.getByRole('button', { name: `Motie indienen (bij agendapunt ${motionItem.number})` }).click();

    const form = article.locator('.vd-submission-form');
    await expect.poll(() => form.getByRole('heading', { name: `Motie indienen bij agendapunt ${motionItem.number}. ${motionItem.title}` }).count()).toBe(1);
    // Focus moves to the form's heading.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H4');
    await form.getByLabel('Titel', { exact: true }).fill('Lokale lasten in beeld');
    // Els Bakker acts for Utrecht only: its box is ticked already.
    expect(await form.getByRole('checkbox', { name: 'Utrecht' }).isChecked()).toBe(true);
    await form.getByLabel('Overwegingen (niet verplicht)').fill('De lokale lasten stijgen sneller dan de inkomsten van gemeenten.');
    await form.getByLabel('Verzoek', { exact: true }).fill('Verzoekt het bestuur de ontwikkeling van de lokale lasten in de kaderbrief op te nemen.');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Motie indienen', exact: true }).click();

    await expect
      .poll(() => article.getByRole('status').textContent(), { timeout: 15_000 })
      .toBe(`De motie "Lokale lasten in beeld" is ingediend bij agendapunt ${motionItem.number}.`);
    const motion = article.getByRole('article', { name: 'Motie: Lokale lasten in beeld' });
    await expect.poll(() => motion.count(), { timeout: 15_000 }).toBe(1);
    expect(await motion.textContent()).toContain('Utrecht');
    expect(await motion.textContent()).toContain('ingediend');
    expect(await motion.textContent()).toContain('nog geen advies');
    // Handled before the proposal: the motion comes before the item's proposal in the page.
    const before = await article.evaluate((node) => {
      const motionNode = Array.from(node.querySelectorAll('article')).find((a) => a.getAttribute('aria-label') === 'Motie: Lokale lasten in beeld');
      const proposal = node.querySelector('.vd-agenda__proposal');
      return !!motionNode && !!proposal && (motionNode.compareDocumentPosition(proposal) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(before).toBe(true);
    // The first submitter may hold or withdraw, and invites co-submitters: nobody joins without that.
    expect(await motion.getByRole('button', { name: 'Intrekken (Motie: Lokale lasten in beeld)' }).count()).toBe(1);
    await motion.getByRole('button', { name: 'Mede-indiener uitnodigen (Motie: Lokale lasten in beeld)' }).click();
    const invite = motion.getByRole('form', { name: 'Mede-indiener uitnodigen voor Lokale lasten in beeld' });
    const choice = invite.getByLabel('Lid om mee in te dienen');
    await expect.poll(() => choice.locator('option', { hasText: /^Middelburg$/ }).count(), { timeout: 15_000 }).toBe(1);
    // A member already submitting is not offered.
    expect(await choice.locator('option', { hasText: /^Utrecht$/ }).count()).toBe(0);
    await expectAccessible(page);
    await choice.selectOption({ label: 'Middelburg' });
    await invite.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect
      .poll(() => motion.getByRole('status').textContent(), { timeout: 15_000 })
      .toBe('Middelburg is uitgenodigd als mede-indiener van Motie: Lokale lasten in beeld.');
    await expect.poll(() => motion.textContent(), { timeout: 15_000 }).toMatch(/Uitgenodigd als mede-indienerMiddelburg \(uitgenodigd door /);
    expect(await motion.getByRole('button', { name: 'Uitnodiging aan Middelburg intrekken (Motie: Lokale lasten in beeld)' }).count()).toBe(1);
    await expectAccessible(page);

    const listed = await call<{ items: { title: string; agendaItemId: string; submitters: { memberName: string }[] }[] }>(
      'GET',
      `/motions?meetingId=${meetingId}`,
    );
    expect(listed.items.find((m) => m.title === 'Lokale lasten in beeld')).toMatchObject({
      agendaItemId: motionItem.id,
      submitters: [{ memberName: 'Utrecht' }],
    });
    await page.close();
  });

  it('lets the invited representative accept the invitation and file an amendment, shown as its change to the proposal', async () => {
    const page = await browser.newPage();
    await signIn(page, MIDDELBURG, `/vergaderingen/${meetingId}`);
    const article = itemArticle(page, motionItem);
    const motion = article.getByRole('article', { name: 'Motie: Lokale lasten in beeld' });
    await expect.poll(() => motion.count(), { timeout: 15_000 }).toBe(1);
    // Invited, not yet a submitter: may accept or decline, not hold or withdraw.
    await expect.poll(() => motion.getByRole('button', { name: 'Uitnodiging aannemen (Motie: Lokale lasten in beeld)' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await motion.getByRole('button', { name: /^Intrekken/ }).count()).toBe(0);
    await motion.getByRole('button', { name: 'Uitnodiging aannemen (Motie: Lokale lasten in beeld)' }).click();
    await expect.poll(() => motion.getByText('Middelburg (mede-indiener)', { exact: false }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => motion.getByRole('button', { name: /^Uitnodiging aannemen/ }).count()).toBe(0);
    // A co-submitter can take their own name off, but not hold or withdraw the first submitter's motion.
    expect(await motion.getByRole('button', { name: 'Naam terugtrekken (Motie: Lokale lasten in beeld)' }).count()).toBe(1);
    expect(await motion.getByRole('button', { name: /^Intrekken/ }).count()).toBe(0);
    expect(await motion.getByRole('button', { name: /^Aanhouden/ }).count()).toBe(0);
    await expectAccessible(page);

    await article.getByRole('button', { name: `Amendement indienen (bij agendapunt ${motionItem.number})` }).click();
    const form = article.locator('.vd-submission-form');
    await expect
      .poll(() => form.getByRole('heading', { name: `Amendement indienen bij agendapunt ${motionItem.number}. ${motionItem.title}` }).count())
      .toBe(1);
    await form.getByLabel('Titel', { exact: true }).fill('Aandacht voor kleine gemeenten');
    const text = form.getByLabel('Besluittekst zoals het amendement die maakt');
    // The field starts with the proposal's text, to edit into the text as amended.
    expect(await text.inputValue()).toBe('De BALV stemt in met de Kaderbrief 2028 en de uitgangspunten voor de begroting.');
    await text.fill('De BALV stemt in met de Kaderbrief 2028 en de uitgangspunten voor de begroting, met bijzondere aandacht voor kleine gemeenten.');
    await form.getByLabel('Toelichting (niet verplicht)').fill('Kleine gemeenten dragen relatief zware lasten.');
    await form.getByRole('button', { name: 'Amendement indienen', exact: true }).click();

    const amendment = article.getByRole('article', { name: 'Amendement: Aandacht voor kleine gemeenten' });
    await expect.poll(() => amendment.count(), { timeout: 15_000 }).toBe(1);
    // The change reads as inserted and deleted text, also for screen readers.
    await expect.poll(() => amendment.locator('ins').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await amendment.locator('ins').allTextContents()).toContainEqual(expect.stringContaining('kleine gemeenten'));
    expect(await amendment.locator('ins .vd-visually-hidden').first().textContent()).toBe('[toegevoegd: ');
    await expectAccessible(page);
    await page.close();
  });

  it('lets the chair open the meeting, bring up an item, add a speaker and adopt the proposal by acclamation', async () => {
    const page = await browser.newPage();
    await signIn(page, CHAIR, `/vergaderingen/${meetingId}/voorzitter`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(`Vergaderleiding: ${meetingTitle}`);
    await expect.poll(() => page.getByTestId('presence-summary').textContent(), { timeout: 15_000 }).toMatch(/leden? aanwezig of vertegenwoordigd/);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Vergadering openen' }).click();
    // The demo's BALV lies ahead: the chair confirms opening it before its date.
    await page.getByRole('button', { name: 'Ja, nu openen' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'is geopend.' }).count(), { timeout: 15_000 }).toBe(1);
    const bringUp = page.getByRole('button', { name: `Aan de orde stellen (${adoptItem.number}. ${adoptItem.title})` });
    await expect.poll(() => bringUp.count(), { timeout: 15_000 }).toBe(1);
    await bringUp.click();
    const current = page.getByRole('heading', { level: 2, name: `Aan de orde: ${adoptItem.number}. ${adoptItem.title}` });
    await expect.poll(() => current.count(), { timeout: 15_000 }).toBe(1);
    // The current item is marked in the agenda, and focus moved to it.
    expect(await page.locator('li[aria-current="step"]').textContent()).toContain(adoptItem.title);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(`Aan de orde: ${adoptItem.number}. ${adoptItem.title}`);

    await page.getByLabel('Naam van de spreker').fill('Els Bakker');
    await page.getByLabel('Namens lid (niet verplicht)').selectOption({ label: 'Utrecht' });
    await page.getByRole('button', { name: 'Spreker toevoegen' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Els Bakker staat op de sprekerslijst (1e termijn).' }).count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => page.locator('.vd-speakers__list li').filter({ hasText: 'Els Bakker (Utrecht)' }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(page);

    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/meetings/${meetingId}/decisions`) && r.request().method() === 'POST');
    await page.getByRole('button', { name: `Aangenomen bij acclamatie (het voorstel bij agendapunt ${adoptItem.number})` }).click();
    const response = await answer;
    expect(response.status()).toBe(201);
    const decided = (await response.json()) as { items: { subjectId: string; outcome: string; method: string; phrase: { nl: string; en: string } }[] };
    expect(decided.items).toHaveLength(1);
    expect(decided.items[0]).toMatchObject({ subjectId: adoptItem.id, outcome: 'adopted', method: 'acclamation' });
    const phrase = decided.items[0]!.phrase.nl;
    expect(phrase).toMatch(/^De BALV stemt (per acclamatie )?in met het voorstel\.$/);
    const recorded = page.getByRole('status').filter({ hasText: 'Besluit vastgelegd' });
    await expect.poll(() => recorded.textContent(), { timeout: 15_000 }).toContain(phrase);
    await expect.poll(() => page.getByText(phrase, { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await expectAccessible(page);

    // This item's minutes may be approved at once, e.g. for a notary.
    await page.getByRole('button', { name: 'Notulen van dit punt direct vaststellen' }).click();
    await page.getByRole('button', { name: 'Ja, vaststellen' }).click();
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: `De notulen van agendapunt ${adoptItem.number} zijn vastgesteld.` })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1);
    await expect.poll(() => page.getByText(/^De notulen van dit punt zijn vastgesteld op /).count(), { timeout: 15_000 }).toBe(1);
    const approved = await call<{ items: { id: string; decision: { minutesApprovedAt: string | null } | null }[] }>(
      'GET',
      `/meetings/${meetingId}/agenda-items`,
    );
    expect(approved.items.find((i) => i.id === adoptItem.id)?.decision?.minutesApprovedAt).toBeTruthy();

    // The item with the open motion: its proposal waits for the motion, and the chair reads why.
    await page.getByRole('button', { name: `Aan de orde stellen (${motionItem.number}. ${motionItem.title})` }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 2, name: `Aan de orde: ${motionItem.number}. ${motionItem.title}` }).count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => page.getByRole('article', { name: 'Motie: Lokale lasten in beeld' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: `Aangenomen bij acclamatie (het voorstel bij agendapunt ${motionItem.number})` }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('Beslis eerst over de moties en amendementen bij dit agendapunt.');
    await page.close();

    // Everyone reads the phrase under the item and in the decision list.
    const visitor = await browser.newPage();
    await visitor.goto(`${base}/vergaderingen/${meetingId}`);
    await expect
      .poll(
        () =>
          itemArticle(visitor, adoptItem)
            .getByRole('region', { name: `Besluit bij agendapunt ${adoptItem.number}` })
            .textContent(),
        { timeout: 15_000 },
      )
      .toContain(phrase);
    await visitor
      .getByRole('navigation', { name: `Onderdelen van ${meetingTitle}` })
      .getByRole('link', { name: 'Besluitenlijst' })
      .click();
    await expect.poll(() => h1(visitor), { timeout: 15_000 }).toBe(`Besluitenlijst: ${meetingTitle}`);
    await expect
      .poll(
        () =>
          visitor
            .getByRole('listitem')
            .filter({ hasText: `${adoptItem.number}. ${adoptItem.title}` })
            .first()
            .textContent(),
        { timeout: 15_000 },
      )
      .toContain(phrase);
    await expectAccessible(visitor);
    await visitor.close();
  });

  it('lets staff draft the minutes from the course of the meeting; the public waits for their approval', async () => {
    const page = await browser.newPage();
    await signIn(page, STAFF, `/vergaderingen/${meetingId}/notulen`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(`Notulen: ${meetingTitle}`);
    await expect.poll(() => page.getByText('Er zijn nog geen notulen van deze vergadering.').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Concept genereren' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Er is een nieuw concept gegenereerd.' }).count(), { timeout: 15_000 }).toBe(1);
    const text = page.getByRole('region', { name: 'Tekst' });
    await expect.poll(() => text.textContent(), { timeout: 15_000 }).toContain(adoptItem.title);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.getByText('concept', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Notulen downloaden (PDF)' }).getAttribute('href')).toBe(`/api/v1/meetings/${meetingId}/minutes.pdf`);
    expect(await page.getByRole('button', { name: 'Getrouw beeld' }).count()).toBe(1);
    await expectAccessible(page);

    // A new version from the editor.
    const editor = page.getByLabel('Tekst van de notulen');
    await editor.fill(`${await editor.inputValue()}\n\nAanvulling: de voorzitter dankt de aanwezigen.`);
    await page.getByLabel('Toelichting bij deze versie (niet verplicht)').fill('Dankwoord toegevoegd');
    await page.getByRole('button', { name: 'Versie opslaan' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'De nieuwe versie van de notulen is opgeslagen.' }).count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => page.getByRole('table').getByRole('row').filter({ hasText: 'Dankwoord toegevoegd' }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(page);
    await page.close();

    const visitor = await browser.newPage();
    await visitor.goto(`${base}/vergaderingen/${meetingId}/notulen`);
    await expect
      .poll(() => visitor.getByText('De notulen worden openbaar zodra de volgende vergadering ze heeft vastgesteld.').count(), { timeout: 15_000 })
      .toBe(1);
    expect(await visitor.getByText('Aanvulling: de voorzitter dankt de aanwezigen.').count()).toBe(0);
    await visitor.close();
  });

  it('lets staff plan a meeting from the template, add an item and move it up the agenda', async () => {
    const page = await browser.newPage();
    await signIn(page, STAFF, '/vergaderingen');
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

    const meetings = await call<{ items: { id: string; title: string }[] }>('GET', '/meetings');
    const planned = meetings.items.find((m) => m.title === 'ALV juni 2027 (test)')!;
    const agenda = await call<{ items: { number: string; title: string }[] }>('GET', `/meetings/${planned.id}/agenda-items`);
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

  it("lets staff record the board's advice on a motion once the meeting is open", async () => {
    const page = await browser.newPage();
    await signIn(page, STAFF, `/vergaderingen/${meetingId}/voorbereiden`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(`Voorbereiden: ${meetingTitle}`);
    const item = page.getByRole('article', { name: `${motionItem.number}. ${motionItem.title}` });
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    // The meeting is open: the order is fixed.
    expect(await item.getByRole('button', { name: /^Omhoog/ }).count()).toBe(0);
    await item.getByRole('button', { name: `Openen (${motionItem.number}. ${motionItem.title})` }).click();
    const adviceForm = item.getByRole('form', { name: 'Advies van het bestuur op Motie: Lokale lasten in beeld' });
    await expect.poll(() => adviceForm.count(), { timeout: 15_000 }).toBe(1);
    await adviceForm.getByLabel('Advies van het bestuur', { exact: true }).selectOption('take-over');
    await adviceForm.getByLabel('Toelichting op het advies (niet verplicht)').fill('Het bestuur neemt de lokale lasten op in de kaderbrief.');
    await adviceForm.getByRole('button', { name: 'Advies opslaan (Motie: Lokale lasten in beeld)' }).click();
    await expect
      .poll(() => item.getByRole('status').filter({ hasText: 'Het advies op Motie: Lokale lasten in beeld is opgeslagen: overnemen.' }).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await expect
      .poll(() => item.getByRole('article', { name: 'Motie: Lokale lasten in beeld' }).textContent(), { timeout: 15_000 })
      .toContain('overnemen — Het bestuur neemt de lokale lasten op in de kaderbrief.');
    await expectAccessible(page);
    await page.close();
  });

  it('lets a representative check in online and staff see the present list at the door', async () => {
    const page = await browser.newPage();
    await signIn(page, MIDDELBURG, `/vergaderingen/${meetingId}`);
    const card = page.locator('section', { has: page.getByRole('heading', { name: 'Mijn presentiekaart' }) });
    await expect.poll(() => card.getByRole('heading', { name: 'Middelburg' }).count(), { timeout: 15_000 }).toBe(1);
    await card.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await expect.poll(() => card.getByText('U bent aangemeld en voert de stem van dit lid.').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => card.getByRole('status').filter({ hasText: 'Aanwezig:' }).textContent()).toMatch(/^Aanwezig: \d+ van de 342 leden/);
    await expectAccessible(page);
    await page.close();

    const door = await browser.newPage();
    await signIn(door, STAFF, `/vergaderingen/${meetingId}/presentie`);
    await expect.poll(() => h1(door), { timeout: 15_000 }).toBe('Presentie');
    const list = door.getByRole('table', { name: /Presentielijst/ });
    await expect.poll(() => list.getByRole('row').filter({ hasText: 'Middelburg' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await list.getByRole('row').filter({ hasText: 'Karel Smit' }).count()).toBeGreaterThan(0);
    await expectAccessible(door);
    await door.close();
  });
});
