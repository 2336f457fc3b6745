import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCall, demoHeaders, expectAccessible, signInPage } from '../support/browser.js';
import { TEST_DB } from '../support/database.js';
import { CHAIR, demoMeeting, UTRECHT } from '../support/demo-meeting.js';

/**
 * Asking to speak from a phone and the chair giving the floor at the table (issue 12): the mayor of
 * Utrecht, checked in, asks on a 375x667 phone; the chair's console at 1366x768 shows the queue with
 * the item in hand and its vote controls in view, and gives the floor, which reaches the phone live;
 * the projector switches between what the chair chooses for it. The steps build on each other.
 */

const d = demoMeeting();
const pages: Page[] = [];
let phone: Page;
let console_: Page;
let mayor: string;

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
/** Whether the element lies wholly inside the viewport (as the page first shows it). */
const inView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });

async function newPage(viewport: { width: number; height: number }, mobile = false) {
  const context = await d.server.browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile });
  const page = await context.newPage();
  pages.push(page);
  return page;
}

beforeAll(async () => {
  // The BALV in session with the item on which Utrecht's mayor will speak; the mayor checked in at the door.
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

describe(`speakers and the projector in a browser (${TEST_DB})`, () => {
  it('lets a checked-in mayor ask to speak on a phone', async () => {
    phone = await newPage({ width: 375, height: 667 }, true);
    await signInPage(phone, d.server.base, UTRECHT, `/vergaderingen/${d.meetingId}`);
    const section = phone.locator('section', { has: phone.getByRole('heading', { level: 2, name: 'Het woord vragen' }) });
    await expect
      .poll(() => section.getByTestId('speak-current').textContent(), { timeout: 15_000 })
      .toBe(`Aan de orde: ${d.motionItem.number}. ${d.motionItem.title}`);
    await section.getByRole('button', { name: 'Woord vragen, 1e termijn' }).click();
    await expect.poll(() => phone.getByRole('status').filter({ hasText: 'U staat op de sprekerslijst (1e termijn).' }).count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => section.locator('.vd-speak__turn').textContent(), { timeout: 15_000 })
      .toMatch(/1e termijn: wacht op het woord \(nummer 1 op de lijst\)/);
    // Once in a round: the button for the first round is spent, the second round's is not.
    expect(await section.getByRole('button', { name: 'Woord vragen, 1e termijn' }).isDisabled()).toBe(true);
    expect(await section.getByRole('button', { name: 'Woord vragen, 2e termijn' }).isDisabled()).toBe(false);
    expect(await fitsWidth(phone)).toBe(true);
    await expectAccessible(phone);
  });

  it('shows the chair the queue beside the item in hand and its vote, and gives the floor, live on the phone', async () => {
    console_ = await newPage({ width: 1366, height: 768 });
    await signInPage(console_, d.server.base, CHAIR, `/vergaderingen/${d.meetingId}/voorzitter`);
    const queue = console_.getByTestId('speakers-queue');
    await expect.poll(() => queue.locator('li').first().textContent(), { timeout: 15_000 }).toContain(`${mayor} (Utrecht)`);
    // At 1366x768 the item in hand and the vote controls are in view as the console opens, and again after scrolling the side.
    expect(await inView(console_, '#course-current')).toBe(true);
    expect(await inView(console_, '#course-poll')).toBe(true);
    await console_.locator('#course-screen').scrollIntoViewIfNeeded();
    expect(await inView(console_, '#course-current')).toBe(true);
    expect(await inView(console_, '#course-poll')).toBe(true);
    expect(await fitsWidth(console_)).toBe(true);

    await queue.getByRole('button', { name: `Het woord geven (${mayor} (Utrecht))` }).click();
    await expect
      .poll(
        () =>
          console_
            .getByRole('status')
            .filter({ hasText: `${mayor} heeft het woord.` })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1);
    await expect.poll(() => queue.locator('.vd-speakers__item--speaking').count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(console_);
    // The phone hears it by the meeting's stream, without reloading.
    await expect.poll(() => phone.locator('.vd-speak__turn').textContent(), { timeout: 15_000 }).toMatch(/1e termijn: u hebt het woord/);
  });

  it('switches the projector live between what the chair chooses', async () => {
    const screen = await newPage({ width: 1366, height: 768 });
    await screen.goto(`${d.server.base}/vergaderingen/${d.meetingId}/scherm`);
    await expect.poll(() => screen.locator('h1').textContent(), { timeout: 15_000 }).toBe(d.meetingTitle);

    const chooser = console_.locator('form[aria-label="Projectiescherm"]');
    await chooser.getByLabel('Het scherm toont').selectOption({ label: 'De sprekerslijst' });
    await chooser.getByRole('button', { name: 'Tonen op het scherm' }).click();
    await expect.poll(() => console_.getByTestId('screen-now').textContent(), { timeout: 15_000 }).toBe('Nu op het scherm: De sprekerslijst');
    await expect
      .poll(() => screen.getByTestId('screen-speakers').textContent(), { timeout: 15_000 })
      .toContain(`${mayor} (Utrecht) · 1e termijn · heeft het woord`);
    expect(await fitsWidth(screen)).toBe(true);
    await expectAccessible(screen);

    await chooser.getByLabel('Het scherm toont').selectOption({ label: 'Het punt aan de orde met het voorstel' });
    await chooser.getByRole('button', { name: 'Tonen op het scherm' }).click();
    await expect
      .poll(() => screen.locator('.vd-screen__text').first().textContent(), { timeout: 15_000 })
      .toContain('De BALV stemt in met de Kaderbrief 2028 en de uitgangspunten voor de begroting.');

    await chooser.getByLabel('Het scherm toont').selectOption({ label: 'De agenda' });
    await chooser.getByRole('button', { name: 'Tonen op het scherm' }).click();
    await expect
      .poll(() => screen.getByTestId('screen-agenda').locator('li[aria-current="step"]').textContent(), { timeout: 15_000 })
      .toBe(`${d.motionItem.number}. ${d.motionItem.title}`);
    expect(await fitsWidth(screen)).toBe(true);
    await expectAccessible(screen);
    await expectAccessible(console_);
  });
});
