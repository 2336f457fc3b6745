import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB } from '../support/database.js';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import { demoCall, demoHeaders, signInPage, startDemoServer, type DemoServer } from '../support/browser.js';
import type { AuthHeaders } from '../support/app.js';

/**
 * The first load of the ballot page on a phone over slow 4G (Lighthouse's profile: 150 ms round trip,
 * 1.6 Mbit/s down, 750 kbit/s up, the CPU four times slower), with an empty cache: the time until the
 * options can be tapped. It reports the figure; it does not fail on it (a shared machine would flake).
 * It also checks what makes the figure: compressed, long-cached hashed files and a code split per area.
 */
let server: DemoServer;
let staff: AuthHeaders;
let pollId: string;
const UTRECHT = 'burgemeester.utrecht@verenigd.demo';

beforeAll(async () => {
  server = await startDemoServer();
  staff = await demoHeaders(server, 'medewerker@verenigd.demo');
  const meetings = await demoCall<{ items: { id: string; kind: string }[] }>(server, 'GET', '/meetings', staff);
  const meetingId = meetings.items.find((m) => m.kind === 'balv')?.id ?? '';
  await demoCall(server, 'POST', `/meetings/${meetingId}/open?confirmEarly=true`, staff);
  const rep = await demoHeaders(server, UTRECHT, DEMO_PASSWORD);
  const me = await demoCall<{ id: string; offices: { memberId: string; memberName: string }[] }>(server, 'GET', '/people/me', rep);
  const office = me.offices.find((o) => o.memberName === 'Utrecht');
  await demoCall(server, 'POST', `/meetings/${meetingId}/check-ins`, staff, { memberId: office?.memberId, personId: me.id });
  // A trial vote: it needs no committee and decides nothing.
  pollId = (await demoCall<{ id: string }>(server, 'POST', '/polls', staff, { meetingId, subject: { type: 'trial' } })).id;
});
afterAll(() => server?.close());

describe(`the first load (${TEST_DB})`, () => {
  it('sends hashed files compressed and cached for a year, and the page itself uncached', async () => {
    const index = await fetch(`${server.base}/stemmen/${pollId}`, { headers: { 'accept-encoding': 'br, gzip' } });
    const html = await index.text();
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const asset = await fetch(`${server.base}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // The first load carries the shell and the ballot; an area such as the chair's console comes when visited.
    expect(html).not.toContain('ChairPage');
  });

  // Lighthouse's mobile profile, and Chrome's "Fast 4G" preset: round trip, download and upload, CPU slowdown.
  const profiles = [
    { name: 'slow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up, CPU ×4)', latency: 150, down: 1.6, up: 0.75, cpu: 4 },
    { name: '4G (60 ms, 9 Mbit/s down, 1.5 Mbit/s up, CPU ×4)', latency: 60, down: 9, up: 1.5, cpu: 4 },
  ];
  for (const profile of profiles) {
    it(`makes the ballot page usable on a phone over ${profile.name}, and reports how fast`, async () => {
      const context = await server.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await signInPage(page, server.base, UTRECHT, '/');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const bytesPerSecond = (megabits: number) => (megabits * 1024 * 1024) / 8;
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: profile.latency,
        downloadThroughput: bytesPerSecond(profile.down),
        uploadThroughput: bytesPerSecond(profile.up),
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
      const start = Date.now();
      await page.goto(`${server.base}/stemmen/${pollId}`, { waitUntil: 'commit' });
      const forButton = page.getByRole('region', { name: 'Utrecht', exact: true }).getByRole('button', { name: /^Voor\b/ });
      await forButton.waitFor({ state: 'visible', timeout: 60_000 });
      await expect.poll(() => forButton.isEnabled(), { timeout: 60_000 }).toBe(true);
      const interactive = Date.now() - start;
      const transferred = await page.evaluate(() =>
        performance.getEntriesByType('resource').reduce((sum, e) => sum + (e as PerformanceResourceTiming).transferSize, 0),
      );
      console.log(
        `ballot page, first load over ${profile.name}, ${TEST_DB}: interactive after ${interactive} ms, ${Math.round(transferred / 1024)} KiB transferred`,
      );
      expect(interactive).toBeGreaterThan(0);
      await context.close();
    });
  }
});
