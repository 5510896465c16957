import type { Kysely } from 'kysely';

/**
 * Issue 12, the self-assessment (tự đánh giá) with its evidence, in both regimes:
 * - `assessments`: one lineage per school and school year (revisions numbered like plans: a unique
 *   index over school, year and revision), its lifecycle and seal, and its whole-record JSON parts
 *   (council and working groups, the self-assessment plan with its timeline, the report's general
 *   texts, settings), each versioned by field in `field_versions_json`;
 * - `assessment_criteria`: one per criterion, its marks by indicator key ("1.a", "2"), its texts
 *   (2018 one description; TT57 one per level), assignee and carried-over fields;
 * - `assessment_standards`: what is written per standard (2018 Mở đầu/Kết luận; TT57 strengths,
 *   limitations, causes, trend, priorities);
 * - `assessment_level4`: the 2018 Mức 4 items' marks and descriptions;
 * - `assessment_evidence`, `assessment_evidence_citations`, `assessment_evidence_files`: the evidence
 *   list (one code per document, numbered under its primary criterion, cited by several) and its
 *   files, kept under DATA_DIR by content hash;
 * - `assessment_snapshots`: the sealed approved content.
 * Frozen once shipped; schema builder only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('regime', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull().references('framework_versions.id'))
    .addColumn('framework_reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('council_json', 'text', (c) => c.notNull())
    .addColumn('work_plan_json', 'text', (c) => c.notNull())
    .addColumn('report_json', 'text', (c) => c.notNull())
    .addColumn('field_versions_json', 'text', (c) => c.notNull())
    // Assessment-level parts carried from last year and not edited since ("council", "report.context"…).
    .addColumn('carried_fields_json', 'text', (c) => c.notNull())
    .addColumn('carried_from_assessment_id', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by_user_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_seq', 'integer', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessments_lineage_revision_uq', ['lineage_id', 'revision_number'])
    .execute();
  await db.schema
    .createIndex('assessments_school_year_revision_uq')
    .on('assessments')
    .columns(['school_id', 'school_year', 'revision_number'])
    .unique()
    .execute();

  await db.schema
    .createTable('assessment_criteria')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('standard_code', 'text', (c) => c.notNull())
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('marks_json', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('level_descriptions_json', 'text', (c) => c.notNull())
    .addColumn('strengths', 'text', (c) => c.notNull())
    .addColumn('weaknesses', 'text', (c) => c.notNull())
    .addColumn('improvement_plan', 'text', (c) => c.notNull())
    .addColumn('assignee_member_id', 'text')
    .addColumn('assignee_group_id', 'text')
    .addColumn('carried_fields_json', 'text', (c) => c.notNull())
    .addColumn('field_versions_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessment_criteria_code_uq', ['assessment_id', 'criterion_code'])
    .execute();

  await db.schema
    .createTable('assessment_standards')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('standard_code', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('conclusion', 'text', (c) => c.notNull())
    .addColumn('strengths', 'text', (c) => c.notNull())
    .addColumn('limitations', 'text', (c) => c.notNull())
    .addColumn('causes', 'text', (c) => c.notNull())
    .addColumn('trend', 'text', (c) => c.notNull())
    .addColumn('priorities', 'text', (c) => c.notNull())
    .addColumn('field_versions_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('assessment_standards_code_uq', ['assessment_id', 'standard_code'])
    .execute();

  await db.schema
    .createTable('assessment_level4')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('item_key', 'text', (c) => c.notNull())
    // 1 Đạt, 0 Không đạt, null not judged yet.
    .addColumn('met', 'integer')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('carried_fields_json', 'text', (c) => c.notNull())
    .addColumn('field_versions_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('assessment_level4_key_uq', ['assessment_id', 'item_key'])
    .execute();

  await db.schema
    .createTable('assessment_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('box', 'integer')
    .addColumn('primary_criterion_code', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Diacritic-free copy of the name for search (CONTRACTS.md "Text and data rules").
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('issued', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('previous_code', 'text')
    .addColumn('carried', 'integer', (c) => c.notNull())
    .addColumn('origin_evidence_id', 'text')
    // Which version last changed each field (CONTRACTS.md "Concurrent edits"), as on criteria.
    .addColumn('field_versions_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessment_evidence_code_uq', ['assessment_id', 'code'])
    .execute();

  await db.schema
    .createTable('assessment_evidence_citations')
    .addColumn('assessment_id', 'text', (c) =>
      c.notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('evidence_id', 'text', (c) =>
      c.notNull().references('assessment_evidence.id').onDelete('cascade'),
    )
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_evidence_citations_pk', ['evidence_id', 'criterion_code'])
    .execute();
  await db.schema
    .createIndex('assessment_evidence_citations_criterion_idx')
    .on('assessment_evidence_citations')
    .columns(['assessment_id', 'criterion_code'])
    .execute();

  await db.schema
    .createTable('assessment_evidence_files')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('evidence_id', 'text', (c) =>
      c.notNull().references('assessment_evidence.id').onDelete('cascade'),
    )
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_by_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_evidence_files_evidence_idx')
    .on('assessment_evidence_files')
    .column('evidence_id')
    .execute();
  await db.schema
    .createIndex('assessment_evidence_files_sha_idx')
    .on('assessment_evidence_files')
    .column('sha256')
    .execute();

  await db.schema
    .createTable('assessment_snapshots')
    .addColumn('assessment_id', 'text', (c) =>
      c.primaryKey().notNull().references('assessments.id').onDelete('cascade'),
    )
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addColumn('approved_by_user_id', 'text', (c) => c.notNull())
    .execute();

  // The plan row a weak criterion was proposed into ("propose plan rows"): the link back.
  await db.schema.alterTable('plan_rows').addColumn('source_assessment_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('plan_rows').dropColumn('source_assessment_id').execute();
  for (const table of [
    'assessment_snapshots',
    'assessment_evidence_files',
    'assessment_evidence_citations',
    'assessment_evidence',
    'assessment_level4',
    'assessment_standards',
    'assessment_criteria',
    'assessments',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
