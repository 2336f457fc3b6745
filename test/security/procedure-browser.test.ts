import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthHeaders, TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { demoCall, demoHeaders, expectAccessible, signInPage, startDemoServer, type DemoServer } from '../support/browser.js';
import { appointCommittees } from '../support/procedure.js';

/** What the chair's console and the result page say about the procedure: the committee first, a statute change's rule. */
let server: DemoServer;
let staff: AuthHeaders;
let chair: AuthHeaders;
let meetingId: string;
let statutesId: string;
const voters: { headers: AuthHeaders; memberId: string }[] = [];

const REPRESENTATIVES = {
  Utrecht: 'burgemeester.utrecht@verenigd.demo',
  Middelburg: 'burgemeester.middelburg@verenigd.demo',
} as const;

const signInApi = (email: string) => demoHeaders(server, email);
const call = <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: AuthHeaders, payload?: object) =>
  demoCall<T>(server, method, url, headers, payload);
const signIn = (page: Page, email: string, back: string) => signInPage(page, server.base, email, back);

beforeAll(async () => {
  server = await startDemoServer();
  staff = await signInApi('medewerker@verenigd.demo');
  chair = await signInApi('voorzitter@verenigd.demo');
  const meetings = await call<{ items: { id: string; kind: string }[] }>('GET', '/meetings', staff);
  meetingId = meetings.items.find((m) => m.kind === 'balv')!.id;
  statutesId = (
    await call<{ id: string }>('POST', `/meetings/${meetingId}/agenda-items`, staff, {
      title: 'Wijziging statuten (test)',
      purpose: 'decision',
      decisionText: 'De BALV besluit de statuten te wijzigen.',
      changeKind: 'statutes',
    })
  ).id;
  await call('POST', `/meetings/${meetingId}/open?confirmEarly=true`, chair);
  for (const [member, email] of Object.entries(REPRESENTATIVES)) {
    const headers = await signInApi(email);
    const me = await call<{ id: string; offices: { memberId: string; memberName: string }[] }>('GET', '/people/me', headers);
    const memberId = me.offices.find((o) => o.memberName === member)!.memberId;
    await call('POST', `/meetings/${meetingId}/check-ins`, staff, { memberId, personId: me.id });
    voters.push({ headers, memberId });
  }
});
afterAll(() => server?.close());

describe(`procedure in a browser (${TEST_DB})`, () => {
  it("tells the chair why a real vote waits for the counting committee, and that a statute change takes the profile's rule", async () => {
    const page = await server.browser.newPage();
    await signIn(page, 'voorzitter@verenigd.demo', `/vergaderingen/${meetingId}/voorzitter`);
    const hint = page.getByText('Een echte stemming kan pas worden geopend nadat de vergadering haar commissie van stemopneming heeft benoemd', {
      exact: false,
    });
    await expect.poll(() => hint.count(), { timeout: 15_000 }).toBe(1);

    await appointCommittees({ app: server.app } as unknown as TestApp, meetingId, { staff, chair });
    await call('PUT', `/meetings/${meetingId}/current-item`, chair, { itemId: statutesId });
    await page.reload();
    const rule = page.getByText('Dit agendapunt wijzigt de statuten: er wordt gestemd met twee derde', { exact: false });
    await expect.poll(() => rule.count(), { timeout: 15_000 }).toBe(1);
    expect(await hint.count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Meerderheid' }).count()).toBe(0);
    await expectAccessible(page);
    await page.close();
  });

  it('names the rule and its source on the result page of a statute change', async () => {
    const poll = await call<{ id: string }>('POST', '/polls', chair, { meetingId, subject: { type: 'agenda-item', id: statutesId } });
    for (const [i, voter] of voters.entries())
      await call('POST', `/polls/${poll.id}/ballots`, voter.headers, {
        memberId: voter.memberId,
        option: i === 0 ? 'for' : 'against',
        clientBallotId: `procedure-${i}`,
      });
    await call('POST', `/polls/${poll.id}/close`, chair);
    const page = await server.browser.newPage();
    await page.goto(`${server.base}/stemmingen/${poll.id}`);
    await expect
      .poll(() => page.locator('.vd-result__source').textContent(), { timeout: 15_000 })
      .toMatch(/^Vereiste meerderheid volgens: Statuten VNG, bepaling over statutenwijziging/);
    expect(await page.locator('.vd-result__statement').textContent()).toContain('Vereist: twee derde meerderheid (Statuten VNG');
    await expectAccessible(page);
    await page.close();
  });

  it('plans a meeting at a past date and shows the warning with the confirmation', async () => {
    const page = await server.browser.newPage();
    await signIn(page, 'medewerker@verenigd.demo', '/vergaderingen');
    await expect.poll(() => page.getByRole('heading', { name: 'Vergadering plannen' }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel('Soort vergadering').selectOption('alv');
    await page.getByLabel('Titel', { exact: true }).fill('ALV juni 2019 (achteraf)');
    await page.getByLabel('Datum', { exact: true }).fill('2019-06-05');
    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('ALV juni 2019 (achteraf) is gepland');
    await expect.poll(() => page.getByText('De datum 2019-06-05 ligt in het verleden.', { exact: false }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(page);
    await page.close();
  });
});
