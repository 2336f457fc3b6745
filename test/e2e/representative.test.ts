import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthHeaders, TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { demoCall, demoHeaders, expectAccessible, signInPage } from '../support/browser.js';
import { CHAIR, demoMeeting, h1, MIDDELBURG, STAFF, UTRECHT } from '../support/demo-meeting.js';
import { appointCommittees } from '../support/procedure.js';

/**
 * The meeting as a representative experiences it, on a phone (375×667) and a desktop: the home page
 * that says what to do, a vote announced while reading further down the meeting page, a neutral
 * ballot, a consultation link opened signed out, and forms that explain a refusal in plain words.
 * Every page visited must fit its viewport and pass axe.
 */

const d = demoMeeting();
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const contexts: BrowserContext[] = [];
let chair: AuthHeaders;
let utrecht: AuthHeaders;
let motionTitle: string;

async function newPage(options: typeof PHONE | typeof DESKTOP): Promise<Page> {
  const context = await d.server.browser.newContext(options);
  contexts.push(context);
  return context.newPage();
}

/** Fits its viewport (expectAccessible measures that too) and passes axe. */
async function expectGood(page: Page) {
  await expectAccessible(page);
}

/** The validator's words that must never reach a person. */
const VALIDATOR_WORDS = /patroon|pattern|date-time|moet NIET|must NOT|Conflict|minLength|maxLength/;

beforeAll(async () => {
  chair = await demoHeaders(d.server, CHAIR);
  utrecht = await demoHeaders(d.server, UTRECHT);
  // The BALV in session with its committees, the test's proposal under discussion; Utrecht filed a motion the board advised on.
  await d.call('POST', `/meetings/${d.meetingId}/open?confirmEarly=true`);
  await appointCommittees({ app: d.server.app } as unknown as TestApp, d.meetingId, { staff: d.staff, chair: d.staff });
  const me = await demoCall<{ id: string; offices: { memberId: string; memberName: string }[] }>(d.server, 'GET', '/people/me', utrecht);
  const office = me.offices.find((o) => o.memberName === 'Utrecht')!;
  motionTitle = 'Ruimte voor de regio (test)';
  const motion = await demoCall<{ id: string }>(d.server, 'POST', '/motions', utrecht, {
    meetingId: d.meetingId,
    agendaItemId: d.motionItem.id,
    title: motionTitle,
    memberIds: [office.memberId],
    request: 'Verzoekt het bestuur de regio een plaats te geven in de kaderbrief.',
  });
  await d.call('PUT', `/motions/${motion.id}/advice`, { advice: 'take-over' });
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
});

describe(`the representative in a browser (${TEST_DB})`, () => {
  it('shows a representative on a phone what to do, announces a vote while they read further down, and offers a neutral ballot', async () => {
    const page = await newPage(PHONE);
    await signInPage(page, d.server.base, UTRECHT, '/');
    const home = page.getByRole('region', { name: 'Voor u klaar' });
    await expect.poll(() => home.getByRole('link', { name: d.meetingTitle }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => home.getByText('Utrecht: nog niet aangemeld').count(), { timeout: 15_000 }).toBe(1);
    expect(await home.getByRole('link', { name: 'Aanmelden bij de vergadering' }).count()).toBe(1);
    const motions = home.getByRole('region', { name: 'Uw moties' });
    await expect.poll(() => motions.getByRole('link', { name: motionTitle }).count(), { timeout: 15_000 }).toBe(1);
    // The test's motion beside the demo's own (Ravijnjaar 2026), each with its advice.
    const ours = motions.getByRole('listitem').filter({ has: page.getByRole('link', { name: motionTitle }) });
    expect(await ours.getByText('ingediend · advies van het bestuur: overnemen').count()).toBe(1);
    expect(await motions.getByRole('link', { name: 'Ravijnjaar 2026' }).count()).toBe(1);
    expect(await home.getByRole('region', { name: 'Raadplegingen die op uw antwoord wachten' }).count()).toBe(1);
    // The header is short on a phone: the page's own title starts in the top third of the screen.
    expect((await page.locator('h1').boundingBox())!.y).toBeLessThan(667 / 3);
    await page.screenshot({ path: '.tmp/rep-home-phone.png', fullPage: false });
    await expectGood(page);

    // Checked in at the door; the meeting page, read down to its end.
    await d.call('POST', `/meetings/${d.meetingId}/check-ins`, { memberId: (await utrechtMember()).memberId, personId: (await utrechtMember()).personId });
    await page.goto(`${d.server.base}/vergaderingen/${d.meetingId}`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(d.meetingTitle);
    await expect.poll(() => page.getByText('De vergadering is geopend.', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await expectGood(page);
    // The chair brings up the proposal: the page follows without reloading.
    await d.call('PUT', `/meetings/${d.meetingId}/current-item`, { itemId: d.motionItem.id });
    await expect
      .poll(() => page.getByText(`De vergadering is geopend. Aan de orde: ${d.motionItem.number}. ${d.motionItem.title}.`).count(), { timeout: 20_000 })
      .toBe(1);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);

    // The chair opens a vote: the banner appears where the reader is, takes focus, and leads to the ballot.
    const poll = await demoCall<{ id: string }>(d.server, 'POST', '/polls', chair, { meetingId: d.meetingId, subject: { type: 'trial' } });
    const banner = page.getByRole('region', { name: 'Er loopt een stemming' });
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await banner.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
    const box = (await banner.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(667);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.vd-open-poll') !== null)).toBe(true);
    expect(await page.getByRole('alert').filter({ hasText: 'Er loopt een stemming' }).count()).toBe(1);
    await expectGood(page);
    await banner.getByRole('link', { name: 'Stemmen' }).tap();
    await expect.poll(() => page.url()).toBe(`${d.server.base}/stemmen/${poll.id}`);

    // For, Against and Abstain look alike.
    const options = page.getByRole('group', { name: 'Uw stem voor Utrecht' }).getByRole('button');
    await expect.poll(() => options.count(), { timeout: 15_000 }).toBe(3);
    const looks = await options.evaluateAll((buttons) =>
      buttons.map((b) => {
        const style = getComputedStyle(b);
        const rect = b.getBoundingClientRect();
        return [style.backgroundColor, style.color, style.borderColor, style.fontSize, style.fontWeight, Math.round(rect.width), Math.round(rect.height)].join(
          ' ',
        );
      }),
    );
    expect(new Set(looks).size).toBe(1);
    await expectGood(page);
    await options.first().tap();
    // A vote that cannot be changed asks for confirmation first; this trial vote can be changed.
    const confirm = page.getByRole('button', { name: 'Bevestig: Voor (Utrecht)' });
    const summary = page.getByRole('list', { name: 'De keuzes voor Utrecht' });
    await expect.poll(async () => (await confirm.count()) + (await summary.count()), { timeout: 15_000 }).toBe(1);
    if ((await confirm.count()) > 0) await confirm.tap();
    // After casting, the choice is marked, in words too.
    await expect.poll(() => summary.count(), { timeout: 15_000 }).toBe(1);
    expect(await summary.getByRole('listitem').allTextContents()).toEqual(['Voor · uw keuze', 'Tegen', 'Onthouden']);
    await expectGood(page);
  });

  it('shows the open vote one tap away on the home page, in English on a desktop', async () => {
    const page = await newPage(DESKTOP);
    await signInPage(page, d.server.base, UTRECHT, '/');
    await page.getByRole('button', { name: 'English' }).click();
    const home = page.getByRole('region', { name: 'Waiting for you' });
    await expect.poll(() => home.getByRole('region', { name: 'A vote is in progress' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await home.getByText('Utrecht: you are checked in').count()).toBe(1);
    const ours = home
      .getByRole('region', { name: 'Your motions' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: motionTitle }) });
    expect(await ours.getByText('filed · board advice: take over').count()).toBe(1);
    await expectGood(page);
    await home.getByRole('link', { name: 'Vote' }).click();
    await expect.poll(() => page.url()).toMatch(/\/stemmen\//);
    await expect.poll(() => page.getByRole('list', { name: 'The options for Utrecht' }).count(), { timeout: 15_000 }).toBe(1);
    await expectGood(page);
  });

  it('sends a signed-out visitor of a consultation link to sign in, and back to the consultation after', async () => {
    const consultations = await d.call<{ items: { id: string; title: string; status: string; published: boolean }[] }>('GET', '/consultations');
    const open = consultations.items.find((c) => c.status === 'open' && !c.published)!;
    const page = await newPage(PHONE);
    await page.goto(`${d.server.base}/raadplegingen/${open.id}`);
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/inloggen?terug=');
    expect(await page.getByText('Niet gevonden').count()).toBe(0);
    expect(await page.getByText('Na het inloggen gaat u verder naar de pagina die u opende.').count()).toBe(1);
    await expectGood(page);
    await page.getByLabel('E-mailadres', { exact: true }).fill(MIDDELBURG);
    await page.getByLabel('Wachtwoord', { exact: true }).fill('demo-wachtwoord-onbekend');
    // A wrong password keeps the way back.
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(page.url()).toContain(encodeURIComponent(`/raadplegingen/${open.id}`));
    const { DEMO_PASSWORD } = await import('../../src/demo/people.js');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toBe(`${d.server.base}/raadplegingen/${open.id}`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(open.title);
    await expectGood(page);
  });

  it('explains empty, too long and inconsistent input on the meeting, motion and consultation forms in plain words', async () => {
    const page = await newPage(PHONE);
    await signInPage(page, d.server.base, STAFF, '/vergaderingen');
    // The meeting form: limits said before sending, an empty title refused in plain words.
    await expect.poll(() => page.getByRole('heading', { name: 'Vergadering plannen' }).count(), { timeout: 15_000 }).toBe(1);
    const title = page.getByLabel('Titel', { exact: true });
    expect(await title.getAttribute('maxlength')).toBe('200');
    expect(await title.evaluate((el) => (el as HTMLInputElement).required || el.getAttribute('aria-required') === 'true')).toBe(true);
    expect(await page.getByText('Verplicht. Hoogstens 200 tekens.', { exact: false }).count()).toBeGreaterThan(0);
    await title.fill('x'.repeat(250));
    expect((await title.inputValue()).length).toBe(200);
    await title.fill('   ');
    await page.getByLabel('Datum', { exact: true }).fill('2027-06-10');
    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Vul een titel in.' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('main').textContent()).not.toMatch(VALIDATOR_WORDS);
    await expectGood(page);
    // Inconsistent: a motion deadline after the start of the meeting is refused in the domain's words, and nothing is planned.
    const before = (await d.call<{ items: unknown[] }>('GET', '/meetings')).items.length;
    await title.fill('ALV met een late termijn (test)');
    await page.getByLabel('Aanvang', { exact: true }).fill('10:00');
    await page.getByLabel('Termijn voor moties en amendementen (niet verplicht)', { exact: true }).fill('2027-06-10T14:00');
    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'De indieningstermijn voor moties ligt na de aanvang van de vergadering.' }).count(), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    expect(await page.locator('main').textContent()).not.toMatch(VALIDATOR_WORDS);
    expect((await d.call<{ items: unknown[] }>('GET', '/meetings')).items).toHaveLength(before);
    await expectGood(page);

    // The motion form, through the API's own answer to a title of spaces and a title too long.
    const tooLong = await d.server.app.inject({
      method: 'POST',
      url: '/api/v1/motions',
      headers: { ...utrecht, 'accept-language': 'nl' },
      payload: { meetingId: d.meetingId, agendaItemId: d.motionItem.id, title: 'x'.repeat(301), memberIds: [(await utrechtMember()).memberId], request: ' ' },
    });
    expect(tooLong.statusCode).toBe(400);
    const reasons = (tooLong.json() as { errors: { name: string; reason: string }[] }).errors;
    expect(reasons).toEqual(
      expect.arrayContaining([
        { name: 'title', code: 'maxLength', reason: 'Gebruik hoogstens 300 tekens.' },
        { name: 'request', code: 'pattern', reason: 'Vul het verzoek in.' },
      ]),
    );
    const motionPage = await newPage(PHONE);
    await signInPage(motionPage, d.server.base, UTRECHT, `/vergaderingen/${d.meetingId}`);
    const article = motionPage.getByRole('article', { name: `${d.motionItem.number}. ${d.motionItem.title}`, exact: true });
    const fileButton = article.getByRole('button', { name: `Motie indienen (bij agendapunt ${d.motionItem.number})` });
    await expect.poll(() => fileButton.count(), { timeout: 15_000 }).toBe(1);
    await fileButton.tap();
    const form = article.locator('.vd-submission-form');
    expect(await form.getByLabel('Titel', { exact: true }).getAttribute('maxlength')).toBe('300');
    await form.getByRole('button', { name: 'Motie indienen', exact: true }).tap();
    await expect.poll(() => motionPage.getByRole('alert').filter({ hasText: 'Vul een titel in.' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await motionPage.locator('main').textContent()).not.toMatch(VALIDATOR_WORDS);
    await expectGood(motionPage);

    // The consultation form: empty, and closing before it opens.
    await page.goto(`${d.server.base}/raadplegingen/nieuw`);
    await expect.poll(() => page.getByLabel('Titel', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByLabel('Titel', { exact: true }).getAttribute('maxlength')).toBe('300');
    await page.getByRole('button', { name: 'Raadpleging aanmaken' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Vul een titel in.' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('main').textContent()).not.toMatch(VALIDATOR_WORDS);
    await page.getByLabel('Titel', { exact: true }).fill('Peiling met een omgekeerde termijn (test)');
    await page.getByLabel('Dossier', { exact: true }).fill('Financiële verhoudingen');
    await page.getByLabel('Opent op', { exact: true }).fill('2030-03-14T10:00');
    await page.getByLabel('Sluit op', { exact: true }).fill('2030-03-13T10:00');
    await page.getByRole('button', { name: 'Raadpleging aanmaken' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'De sluitingstijd moet na de openingstijd liggen.' }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('main').textContent()).not.toMatch(VALIDATOR_WORDS);
    await expectGood(page);
  });
});

let utrechtCache: { memberId: string; personId: string } | undefined;
/** Utrecht's member and its representative in the demo. */
async function utrechtMember() {
  if (utrechtCache) return utrechtCache;
  const me = await demoCall<{ id: string; offices: { memberId: string; memberName: string }[] }>(d.server, 'GET', '/people/me', utrecht);
  utrechtCache = { memberId: me.offices.find((o) => o.memberName === 'Utrecht')!.memberId, personId: me.id };
  return utrechtCache;
}
