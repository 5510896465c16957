import type { Kysely, Selectable } from 'kysely';
import type { Database, PublicDisclosuresTable } from '../database.types.ts';

/**
 * SQL of the public disclosure of approved plans (issue 14, migration 0013): one row per
 * publication; the live one of a plan lineage has `withdrawn_at` null (a partial unique index keeps
 * at most one). Nothing is deleted: a withdrawal only stamps the row.
 */

export interface PublicDisclosureRecord {
  id: string;
  slug: string;
  planId: string;
  lineageId: string;
  schoolId: string;
  schoolYear: string;
  includeAssessment: boolean;
  assessmentId: string | null;
  contentHash: string;
  /** What the public page shows, frozen at publication (JSON text). */
  pageJson: string;
  publicUrl: string;
  docxSha256: string;
  docxBytes: number;
  pdfSha256: string | null;
  pdfBytes: number | null;
  fileBaseName: string;
  publishedByUserId: string | null;
  publishedByName: string;
  publishedAt: string;
  withdrawnAt: string | null;
  withdrawnByUserId: string | null;
}

function toRecord(row: Selectable<PublicDisclosuresTable>): PublicDisclosureRecord {
  return {
    id: row.id,
    slug: row.slug,
    planId: row.plan_id,
    lineageId: row.lineage_id,
    schoolId: row.school_id,
    schoolYear: row.school_year,
    includeAssessment: Number(row.include_assessment) === 1,
    assessmentId: row.assessment_id,
    contentHash: row.content_hash,
    pageJson: row.page_json,
    publicUrl: row.public_url,
    docxSha256: row.docx_sha256,
    docxBytes: Number(row.docx_bytes),
    pdfSha256: row.pdf_sha256,
    pdfBytes: row.pdf_bytes === null ? null : Number(row.pdf_bytes),
    fileBaseName: row.file_base_name,
    publishedByUserId: row.published_by_user_id,
    publishedByName: row.published_by_name,
    publishedAt: row.published_at,
    withdrawnAt: row.withdrawn_at,
    withdrawnByUserId: row.withdrawn_by_user_id,
  };
}

/** The public disclosure repository over one executor (the database or a transaction). */
export function createPublicDisclosureRepository(db: Kysely<Database>) {
  return {
    /** The live publication under this slug (withdrawn ones are not found). */
    async findLiveBySlug(slug: string): Promise<PublicDisclosureRecord | undefined> {
      const row = await db
        .selectFrom('public_disclosures')
        .selectAll()
        .where('slug', '=', slug)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    /** The live publication of a plan lineage, if any. */
    async findLiveOfLineage(lineageId: string): Promise<PublicDisclosureRecord | undefined> {
      const row = await db
        .selectFrom('public_disclosures')
        .selectAll()
        .where('lineage_id', '=', lineageId)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    /** Every publication of a plan lineage, newest first (the history on the plan screen). */
    async listOfLineage(lineageId: string): Promise<PublicDisclosureRecord[]> {
      const rows = await db
        .selectFrom('public_disclosures')
        .selectAll()
        .where('lineage_id', '=', lineageId)
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toRecord);
    },

    async insert(record: PublicDisclosureRecord): Promise<void> {
      await db
        .insertInto('public_disclosures')
        .values({
          id: record.id,
          slug: record.slug,
          plan_id: record.planId,
          lineage_id: record.lineageId,
          school_id: record.schoolId,
          school_year: record.schoolYear,
          include_assessment: record.includeAssessment ? 1 : 0,
          assessment_id: record.assessmentId,
          content_hash: record.contentHash,
          page_json: record.pageJson,
          public_url: record.publicUrl,
          docx_sha256: record.docxSha256,
          docx_bytes: record.docxBytes,
          pdf_sha256: record.pdfSha256,
          pdf_bytes: record.pdfBytes,
          file_base_name: record.fileBaseName,
          published_by_user_id: record.publishedByUserId,
          published_by_name: record.publishedByName,
          published_at: record.publishedAt,
          withdrawn_at: null,
          withdrawn_by_user_id: null,
        })
        .execute();
    },

    /** Stamps the live publication of a lineage withdrawn; answers whether one was live. */
    async withdrawLive(lineageId: string, at: string, byUserId: string | null): Promise<boolean> {
      const result = await db
        .updateTable('public_disclosures')
        .set({ withdrawn_at: at, withdrawn_by_user_id: byUserId })
        .where('lineage_id', '=', lineageId)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type PublicDisclosureRepository = ReturnType<typeof createPublicDisclosureRepository>;
