import { formatSchoolYear, parseSchoolYear, readableAssessmentStatuses } from '@caitien/core';
import type { AssessmentRecord, PlanRecord, Repositories } from '@caitien/db';
import type { z } from 'zod';
import type {
  PlanDetail,
  planAssessmentBasisSchema,
  proposePlanRowsResponseSchema,
} from '@caitien/shared';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { assertPlanAccess } from '../plans/plan-access.ts';
import { applyAssessmentBasis, assessmentBasisLinesOf } from '../plans/plan-defaults.ts';
import type { PlanService } from '../plans/plan.service.ts';
import { computeResults, proposedPlanRows, weakCriteria } from './assessment-computation.ts';
import type { AssessmentReader } from './assessment-reader.ts';
import { criterionCodesOf, invalid } from './assessment-validation.ts';

type ProposeResponse = z.infer<typeof proposePlanRowsResponseSchema>;
type PlanBasis = z.infer<typeof planAssessmentBasisSchema>;

/**
 * The assessment feeding the plan (issue 12): "propose plan rows" from weak criteria into the
 * school's draft plan of the same year — created through the plan module's row service, so the
 * plan's rules, versions and audit apply, each row linked to its criterion and to this assessment
 * (`plan_rows.source_assessment_id`) —, the weak criteria the plan check "weak criterion with no
 * row" reads (the school's latest assessment of the plan's year), and the Căn cứ lines and summary
 * counts the plan takes from the APPROVED assessment (`GET /api/plans/:planId/assessment-basis`).
 */
export function createAssessmentPlanLink(deps: {
  repositories: Pick<Repositories, 'assessments' | 'plans' | 'units'>;
  reader: AssessmentReader;
  planService: Pick<PlanService, 'addChosenRows' | 'updatePlan'>;
}) {
  const { repositories: repos, reader, planService } = deps;

  /** The school's plan of a year to write into: its newest revision. */
  async function planOfYear(schoolId: string, schoolYear: string): Promise<PlanRecord> {
    const plan = await repos.plans.findPlanOfYear(schoolId, schoolYear);
    if (!plan)
      throw new AppError(
        'CONFLICT',
        `Trường chưa có kế hoạch cải tiến năm học ${schoolYear}: hãy tạo kế hoạch trước rồi đề xuất dòng từ báo cáo tự đánh giá.`,
        { reason: 'no_plan' },
      );
    if (plan.status !== 'draft')
      throw new AppError(
        'CONFLICT',
        plan.status === 'approved'
          ? `Kế hoạch năm học ${schoolYear} đã được phê duyệt: hãy tạo bản điều chỉnh, bổ sung của kế hoạch trước khi thêm dòng.`
          : `Kế hoạch năm học ${schoolYear} đã trình, không thêm dòng được; hãy để hiệu trưởng trả lại hoặc phê duyệt rồi điều chỉnh.`,
        { reason: 'plan_not_draft', planId: plan.id },
      );
    return plan;
  }

  /** The weak criteria of an assessment (levels not met, weaknesses, improvement texts). */
  async function weakOf(assessment: AssessmentRecord) {
    const framework = await reader.frameworkOf(assessment.frameworkId);
    const [criteria, level4] = await Promise.all([
      repos.assessments.listCriteria(assessment.id),
      repos.assessments.listLevel4(assessment.id),
    ]);
    const results = computeResults(framework, criteria, level4);
    return {
      framework,
      criteria,
      level4,
      results,
      weak: weakCriteria(framework, criteria, results),
    };
  }

  /**
   * The approved assessment a plan of this school and year rests on (ARCHITECTURE.md "Plans and
   * the self-assessment"): the one approved for the plan's year, else for the year before — the
   * report is approved before 15/6 (TT57 Điều 9), so a plan written as a year opens rests on last
   * year's. The newest approved revision of that year; undefined when there is none.
   */
  async function approvedFor(
    schoolId: string,
    schoolYear: string,
  ): Promise<AssessmentRecord | undefined> {
    const year = parseSchoolYear(schoolYear);
    const years = year ? [schoolYear, formatSchoolYear(year.startYear - 1)] : [schoolYear];
    for (const y of years) {
      const [approved] = await repos.assessments.listAssessments({
        schoolId,
        schoolYear: y,
        statuses: ['approved'],
      });
      if (approved) return approved;
    }
    return undefined;
  }

  /** The Căn cứ data of an approved assessment: its year, approval date and summary counts. */
  async function basisOf(approved: AssessmentRecord) {
    const { results } = await weakOf(approved);
    return {
      assessmentId: approved.id,
      schoolYear: approved.schoolYear,
      approvedAt: approved.approvedAt,
      summary: results.summary,
      schoolLevel: results.school.schoolLevel,
    };
  }

  async function schoolNameOf(schoolId: string): Promise<string> {
    return (await repos.units.findById(schoolId))?.name ?? '';
  }

  return {
    /**
     * Issue 14 (public disclosure): the summary of the approved assessment a plan rests on (see
     * {@link approvedFor}) as a school may publish it: the school's level and its reason, the summary
     * lines, and each standard's criteria with the level reached. Undefined levels stay null.
     */
    async publicAssessmentSummary(schoolId: string, schoolYear: string) {
      const approved = await approvedFor(schoolId, schoolYear);
      if (!approved) return null;
      const { framework, results } = await weakOf(approved);
      return {
        assessmentId: approved.id,
        schoolYear: approved.schoolYear,
        approvedAt: approved.approvedAt ?? '',
        frameworkCode: framework.code,
        schoolLevel: results.school.schoolLevel,
        schoolLevelReason: results.school.reason,
        summary: results.summary,
        standards: framework.standards.map((s) => ({
          code: s.code,
          title: s.title,
          criteria: s.criteria.map((c) => ({
            code: c.code,
            title: c.title,
            level: results.criteria[c.code]?.level ?? null,
          })),
        })),
      };
    },

    /** See {@link approvedFor}; what a new plan's default Căn cứ cites (plan-creation.service.ts). */
    async approvedAssessmentForPlan(schoolId: string, schoolYear: string) {
      const approved = await approvedFor(schoolId, schoolYear);
      return approved ? basisOf(approved) : null;
    },

    /**
     * POST /api/plans/:planId/assessment-basis/apply: the Căn cứ lines about the self-assessment and
     * the results paragraph of the plan's sections replaced by the current approved assessment's
     * (plan-defaults.ts `applyAssessmentBasis`; the school's own lines are kept), saved through the
     * plan's versioned update (stale → 409 with the current plan; approved → 409 "make a revision")
     * and audited as `plan.assessment_basis`.
     */
    async applyPlanBasis(
      ctx: ServiceContext,
      planId: string,
      input: { version: number },
    ): Promise<PlanDetail> {
      const plan = await repos.plans.findPlan(planId);
      const access = plan ? await repos.plans.findPlanAccess(planId) : undefined;
      if (!plan || !access) throw new AppError('NOT_FOUND', 'Không tìm thấy kế hoạch này.');
      assertPlanAccess(ctx.actor, 'edit', access);
      const approved = await approvedFor(plan.schoolId, plan.schoolYear);
      if (!approved) {
        const year = parseSchoolYear(plan.schoolYear);
        const previous = year ? ` hoặc năm học ${formatSchoolYear(year.startYear - 1)}` : '';
        throw new AppError(
          'CONFLICT',
          `Trường chưa có báo cáo tự đánh giá được phê duyệt của năm học ${plan.schoolYear}${previous}; hãy phê duyệt báo cáo tự đánh giá trước khi lấy căn cứ cho kế hoạch.`,
          { reason: 'no_approved_assessment' },
        );
      }
      const basis = await basisOf(approved);
      const sections = applyAssessmentBasis(plan.sections, {
        ...basis,
        schoolName: await schoolNameOf(plan.schoolId),
      });
      if (!sections)
        throw new AppError(
          'CONFLICT',
          'Kế hoạch không có mục “Căn cứ xây dựng kế hoạch”; hãy thêm mục này trước khi lấy căn cứ từ báo cáo tự đánh giá.',
          { reason: 'no_bases_section' },
        );
      return planService.updatePlan(
        ctx,
        plan.id,
        { sections, version: input.version },
        {
          action: 'plan.assessment_basis',
          summary: `Lấy căn cứ và kết quả từ báo cáo tự đánh giá năm học ${basis.schoolYear} vào kế hoạch năm học ${plan.schoolYear}`,
          after: { assessmentId: basis.assessmentId },
        },
      );
    },

    async proposePlanRows(
      ctx: ServiceContext,
      assessmentId: string,
      input: { dryRun: boolean; criterionCodes?: string[] | undefined },
    ): Promise<ProposeResponse> {
      const { assessment, school } = await reader.loadAssessment(ctx, assessmentId, 'edit');
      const plan = await planOfYear(assessment.schoolId, assessment.schoolYear);
      assertPlanAccess(ctx.actor, 'edit', { schoolPath: school.path, status: plan.status });
      const { framework, criteria, level4, results, weak } = await weakOf(assessment);
      const wanted = input.criterionCodes ? new Set(input.criterionCodes) : null;
      // A code the framework does not have would silently propose nothing: name it instead.
      const knownCodes = new Set([
        ...criterionCodesOf(framework),
        ...framework.level4Items.map((i) => i.key),
      ]);
      const unknown = [...(wanted ?? [])].filter((code) => !knownCodes.has(code));
      if (unknown.length > 0)
        throw invalid(
          `Không có tiêu chí ${unknown.map((c) => `“${c}”`).join(', ')} trong ${framework.code}; hãy chọn tiêu chí của báo cáo tự đánh giá.`,
          'criterionCodes',
        );
      /** The proposals and the weak criteria skipped, given the rows the plan holds. */
      const decide = (existing: { criterionCode: string | null; level4Key: string | null }[]) => {
        const proposals = proposedPlanRows({
          framework,
          regime: assessment.regime,
          criteria,
          level4,
          results,
          existing,
        }).filter(
          (p) =>
            wanted === null ||
            (p.criterionCode !== null && wanted.has(p.criterionCode)) ||
            (p.level4Key !== null && wanted.has(p.level4Key)),
        );
        const proposed = new Set(proposals.map((p) => p.criterionCode));
        const withRow = new Set(existing.map((r) => r.criterionCode));
        const skipped = weak
          .filter((w) => !proposed.has(w.criterionCode) && withRow.has(w.criterionCode))
          .filter((w) => wanted === null || wanted.has(w.criterionCode))
          .map((w) => ({
            criterionCode: w.criterionCode,
            reason: `Kế hoạch đã có dòng cho tiêu chí ${w.criterionCode}.`,
          }));
        return { proposals, skipped };
      };
      if (input.dryRun) {
        const existing = await repos.plans.listRows(plan.id);
        const { proposals, skipped } = decide(existing);
        return {
          planId: plan.id,
          dryRun: true,
          rows: proposals.map((p) => ({ ...p, rowId: null })),
          skipped,
        };
      }
      // Decided and written under the plan's lock: simultaneous proposals (two tabs, two servers)
      // cannot both add a criterion's row.
      let skipped: ProposeResponse['skipped'] = [];
      const added = await planService.addChosenRows(ctx, plan.id, (existing) => {
        const decided = decide(existing);
        skipped = decided.skipped;
        return decided.proposals.map((p) => ({
          proposal: p,
          group: p.group,
          standardCode: p.standardCode,
          criterionCode: p.criterionCode,
          level4Key: p.level4Key,
          currentState: p.currentState,
          content: p.content,
          target: p.target,
          sourceAssessmentId: assessment.id,
        }));
      });
      return {
        planId: plan.id,
        dryRun: false,
        rows: added.map(({ input: row, id }) => ({ ...row.proposal, rowId: id })),
        skipped,
      };
    },

    /**
     * The weak criteria the plan's checks read: those of the school's latest assessment of the
     * plan's year that the caller may read (null when there is none: the check stays silent).
     */
    async weakCriteriaForPlan(
      ctx: ServiceContext,
      plan: { schoolId: string; schoolYear: string; schoolPath: string },
    ) {
      const statuses = readableAssessmentStatuses(ctx.actor, plan.schoolPath);
      const all = await repos.assessments.listAssessments({
        schoolId: plan.schoolId,
        schoolYear: plan.schoolYear,
        statuses,
      });
      const [latest] = all;
      if (!latest) return null;
      return (await weakOf(latest)).weak;
    },

    /** What the plan editor shows from the assessment (see the module comment). */
    async planBasis(ctx: ServiceContext, planId: string): Promise<PlanBasis> {
      const plan = await repos.plans.findPlan(planId);
      const access = plan ? await repos.plans.findPlanAccess(planId) : undefined;
      if (!plan || !access) throw new AppError('NOT_FOUND', 'Không tìm thấy kế hoạch này.');
      assertPlanAccess(ctx.actor, 'read', access);
      const all = await repos.assessments.listAssessments({
        schoolId: plan.schoolId,
        schoolYear: plan.schoolYear,
      });
      // The approved assessment the plan rests on: this year's, else last year's.
      const approved = await approvedFor(plan.schoolId, plan.schoolYear);
      // The weak criteria of a draft only for those who may read drafts (staff: the approved one).
      const statuses = readableAssessmentStatuses(ctx.actor, access.schoolPath);
      const latest = all.find((a) => statuses === null || statuses.includes(a.status));
      let basisLines: string[] = [];
      let summary: string[] = [];
      let schoolLevel: number | null = null;
      if (approved) {
        const basis = await basisOf(approved);
        basisLines = assessmentBasisLinesOf({
          ...basis,
          schoolName: await schoolNameOf(plan.schoolId),
        });
        summary = basis.summary;
        schoolLevel = basis.schoolLevel;
      }
      const weak = latest ? (await weakOf(latest)).weak : [];
      return {
        approvedAssessmentId: approved?.id ?? null,
        approvedSchoolYear: approved?.schoolYear ?? null,
        approvedAt: approved?.approvedAt ?? null,
        basisLines,
        summary,
        schoolLevel,
        latestAssessmentId: latest?.id ?? null,
        weakCriteria: weak.map((w) => ({ criterionCode: w.criterionCode, reason: w.reason })),
      };
    },
  };
}

export type AssessmentPlanLink = ReturnType<typeof createAssessmentPlanLink>;
