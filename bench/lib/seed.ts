import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { systemActor } from '../../src/core/audit.js';
import { digest } from '../../src/core/auth/sessions.js';
import { openDatabase, type DatabaseHandle } from '../../src/core/db/database.js';
import { migrateToLatest } from '../../src/core/db/migrate.js';
import type { Database } from '../../src/core/db/schema.js';
import { addProfileVersion } from '../../src/profile/store.js';
import { vngProfile } from '../../src/profile/vng.js';
import type { Store } from './server.js';

/**
 * A synthetic association of N members for the benches, independent of the demo's 342: the VNG
 * profile, N municipalities, one mayor per member designated to act for it, each with an API
 * token, and a chair and a staff member with tokens.
 */
export interface Association {
  members: { memberId: string; personId: string; officeId: string; token: string }[];
  chairToken: string;
  staffToken: string;
}

const PROVINCES = [
  'Groningen',
  'Friesland',
  'Drenthe',
  'Overijssel',
  'Flevoland',
  'Gelderland',
  'Utrecht',
  'Noord-Holland',
  'Zuid-Holland',
  'Zeeland',
  'Noord-Brabant',
  'Limburg',
];
const BATCH = 500;

/** Populations spread like real municipalities (1,000 to ~900,000, most of them small), deterministic. */
const population = (n: number, size: number) => 1000 + Math.round((900_000 * ((n * 7919) % size) ** 3) / size ** 3);

export async function seedAssociation(db: Kysely<Database>, size: number): Promise<Association> {
  if (size < 1 || size > 9999) throw new Error('members: 1 to 9999');
  const actor = systemActor('bench');
  await addProfileVersion(db, actor, { effectiveFrom: '2015-01-01', reason: 'bench', document: vngProfile }, '2015-01-01');
  // Straight into the register's tables in batches: the population import judges every row
  // against the register and would take minutes for thousands of members on PGlite.
  const memberClass = vngProfile.memberClasses[0]!.code;
  const memberIds = Array.from({ length: size }, () => randomUUID());
  for (let i = 0; i < size; i += BATCH) {
    const batch = memberIds.slice(i, i + BATCH).map((id, j) => ({ id, n: i + j + 1 }));
    await db
      .insertInto('members')
      .values(batch.map(({ id }) => ({ id, member_class: memberClass, email: null, phone: null, website: null, address: null })))
      .execute();
    await db
      .insertInto('member_versions')
      .values(
        batch.map(({ id, n }) => ({
          id: randomUUID(),
          member_id: id,
          valid_from: '2016-01-01',
          valid_to: null,
          code: `GM${String(n).padStart(4, '0')}`,
          name: `Gemeente ${n}`,
          province: PROVINCES[n % PROVINCES.length]!,
        })),
      )
      .execute();
    await db
      .insertInto('member_populations')
      .values(
        batch.map(({ id, n }) => ({
          id: randomUUID(),
          member_id: id,
          reference_date: '2024-01-01',
          population: population(n, size),
          source: 'bench',
          import_id: null,
        })),
      )
      .execute();
  }

  const members = memberIds.map((memberId) => ({
    memberId,
    personId: randomUUID(),
    officeId: randomUUID(),
    token: `vrd_${randomBytes(32).toString('base64url')}`,
  }));
  for (let i = 0; i < members.length; i += BATCH) {
    const batch = members.slice(i, i + BATCH);
    // Straight into the tables: through the store each person would cost an argon2 hash (~120 ms).
    await db
      .insertInto('people')
      .values(batch.map((m, j) => ({ id: m.personId, email: `burgemeester-${i + j + 1}@bench.example`, name: `Burgemeester ${i + j + 1}` })))
      .execute();
    await db
      .insertInto('offices')
      .values(
        batch.map((m) => ({
          id: m.officeId,
          person_id: m.personId,
          member_id: m.memberId,
          kind: 'mayor',
          party: null,
          party_is_local: false,
          start_date: '2024-01-01',
          end_date: null,
        })),
      )
      .execute();
    await db
      .insertInto('designations')
      .values(batch.map((m) => ({ id: randomUUID(), office_id: m.officeId, start_date: '2024-01-01' })))
      .execute();
    await db
      .insertInto('api_tokens')
      .values(batch.map((m) => ({ id: randomUUID(), person_id: m.personId, name: 'bench', token_hash: digest(m.token) })))
      .execute();
  }
  return {
    members: members.map(({ memberId, personId, officeId, token }) => ({ memberId, personId, officeId, token })),
    chairToken: await roleHolder(db, 'chair'),
    staffToken: await roleHolder(db, 'staff'),
  };
}

async function roleHolder(db: Kysely<Database>, role: 'chair' | 'staff'): Promise<string> {
  const id = randomUUID();
  const token = `vrd_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('people')
    .values({ id, email: `${role}@bench.example`, name: `Bench ${role}` })
    .execute();
  await db.insertInto('person_roles').values({ person_id: id, role }).execute();
  await db
    .insertInto('api_tokens')
    .values({ id: randomUUID(), person_id: id, name: 'bench', token_hash: digest(token) })
    .execute();
  return token;
}

/** A fresh, empty store for one run: a new database on the PostgreSQL server, or a new PGlite folder. */
export interface Scratch {
  store: Store;
  /** Opens the store here (migrated); PGlite: only while no server has it open. */
  open(): Promise<DatabaseHandle>;
  remove(): Promise<void>;
}

export async function scratchStore(kind: 'pglite' | 'postgres', postgresUrl: string): Promise<Scratch> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'verenigd-bench-'));
    return {
      store: { kind, dataDir },
      open: async () => {
        const handle = await openDatabase({ dataDir });
        await migrateToLatest(handle.db);
        return handle;
      },
      remove: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `verenigd_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(postgresUrl, `create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    store: { kind, url: url.toString() },
    open: async () => {
      const handle = await openDatabase({ url: url.toString(), poolSize: 10 });
      await migrateToLatest(handle.db);
      return handle;
    },
    remove: () => adminQuery(postgresUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
