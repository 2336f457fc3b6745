import { sql, type Kysely } from 'kysely';

/**
 * The member register. Identity (members) is separate from the attributes that change
 * over time (member_versions: code, name, province, valid from/to), so a rename keeps
 * the identity and a past date still answers with the names of that date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('members')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('member_class', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('website', 'text')
    .addColumn('address', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // valid_to is exclusive: a version covers valid_from <= d < valid_to.
  await db.schema
    .createTable('member_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addCheckConstraint('member_versions_period', sql`valid_to is null or valid_to > valid_from`)
    .execute();
  await db.schema.createIndex('member_versions_member').on('member_versions').columns(['member_id', 'valid_from']).execute();
  await db.schema.createIndex('member_versions_code').on('member_versions').columns(['code']).execute();

  await db.schema
    .createTable('member_populations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('reference_date', 'date', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull().check(sql`population >= 0`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_id', 'uuid')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('member_populations_once', ['member_id', 'reference_date'])
    .execute();

  await db.schema
    .createTable('networks')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('member_networks')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('network_code', 'text', (c) => c.notNull().references('networks.code'))
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .execute();
  await db.schema.createIndex('member_networks_member').on('member_networks').columns(['member_id']).execute();

  await db.schema
    .createTable('reorganisations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'date', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('reorganisation_parts')
    .addColumn('reorganisation_id', 'uuid', (c) => c.notNull().references('reorganisations.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull()) // 'predecessor' | 'successor'
    .addPrimaryKeyConstraint('reorganisation_parts_pk', ['reorganisation_id', 'member_id', 'role'])
    .execute();
  await db.schema.createIndex('reorganisation_parts_member').on('reorganisation_parts').columns(['member_id']).execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'date', (c) => c.notNull())
    .addColumn('report', 'jsonb', (c) => c.notNull())
    .addColumn('applied_by', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'imports',
    'reorganisation_parts',
    'reorganisations',
    'member_networks',
    'networks',
    'member_populations',
    'member_versions',
    'members',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
