import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import type { DatabaseHandle } from '../../src/core/db/database.js';
import { publish, type EventPayload } from '../../src/core/events.js';
import { buildApp, type App } from '../../src/app.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type TestApp } from '../support/app.js';
import { openSecondHandle, TEST_DB } from '../support/database.js';
import { listenOnFreePort, openSse, openTrialPoll } from '../support/live.js';

/**
 * Two app instances behind one load balancer share only their PostgreSQL: a ballot cast on one
 * must reach a screen connected to the other. Each instance has its own pool and its own
 * listening connection, as separate processes would.
 */
describe.skipIf(TEST_DB !== 'postgres')('two app instances on one PostgreSQL', () => {
  let a: TestApp;
  let second: DatabaseHandle;
  let b: App;
  let urlA: string;
  let urlB: string;
  let pollId: string;

  beforeAll(async () => {
    a = await createTestApp();
    second = await openSecondHandle(a.database);
    b = await buildApp({ config: { ...loadConfig({}), LOG_LEVEL: 'silent' }, database: second });
    urlA = await listenOnFreePort(a.app);
    urlB = await listenOnFreePort(b);
  });
  afterAll(async () => {
    await b?.close();
    await second?.close();
    await a?.close();
  });

  it('delivers an event published through A to a subscriber on B', async () => {
    const received: EventPayload[] = [];
    const off = b.events.subscribe('two-instances', (payload) => void received.push(payload));
    await a.database.db.transaction().execute((trx) => publish(trx, 'two-instances', { from: 'A' }));
    await vi.waitFor(() => expect(received).toEqual([{ topic: 'two-instances', from: 'A' }]));
    off();
  });

  it("shows a ballot cast through A on B's live poll stream", async () => {
    const m = await withFiveMembers(a);
    const representative = await a.signInPerson({ representativeOf: m.Utrecht, name: 'Burgemeester Utrecht' });
    pollId = await openTrialPoll(a, await a.signIn('chair'), await a.signIn('staff'), representative.headers, m.Utrecht);

    const stream = await openSse(`${urlB}/api/v1/polls/${pollId}/events`);
    expect(stream.status).toBe(200);
    expect(JSON.parse((await stream.next()).data).progress).toMatchObject({ votedMembers: 0, entitledMembers: 1 });

    // Over the network to A's port, as the representative's browser would.
    const cast = await fetch(`${urlA}/api/v1/polls/${pollId}/ballots`, {
      method: 'POST',
      headers: { ...(representative.headers satisfies AuthHeaders), 'content-type': 'application/json' },
      body: JSON.stringify({ memberId: m.Utrecht, option: 'for', clientBallotId: 'two-instances-1' }),
    });
    expect(cast.status, await cast.clone().text()).toBe(201);

    const update = await stream.next();
    expect(update.event).toBe('poll');
    expect(JSON.parse(update.data).progress).toMatchObject({ votedMembers: 1, entitledMembers: 1 });
    stream.close();
  });

  // Otherwise server.close() would wait for the endless response forever.
  it('ends open streams when an instance shuts down', async () => {
    const c = await buildApp({ config: { ...loadConfig({}), LOG_LEVEL: 'silent' }, database: second });
    const urlC = await listenOnFreePort(c);
    const stream = await openSse(`${urlC}/api/v1/polls/${pollId}/events`);
    await stream.next();
    await c.close();
    await stream.ended;
  });
});
