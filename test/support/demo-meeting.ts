import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { demoCall, demoHeaders, startDemoServer, type DemoServer } from './browser.js';
import type { AuthHeaders } from './app.js';

/**
 * The demo's BALV in a browser, for the meeting tests: a demo server, staff signed in through the API,
 * and two proposals of the test's own on the agenda, so a test does not depend on what the demo
 * agenda holds.
 */

export const STAFF = 'medewerker@verenigd.demo';
export const CHAIR = 'voorzitter@verenigd.demo';
export const UTRECHT = 'burgemeester.utrecht@verenigd.demo';
export const MIDDELBURG = 'burgemeester.middelburg@verenigd.demo';

export interface Item {
  id: string;
  number: string;
  title: string;
}

export interface DemoMeeting {
  readonly server: DemoServer;
  readonly staff: AuthHeaders;
  readonly meetingId: string;
  readonly meetingTitle: string;
  /** An item for decision on which a representative files a motion. */
  readonly motionItem: Item;
  /** An item for decision without motions, adopted by acclamation from the chair's console. */
  readonly adoptItem: Item;
  /** Calls the API as staff; any answer but 2xx fails. */
  call<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object): Promise<T>;
}

/** Starts the demo server and prepares the BALV before the file's tests; closes the server after. */
export function demoMeeting(): DemoMeeting {
  const state = {} as { -readonly [K in keyof DemoMeeting]: DemoMeeting[K] };
  state.call = (method, url, payload) => demoCall(state.server, method, url, state.staff, payload);

  /** The item with this title, with its number as the agenda now has it. */
  async function itemNamed(title: string): Promise<Item> {
    const agenda = await state.call<{ items: Item[] }>('GET', `/meetings/${state.meetingId}/agenda-items`);
    const item = agenda.items.find((i) => i.title === title);
    if (!item) throw new Error(`no item ${title}`);
    return { id: item.id, number: item.number, title: item.title };
  }

  beforeAll(async () => {
    state.server = await startDemoServer();
    state.staff = await demoHeaders(state.server, STAFF);
    // The demo's BALV, two weeks ahead; its motion deadline must lie ahead for the representative.
    const meetings = await state.call<{ items: { id: string; kind: string; title: string; motionDeadline: string | null }[] }>('GET', '/meetings');
    const balv = meetings.items.find((m) => m.kind === 'balv')!;
    state.meetingId = balv.id;
    state.meetingTitle = balv.title;
    if (!balv.motionDeadline || new Date(balv.motionDeadline) < new Date()) {
      await state.call('PATCH', `/meetings/${balv.id}`, { motionDeadline: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    }
    for (const [title, decisionText] of [
      ['Kaderbrief 2028 (test)', 'De BALV stemt in met de Kaderbrief 2028 en de uitgangspunten voor de begroting.'],
      ['Contributie 2028 (test)', 'De BALV stelt de contributie voor 2028 vast op het niveau van 2027, vermeerderd met de loon- en prijsontwikkeling.'],
    ] as const) {
      await state.call('POST', `/meetings/${balv.id}/agenda-items`, {
        title,
        purpose: 'decision',
        decisionText,
        portfolioHolder: 'Sharon Dijksma',
        summary: `Samenvatting van ${title}.`,
        public: true,
      });
    }
    state.motionItem = await itemNamed('Kaderbrief 2028 (test)');
    state.adoptItem = await itemNamed('Contributie 2028 (test)');
  });
  afterAll(() => state.server?.close());
  return state;
}

export const h1 = (page: Page) => page.locator('h1').textContent();
/** The article of one agenda item on the meeting page, by its heading "N. Title". */
export const itemArticle = (page: Page, item: Item) => page.getByRole('article', { name: `${item.number}. ${item.title}`, exact: true });

export const GRONINGEN = 'wethouder.groningen@verenigd.demo';

/**
 * The demo's BALV has Groningen's amendment on the budget; until it is decided, the budget's proposal
 * cannot be put to the vote. Tests that vote on the proposal have Groningen withdraw it first.
 */
export async function withdrawDemoAmendment(server: DemoServer, meetingId: string): Promise<void> {
  const groningen = await demoHeaders(server, GRONINGEN);
  const amendments = await demoCall<{ items: { id: string; status: string }[] }>(server, 'GET', `/amendments?meetingId=${meetingId}`, groningen);
  for (const a of amendments.items.filter((x) => x.status === 'filed')) await demoCall(server, 'POST', `/amendments/${a.id}/withdraw`, groningen);
}
