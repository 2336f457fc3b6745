import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_register.js';
import * as m0003 from './migrations/0003_register_integrity.js';

// Listed, not globbed: the compiled server and the tests see the same set.
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_register': m0002,
  '0003_register_integrity': m0003,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Migrates to the latest version; `schema` names where the bookkeeping tables live when not public. */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}
