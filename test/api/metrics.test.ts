import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Counter, Registry } from 'prom-client';
import { loadConfig } from '../../src/core/config.js';
import { createMailer } from '../../src/core/mail.js';
import { createTestApp, withFiveMembers, type SignedIn, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { listenOnFreePort, openSse, openTrialPoll } from '../support/live.js';

/**
 * Observability: /metrics is off without METRICS_TOKEN and asks for that token when on; it counts
 * requests by route pattern, ballots and group commits, open live streams, mails and (PostgreSQL)
 * the pool. Every answer carries its request id.
 */
const TOKEN = 'metrics-token-for-the-test-0123456789';
let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp({ config: { METRICS_TOKEN: TOKEN } });
  baseUrl = await listenOnFreePort(t.app);
});
afterAll(() => t.close());

const scrape = async () => {
  const response = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.statusCode).toBe(200);
  return response.body;
};
/** The value of one series (name with its labels, as Prometheus prints it), or undefined when absent. */
const seriesValue = (body: string, series: string) => {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe(`metrics (${TEST_DB})`, () => {
  it('is not served without METRICS_TOKEN', async () => {
    const off = await createTestApp({ profileFrom: null });
    try {
      const response = await off.app.inject({ url: '/metrics' });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('verenigd_');
    } finally {
      await off.close();
    }
  });

  it('refuses a scrape without the token or with another, with a problem in Dutch or English', async () => {
    const none = await t.app.inject({ url: '/metrics', headers: { 'accept-language': 'nl' } });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(none.json()).toMatchObject({ status: 401, title: 'Niet gemachtigd' });
    const wrong = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    const english = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer nope', 'accept-language': 'en' } });
    expect(english.json().title).toBe('Not authorised');
  });

  it('counts requests by route pattern, ballots, group commits and open live streams', async () => {
    const m = await withFiveMembers(t);
    const representative: SignedIn = await t.signInPerson({ representativeOf: m.Utrecht, name: 'Burgemeester Utrecht' });
    const pollId = await openTrialPoll(t, await t.signIn('chair'), await t.signIn('staff'), representative.headers, m.Utrecht);
    const stream = await openSse(`${baseUrl}/api/v1/polls/${pollId}/events`);
    await stream.next();
    expect(seriesValue(await scrape(), 'verenigd_live_streams_open')).toBe(1);

    const ballot = { memberId: m.Utrecht, option: 'for', clientBallotId: 'metrics-1' };
    const cast = () => t.app.inject({ method: 'POST', url: `/api/v1/polls/${pollId}/ballots`, headers: representative.headers, payload: ballot });
    expect((await cast()).statusCode).toBe(201);
    // A retry of the stored ballot is answered again, not counted again.
    expect((await cast()).statusCode).toBe(200);

    const body = await scrape();
    expect(body).toContain('# TYPE verenigd_http_requests_total counter');
    expect(seriesValue(body, 'verenigd_ballots_accepted_total')).toBe(1);
    expect(seriesValue(body, 'verenigd_ballot_group_commit_size_count')).toBe(2);
    expect(seriesValue(body, 'verenigd_ballot_group_commit_size_sum')).toBe(2);
    expect(seriesValue(body, 'verenigd_http_requests_total{method="POST",route="/api/v1/polls/:id/ballots",status="201"}')).toBe(1);
    expect(seriesValue(body, 'verenigd_http_requests_total{method="POST",route="/api/v1/polls/:id/ballots",status="200"}')).toBe(1);
    expect(seriesValue(body, 'verenigd_http_request_duration_seconds_count{method="POST",route="/api/v1/polls/:id/ballots"}')).toBe(2);
    // Route patterns, never raw addresses: no series per poll.
    expect(body).not.toContain(pollId);
    expect(seriesValue(body, 'verenigd_process_resident_memory_bytes')).toBeGreaterThan(0);
    if (TEST_DB === 'postgres') {
      expect(seriesValue(body, 'verenigd_db_pool_max')).toBe(5);
      expect(seriesValue(body, 'verenigd_db_pool_total')).toBeGreaterThan(0);
    } else expect(body).not.toContain('verenigd_db_pool_');

    stream.close();
    await stream.ended;
    await expect.poll(async () => seriesValue(await scrape(), 'verenigd_live_streams_open')).toBe(0);
  });

  it('counts mails written to the log without SMTP_URL', async () => {
    const before = seriesValue(await scrape(), 'verenigd_mails_total{outcome="logged"}') ?? 0;
    const person = await t.signInPerson({ name: 'Vergeetachtig' });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/session/password-reset', payload: { email: person.email } });
    expect(response.statusCode).toBe(202);
    await expect.poll(async () => seriesValue(await scrape(), 'verenigd_mails_total{outcome="logged"}')).toBe(before + 1);
  });

  it('gives every answer a request id: the proxy’s when it is a plain token, else a fresh UUID', async () => {
    const own = await t.app.inject({ url: '/health' });
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const passed = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'nginx-4f1c2a9b77' } });
    expect(passed.headers['x-request-id']).toBe('nginx-4f1c2a9b77');
    const hostile = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'a b\u0000<script>' } });
    expect(hostile.headers['x-request-id']).not.toContain('script');
  });
});

describe('the mail counter', () => {
  it('counts a mail the SMTP server cannot take as failed (to be retried)', async () => {
    const registry = new Registry();
    const counter = new Counter({ name: 'mails', help: 'mails', labelNames: ['outcome'], registers: [registry] });
    const config = { ...loadConfig({}), SMTP_URL: 'smtp://127.0.0.1:1' };
    const mailer = createMailer(config, t.app.log, counter);
    await expect(mailer.send({ to: 'a@test.example', subject: 's', text: 't' })).rejects.toMatchObject({ name: 'MailDeliveryError', permanent: false });
    mailer.close();
    expect((await counter.get()).values).toEqual([{ labels: { outcome: 'failed' }, value: 1 }]);
  });
});
