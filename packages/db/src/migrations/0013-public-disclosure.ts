import { sql, type Kysely } from 'kysely';

/**
 * Public disclosure of an approved plan (issue 14, "công khai"). Frozen once shipped; schema builder
 * only.
 *
 * `public_disclosures`: one row per publication of an approved plan under a short random `slug`
 * (the page `/cong-khai/{slug}`). What the public page shows is frozen at publication
 * (`page_json`: school, plan header and rows of the approved snapshot, and the assessment summary
 * when the school chose to include it), and so are the documents: the DOCX and the PDF produced at
 * publication are kept in the file store by SHA-256 (`docx_sha256`, `pdf_sha256`; the PDF is null
 * when LibreOffice was not available) — a copy uploaded for verification matches when its hash is
 * one of them. `withdrawn_at` set = the page is gone (404); the row stays for the audit trail. At
 * most one live publication per plan lineage (partial unique index).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('public_disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('include_assessment', 'integer', (c) => c.notNull())
    .addColumn('assessment_id', 'text')
    // The plan's approved snapshot hash (plan_snapshots.content_hash) the documents were made from.
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('page_json', 'text', (c) => c.notNull())
    .addColumn('public_url', 'text', (c) => c.notNull())
    .addColumn('docx_sha256', 'text', (c) => c.notNull())
    .addColumn('docx_bytes', 'integer', (c) => c.notNull())
    .addColumn('pdf_sha256', 'text')
    .addColumn('pdf_bytes', 'integer')
    .addColumn('file_base_name', 'text', (c) => c.notNull())
    .addColumn('published_by_user_id', 'text')
    .addColumn('published_by_name', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by_user_id', 'text')
    .execute();
  await db.schema
    .createIndex('public_disclosures_plan_idx')
    .on('public_disclosures')
    .column('plan_id')
    .execute();
  await db.schema
    .createIndex('public_disclosures_school_idx')
    .on('public_disclosures')
    .column('school_id')
    .execute();
  await db.schema
    .createIndex('public_disclosures_live_lineage_idx')
    .unique()
    .on('public_disclosures')
    .column('lineage_id')
    .where(sql.ref('withdrawn_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('public_disclosures').execute();
}
