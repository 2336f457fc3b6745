import { describe, expect, it } from 'vitest';
import { featureOf, filesUnder, read } from './support.js';

/**
 * Each feature owns its tables and is the only one that writes them; the others call its functions.
 * The owner of a table is the folder whose tables.ts (or, for the kernel, src/core) declares it.
 */
const sources = filesUnder('src', (path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.includes('/migrations/'));

function owners(): Map<string, string> {
  const map = new Map<string, string>();
  for (const path of sources) {
    const text = read(path);
    // `export interface XTables { table_name: TableType; ... }`: the tables a module declares.
    for (const block of text.matchAll(/export interface \w*Tables\b[^{]*\{([^}]*)\}/g)) {
      for (const [, table] of (block[1] ?? '').matchAll(/^\s+([a-z_]+)\??:/gm)) map.set(table as string, featureOf(path));
    }
  }
  return map;
}

/** Writes through Kysely's builders, and through raw SQL in sql`...` templates. */
const BUILDER_WRITE = /\.(?:insertInto|updateTable|deleteFrom|mergeInto)\(\s*'([a-z_]+)(?: as \w+)?'/g;
const SQL_TEMPLATE = /\bsql(?:<[^>]*>)?`([^`]*)`/g;
const SQL_WRITE = /\b(?:insert\s+into|update|delete\s+from)\s+([a-z_]+)\b/gi;

function writes(): { file: string; table: string }[] {
  return sources.flatMap((file) => {
    const text = read(file);
    const built = [...text.matchAll(BUILDER_WRITE)].map((m) => m[1] ?? '');
    const raw = [...text.matchAll(SQL_TEMPLATE)].flatMap((t) => [...(t[1] ?? '').matchAll(SQL_WRITE)].map((m) => (m[1] ?? '').toLowerCase()));
    return [...built, ...raw].map((table) => ({ file, table }));
  });
}

describe('table ownership', () => {
  const tables = owners();

  it('knows an owner for every table the code writes', () => {
    expect(tables.size).toBeGreaterThan(30);
    const unknown = writes().filter((w) => !tables.has(w.table));
    expect(unknown.map((w) => `${w.file}: ${w.table}`)).toEqual([]);
  });

  it('lets only the owning feature write a table (the demo seed included: it calls the owners)', () => {
    const foreign = writes().filter((w) => tables.has(w.table) && tables.get(w.table) !== featureOf(w.file));
    expect(foreign.map((w) => `${w.file} writes ${w.table} (owned by ${tables.get(w.table)})`)).toEqual([]);
  });
});
