import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthHeaders, TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { withdrawDemoAmendment } from '../support/demo-meeting.js';
import { appointCommittees } from '../support/procedure.js';
import { demoCall, demoHeaders, expectAccessible, startDemoServer, type DemoServer } from '../support/browser.js';

/** What the hall's screen and the public result page show of a trial vote and of a secret poll. */
let server: DemoServer;
let staff: AuthHeaders;
let chair: AuthHeaders;
let meetingId: string;
let proposalId: string;
const voters: { headers: AuthHeaders; memberId: string }[] = [];

const REPRESENTATIVES = {
  Utrecht: 'burgemeester.utrecht@verenigd.demo',
  Middelburg: 'burgemeester.middelburg@verenigd.demo',
  Vlissingen: 'griffier.vlissingen@verenigd.demo',
  Groningen: 'wethouder.groningen@verenigd.demo',
} as const;

const signIn = (email: string) => demoHeaders(server, email);
const call = <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: AuthHeaders, payload?: object) =>
  demoCall<T>(server, method, url, headers, payload);
async function voteAndClose(pollId: string, option: (i: number) => string) {
  for (const [i, voter] of voters.entries())
    await call('POST', `/polls/${pollId}/ballots`, voter.headers, { memberId: voter.memberId, option: option(i), clientBallotId: `browser-${pollId}-${i}` });
  await call('POST', `/polls/${pollId}/close`, chair);
}
/** The whole visible text of the result on a page. */
const resultText = (page: Page) => page.locator('.vd-result').textContent();

beforeAll(async () => {
  server = await startDemoServer();
  staff = await signIn('medewerker@verenigd.demo');
  chair = await signIn('voorzitter@verenigd.demo');
  const meetings = await call<{ items: { id: string; kind: string }[] }>('GET', '/meetings', staff);
  meetingId = meetings.items.find((m) => m.kind === 'balv')!.id;
  const agenda = await call<{ items: { id: string; title: string }[] }>('GET', `/meetings/${meetingId}/agenda-items`, staff);
  proposalId = agenda.items.find((i) => i.title === 'Begroting en contributie 2027')!.id;
  await withdrawDemoAmendment(server, meetingId);
  // The demo's BALV lies ahead: opening it today needs the chair's confirmation.
  await call('POST', `/meetings/${meetingId}/open?confirmEarly=true`, chair);
  await appointCommittees({ app: server.app } as unknown as TestApp, meetingId, { staff, chair });
  for (const [member, email] of Object.entries(REPRESENTATIVES)) {
    const headers = await signIn(email);
    const me = await call<{ id: string; offices: { memberId: string; memberName: string }[] }>('GET', '/people/me', headers);
    const memberId = me.offices.find((o) => o.memberName === member)!.memberId;
    await call('POST', `/meetings/${meetingId}/check-ins`, staff, { memberId, personId: me.id });
    voters.push({ headers, memberId });
  }
});
afterAll(() => server?.close());

describe(`trial votes and secret polls in a browser (${TEST_DB})`, () => {
  it('never shows a trial vote as adopted or rejected on the screen in the hall or on its result page', async () => {
    const poll = await call<{ id: string }>('POST', '/polls', chair, { meetingId, subject: { type: 'trial' } });
    await voteAndClose(poll.id, () => 'for');
    const screen = await server.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await screen.goto(`${server.base}/vergaderingen/${meetingId}/scherm`);
    await expect
      .poll(() => screen.locator('.vd-result__statement').textContent(), { timeout: 15_000 })
      .toBe('Voor: 100,00%, Tegen: 0,00%. Proefstemming: telt niet als besluit.');
    expect(await screen.locator('.vd-outcome').textContent()).toBe('proefstemming: geen besluit');
    expect(await resultText(screen)).not.toMatch(/aangenomen|verworpen/i);
    await expectAccessible(screen);

    const page = await server.browser.newPage();
    await page.goto(`${server.base}/stemmingen/${poll.id}`);
    await expect.poll(() => page.locator('.vd-outcome').textContent(), { timeout: 15_000 }).toBe('proefstemming: geen besluit');
    expect(await page.locator('main').textContent()).not.toMatch(/aangenomen|verworpen/i);
    await screen.close();
    await page.close();
  });

  it('shows a secret poll without a running result and, once closed, without a breakdown per segment', async () => {
    const poll = await call<{ id: string }>('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: proposalId }, secrecy: 'secret' });
    const screen = await server.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await screen.goto(`${server.base}/vergaderingen/${meetingId}/scherm`);
    await expect.poll(() => screen.getByText('Geheime stemming: er is geen tussenstand.', { exact: false }).count(), { timeout: 15_000 }).toBe(1);
    expect(await screen.locator('.vd-result').count()).toBe(0);

    await voteAndClose(poll.id, (i) => (i % 2 ? 'against' : 'for'));
    await expect.poll(() => screen.locator('.vd-result__statement').count(), { timeout: 15_000 }).toBe(1);
    expect(await screen.getByText('Geheime stemming: er is geen tussenstand.', { exact: false }).count()).toBe(0);

    const page = await server.browser.newPage();
    await page.goto(`${server.base}/stemmingen/${poll.id}`);
    await expect.poll(() => page.locator('.vd-segments-secret').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('heading', { name: 'Uitgesplitst' }).count()).toBe(0);
    // the list of votes loads on its own request after the result
    await expect.poll(() => page.getByText('Dit was een geheime stemming', { exact: false }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(page);
    await screen.close();
    await page.close();
  });
});
