import { describe, expect, it } from 'vitest';
import { vngProfile } from '../profile/vng.js';
import { MAX_ROW_ERRORS, parsePopulationFile } from './parse.js';

const HEADER = 'code,name,province,population,population_date';
const file = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

describe('reading a population file in the CBS layout', () => {
  it('reads rows, quoted names and the Fryslân alias', () => {
    const { rows, errors } = parsePopulationFile(
      file(
        'GM0363,Amsterdam,Noord-Holland,931298,2024-01-01',
        'GM0820,"Nuenen, Gerwen en Nederwetten",Noord-Brabant,23789,2024-01-01',
        'GM0080,Leeuwarden,Fryslân,127000,2024-01-01',
      ),
      vngProfile,
    );
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.code, r.name, r.province, r.population])).toEqual([
      [2, 'GM0363', 'Amsterdam', 'Noord-Holland', 931298],
      [3, 'GM0820', 'Nuenen, Gerwen en Nederwetten', 'Noord-Brabant', 23789],
      [4, 'GM0080', 'Leeuwarden', 'Friesland', 127000],
    ]);
  });

  it('refuses a file with a missing column', () => {
    const { rows, errors } = parsePopulationFile('code,name,province,population\nGM0363,Amsterdam,Noord-Holland,931298\n', vngProfile);
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 1, column: 'population_date', code: 'missing-column' });
    expect(errors[0]!.message.nl).toBe('Kolom "population_date" ontbreekt in de kopregel.');
  });

  it('reports a non-numeric population with its line number', () => {
    const { errors } = parsePopulationFile(
      file('GM0363,Amsterdam,Noord-Holland,931298,2024-01-01', 'GM0599,Rotterdam,Zuid-Holland,670.610,2024-01-01'),
      vngProfile,
    );
    expect(errors).toEqual([
      expect.objectContaining({
        line: 3,
        column: 'population',
        code: 'invalid-population',
        message: expect.objectContaining({ en: 'Line 3: population "670.610" is not a whole number.' }),
      }),
    ]);
  });

  it('reports a duplicate code with both line numbers', () => {
    const { errors } = parsePopulationFile(
      file(
        'GM0363,Amsterdam,Noord-Holland,931298,2024-01-01',
        'GM0599,Rotterdam,Zuid-Holland,670610,2024-01-01',
        'GM0363,Amsterdam,Noord-Holland,1,2024-01-01',
      ),
      vngProfile,
    );
    expect(errors).toEqual([
      expect.objectContaining({
        line: 4,
        column: 'code',
        code: 'duplicate-code',
        message: expect.objectContaining({ en: 'Line 4: code GM0363 already appears on line 2.' }),
      }),
    ]);
  });

  it('reports an unknown province and an impossible date, and keeps the good rows apart', () => {
    const { rows, errors } = parsePopulationFile(
      file(
        'GM0363,Amsterdam,Noord-Holland,931298,2024-01-01',
        'GM9999,Gent,Oost-Vlaanderen,265000,2024-01-01',
        'GM0599,Rotterdam,Zuid-Holland,670610,2024-02-30',
      ),
      vngProfile,
    );
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'unknown-province'],
      [4, 'invalid-date'],
    ]);
    expect(rows.map((r) => r.code)).toEqual(['GM0363']);
  });

  it('reports a row with the wrong number of fields and an empty file', () => {
    expect(parsePopulationFile(file('GM0363,Amsterdam,Noord-Holland,931298'), vngProfile).errors[0]).toMatchObject({ line: 2, code: 'csv' });
    expect(parsePopulationFile(`${HEADER}\n`, vngProfile).errors[0]).toMatchObject({ code: 'empty' });
  });

  it('reads a UTF-8 byte order mark and CRLF line endings', () => {
    const { rows, errors } = parsePopulationFile(`\uFEFF${HEADER}\r\nGM0363,Amsterdam,Noord-Holland,931298,2024-01-01\r\n`, vngProfile);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
  });

  it('lists at most MAX_ROW_ERRORS errors of a file full of bad lines, and counts them all', () => {
    const bad = Array.from({ length: 5000 }, (_, i) => `GM${i},X,Nergens,veel,gisteren`);
    const { rows, errors, errorCount } = parsePopulationFile(file(...bad), vngProfile);
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(MAX_ROW_ERRORS);
    expect(errorCount).toBe(5000 * 3);
    expect(errors[0]).toMatchObject({ line: 2, code: 'unknown-province' });
  });
});
