import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { publish, type EventPayload } from '../../src/core/events.js';
import { createTestApp, withFiveMembers, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { listenOnFreePort, openSse, openTrialPoll } from '../support/live.js';

let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listenOnFreePort(t.app);
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Subscribes for the rest of the test and collects what arrives. */
function collect(topic: string) {
  const received: EventPayload[] = [];
  const off = t.app.events.subscribe(topic, (payload) => void received.push(payload));
  return { received, off };
}

describe('event bus', () => {
  it('delivers a published event to the subscribers of its topic only', async () => {
    const polls = collect('poll:1');
    const others = collect('poll:2');
    await publish(t.database.db, 'poll:1', { pollId: '1' });
    await vi.waitFor(() => expect(polls.received).toEqual([{ topic: 'poll:1', pollId: '1' }]));
    expect(others.received).toEqual([]);

    polls.off();
    await publish(t.database.db, 'poll:1', { pollId: '1' });
    await publish(t.database.db, 'poll:2', { pollId: '2' });
    await vi.waitFor(() => expect(others.received).toHaveLength(1));
    expect(polls.received).toHaveLength(1);
    others.off();
  });

  it('delivers an event published in a transaction only after COMMIT', async () => {
    const { received, off } = collect('commit-test');
    await t.database.db.transaction().execute(async (trx) => {
      await publish(trx, 'commit-test', { step: 1 });
      await sql`select 1`.execute(trx);
      // Long enough for an early NOTIFY to reach the listening connection.
      await sleep(150);
      expect(received).toEqual([]);
    });
    await vi.waitFor(() => expect(received).toEqual([{ topic: 'commit-test', step: 1 }]));
    off();
  });

  it('never delivers an event published in a transaction that rolls back', async () => {
    const { received, off } = collect('rollback-test');
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await publish(trx, 'rollback-test', { step: 'rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    // Notifications arrive in commit order: once this later one is in, the first would have been too.
    await publish(t.database.db, 'rollback-test', { step: 'sentinel' });
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toEqual({ topic: 'rollback-test', step: 'sentinel' });
    off();
  });

  it('keeps a failing listener from affecting the others', async () => {
    const off = t.app.events.subscribe('failing', () => {
      throw new Error('listener bug');
    });
    const { received, off: off2 } = collect('failing');
    await publish(t.database.db, 'failing', {});
    await vi.waitFor(() => expect(received).toHaveLength(1));
    off();
    off2();
  });

  it('refuses payloads NOTIFY would refuse', async () => {
    await expect(publish(t.database.db, 'big', { data: 'x'.repeat(8000) })).rejects.toThrow(/too large/);
  });
});

describe.skipIf(TEST_DB !== 'postgres')('event bus on PostgreSQL', () => {
  const channel = () => `verenigd_events_${t.database.schema}`;

  it('listens on a channel of its own schema, so parallel test files do not hear each other', async () => {
    const { received, off } = collect('isolation');
    // What an instance working in the public schema would send.
    await sql`select pg_notify('verenigd_events', ${JSON.stringify({ topic: 'isolation', from: 'public' })})`.execute(t.database.db);
    await publish(t.database.db, 'isolation', { from: 'own schema' });
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ from: 'own schema' });
    off();
  });

  it('reconnects after losing its connection and tells subscribers to re-read', async () => {
    const { received, off } = collect('reconnect');
    const { rows } = await sql<{ terminated: boolean }>`
      select pg_terminate_backend(pid) as terminated from pg_stat_activity where query = ${`listen ${channel()}`}`.execute(t.database.db);
    expect(rows).toEqual([{ terminated: true }]);

    await vi.waitFor(() => expect(received).toEqual([{ topic: 'reconnect', resync: true }]), { timeout: 5000 });
    await publish(t.database.db, 'reconnect', { after: true });
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received[1]).toEqual({ topic: 'reconnect', after: true });
    off();
  });
});

describe(`live poll stream GET /polls/:id/events (${TEST_DB})`, () => {
  let pollId: string;
  let representative: Awaited<ReturnType<TestApp['signInPerson']>>;
  let utrecht: string;

  beforeAll(async () => {
    const m = await withFiveMembers(t);
    utrecht = m.Utrecht;
    representative = await t.signInPerson({ representativeOf: m.Utrecht, name: 'Burgemeester Utrecht' });
    pollId = await openTrialPoll(t, await t.signIn('chair'), await t.signIn('staff'), representative.headers, m.Utrecht);
  });

  it('answers an unknown poll with an ordinary 404 problem', async () => {
    const response = await t.app.inject({ url: '/api/v1/polls/00000000-0000-4000-8000-000000000000/events' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('sends the snapshot on connecting and again after a ballot, without signing in', async () => {
    const stream = await openSse(`${baseUrl}/api/v1/polls/${pollId}/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-cache');
    expect(stream.headers['x-accel-buffering']).toBe('no');
    expect(stream.headers['content-encoding']).toBeUndefined();

    const first = await stream.next();
    expect(first.event).toBe('poll');
    const snapshot = JSON.parse(first.data);
    // The same document as GET /polls/:id.
    expect(snapshot).toEqual((await t.app.inject({ url: `/api/v1/polls/${pollId}` })).json());
    expect(snapshot.progress.votedMembers).toBe(0);

    const cast = await t.app.inject({
      method: 'POST',
      url: `/api/v1/polls/${pollId}/ballots`,
      headers: representative.headers,
      payload: { memberId: utrecht, option: 'for', clientBallotId: 'events-test-1' },
    });
    expect(cast.statusCode, cast.body).toBe(201);
    const update = JSON.parse((await stream.next()).data);
    expect(update.progress.votedMembers).toBe(1);
    stream.close();
  });

  it('coalesces a burst of changes into at most one snapshot per 200 ms, for every screen', async () => {
    const screens = [await openSse(`${baseUrl}/api/v1/polls/${pollId}/events`), await openSse(`${baseUrl}/api/v1/polls/${pollId}/events`)];
    for (const screen of screens) await screen.next();
    await t.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 20; i += 1) await publish(trx, `poll:${pollId}`, { pollId });
    });
    for (const screen of screens) await screen.next();
    await sleep(500);
    for (const screen of screens) {
      // The connecting snapshot, then one for all 20 events (they arrive together at COMMIT).
      expect(screen.events).toHaveLength(2);
      screen.close();
    }
  });

  it('gives a reconnecting client (Last-Event-ID) the current snapshot', async () => {
    const stream = await openSse(`${baseUrl}/api/v1/polls/${pollId}/events`, { 'last-event-id': '41' });
    expect(JSON.parse((await stream.next()).data).progress.votedMembers).toBe(1);
    stream.close();
  });
});
