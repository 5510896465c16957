import {
  ASSESSMENT_NOUNS,
  type AssessmentCouncil,
  type AssessmentReportTexts,
  type AssessmentSettings,
  type AssessmentWorkPlan,
  type CriterionMarks,
} from '@caitien/core';
import type {
  AssessmentParts,
  AssessmentRecord,
  CriterionValues,
  FieldSaveOutcome,
  Repositories,
  StandardValues,
} from '@caitien/db';
import { STANDARD_TEXT_FIELDS, type AssessmentDetail } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import { assertContentEditable } from '../../kernel/lifecycle.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { StaleWrite, type VersionedWriter } from '../../kernel/versioned-write.ts';
import { refuseMarks } from './assessment-computation.ts';
import type { AssessmentEvidenceHooks } from './assessment-hooks.ts';
import {
  toApiCriterion,
  toApiLevel4,
  toApiStandard,
  type AssessmentReader,
} from './assessment-reader.ts';
import {
  assertAssignee,
  assertCouncil,
  assertDescribedLevels,
  assertMarkKeys,
} from './assessment-validation.ts';

const notFound = (what: string) =>
  new AppError('NOT_FOUND', `Không tìm thấy ${what} trong báo cáo tự đánh giá này.`);

/** The fields of a body that are present, `version` aside. */
function presentFields(body: Record<string, unknown>): string[] {
  return Object.keys(body).filter((k) => k !== 'version' && body[k] !== undefined);
}

/**
 * Editing an assessment: a criterion's marks, texts and assignee; a standard's texts; a Mức 4 item;
 * the council, work plan, settings and report texts. Each save sends the changed fields and the
 * version it started from (per-field versions, CONTRACTS.md "Concurrent edits"); each runs under
 * the assessment's lock with access and "approved → make a revision" decided again there, and is
 * audited in its transaction. An edited field leaves `carriedFields`.
 */
export function createAssessmentEdit(deps: {
  repositories: Pick<Repositories, 'assessments' | 'people'>;
  reader: AssessmentReader;
  write: VersionedWriter;
  evidence: AssessmentEvidenceHooks;
  clock: Clock;
}) {
  const { repositories: repos, reader, write, evidence, clock } = deps;

  /** Loads for an edit: access, then the lifecycle (approved → 409, make a revision). */
  async function loadForEdit(ctx: ServiceContext, assessmentId: string) {
    const loaded = await reader.loadAssessment(ctx, assessmentId, 'edit');
    assertContentEditable(loaded.assessment.status, ASSESSMENT_NOUNS);
    return loaded;
  }

  /** Runs a child save under the assessment's lock; conflict → 409 with `current()`. */
  async function saveUnderLock<T>(
    ctx: ServiceContext,
    loaded: Awaited<ReturnType<typeof loadForEdit>>,
    save: (
      tx: Parameters<Parameters<VersionedWriter>[1]>[0],
      locked: AssessmentRecord,
    ) => Promise<FieldSaveOutcome<T>>,
    missing: () => AppError,
    audit: (saved: {
      before: T;
      after: T;
    }) => Parameters<Parameters<Parameters<VersionedWriter>[1]>[1]>[0],
    current: () => Promise<unknown>,
  ): Promise<T> {
    const { assessment, school } = loaded;
    return write(
      ctx,
      async (tx, record) => {
        const locked = await reader.lockAssessment(tx, ctx, assessment.id, 'edit', school.path);
        assertContentEditable(locked.status, ASSESSMENT_NOUNS);
        const outcome = await save(tx, locked);
        if (outcome.outcome !== 'saved')
          throw outcome.outcome === 'missing' ? missing() : new StaleWrite();
        await record(audit(outcome));
        return outcome.after;
      },
      current,
    );
  }

  async function knownCodes(assessmentId: string): Promise<ReadonlySet<string> | null> {
    const { codes } = await evidence.summary(assessmentId);
    return codes === null ? null : new Set(codes);
  }

  /** Saves assessment-level parts (`council`, `workPlan`, `settings`, `report.<key>`). */
  async function saveParts(
    ctx: ServiceContext,
    assessmentId: string,
    version: number,
    changes: Partial<Omit<AssessmentParts, 'carriedFields' | 'report'>> & {
      report?: Partial<AssessmentReportTexts>;
    },
    action: string,
    summary: string,
  ): Promise<AssessmentDetail> {
    const loaded = await loadForEdit(ctx, assessmentId);
    const { assessment, school } = loaded;
    const fields = [
      ...(['council', 'workPlan', 'settings'] as const).filter((f) => changes[f] !== undefined),
      ...Object.keys(changes.report ?? {}).map((k) => `report.${k}`),
    ];
    if (changes.council) {
      const people = await repos.people.listPeople(assessment.schoolId);
      assertCouncil(changes.council, new Set(people.map((p) => p.id)));
    }
    await write(
      ctx,
      async (tx, record) => {
        const locked = await reader.lockAssessment(tx, ctx, assessment.id, 'edit', school.path);
        assertContentEditable(locked.status, ASSESSMENT_NOUNS);
        const parts: AssessmentParts = {
          council: changes.council ?? locked.council,
          workPlan: changes.workPlan ?? locked.workPlan,
          settings: changes.settings ?? locked.settings,
          report: { ...locked.report, ...changes.report },
          carriedFields: locked.carriedFields.filter((f) => !fields.includes(f)),
        };
        const outcome = await tx.assessments.saveAssessmentParts(
          locked,
          version,
          fields,
          parts,
          clock.now().toISOString(),
        );
        if (outcome.outcome !== 'saved') throw new StaleWrite();
        await record({
          action,
          entityType: 'assessment',
          entityId: assessment.id,
          unit: school,
          summary: `${summary} (năm học ${assessment.schoolYear})`,
          before: Object.fromEntries(
            (['council', 'workPlan', 'settings'] as const)
              .filter((f) => changes[f] !== undefined)
              .map((f) => [f, locked[f]]),
          ),
          after: changes,
        });
      },
      () => reader.currentDetail(assessment.id),
    );
    return reader.reloadDetail(assessment.id);
  }

  return {
    async updateCriterion(
      ctx: ServiceContext,
      assessmentId: string,
      criterionCode: string,
      body: {
        /** Only the indicators this save changes; `null` unmarks one. */
        marks?: Record<string, boolean | null> | undefined;
        description?: string | undefined;
        levelDescriptions?: Record<string, string> | undefined;
        strengths?: string | undefined;
        weaknesses?: string | undefined;
        improvementPlan?: string | undefined;
        assignee?: { memberId: string | null; groupId: string | null } | undefined;
        version: number;
      },
    ) {
      const loaded = await loadForEdit(ctx, assessmentId);
      const { assessment } = loaded;
      const framework = await reader.frameworkOf(assessment.frameworkId);
      const existing = await repos.assessments.findCriterion(assessment.id, criterionCode);
      if (!existing) throw notFound(`tiêu chí ${criterionCode}`);
      if (body.marks) assertMarkKeys(framework, criterionCode, body.marks);
      const markChanges = Object.entries(body.marks ?? {});
      // Only what this save changes (a key stored earlier, sent back as it is, never blocks a save).
      if (body.levelDescriptions)
        assertDescribedLevels(
          framework,
          criterionCode,
          Object.fromEntries(
            Object.entries(body.levelDescriptions).filter(
              ([k, v]) => existing.levelDescriptions[k] !== v,
            ),
          ),
        );
      // Each sent indicator is a field of its own ("marks.1.a"): two people marking different
      // indicators of one criterion both succeed; a row whose marks were saved whole before keeps
      // its "marks" version, which still guards every indicator (`decideFieldSave`).
      const fields = [
        ...presentFields(body).filter((f) => f !== 'marks'),
        ...markChanges.map(([key]) => `marks.${key}`),
      ];
      const known = await knownCodes(assessment.id);
      const saved = await saveUnderLock(
        ctx,
        loaded,
        (tx, locked) =>
          tx.assessments.saveCriterionFields(
            assessment.id,
            criterionCode,
            body.version,
            fields,
            (current): CriterionValues => {
              if (body.assignee) assertAssignee(locked.council, body.assignee);
              // The sent marks over the stored ones, read under the lock in this transaction.
              const marks: CriterionMarks = { ...current.marks };
              for (const [key, value] of markChanges) {
                if (value === null) delete marks[key];
                else marks[key] = value;
              }
              const next: CriterionValues = {
                marks,
                description: body.description ?? current.description,
                levelDescriptions: body.levelDescriptions ?? current.levelDescriptions,
                strengths: body.strengths ?? current.strengths,
                weaknesses: body.weaknesses ?? current.weaknesses,
                improvementPlan: body.improvementPlan ?? current.improvementPlan,
                assigneeMemberId: body.assignee ? body.assignee.memberId : current.assigneeMemberId,
                assigneeGroupId: body.assignee ? body.assignee.groupId : current.assigneeGroupId,
                carriedFields: current.carriedFields.filter(
                  (f) => !fields.includes(f) && !(f === 'marks' && markChanges.length > 0),
                ),
              };
              const refusal = refuseMarks({
                regime: locked.regime,
                settings: locked.settings,
                before: current.marks,
                marks: next.marks,
                levelDescriptions: next.levelDescriptions,
                knownCodes: known,
              });
              if (refusal) throw new AppError('CONFLICT', refusal, { reason: 'mark_refused' });
              return next;
            },
            clock.now().toISOString(),
          ),
        () => notFound(`tiêu chí ${criterionCode}`),
        ({ before, after }) => ({
          action: 'assessment.criterion.update',
          entityType: 'assessment_criterion',
          entityId: before.id,
          unit: loaded.school,
          summary: `Sửa tiêu chí ${criterionCode} của báo cáo tự đánh giá năm học ${assessment.schoolYear}`,
          before: Object.fromEntries(fields.map((f) => [f, fieldOf(before, f)])),
          after: Object.fromEntries(fields.map((f) => [f, fieldOf(after, f)])),
        }),
        async () => {
          const current = await repos.assessments.findCriterion(assessment.id, criterionCode);
          return current ? toApiCriterion(current, known) : null;
        },
      );
      return toApiCriterion(saved, known);
    },

    async updateStandard(
      ctx: ServiceContext,
      assessmentId: string,
      standardCode: string,
      body: Partial<StandardValues> & { version: number },
    ) {
      const loaded = await loadForEdit(ctx, assessmentId);
      const { assessment } = loaded;
      const fields = presentFields(body).filter((f) =>
        (STANDARD_TEXT_FIELDS as readonly string[]).includes(f),
      );
      const saved = await saveUnderLock(
        ctx,
        loaded,
        (tx) =>
          tx.assessments.saveStandardFields(
            assessment.id,
            standardCode,
            body.version,
            fields,
            (current) => {
              const next: StandardValues = { ...current };
              for (const f of STANDARD_TEXT_FIELDS) next[f] = body[f] ?? current[f];
              return next;
            },
            clock.now().toISOString(),
          ),
        () => notFound(`tiêu chuẩn ${standardCode}`),
        ({ before, after }) => ({
          action: 'assessment.standard.update',
          entityType: 'assessment_standard',
          entityId: before.id,
          unit: loaded.school,
          summary: `Sửa phần đánh giá tiêu chuẩn ${standardCode} (năm học ${assessment.schoolYear})`,
          before: Object.fromEntries(fields.map((f) => [f, before[f as keyof StandardValues]])),
          after: Object.fromEntries(fields.map((f) => [f, after[f as keyof StandardValues]])),
        }),
        async () => {
          const all = await repos.assessments.listStandards(assessment.id);
          const current = all.find((s) => s.standardCode === standardCode);
          return current ? toApiStandard(current) : null;
        },
      );
      return toApiStandard(saved);
    },

    async updateLevel4(
      ctx: ServiceContext,
      assessmentId: string,
      itemKey: string,
      body: { met?: boolean | null | undefined; description?: string | undefined; version: number },
    ) {
      const loaded = await loadForEdit(ctx, assessmentId);
      const { assessment } = loaded;
      const fields = presentFields(body);
      const saved = await saveUnderLock(
        ctx,
        loaded,
        (tx) =>
          tx.assessments.saveLevel4Fields(
            assessment.id,
            itemKey,
            body.version,
            fields,
            (current) => ({
              met: body.met !== undefined ? body.met : current.met,
              description: body.description ?? current.description,
              carriedFields: current.carriedFields.filter((f) => !fields.includes(f)),
            }),
            clock.now().toISOString(),
          ),
        () => notFound(`mục Mức 4 “${itemKey}”`),
        ({ before, after }) => ({
          action: 'assessment.level4.update',
          entityType: 'assessment_level4',
          entityId: before.id,
          unit: loaded.school,
          summary: `Sửa mục Mức 4 “${itemKey}” (năm học ${assessment.schoolYear})`,
          before: { met: before.met, description: before.description },
          after: { met: after.met, description: after.description },
        }),
        async () => {
          const all = await repos.assessments.listLevel4(assessment.id);
          const current = all.find((l) => l.itemKey === itemKey);
          return current ? toApiLevel4(current) : null;
        },
      );
      return toApiLevel4(saved);
    },

    updateCouncil: (
      ctx: ServiceContext,
      assessmentId: string,
      council: AssessmentCouncil,
      version: number,
    ) =>
      saveParts(
        ctx,
        assessmentId,
        version,
        { council },
        'assessment.council.update',
        'Sửa hội đồng tự đánh giá',
      ),

    updateWorkPlan: (
      ctx: ServiceContext,
      assessmentId: string,
      workPlan: AssessmentWorkPlan,
      version: number,
    ) =>
      saveParts(
        ctx,
        assessmentId,
        version,
        { workPlan },
        'assessment.work_plan.update',
        'Sửa kế hoạch tự đánh giá',
      ),

    updateSettings: (
      ctx: ServiceContext,
      assessmentId: string,
      settings: AssessmentSettings,
      version: number,
    ) =>
      saveParts(
        ctx,
        assessmentId,
        version,
        { settings },
        'assessment.settings.update',
        'Sửa thiết lập tự đánh giá',
      ),

    updateReport: (
      ctx: ServiceContext,
      assessmentId: string,
      report: Partial<AssessmentReportTexts>,
      version: number,
    ) =>
      saveParts(
        ctx,
        assessmentId,
        version,
        {
          report: Object.fromEntries(
            Object.entries(report).filter(([, v]) => v !== undefined),
          ) as Partial<AssessmentReportTexts>,
        },
        'assessment.report.update',
        'Sửa phần chung của báo cáo tự đánh giá',
      ),
  };
}

/** A criterion's value of a body field, for the audit entry. */
function fieldOf(c: CriterionValues, field: string): unknown {
  // One indicator's mark ("marks.1.a"); null when unmarked.
  if (field.startsWith('marks.')) return c.marks[field.slice('marks.'.length)] ?? null;
  if (field === 'assignee') return { memberId: c.assigneeMemberId, groupId: c.assigneeGroupId };
  return c[field as keyof CriterionValues];
}
