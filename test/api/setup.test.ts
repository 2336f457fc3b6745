import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { createPerson } from '../../src/core/auth/accounts.js';
import type { ProfileDocument } from '../../src/profile/schemas.js';
import { addProfileVersion } from '../../src/profile/store.js';
import { TEMPLATE_CODES } from '../../src/profile/templates.js';
import { vngProfile } from '../../src/profile/vng.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { file2016 } from '../support/fixtures.js';

/**
 * The first-run path of a fresh installation without the demo: the set-up state says what to do next,
 * pages that need the profile answer with that next step, a template becomes the first profile, the
 * CBS file fills the register, and then set-up is done.
 */
let t: TestApp;
let staff: AuthHeaders;
const csv = (headers: AuthHeaders) => ({ ...headers, 'content-type': 'text/csv' });
const state = async () => (await t.app.inject({ url: '/api/v1/setup' })).json();

beforeAll(async () => {
  t = await createTestApp({ profileFrom: null });
});
afterAll(() => t.close());

/** The twelve provinces as a CBS-layout file: each province's population is the sum of its municipalities. */
function provincesFile(): string {
  const codes: Record<string, string> = {
    Groningen: 'PV20',
    Friesland: 'PV21',
    Drenthe: 'PV22',
    Overijssel: 'PV23',
    Flevoland: 'PV24',
    Gelderland: 'PV25',
    Utrecht: 'PV26',
    'Noord-Holland': 'PV27',
    'Zuid-Holland': 'PV28',
    Zeeland: 'PV29',
    'Noord-Brabant': 'PV30',
    Limburg: 'PV31',
  };
  const totals = new Map<string, number>();
  for (const line of file2016().trim().split('\n').slice(1)) {
    const fields = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, ''));
    const [province, population] = [fields[2]!, Number(fields[3])];
    totals.set(province, (totals.get(province) ?? 0) + population);
  }
  const rows = [...totals].map(([province, population]) => `${codes[province]},${province},${province},${population},2016-01-01`);
  return `code,name,province,population,population_date\n${rows.join('\n')}\n`;
}

describe(`the first-run path of a fresh installation (${TEST_DB})`, () => {
  it('first asks for an administrator, then for a profile', async () => {
    expect(await state()).toMatchObject({
      done: false,
      nextStep: 'create-administrator',
      administrator: { done: false, count: 0 },
      profile: { done: false, name: null, template: null },
      members: { done: false, count: 0 },
    });
    await t.signIn('admin');
    staff = await t.signIn('staff');
    expect(await state()).toMatchObject({ nextStep: 'choose-profile', administrator: { done: true, count: 1 } });
  });

  it('answers what to do next, not a bare conflict, where the profile is needed', async () => {
    for (const request of [
      { url: '/api/v1/profile' },
      { url: '/api/v1/members' },
      { method: 'POST' as const, url: '/api/v1/imports/population?dryRun=true', headers: csv(staff), payload: file2016() },
    ]) {
      const response = await t.app.inject({ ...request, headers: { ...request.headers, 'accept-language': 'nl' } });
      expect(response.statusCode, request.url).toBe(409);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({
        type: '/problems/not-set-up',
        title: 'Vereniging nog niet ingericht',
        detail: expect.stringContaining('De vereniging is nog niet ingericht: kies eerst een profiel'),
        nextStep: 'choose-profile',
        setup: { href: '/api/v1/setup', page: '/inrichten' },
      });
    }
    const english = await t.app.inject({ url: '/api/v1/members', headers: { 'accept-language': 'en' } });
    expect(english.json().detail).toContain('choose a profile first');
  });

  it('offers the four templates, each a whole profile to review', async () => {
    const templates = (await t.app.inject({ url: '/api/v1/setup/templates' })).json();
    expect(templates.items.map((item: { code: string }) => item.code)).toEqual([...TEMPLATE_CODES]);
    const ipo = templates.items.find((item: { code: string }) => item.code === 'ipo');
    expect(ipo.document.memberClasses[0]).toMatchObject({ code: 'province', officeKinds: expect.arrayContaining(['kings-commissioner', 'deputy']) });
  });

  it('lets only staff adopt a template, and refuses an unknown one without changing anything', async () => {
    const representative = await t.app.inject({ method: 'POST', url: '/api/v1/setup/profile', payload: { template: 'vng' } });
    expect(representative.statusCode).toBe(401);
    const person = await t.signIn('chair');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/setup/profile', headers: person, payload: { template: 'vng' } })).statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup/profile',
      headers: { ...staff, 'accept-language': 'nl' },
      payload: { template: 'gemeenten' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors?.[0]?.name).toBe('template');
    expect(await t.database.db.selectFrom('profile_versions').select('id').execute()).toEqual([]);
  });

  it('adopts the VNG template as the first profile version, audited, and then asks for the members', async () => {
    const adopted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup/profile',
      headers: staff,
      payload: { template: 'vng', name: 'Vereniging van Nederlandse Gemeenten (test)' },
    });
    expect(adopted.statusCode, adopted.body).toBe(201);
    expect(adopted.json()).toMatchObject({
      reason: expect.stringContaining('sjabloon VNG'),
      document: { shortName: 'VNG', name: 'Vereniging van Nederlandse Gemeenten (test)' },
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'data', 'actor_label'])
      .where('entity_type', '=', 'profile')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['profile.version-added', 'setup.template-adopted']);
    expect(audit.find((a) => a.action === 'setup.template-adopted')).toMatchObject({ entity_id: adopted.json().id, data: { template: 'vng' } });
    expect(await state()).toMatchObject({ done: false, nextStep: 'import-members', profile: { done: true, shortName: 'VNG', template: 'vng' } });
    expect((await t.app.inject({ url: '/api/v1/members' })).statusCode).toBe(200);
  });

  it('refuses a second template: the profile then changes by a new version, like any change', async () => {
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup/profile',
      headers: { ...staff, 'accept-language': 'nl' },
      payload: { template: 'ipo' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: '/problems/already-set-up', profile: '/api/v1/profile/versions' });
    expect(again.json().detail).toContain('nieuwe versie');
    expect(await t.database.db.selectFrom('profile_versions').select('id').execute()).toHaveLength(1);
  });

  it('imports the members from the CBS file through the population import, and set-up is done', async () => {
    const applied = await t.app.inject({ method: 'POST', url: '/api/v1/imports/population?dryRun=false', headers: csv(staff), payload: file2016() });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().report.added).toHaveLength(390);
    expect(await state()).toMatchObject({ done: true, nextStep: null, members: { done: true, count: 390 } });
  });

  it("refuses an office that the member's class does not allow: a gewest is represented by its chair, not by a mayor", async () => {
    const gewest = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/population?dryRun=false&memberClass=gewest',
      headers: csv(staff),
      payload: 'code,name,province,population,population_date\nGW01,Regio Test,Utrecht,250000,2016-01-01\n',
    });
    expect(gewest.statusCode, gewest.body).toBe(200);
    const ids = Object.fromEntries(
      (await t.database.db.selectFrom('member_versions').select(['member_id', 'code']).where('code', 'in', ['GW01', 'GM0344']).execute()).map((r) => [
        r.code,
        r.member_id,
      ]),
    );
    const person = await createPerson(t.database.db, systemActor('test'), { email: 'vertegenwoordiger@test.example', name: 'Vertegenwoordiger', roles: [] });
    const office = (memberId: string, kind: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/people/${person.id}/offices`,
        headers: { ...staff, 'accept-language': 'nl' },
        payload: { memberId, kind, startDate: '2024-01-01' },
      });
    const mayor = await office(ids.GW01!, 'mayor');
    expect(mayor.statusCode).toBe(422);
    expect(mayor.json().detail).toBe(
      'Een burgemeester kan Regio Test niet vertegenwoordigen: een lid van de categorie Gewest wordt vertegenwoordigd door een voorzitter, lid dagelijks bestuur, medewerker, extern.',
    );
    expect(mayor.json().errors).toEqual([{ name: 'kind', code: 'office-kind', reason: 'Past niet bij de categorie van het lid.' }]);
    expect((await office(ids.GM0344!, 'chair')).statusCode).toBe(422);
    expect(await t.database.db.selectFrom('offices').select('id').where('person_id', '=', person.id).execute()).toEqual([]);
    expect((await office(ids.GW01!, 'chair')).statusCode).toBe(201);
    expect((await office(ids.GM0344!, 'mayor')).statusCode).toBe(201);
  });
});

describe(`adopting each other template on a fresh installation (${TEST_DB})`, () => {
  it.each(['ipo', 'uvw', 'empty'] as const)('%s becomes the first profile and the register follows its rules', async (template) => {
    const fresh = await createTestApp({ profileFrom: null });
    try {
      const admin = await fresh.signIn('admin');
      const adopted = await fresh.app.inject({
        method: 'POST',
        url: '/api/v1/setup/profile',
        headers: admin,
        payload: { template, effectiveFrom: '2016-01-01' },
      });
      expect(adopted.statusCode, adopted.body).toBe(201);
      expect(adopted.json().effectiveFrom).toBe('2016-01-01');
      const file = template === 'ipo' ? provincesFile() : 'code,name,province,population,population_date\nWS0155,Testlid,Utrecht,1200000,2016-01-01\n';
      const applied = await fresh.app.inject({ method: 'POST', url: '/api/v1/imports/population?dryRun=false', headers: csv(admin), payload: file });
      expect(applied.statusCode, applied.body).toBe(200);
      const members = (await fresh.app.inject({ url: '/api/v1/members?asOf=2016-06-01&limit=100' })).json();
      expect(members.total).toBe(template === 'ipo' ? 12 : 1);
      // One vote per member, whatever its population.
      expect(members.totalVoteWeight).toBe(members.total);
      if (template === 'ipo') expect(members.totalPopulation).toBe(16_979_120);
      expect((await fresh.app.inject({ url: '/api/v1/setup' })).json()).toMatchObject({ done: true, profile: { template } });
    } finally {
      await fresh.close();
    }
  });
});

describe(`a profile recorded before member classes named their office kinds (${TEST_DB})`, () => {
  it('stays valid and keeps the municipal offices for its classes', async () => {
    const legacy = await createTestApp({ profileFrom: null });
    try {
      const document = structuredClone(vngProfile) as ProfileDocument;
      for (const memberClass of document.memberClasses) delete memberClass.officeKinds;
      await addProfileVersion(legacy.database.db, systemActor('test'), { effectiveFrom: '2015-01-01', reason: 'voor issue 16', document }, '2015-01-01');
      const profile = (await legacy.app.inject({ url: '/api/v1/profile' })).json();
      expect(profile.document.memberClasses.map((c: { officeKinds?: string[] }) => c.officeKinds)).toEqual([undefined, undefined]);
      const members = await withFiveMembers(legacy);
      const admin = await legacy.signIn('admin');
      const person = await createPerson(legacy.database.db, systemActor('test'), { email: 'oud@test.example', name: 'Oud Profiel', roles: [] });
      const office = (kind: string) =>
        legacy.app.inject({
          method: 'POST',
          url: `/api/v1/people/${person.id}/offices`,
          headers: admin,
          payload: { memberId: members.Utrecht, kind, startDate: '2024-01-01' },
        });
      expect((await office('municipal-secretary')).statusCode).toBe(201);
      expect((await office('dike-reeve')).statusCode).toBe(422);
    } finally {
      await legacy.close();
    }
  });
});
