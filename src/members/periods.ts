import { sql, type RawBuilder } from 'kysely';
import type { IsoDate } from '../core/dates.js';

/**
 * The register's one temporal rule: a row with valid_from and an exclusive valid_to
 * applies on a date when valid_from <= date < valid_to (an open row has no end).
 * `table` is the table or alias whose period is meant.
 */
export function validOn(table: string, date: IsoDate): RawBuilder<boolean> {
  const from = sql.ref(`${table}.valid_from`);
  const to = sql.ref(`${table}.valid_to`);
  return sql<boolean>`(${from} <= ${date} and (${to} is null or ${to} > ${date}))`;
}
