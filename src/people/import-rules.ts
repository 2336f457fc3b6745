import { isIsoDate, type IsoDate } from '../core/dates.js';
import { format, type LocalText } from '../core/i18n.js';
import { OFFICE_KINDS, OFFICE_LABELS, periodIsValid, type OfficeKind } from './rules.js';

/**
 * The pure rules of the people import (docs/people-import.md): which columns a spreadsheet has, how
 * a cell becomes a value, what makes a row refused, and what a row changes against what is on record.
 */

export const IMPORT_FIELDS = [
  'name',
  'email',
  'memberCode',
  'kind',
  'party',
  'partyIsLocal',
  'portfolio',
  'startDate',
  'endDate',
  'designation',
  'designationStart',
  'designationEnd',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header names per field, English first, then Dutch; compared after {@link normaliseHeader}. */
export const HEADER_NAMES: Record<ImportField, readonly string[]> = {
  name: ['name', 'naam'],
  email: ['email', 'e_mail', 'e_mailadres', 'emailadres'],
  memberCode: ['member_code', 'lidcode', 'code', 'gemeentecode'],
  kind: ['office', 'office_kind', 'ambt'],
  party: ['party', 'partij'],
  partyIsLocal: ['local_party', 'lokale_partij'],
  portfolio: ['portfolio', 'portefeuille'],
  startDate: ['start_date', 'begindatum'],
  endDate: ['end_date', 'einddatum'],
  designation: ['designation', 'designated', 'aanwijzing', 'aangewezen'],
  designationStart: ['designation_start', 'aanwijzing_begindatum', 'aanwijzing_begin'],
  designationEnd: ['designation_end', 'aanwijzing_einddatum', 'aanwijzing_einde'],
};

export const REQUIRED_FIELDS: readonly ImportField[] = ['name', 'email', 'memberCode', 'kind', 'startDate'];

/** The template's header row, Dutch and English, in {@link IMPORT_FIELDS} order. */
export const TEMPLATE_HEADERS = {
  nl: [
    'naam',
    'e-mailadres',
    'lidcode',
    'ambt',
    'partij',
    'lokale_partij',
    'portefeuille',
    'begindatum',
    'einddatum',
    'aanwijzing',
    'aanwijzing_begindatum',
    'aanwijzing_einddatum',
  ],
  en: IMPORT_FIELDS.map((f) => HEADER_NAMES[f][0]!),
};

export const normaliseHeader = (header: string) =>
  header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Maps the header row to fields; unknown headers are ignored, a field named twice is an error. */
export function mapHeaders(headers: readonly string[]): { columns: Map<ImportField, number>; missing: ImportField[]; doubled: ImportField[] } {
  const columns = new Map<ImportField, number>();
  const doubled: ImportField[] = [];
  headers.forEach((header, index) => {
    const name = normaliseHeader(header);
    const field = IMPORT_FIELDS.find((f) => HEADER_NAMES[f].includes(name));
    if (!field) return;
    if (columns.has(field)) doubled.push(field);
    else columns.set(field, index);
  });
  return { columns, missing: REQUIRED_FIELDS.filter((f) => !columns.has(f)), doubled };
}

export interface RowReason {
  code: string;
  field: ImportField | null;
  message: LocalText;
}

export const reason = (code: string, field: ImportField | null, nl: string, en: string, params: Record<string, string | number> = {}): RowReason => ({
  code,
  field,
  message: { nl: format(nl, params), en: format(en, params) },
});

/** A row as values; `undefined` for an optional column the file does not have (the field is left as it is). */
export interface ImportRow {
  line: number;
  name: string;
  email: string;
  memberCode: string;
  kind: OfficeKind;
  party: string | null | undefined;
  partyIsLocal: boolean | undefined;
  portfolio: string | null | undefined;
  startDate: IsoDate;
  endDate: IsoDate | null | undefined;
  /** Designated to act for the member, from (default: the office's start) until (undefined: the office's end). */
  designation: { startDate: IsoDate; endDate: IsoDate | undefined } | null;
}

const KIND_NAMES = new Map<string, OfficeKind>(
  OFFICE_KINDS.flatMap((kind) => [
    [kind, kind],
    [OFFICE_LABELS[kind].nl, kind],
    [OFFICE_LABELS[kind].en.replace(/ /g, '-'), kind],
  ]),
);
export const officeKindOf = (value: string): OfficeKind | undefined =>
  KIND_NAMES.get(
    value
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-'),
  );

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'waar', '1', 'x']);
const NO = new Set(['nee', 'n', 'no', 'false', 'onwaar', '0', '']);
const AS_REPRESENTATIVE = new Set(['representative', 'vertegenwoordiger']);
const AS_SUBSTITUTE = new Set(['substitute', 'plaatsvervanger', 'vervanger']);

/** "ja"/"nee", "yes"/"no", true/false, 1/0, "x"; undefined when it is none of these. */
export function yesNo(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return undefined;
}

/** YYYY-MM-DD, or the Dutch DD-MM-YYYY (also with slashes or dots). */
export function dateOf(value: string): IsoDate | undefined {
  const v = value.trim();
  if (isIsoDate(v)) return v;
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(v);
  if (!dutch) return undefined;
  const iso = `${dutch[3]}-${dutch[2]!.padStart(2, '0')}-${dutch[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/;

/** Checks one row's cells on their own; returns the row's values, or why it is refused. */
export function readRow(line: number, cell: (field: ImportField) => string | undefined): { row: ImportRow } | { reasons: RowReason[] } {
  const reasons: RowReason[] = [];
  const value = (field: ImportField) => (cell(field) ?? '').trim();
  const name = value('name');
  if (!name) reasons.push(reason('missing-name', 'name', 'De naam ontbreekt.', 'The name is missing.'));
  else if (name.length > 200) reasons.push(reason('long-name', 'name', 'De naam is langer dan 200 tekens.', 'The name is longer than 200 characters.'));
  const email = value('email');
  if (!email) reasons.push(reason('missing-email', 'email', 'Het e-mailadres ontbreekt.', 'The e-mail address is missing.'));
  else if (!EMAIL.test(email) || email.length > 320)
    reasons.push(reason('invalid-email', 'email', '"{v}" is geen geldig e-mailadres.', '"{v}" is not a valid e-mail address.', { v: email }));
  const memberCode = value('memberCode');
  if (!memberCode) reasons.push(reason('missing-member', 'memberCode', 'De lidcode ontbreekt.', 'The member code is missing.'));
  const kindText = value('kind');
  const kind = officeKindOf(kindText);
  if (!kind) {
    reasons.push(
      kindText
        ? reason(
            'unknown-office',
            'kind',
            'Het ambt "{v}" kent de vereniging niet (wel: burgemeester, wethouder, raadslid, griffier, gemeentesecretaris, medewerker, extern).',
            'The office "{v}" is not one the association knows (known: mayor, alderman, council member, council clerk, municipal secretary, staff, external).',
            { v: kindText },
          )
        : reason('missing-office', 'kind', 'Het ambt ontbreekt.', 'The office is missing.'),
    );
  }
  const optionalText = (field: 'party' | 'portfolio') => {
    const raw = cell(field);
    if (raw === undefined) return undefined;
    const v = raw.trim();
    if (v.length > 100) reasons.push(reason(`long-${field}`, field, 'Langer dan 100 tekens.', 'Longer than 100 characters.'));
    return v || null;
  };
  const party = optionalText('party');
  const portfolio = optionalText('portfolio');
  const localText = cell('partyIsLocal');
  const partyIsLocal = localText === undefined ? undefined : yesNo(localText);
  if (localText !== undefined && partyIsLocal === undefined)
    reasons.push(reason('invalid-yes-no', 'partyIsLocal', 'Lokale partij "{v}": vul ja of nee in.', 'Local party "{v}": fill in yes or no.', { v: localText }));

  const date = (field: 'startDate' | 'endDate' | 'designationStart' | 'designationEnd', required: boolean): IsoDate | null | undefined => {
    const raw = cell(field);
    if (raw === undefined) return undefined;
    const v = raw.trim();
    if (!v) {
      if (required) reasons.push(reason('missing-start', field, 'De begindatum ontbreekt.', 'The start date is missing.'));
      return null;
    }
    const iso = dateOf(v);
    if (!iso) reasons.push(reason('invalid-date', field, '"{v}" is geen datum (JJJJ-MM-DD).', '"{v}" is not a date (YYYY-MM-DD).', { v }));
    return iso ?? null;
  };
  const startDate = date('startDate', true);
  const endDate = date('endDate', false);
  if (startDate && endDate && !periodIsValid({ startDate, endDate }))
    reasons.push(reason('end-before-start', 'endDate', 'De einddatum ligt voor de begindatum.', 'The end date lies before the start date.'));

  const designationText = (cell('designation') ?? '').trim().toLowerCase();
  let designated = yesNo(designationText);
  if (designated === undefined && AS_REPRESENTATIVE.has(designationText)) designated = true;
  if (designated === undefined) {
    reasons.push(
      AS_SUBSTITUTE.has(designationText)
        ? reason(
            'no-substitutes',
            'designation',
            'Een aanwijzing als plaatsvervanger bestaat niet: een aanwijzing machtigt om namens het lid op te treden. Vul ja of nee in.',
            'A designation as substitute does not exist: a designation authorises acting for the member. Fill in yes or no.',
          )
        : reason('invalid-designation', 'designation', 'Aanwijzing "{v}": vul ja of nee in.', 'Designation "{v}": fill in yes or no.', { v: designationText }),
    );
  }
  const designationStart = date('designationStart', false);
  const designationEnd = date('designationEnd', false);
  let designation: ImportRow['designation'] = null;
  if (designated && startDate) {
    designation = { startDate: designationStart || startDate, endDate: designationEnd || undefined };
    if (designation.endDate && !periodIsValid({ startDate: designation.startDate, endDate: designation.endDate }))
      reasons.push(reason('designation-end-before-start', 'designationEnd', 'De aanwijzing eindigt voor ze begint.', 'The designation ends before it starts.'));
  } else if (!designated && (designationStart || designationEnd))
    reasons.push(
      reason(
        'designation-dates-without-designation',
        'designation',
        'Er staan aanwijzingsdata, maar de aanwijzing staat op nee.',
        'Designation dates are filled in, but designation says no.',
      ),
    );

  if (reasons.length) return { reasons };
  return {
    row: { line, name, email, memberCode, kind: kind!, party, partyIsLocal, portfolio, startDate: startDate!, endDate, designation },
  };
}

export const outsideOffice = () =>
  reason('designation-outside-office', 'designationStart', 'De aanwijzing valt buiten de ambtsperiode.', 'The designation lies outside the term of office.');

/** An office is matched by person (e-mail, case-insensitive), member, office kind and start date. */
export const officeKey = (email: string, memberCode: string, kind: OfficeKind, startDate: IsoDate) =>
  `${email.toLowerCase()}|${memberCode.toUpperCase()}|${kind}|${startDate}`;

/** Rows that repeat an earlier row's office, or give an earlier row's e-mail address another name. */
export function duplicateReasons(rows: readonly ImportRow[]): Map<number, RowReason> {
  const offices = new Map<string, number>();
  const names = new Map<string, { line: number; name: string }>();
  const found = new Map<number, RowReason>();
  for (const row of rows) {
    const key = officeKey(row.email, row.memberCode, row.kind, row.startDate);
    const earlier = offices.get(key);
    if (earlier !== undefined) {
      found.set(
        row.line,
        reason('duplicate-row', null, 'Dubbele rij: hetzelfde ambt staat al op regel {l}.', 'Duplicate row: the same office is on line {l} already.', {
          l: earlier,
        }),
      );
      continue;
    }
    offices.set(key, row.line);
    const person = names.get(row.email.toLowerCase());
    if (person && person.name !== row.name) {
      found.set(
        row.line,
        reason(
          'name-differs',
          'name',
          'Dit e-mailadres heeft op regel {l} een andere naam ("{n}").',
          'This e-mail address has another name on line {l} ("{n}").',
          { l: person.line, n: person.name },
        ),
      );
      continue;
    }
    if (!person) names.set(row.email.toLowerCase(), { line: row.line, name: row.name });
  }
  return found;
}
