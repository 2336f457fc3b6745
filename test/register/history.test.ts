import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type AuthHeaders, type TestApp } from '../support/app.js';
import { file2016, fixture2015 } from '../support/fixtures.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
let staff: AuthHeaders;

const csv = () => ({ ...staff, 'content-type': 'text/csv' });
const members = async (asOf: string, query = '') => (await t.app.inject({ url: `/api/v1/members?asOf=${asOf}${query}` })).json();
const idOf = async (code: string, asOf: string) => (await members(asOf)).items.find((m: { code: string }) => m.code === code).id as string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.signIn('staff');
  const first = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports/population?dryRun=false&fileName=gemeenten-2015.csv',
    headers: csv(),
    payload: fixture2015(),
  });
  expect(first.statusCode).toBe(200);
});
afterAll(() => t.close());

describe(`the 2016 reorganisations: 393 members became 390 (${TEST_DB})`, () => {
  it('records two mergers and a rename effective 1 January 2016', async () => {
    const day = '2015-12-31';
    const gooiseMeren = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reorganisations',
      headers: staff,
      payload: {
        kind: 'merge',
        effectiveDate: '2016-01-01',
        from: [await idOf('GM0381', day), await idOf('GM0424', day), await idOf('GM0425', day)],
        into: { new: { code: 'GM1942', name: 'Gooise Meren', province: 'Noord-Holland' } },
        note: 'Bussum, Muiden en Naarden worden Gooise Meren',
      },
    });
    expect(gooiseMeren.statusCode, gooiseMeren.body).toBe(201);
    expect(gooiseMeren.json().parts.map((p: { role: string; name: string }) => `${p.role}:${p.name}`)).toEqual([
      'predecessor:Bussum',
      'predecessor:Muiden',
      'predecessor:Naarden',
      'successor:Gooise Meren',
    ]);

    const edam = await idOf('GM0385', day);
    const zeevang = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reorganisations',
      headers: staff,
      payload: { kind: 'merge', effectiveDate: '2016-01-01', from: [await idOf('GM0478', day)], into: { memberId: edam } },
    });
    expect(zeevang.statusCode, zeevang.body).toBe(201);

    const rename = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reorganisations',
      headers: staff,
      payload: { kind: 'rename', effectiveDate: '2016-01-01', memberId: await idOf('GM0241', day), name: 'Berg en Dal', code: 'GM1945' },
    });
    expect(rename.statusCode, rename.body).toBe(201);
  });

  it('then finds in the 2016 CBS file only population changes', async () => {
    const dry = await t.app.inject({ method: 'POST', url: '/api/v1/imports/population?dryRun=true', headers: csv(), payload: file2016() });
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json().report;
    expect([report.added, report.removed, report.renamed, report.blocking]).toEqual([[], [], [], []]);
    expect(report.totals.countBefore).toBe(390);
    expect(report.populationChanges).toHaveLength(390);
    const applied = await t.app.inject({ method: 'POST', url: '/api/v1/imports/population?dryRun=false', headers: csv(), payload: file2016() });
    expect(applied.json()).toMatchObject({ applied: true, dryRun: false });
  });

  it('answers for any date which members existed, under which names, with which populations and weights', async () => {
    const before = await members('2015-12-31');
    const after = await members('2016-01-01');
    expect(before.total).toBe(393);
    expect(after.total).toBe(390);

    const byName = (list: { items: { name: string }[] }, name: string) =>
      list.items.find((m) => m.name === name) as { id: string; population: number; voteWeight: number; code: string } | undefined;
    const groesbeek = byName(before, 'Groesbeek')!;
    const bergEnDal = byName(after, 'Berg en Dal')!;
    expect(bergEnDal.id).toBe(groesbeek.id); // a rename keeps the identity
    expect([groesbeek.code, groesbeek.population, groesbeek.voteWeight]).toEqual(['GM0241', 18_800, 18]);
    expect([bergEnDal.code, bergEnDal.population, bergEnDal.voteWeight]).toEqual(['GM1945', 34_574, 34]);
    expect(byName(after, 'Groesbeek')).toBeUndefined();
    expect(byName(after, 'Bussum')).toBeUndefined();
    expect(byName(before, 'Gooise Meren')).toBeUndefined();
    expect([byName(before, 'Edam-Volendam')!.voteWeight, byName(after, 'Edam-Volendam')!.voteWeight]).toEqual([29, 35]);
    expect(byName(after, 'Gooise Meren')!.population).toBe(56_696);

    // The totals are the sums of the members' own weights on each date.
    for (const list of [before, after]) {
      expect(list.totalVoteWeight).toBe(list.items.reduce((sum: number, m: { voteWeight: number }) => sum + m.voteWeight, 0));
    }
  });

  it('shows a member its name history and reorganisations', async () => {
    const id = await idOf('GM1945', '2016-06-01');
    const detail = (await t.app.inject({ url: `/api/v1/members/${id}?asOf=2016-06-01` })).json();
    expect(detail.versions.map((v: { name: string; validFrom: string; validTo: string | null }) => [v.name, v.validFrom, v.validTo])).toEqual([
      ['Groesbeek', '2015-01-01', '2016-01-01'],
      ['Berg en Dal', '2016-01-01', null],
    ]);
    expect(detail.populations.map((p: { referenceDate: string; voteWeight: number }) => [p.referenceDate, p.voteWeight])).toEqual([
      ['2015-01-01', 18],
      ['2016-01-01', 34],
    ]);
    expect(detail.reorganisations.map((r: { kind: string; parts: { name: string }[] }) => [r.kind, r.parts.map((p) => p.name)])).toEqual([
      ['rename', ['Groesbeek', 'Berg en Dal']],
    ]);

    const asOfPast = (await t.app.inject({ url: `/api/v1/members/${id}?asOf=2015-06-01` })).json();
    expect([asOfPast.name, asOfPast.voteWeight, asOfPast.existsOnAsOf]).toEqual(['Groesbeek', 18, true]);
    const ended = await idOf('GM0381', '2015-06-01');
    const bussum = (await t.app.inject({ url: `/api/v1/members/${ended}?asOf=2020-01-01` })).json();
    expect([bussum.name, bussum.existsOnAsOf]).toEqual(['Bussum', false]);
  });

  it('refuses a reorganisation that would rewrite later history or name an absent member', async () => {
    const bussum = await idOf('GM0381', '2015-06-01');
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reorganisations',
      headers: { ...staff, 'accept-language': 'nl' },
      payload: { kind: 'leave', effectiveDate: '2017-01-01', memberId: bussum },
    });
    expect(late.statusCode).toBe(422);
    expect(late.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(late.json().detail).toContain('bestaat niet op 2017-01-01');

    const amsterdam = await idOf('GM0363', '2016-06-01');
    const rewrite = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reorganisations',
      headers: staff,
      payload: { kind: 'rename', effectiveDate: '2015-06-01', memberId: await idOf('GM1945', '2016-06-01'), name: 'Ander' },
    });
    expect(rewrite.statusCode).toBe(409);
    const count = (await members('2016-06-01')).total;
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reorganisations',
      headers: staff,
      payload: { kind: 'rename', effectiveDate: '2017-01-01', memberId: amsterdam, code: 'GM1945' },
    });
    expect(taken.statusCode).toBe(409);
    expect((await members('2017-06-01')).items.find((m: { id: string }) => m.id === amsterdam).code).toBe('GM0363');
    expect((await members('2016-06-01')).total).toBe(count);
  });
});
