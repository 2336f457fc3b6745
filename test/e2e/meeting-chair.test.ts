import { beforeAll, describe, expect, it } from 'vitest';
import { demoCall, demoHeaders, expectAccessible, signInPage } from '../support/browser.js';
import { TEST_DB } from '../support/database.js';
import { CHAIR, demoMeeting, h1, itemArticle, MIDDELBURG, STAFF, UTRECHT } from '../support/demo-meeting.js';

/**
 * The chair's console at the demo's BALV in a browser: opening the meeting, an item, a speaker, a
 * decision by acclamation; then staff drafting the minutes and a representative checking in. The steps
 * build on each other, in order.
 */

const d = demoMeeting();

describe(`the chair's console at a general meeting in a browser (${TEST_DB})`, () => {
  // A motion by Utrecht on the item, undecided: the chair may not adopt that item's proposal before it.
  beforeAll(async () => {
    const utrecht = await demoHeaders(d.server, UTRECHT);
    const members = await demoCall<{ items: { id: string; name: string }[] }>(d.server, 'GET', '/members?q=Utrecht', utrecht);
    await demoCall(d.server, 'POST', '/motions', utrecht, {
      meetingId: d.meetingId,
      agendaItemId: d.motionItem.id,
      title: 'Lokale lasten in beeld',
      memberIds: [members.items.find((m) => m.name === 'Utrecht')!.id],
      request: 'Verzoekt het bestuur de ontwikkeling van de lokale lasten in de kaderbrief op te nemen.',
    });
  });

  it('lets the chair open the meeting, bring up an item, add a speaker and adopt the proposal by acclamation', async () => {
    const page = await d.server.browser.newPage();
    await signInPage(page, d.server.base, CHAIR, `/vergaderingen/${d.meetingId}/voorzitter`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(`Vergaderleiding: ${d.meetingTitle}`);
    await expect.poll(() => page.getByTestId('presence-summary').textContent(), { timeout: 15_000 }).toMatch(/leden? aanwezig of vertegenwoordigd/);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Vergadering openen' }).click();
    // The demo's BALV lies ahead: the chair confirms opening it before its date.
    await page.getByRole('button', { name: 'Ja, nu openen' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'is geopend.' }).count(), { timeout: 15_000 }).toBe(1);
    const bringUp = page.getByRole('button', { name: `Aan de orde stellen (${d.adoptItem.number}. ${d.adoptItem.title})` });
    await expect.poll(() => bringUp.count(), { timeout: 15_000 }).toBe(1);
    await bringUp.click();
    const current = page.getByRole('heading', { level: 2, name: `Aan de orde: ${d.adoptItem.number}. ${d.adoptItem.title}` });
    await expect.poll(() => current.count(), { timeout: 15_000 }).toBe(1);
    // The current item is marked in the agenda, and focus moved to it.
    expect(await page.locator('li[aria-current="step"]').textContent()).toContain(d.adoptItem.title);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(`Aan de orde: ${d.adoptItem.number}. ${d.adoptItem.title}`);

    await page.getByLabel('Naam van de spreker').fill('Els Bakker');
    await page.getByLabel('Namens lid (niet verplicht)').selectOption({ label: 'Utrecht' });
    await page.getByRole('button', { name: 'Spreker toevoegen' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Els Bakker staat op de sprekerslijst (1e termijn).' }).count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => page.locator('.vd-speakers__list li').filter({ hasText: 'Els Bakker (Utrecht)' }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(page);

    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/meetings/${d.meetingId}/decisions`) && r.request().method() === 'POST');
    await page.getByRole('button', { name: `Aangenomen bij acclamatie (het voorstel bij agendapunt ${d.adoptItem.number})` }).click();
    const response = await answer;
    expect(response.status()).toBe(201);
    const decided = (await response.json()) as { items: { subjectId: string; outcome: string; method: string; phrase: { nl: string; en: string } }[] };
    expect(decided.items).toHaveLength(1);
    expect(decided.items[0]).toMatchObject({ subjectId: d.adoptItem.id, outcome: 'adopted', method: 'acclamation' });
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
            .filter({ hasText: `De notulen van agendapunt ${d.adoptItem.number} zijn vastgesteld.` })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1);
    await expect.poll(() => page.getByText(/^De notulen van dit punt zijn vastgesteld op /).count(), { timeout: 15_000 }).toBe(1);
    const approved = await d.call<{ items: { id: string; decision: { minutesApprovedAt: string | null } | null }[] }>(
      'GET',
      `/meetings/${d.meetingId}/agenda-items`,
    );
    expect(approved.items.find((i) => i.id === d.adoptItem.id)?.decision?.minutesApprovedAt).toBeTruthy();

    // The item with the open motion: its proposal waits for the motion, and the chair reads why.
    await page.getByRole('button', { name: `Aan de orde stellen (${d.motionItem.number}. ${d.motionItem.title})` }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 2, name: `Aan de orde: ${d.motionItem.number}. ${d.motionItem.title}` }).count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => page.getByRole('article', { name: 'Motie: Lokale lasten in beeld' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: `Aangenomen bij acclamatie (het voorstel bij agendapunt ${d.motionItem.number})` }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('Beslis eerst over de moties en amendementen bij dit agendapunt.');
    await page.close();

    // Everyone reads the phrase under the item and in the decision list.
    const visitor = await d.server.browser.newPage();
    await visitor.goto(`${d.server.base}/vergaderingen/${d.meetingId}`);
    await expect
      .poll(
        () =>
          itemArticle(visitor, d.adoptItem)
            .getByRole('region', { name: `Besluit bij agendapunt ${d.adoptItem.number}` })
            .textContent(),
        { timeout: 15_000 },
      )
      .toContain(phrase);
    await visitor
      .getByRole('navigation', { name: `Onderdelen van ${d.meetingTitle}` })
      .getByRole('link', { name: 'Besluitenlijst' })
      .click();
    await expect.poll(() => h1(visitor), { timeout: 15_000 }).toBe(`Besluitenlijst: ${d.meetingTitle}`);
    await expect
      .poll(
        () =>
          visitor
            .getByRole('listitem')
            .filter({ hasText: `${d.adoptItem.number}. ${d.adoptItem.title}` })
            .first()
            .textContent(),
        { timeout: 15_000 },
      )
      .toContain(phrase);
    await expectAccessible(visitor);
    await visitor.close();
  });

  it('offers nothing that no longer applies: no filing on a decided item, nothing to do at a closed meeting', async () => {
    const page = await d.server.browser.newPage();
    await signInPage(page, d.server.base, UTRECHT, `/vergaderingen/${d.meetingId}`);
    const decided = itemArticle(page, d.adoptItem);
    await expect.poll(() => decided.getByRole('region', { name: `Besluit bij agendapunt ${d.adoptItem.number}` }).count(), { timeout: 15_000 }).toBe(1);
    // The undecided item still takes motions; the decided one offers no button to file.
    await expect
      .poll(
        () =>
          itemArticle(page, d.motionItem)
            .getByRole('button', { name: `Motie indienen (bij agendapunt ${d.motionItem.number})` })
            .count(),
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
    expect(await decided.getByRole('button', { name: /indienen/ }).count()).toBe(0);
    await expectAccessible(page);

    // The demo's last meeting is closed: no check-in, no filing, no asking to speak; the chair's console offers no vote.
    const meetings = await d.call<{ items: { id: string; kind: string; title: string; status: string }[] }>('GET', '/meetings');
    const held = meetings.items.find((m) => m.kind === 'alv' && m.status === 'closed')!;
    await page.goto(`${d.server.base}/vergaderingen/${held.id}`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(held.title);
    await expect.poll(() => page.getByRole('article').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(await page.getByRole('button', { name: /indienen|Aanmelden|Woord vragen/ }).count()).toBe(0);
    await expectAccessible(page);
    await page.close();
    const chairPage = await d.server.browser.newPage();
    await signInPage(chairPage, d.server.base, CHAIR, `/vergaderingen/${held.id}/voorzitter`);
    await expect.poll(() => h1(chairPage), { timeout: 15_000 }).toBe(`Vergaderleiding: ${held.title}`);
    await expect.poll(() => chairPage.getByRole('navigation').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await chairPage.getByRole('button', { name: /Stemming openen|Vergadering openen|Aangenomen bij acclamatie/ }).count()).toBe(0);
    await expectAccessible(chairPage);
    await chairPage.close();
  });

  it('lets staff draft the minutes from the course of the meeting; the public waits for their approval', async () => {
    const page = await d.server.browser.newPage();
    await signInPage(page, d.server.base, STAFF, `/vergaderingen/${d.meetingId}/notulen`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(`Notulen: ${d.meetingTitle}`);
    await expect.poll(() => page.getByText('Er zijn nog geen notulen van deze vergadering.').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Concept genereren' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Er is een nieuw concept gegenereerd.' }).count(), { timeout: 15_000 }).toBe(1);
    const text = page.getByRole('region', { name: 'Tekst' });
    await expect.poll(() => text.textContent(), { timeout: 15_000 }).toContain(d.adoptItem.title);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.getByText('concept', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Notulen downloaden (PDF)' }).getAttribute('href')).toBe(`/api/v1/meetings/${d.meetingId}/minutes.pdf`);
    expect(await page.getByRole('button', { name: 'Getrouw beeld' }).count()).toBe(1);
    await expectAccessible(page);

    // A new version from the editor.
    const editor = page.getByLabel('Tekst van de notulen');
    await editor.fill(`${await editor.inputValue()}\n\nAanvulling: de voorzitter dankt de **aanwezigen**.`);
    // Beside the text, the formatted preview follows what is typed.
    const preview = page.getByTestId('minutes-preview');
    await expect.poll(() => preview.locator('strong').filter({ hasText: 'aanwezigen' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await preview.locator('h4').filter({ hasText: d.adoptItem.title }).count()).toBeGreaterThanOrEqual(1);
    await page.getByLabel('Toelichting bij deze versie (niet verplicht)').fill('Dankwoord toegevoegd');
    await page.getByRole('button', { name: 'Versie opslaan' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'De nieuwe versie van de notulen is opgeslagen.' }).count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => page.getByRole('table').getByRole('row').filter({ hasText: 'Dankwoord toegevoegd' }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(page);
    await page.close();

    const visitor = await d.server.browser.newPage();
    await visitor.goto(`${d.server.base}/vergaderingen/${d.meetingId}/notulen`);
    await expect
      .poll(() => visitor.getByText('De notulen worden openbaar zodra de volgende vergadering ze heeft vastgesteld.').count(), { timeout: 15_000 })
      .toBe(1);
    expect(await visitor.getByText('Aanvulling: de voorzitter dankt de aanwezigen.').count()).toBe(0);
    await visitor.close();
  });

  it('lets a representative check in online and staff see the present list at the door', async () => {
    const page = await d.server.browser.newPage();
    await signInPage(page, d.server.base, MIDDELBURG, `/vergaderingen/${d.meetingId}`);
    const card = page.locator('section', { has: page.getByRole('heading', { name: 'Mijn presentiekaart' }) });
    await expect.poll(() => card.getByRole('heading', { name: 'Middelburg' }).count(), { timeout: 15_000 }).toBe(1);
    await card.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    await expect.poll(() => card.getByText('U bent aangemeld en voert de stem van dit lid.').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => card.getByRole('status').filter({ hasText: 'Aanwezig:' }).textContent()).toMatch(/^Aanwezig: \d+ van de 342 leden/);
    await expectAccessible(page);
    await page.close();

    const door = await d.server.browser.newPage();
    await signInPage(door, d.server.base, STAFF, `/vergaderingen/${d.meetingId}/presentie`);
    await expect.poll(() => h1(door), { timeout: 15_000 }).toBe('Presentie');
    const list = door.getByRole('table', { name: /Presentielijst/ });
    await expect.poll(() => list.getByRole('row').filter({ hasText: 'Middelburg' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await list.getByRole('row').filter({ hasText: 'Karel Smit' }).count()).toBeGreaterThan(0);
    await expectAccessible(door);
    await door.close();
  });
});
