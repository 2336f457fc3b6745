import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/core/db/schema.js';
import { pool } from './stats.js';

export interface BaselineFigures {
  /** Durable single-row inserts per second, one at a time. */
  serialPerSecond: number;
  /** The same with as many concurrent transactions as the server's pool has connections. */
  concurrentPerSecond: number;
  concurrency: number;
}

/**
 * The ceiling to compare the product with: durable (autocommit, fsync on commit) single-row
 * inserts through the server's own driver (Kysely over pg, or over the PGlite dialect) into the
 * same database, of a row about the size of a ballot.
 */
export async function insertBaseline(db: Kysely<Database>, options: { count: number; concurrency: number }): Promise<BaselineFigures> {
  await sql`create table if not exists bench_baseline (id uuid primary key, poll_id uuid not null, member_id uuid not null, option text not null, receipt text not null, at timestamptz not null default now())`.execute(
    db,
  );
  const pollId = randomUUID();
  const insert = () =>
    sql`insert into bench_baseline (id, poll_id, member_id, option, receipt) values (${randomUUID()}, ${pollId}, ${randomUUID()}, 'for', 'ABCD-EFGH')`.execute(
      db,
    );
  const rate = async (concurrency: number) => {
    const started = performance.now();
    await pool(Array.from({ length: options.count }), concurrency, insert);
    return options.count / ((performance.now() - started) / 1000);
  };
  await pool(Array.from({ length: 200 }), options.concurrency, insert); // warm-up: connections, plans, file growth
  const serialPerSecond = await rate(1);
  const concurrentPerSecond = await rate(options.concurrency);
  await sql`drop table bench_baseline`.execute(db);
  return { serialPerSecond, concurrentPerSecond, concurrency: options.concurrency };
}
