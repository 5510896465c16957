import type { Kysely } from 'kysely';

/**
 * The framework catalogue. Frozen: never edit a migration that has shipped; add a new one.
 * Schema builder only, so the same migration runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('framework_versions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('regime', 'text', (c) => c.notNull())
    .addColumn('circular_number', 'text', (c) => c.notNull())
    .addColumn('circular_json', 'text', (c) => c.notNull())
    .addColumn('amendments_json', 'text', (c) => c.notNull())
    .addColumn('school_levels_json', 'text', (c) => c.notNull())
    .addColumn('levels_json', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_to', 'text')
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('sources_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('framework_versions_code_version_uq', ['code', 'version'])
    .execute();

  await db.schema
    .createTable('framework_standards')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('framework_id', 'text', (c) =>
      c.notNull().references('framework_versions.id').onDelete('cascade'),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_source', 'text')
    .addColumn('title_variants_json', 'text', (c) => c.notNull())
    .addColumn('verification_note', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('framework_standards_fw_code_uq', ['framework_id', 'code'])
    .execute();

  await db.schema
    .createTable('framework_criteria')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('framework_id', 'text', (c) =>
      c.notNull().references('framework_versions.id').onDelete('cascade'),
    )
    .addColumn('standard_id', 'text', (c) =>
      c.notNull().references('framework_standards.id').onDelete('cascade'),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_folded', 'text', (c) => c.notNull())
    .addColumn('title_source', 'text')
    .addColumn('title_variants_json', 'text', (c) => c.notNull())
    .addColumn('mandatory', 'integer', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull())
    .addColumn('verification_note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('notes_json', 'text', (c) => c.notNull())
    .addColumn('quantitative_json', 'text', (c) => c.notNull())
    .addColumn('suggested_evidence_json', 'text', (c) => c.notNull())
    .addColumn('levels_without_requirements_json', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('framework_criteria_fw_code_uq', ['framework_id', 'code'])
    .execute();

  await db.schema
    .createTable('framework_indicators')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('framework_id', 'text', (c) =>
      c.notNull().references('framework_versions.id').onDelete('cascade'),
    )
    .addColumn('criterion_id', 'text', (c) =>
      c.notNull().references('framework_criteria.id').onDelete('cascade'),
    )
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('key', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('text_folded', 'text', (c) => c.notNull())
    .addColumn('repealed_json', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('framework_indicators_criterion_idx')
    .on('framework_indicators')
    .column('criterion_id')
    .execute();
  await db.schema
    .createIndex('framework_indicators_framework_idx')
    .on('framework_indicators')
    .column('framework_id')
    .execute();

  await db.schema
    .createTable('framework_level4_items')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('framework_id', 'text', (c) =>
      c.notNull().references('framework_versions.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('text_folded', 'text', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'framework_level4_items',
    'framework_indicators',
    'framework_criteria',
    'framework_standards',
    'framework_versions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
