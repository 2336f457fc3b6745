import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DATA_DIR = join(import.meta.dirname, '..', '..', 'src', 'demo', 'data');
export const file2016 = () => readFileSync(join(DATA_DIR, 'gemeenten-2016.csv'), 'utf8');
export const file2024 = () => readFileSync(join(DATA_DIR, 'gemeenten-2024.csv'), 'utf8');

/**
 * A TEST FIXTURE for 1 January 2015: the 393 members before the 2016 reorganisations.
 * The 388 unchanged municipalities carry their 2016 figures re-dated; the six figures
 * below are round approximations for the test, not CBS data.
 */
export function fixture2015(): string {
  const [header, ...rows] = file2016().trim().split('\n');
  const kept = rows.filter((r) => !/^GM(1942|1945|0385),/.test(r)).map((r) => r.replace(/2016-01-01$/, '2015-01-01'));
  const before2016 = [
    'GM0381,Bussum,Noord-Holland,32800,2015-01-01',
    'GM0424,Muiden,Noord-Holland,6400,2015-01-01',
    'GM0425,Naarden,Noord-Holland,17300,2015-01-01',
    'GM0478,Zeevang,Noord-Holland,6300,2015-01-01',
    'GM0241,Groesbeek,Gelderland,18800,2015-01-01',
    'GM0385,Edam-Volendam,Noord-Holland,29000,2015-01-01',
  ];
  return `${[header, ...kept, ...before2016].join('\n')}\n`;
}

/** Five members on 1 January 2024, for tests about people and meetings. */
export const FIVE_MEMBERS = [
  'code,name,province,population,population_date',
  'GM0344,Utrecht,Utrecht,374238,2024-01-01',
  'GM0687,Middelburg,Zeeland,50004,2024-01-01',
  'GM0718,Vlissingen,Zeeland,45389,2024-01-01',
  'GM0014,Groningen,Groningen,243768,2024-01-01',
  'GM0363,Amsterdam,Noord-Holland,931298,2024-01-01',
].join('\n');
