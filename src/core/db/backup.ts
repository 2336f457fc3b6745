import { sql, type Kysely } from 'kysely';

/**
 * A logical backup that works the same on PGlite and PostgreSQL (and moves data from one to the
 * other): JSON lines, first a header, then each table's rows in chunks, parents before children.
 * Every value goes through to_jsonb and back through jsonb_populate_recordset, so the database
 * itself converts each column's type both ways (timestamps, dates, numerics, bytea, arrays).
 *
 * The dump reads in one REPEATABLE READ, READ ONLY transaction: one consistent snapshot while the
 * instances keep working. A restore goes into an empty database at the same migration, in one
 * transaction: all or nothing.
 */

export const BACKUP_FORMAT = 'verenigd-backup';
const ROWS_PER_LINE = 1000;
/** Kysely's bookkeeping: written by the migrator, not by a restore. */
const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock']);

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: 1;
  /** The last migration of the database the backup came from; a restore needs the same. */
  migration: string;
  createdAt: string;
  tables: { name: string; rows: number }[];
}

interface TableLine {
  table: string;
  rows: unknown[];
}

export class BackupError extends Error {}

/**
 * Writes the backup line by line (each line one JSON document, without the newline). The snapshot
 * is read first and the transaction ends before any line is written, so a slow reader of the
 * backup (a download) never holds the database: on PGlite that would stop the running server.
 */
export async function writeBackup(db: Kysely<any>, write: (line: string) => void | Promise<void>): Promise<BackupHeader> {
  const { header, contents } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const tables = await tablesInOrder(trx);
      const contents: { name: string; rows: unknown[] }[] = [];
      for (const name of tables) {
        const { rows } = await sql<{ row: unknown }>`select to_jsonb(t) as row from ${sql.table(name)} t`.execute(trx);
        contents.push({ name, rows: rows.map((r) => (typeof r.row === 'string' ? JSON.parse(r.row) : r.row)) });
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: 1,
        migration: await appliedMigration(trx),
        createdAt: new Date().toISOString(),
        tables: contents.map((c) => ({ name: c.name, rows: c.rows.length })),
      };
      return { header, contents };
    });
  await write(JSON.stringify(header));
  for (const { name, rows } of contents)
    for (let i = 0; i < rows.length; i += ROWS_PER_LINE)
      await write(JSON.stringify({ table: name, rows: rows.slice(i, i + ROWS_PER_LINE) } satisfies TableLine));
  return header;
}

/**
 * Restores a backup into this database, which must be migrated to the backup's migration and hold
 * no data. Checks the row count of every table against the header before it commits.
 */
export async function restoreBackup(db: Kysely<any>, lines: AsyncIterable<string>): Promise<BackupHeader> {
  return db.transaction().execute(async (trx) => {
    let header: BackupHeader | undefined;
    const restored = new Map<string, number>();
    let columns = new Map<string, string[]>();
    let late: LoadOrder['late'] = new Map();
    const secondPass: { table: string; rows: unknown[] }[] = [];
    for await (const raw of lines) {
      if (!raw.trim()) continue;
      if (!header) {
        header = readHeader(raw);
        const migration = await appliedMigration(trx);
        if (migration !== header.migration)
          throw new BackupError(
            `the backup is of migration ${header.migration}, this database is at ${migration || '(none)'}: restore with the release that made the backup, then upgrade`,
          );
        const order = await loadOrder(trx);
        late = order.late;
        for (const name of order.tables) {
          const { rows } = await sql<{ any: boolean }>`select exists (select from ${sql.table(name)}) as any`.execute(trx);
          if (rows[0]?.any) throw new BackupError(`the database is not empty (table ${name} has rows): restore into a new, empty database`);
        }
        columns = await insertableColumns(trx);
        continue;
      }
      const line = JSON.parse(raw) as TableLine;
      const names = columns.get(line.table);
      if (!names) throw new BackupError(`the backup has a table this database does not know: ${line.table}`);
      const list = sql.join(names.map((c) => sql.id(c)));
      const deferred = late.get(line.table);
      const values = sql.join(names.map((c) => (deferred?.columns.includes(c) ? sql`null` : sql.id(c))));
      await sql`insert into ${sql.table(line.table)} (${list}) overriding system value
        select ${values} from jsonb_populate_recordset(null::${sql.table(line.table)}, ${JSON.stringify(line.rows)}::jsonb)`.execute(trx);
      if (deferred) secondPass.push(line);
      restored.set(line.table, (restored.get(line.table) ?? 0) + line.rows.length);
    }
    if (!header) throw new BackupError('the file is empty: no backup header');
    for (const line of secondPass) {
      const { columns: deferred, key } = late.get(line.table)!;
      const assignments = sql.join(deferred.map((c) => sql`${sql.id(c)} = s.${sql.id(c)}`));
      const match = sql.join(
        key.map((k) => sql`t.${sql.id(k)} = s.${sql.id(k)}`),
        sql` and `,
      );
      await sql`update ${sql.table(line.table)} t set ${assignments}
        from jsonb_populate_recordset(null::${sql.table(line.table)}, ${JSON.stringify(line.rows)}::jsonb) s where ${match}`.execute(trx);
    }
    for (const { name, rows } of header.tables)
      if ((restored.get(name) ?? 0) !== rows)
        throw new BackupError(`table ${name}: the header promises ${rows} rows, the file holds ${restored.get(name) ?? 0} (truncated?)`);
    await resetSequences(trx);
    return header;
  });
}

function readHeader(raw: string): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(raw) as Partial<BackupHeader>;
  } catch {
    throw new BackupError('not a Verenigd backup: the first line is not JSON');
  }
  if (header.format !== BACKUP_FORMAT || header.version !== 1 || !header.migration || !Array.isArray(header.tables))
    throw new BackupError('not a Verenigd backup (format verenigd-backup, version 1)');
  return header as BackupHeader;
}

async function appliedMigration(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  return rows[0]?.name ?? '';
}

/**
 * The schema's tables, every table after the tables it refers to (a self-reference is no constraint).
 * A cycle (a meeting's current agenda item, whose item belongs to the meeting) is broken at a foreign
 * key whose columns may be null: those columns are `late`, written after every table is in.
 */
async function tablesInOrder(db: Kysely<any>): Promise<string[]> {
  return (await loadOrder(db)).tables;
}

interface LoadOrder {
  tables: string[];
  /** Per table, the columns written in a second pass, and the primary key that finds the row again. */
  late: Map<string, { columns: string[]; key: string[] }>;
}

async function loadOrder(db: Kysely<any>): Promise<LoadOrder> {
  const { rows: tables } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = current_schema() order by c.relname`.execute(db);
  const { rows: references } = await sql<{ child: string; parent: string; columns: string[]; nullable: boolean }>`
    select ch.relname as child, pa.relname as parent,
      array(select a.attname::text from pg_attribute a where a.attrelid = co.conrelid and a.attnum = any(co.conkey)) as columns,
      not exists (select from pg_attribute a where a.attrelid = co.conrelid and a.attnum = any(co.conkey) and a.attnotnull) as nullable
    from pg_constraint co
    join pg_class ch on ch.oid = co.conrelid join pg_class pa on pa.oid = co.confrelid
    join pg_namespace n on n.oid = co.connamespace
    where co.contype = 'f' and n.nspname = current_schema() and co.conrelid <> co.confrelid`.execute(db);
  const names = tables.map((t) => t.name).filter((name) => !SKIPPED.has(name));
  let edges = references.filter((r) => names.includes(r.child) && names.includes(r.parent));
  const lateColumns = new Map<string, Set<string>>();
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((name) => !placed.has(name) && edges.every((e) => e.child !== name || placed.has(e.parent)));
    if (ready.length === 0) {
      const breakable = edges.find((e) => e.nullable && !placed.has(e.child) && !placed.has(e.parent));
      if (!breakable) throw new BackupError(`the foreign keys between these tables form a cycle: ${names.filter((n) => !placed.has(n)).join(', ')}`);
      lateColumns.set(breakable.child, new Set([...(lateColumns.get(breakable.child) ?? []), ...breakable.columns]));
      edges = edges.filter((e) => e !== breakable);
      continue;
    }
    for (const name of ready) {
      ordered.push(name);
      placed.add(name);
    }
  }
  const late = new Map<string, { columns: string[]; key: string[] }>();
  for (const [table, columns] of lateColumns) {
    const { rows } = await sql<{ column: string }>`
      select a.attname as column from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indisprimary and i.indrelid = ${table}::regclass`.execute(db);
    if (rows.length === 0) throw new BackupError(`table ${table} needs a primary key for its restore`);
    late.set(table, { columns: [...columns], key: rows.map((r) => r.column) });
  }
  return { tables: ordered, late };
}

/** Per table, the columns a restore writes: all but dropped and generated ones. */
async function insertableColumns(db: Kysely<any>): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ table: string; column: string }>`
    select c.relname as table, a.attname as column from pg_attribute a
    join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by c.relname, a.attnum`.execute(db);
  const columns = new Map<string, string[]>();
  for (const { table, column } of rows) columns.set(table, [...(columns.get(table) ?? []), column]);
  return columns;
}

/** Sequences (bigserial ids) continue after the restored rows. */
async function resetSequences(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ table: string; column: string; sequence: string }>`
    select c.relname as table, a.attname as column, pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) as sequence
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      and pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) is not null`.execute(db);
  for (const { table, column, sequence } of rows)
    await sql`select setval(${sequence}, coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
}
