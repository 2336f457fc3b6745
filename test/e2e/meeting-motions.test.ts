import { describe, expect, it } from 'vitest';
import { demoCall, demoHeaders, expectAccessible, signInPage } from '../support/browser.js';
import { TEST_DB } from '../support/database.js';
import { CHAIR, demoMeeting, h1, itemArticle, MIDDELBURG, STAFF, UTRECHT } from '../support/demo-meeting.js';

/**
 * Motions and amendments at the demo's BALV in a browser: a representative files a motion and invites
 * a co-submitter, who accepts and files an amendment; once the meeting is open, staff record the
 * board's advice. The steps build on each other, in order.
 */

const d = demoMeeting();

describe(`motions at a general meeting in a browser (${TEST_DB})`, () => {
  it('lets a representative file a motion through the form and lists it under the item, before the proposal', async () => {
    const page = await d.server.browser.newPage();
    await signInPage(page, d.server.base, UTRECHT, `/vergaderingen/${d.meetingId}`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(d.meetingTitle);
    const article = itemArticle(page, d.motionItem);
    await expect
      .poll(() => article.getByRole('button', { name: `Motie indienen (bij agendapunt ${d.motionItem.number})` }).count(), { timeout: 15_000 })
      .toBe(1);
    await article.getByRole('button', { name: `Motie indienen (bij agendapunt ${d.motionItem.number})` }).click();

    const form = article.locator('.vd-submission-form');
    await expect.poll(() => form.getByRole('heading', { name: `Motie indienen bij agendapunt ${d.motionItem.number}. ${d.motionItem.title}` }).count()).toBe(1);
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
      .toBe(`De motie "Lokale lasten in beeld" is ingediend bij agendapunt ${d.motionItem.number}.`);
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

    const listed = await d.call<{ items: { title: string; agendaItemId: string; submitters: { memberName: string }[] }[] }>(
      'GET',
      `/motions?meetingId=${d.meetingId}`,
    );
    expect(listed.items.find((m) => m.title === 'Lokale lasten in beeld')).toMatchObject({
      agendaItemId: d.motionItem.id,
      submitters: [{ memberName: 'Utrecht' }],
    });
    await page.close();
  });

  it('lets the invited representative accept the invitation and file an amendment, shown as its change to the proposal', async () => {
    const page = await d.server.browser.newPage();
    await signInPage(page, d.server.base, MIDDELBURG, `/vergaderingen/${d.meetingId}`);
    const article = itemArticle(page, d.motionItem);
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

    await article.getByRole('button', { name: `Amendement indienen (bij agendapunt ${d.motionItem.number})` }).click();
    const form = article.locator('.vd-submission-form');
    await expect
      .poll(() => form.getByRole('heading', { name: `Amendement indienen bij agendapunt ${d.motionItem.number}. ${d.motionItem.title}` }).count())
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

  it("lets staff record the board's advice on a motion once the meeting is open", async () => {
    // The chair opens the meeting (its console is in meeting-chair.test.ts); only then may the board advise.
    await demoCall(d.server, 'POST', `/meetings/${d.meetingId}/open?confirmEarly=true`, await demoHeaders(d.server, CHAIR));
    const page = await d.server.browser.newPage();
    await signInPage(page, d.server.base, STAFF, `/vergaderingen/${d.meetingId}/voorbereiden`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe(`Voorbereiden: ${d.meetingTitle}`);
    const item = page.getByRole('article', { name: `${d.motionItem.number}. ${d.motionItem.title}` });
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    // The meeting is open: the order is fixed.
    expect(await item.getByRole('button', { name: /^Omhoog/ }).count()).toBe(0);
    await item.getByRole('button', { name: `Openen (${d.motionItem.number}. ${d.motionItem.title})` }).click();
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
});
