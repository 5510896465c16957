import {
  DEFAULT_LAYOUTS,
  FRAMEWORK_REGIMES,
  parseSchoolYear,
  regimeOfSchoolYear,
  selectFrameworkCode,
  spreadPosition,
  type FrameworkCode,
  type PlanLayout,
} from '@caitien/core';
import type { BoundRepositories, FrameworkRepository, Repositories } from '@caitien/db';
import type { PlanDetail, PlanInterchange } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { isUniqueViolation } from '../../kernel/unique-violation.ts';
import type { RecordAudit, VersionedWriter } from '../../kernel/versioned-write.ts';
import { authorize } from '../auth/authorize.ts';
import type { UnitService } from '../units/unit.service.ts';
import {
  completeHeader,
  DEFAULT_REVIEW_ROUNDS,
  defaultSections,
  headerFromProfile,
  type PlanAssessmentBasis,
} from './plan-defaults.ts';
import type { PlanReader } from './plan-reader.ts';
import { interchangeRowColumns } from './plan-rows.ts';

/** What creating a plan takes from its caller (a new plan, an import, a carry-over). */
export interface NewPlanInput {
  schoolYear: string;
  frameworkCode?: FrameworkCode | undefined;
  frameworkReason?: string | undefined;
  layout?: PlanLayout | undefined;
}

/**
 * The approved self-assessment a plan of this school and year rests on (the assessments module
 * answers: the report approved for that year, else for the year before; null when none).
 */
export type ApprovedAssessmentForPlan = (
  schoolId: string,
  schoolYear: string,
) => Promise<(Omit<PlanAssessmentBasis, 'schoolName'> & { assessmentId: string }) | null>;

const duplicateYear = (schoolYear: string, planId: string | undefined) =>
  new AppError(
    'CONFLICT',
    `Trường đã có kế hoạch năm học ${schoolYear}; hãy mở kế hoạch đó hoặc tạo bản điều chỉnh.`,
    { planId },
  );

/**
 * Creating plans: a new plan for a school year, one from interchange JSON, and the shared steps the
 * carry-over uses. One plan lineage per school and year: checked first for a clear answer, and kept
 * by the database's unique index when simultaneous creations race past the check (each loser → 409
 * pointing at the plan that won).
 */
export function createPlanCreation(deps: {
  repositories: Pick<Repositories, 'plans' | 'units' | 'people'>;
  frameworkRepository: Pick<FrameworkRepository, 'findVersionHead' | 'lockVersion'>;
  unitService: Pick<UnitService, 'loadSchool'>;
  reader: PlanReader;
  write: VersionedWriter;
  clock: Clock;
  ids: IdGenerator;
  /** The default Căn cứ names this assessment and gives its results (plan-defaults.ts). */
  approvedAssessmentForPlan?: ApprovedAssessmentForPlan | undefined;
}) {
  const { repositories: repos, frameworkRepository, unitService, reader, write, clock, ids } = deps;

  /**
   * Validates and prepares a new plan for a school year (all reads happen here). The framework
   * follows the school's level and the year (CONTRACTS.md "Ids and regimes"); an override needs a
   * reason.
   */
  async function prepareNewPlan(ctx: ServiceContext, schoolId: string, input: NewPlanInput) {
    const school = await unitService.loadSchool(ctx, schoolId);
    authorize(ctx.actor, 'plan.edit', school.path, 'Không tìm thấy trường này.');
    const profile = await repos.units.findProfile(school.id);
    const level = profile?.schoolLevels[0];
    if (!profile || !level) {
      throw new AppError(
        'VALIDATION_ERROR',
        'Hãy khai báo cấp học trong hồ sơ trường trước khi lập kế hoạch.',
      );
    }
    const year = parseSchoolYear(input.schoolYear);
    if (!year)
      throw new AppError('VALIDATION_ERROR', 'Năm học không hợp lệ.', {
        fields: [{ field: 'schoolYear', message: 'Ví dụ 2026-2027' }],
      });
    const existing = await repos.plans.findPlanOfYear(school.id, input.schoolYear);
    if (existing) throw duplicateYear(input.schoolYear, existing.id);
    const chosen = selectFrameworkCode({ schoolLevel: level, schoolYear: input.schoolYear });
    let code: FrameworkCode | null = chosen;
    let reason = '';
    if (input.frameworkCode && input.frameworkCode !== chosen) {
      if (!input.frameworkReason?.trim()) {
        throw new AppError(
          'VALIDATION_ERROR',
          'Chọn bộ tiêu chuẩn khác với quy định cần ghi lý do.',
          {
            fields: [{ field: 'frameworkReason', message: 'Không được để trống' }],
          },
        );
      }
      code = input.frameworkCode;
      reason = input.frameworkReason;
    }
    const head = code ? await frameworkRepository.findVersionHead(code) : undefined;
    if (code && !head) throw new AppError('NOT_FOUND', `Không tìm thấy bộ tiêu chuẩn “${code}”.`);
    // The framework's regime; a plan kept without a framework follows its school year.
    const regime = code
      ? FRAMEWORK_REGIMES[code]
      : (regimeOfSchoolYear(input.schoolYear) ?? '2018');
    const people = await repos.people.listPeople(school.id);
    const approved = deps.approvedAssessmentForPlan
      ? await deps.approvedAssessmentForPlan(school.id, input.schoolYear)
      : null;
    const supervisors = await repos.units.findByIds(profile.supervisingUnitIds);
    return {
      id: ids.next(),
      now: clock.now().toISOString(),
      school,
      schoolYear: input.schoolYear,
      regime,
      code,
      reason,
      frameworkId: head?.id ?? null,
      layout: input.layout ?? DEFAULT_LAYOUTS[regime],
      assessment: approved ? { ...approved, schoolName: school.name } : null,
      header: headerFromProfile({
        profile,
        schoolName: school.name,
        schoolYear: input.schoolYear,
        people,
        supervisorNames: supervisors.map((s) => s.name),
      }),
    };
  }

  type PreparedPlan = Awaited<ReturnType<typeof prepareNewPlan>>;

  /** Writes a prepared plan (and its TT57 review rounds) inside the caller's transaction. */
  async function writeNewPlan(
    tx: BoundRepositories,
    record: RecordAudit,
    ctx: ServiceContext,
    prepared: PreparedPlan,
    carriedFromPlanId: string | null = null,
  ) {
    await tx.plans.insertPlan({
      id: prepared.id,
      lineageId: prepared.id,
      revisionNumber: 0,
      schoolId: prepared.school.id,
      schoolYear: prepared.schoolYear,
      regime: prepared.regime,
      frameworkId: prepared.frameworkId,
      frameworkReason: prepared.reason,
      status: 'draft',
      layout: prepared.layout,
      hiddenColumns: [],
      header: prepared.header,
      sections: defaultSections({
        regime: prepared.regime,
        frameworkCode: prepared.code,
        schoolYear: prepared.schoolYear,
        assessment: prepared.assessment,
      }),
      carriedFromPlanId,
      submittedAt: null,
      approvedAt: null,
      approvedByUserId: null,
      now: prepared.now,
      createdByUserId: ctx.audit.actorUserId,
    });
    if (prepared.regime === '2026') {
      for (const [position, roundLabel] of DEFAULT_REVIEW_ROUNDS.entries()) {
        await tx.plans.insertReview({
          id: ids.next(),
          planId: prepared.id,
          position,
          roundLabel,
          content: '',
          result: '',
          adjustment: '',
          reviewer: '',
        });
      }
    }
    await record({
      action: 'plan.create',
      entityType: 'plan',
      entityId: prepared.id,
      unit: { id: prepared.school.id, path: prepared.school.path },
      summary: `Tạo kế hoạch cải tiến năm học ${prepared.schoolYear} (${prepared.frameworkId ?? 'không gắn bộ tiêu chuẩn'})`,
      after: {
        schoolYear: prepared.schoolYear,
        frameworkId: prepared.frameworkId,
        reason: prepared.reason,
        basisAssessmentId: prepared.assessment?.assessmentId ?? null,
      },
    });
  }

  /**
   * Runs a new plan's transaction. A unique violation means a simultaneous creation of the same
   * school year committed first: 409 naming that plan. Afterwards the framework version it uses
   * becomes immutable (a correction now makes a new version), and the plan is answered.
   */
  async function createWith(
    ctx: ServiceContext,
    prepared: PreparedPlan,
    work: Parameters<VersionedWriter>[1],
  ): Promise<PlanDetail> {
    try {
      await write(ctx, work);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await repos.plans.findPlanOfYear(prepared.school.id, prepared.schoolYear);
      throw duplicateYear(prepared.schoolYear, winner?.id);
    }
    if (prepared.frameworkId)
      await frameworkRepository.lockVersion(prepared.frameworkId, prepared.now);
    return reader.reloadDetail(prepared.id);
  }

  return {
    prepareNewPlan,
    writeNewPlan,
    createWith,

    /**
     * A new plan for a school year. The framework follows the school's level and the year
     * (CONTRACTS.md "Ids and regimes"); an override needs a reason. The framework version used
     * becomes immutable.
     */
    async createPlan(ctx: ServiceContext, schoolId: string, input: NewPlanInput) {
      const prepared = await prepareNewPlan(ctx, schoolId, input);
      return createWith(ctx, prepared, (tx, record) => writeNewPlan(tx, record, ctx, prepared));
    },

    /**
     * A draft plan from interchange JSON: the header, sections and every row's texts are taken as
     * they are; time, budget and people are parsed again against this school's year and directory.
     */
    async importPlan(
      ctx: ServiceContext,
      schoolId: string,
      doc: PlanInterchange,
    ): Promise<PlanDetail> {
      if (!doc.plan.schoolYear) {
        throw new AppError(
          'VALIDATION_ERROR',
          'Tệp không ghi năm học; hãy bổ sung năm học trước khi nhập.',
          {
            fields: [{ field: 'plan.schoolYear', message: 'Không được để trống' }],
          },
        );
      }
      const frameworkCode = doc.plan.frameworkId?.split('@')[0] as FrameworkCode | undefined;
      const prepared = await prepareNewPlan(ctx, schoolId, {
        schoolYear: doc.plan.schoolYear,
        layout: doc.plan.layout,
        ...(frameworkCode ? { frameworkCode, frameworkReason: 'Theo kế hoạch được nhập' } : {}),
      });
      const directory = await reader.directoryOf(prepared.school.id);
      return createWith(ctx, prepared, async (tx, record) => {
        // Fields the file leaves empty come from the school profile, as for a new plan.
        const header = completeHeader(doc.header, prepared.header).header;
        await writeNewPlan(tx, record, ctx, { ...prepared, header }, null);
        await tx.plans.updatePlan(
          prepared.id,
          1,
          { sections: doc.sections, hiddenColumns: doc.plan.hiddenColumns },
          prepared.now,
        );
        for (const [index, row] of doc.rows.entries()) {
          await tx.plans.insertRow({
            ...interchangeRowColumns(row, { schoolYear: prepared.schoolYear, directory }),
            id: ids.next(),
            planId: prepared.id,
            position: spreadPosition(index),
            originRowId: null,
            carryCount: row.carryCount,
            now: prepared.now,
          });
        }
        for (const [position, f] of doc.focusIssues.entries()) {
          await tx.plans.insertFocusIssue({ id: ids.next(), planId: prepared.id, position, ...f });
        }
      });
    },
  };
}

export type PlanCreation = ReturnType<typeof createPlanCreation>;
