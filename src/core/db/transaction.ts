import type { Kysely, Transaction } from 'kysely';

/**
 * Runs work in a transaction, joining the caller's transaction when there is one, so
 * store functions compose: a seed or an import made of many changes commits as one.
 */
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB> | Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
