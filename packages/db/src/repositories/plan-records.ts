import type { PlanHeader, PlanLayout, PlanSection, PlanStatus, RowGroup } from '@caitien/core';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database, PlanRowsTable, PlansTable } from '../database.types.ts';

/**
 * The plan repositories' shared part: domain records, the row ↔ column mapping, the content sequence
 * bump and the engine test for row locks (plan.repository.ts composes the four plan repositories).
 */

/** A plan (one revision) without its rows. */
export interface PlanRecord {
  id: string;
  lineageId: string;
  revisionNumber: number;
  schoolId: string;
  schoolYear: string;
  regime: '2018' | '2026';
  frameworkId: string | null;
  frameworkReason: string;
  status: PlanStatus;
  layout: PlanLayout;
  hiddenColumns: string[];
  header: PlanHeader;
  sections: PlanSection[];
  carriedFromPlanId: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  approvedByUserId: string | null;
  version: number;
  /**
   * Incremented by every write to what the plan's detail shows (the plan, its rows, focus issues,
   * review rounds, snapshot), inside the writing transaction: (id, contentSeq) names one content.
   */
  contentSeq: number;
  createdAt: string;
  updatedAt: string;
}

/** What deciding a read of a plan needs, and the content sequence to look up a cached answer. */
export interface PlanAccessRecord {
  id: string;
  schoolId: string;
  schoolPath: string;
  status: PlanStatus;
  contentSeq: number;
}

/** The stored columns of a row that a save may change (texts and parsed values). */
export interface RowColumns {
  rowGroup: RowGroup;
  standardCode: string | null;
  criterionCode: string | null;
  level4Key: string | null;
  currentState: string;
  content: string;
  target: string;
  tasks: string;
  indicator: string;
  timeText: string;
  timeStart: string | null;
  timeEnd: string | null;
  leadText: string;
  coordinatorsText: string;
  parsed: unknown;
  budgetText: string;
  budgetAmount: number | null;
  budgetSource: string;
  support: string;
  evidence: string;
  progress: string;
  result: string;
  note: string;
}

/** A plan row as stored. */
export interface PlanRowRecord extends RowColumns {
  id: string;
  planId: string;
  position: number;
  fieldVersions: Record<string, number>;
  originRowId: string | null;
  /** The self-assessment whose weak criterion proposed the row (issue 12). */
  sourceAssessmentId: string | null;
  /** The row's identity across revisions; progress and reviews hang on it (issue 13). */
  trackId: string;
  carryCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A focus issue (Biểu 2 mục IV): part of the sealed content. */
export interface FocusIssueRecord {
  id: string;
  planId: string;
  position: number;
  standardCode: string | null;
  criterionCode: string | null;
  currentState: string;
  limitation: string;
  cause: string;
  version: number;
}

/** A review round (Biểu 2 mục VI): stays editable after approval, outside the seal. */
export interface ReviewRecord {
  id: string;
  planId: string;
  position: number;
  roundLabel: string;
  content: string;
  result: string;
  adjustment: string;
  reviewer: string;
  version: number;
}

/** The sealed content of an approved plan, as stored. */
export interface SnapshotRecord {
  planId: string;
  contentJson: string;
  contentHash: string;
  approvedAt: string;
  approvedByUserId: string;
}

const COLUMN_OF: Record<keyof RowColumns, keyof PlanRowsTable> = {
  rowGroup: 'row_group',
  standardCode: 'standard_code',
  criterionCode: 'criterion_code',
  level4Key: 'level4_key',
  currentState: 'current_state',
  content: 'content',
  target: 'target',
  tasks: 'tasks',
  indicator: 'indicator',
  timeText: 'time_text',
  timeStart: 'time_start',
  timeEnd: 'time_end',
  leadText: 'lead_text',
  coordinatorsText: 'coordinators_text',
  parsed: 'parsed_json',
  budgetText: 'budget_text',
  budgetAmount: 'budget_amount',
  budgetSource: 'budget_source',
  support: 'support',
  evidence: 'evidence',
  progress: 'progress',
  result: 'result',
  note: 'note',
};

export function toPlan(row: PlansTable): PlanRecord {
  return {
    id: row.id,
    lineageId: row.lineage_id,
    revisionNumber: row.revision_number,
    schoolId: row.school_id,
    schoolYear: row.school_year,
    regime: row.regime as '2018' | '2026',
    frameworkId: row.framework_id,
    frameworkReason: row.framework_reason,
    status: row.status as PlanStatus,
    layout: row.layout as PlanLayout,
    hiddenColumns: JSON.parse(row.hidden_columns_json) as string[],
    header: JSON.parse(row.header_json) as PlanHeader,
    sections: JSON.parse(row.sections_json) as PlanSection[],
    carriedFromPlanId: row.carried_from_plan_id,
    submittedAt: row.submitted_at,
    approvedAt: row.approved_at,
    approvedByUserId: row.approved_by_user_id,
    version: row.version,
    contentSeq: row.content_seq,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toRow(row: PlanRowsTable): PlanRowRecord {
  return {
    id: row.id,
    planId: row.plan_id,
    position: row.position,
    rowGroup: row.row_group as RowGroup,
    standardCode: row.standard_code,
    criterionCode: row.criterion_code,
    level4Key: row.level4_key,
    currentState: row.current_state,
    content: row.content,
    target: row.target,
    tasks: row.tasks,
    indicator: row.indicator,
    timeText: row.time_text,
    timeStart: row.time_start,
    timeEnd: row.time_end,
    leadText: row.lead_text,
    coordinatorsText: row.coordinators_text,
    parsed: JSON.parse(row.parsed_json) as unknown,
    budgetText: row.budget_text,
    // PostgreSQL returns bigint as a string: convert at the repository edge (CONTRACTS.md).
    budgetAmount: row.budget_amount === null ? null : Number(row.budget_amount),
    budgetSource: row.budget_source,
    support: row.support,
    evidence: row.evidence,
    progress: row.progress,
    result: row.result,
    note: row.note,
    fieldVersions: JSON.parse(row.field_versions_json) as Record<string, number>,
    originRowId: row.origin_row_id,
    sourceAssessmentId: row.source_assessment_id,
    trackId: row.track_id ?? row.id,
    carryCount: row.carry_count,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function columnsOf(values: Partial<RowColumns>): Partial<PlanRowsTable> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values) as [keyof RowColumns, unknown][]) {
    const column = COLUMN_OF[key];
    // Only row columns: callers may pass a record that also carries ids and positions.
    if (value === undefined || column === undefined) continue;
    out[column] = key === 'parsed' ? JSON.stringify(value) : value;
  }
  return out as Partial<PlanRowsTable>;
}

/** True when `db` runs on PostgreSQL (row locks); SQLite's single writer serialises transactions. */
export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Marks a plan's (or, with `table`, an assessment's) content as changed (see `PlanRecord.contentSeq`). Every repository write that
 * changes what the plan's detail shows calls it. Inside a transaction once per plan is enough: nobody
 * sees the transaction's writes before it commits, and they commit together. One per bound executor,
 * shared by the plan repositories bound to it.
 */
export function createContentTouch(
  db: Kysely<Database>,
  table: 'plans' | 'assessments' = 'plans',
): (id: string) => Promise<void> {
  const bumpedInTransaction = new Set<string>();
  return async (id) => {
    if (db.isTransaction) {
      if (bumpedInTransaction.has(id)) return;
      bumpedInTransaction.add(id);
    }
    // The same statement for every sealed record with a content sequence (plans, assessments).
    await db
      .updateTable(table as 'plans')
      .set((eb) => ({ content_seq: eb('content_seq', '+', 1) }))
      .where('id', '=', id)
      .execute();
  };
}
