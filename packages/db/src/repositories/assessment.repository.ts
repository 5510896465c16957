import {
  decideFieldSave,
  type AssessmentCouncil,
  type AssessmentReportTexts,
  type AssessmentSettings,
  type AssessmentStatus,
  type AssessmentWorkPlan,
  type CriterionMarks,
  type Regime,
} from '@caitien/core';
import type { Kysely } from 'kysely';
import { memoUntilChange } from '../change-stamp.ts';
import { compileOnce } from '../compile-once.ts';
import type {
  AssessmentCriteriaTable,
  AssessmentLevel4Table,
  AssessmentStandardsTable,
  AssessmentsTable,
  Database,
} from '../database.types.ts';
import { createContentTouch, isPostgres } from './plan-records.ts';

/**
 * The self-assessment's repository (issue 12): the assessment (one revision of a school-year
 * lineage), its criteria, standards and Mức 4 items, each saved by field against the version the
 * client read (`decideFieldSave`), its lock, its content sequence and its sealed snapshot. The
 * evidence tables belong to the evidence repository, which bumps the content sequence through
 * `touchContent` here.
 */

/** One revision of an assessment, without its criteria, standards and Mức 4 items. */
export interface AssessmentRecord {
  id: string;
  lineageId: string;
  revisionNumber: number;
  schoolId: string;
  schoolYear: string;
  regime: Regime;
  frameworkId: string;
  frameworkReason: string;
  status: AssessmentStatus;
  settings: AssessmentSettings;
  council: AssessmentCouncil;
  workPlan: AssessmentWorkPlan;
  report: AssessmentReportTexts;
  fieldVersions: Record<string, number>;
  /** Assessment-level parts carried from last year and not edited since. */
  carriedFields: string[];
  carriedFromAssessmentId: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  approvedByUserId: string | null;
  version: number;
  /** Incremented by every write to what the assessment's reads answer (cache key with the id). */
  contentSeq: number;
  createdByUserId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What deciding an access to an assessment needs, and the content sequence for a cached read. */
export interface AssessmentAccessRecord {
  id: string;
  schoolId: string;
  schoolPath: string;
  status: AssessmentStatus;
  regime: Regime;
  frameworkId: string;
  contentSeq: number;
}

/** The stored values of a criterion a save may change. */
export interface CriterionValues {
  marks: CriterionMarks;
  description: string;
  levelDescriptions: Record<string, string>;
  strengths: string;
  weaknesses: string;
  improvementPlan: string;
  assigneeMemberId: string | null;
  assigneeGroupId: string | null;
  carriedFields: string[];
}

export interface CriterionRecord extends CriterionValues {
  id: string;
  assessmentId: string;
  standardCode: string;
  criterionCode: string;
  fieldVersions: Record<string, number>;
  version: number;
  updatedAt: string;
}

export interface StandardValues {
  intro: string;
  conclusion: string;
  strengths: string;
  limitations: string;
  causes: string;
  trend: string;
  priorities: string;
}

export interface StandardRecord extends StandardValues {
  id: string;
  assessmentId: string;
  standardCode: string;
  fieldVersions: Record<string, number>;
  version: number;
}

export interface Level4Values {
  met: boolean | null;
  description: string;
  carriedFields: string[];
}

export interface Level4Record extends Level4Values {
  id: string;
  assessmentId: string;
  itemKey: string;
  fieldVersions: Record<string, number>;
  version: number;
}

/** The assessment-level parts a save may change. */
export interface AssessmentParts {
  council: AssessmentCouncil;
  workPlan: AssessmentWorkPlan;
  settings: AssessmentSettings;
  report: AssessmentReportTexts;
  carriedFields: string[];
}

/** Lifecycle fields a transition changes. */
export interface AssessmentStatusChange {
  status: AssessmentStatus;
  submittedAt?: string | null;
  approvedAt?: string | null;
  approvedByUserId?: string | null;
}

export interface AssessmentSnapshotRecord {
  assessmentId: string;
  contentJson: string;
  contentHash: string;
  approvedAt: string;
  approvedByUserId: string;
}

/** What a list may show (the policy's scope in SQL): one school, a year, readable statuses. */
export interface AssessmentListScope {
  schoolId: string;
  schoolYear?: string | undefined;
  statuses?: readonly AssessmentStatus[] | null | undefined;
}

/** A field save's answer (see `decideFieldSave`). */
export type FieldSaveOutcome<T> =
  { outcome: 'saved'; before: T; after: T } | { outcome: 'conflict' | 'missing' };

export type NewAssessment = Omit<
  AssessmentRecord,
  'version' | 'contentSeq' | 'createdAt' | 'updatedAt' | 'fieldVersions'
>;
export type NewCriterion = Omit<
  CriterionRecord,
  'id' | 'assessmentId' | 'fieldVersions' | 'version' | 'updatedAt'
> & { id: string };
export type NewStandard = Omit<
  StandardRecord,
  'id' | 'assessmentId' | 'fieldVersions' | 'version'
> & { id: string };
export type NewLevel4 = Omit<Level4Record, 'id' | 'assessmentId' | 'fieldVersions' | 'version'> & {
  id: string;
};

const json = (value: unknown) => JSON.stringify(value);
const parse = <T>(text: string) => JSON.parse(text) as T;

export function toAssessment(row: AssessmentsTable): AssessmentRecord {
  return {
    id: row.id,
    lineageId: row.lineage_id,
    revisionNumber: Number(row.revision_number),
    schoolId: row.school_id,
    schoolYear: row.school_year,
    regime: row.regime as Regime,
    frameworkId: row.framework_id,
    frameworkReason: row.framework_reason,
    status: row.status as AssessmentStatus,
    settings: parse(row.settings_json),
    council: parse(row.council_json),
    workPlan: parse(row.work_plan_json),
    report: parse(row.report_json),
    fieldVersions: parse(row.field_versions_json),
    carriedFields: parse(row.carried_fields_json),
    carriedFromAssessmentId: row.carried_from_assessment_id,
    submittedAt: row.submitted_at,
    approvedAt: row.approved_at,
    approvedByUserId: row.approved_by_user_id,
    version: Number(row.version),
    contentSeq: Number(row.content_seq),
    createdByUserId: row.created_by_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toCriterion(row: AssessmentCriteriaTable): CriterionRecord {
  return {
    id: row.id,
    assessmentId: row.assessment_id,
    standardCode: row.standard_code,
    criterionCode: row.criterion_code,
    marks: parse(row.marks_json),
    description: row.description,
    levelDescriptions: parse(row.level_descriptions_json),
    strengths: row.strengths,
    weaknesses: row.weaknesses,
    improvementPlan: row.improvement_plan,
    assigneeMemberId: row.assignee_member_id,
    assigneeGroupId: row.assignee_group_id,
    carriedFields: parse(row.carried_fields_json),
    fieldVersions: parse(row.field_versions_json),
    version: Number(row.version),
    updatedAt: row.updated_at,
  };
}

function criterionColumns(v: CriterionValues) {
  return {
    marks_json: json(v.marks),
    description: v.description,
    level_descriptions_json: json(v.levelDescriptions),
    strengths: v.strengths,
    weaknesses: v.weaknesses,
    improvement_plan: v.improvementPlan,
    assignee_member_id: v.assigneeMemberId,
    assignee_group_id: v.assigneeGroupId,
    carried_fields_json: json(v.carriedFields),
  };
}

export function toStandard(row: AssessmentStandardsTable): StandardRecord {
  return {
    id: row.id,
    assessmentId: row.assessment_id,
    standardCode: row.standard_code,
    intro: row.intro,
    conclusion: row.conclusion,
    strengths: row.strengths,
    limitations: row.limitations,
    causes: row.causes,
    trend: row.trend,
    priorities: row.priorities,
    fieldVersions: parse(row.field_versions_json),
    version: Number(row.version),
  };
}

function standardColumns(v: StandardValues) {
  return {
    intro: v.intro,
    conclusion: v.conclusion,
    strengths: v.strengths,
    limitations: v.limitations,
    causes: v.causes,
    trend: v.trend,
    priorities: v.priorities,
  };
}

export function toLevel4(row: AssessmentLevel4Table): Level4Record {
  return {
    id: row.id,
    assessmentId: row.assessment_id,
    itemKey: row.item_key,
    met: row.met === null ? null : Number(row.met) === 1,
    description: row.description,
    carriedFields: parse(row.carried_fields_json),
    fieldVersions: parse(row.field_versions_json),
    version: Number(row.version),
  };
}

function level4Columns(v: Level4Values) {
  return {
    met: v.met === null ? null : v.met ? 1 : 0,
    description: v.description,
    carried_fields_json: json(v.carriedFields),
  };
}

/** Inserts rows in chunks (SQLite limits the bound parameters of one statement). */
async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export function createAssessmentRepository(db: Kysely<Database>) {
  const postgres = isPostgres(db);
  const touchContent = createContentTouch(db, 'assessments');

  // Run on every assessment read: compiled once; on SQLite answered from memory while nothing was
  // committed since (as the plans' access query).
  const accessQuery = memoUntilChange(
    db,
    compileOnce(db, (param) =>
      db
        .selectFrom('assessments')
        .innerJoin('units', 'units.id', 'assessments.school_id')
        .select([
          'assessments.id',
          'assessments.school_id',
          'assessments.status',
          'assessments.regime',
          'assessments.framework_id',
          'assessments.content_seq',
          'units.path as school_path',
        ])
        .where('assessments.id', '=', param('assessmentId')),
    ),
    (values) => String(values.assessmentId),
  );

  /**
   * Saves some fields of one child row (criterion, standard, Mức 4 item) read at `baseVersion`,
   * inside the caller's transaction (which holds the assessment's lock): `decideFieldSave`, then
   * the values `compute(current)` gives, written if the version still holds.
   */
  async function saveChildFields<
    T extends { id: string; version: number; fieldVersions: Record<string, number> },
    V,
  >(options: {
    table: 'assessment_criteria' | 'assessment_standards' | 'assessment_level4';
    keyColumn: 'criterion_code' | 'standard_code' | 'item_key';
    assessmentId: string;
    key: string;
    baseVersion: number;
    changedFields: string[];
    read: (row: never) => T;
    compute: (current: T) => V;
    columns: (values: V) => Record<string, unknown>;
    now: string;
  }): Promise<FieldSaveOutcome<T>> {
    const table = options.table as 'assessment_criteria';
    let query = db
      .selectFrom(table)
      .selectAll()
      .where('assessment_id', '=', options.assessmentId)
      .where(options.keyColumn as 'criterion_code', '=', options.key);
    if (postgres) query = query.forUpdate();
    const stored = await query.executeTakeFirst();
    if (!stored) return { outcome: 'missing' };
    const current = options.read(stored as never);
    const decision = decideFieldSave(current, options.baseVersion, options.changedFields);
    if (!decision.ok) return { outcome: 'conflict' };
    const values = options.compute(current);
    const set: Record<string, unknown> = {
      ...options.columns(values),
      field_versions_json: json(decision.fieldVersions),
      version: decision.next,
    };
    if (options.table === 'assessment_criteria') set.updated_at = options.now;
    const result = await db
      .updateTable(table)
      .set(set as Partial<AssessmentCriteriaTable>)
      .where('id', '=', current.id)
      .where('version', '=', current.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { outcome: 'conflict' };
    await touchContent(options.assessmentId);
    const after = {
      ...current,
      ...values,
      fieldVersions: decision.fieldVersions,
      version: decision.next,
    } as T;
    return { outcome: 'saved', before: current, after };
  }

  return {
    /** Marks the assessment's content as changed (the evidence repository calls it too). */
    touchContent,

    /** Inserts an assessment with its criteria, standards and Mức 4 items (inside a transaction). */
    async insertAssessment(
      assessment: NewAssessment & { now: string },
      children: { criteria: NewCriterion[]; standards: NewStandard[]; level4: NewLevel4[] },
    ): Promise<void> {
      await db
        .insertInto('assessments')
        .values({
          id: assessment.id,
          lineage_id: assessment.lineageId,
          revision_number: assessment.revisionNumber,
          school_id: assessment.schoolId,
          school_year: assessment.schoolYear,
          regime: assessment.regime,
          framework_id: assessment.frameworkId,
          framework_reason: assessment.frameworkReason,
          status: assessment.status,
          settings_json: json(assessment.settings),
          council_json: json(assessment.council),
          work_plan_json: json(assessment.workPlan),
          report_json: json(assessment.report),
          field_versions_json: '{}',
          carried_fields_json: json(assessment.carriedFields),
          carried_from_assessment_id: assessment.carriedFromAssessmentId,
          submitted_at: assessment.submittedAt,
          approved_at: assessment.approvedAt,
          approved_by_user_id: assessment.approvedByUserId,
          version: 1,
          content_seq: 1,
          created_by_user_id: assessment.createdByUserId,
          created_at: assessment.now,
          updated_at: assessment.now,
        })
        .execute();
      const id = assessment.id;
      await insertChunked(children.criteria, 50, (chunk) =>
        db
          .insertInto('assessment_criteria')
          .values(
            chunk.map((c) => ({
              id: c.id,
              assessment_id: id,
              standard_code: c.standardCode,
              criterion_code: c.criterionCode,
              ...criterionColumns(c),
              field_versions_json: '{}',
              version: 1,
              updated_at: assessment.now,
            })),
          )
          .execute(),
      );
      await insertChunked(children.standards, 50, (chunk) =>
        db
          .insertInto('assessment_standards')
          .values(
            chunk.map((s) => ({
              id: s.id,
              assessment_id: id,
              standard_code: s.standardCode,
              ...standardColumns(s),
              field_versions_json: '{}',
              version: 1,
            })),
          )
          .execute(),
      );
      await insertChunked(children.level4, 50, (chunk) =>
        db
          .insertInto('assessment_level4')
          .values(
            chunk.map((l) => ({
              id: l.id,
              assessment_id: id,
              item_key: l.itemKey,
              ...level4Columns(l),
              field_versions_json: '{}',
              version: 1,
            })),
          )
          .execute(),
      );
    },

    async findAssessment(id: string): Promise<AssessmentRecord | undefined> {
      const row = await db
        .selectFrom('assessments')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toAssessment(row) : undefined;
    },

    /**
     * The assessment read under its row lock for the rest of the transaction (as `lockPlan`):
     * PostgreSQL `FOR UPDATE` for transitions, `FOR NO KEY UPDATE` for content saves; SQLite's
     * single writer needs none.
     */
    async lockAssessment(
      id: string,
      mode: 'transition' | 'save',
    ): Promise<AssessmentRecord | undefined> {
      let query = db.selectFrom('assessments').selectAll().where('id', '=', id);
      if (postgres) query = mode === 'transition' ? query.forUpdate() : query.forNoKeyUpdate();
      const row = await query.executeTakeFirst();
      return row ? toAssessment(row) : undefined;
    },

    /** School, path, status, regime, framework and content sequence in one small query. */
    async findAssessmentAccess(id: string): Promise<AssessmentAccessRecord | undefined> {
      const [row] = await accessQuery({ assessmentId: id });
      return row
        ? {
            id: row.id,
            schoolId: row.school_id,
            schoolPath: row.school_path,
            status: row.status as AssessmentStatus,
            regime: row.regime as Regime,
            frameworkId: row.framework_id,
            contentSeq: Number(row.content_seq),
          }
        : undefined;
    },

    /** The assessments a scope covers, newest year and revision first. */
    async listAssessments(scope: AssessmentListScope): Promise<AssessmentRecord[]> {
      if (scope.statuses && scope.statuses.length === 0) return [];
      let query = db.selectFrom('assessments').selectAll().where('school_id', '=', scope.schoolId);
      if (scope.schoolYear) query = query.where('school_year', '=', scope.schoolYear);
      if (scope.statuses) query = query.where('status', 'in', [...scope.statuses]);
      const rows = await query
        .orderBy('school_year', 'desc')
        .orderBy('revision_number', 'desc')
        .execute();
      return rows.map(toAssessment);
    },

    async listLineage(lineageId: string): Promise<AssessmentRecord[]> {
      const rows = await db
        .selectFrom('assessments')
        .selectAll()
        .where('lineage_id', '=', lineageId)
        .orderBy('revision_number')
        .execute();
      return rows.map(toAssessment);
    },

    async listCriteria(assessmentId: string): Promise<CriterionRecord[]> {
      const rows = await db
        .selectFrom('assessment_criteria')
        .selectAll()
        .where('assessment_id', '=', assessmentId)
        .execute();
      return rows.map(toCriterion);
    },

    async findCriterion(assessmentId: string, code: string): Promise<CriterionRecord | undefined> {
      const row = await db
        .selectFrom('assessment_criteria')
        .selectAll()
        .where('assessment_id', '=', assessmentId)
        .where('criterion_code', '=', code)
        .executeTakeFirst();
      return row ? toCriterion(row) : undefined;
    },

    /** The criteria with these codes in several assessments (history across years). */
    async listCriteriaOf(assessmentIds: string[], codes: string[]): Promise<CriterionRecord[]> {
      if (assessmentIds.length === 0 || codes.length === 0) return [];
      const rows = await db
        .selectFrom('assessment_criteria')
        .selectAll()
        .where('assessment_id', 'in', assessmentIds)
        .where('criterion_code', 'in', codes)
        .execute();
      return rows.map(toCriterion);
    },

    async listStandards(assessmentId: string): Promise<StandardRecord[]> {
      const rows = await db
        .selectFrom('assessment_standards')
        .selectAll()
        .where('assessment_id', '=', assessmentId)
        .execute();
      return rows.map(toStandard);
    },

    async listLevel4(assessmentId: string): Promise<Level4Record[]> {
      const rows = await db
        .selectFrom('assessment_level4')
        .selectAll()
        .where('assessment_id', '=', assessmentId)
        .execute();
      return rows.map(toLevel4);
    },

    /** Saves criterion fields (see `saveChildFields`); `compute` gives every value to store. */
    saveCriterionFields(
      assessmentId: string,
      criterionCode: string,
      baseVersion: number,
      changedFields: string[],
      compute: (current: CriterionRecord) => CriterionValues,
      now: string,
    ): Promise<FieldSaveOutcome<CriterionRecord>> {
      return saveChildFields({
        table: 'assessment_criteria',
        keyColumn: 'criterion_code',
        assessmentId,
        key: criterionCode,
        baseVersion,
        changedFields,
        read: toCriterion as (row: never) => CriterionRecord,
        compute,
        columns: criterionColumns,
        now,
      });
    },

    saveStandardFields(
      assessmentId: string,
      standardCode: string,
      baseVersion: number,
      changedFields: string[],
      compute: (current: StandardRecord) => StandardValues,
      now: string,
    ): Promise<FieldSaveOutcome<StandardRecord>> {
      return saveChildFields({
        table: 'assessment_standards',
        keyColumn: 'standard_code',
        assessmentId,
        key: standardCode,
        baseVersion,
        changedFields,
        read: toStandard as (row: never) => StandardRecord,
        compute,
        columns: standardColumns,
        now,
      });
    },

    saveLevel4Fields(
      assessmentId: string,
      itemKey: string,
      baseVersion: number,
      changedFields: string[],
      compute: (current: Level4Record) => Level4Values,
      now: string,
    ): Promise<FieldSaveOutcome<Level4Record>> {
      return saveChildFields({
        table: 'assessment_level4',
        keyColumn: 'item_key',
        assessmentId,
        key: itemKey,
        baseVersion,
        changedFields,
        read: toLevel4 as (row: never) => Level4Record,
        compute,
        columns: level4Columns,
        now,
      });
    },

    /**
     * Saves assessment-level parts (council, work plan, settings, report texts) read at
     * `baseVersion`, by field (`"council"`, `"report.context"`…), under the caller's lock.
     */
    async saveAssessmentParts(
      current: AssessmentRecord,
      baseVersion: number,
      changedFields: string[],
      parts: AssessmentParts,
      now: string,
    ): Promise<FieldSaveOutcome<AssessmentRecord>> {
      const decision = decideFieldSave(current, baseVersion, changedFields);
      if (!decision.ok) return { outcome: 'conflict' };
      const result = await db
        .updateTable('assessments')
        .set({
          council_json: json(parts.council),
          work_plan_json: json(parts.workPlan),
          settings_json: json(parts.settings),
          report_json: json(parts.report),
          carried_fields_json: json(parts.carriedFields),
          field_versions_json: json(decision.fieldVersions),
          version: decision.next,
          updated_at: now,
        })
        .where('id', '=', current.id)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return { outcome: 'conflict' };
      await touchContent(current.id);
      return {
        outcome: 'saved',
        before: current,
        after: {
          ...current,
          ...parts,
          fieldVersions: decision.fieldVersions,
          version: decision.next,
          updatedAt: now,
        },
      };
    },

    /** A lifecycle transition, if the version is still `version`. */
    async updateStatus(
      id: string,
      version: number,
      change: AssessmentStatusChange,
      now: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('assessments')
        .set({
          status: change.status,
          ...(change.submittedAt !== undefined ? { submitted_at: change.submittedAt } : {}),
          ...(change.approvedAt !== undefined ? { approved_at: change.approvedAt } : {}),
          ...(change.approvedByUserId !== undefined
            ? { approved_by_user_id: change.approvedByUserId }
            : {}),
          version: version + 1,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      const ok = Number(result.numUpdatedRows) === 1;
      if (ok) await touchContent(id);
      return ok;
    },

    async insertSnapshot(snapshot: AssessmentSnapshotRecord): Promise<void> {
      await db
        .insertInto('assessment_snapshots')
        .values({
          assessment_id: snapshot.assessmentId,
          content_json: snapshot.contentJson,
          content_hash: snapshot.contentHash,
          approved_at: snapshot.approvedAt,
          approved_by_user_id: snapshot.approvedByUserId,
        })
        .execute();
      await touchContent(snapshot.assessmentId);
    },

    async findSnapshot(assessmentId: string): Promise<AssessmentSnapshotRecord | undefined> {
      const row = await db
        .selectFrom('assessment_snapshots')
        .selectAll()
        .where('assessment_id', '=', assessmentId)
        .executeTakeFirst();
      return row
        ? {
            assessmentId: row.assessment_id,
            contentJson: row.content_json,
            contentHash: row.content_hash,
            approvedAt: row.approved_at,
            approvedByUserId: row.approved_by_user_id,
          }
        : undefined;
    },
  };
}

export type AssessmentRepository = ReturnType<typeof createAssessmentRepository>;
