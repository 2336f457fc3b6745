import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import { authHeaders, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { withdrawDemoAmendment } from '../support/demo-meeting.js';
import { appointCommittees } from '../support/procedure.js';
import { expectAccessible, startDemoServer, type DemoServer } from '../support/browser.js';

let server: DemoServer;
let browser: Browser;
let base: string;
let staff: AuthHeaders;
let meetingId: string;
let meetingTitle: string;
let item: { id: string; number: string; title: string };
let pollId: string;
/** The chair's console stays open from opening the poll to closing it. */
let chairPage: Page;
/** The screen in the hall, public, follows the whole vote. */
let screen: Page;
/** A visitor on the result page whose network refuses the event stream: it asks every 3 seconds instead. */
let follower: Page;
const phones: BrowserContext[] = [];
const ballots = new Map<string, Page>();
const receipts = new Map<string, string>();

const STAFF = 'medewerker@verenigd.demo';
const CHAIR = 'voorzitter@verenigd.demo';
const REPRESENTATIVES = {
  Utrecht: 'burgemeester.utrecht@verenigd.demo',
  Middelburg: 'burgemeester.middelburg@verenigd.demo',
  Vlissingen: 'griffier.vlissingen@verenigd.demo',
  Groningen: 'wethouder.groningen@verenigd.demo',
} as const;
type Rep = keyof typeof REPRESENTATIVES;

async function call<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: object,
  headers: AuthHeaders | Record<string, never> = staff,
): Promise<T> {
  const response = await server.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return (response.body ? response.json() : undefined) as T;
}

interface PollSnapshot {
  id: string;
  status: string;
  progress: { votedMembers: number; votedWeight: number; entitledMembers: number; entitledWeight: number };
  result: null | { percentFor: string; percentAgainst: string; outcome: string; statement: { nl: string; en: string }; chainHead: string };
}

beforeAll(async () => {
  server = await startDemoServer();
  ({ browser, base } = server);
  staff = authHeaders(await server.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: STAFF, password: DEMO_PASSWORD } }));

  // The demo's BALV, opened, with its first proposal under discussion.
  const meetings = await call<{ items: { id: string; kind: string; title: string }[] }>('GET', '/meetings');
  const balv = meetings.items.find((m) => m.kind === 'balv')!;
  meetingId = balv.id;
  meetingTitle = balv.title;
  const agenda = await call<{ items: { id: string; number: string; title: string; purpose: string }[] }>('GET', `/meetings/${meetingId}/agenda-items`);
  const proposal = agenda.items.find((i) => i.title === 'Begroting en contributie 2027')!;
  item = { id: proposal.id, number: proposal.number, title: proposal.title };
  // The demo's BALV lies ahead: opening it today needs confirmation. Real votes wait for its committees.
  await call('POST', `/meetings/${meetingId}/open?confirmEarly=true`);
  await appointCommittees({ app: server.app } as unknown as TestApp, meetingId, { staff, chair: staff });
  await withdrawDemoAmendment(server, meetingId);
  await call('PUT', `/meetings/${meetingId}/current-item`, { itemId: item.id });

  // Staff at the door check the four representatives in.
  for (const [member, email] of Object.entries(REPRESENTATIVES)) {
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: DEMO_PASSWORD } });
    const headers = authHeaders(login);
    const me = await call<{ id: string; offices: { memberId: string; memberName: string }[] }>('GET', '/people/me', undefined, headers);
    const office = me.offices.find((o) => o.memberName === member)!;
    await call('POST', `/meetings/${meetingId}/check-ins`, { memberId: office.memberId, personId: me.id });
  }
});
afterAll(async () => {
  for (const context of phones) await context.close().catch(() => undefined);
  await server?.close();
});

/** Signs in through the login page and waits until the session shows. */
async function signIn(page: Page, email: string, back = '/') {
  await page.goto(`${base}/inloggen?terug=${encodeURIComponent(back)}`);
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Uitloggen' }).count(), { timeout: 15_000 }).toBe(1);
}

/** A representative's phone: a fresh, signed-in mobile browser context. */
async function phone(rep: Rep, width = 390): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 844 }, isMobile: true, hasTouch: true });
  phones.push(context);
  const page = await context.newPage();
  await signIn(page, REPRESENTATIVES[rep], `/vergaderingen/${meetingId}`);
  return page;
}

const h1 = (page: Page) => page.locator('h1').textContent();
const progress = () => screen.getByTestId('poll-progress').textContent();
const member = (page: Page, name: Rep) => page.getByRole('region', { name, exact: true });
/** "Uw stem voor Utrecht is ontvangen: Voor. Ontvangstbewijs: ABCD-1234" */
const confirmation = (name: Rep, option: string) => new RegExp(`^Uw stem voor ${name} is ontvangen: ${option}\\. Ontvangstbewijs: ([A-Z0-9]{4}-[A-Z0-9]{4})$`);

async function receiptOf(page: Page, name: Rep, option: string): Promise<string> {
  const text = member(page, name).locator('.vd-ballot__received');
  await expect.poll(() => text.textContent(), { timeout: 15_000 }).toMatch(confirmation(name, option));
  return confirmation(name, option).exec((await text.textContent()) ?? '')![1]!;
}

/** Nothing wider than the phone: no horizontal scrolling. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe(`live weighted voting in a browser (${TEST_DB})`, () => {
  it('lets the chair open a vote on the item under discussion from the console', async () => {
    chairPage = await browser.newPage();
    await signIn(chairPage, CHAIR, `/vergaderingen/${meetingId}/voorzitter`);
    await expect.poll(() => h1(chairPage), { timeout: 15_000 }).toBe(`Vergaderleiding: ${meetingTitle}`);
    const panel = chairPage.getByRole('region', { name: 'Elektronisch stemmen' });
    await expect.poll(() => panel.getByRole('button', { name: 'Stemming openen' }).count(), { timeout: 15_000 }).toBe(1);
    // The proposal of the item under discussion is the subject unless the chair picks another; the rule follows from it.
    await expect.poll(() => panel.getByLabel('Onderwerp').inputValue(), { timeout: 15_000 }).toBe(`agenda-item:${item.id}`);
    expect(await panel.getByLabel('Meerderheid').inputValue()).toBe('');
    expect(await panel.getByRole('link', { name: 'Scherm voor de zaal (opent in een nieuw venster)' }).getAttribute('href')).toBe(
      `/vergaderingen/${meetingId}/scherm`,
    );
    await expectAccessible(chairPage);

    const answer = chairPage.waitForResponse((r) => r.url().endsWith('/api/v1/polls') && r.request().method() === 'POST');
    await panel.getByRole('button', { name: 'Stemming openen' }).click();
    const response = await answer;
    expect(response.status()).toBe(201);
    pollId = ((await response.json()) as { id: string }).id;
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'De stemming is geopend.' }).count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => panel.getByTestId('chair-poll-progress').textContent(), { timeout: 15_000 })
      .toMatch(/^0 van 4 leden hebben gestemd · 0 van [\d.]+ stemmen$/);
    expect(await panel.getByRole('button', { name: 'Stemming sluiten' }).count()).toBe(1);
    await expectAccessible(chairPage);
  });

  it('shows the hall the meeting, the item and the open question on the projector view', async () => {
    screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const streams: string[] = [];
    screen.on('request', (request) => {
      if (request.url().endsWith('/events')) streams.push(new URL(request.url()).pathname);
    });
    await screen.goto(`${base}/vergaderingen/${meetingId}/scherm`);
    await expect.poll(() => h1(screen), { timeout: 15_000 }).toBe(meetingTitle);
    await expect.poll(() => screen.getByText(`Aan de orde: ${item.number}. ${item.title}`).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => screen.getByRole('heading', { level: 2 }).textContent(), { timeout: 15_000 }).toBe(item.title);
    await expect.poll(progress, { timeout: 15_000 }).toMatch(/^0 van 4 leden hebben gestemd · 0 van [\d.]+ stemmen$/);
    // Live by Server-Sent Events.
    await expect.poll(() => streams, { timeout: 15_000 }).toContain(`/api/v1/polls/${pollId}/events`);
    // No header or navigation in the hall.
    expect(await screen.getByRole('navigation').count()).toBe(0);
    await expectAccessible(screen);

    follower = await browser.newPage();
    await follower.route('**/api/v1/polls/*/events', (route) => route.abort('connectionrefused'));
    await follower.goto(`${base}/stemmingen/${pollId}`);
    await expect.poll(() => h1(follower), { timeout: 15_000 }).toBe(`Stemming: ${item.title}`);
    await expect
      .poll(() => follower.getByRole('status').filter({ hasText: 'leden hebben gestemd' }).textContent(), { timeout: 15_000 })
      .toMatch(/^0 van 4 leden/);
    expect(await follower.getByText('De uitslag volgt zodra de voorzitter de stemming sluit.').count()).toBe(1);
  });

  it('lets representatives vote on their phones while the screen counts along', async () => {
    // Utrecht finds the vote on the meeting page.
    const utrecht = await phone('Utrecht');
    await expect.poll(() => utrecht.getByRole('link', { name: 'Stemmen', exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await utrecht.getByRole('link', { name: 'Stemmen', exact: true }).tap();
    await expect.poll(() => utrecht.url()).toBe(`${base}/stemmen/${pollId}`);
    await expect.poll(() => h1(utrecht), { timeout: 15_000 }).toBe(item.title);
    await expect.poll(() => member(utrecht, 'Utrecht').getByRole('button', { name: 'Voor (Utrecht)' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await member(utrecht, 'Utrecht').getByRole('button').allTextContents()).toEqual(['Voor (Utrecht)', 'Tegen (Utrecht)', 'Onthouden (Utrecht)']);
    expect(await utrecht.getByText('De stemming is open.', { exact: false }).count()).toBe(1);
    // Large touch targets.
    const box = await member(utrecht, 'Utrecht').getByRole('button', { name: 'Voor (Utrecht)' }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThan(300);
    expect(await fitsWidth(utrecht)).toBe(true);
    await expectAccessible(utrecht);

    await member(utrecht, 'Utrecht').getByRole('button', { name: 'Voor (Utrecht)' }).tap();
    receipts.set('Utrecht', await receiptOf(utrecht, 'Utrecht', 'Voor'));
    await expect.poll(progress, { timeout: 15_000 }).toMatch(/^1 van 4 leden heeft gestemd · [\d.]+ van [\d.]+ stemmen$/);
    await expectAccessible(utrecht);
    ballots.set('Utrecht', utrecht);

    // Middelburg's answer is lost on the way back: the retry sends the same ballot id and counts once.
    const middelburg = await phone('Middelburg');
    await middelburg.goto(`${base}/stemmen/${pollId}`);
    const sent: string[] = [];
    await middelburg.route('**/api/v1/polls/*/ballots', async (route) => {
      sent.push((JSON.parse(route.request().postData() ?? '{}') as { clientBallotId: string }).clientBallotId);
      if (sent.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await expect.poll(() => member(middelburg, 'Middelburg').getByRole('button', { name: 'Voor (Middelburg)' }).count(), { timeout: 15_000 }).toBe(1);
    await member(middelburg, 'Middelburg').getByRole('button', { name: 'Voor (Middelburg)' }).tap();
    const retry = member(middelburg, 'Middelburg').getByRole('button', { name: 'Opnieuw proberen (Middelburg)' });
    await expect.poll(() => retry.count(), { timeout: 15_000 }).toBe(1);
    expect(await member(middelburg, 'Middelburg').getByRole('alert').textContent()).toContain('Geen verbinding');
    await expectAccessible(middelburg);
    await retry.tap();
    receipts.set('Middelburg', await receiptOf(middelburg, 'Middelburg', 'Voor'));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    await expect.poll(progress, { timeout: 15_000 }).toMatch(/^2 van 4 leden hebben gestemd/);
    ballots.set('Middelburg', middelburg);

    // Vlissingen votes against on a narrow phone.
    const vlissingen = await phone('Vlissingen', 360);
    await vlissingen.goto(`${base}/stemmen/${pollId}`);
    await expect.poll(() => member(vlissingen, 'Vlissingen').getByRole('button', { name: 'Tegen (Vlissingen)' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await fitsWidth(vlissingen)).toBe(true);
    await member(vlissingen, 'Vlissingen').getByRole('button', { name: 'Tegen (Vlissingen)' }).tap();
    receipts.set('Vlissingen', await receiptOf(vlissingen, 'Vlissingen', 'Tegen'));
    await expect.poll(progress, { timeout: 15_000 }).toMatch(/^3 van 4 leden hebben gestemd · [\d.]+ van [\d.]+ stemmen$/);
    expect(await fitsWidth(vlissingen)).toBe(true);
    ballots.set('Vlissingen', vlissingen);

    // The screen and the API agree on the figures.
    const live = await call<PollSnapshot>('GET', `/polls/${pollId}`, undefined, {});
    expect(live.progress).toMatchObject({ votedMembers: 3, entitledMembers: 4 });
    expect(live.result).toBeNull();
    const number = (n: number) => new Intl.NumberFormat('nl-NL').format(n);
    expect(await progress()).toBe(`3 van 4 leden hebben gestemd · ${number(live.progress.votedWeight)} van ${number(live.progress.entitledWeight)} stemmen`);
    await expectAccessible(screen);
    // Without the stream, the result page catches up by asking.
    await expect
      .poll(() => follower.getByRole('status').filter({ hasText: 'leden hebben gestemd' }).textContent(), { timeout: 15_000 })
      .toMatch(/^3 van 4 leden/);
  });

  it('closes the vote from the console; the screen shows the weighted result and the statement, the phones that it is closed', async () => {
    const panel = chairPage.getByRole('region', { name: 'Elektronisch stemmen' });
    await expect.poll(() => panel.getByTestId('chair-poll-progress').textContent(), { timeout: 15_000 }).toMatch(/^3 van 4 leden hebben gestemd/);
    await panel.getByRole('button', { name: 'Stemming sluiten' }).click();
    await panel.getByRole('button', { name: 'Ja, sluiten' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'De stemming is gesloten.' }).count(), { timeout: 15_000 }).toBe(1);
    // The vote decided the proposal: the console shows the decision, and the vote stands.
    await expect.poll(() => chairPage.locator('.vd-console__current .vd-phrase').textContent(), { timeout: 15_000 }).toContain('stemt in met het voorstel');
    expect(await panel.getByRole('button', { name: 'Opnieuw stemmen (nieuwe stemming)' }).count()).toBe(0);

    const closed = await call<PollSnapshot>('GET', `/polls/${pollId}`, undefined, {});
    expect(closed.status).toBe('closed');
    const result = closed.result!;
    const dutch = (percent: string) => `${percent.replace('.', ',')}%`;
    expect(result.statement.nl).toBe(`Voor: ${dutch(result.percentFor)}, Tegen: ${dutch(result.percentAgainst)}. De BALV stemt in met het voorstel.`);
    await expect.poll(() => panel.locator('.vd-result__statement').textContent(), { timeout: 15_000 }).toBe(result.statement.nl);

    // The screen: bars with the weighted percentages in text, and the statement.
    await expect.poll(() => screen.locator('.vd-result__statement').textContent(), { timeout: 15_000 }).toBe(result.statement.nl);
    const bars = screen.getByRole('list', { name: 'Uitslag' });
    expect(await bars.getByRole('listitem').count()).toBe(2);
    expect(await bars.getByRole('listitem').nth(0).textContent()).toContain(`Voor${dutch(result.percentFor)}`);
    expect(await bars.getByRole('listitem').nth(1).textContent()).toContain(`Tegen${dutch(result.percentAgainst)}`);
    expect(await screen.getByText('aangenomen', { exact: true }).count()).toBe(1);
    await expectAccessible(screen);

    // The phones hear it live.
    for (const page of ballots.values()) {
      await expect.poll(() => page.getByText('De stemming is gesloten. Er kan niet meer worden gestemd.').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByRole('button', { name: /^(Voor|Tegen|Onthouden|Stem wijzigen)/ }).count()).toBe(0);
    }
    await expectAccessible(ballots.get('Vlissingen')!);
    await expect.poll(() => follower.locator('.vd-result__statement').textContent(), { timeout: 15_000 }).toBe(result.statement.nl);
  });

  it('publishes the result with the votes per member and the chain head, and checks a receipt', async () => {
    const page = ballots.get('Utrecht')!;
    await page.getByRole('link', { name: 'Bekijk de uitslag' }).tap();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(`Stemming: ${item.title}`);
    const closed = await call<PollSnapshot>('GET', `/polls/${pollId}`, undefined, {});
    await expect.poll(() => page.locator('.vd-result__statement').textContent(), { timeout: 15_000 }).toBe(closed.result!.statement.nl);
    expect(await page.locator('.vd-chain-head').textContent()).toBe(closed.result!.chainHead);
    // The seal: the signature of this installation's key, with the key's fingerprint (decision 0009).
    const { seal } = await call<{ seal: { keyId: string; signature: string } }>('GET', `/polls/${pollId}`, undefined, {});
    expect(await page.locator('.vd-seal-value').allTextContents()).toEqual([seal.keyId, seal.signature]);
    expect(await page.getByText('Controlegetal (keten)').count()).toBe(1);
    const votes = page.getByRole('table', { name: 'De stem van elk lid dat mocht stemmen' });
    await expect.poll(() => votes.getByRole('row').filter({ hasText: 'Utrecht' }).textContent(), { timeout: 15_000 }).toContain('Voor');
    expect(await votes.getByRole('row').filter({ hasText: 'Vlissingen' }).textContent()).toContain('Tegen');
    expect(await votes.getByRole('row').filter({ hasText: 'Groningen' }).textContent()).toContain('geen stem');

    await page.getByLabel('Ontvangstbewijs', { exact: true }).fill(receipts.get('Middelburg')!);
    await page.getByRole('button', { name: 'Controleren' }).tap();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Middelburg' }).locator('h3').textContent(), { timeout: 15_000 })
      .toBe('De stem voor Middelburg is vastgelegd en telt mee.');
    await expectAccessible(page);
  });

  it('shows a representative on the phone how close the vote was: who would have had to vote otherwise', async () => {
    const page = ballots.get('Utrecht')!;
    await page.getByRole('link', { name: /^Wat als er anders was gestemd\?/ }).tap();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Wat als er anders was gestemd?');
    await expect
      .poll(() => page.getByTestId('hall-switch').textContent(), { timeout: 15_000 })
      .toMatch(/^\d+ \(samen stemgewicht \d+\): \S|kan de uitslag niet keren/);
    expect(await page.getByRole('table', { name: 'Het aandeel van elke stemmer in de beslissende coalities' }).getByText('Utrecht').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page);
  });

  it('lets the chair hold a trial vote, cancel it and vote again as a new poll; the screen follows the newest poll', async () => {
    const panel = chairPage.getByRole('region', { name: 'Elektronisch stemmen' });
    // The proposal is decided: only a trial vote is left at this item.
    await expect.poll(() => panel.getByLabel('Onderwerp').inputValue(), { timeout: 15_000 }).toBe('trial');
    await panel.getByRole('button', { name: 'Stemming openen' }).click();
    await expect.poll(() => panel.getByRole('heading', { name: /^Stemming loopt: Proefstemming/ }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => screen.getByRole('heading', { level: 2 }).textContent(), { timeout: 15_000 }).toMatch(/^Proefstemming/);
    await expect.poll(progress, { timeout: 15_000 }).toMatch(/^0 van 4 leden hebben gestemd/);

    await panel.getByRole('button', { name: 'Stemming annuleren' }).click();
    await panel.getByRole('button', { name: 'Ja, annuleren' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'De stemming is geannuleerd.' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => screen.getByText('De stemming is geannuleerd.').count(), { timeout: 15_000 }).toBe(1);
    const cancelled = (await call<{ items: { id: string; status: string }[] }>('GET', `/polls?meetingId=${meetingId}`, undefined, {})).items[0]!;
    expect(cancelled.status).toBe('cancelled');

    await panel.getByRole('button', { name: 'Opnieuw stemmen (nieuwe stemming)' }).click();
    await panel.getByRole('button', { name: 'Ja, opnieuw stemmen' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Er is een nieuwe stemming geopend.' }).count(), { timeout: 15_000 }).toBe(1);
    const polls = (
      await call<{ items: { id: string; status: string; replacesPollId: string | null }[] }>('GET', `/polls?meetingId=${meetingId}`, undefined, {})
    ).items;
    expect(polls[0]).toMatchObject({ status: 'open', replacesPollId: cancelled.id });
    await expect.poll(() => screen.locator('.vd-screen__poll').getAttribute('class'), { timeout: 15_000 }).toContain('vd-screen__poll--open');

    // A phone on the cancelled poll points to the new one.
    const utrecht = ballots.get('Utrecht')!;
    await utrecht.goto(`${base}/stemmen/${cancelled.id}`);
    await expect.poll(() => utrecht.getByText('De stemming is geannuleerd. De uitgebrachte stemmen tellen niet.').count(), { timeout: 15_000 }).toBe(1);
    await utrecht.getByRole('link', { name: /^Er is een nieuwe stemming geopend/ }).tap();
    await expect.poll(() => utrecht.url()).toBe(`${base}/stemmen/${polls[0]!.id}`);
    await expect.poll(() => utrecht.getByText('Dit is een proefstemming', { exact: false }).count(), { timeout: 15_000 }).toBe(1);
    await member(utrecht, 'Utrecht').getByRole('button', { name: 'Onthouden (Utrecht)' }).tap();
    await receiptOf(utrecht, 'Utrecht', 'Onthouden');
    await expectAccessible(utrecht);
  });
});
