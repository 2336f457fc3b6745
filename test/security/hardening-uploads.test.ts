import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { csp, form, hardeningWorld } from '../support/hardening.js';

/**
 * HTTP hardening (issue 11): uploaded papers that cannot act as our pages, one multipart reader for
 * every upload route, and bounded population imports.
 */

const { world: w, api, post } = hardeningWorld();

describe(`uploaded papers (${TEST_DB})`, () => {
  const hostile: [string, string, string][] = [
    ['aanval.html', 'text/html', '<html><body><script>fetch("/api/v1/session/tokens",{method:"POST"})</script></body></html>'],
    ['aanval.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'],
    ['aanval.xml', 'application/xhtml+xml', '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'],
  ];

  it('serves an HTML, SVG or XHTML paper as bytes to download, in a sandbox, never as a page of this site', async () => {
    for (const [fileName, type, content] of hostile) {
      const created = await post(
        `/agenda-items/${w.itemId}/papers`,
        w.staff,
        form([
          { name: 'title', value: fileName },
          { name: 'file', fileName, type, content },
        ]),
      );
      expect(created.statusCode, fileName).toBe(201);
      const file = await api('GET', `/papers/${created.json().id}/versions/1/file`, w.staff);
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
      `/agenda-items/${w.itemId}/papers`,
      w.staff,
      form([
        { name: 'title', value: 'Jaarrekening' },
        { name: 'file', fileName: 'jaarrekening.pdf', type: 'application/pdf', content: '%PDF-1.4 test' },
      ]),
    );
    const file = await api('GET', `/papers/${created.json().id}/versions/1/file`, w.staff);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(csp(file).has('sandbox')).toBe(true);
  });

  it('serves a consultation paper the same way', async () => {
    const consultation = await api('POST', '/consultations', w.staff, {
      title: 'Stukken',
      dossier: 'Hardening',
      owner: 'Bureau',
      opensAt: new Date(Date.now() + 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 7_200_000).toISOString(),
    });
    expect(consultation.statusCode).toBe(201);
    const id = consultation.json().id;
    const [fileName, type, content] = hostile[1]!;
    const created = await post(`/consultations/${id}/papers`, w.staff, form([{ name: 'file', fileName, type, content }]));
    expect(created.statusCode).toBe(201);
    const file = await api('GET', `/consultations/${id}/papers/${created.json().id}`, w.staff);
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
        `/agenda-items/${w.itemId}/papers`,
        w.staff,
        form([
          { name: 'title', value: 'Begroting' },
          { name: 'file', fileName: 'b.txt', type: 'text/plain', content: 'begroting' },
        ]),
      )
    ).json().id;
    consultationId = (
      await api('POST', '/consultations', w.staff, {
        title: 'Afgebroken',
        dossier: 'D',
        owner: 'O',
        opensAt: new Date(Date.now() + 3_600_000).toISOString(),
        closesAt: new Date(Date.now() + 7_200_000).toISOString(),
      })
    ).json().id;
  });

  const routes = () => [
    { url: `/agenda-items/${w.itemId}/papers`, extra: [{ name: 'title', value: 'Afgebroken' }] },
    { url: `/papers/${paperId}/versions`, extra: [] },
    { url: `/consultations/${consultationId}/papers`, extra: [{ name: 'title', value: 'Afgebroken' }] },
    { url: '/imports/population?dryRun=true', extra: [] },
  ];
  const csv = `code,name,province,population,population_date\n${'GM0344,Utrecht,Utrecht,374238,2024-01-01\n'.repeat(200)}`;

  it('answers a body cut off in the middle of the file with a 400 problem and stores nothing', async () => {
    const papersBefore = await w.t.database.db
      .selectFrom('paper_versions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (const { url, extra } of routes()) {
      const body = form([...extra, { name: 'file', fileName: 'bestand.csv', type: 'text/csv', content: csv }], { truncateAt: 600 });
      const response = await post(url, w.staff, body);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(response.json().type, url).toBe('/problems/malformed-multipart');
    }
    const papersAfter = await w.t.database.db
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
        const response = await w.t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...w.staff, ...headers }, payload });
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
      { ...w.staff, 'content-type': 'text/csv', 'accept-language': 'nl' },
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
