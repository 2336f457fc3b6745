import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { buildApp, type App } from '../../src/app.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type SignedIn, type TestApp } from '../support/app.js';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../support/database.js';
import { listenOnFreePort, openSse, openTrialPoll, type SseStream } from '../support/live.js';

/**
 * HTTP hardening (issue 11): security headers on every answer, server timeouts, caps on live
 * streams, uploaded papers that cannot act as our pages, one multipart reader for every upload
 * route, bounded population imports, and user text that never becomes markup in the minutes.
 */

type Members = Awaited<ReturnType<typeof withFiveMembers>>;
let t: TestApp;
let m: Members;
let staff: AuthHeaders;
let meetingId: string;
let itemId: string;

beforeAll(async () => {
  t = await createTestApp();
  m = await withFiveMembers(t);
  staff = (await t.signInPerson({ roles: ['staff'], name: 'Medewerker Hardening' })).headers;
  meetingId = randomUUID();
  itemId = randomUUID();
  await t.database.db
    .insertInto('meetings')
    .values({ id: meetingId, kind: 'alv', title: 'ALV juni 2025', date: '2025-06-12', start_time: '10:00', location: 'Utrecht' })
    .execute();
  await t.database.db
    .insertInto('agenda_items')
    .values({ id: itemId, meeting_id: meetingId, position: 0, title: 'Jaarrekening 2024', purpose: 'decision' })
    .execute();
});
afterAll(() => t.close());

const api = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object | string | Buffer) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload }) });

/** The CSP's directives by name. */
function csp(response: { headers: Record<string, unknown> }): Map<string, string> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.slice(d.split(/\s+/)[0]!.length).trim()]),
  );
}

function expectAppHeaders(response: LightMyRequestResponse, what: string) {
  const policy = csp(response);
  expect(policy.get('script-src'), what).toBe("'self'");
  expect(policy.get('default-src'), what).toBe("'self'");
  expect(policy.get('frame-ancestors'), what).toBe("'none'");
  expect(policy.get('object-src'), what).toBe("'none'");
  expect(String(response.headers['content-security-policy']), what).not.toContain('unsafe-inline');
  expect(response.headers['x-content-type-options'], what).toBe('nosniff');
  expect(response.headers['x-frame-options'], what).toBe('DENY');
  expect(response.headers['referrer-policy'], what).toBe('same-origin');
  // Plain HTTP (COOKIE_SECURE unset): no HSTS and no upgrade of every request to https.
  expect(response.headers['strict-transport-security'], what).toBeUndefined();
  expect(policy.has('upgrade-insecure-requests'), what).toBe(false);
}

type Part = { name: string; value: string } | { name: string; fileName: string; type: string; content: Buffer | string };

function form(parts: Part[], options: { truncateAt?: number } = {}) {
  const boundary = `----verenigd-${randomUUID()}`;
  const chunks = parts.flatMap((p) =>
    'value' in p
      ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`)]
      : [
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: ${p.type}\r\n\r\n`),
          Buffer.from(p.content),
          Buffer.from('\r\n'),
        ],
  );
  let payload = Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
  if (options.truncateAt !== undefined) payload = payload.subarray(0, options.truncateAt);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const post = (url: string, headers: Record<string, string>, body: { payload: Buffer; headers: Record<string, string> }) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...headers, ...body.headers }, payload: body.payload });

describe(`security headers on every answer (${TEST_DB})`, () => {
  let web: { app: App; database: TestDatabase; root: string };

  beforeAll(async () => {
    // A built web app of one page, served as the real server serves dist/web.
    const root = mkdtempSync(join(tmpdir(), 'verenigd-web-'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(join(root, 'app.js'), 'export {};');
    const database = await createTestDatabase();
    const app = await buildApp({ config: { ...loadConfig({}), LOG_LEVEL: 'silent' }, database, webRoot: root });
    await app.ready();
    web = { app, database, root };
  });
  afterAll(async () => {
    await web.app.close();
    await web.database.close();
    rmSync(web.root, { recursive: true, force: true });
  });

  it('sends a strict CSP, nosniff, no framing and a referrer policy on a page, an API answer, a 404, a problem and framework errors', async () => {
    const page = await web.app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expectAppHeaders(page, 'page');
    const clientRoute = await web.app.inject({ url: '/vergaderingen/123' });
    expect(clientRoute.statusCode).toBe(200);
    expectAppHeaders(clientRoute, 'client route');

    const answer = await api('GET', '/members');
    expect(answer.statusCode).toBe(200);
    expectAppHeaders(answer, 'API answer');

    const notFound = await api('GET', '/nothing-here');
    expect(notFound.statusCode).toBe(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectAppHeaders(notFound, '404');

    const problem = await api('POST', '/imports/population', { 'content-type': 'text/csv' }, 'code\n');
    expect(problem.statusCode).toBe(401);
    expectAppHeaders(problem, 'problem');

    const badJson = await api('POST', '/session', { 'content-type': 'application/json' }, '{"email":');
    expect(badJson.statusCode).toBe(400);
    expectAppHeaders(badJson, 'invalid JSON');

    // The router's own refusal, before any route runs.
    const badUrl = await t.app.inject({ url: '/api/v1/members/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectAppHeaders(badUrl, 'bad URL');

    const health = await t.app.inject({ url: '/health' });
    expectAppHeaders(health, 'health');
  });

  it('gives Swagger UI its own policy: scripts still only from us, no framing', async () => {
    const docs = await t.app.inject({ url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui-bundle.js');
    // Its page has no inline script, so 'self' is enough for scripts.
    expect(docs.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const policy = csp(docs);
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    const script = await t.app.inject({ url: '/api/docs/static/swagger-initializer.js' });
    expect(script.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/docs/json' })).statusCode).toBe(200);
  });

  it('sends HSTS and upgrades requests only when served over HTTPS (COOKIE_SECURE)', async () => {
    const secure = await createTestApp({ config: { COOKIE_SECURE: true } });
    try {
      for (const url of ['/health', '/api/v1/members', '/api/v1/nothing-here']) {
        const response = await secure.app.inject({ url });
        expect(response.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
        expect(csp(response).has('upgrade-insecure-requests'), url).toBe(true);
      }
    } finally {
      await secure.close();
    }
    expect((await t.app.inject({ url: '/health' })).headers['strict-transport-security']).toBeUndefined();
  });
});

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
});

describe(`uploaded papers (${TEST_DB})`, () => {
  const hostile: [string, string, string][] = [
    ['aanval.html', 'text/html', '<html><body><script>fetch("/api/v1/session/tokens",{method:"POST"})</script></body></html>'],
    ['aanval.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'],
    ['aanval.xml', 'application/xhtml+xml', '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'],
  ];

  it('serves an HTML, SVG or XHTML paper as bytes to download, in a sandbox, never as a page of this site', async () => {
    for (const [fileName, type, content] of hostile) {
      const created = await post(
        `/agenda-items/${itemId}/papers`,
        staff,
        form([
          { name: 'title', value: fileName },
          { name: 'file', fileName, type, content },
        ]),
      );
      expect(created.statusCode, fileName).toBe(201);
      const file = await api('GET', `/papers/${created.json().id}/versions/1/file`, staff);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type'], fileName).toBe('application/octet-stream');
      expect(file.headers['content-disposition'], fileName).toMatch(/^attachment; filename="aanval\./);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(csp(file).has('sandbox'), fileName).toBe(true);
      expect(csp(file).get('default-src')).toBe("'none'");
      expect(file.body).toBe(content);
    }
  });

  it('keeps the type of a PDF or image, still as an attachment in a sandbox', async () => {
    const created = await post(
      `/agenda-items/${itemId}/papers`,
      staff,
      form([
        { name: 'title', value: 'Jaarrekening' },
        { name: 'file', fileName: 'jaarrekening.pdf', type: 'application/pdf', content: '%PDF-1.4 test' },
      ]),
    );
    const file = await api('GET', `/papers/${created.json().id}/versions/1/file`, staff);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(csp(file).has('sandbox')).toBe(true);
  });

  it('serves a consultation paper the same way', async () => {
    const consultation = await api('POST', '/consultations', staff, {
      title: 'Stukken',
      dossier: 'Hardening',
      owner: 'Bureau',
      opensAt: new Date(Date.now() + 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 7_200_000).toISOString(),
    });
    expect(consultation.statusCode).toBe(201);
    const id = consultation.json().id;
    const [fileName, type, content] = hostile[1]!;
    const created = await post(`/consultations/${id}/papers`, staff, form([{ name: 'file', fileName, type, content }]));
    expect(created.statusCode).toBe(201);
    const file = await api('GET', `/consultations/${id}/papers/${created.json().id}`, staff);
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(csp(file).has('sandbox')).toBe(true);
  });
});

describe(`truncated or malformed multipart on every upload route (${TEST_DB})`, () => {
  let paperId: string;
  let consultationId: string;

  beforeAll(async () => {
    paperId = (
      await post(
        `/agenda-items/${itemId}/papers`,
        staff,
        form([
          { name: 'title', value: 'Begroting' },
          { name: 'file', fileName: 'b.txt', type: 'text/plain', content: 'begroting' },
        ]),
      )
    ).json().id;
    consultationId = (
      await api('POST', '/consultations', staff, {
        title: 'Afgebroken',
        dossier: 'D',
        owner: 'O',
        opensAt: new Date(Date.now() + 3_600_000).toISOString(),
        closesAt: new Date(Date.now() + 7_200_000).toISOString(),
      })
    ).json().id;
  });

  const routes = () => [
    { url: `/agenda-items/${itemId}/papers`, extra: [{ name: 'title', value: 'Afgebroken' }] },
    { url: `/papers/${paperId}/versions`, extra: [] },
    { url: `/consultations/${consultationId}/papers`, extra: [{ name: 'title', value: 'Afgebroken' }] },
    { url: '/imports/population?dryRun=true', extra: [] },
  ];
  const csv = `code,name,province,population,population_date\n${'GM0344,Utrecht,Utrecht,374238,2024-01-01\n'.repeat(200)}`;

  it('answers a body cut off in the middle of the file with a 400 problem and stores nothing', async () => {
    const papersBefore = await t.database.db
      .selectFrom('paper_versions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (const { url, extra } of routes()) {
      const body = form([...extra, { name: 'file', fileName: 'bestand.csv', type: 'text/csv', content: csv }], { truncateAt: 600 });
      const response = await post(url, staff, body);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(response.json().type, url).toBe('/problems/malformed-multipart');
    }
    const papersAfter = await t.database.db
      .selectFrom('paper_versions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(papersAfter.n)).toBe(Number(papersBefore.n));
  });

  it('answers a form without its closing boundary or with broken part headers with a 400 problem', async () => {
    for (const { url } of routes()) {
      const boundary = 'grens';
      const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
      const unterminated = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\ninhoud`;
      const broken = `--${boundary}\r\nContent-Disposition form-data name=file\r\n`;
      for (const payload of [unterminated, broken]) {
        const response = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...staff, ...headers }, payload });
        expect(response.statusCode, `${url}: ${JSON.stringify(payload)}`).toBe(400);
        expect(response.json().type).toBe('/problems/malformed-multipart');
      }
    }
  });
});

describe(`bounded population imports (${TEST_DB})`, () => {
  const HEADER = 'code,name,province,population,population_date';

  it('refuses a file of 20,000 bad lines with the first 100 errors and a count of the rest, and changes nothing', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `GM${String(i).padStart(5, '0')},Nergensdorp,Atlantis,veel,gisteren`);
    const response = await api(
      'POST',
      '/imports/population?dryRun=false',
      { ...staff, 'content-type': 'text/csv', 'accept-language': 'nl' },
      [HEADER, ...lines].join('\n'),
    );
    expect(response.statusCode).toBe(422);
    const problem = response.json();
    expect(problem.errors).toHaveLength(101);
    expect(problem.errors[0]).toMatchObject({ name: 'line 2: province', code: 'unknown-province' });
    expect(problem.errors[100]).toEqual({ name: 'file', code: 'more-errors', reason: 'En nog 59900 fout(en).' });
    expect(problem.detail).toBe('Het bestand is niet ingelezen: 60000 fout(en); de eerste 100 staan hieronder, en nog 59900 meer. Er is niets gewijzigd.');
    // An answer a person can read, not megabytes of errors.
    expect(response.body.length).toBeLessThan(30_000);
  });

  it('refuses a file above IMPORT_MAX_KILOBYTES with 413, as a body or as a multipart upload', async () => {
    const small = await createTestApp({ config: { IMPORT_MAX_KILOBYTES: 64 } });
    try {
      const smallStaff = await small.signIn('staff');
      const huge = `${HEADER}\n${'GM0344,Utrecht,Utrecht,374238,2024-01-01\n'.repeat(3000)}`;
      const asBody = await small.app.inject({
        method: 'POST',
        url: '/api/v1/imports/population',
        headers: { ...smallStaff, 'content-type': 'text/csv', 'accept-language': 'en' },
        payload: huge,
      });
      expect(asBody.statusCode).toBe(413);
      expect(asBody.json()).toMatchObject({ type: '/problems/file-too-large', detail: 'The file may be at most 64 KB.' });
      const body = form([{ name: 'file', fileName: 'groot.csv', type: 'text/csv', content: huge }]);
      const asForm = await small.app.inject({
        method: 'POST',
        url: '/api/v1/imports/population',
        headers: { ...smallStaff, ...body.headers },
        payload: body.payload,
      });
      expect(asForm.statusCode).toBe(413);
      expect(asForm.json().type).toBe('/problems/file-too-large');
      // A file within the limit is read as before.
      const fits = await small.app.inject({
        method: 'POST',
        url: '/api/v1/imports/population',
        headers: { ...smallStaff, 'content-type': 'text/csv' },
        payload: `${HEADER}\nGM0344,Utrecht,Utrecht,374238,2024-01-01\n`,
      });
      expect(fits.statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe(`user text in the minutes stays text (${TEST_DB})`, () => {
  it('shows a motion, item and name written in markdown or HTML literally in the drafted minutes and their PDF', async () => {
    const meeting = randomUUID();
    const item = randomUUID();
    const itemTitle = '# Kop <img src=x onerror=alert(1)>';
    const motionTitle = '**Vet** [Klik hier](https://evil.example) <script>alert(1)</script>';
    const submitter = '_de P10_ & www.evil.example';
    await t.database.db
      .insertInto('meetings')
      .values({ id: meeting, kind: 'alv', title: 'ALV [december](https://evil.example)', date: '2025-12-12', start_time: '10:00', location: 'Utrecht' })
      .execute();
    await t.database.db.insertInto('agenda_items').values({ id: item, meeting_id: meeting, position: 0, title: itemTitle, purpose: 'decision' }).execute();
    const motion = await api('POST', '/motions', staff, {
      meetingId: meeting,
      agendaItemId: item,
      title: motionTitle,
      memberIds: [m.Utrecht],
      onBehalfOf: submitter,
      request: 'Verzoekt het bestuur iets.',
    });
    expect(motion.statusCode).toBe(201);
    expect((await api('POST', `/meetings/${meeting}/minutes/generate`, staff)).statusCode).toBe(201);
    const minutes = (await api('GET', `/meetings/${meeting}/minutes`, staff)).json();
    const html: string = minutes.current.html;
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('<strong>Vet</strong>');
    expect(html).not.toContain('<em>');
    expect(html).not.toMatch(/<(img|script)/);
    expect(html).toContain('<h1>Notulen ALV [december](https://evil.example) (ALV)</h1>');
    expect(html).toContain('<h2>1. # Kop &lt;img src=x onerror=alert(1)&gt;</h2>');
    expect(html).toContain(
      'Motie &quot;**Vet** [Klik hier](https://evil.example) &lt;script&gt;alert(1)&lt;/script&gt;&quot; (ingediend door _de P10_ &amp; www.evil.example)',
    );

    const pdf = await api('GET', `/meetings/${meeting}/minutes.pdf`, staff);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });
});
