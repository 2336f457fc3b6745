import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/audit.js';
import { importPopulation } from '../../src/imports/store.js';
import { createTestApp, withFiveMembers, type AuthHeaders, type TestApp } from '../support/app.js';
import { TEST_DB } from '../support/database.js';
import { file2016 } from '../support/fixtures.js';
import { IMPORT_HEADER_NL, postPeopleImport, registerCodes, representativesCsv } from '../support/people-import.js';

let t: TestApp;
let staff: AuthHeaders;

const csv = (...rows: string[]) => `${[IMPORT_HEADER_NL, ...rows].join('\n')}\n`;
const FIRST = csv(
  'Anna de Vries,a.devries@example.nl,GM0344,burgemeester,,nee,,2024-01-01,,ja',
  'Bram Jansen,b.jansen@example.nl,GM0344,wethouder,Stadsbelang,ja,financiën,2024-01-01,2026-05-31,nee',
);

const count = async (table: 'people' | 'offices' | 'designations' | 'audit_log') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const counts = async () => [await count('people'), await count('offices'), await count('designations'), await count('audit_log')];

beforeAll(async () => {
  t = await createTestApp();
  await withFiveMembers(t);
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

describe(`people import: dry run, apply, idempotence (${TEST_DB})`, () => {
  it('dry-runs a file without writing and reports each row as new', async () => {
    const before = await counts();
    const response = await postPeopleImport(t, staff, FIRST);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ dryRun: true, applied: false, importId: null, counts: { total: 2, new: 2, refused: 0 } });
    expect(result.rows[0]).toMatchObject({ line: 2, outcome: 'new', memberName: 'Utrecht', kind: 'mayor', creates: ['person', 'office', 'designation'] });
    // The importing account records the person: the designation waits for a second pair of eyes.
    expect(result.rows[0].designationPending).toBe(true);
    expect(result.rows[1]).toMatchObject({ outcome: 'new', kind: 'alderman', creates: ['person', 'office'] });
    expect(await counts()).toEqual(before);
  });

  it('applies all rows in one go, audited, and a second apply changes nothing', async () => {
    const response = await postPeopleImport(t, staff, FIRST, true);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ dryRun: false, applied: true, counts: { new: 2 } });
    const anna = await t.database.db.selectFrom('people').selectAll().where('email', '=', 'a.devries@example.nl').executeTakeFirstOrThrow();
    const offices = await t.database.db.selectFrom('offices').selectAll().where('person_id', '=', anna.id).execute();
    expect(offices.map((o) => [o.kind, o.start_date, o.end_date])).toEqual([['mayor', '2024-01-01', null]]);
    const designation = await t.database.db.selectFrom('designations').selectAll().where('office_id', '=', offices[0]!.id).executeTakeFirstOrThrow();
    expect(designation.status).toBe('pending');
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', result.importId).executeTakeFirstOrThrow();
    expect(audit.action).toBe('people-import.applied');
    expect(audit.data).toMatchObject({ fileName: 'personen.csv', total: 2, new: 2, refused: 0 });
    const perChange = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where((eb) => eb(sql`data->>'importId'`, '=', result.importId))
      .execute();
    expect(perChange.map((a) => a.action).sort()).toEqual(['designation.created', 'office.created', 'office.created', 'person.created', 'person.created']);

    const before = await counts();
    const again = await postPeopleImport(t, staff, FIRST, true);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ applied: false, importId: null, counts: { total: 2, unchanged: 2 } });
    expect(await counts()).toEqual(before);
  });

  it('reports changed fields, matching the e-mail address case-insensitively', async () => {
    const changed = csv(
      'Anna de Vries,A.DeVries@Example.nl,GM0344,mayor,,nee,,2024-01-01,,ja',
      'Bram Jansen-de Wit,b.jansen@example.nl,GM0344,wethouder,Stadsbelang,ja,wonen,2024-01-01,2026-05-31,nee',
    );
    const result = (await postPeopleImport(t, staff, changed)).json();
    expect(result.rows.map((r: { outcome: string; changes: string[] }) => [r.outcome, r.changes])).toEqual([
      ['unchanged', []],
      ['changed', ['name', 'portfolio']],
    ]);
    const applied = (await postPeopleImport(t, staff, changed, true)).json();
    expect(applied).toMatchObject({ applied: true, counts: { changed: 1, unchanged: 1 } });
    const bram = await t.database.db.selectFrom('people').select('name').where('email', '=', 'b.jansen@example.nl').executeTakeFirstOrThrow();
    expect(bram.name).toBe('Bram Jansen-de Wit');
  });

  it('refuses rows with reasons in plain words, and an apply with a refused row changes nothing', async () => {
    const bad = csv(
      'Nieuw Persoon,nieuw@example.nl,GM0687,raadslid,,nee,,2024-01-01,,ja',
      'Onbekend Lid,onbekend@example.nl,GM9999,burgemeester,,nee,,2024-01-01,,ja',
      'Fout Adres,geen-adres,GM0344,raadslid,,nee,,2024-01-01,,nee',
      'Te Vroeg,vroeg@example.nl,GM0344,raadslid,,nee,,2024-05-01,2024-01-01,nee',
      'Koning,koning@example.nl,GM0344,koning,,nee,,2024-01-01,,nee',
      'Nieuw Persoon,nieuw@example.nl,GM0687,raadslid,,nee,,2024-01-01,,ja',
      'Plaats Vervanger,pv@example.nl,GM0344,raadslid,,nee,,2024-01-01,,plaatsvervanger',
    );
    const outside = `${bad}Buiten Ambt,buiten@example.nl,GM0344,raadslid,,nee,,2024-01-01,2024-06-30,ja\n`;
    const before = await counts();
    const response = await postPeopleImport(t, staff, outside);
    const result = response.json();
    expect(result.counts, JSON.stringify(result.rows.map((r: { reasons: unknown }) => r.reasons))).toMatchObject({ total: 8, new: 2, refused: 6 });
    const codes = (line: number) => result.rows.find((r: { line: number }) => r.line === line).reasons.map((r: { code: string }) => r.code);
    expect(codes(3)).toEqual(['unknown-member']);
    expect(codes(4)).toEqual(['invalid-email']);
    expect(codes(5)).toEqual(['end-before-start']);
    expect(codes(6)).toEqual(['unknown-office']);
    expect(codes(7)).toEqual(['duplicate-row']);
    expect(codes(8)).toEqual(['no-substitutes']);
    expect(result.rows.find((r: { line: number }) => r.line === 3).reasons[0].message.nl).toBe('Lidcode "GM9999" is onbekend in het register.');
    // Designation columns left empty follow the office: ending 30 June, the designation ends with it.
    expect(result.rows.find((r: { line: number }) => r.line === 9).outcome).toBe('new');

    const outsideOffice = csv('Buiten Ambt,buiten@example.nl,GM0344,raadslid,,nee,,2024-01-01,2024-06-30,ja').replace(
      IMPORT_HEADER_NL,
      `${IMPORT_HEADER_NL},aanwijzing_einddatum`,
    );
    const fitted = (await postPeopleImport(t, staff, outsideOffice.replace('2024-06-30,ja', '2024-06-30,ja,2024-12-31'))).json();
    expect(fitted.rows[0].reasons.map((r: { code: string }) => r.code)).toEqual(['designation-outside-office']);

    const apply = await postPeopleImport(t, staff, outside, true);
    expect(apply.statusCode).toBe(422);
    const problem = apply.json();
    expect(problem.detail).toBe('6 rij(en) zijn geweigerd; er is niets ingelezen. Verbeter het bestand en controleer het opnieuw.');
    expect(problem.errors.map((e: { name: string }) => e.name)).toContain('line 3: member_code');
    expect(await counts()).toEqual(before);
  });

  it('refuses a file without the required columns, naming them', async () => {
    const response = await postPeopleImport(t, staff, 'naam,e-mailadres\nA,a@example.nl\n');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((e: { code: string }) => e.code)).toEqual(['missing-column', 'missing-column', 'missing-column']);
  });

  it('reads XLSX as CSV, with English headers, dates and links as cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    sheet.addRow(['name', 'email', 'member_code', 'office', 'party', 'local_party', 'portfolio', 'start_date', 'end_date', 'designation']);
    sheet.addRow([
      'Anna de Vries',
      { text: 'a.devries@example.nl', hyperlink: 'mailto:a.devries@example.nl' },
      'GM0344',
      'mayor',
      '',
      'no',
      '',
      new Date('2024-01-01'),
      '',
      'yes',
    ]);
    sheet.addRow(['Cees Bakker', 'c.bakker@example.nl', 'GM0687', 'council member', 'CDA', 'no', '', '2024-03-01', '', 'no']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = (await postPeopleImport(t, staff, xlsx)).json();
    expect(result.rows.map((r: { outcome: string; memberName: string }) => [r.outcome, r.memberName])).toEqual([
      ['unchanged', 'Utrecht'],
      ['new', 'Middelburg'],
    ]);
  });

  it('offers a template in CSV and XLSX that the import itself reads', async () => {
    const template = await t.app.inject({ url: '/api/v1/people/imports/template', headers: staff });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.body.split('\r\n')[0]).toBe(
      'naam,e-mailadres,lidcode,ambt,partij,lokale_partij,portefeuille,begindatum,einddatum,aanwijzing,aanwijzing_begindatum,aanwijzing_einddatum',
    );
    const xlsx = await t.app.inject({ url: '/api/v1/people/imports/template?format=xlsx&lang=en', headers: staff });
    const checked = (await postPeopleImport(t, staff, xlsx.rawPayload)).json();
    expect(checked.counts.total).toBe(2);
    expect(
      checked.rows.map((r: { memberName: string }) => r.memberName),
      JSON.stringify(checked.rows),
    ).toEqual(['Utrecht', 'Utrecht']);
  });

  it('is for staff: the public is asked to sign in, a representative refused', async () => {
    const utrecht = (await registerCodes(t.database.db, '2024-06-01')).find((m) => m.name === 'Utrecht');
    expect(utrecht).toBeDefined();
    const members = await t.database.db.selectFrom('member_versions').select('member_id').where('code', '=', 'GM0344').executeTakeFirstOrThrow();
    const representative = await t.signInPerson({ representativeOf: members.member_id });
    expect((await postPeopleImport(t, {}, FIRST)).statusCode).toBe(401);
    expect((await postPeopleImport(t, representative.headers, FIRST)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/people/imports/template', headers: representative.headers })).statusCode).toBe(403);
  });
});

describe(`people import at the size of an association (${TEST_DB})`, () => {
  let big: TestApp;
  let bigStaff: AuthHeaders;
  beforeAll(async () => {
    big = await createTestApp();
    await importPopulation(big.database.db, systemActor('test'), { content: file2016(), fileName: 'gemeenten-2016.csv', dryRun: false });
    bigStaff = await big.signIn('staff');
  });
  afterAll(() => big.close());

  it('dry-runs and applies 309 representatives, then 1,000 rows, in a few seconds each; the second apply changes nothing', async () => {
    const members = await registerCodes(big.database.db, '2024-01-01');
    expect(members.length).toBe(390);
    for (const size of [309, 1000]) {
      const file = representativesCsv(members, size, { domain: `n${size}.example` });
      let started = performance.now();
      const dry = await postPeopleImport(big, bigStaff, file);
      const dryMs = performance.now() - started;
      expect(dry.json().counts).toMatchObject({ total: size, new: size, refused: 0 });
      started = performance.now();
      const applied = await postPeopleImport(big, bigStaff, file, true);
      const applyMs = performance.now() - started;
      expect(applied.json()).toMatchObject({ applied: true, counts: { new: size } });
      const again = (await postPeopleImport(big, bigStaff, file, true)).json();
      expect(again).toMatchObject({ applied: false, counts: { unchanged: size } });
      console.info(`people import of ${size} rows on ${TEST_DB}: dry run ${Math.round(dryMs)} ms, apply ${Math.round(applyMs)} ms`);
      expect(dryMs).toBeLessThan(10_000);
      expect(applyMs).toBeLessThan(15_000);
    }
  });
});
