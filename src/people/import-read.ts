import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { problems, text } from '../core/errors.js';
import { TEMPLATE_HEADERS } from './import-rules.js';

/** A spreadsheet as text cells: the header row and each data row with its 1-based line (the header is line 1). */
export interface Sheet {
  headers: string[];
  rows: { line: number; cells: string[] }[];
}

/** Rows one import takes: the 342 municipalities' representatives several times over. */
export const MAX_IMPORT_ROWS = 5000;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const unreadable = (nl: string, en: string) =>
  problems.invalid(text(nl, en), [{ name: 'file', code: 'unreadable', reason: text('Onleesbaar bestand.', 'Unreadable file.') }]);

/** An XLSX file is a zip archive: it starts with "PK\x03\x04". */
export const isXlsx = (content: Buffer) => content.length > 4 && content.readUInt32LE(0) === 0x04034b50;

/** Reads CSV (comma or semicolon, as Dutch spreadsheets save it) or the first worksheet of an XLSX file. */
export async function readSheet(content: Buffer): Promise<Sheet> {
  const sheet = isXlsx(content) ? await readXlsx(content) : readCsv(content.toString('utf8'));
  if (sheet.rows.length > MAX_IMPORT_ROWS)
    throw unreadable(`Het bestand heeft meer dan ${MAX_IMPORT_ROWS} rijen; splits het.`, `The file has more than ${MAX_IMPORT_ROWS} rows; split it.`);
  return sheet;
}

function readCsv(content: string): Sheet {
  const firstLine = content.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, { bom: true, delimiter, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    throw unreadable(`Regel ${line} is geen geldige CSV: ${(e as Error).message}`, `Line ${line} is not valid CSV: ${(e as Error).message}`);
  }
  const [header, ...rest] = records;
  return {
    headers: header?.record ?? [],
    rows: rest.filter(({ record }) => record.some((c) => c.trim() !== '')).map(({ record, info }) => ({ line: info.lines, cells: record })),
  };
}

/** A cell as the text a person sees: dates as YYYY-MM-DD, links and rich text as their text, formulas as their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(content: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw unreadable('Het XLSX-bestand kan niet worden gelezen.', 'The XLSX file cannot be read.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const lines: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    lines.push({ line, cells: Array.from(values, (v) => cellText(v)) });
  });
  const [header, ...rest] = lines;
  return { headers: header?.cells ?? [], rows: rest.filter((r) => r.cells.some((c) => c.trim() !== '')) };
}

const EXAMPLE_ROWS = [
  ['Anna de Vries', 'a.devries@example.nl', 'GM0344', 'burgemeester', '', 'nee', '', '2024-01-01', '', 'ja', '', ''],
  ['Bram Jansen', 'b.jansen@example.nl', 'GM0344', 'wethouder', 'Stadsbelang', 'ja', 'financiën', '2024-01-01', '2026-05-31', 'nee', '', ''],
];

/** The template: the header row in the language asked and two example rows, as CSV or XLSX. */
export async function templateFile(format: 'csv' | 'xlsx', language: 'nl' | 'en'): Promise<Buffer> {
  const headers = TEMPLATE_HEADERS[language];
  if (format === 'csv') {
    const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    return Buffer.from(`${[headers, ...EXAMPLE_ROWS].map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(language === 'nl' ? 'Personen' : 'People');
  sheet.addRow(headers);
  for (const row of EXAMPLE_ROWS) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = Math.max(14, (headers[i] ?? '').length + 2);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
