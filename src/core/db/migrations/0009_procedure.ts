import { sql, type Kysely } from 'kysely';

/**
 * The procedure rules of issue 11: an agenda item may change the statutes or the rules of procedure
 * (a poll on it takes the profile's two-thirds rule), and a poll keeps the source of its majority
 * rule so its result statement can name the article. Existing rows stay as they were: null means an
 * ordinary item, and a poll decided under the ordinary rule.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agenda_items')
    .addColumn('change_kind', 'text', (c) => c.check(sql`change_kind in ('statutes', 'rules-of-procedure')`))
    .execute();
  await db.schema.alterTable('polls').addColumn('rule_source', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('polls').dropColumn('rule_source').execute();
  await db.schema.alterTable('agenda_items').dropColumn('change_kind').execute();
}
