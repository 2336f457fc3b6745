import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthHeaders } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { demoCall, demoHeaders, expectAccessible, signInPage, startDemoServer, type DemoServer } from '../support/browser.js';

/** The door's attendance list says that a check-in ended because the mandate ended (decision 0010). */
let server: DemoServer;
let staff: AuthHeaders;
let meetingId: string;

const signInApi = (email: string) => demoHeaders(server, email);
const call = <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: AuthHeaders, payload?: object) =>
  demoCall<T>(server, method, url, headers, payload);
const signIn = (page: Page, email: string, back: string) => signInPage(page, server.base, email, back);

beforeAll(async () => {
  server = await startDemoServer();
  staff = await signInApi('medewerker@verenigd.demo');
  const chair = await signInApi('voorzitter@verenigd.demo');
  const meetings = await call<{ items: { id: string; kind: string; date: string }[] }>('GET', '/meetings', staff);
  const meeting = meetings.items.find((m) => m.kind === 'balv')!;
  meetingId = meeting.id;
  await call('POST', `/meetings/${meetingId}/open?confirmEarly=true`, chair); // the demo BALV is two weeks ahead
  const mayor = await signInApi('burgemeester.utrecht@verenigd.demo');
  const me = await call<{ id: string; offices: { memberId: string; memberName: string; designations: { id: string }[] }[] }>('GET', '/people/me', mayor);
  const office = me.offices.find((o) => o.memberName === 'Utrecht')!;
  await call('POST', `/meetings/${meetingId}/check-ins`, staff, { memberId: office.memberId, personId: me.id });
  // Her mandate's last day becomes the day before the meeting.
  const dayBefore = new Date(`${meeting.date}T12:00:00Z`);
  dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
  await call('PATCH', `/designations/${office.designations[0]!.id}`, staff, { endDate: dayBefore.toISOString().slice(0, 10) });
});
afterAll(() => server?.close());

describe(`a check-in ended by the mandate, in a browser (${TEST_DB})`, () => {
  it("shows at the door that Els Bakker's check-in ended because her mandate ended", async () => {
    const page = await server.browser.newPage();
    await signIn(page, 'medewerker@verenigd.demo', `/vergaderingen/${meetingId}/presentie`);
    const row = page.locator('tr').filter({ hasText: 'Els Bakker' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.getByTestId('mandate-ended').textContent()).toBe('mandaat beëindigd');
    expect(await row.getByRole('button', { name: 'Els Bakker afmelden' }).count()).toBe(0);
    await expectAccessible(page);
    await page.close();
  });
});
