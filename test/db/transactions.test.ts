import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const network = (code: string) => ({ code, name: code, description: '' });
const codes = async () => (await database.db.selectFrom('networks').select('code').orderBy('code').execute()).map((r) => r.code);

describe(`transactions on ${TEST_DB}`, () => {
  it('keeps two concurrent transactions isolated: neither sees the other before commit', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let aHasLooked!: () => void;
    const aLooked = new Promise<void>((resolve) => (aHasLooked = resolve));
    const seenByA: string[][] = [];
    const seenByB: string[][] = [];

    const a = database.db.transaction().execute(async (trx) => {
      await trx.insertInto('networks').values(network('A1')).execute();
      seenByA.push((await trx.selectFrom('networks').select('code').execute()).map((r) => r.code));
      aHasLooked();
      await gate; // B starts while A is open
      await trx.insertInto('networks').values(network('A2')).execute();
      seenByA.push((await trx.selectFrom('networks').select('code').orderBy('code').execute()).map((r) => r.code));
    });
    const b = (async () => {
      await aLooked; // A has written and read once
      const started = database.db.transaction().execute(async (trx) => {
        await trx.insertInto('networks').values(network('B1')).execute();
        seenByB.push((await trx.selectFrom('networks').select('code').orderBy('code').execute()).map((r) => r.code));
      });
      release();
      await started;
    })();
    await Promise.all([a, b]);

    expect(seenByA).toEqual([['A1'], ['A1', 'A2']]);
    // B ran either after A committed (PGlite serialises) or beside it (PostgreSQL isolates): never A's half.
    expect([['B1'], ['A1', 'A2', 'B1']]).toContainEqual(seenByB[0]);
    expect(await codes()).toEqual(['A1', 'A2', 'B1']);
  });

  it('leaves nothing behind of a rolled-back transaction, also when another one runs beside it', async () => {
    const failing = database.db.transaction().execute(async (trx) => {
      await trx.insertInto('networks').values(network('R1')).execute();
      await trx.insertInto('networks').values(network('R2')).execute();
      throw new Error('crash halfway');
    });
    const other = database.db.transaction().execute(async (trx) => {
      await trx.insertInto('networks').values(network('OK')).execute();
    });
    await expect(failing).rejects.toThrow('crash halfway');
    await other;
    expect(await codes()).toEqual(['A1', 'A2', 'B1', 'OK']);
  });

  it('serves many concurrent writers without losing a row', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        database.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('audit_log')
            .values({ actor_label: 't', action: `x${i}`, entity_type: 't', entity_id: randomUUID(), data: '{}' })
            .execute();
        }),
      ),
    );
    const { count } = await database.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
    expect(count).toBe(40);
  });
});
