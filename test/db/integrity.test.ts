import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../support/database.js';

// What the database itself refuses, whatever the code above it does (migration 0014).
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const db = () => database.db;

/** The SQLSTATE and constraint a refused write reports. */
async function refusal(write: Promise<unknown>): Promise<{ code: string; constraint: string }> {
  const error = await write.then(
    () => expect.unreachable('the write was accepted'),
    (e: unknown) => e as { code: string; constraint: string },
  );
  return { code: error.code, constraint: error.constraint };
}

async function member(code: string, validFrom = '2020-01-01') {
  const id = randomUUID();
  await db().insertInto('members').values({ id, member_class: 'municipality' }).execute();
  await db()
    .insertInto('member_versions')
    .values({ id: randomUUID(), member_id: id, valid_from: validFrom, valid_to: null, code, name: code, province: 'Utrecht' })
    .execute();
  return id;
}

async function office(memberId: string) {
  const personId = randomUUID();
  await db()
    .insertInto('people')
    .values({ id: personId, email: `${personId}@example.org`, name: 'Burgemeester' })
    .execute();
  const id = randomUUID();
  await db()
    .insertInto('offices')
    .values({ id, person_id: personId, member_id: memberId, kind: 'mayor', party: null, party_is_local: false, start_date: '2020-01-01', end_date: null })
    .execute();
  return id;
}

const designation = (officeId: string, startDate: string, endDate: string | null, status: 'in-force' | 'revoked' = 'in-force') =>
  db().insertInto('designations').values({ id: randomUUID(), office_id: officeId, start_date: startDate, end_date: endDate, status }).execute();

describe(`the database's own guarantees on ${TEST_DB}`, () => {
  it('refuses a value outside an enum-like column and accepts one inside it', async () => {
    const memberId = await member('GM0001');
    const officeId = await office(memberId);
    expect(await refusal(db().updateTable('offices').set({ kind: 'koning' }).where('id', '=', officeId).execute())).toEqual({
      code: '23514',
      constraint: 'offices_kind_check',
    });
    await db().updateTable('offices').set({ kind: 'alderman' }).where('id', '=', officeId).execute();
  });

  it('refuses a reference to nothing, and checks a deferred one at commit', async () => {
    const meetingId = randomUUID();
    await db().insertInto('meetings').values({ id: meetingId, kind: 'alv', title: 'ALV', date: '2026-06-01' }).execute();
    expect(await refusal(db().updateTable('meetings').set({ current_item_id: randomUUID() }).where('id', '=', meetingId).execute())).toEqual({
      code: '23503',
      constraint: 'meetings_current_item_fkey',
    });
    const itemId = randomUUID();
    await db().insertInto('agenda_items').values({ id: itemId, meeting_id: meetingId, position: 1, title: 'Opening', purpose: 'information' }).execute();
    await db().updateTable('meetings').set({ current_item_id: itemId }).where('id', '=', meetingId).execute();

    // A check-in names the office its person holds in that member, not one elsewhere.
    const [here, elsewhere] = [await member('GM0004'), await member('GM0005')];
    const officeId = await office(here);
    const { person_id: personId } = await db().selectFrom('offices').select('person_id').where('id', '=', officeId).executeTakeFirstOrThrow();
    const checkIn = (memberId: string) =>
      db()
        .insertInto('check_ins')
        .values({
          id: randomUUID(),
          meeting_id: meetingId,
          member_id: memberId,
          person_id: personId,
          office_id: officeId,
          capacity: 'mayor',
          checked_in_by: 'test',
        })
        .execute();
    expect(await refusal(checkIn(elsewhere))).toEqual({ code: '23503', constraint: 'check_ins_office_holder' });
    await checkIn(here);

    // An import writes its populations before its own record: fine once the record is there at commit.
    const memberId = await member('GM0002');
    const population = (importId: string, referenceDate: string) =>
      db()
        .insertInto('member_populations')
        .values({ id: randomUUID(), member_id: memberId, reference_date: referenceDate, population: 1000, source: 'CBS', import_id: importId });
    const record = (importId: string) =>
      db()
        .insertInto('imports')
        .values({ id: importId, kind: 'population', file_name: 'cbs.csv', file_hash: 'x', effective_date: '2026-01-01', report: '{}', applied_by: 'test' });
    const applied = randomUUID();
    await db()
      .transaction()
      .execute(async (trx) => {
        await trx.executeQuery(population(applied, '2026-01-01').compile());
        await trx.executeQuery(record(applied).compile());
      });
    expect(await refusal(population(randomUUID(), '2025-01-01').execute())).toEqual({ code: '23503', constraint: 'member_populations_import_fkey' });
  });

  it('refuses overlapping periods of one key and accepts adjoining ones', async () => {
    const memberId = await member('GM0003', '2020-01-01');
    const version = (validFrom: string, validTo: string | null, code = 'GM0003') =>
      db()
        .insertInto('member_versions')
        .values({ id: randomUUID(), member_id: memberId, valid_from: validFrom, valid_to: validTo, code, name: 'X', province: 'Utrecht' })
        .execute();
    // The open version starts in 2020: a closed one reaching into it overlaps, one ending where it starts does not.
    expect(await refusal(version('2019-01-01', '2020-06-01', 'GM0333'))).toEqual({ code: '23P01', constraint: 'member_versions_no_overlap' });
    await version('2019-01-01', '2020-01-01', 'GM0333');
    // Another member may not carry the code on the same days.
    const other = randomUUID();
    await db().insertInto('members').values({ id: other, member_class: 'municipality' }).execute();
    const otherVersion = (validFrom: string, validTo: string) =>
      db()
        .insertInto('member_versions')
        .values({ id: randomUUID(), member_id: other, valid_from: validFrom, valid_to: validTo, code: 'GM0003', name: 'Y', province: 'Utrecht' })
        .execute();
    expect(await refusal(otherVersion('2010-01-01', '2020-01-02'))).toEqual({ code: '23P01', constraint: 'member_versions_code_no_overlap' });
    await otherVersion('2010-01-01', '2020-01-01');

    await db().insertInto('networks').values({ code: 'NET', name: 'Netwerk', description: '' }).execute();
    const membership = (validFrom: string, validTo: string | null) =>
      db()
        .insertInto('member_networks')
        .values({ id: randomUUID(), member_id: memberId, network_code: 'NET', valid_from: validFrom, valid_to: validTo })
        .execute();
    await membership('2021-01-01', '2022-01-01');
    expect(await refusal(membership('2021-06-01', null))).toEqual({ code: '23P01', constraint: 'member_networks_no_overlap' });
    await membership('2022-01-01', null);

    // A designation's end date is its last day; a revoked one no longer holds the period.
    const officeId = await office(memberId);
    await designation(officeId, '2024-01-01', '2024-12-31');
    expect(await refusal(designation(officeId, '2024-12-31', null))).toEqual({ code: '23P01', constraint: 'designations_no_overlap' });
    await designation(officeId, '2024-06-01', null, 'revoked');
    await designation(officeId, '2025-01-01', null);
  });

  it('has an index led by the columns of every foreign key', async () => {
    // A partial index serves only its own rows, so it does not count.
    const unindexed = await sql<{ constraint: string }>`
      select c.conname as constraint
      from pg_constraint c
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid and i.indpred is null
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
      order by 1`.execute(db());
    expect(unindexed.rows).toEqual([]);
    // The query sees this schema's keys, not nothing.
    const keys = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_constraint where contype = 'f' and connamespace = current_schema()::regnamespace`.execute(db());
    expect(keys.rows[0]!.n).toBeGreaterThan(40);
  });

  it('looks a receipt up through indexes', async () => {
    const pollId = randomUUID();
    const plans = await db()
      .transaction()
      .execute(async (trx) => {
        // With sequential scans priced out, the planner shows which index it would use.
        await sql`set local enable_seqscan = off`.execute(trx);
        const ballot = await trx.selectFrom('ballots').select('id').where('poll_id', '=', pollId).where('receipt', '=', 'ABCD-EFGH').explain();
        const entry = await trx
          .selectFrom('poll_log')
          .select('seq')
          .where('poll_id', '=', pollId)
          .where('kind', '=', 'ballot')
          .where((eb) => eb(eb.ref('payload', '->>').key('ballotId' as never), '=', randomUUID()))
          .explain();
        return [ballot, entry].map((rows) => rows.map((row) => Object.values(row).join('')).join('\n'));
      });
    expect(plans[0]).toContain('ballots_receipt');
    expect(plans[1]).toContain('poll_log_ballot');
  });
});
