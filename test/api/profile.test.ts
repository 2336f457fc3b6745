import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/core/dates.js';
import { vngProfile } from '../../src/profile/vng.js';
import { createTestApp, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';

let t: TestApp;
let staff: AuthHeaders;
const tomorrow = addDays(today(), 1);

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.signIn('staff');
  const file =
    'code,name,province,population,population_date\nGM0088,Schiermonnikoog,Friesland,972,2024-01-01\nGM0344,Utrecht,Utrecht,374238,2024-01-01\nGM0197,Aalten,Gelderland,27308,2024-01-01\n';
  await t.app.inject({ method: 'POST', url: '/api/v1/imports/population?dryRun=false', headers: { ...staff, 'content-type': 'text/csv' }, payload: file });
});
afterAll(() => t.close());

const weights = async (asOf: string) =>
  Object.fromEntries(
    (await t.app.inject({ url: `/api/v1/members?asOf=${asOf}` })).json().items.map((m: { name: string; voteWeight: number }) => [m.name, m.voteWeight]),
  );

const withMunicipalityRule = (rule: Partial<(typeof vngProfile.memberClasses)[number]['voteWeight']>) => {
  const document = structuredClone(vngProfile);
  document.memberClasses[0]!.voteWeight = { ...document.memberClasses[0]!.voteWeight, ...rule };
  return document;
};

describe(`the association profile (${TEST_DB})`, () => {
  it('shows the VNG rules, each with its source', async () => {
    const profile = (await t.app.inject({ url: '/api/v1/profile' })).json();
    expect(profile.document.shortName).toBe('VNG');
    const municipality = profile.document.memberClasses.find((c: { code: string }) => c.code === 'municipality');
    expect(municipality.voteWeight).toMatchObject({ divisor: 1000, cap: 75, minimum: 1, rounding: 'down' });
    expect(municipality.voteWeight.source).toContain('Statuten VNG');
    expect(profile.document.majority).toMatchObject({ default: 'simple', statuteChange: 'twoThirds' });
  });

  it('changes a rule from an effective date without changing the weights of past dates', async () => {
    const before = await weights(today());
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/versions',
      headers: staff,
      payload: {
        effectiveFrom: tomorrow,
        reason: 'ALV-besluit: 1 stem per 100 inwoners, ten hoogste 750',
        document: withMunicipalityRule({ divisor: 100, cap: 750, source: 'Statutenwijziging (test)' }),
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(await weights(today())).toEqual(before);
    expect(await weights(tomorrow)).toEqual({ Aalten: 273, Schiermonnikoog: 9, Utrecht: 750 });
    expect(before).toEqual({ Aalten: 27, Schiermonnikoog: 1, Utrecht: 75 });

    const versions = (await t.app.inject({ url: '/api/v1/profile/versions' })).json();
    expect(versions.items.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual(['2015-01-01', tomorrow]);
    const audit = (await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'profile.version-added').execute()).filter(
      (a) => (a.data as { effectiveFrom?: string }).effectiveFrom === tomorrow,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toContain('staff');
    expect(audit[0]!.data).toMatchObject({ effectiveFrom: tomorrow, changes: expect.arrayContaining(['memberClasses.0.voteWeight.divisor: 1000 -> 100']) });
  });

  it('refuses a retroactive change and an unusable profile, and changes nothing', async () => {
    const past = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/versions',
      headers: { ...staff, 'accept-language': 'nl' },
      payload: { effectiveFrom: '2020-01-01', reason: 'terugwerkende kracht', document: withMunicipalityRule({ divisor: 10 }) },
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().detail).toContain('terugwerkende kracht');
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/versions',
      headers: staff,
      payload: { effectiveFrom: addDays(today(), 30), reason: 'kapot', document: withMunicipalityRule({ cap: 1, minimum: 5 }) },
    });
    expect(broken.statusCode).toBe(422);
    const invalid = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/versions',
      headers: staff,
      payload: { effectiveFrom: addDays(today(), 30), reason: 'leeg', document: { name: 'x' } },
    });
    expect(invalid.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/profile/versions' })).json().total).toBe(2);
  });

  it('lets only staff change the profile', async () => {
    const chair = await t.signIn('chair');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/versions',
      headers: chair,
      payload: { effectiveFrom: addDays(today(), 40), reason: 'voorzitter', document: vngProfile },
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a change made from an outdated version, so no edit is silently overwritten', async () => {
    const versions = (await t.app.inject({ url: '/api/v1/profile/versions' })).json().items as { id: string }[];
    const outdated = versions[0]!.id;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/versions',
      headers: staff,
      payload: { effectiveFrom: addDays(today(), 50), reason: 'van oude versie', document: vngProfile, basedOn: outdated },
    });
    expect(response.statusCode).toBe(409);
    const current = await t.app.inject({
      method: 'POST',
      url: '/api/v1/profile/versions',
      headers: staff,
      payload: { effectiveFrom: addDays(today(), 50), reason: 'van de laatste versie', document: vngProfile, basedOn: versions.at(-1)!.id },
    });
    expect(current.statusCode).toBe(201);
  });
});
