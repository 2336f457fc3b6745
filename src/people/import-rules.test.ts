import { describe, expect, it } from 'vitest';
import { planRow, type RecordedOffice } from './import-plan.js';
import { dateOf, duplicateReasons, mapHeaders, officeKindOf, readRow, yesNo, type ImportField, type ImportRow } from './import-rules.js';

const cells =
  (values: Partial<Record<ImportField, string>>) =>
  (field: ImportField): string | undefined =>
    values[field];
const base = { name: 'Anna de Vries', email: 'a@example.nl', memberCode: 'GM0344', kind: 'burgemeester', startDate: '2024-01-01', designation: 'ja' };
const read = (values: Partial<Record<ImportField, string>>) => readRow(2, cells({ ...base, ...values }));
const codes = (result: ReturnType<typeof readRow>) => ('reasons' in result ? result.reasons.map((r) => r.code) : []);
const rowOf = (values: Partial<Record<ImportField, string>> = {}): ImportRow => {
  const result = read(values);
  if (!('row' in result)) throw new Error(JSON.stringify(result.reasons));
  return result.row;
};

describe('people import: headers and cells', () => {
  it('accepts Dutch and English headers in any case and order, and names what is missing', () => {
    const { columns, missing } = mapHeaders(['E-mailadres', 'Naam', 'LIDCODE', 'Ambt', 'Begindatum', 'opmerking']);
    expect([...columns.entries()]).toEqual([
      ['email', 0],
      ['name', 1],
      ['memberCode', 2],
      ['kind', 3],
      ['startDate', 4],
    ]);
    expect(missing).toEqual([]);
    expect(mapHeaders(['name', 'email', 'start date']).missing).toEqual(['memberCode', 'kind']);
    expect(mapHeaders(['name', 'naam']).doubled).toEqual(['name']);
  });

  it('reads office kinds by code and by Dutch or English name', () => {
    expect(['burgemeester', 'Mayor', 'council member', 'raadslid', 'municipal_secretary', 'Gemeentesecretaris'].map(officeKindOf)).toEqual([
      'mayor',
      'mayor',
      'council-member',
      'council-member',
      'municipal-secretary',
      'municipal-secretary',
    ]);
    expect(officeKindOf('koning')).toBeUndefined();
  });

  it('reads yes/no and dates the ways spreadsheets write them', () => {
    expect(['ja', 'Yes', 'X', '1', 'nee', '', 'false'].map(yesNo)).toEqual([true, true, true, true, false, false, false]);
    expect(yesNo('misschien')).toBeUndefined();
    expect(['2024-01-01', '1-1-2024', '31/12/2024', '2024-02-30', 'gisteren'].map(dateOf)).toEqual([
      '2024-01-01',
      '2024-01-01',
      '2024-12-31',
      undefined,
      undefined,
    ]);
  });
});

describe('people import: a row on its own', () => {
  it('takes a designated mayor whose designation follows the office', () => {
    expect(rowOf()).toMatchObject({ kind: 'mayor', designation: { startDate: '2024-01-01', endDate: undefined }, party: undefined, endDate: undefined });
  });

  it('refuses each fault with its own reason', () => {
    expect(codes(read({ email: 'geen adres' }))).toEqual(['invalid-email']);
    expect(codes(read({ name: ' ' }))).toEqual(['missing-name']);
    expect(codes(read({ kind: 'koning' }))).toEqual(['unknown-office']);
    expect(codes(read({ endDate: '2023-12-31' }))).toEqual(['end-before-start']);
    expect(codes(read({ startDate: '' }))).toEqual(['missing-start']);
    expect(codes(read({ designation: 'plaatsvervanger' }))).toEqual(['no-substitutes']);
    expect(codes(read({ designation: 'nee', designationStart: '2024-02-01' }))).toEqual(['designation-dates-without-designation']);
    expect(codes(read({ designationStart: '2024-03-01', designationEnd: '2024-02-01' }))).toEqual(['designation-end-before-start']);
    expect(codes(read({ partyIsLocal: 'soms' }))).toEqual(['invalid-yes-no']);
  });

  it('leaves a column the file lacks alone, and empties one it has blank', () => {
    expect(rowOf().party).toBeUndefined();
    expect(rowOf({ party: '' }).party).toBeNull();
  });

  it('refuses a row that repeats an office, or gives an address another name', () => {
    const rows = [rowOf(), { ...rowOf(), line: 3 }, { ...rowOf({ kind: 'wethouder', name: 'Anna Jansen' }), line: 4 }];
    const found = duplicateReasons(rows);
    expect([...found.entries()].map(([line, r]) => [line, r.code])).toEqual([
      [3, 'duplicate-row'],
      [4, 'name-differs'],
    ]);
  });
});

describe('people import: a row against the record', () => {
  const versions = [{ memberId: 'utrecht', validFrom: '2016-01-01', validTo: null }];
  const office = (over: Partial<RecordedOffice> = {}): RecordedOffice => ({
    id: 'o1',
    party: null,
    partyIsLocal: false,
    portfolio: null,
    endDate: null,
    designations: [{ id: 'd1', startDate: '2024-01-01', endDate: null }],
    ...over,
  });
  const person = { id: 'p1', name: 'Anna de Vries', holdsGrantedRole: false };
  const plan = (row: ImportRow, recorded: Partial<Parameters<typeof planRow>[1]> = {}) =>
    planRow(row, { memberVersions: versions, person, officeIn: () => office(), actorIsAdmin: false, ...recorded });

  it('is new without a person on record, unchanged when all matches, changed with the fields that differ', () => {
    expect(plan(rowOf(), { person: undefined }).outcome).toBe('new');
    expect(plan(rowOf())).toMatchObject({ outcome: 'unchanged', office: { action: 'keep', id: 'o1' }, designation: { action: 'keep', id: 'd1' } });
    const changed = plan(rowOf({ name: 'Anna de Vries-Bos', party: 'VVD', endDate: '2030-12-31' }));
    expect(changed).toMatchObject({ outcome: 'changed', changes: ['name', 'party', 'endDate', 'designationEnd'] });
  });

  it('refuses an unknown member, a member that did not exist yet, a role holder renamed by staff', () => {
    expect(plan(rowOf(), { memberVersions: [] }).reasons.map((r) => r.code)).toEqual(['unknown-member']);
    expect(plan(rowOf(), { memberVersions: [{ memberId: 'x', validFrom: '2025-01-01', validTo: null }] }).reasons.map((r) => r.code)).toEqual([
      'member-not-then',
    ]);
    const holder = { ...person, holdsGrantedRole: true };
    expect(plan(rowOf({ name: 'Andere Naam' }), { person: holder }).outcome).toBe('refused');
    expect(plan(rowOf({ name: 'Andere Naam' }), { person: holder, actorIsAdmin: true }).outcome).toBe('changed');
  });

  it('refuses a designation outside the office, overlapping another, or an office end that cuts one', () => {
    expect(plan(rowOf({ designationStart: '2023-06-01' })).reasons.map((r) => r.code)).toEqual(['designation-outside-office', 'designation-overlap']);
    expect(plan(rowOf({ designationStart: '2024-06-01' })).reasons.map((r) => r.code)).toEqual(['designation-overlap']);
    expect(plan(rowOf({ designation: 'nee', endDate: '2024-06-30' })).reasons.map((r) => r.code)).toEqual(['office-end-cuts-designation']);
  });
});
