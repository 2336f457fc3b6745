import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type AuthHeaders, type TestApp } from '../support/app.js';
import { file2024 } from '../support/fixtures.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
let staff: AuthHeaders;

const HEADER = 'code,name,province,population,population_date';
const small = `${[
  HEADER,
  'GM0363,Amsterdam,Noord-Holland,931298,2024-01-01',
  'GM0599,Rotterdam,Zuid-Holland,670610,2024-01-01',
  'GM0088,Schiermonnikoog,Friesland,972,2024-01-01',
].join('\n')}\n`;

function multipart(content: string, fileName: string) {
  const boundary = '----verenigd-test';
  const body = [
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${fileName}"`,
    'Content-Type: text/csv',
    '',
    content,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (query: string, content: string, extra: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/imports/population?${query}`, headers: { ...staff, 'content-type': 'text/csv', ...extra }, payload: content });

const memberCount = async () => (await t.app.inject({ url: '/api/v1/members?asOf=2024-06-01' })).json().total as number;
const auditCount = async () =>
  (
    await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

describe(`population import by API upload (${TEST_DB})`, () => {
  it('makes a dry run by default that reports and writes nothing', async () => {
    const audits = await auditCount();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/population',
      headers: { ...staff, ...multipart(small, 'klein.csv').headers },
      payload: multipart(small, 'klein.csv').payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ dryRun: true, applied: false, importId: null });
    expect(result.report.fileName).toBe('klein.csv');
    expect(result.report.added.map((a: { name: string; voteWeight: number }) => [a.name, a.voteWeight])).toEqual([
      ['Amsterdam', 75],
      ['Rotterdam', 75],
      ['Schiermonnikoog', 1],
    ]);
    expect(result.report.totals).toMatchObject({ countBefore: 0, countAfter: 3, voteWeightAfter: 151 });
    expect(await memberCount()).toBe(0);
    expect(await auditCount()).toBe(audits);
  });

  it('applies all of a file and is idempotent', async () => {
    const applied = await upload('dryRun=false', small);
    expect(applied.json()).toMatchObject({ dryRun: false, applied: true });
    expect(await memberCount()).toBe(3);
    const again = await upload('dryRun=false', small);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ applied: false, importId: null, report: { hasChanges: false, unchangedCount: 3 } });
    expect(await memberCount()).toBe(3);
    const list = await t.app.inject({ url: '/api/v1/imports', headers: staff });
    expect(list.json().total).toBe(1);
  });

  it('reports the full CBS file against the register: additions and weight changes', async () => {
    const dry = (await upload('dryRun=true', file2024())).json().report;
    expect(dry.added).toHaveLength(339);
    expect(dry.removed).toEqual([]);
    expect(dry.unchangedCount).toBe(3);
    expect(dry.totals.countAfter).toBe(342);
  });

  it('refuses a malformed file with every bad line, in Dutch when asked, and writes nothing', async () => {
    const before = await memberCount();
    const audits = await auditCount();
    const bad = [
      HEADER,
      'GM0344,Utrecht,Utrecht,374238,2024-01-01',
      "GM0518,'s-Gravenhage,Zuid-Holland,veel,2024-01-01",
      'GM0344,Utrecht,Utrecht,1,2024-01-01',
      'GM0014,Groningen,Stad en Lande,238000,2024-01-01',
    ].join('\n');
    const response = await upload('dryRun=false', bad, { 'accept-language': 'nl' });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem.detail).toBe('Het bestand is niet ingelezen: 3 fout(en). Er is niets gewijzigd.');
    expect(problem.errors.map((e: { name: string; code: string }) => [e.name, e.code])).toEqual([
      ['line 3: population', 'invalid-population'],
      ['line 4: code', 'duplicate-code'],
      ['line 5: province', 'unknown-province'],
    ]);
    expect(problem.errors[1].reason).toBe('Regel 4: code GM0344 komt al voor op regel 2.');
    expect(await memberCount()).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a file without the population_date column', async () => {
    const response = await upload('dryRun=true', 'code,name,province,population\nGM0363,Amsterdam,Noord-Holland,931298\n');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { name: 'line 1: population_date', code: 'missing-column', reason: 'Column "population_date" is missing from the header.' },
    ]);
  });

  it('only lets staff import', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/imports/population', headers: { 'content-type': 'text/csv' }, payload: small });
    expect(anonymous.statusCode).toBe(401);
    const representative = await t.signIn('chair');
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/population',
      headers: { ...representative, 'content-type': 'text/csv' },
      payload: small,
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('applies renames and removals found in a later file, keeping identities and history', async () => {
    const ids = async (asOf: string) =>
      Object.fromEntries(
        (await t.app.inject({ url: `/api/v1/members?asOf=${asOf}` }))
          .json()
          .items.map((m: { code: string; id: string; name: string }) => [m.code, `${m.id}|${m.name}`]),
      );
    const before = await ids('2024-06-01');
    const next = `${[HEADER, 'GM0363,Amsterdam (gemeente),Noord-Holland,940000,2025-01-01', 'GM0599,Rotterdam,Zuid-Holland,671000,2025-01-01'].join('\n')}\n`;
    const dry = (await upload('dryRun=true', next)).json().report;
    expect(dry.renamed).toEqual([expect.objectContaining({ code: 'GM0363', nameBefore: 'Amsterdam', nameAfter: 'Amsterdam (gemeente)' })]);
    expect(dry.removed.map((r: { name: string }) => r.name)).toEqual(['Schiermonnikoog']);
    expect((await upload('dryRun=false', next)).json().applied).toBe(true);
    const after = await ids('2025-06-01');
    expect(Object.keys(after).sort()).toEqual(['GM0363', 'GM0599']);
    expect(after.GM0363).toBe(`${before.GM0363!.split('|')[0]}|Amsterdam (gemeente)`);
    expect(await ids('2024-06-01')).toEqual(before);
    const kinds = (await t.app.inject({ url: '/api/v1/reorganisations?from=2025-01-01' }))
      .json()
      .items.map((r: { kind: string }) => r.kind)
      .sort();
    expect(kinds).toEqual(['leave', 'rename']);
  });
});
