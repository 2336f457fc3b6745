import { sql, type Kysely } from 'kysely';

/**
 * Member classes bring their own office kinds (issue 16): a gewest is represented by its chair or a
 * member of its executive, a province by its King's commissioner or a deputy, a water board by its
 * dike-reeve. The checks on an office's kind and on the capacity a person checks in with (migration
 * 0014) widen to the new kinds; which kind may represent which member is the profile's rule, checked
 * when an office is recorded.
 */
const MUNICIPAL = ['mayor', 'alderman', 'council-member', 'council-clerk', 'municipal-secretary', 'staff', 'external'];
const ALL = [...MUNICIPAL, 'kings-commissioner', 'deputy', 'states-member', 'dike-reeve', 'secretary-director', 'chair', 'executive-member', 'board-member'];

async function setChecks(db: Kysely<any>, kinds: string[]) {
  const list = sql.join(kinds.map((kind) => sql.lit(kind)));
  for (const [table, name, column] of [
    ['offices', 'offices_kind_check', 'kind'],
    ['check_ins', 'check_ins_capacity_check', 'capacity'],
  ] as const) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(name)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(name)} check (${sql.ref(column)} in (${list}))`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await setChecks(db, ALL);
}

export async function down(db: Kysely<any>): Promise<void> {
  await setChecks(db, MUNICIPAL);
}
