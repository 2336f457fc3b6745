import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withFiveMembers, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { listenOnFreePort, openSse, openTrialPoll, type SseStream } from '../support/live.js';

/**
 * HTTP hardening (issue 11): server timeouts against slow clients, and caps on live streams per
 * session and per address, on an app with short timeouts of its own.
 */

describe(`timeouts and live-stream caps (${TEST_DB})`, () => {
  let live: TestApp;
  let base: string;
  let pollId: string;
  let viewer: SignedIn;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    live = await createTestApp({
      config: {
        HEADERS_TIMEOUT_SECONDS: 1,
        REQUEST_TIMEOUT_SECONDS: 2,
        CONNECTION_TIMEOUT_SECONDS: 3,
        LIVE_STREAMS_PER_SESSION: 2,
        LIVE_STREAMS_PER_ADDRESS: 4,
      },
    });
    const members = await withFiveMembers(live);
    const chair = await live.signIn('chair');
    const liveStaff = await live.signIn('staff');
    const representative = await live.signInPerson({ representativeOf: members.Utrecht });
    viewer = await live.signInPerson({ representativeOf: members.Amsterdam });
    pollId = await openTrialPoll(live, chair, liveStaff, representative.headers, members.Utrecht);
    base = await listenOnFreePort(live.app);
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await live.close();
  });

  /** Writes to a raw socket and resolves with what the server answered when it closed the connection, and after how long. */
  function hang(text: string): Promise<{ answer: string; ms: number }> {
    const { port } = new URL(base);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      let answer = '';
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('close', () => resolve({ answer, ms: Date.now() - started }));
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        reject(new Error(`the server still held the connection after 10 s; it answered ${JSON.stringify(answer)}`));
      }, 10_000);
    });
  }

  it('closes a connection whose headers never finish (slow loris) and one whose body never arrives', async () => {
    const headers = await hang('GET /api/v1/members HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    expect(headers.ms).toBeLessThan(5000);
    expect(headers.answer).toMatch(/^HTTP\/1\.1 408/);
    const body = await hang('POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":');
    expect(body.ms).toBeLessThan(6000);
    expect(body.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('caps live streams per session and per address with a 429 problem, and gives a slot back when a stream ends', async () => {
    const url = `${base}/api/v1/polls/${pollId}/events`;
    const open = async (headers: Record<string, string> = {}) => {
      const stream = await openSse(url, headers);
      streams.push(stream);
      return stream;
    };
    const cookie = { cookie: viewer.headers.cookie };
    const first = await open(cookie);
    const second = await open(cookie);
    expect([first.status, second.status]).toEqual([200, 200]);
    await first.next((e) => e.event === 'poll');
    const third = await open(cookie);
    expect(third.status).toBe(429);
    expect(third.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(third.headers['retry-after']).toBeDefined();

    // Anonymous screens of the same address: two more fit under the address cap of 4, the fifth does not.
    expect((await open()).status).toBe(200);
    expect((await open()).status).toBe(200);
    const fifth = await open();
    expect(fifth.status).toBe(429);

    // A closed stream gives its slot back.
    first.close();
    await first.ended;
    await expect.poll(async () => (await open(cookie)).status, { timeout: 3000 }).toBe(200);
  });

  it('does not cut a live stream with the request or idle-connection timeout', async () => {
    for (const stream of streams) stream.close();
    await Promise.all(streams.map((s) => s.ended));
    const stream = await openSse(`${base}/api/v1/polls/${pollId}/events`);
    streams.push(stream);
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === 'poll');
    let ended = false;
    void stream.ended.then(() => (ended = true));
    // Longer than REQUEST_TIMEOUT_SECONDS (2 s) and CONNECTION_TIMEOUT_SECONDS (3 s), shorter than the 15 s heartbeat.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(ended).toBe(false);
  }, 15_000);

  it('counts meeting and poll screens together against one session cap, and a meeting screen gives its slot back', async () => {
    for (const stream of streams) stream.close();
    await Promise.all(streams.map((s) => s.ended));
    const meetingId = (await live.app.inject({ url: `/api/v1/polls/${pollId}` })).json().meetingId as string;
    const cookie = { cookie: viewer.headers.cookie };
    const meeting = await openSse(`${base}/api/v1/meetings/${meetingId}/events`, cookie);
    const poll = await openSse(`${base}/api/v1/polls/${pollId}/events`, cookie);
    streams.push(meeting, poll);
    expect([meeting.status, poll.status]).toEqual([200, 200]);
    expect((await meeting.next()).data).toBe('{"what":"resync"}');
    const third = await openSse(`${base}/api/v1/meetings/${meetingId}/events`, cookie);
    streams.push(third);
    expect(third.status).toBe(429);

    meeting.close();
    await meeting.ended;
    await expect
      .poll(
        async () => {
          const again = await openSse(`${base}/api/v1/polls/${pollId}/events`, cookie);
          streams.push(again);
          return again.status;
        },
        { timeout: 3000 },
      )
      .toBe(200);
  });
});
