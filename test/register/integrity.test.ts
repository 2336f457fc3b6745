import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
let staff: AuthHeaders;
const HEADER = 'code,name,province,population,population_date';
const file =
  [HEADER, 'GM0001,Aadorp,Overijssel,12000,2016-01-01', 'GM0002,Beekveld,Gelderland,30000,2016-01-01', 'GM0003,Ceesdal,Zeeland,5000,2016-01-01'].join('\n') +
  '\n';

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: staff, payload });
const members = async (asOf: string) => (await t.app.inject({ url: `/api/v1/members?asOf=${asOf}` })).json();
const idOf = async (code: string) => (await members('2016-06-01')).items.find((m: { code: string }) => m.code === code).id as string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.signIn('staff');
  await t.app.inject({ method: 'POST', url: '/api/v1/imports/population?dryRun=false', headers: { ...staff, 'content-type': 'text/csv' }, payload: file });
});
afterAll(() => t.close());

describe(`the register stays whole under concurrent and odd requests (${TEST_DB})`, () => {
  it('keeps one version chain when two renames of one member arrive at once', async () => {
    const id = await idOf('GM0001');
    const responses = await Promise.all([
      post('/api/v1/reorganisations', { kind: 'rename', effectiveDate: '2018-01-01', memberId: id, name: 'Aadorp-Oost' }),
      post('/api/v1/reorganisations', { kind: 'rename', effectiveDate: '2019-01-01', memberId: id, name: 'Aadorp-West' }),
    ]);
    // Both apply one after the other, or the second finds the chain changed under it: never a server error.
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(responses.map((r) => r.statusCode).sort());
    const detail = (await t.app.inject({ url: `/api/v1/members/${id}` })).json();
    const versions = detail.versions as { validFrom: string; validTo: string | null }[];
    expect(versions.filter((v) => v.validTo === null)).toHaveLength(1);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!.validFrom).toBe(versions[i - 1]!.validTo);
    for (const asOf of ['2018-06-01', '2019-06-01']) {
      expect((await members(asOf)).items.filter((m: { id: string }) => m.id === id)).toHaveLength(1);
    }
  });

  it('applies a file once when the same apply arrives twice at once', async () => {
    const next =
      file.replaceAll('2016-01-01', '2017-01-01').replace('GM0003,Ceesdal,Zeeland,5000', 'GM0003,Ceesdal,Zeeland,5100') +
      'GM0004,Dorpstad,Drenthe,8000,2017-01-01\n';
    const upload = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/imports/population?dryRun=false', headers: { ...staff, 'content-type': 'text/csv' }, payload: next });
    const responses = await Promise.all([upload(), upload()]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    const results = responses.map((r) => r.json());
    expect(results.map((r) => r.applied).sort()).toEqual([false, true]);
    expect((await members('2017-06-01')).items.filter((m: { code: string }) => m.code === 'GM0004')).toHaveLength(1);
  });

  it('refuses a network change that would overlap a later one', async () => {
    await post('/api/v1/networks', { code: 'PMG', name: 'Platform Middelgrote Gemeenten' });
    const id = await idOf('GM0002');
    const put = (networks: string[], effectiveDate: string) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/members/${id}/networks`, headers: staff, payload: { networks, effectiveDate } });
    expect((await put(['PMG'], '2016-01-01')).statusCode).toBe(204);
    expect((await put([], '2020-01-01')).statusCode).toBe(204);
    expect((await put(['PMG'], '2018-01-01')).statusCode).toBe(409);
    expect((await members('2019-01-01')).items.find((m: { id: string }) => m.id === id).networks).toEqual(['PMG']);
    const count = (await t.app.inject({ url: '/api/v1/networks?asOf=2019-01-01' })).json().items.find((n: { code: string }) => n.code === 'PMG').memberCount;
    expect(count).toBe(1);
  });

  it('corrects, not crashes, when a merger brings a figure for a date the continuing member already has', async () => {
    const response = await post('/api/v1/reorganisations', {
      kind: 'merge',
      effectiveDate: '2021-01-01',
      from: [await idOf('GM0003')],
      into: { memberId: await idOf('GM0002') },
      population: { population: 35_100, referenceDate: '2017-01-01', source: 'CBS na samenvoeging' },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect((await members('2021-06-01')).items.find((m: { code: string }) => m.code === 'GM0002').population).toBe(35_100);
  });

  it('answers impossible dates and unsafe links with 400, not 500', async () => {
    expect((await t.app.inject({ url: '/api/v1/members?asOf=0000-01-01' })).statusCode).toBe(400);
    const id = await idOf('GM0002');
    const population = await post(`/api/v1/members/${id}/populations`, { population: 1, referenceDate: '0000-01-01', source: 'x' });
    expect(population.statusCode).toBe(400);
    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/population',
      headers: { ...staff, 'content-type': 'text/csv' },
      payload: `${HEADER}\nGM0001,Aadorp,Overijssel,12000,0000-01-01\n`,
    });
    expect(dry.statusCode).toBe(422);
    expect(dry.json().errors[0]).toMatchObject({ name: 'line 2: population_date', code: 'invalid-date' });
    const link = await t.app.inject({ method: 'PATCH', url: `/api/v1/members/${id}`, headers: staff, payload: { website: 'javascript:alert(1)' } });
    expect(link.statusCode).toBe(400);
    const good = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${id}`,
      headers: staff,
      payload: { website: 'https://www.beekveld.nl', email: 'info@beekveld.nl' },
    });
    expect(good.statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/v1/members/${id}` })).json().contact.email).toBeNull();
    expect((await t.app.inject({ url: `/api/v1/members/${id}`, headers: { cookie: staff.cookie } })).json().contact.email).toBe('info@beekveld.nl');
  });
});
