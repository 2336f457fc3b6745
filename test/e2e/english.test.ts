import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import type { AuthHeaders } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { demoCall, demoHeaders, expectAccessible } from '../support/browser.js';
import { CHAIR, demoMeeting, h1, MIDDELBURG, UTRECHT } from '../support/demo-meeting.js';

/**
 * The meeting in English, on a phone (375×667) and a projector: a consultation link opened signed out,
 * asking to speak and being given the floor, a vote announced while reading further down, and the
 * projector switching between what the chair chooses. The chair acts through the API; what a person
 * reads is checked in English. The steps build on each other.
 */

const d = demoMeeting();
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };
const pages: Page[] = [];
let chair: AuthHeaders;
let mayor: string;
let phone: Page;

/** A page whose app starts in English (the language choice the app keeps in the browser). */
async function englishPage(browser: Browser, options: object): Promise<Page> {
  const context = await browser.newContext(options);
  await context.addInitScript(() => window.localStorage.setItem('verenigd.language', 'en'));
  const page = await context.newPage();
  pages.push(page);
  return page;
}

async function signInEnglish(page: Page, email: string) {
  await page.getByLabel('E-mail address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).count(), { timeout: 15_000 }).toBe(1);
}

beforeAll(async () => {
  chair = await demoHeaders(d.server, CHAIR);
  await d.call('POST', `/meetings/${d.meetingId}/open?confirmEarly=true`);
  await d.call('PUT', `/meetings/${d.meetingId}/current-item`, { itemId: d.motionItem.id });
  const utrecht = await demoHeaders(d.server, UTRECHT);
  const me = await demoCall<{ id: string; name: string; offices: { memberId: string; memberName: string }[] }>(d.server, 'GET', '/people/me', utrecht);
  mayor = me.name;
  await d.call('POST', `/meetings/${d.meetingId}/check-ins`, { memberId: me.offices.find((o) => o.memberName === 'Utrecht')!.memberId, personId: me.id });
});
afterAll(async () => {
  for (const page of pages) await page.context().close();
});

describe(`the meeting in English (${TEST_DB})`, () => {
  it('sends a signed-out visitor of a consultation link to sign in, and back to the consultation', async () => {
    const consultations = await d.call<{ items: { id: string; title: string; status: string }[] }>('GET', '/consultations');
    const open = consultations.items.find((c) => c.status === 'open')!;
    const page = await englishPage(d.server.browser, PHONE);
    await page.goto(`${d.server.base}/raadplegingen/${open.id}`);
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/inloggen?terug=');
    await expect.poll(() => page.getByText('After signing in you continue to the page you opened.').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText(/Not found|Niet gevonden/).count()).toBe(0);
    await expectAccessible(page);
    await signInEnglish(page, MIDDELBURG);
    await expect.poll(() => page.url(), { timeout: 15_000 }).toBe(`${d.server.base}/raadplegingen/${open.id}`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(open.title);
    await expectAccessible(page);
  });

  it('lets the mayor ask to speak on a phone; the chair gives the floor and the phone follows', async () => {
    phone = await englishPage(d.server.browser, PHONE);
    await phone.goto(`${d.server.base}/inloggen?terug=${encodeURIComponent(`/vergaderingen/${d.meetingId}`)}`);
    await signInEnglish(phone, UTRECHT);
    const section = phone.locator('section', { has: phone.getByRole('heading', { level: 2, name: 'Ask to speak' }) });
    await expect
      .poll(() => section.getByTestId('speak-current').textContent(), { timeout: 15_000 })
      .toBe(`Under discussion: ${d.motionItem.number}. ${d.motionItem.title}`);
    await section.getByRole('button', { name: 'Ask to speak, round 1' }).tap();
    await expect.poll(() => phone.getByRole('status').filter({ hasText: 'You are on the list of speakers (round 1).' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => section.locator('.vd-speak__turn').textContent(), { timeout: 15_000 }).toMatch(/Round 1: waiting for the floor/);
    await expectAccessible(phone);

    const speakers = await demoCall<{ items: { id: string; status: string }[] }>(d.server, 'GET', `/agenda-items/${d.motionItem.id}/speakers`, chair);
    const waiting = speakers.items.find((s) => s.status === 'waiting')!;
    await demoCall(d.server, 'PATCH', `/speakers/${waiting.id}`, chair, { status: 'speaking' });
    await expect.poll(() => section.locator('.vd-speak__turn').textContent(), { timeout: 15_000 }).toMatch(/Round 1: you have the floor/);
    await expectAccessible(phone);
  });

  it('announces a vote where the mayor is reading, further down the page, and leads to the ballot', async () => {
    await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await phone.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    const poll = await demoCall<{ id: string }>(d.server, 'POST', '/polls', chair, { meetingId: d.meetingId, subject: { type: 'trial' } });
    const banner = phone.getByRole('region', { name: 'A vote is in progress' });
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await banner.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
    const box = (await banner.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(667);
    await expectAccessible(phone);
    await banner.getByRole('link', { name: 'Vote' }).tap();
    await expect.poll(() => phone.url()).toBe(`${d.server.base}/stemmen/${poll.id}`);
    await expect.poll(() => phone.getByRole('group', { name: 'Your vote for Utrecht' }).getByRole('button').count(), { timeout: 15_000 }).toBe(3);
    expect(await phone.getByRole('group', { name: 'Your vote for Utrecht' }).getByRole('button').allTextContents()).toEqual([
      'For (Utrecht)',
      'Against (Utrecht)',
      'Abstain (Utrecht)',
    ]);
    await expectAccessible(phone);
    await demoCall(d.server, 'POST', `/polls/${poll.id}/cancel`, chair);
  });

  it('switches the projector, in English, between what the chair chooses', async () => {
    const screen = await englishPage(d.server.browser, { viewport: { width: 1366, height: 768 } });
    await screen.goto(`${d.server.base}/vergaderingen/${d.meetingId}/scherm`);
    await expect.poll(() => screen.locator('h1').textContent(), { timeout: 15_000 }).toBe(d.meetingTitle);
    await demoCall(d.server, 'PUT', `/meetings/${d.meetingId}/screen`, chair, { content: 'speakers' });
    await expect.poll(() => screen.getByTestId('screen-speakers').textContent(), { timeout: 15_000 }).toContain(`${mayor} (Utrecht) · Round 1 · has the floor`);
    await expectAccessible(screen);
    await demoCall(d.server, 'PUT', `/meetings/${d.meetingId}/screen`, chair, { content: 'agenda' });
    await expect
      .poll(() => screen.getByTestId('screen-agenda').locator('li[aria-current="step"]').textContent(), { timeout: 15_000 })
      .toBe(`${d.motionItem.number}. ${d.motionItem.title}`);
    await expectAccessible(screen);
  });
});
