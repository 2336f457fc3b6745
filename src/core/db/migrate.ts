import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_register.js';
import * as m0003 from './migrations/0003_register_integrity.js';
import * as m0004 from './migrations/0004_people.js';
import * as m0005 from './migrations/0005_general_meetings.js';
import * as m0006 from './migrations/0006_polls.js';
import * as m0007 from './migrations/0007_consultations.js';
import * as m0008 from './migrations/0008_vote_secrecy.js';
import * as m0009 from './migrations/0009_procedure.js';
import * as m0010 from './migrations/0010_mandates.js';
import * as m0011 from './migrations/0011_motion_submitters.js';
import * as m0012 from './migrations/0012_append_only.js';
import * as m0013 from './migrations/0013_sign_in_security.js';
import * as m0014 from './migrations/0014_constraints.js';
import * as m0015 from './migrations/0015_speakers_and_screen.js';
import * as m0016 from './migrations/0016_office_kinds.js';
import * as m0017 from './migrations/0017_member_administrators.js';
import * as m0018 from './migrations/0018_mail_queue.js';
import * as m0020 from './migrations/0020_follow_up.js';
import * as m0021 from './migrations/0021_topics.js';

// Listed, not globbed: the compiled server and the tests see the same set.
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_register': m0002,
  '0003_register_integrity': m0003,
  '0004_people': m0004,
  '0005_general_meetings': m0005,
  '0006_polls': m0006,
  '0007_consultations': m0007,
  '0008_vote_secrecy': m0008,
  '0009_procedure': m0009,
  '0010_mandates': m0010,
  '0011_motion_submitters': m0011,
  '0012_append_only': m0012,
  '0013_sign_in_security': m0013,
  '0014_constraints': m0014,
  '0015_speakers_and_screen': m0015,
  '0016_office_kinds': m0016,
  '0017_member_administrators': m0017,
  '0018_mail_queue': m0018,
  '0020_follow_up': m0020,
  '0021_topics': m0021,
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

/** The migrations' names, oldest first: the last is the schema this release needs. */
export const migrationNames = (): string[] => Object.keys(migrations).sort();

/** Migrates up or down to the named migration (the upgrade test builds the previous release's schema with it). */
export async function migrateTo(db: Kysely<any>, name: string, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateTo(name);
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
}
