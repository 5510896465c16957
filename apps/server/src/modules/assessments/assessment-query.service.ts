import {
  findCriterionMapping,
  FRAMEWORK_REGIMES,
  readableAssessmentStatuses,
  type CriterionMarks,
  type FrameworkCode,
} from '@caitien/core';
import type { Repositories } from '@caitien/db';
import {
  ASSESSMENT_INTERCHANGE_FORMAT_VERSION,
  type AssessmentInterchange,
  type criterionHistorySchema,
} from '@caitien/shared';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { DetailCache, SerializedDetail } from '../../kernel/detail-cache.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { authorize } from '../auth/authorize.ts';
import type { UnitService } from '../units/unit.service.ts';
import { assertAssessmentAccess, ASSESSMENT_NOT_FOUND } from './assessment-access.ts';
import { computeResults } from './assessment-computation.ts';
import type { AssessmentEvidenceHooks } from './assessment-hooks.ts';
import { frameworkCodeOf, type AssessmentReader } from './assessment-reader.ts';
import { criterionContent } from './assessment-seal.ts';
import { assertMarkKeys, invalid } from './assessment-validation.ts';

type CriterionHistory = z.infer<typeof criterionHistorySchema>;

/**
 * Reading assessments: the school's list (the policy's status scope in SQL), one assessment (bytes
 * cached per content sequence through the kernel's detail cache), what-if results, a criterion's
 * history across years and revisions, and the interchange JSON.
 */
export function createAssessmentQueries(deps: {
  repositories: Pick<Repositories, 'assessments' | 'units'>;
  unitService: Pick<UnitService, 'loadSchool'>;
  reader: AssessmentReader;
  evidence: AssessmentEvidenceHooks;
  detailCache: DetailCache;
  clock: Clock;
}) {
  const { repositories: repos, unitService, reader, evidence, detailCache, clock } = deps;

  return {
    async listAssessments(ctx: ServiceContext, schoolId: string, schoolYear?: string) {
      const school = await unitService.loadSchool(ctx, schoolId);
      authorize(ctx.actor, 'plan.read', school.path, 'Không tìm thấy trường này.');
      const items = await repos.assessments.listAssessments({
        schoolId: school.id,
        schoolYear,
        statuses: readableAssessmentStatuses(ctx.actor, school.path),
      });
      return items.map((a) => ({
        id: a.id,
        lineageId: a.lineageId,
        revisionNumber: a.revisionNumber,
        schoolId: a.schoolId,
        schoolYear: a.schoolYear,
        regime: a.regime,
        frameworkId: a.frameworkId,
        frameworkCode: frameworkCodeOf(a.frameworkId),
        status: a.status,
        approvedAt: a.approvedAt,
        updatedAt: a.updatedAt,
        version: a.version,
      }));
    },

    async getAssessment(ctx: ServiceContext, id: string) {
      const { assessment } = await reader.loadAssessment(ctx, id, 'read');
      return reader.detail(assessment);
    },

    /**
     * The assessment as `GET /api/assessments/:id` sends it: access decided first from one small
     * query, then bytes serialised once per content sequence (as plans). The assessment row is read
     * before its parts, so an entry is never older than its key. The TT57 "days left" moves with
     * the date, so the day is part of the key.
     */
    async readAssessment(ctx: ServiceContext, id: string): Promise<SerializedDetail> {
      const access = await repos.assessments.findAssessmentAccess(id);
      if (!access) throw new AppError('NOT_FOUND', ASSESSMENT_NOT_FOUND);
      assertAssessmentAccess(ctx.actor, 'read', access);
      const day = Math.floor(clock.now().getTime() / 86_400_000);
      const key = `${access.id}@${day}`;
      const cached = detailCache.get(key, access.contentSeq);
      if (cached) return cached;
      const assessment = await repos.assessments.findAssessment(access.id);
      if (!assessment) throw new AppError('NOT_FOUND', ASSESSMENT_NOT_FOUND);
      assertAssessmentAccess(ctx.actor, 'read', {
        schoolPath: access.schoolPath,
        status: assessment.status,
      });
      const detail = await reader.detail(assessment);
      return detailCache.put(detail, assessment.contentSeq, key);
    },

    /** Results with some marks changed; nothing is saved (the same computation as the page). */
    async whatIf(
      ctx: ServiceContext,
      id: string,
      input: {
        criteria: Record<string, CriterionMarks>;
        level4: Record<string, boolean | null>;
      },
    ) {
      const { assessment } = await reader.loadAssessment(ctx, id, 'read');
      const framework = await reader.frameworkOf(assessment.frameworkId);
      const [criteria, level4] = await Promise.all([
        repos.assessments.listCriteria(id),
        repos.assessments.listLevel4(id),
      ]);
      const codes = new Set(criteria.map((c) => c.criterionCode));
      for (const [code, marks] of Object.entries(input.criteria)) {
        if (!codes.has(code))
          throw invalid(
            `Không có tiêu chí ${code} trong bộ tiêu chuẩn ${framework.code}.`,
            'criteria',
          );
        assertMarkKeys(framework, code, marks);
      }
      const keys = new Set(level4.map((l) => l.itemKey));
      for (const key of Object.keys(input.level4))
        if (!keys.has(key)) throw invalid(`Không có mục Mức 4 “${key}”.`, 'level4');
      return computeResults(
        framework,
        criteria.map((c) => ({
          criterionCode: c.criterionCode,
          marks: input.criteria[c.criterionCode] ?? c.marks,
        })),
        level4.map((l) => ({
          itemKey: l.itemKey,
          met: l.itemKey in input.level4 ? (input.level4[l.itemKey] ?? null) : l.met,
        })),
      );
    },

    /**
     * The same criterion across the school's assessments the caller may read (every year and
     * revision, this one included), newest first, with its level in each. Across a regime change
     * (2018 → TT57) a code means another criterion: the earlier ones are found through the
     * criterion mapping (each old criterion that maps to this one; several may).
     */
    async criterionHistory(
      ctx: ServiceContext,
      id: string,
      criterionCode: string,
    ): Promise<CriterionHistory> {
      const { assessment, school } = await reader.loadAssessment(ctx, id, 'read');
      const own = await repos.assessments.findCriterion(id, criterionCode);
      if (!own)
        throw new AppError(
          'NOT_FOUND',
          `Không tìm thấy tiêu chí ${criterionCode} trong báo cáo tự đánh giá này.`,
        );
      const code = frameworkCodeOf(assessment.frameworkId);
      const all = await repos.assessments.listAssessments({
        schoolId: assessment.schoolId,
        statuses: readableAssessmentStatuses(ctx.actor, school.path),
      });
      /** The codes of this criterion in an assessment of framework `from`. */
      const codesIn = (from: FrameworkCode): string[] => {
        if (from === code || FRAMEWORK_REGIMES[from] === FRAMEWORK_REGIMES[code])
          return [criterionCode];
        const mapping = findCriterionMapping(from, code);
        return mapping
          ? mapping.criteria.filter((e) => e.to === criterionCode).map((e) => e.from)
          : [];
      };
      const wanted = new Map(all.map((a) => [a.id, codesIn(frameworkCodeOf(a.frameworkId))]));
      const rows = await repos.assessments.listCriteriaOf(
        all.map((a) => a.id),
        [...new Set([...wanted.values()].flat())],
      );
      const items: CriterionHistory['items'] = [];
      for (const a of all) {
        const codes = wanted.get(a.id) ?? [];
        const framework = await reader.frameworkOf(a.frameworkId);
        for (const c of rows.filter(
          (r) => r.assessmentId === a.id && codes.includes(r.criterionCode),
        )) {
          const results = computeResults(framework, [c], []);
          items.push({
            assessmentId: a.id,
            schoolYear: a.schoolYear,
            revisionNumber: a.revisionNumber,
            status: a.status,
            frameworkCode: frameworkCodeOf(a.frameworkId),
            criterionCode: c.criterionCode,
            marks: c.marks,
            level: results.criteria[c.criterionCode]?.level ?? null,
            description: c.description,
            levelDescriptions: c.levelDescriptions,
            strengths: c.strengths,
            weaknesses: c.weaknesses,
            improvementPlan: c.improvementPlan,
          });
        }
      }
      return { criterionCode, items };
    },

    /** The assessment in the interchange format, with the evidence metadata. */
    async exportAssessment(ctx: ServiceContext, id: string): Promise<AssessmentInterchange> {
      const { assessment, school } = await reader.loadAssessment(ctx, id, 'read');
      const detail = await reader.detail(assessment);
      return {
        formatVersion: ASSESSMENT_INTERCHANGE_FORMAT_VERSION,
        generator: 'CaiTien',
        exportedAt: clock.now().toISOString(),
        assessment: {
          schoolYear: assessment.schoolYear,
          regime: assessment.regime,
          frameworkCode: frameworkCodeOf(assessment.frameworkId),
          frameworkId: assessment.frameworkId,
          status: assessment.status,
          revisionNumber: assessment.revisionNumber,
          snapshotHash: detail.snapshotHash,
        },
        school: { name: school.name },
        council: assessment.council,
        workPlan: assessment.workPlan,
        settings: assessment.settings,
        report: assessment.report,
        standards: detail.standards.map(({ version: _v, ...s }) => s),
        criteria: detail.criteria.map(criterionContent),
        level4: detail.level4.map((l) => ({ key: l.key, met: l.met, description: l.description })),
        evidence: await evidence.exportMetadata(id),
      };
    },
  };
}
