import { parse } from 'csv-parse/sync';
import { isIsoDate } from '../core/dates.js';
import { format, type LocalText } from '../core/i18n.js';
import { canonicalRegion } from '../profile/rules.js';
import type { ProfileDocument } from '../profile/schemas.js';

/** One row of a population file in the CBS layout of shared/data. */
export interface PopulationRow {
  line: number;
  code: string;
  name: string;
  province: string;
  population: number;
  populationDate: string;
}

export interface RowError {
  /** 1-based line in the file; the header is line 1. */
  line: number;
  column: string | null;
  code: string;
  message: LocalText;
}

export const REQUIRED_COLUMNS = ['code', 'name', 'province', 'population', 'population_date'] as const;

const err = (line: number, column: string | null, code: string, nl: string, en: string, params: Record<string, string | number> = {}): RowError => ({
  line,
  column,
  code,
  message: { nl: format(nl, params), en: format(en, params) },
});

/** Errors listed in full; a file of a million bad lines is refused with these and a count of the rest. */
export const MAX_ROW_ERRORS = 100;

/**
 * Reads a population file and checks every row. Returns the errors found, each with its line
 * number, so one pass tells the user what is wrong: the first {@link MAX_ROW_ERRORS} in full and
 * `errorCount` for all of them.
 */
export function parsePopulationFile(content: string, profile: ProfileDocument): { rows: PopulationRow[]; errors: RowError[]; errorCount: number } {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(content, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return {
      rows: [],
      errorCount: 1,
      errors: [err(line, null, 'csv', 'Regel {l} is geen geldige CSV: {m}', 'Line {l} is not valid CSV: {m}', { l: line, m: (e as Error).message })],
    };
  }
  const header = content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]!
    .split(',')
    .map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    return {
      rows: [],
      errorCount: missing.length,
      errors: missing.map((c) => err(1, c, 'missing-column', 'Kolom "{c}" ontbreekt in de kopregel.', 'Column "{c}" is missing from the header.', { c })),
    };
  }
  if (records.length === 0) return { rows: [], errorCount: 1, errors: [err(1, null, 'empty', 'Het bestand bevat geen rijen.', 'The file has no rows.')] };

  const rows: PopulationRow[] = [];
  const found: RowError[] = [];
  let errorCount = 0;
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const errors: RowError[] = [];
    const code = record.code ?? '';
    const name = record.name ?? '';
    if (!/^[A-Za-z0-9-]{1,20}$/.test(code))
      errors.push(err(line, 'code', 'invalid-code', 'Regel {l}: ongeldige code "{v}".', 'Line {l}: invalid code "{v}".', { l: line, v: code }));
    else if (seen.has(code)) {
      errors.push(
        err(line, 'code', 'duplicate-code', 'Regel {l}: code {v} komt al voor op regel {o}.', 'Line {l}: code {v} already appears on line {o}.', {
          l: line,
          v: code,
          o: seen.get(code)!,
        }),
      );
    } else seen.set(code, line);
    if (!name) errors.push(err(line, 'name', 'missing-name', 'Regel {l}: naam ontbreekt.', 'Line {l}: name is missing.', { l: line }));
    const province = canonicalRegion(record.province ?? '', profile);
    if (!province) {
      errors.push(
        err(line, 'province', 'unknown-province', 'Regel {l}: onbekende provincie "{v}".', 'Line {l}: unknown province "{v}".', {
          l: line,
          v: record.province ?? '',
        }),
      );
    }
    const populationText = record.population ?? '';
    if (!/^\d{1,9}$/.test(populationText)) {
      errors.push(
        err(
          line,
          'population',
          'invalid-population',
          'Regel {l}: inwonertal "{v}" is geen geheel getal.',
          'Line {l}: population "{v}" is not a whole number.',
          { l: line, v: populationText },
        ),
      );
    }
    const populationDate = record.population_date ?? '';
    if (!isIsoDate(populationDate)) {
      errors.push(
        err(
          line,
          'population_date',
          'invalid-date',
          'Regel {l}: peildatum "{v}" is geen datum (JJJJ-MM-DD).',
          'Line {l}: population date "{v}" is not a date (YYYY-MM-DD).',
          { l: line, v: populationDate },
        ),
      );
    }
    if (errors.length === 0) rows.push({ line, code, name, province: province!, population: Number(populationText), populationDate });
    errorCount += errors.length;
    found.push(...errors.slice(0, Math.max(0, MAX_ROW_ERRORS - found.length)));
  }
  return { rows, errors: found, errorCount };
}
