import {
  FRAMEWORK_REGIMES,
  findCriterionMapping,
  formatSchoolYear,
  parseSchoolYear,
  selectFrameworkCode,
  type FrameworkCode,
  type FrameworkDefinition,
  type SchoolLevel,
} from '@caitien/core';
import type {
  AssessmentRecord,
  BoundRepositories,
  CriterionRecord,
  FrameworkRepository,
  NewAssessment,
  NewCriterion,
  NewLevel4,
  NewStandard,
  Repositories,
} from '@caitien/db';
import type { AssessmentDetail, AssessmentInterchange } from '@caitien/shared';
import type { z } from 'zod';
import type { assessmentCarryOverReportSchema } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { isUniqueViolation } from '../../kernel/unique-violation.ts';
import type { RecordAudit, VersionedWriter } from '../../kernel/versioned-write.ts';
import { authorize } from '../auth/authorize.ts';
import type { UnitService } from '../units/unit.service.ts';
import {
  defaultSettings,
  emptyCouncil,
  emptyReport,
  emptyWorkPlan,
  frameworkRows,
} from './assessment-defaults.ts';
import type { AssessmentEvidenceHooks } from './assessment-hooks.ts';
import { frameworkCodeOf, type AssessmentReader } from './assessment-reader.ts';
import { assertInterchangeParts, assertMarkKeys, invalid } from './assessment-validation.ts';

type CarryOverReport = z.infer<typeof assessmentCarryOverReportSchema>;

const SCHOOL_NOT_FOUND = 'Không tìm thấy trường này.';

const duplicateYear = (schoolYear: string, assessmentId: string | undefined) =>
  new AppError(
    'CONFLICT',
    `Trường đã có báo cáo tự đánh giá năm học ${schoolYear}; hãy mở báo cáo đó hoặc tạo bản điều chỉnh.`,
    { assessmentId },
  );

/** The framework of a school level and year: the plans' rule; GDTX always assesses under TT57. */
export function assessmentFrameworkCode(level: SchoolLevel, schoolYear: string): FrameworkCode {
  return selectFrameworkCode({ schoolLevel: level, schoolYear }) ?? 'TT57-GDTX';
}

const CRITERION_TEXT_FIELDS = [
  'description',
  'strengths',
  'weaknesses',
  'improvementPlan',
] as const;

/**
 * Starting the year's assessment: the framework by school level and year (override with a
 * reason), one row per criterion, standard and Mức 4 item; optionally from last year's (texts,
 * marks, Mức 4, council, work plan, report texts and — through the evidence hook — evidence, each
 * listed in `carriedFields` until edited; across 2018 → TT57 texts go through the criterion
 * mapping and what could not be mapped is said). One lineage per school and year: checked first,
 * kept by the unique index under a race (→ 409 naming the winner). Also the interchange import.
 */
export function createAssessmentCreation(deps: {
  repositories: Pick<Repositories, 'assessments' | 'units' | 'people'>;
  frameworkRepository: Pick<FrameworkRepository, 'findVersionHead' | 'lockVersion'>;
  unitService: Pick<UnitService, 'loadSchool'>;
  reader: AssessmentReader;
  write: VersionedWriter;
  evidence: AssessmentEvidenceHooks;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { repositories: repos, frameworkRepository, unitService, reader, write, clock, ids } = deps;

  async function prepare(
    ctx: ServiceContext,
    schoolId: string,
    input: { schoolYear: string; frameworkCode?: FrameworkCode | undefined; reason?: string },
  ) {
    const school = await unitService.loadSchool(ctx, schoolId);
    authorize(ctx.actor, 'plan.edit', school.path, SCHOOL_NOT_FOUND);
    const profile = await repos.units.findProfile(school.id);
    const level = profile?.schoolLevels[0];
    if (!level)
      throw new AppError(
        'VALIDATION_ERROR',
        'Hãy khai báo cấp học trong hồ sơ trường trước khi tự đánh giá.',
      );
    if (!parseSchoolYear(input.schoolYear))
      throw invalid('Năm học không hợp lệ (ví dụ 2026-2027).', 'schoolYear');
    const existing = await repos.assessments.listAssessments({
      schoolId: school.id,
      schoolYear: input.schoolYear,
    });
    if (existing.length > 0) throw duplicateYear(input.schoolYear, existing[0]?.id);
    const chosen = assessmentFrameworkCode(level, input.schoolYear);
    let code = chosen;
    let reason = '';
    if (input.frameworkCode && input.frameworkCode !== chosen) {
      if (!input.reason?.trim())
        throw invalid('Chọn bộ tiêu chuẩn khác với quy định cần ghi lý do.', 'frameworkReason');
      code = input.frameworkCode;
      reason = input.reason;
    }
    const head = await frameworkRepository.findVersionHead(code);
    if (!head) throw new AppError('NOT_FOUND', `Không tìm thấy bộ tiêu chuẩn “${code}”.`);
    const framework = await reader.frameworkOf(head.id);
    return {
      id: ids.next(),
      now: clock.now().toISOString(),
      school: { id: school.id, path: school.path, name: school.name },
      schoolYear: input.schoolYear,
      code,
      reason,
      frameworkId: head.id,
      framework,
    };
  }

  type Prepared = Awaited<ReturnType<typeof prepare>>;

  function newRecord(ctx: ServiceContext, prepared: Prepared): NewAssessment & { now: string } {
    return {
      id: prepared.id,
      lineageId: prepared.id,
      revisionNumber: 0,
      schoolId: prepared.school.id,
      schoolYear: prepared.schoolYear,
      regime: FRAMEWORK_REGIMES[prepared.code],
      frameworkId: prepared.frameworkId,
      frameworkReason: prepared.reason,
      status: 'draft',
      settings: defaultSettings(),
      council: emptyCouncil(),
      workPlan: emptyWorkPlan(),
      report: emptyReport(),
      carriedFields: [],
      carriedFromAssessmentId: null,
      submittedAt: null,
      approvedAt: null,
      approvedByUserId: null,
      createdByUserId: ctx.audit.actorUserId,
      now: prepared.now,
    };
  }

  /** Runs the creating transaction; a unique violation → 409 naming the assessment that won. */
  async function createWith(
    ctx: ServiceContext,
    prepared: Prepared,
    work: (tx: BoundRepositories, record: RecordAudit) => Promise<void>,
  ): Promise<void> {
    try {
      await write(ctx, work);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const [winner] = await repos.assessments.listAssessments({
        schoolId: prepared.school.id,
        schoolYear: prepared.schoolYear,
      });
      throw duplicateYear(prepared.schoolYear, winner?.id);
    }
    // From now on the framework version is immutable (a correction makes a new version).
    await frameworkRepository.lockVersion(prepared.frameworkId, prepared.now);
  }

  function auditCreate(prepared: Prepared, summary: string, after: unknown) {
    return {
      action: 'assessment.create',
      entityType: 'assessment',
      entityId: prepared.id,
      unit: { id: prepared.school.id, path: prepared.school.path },
      summary,
      after,
    };
  }

  /**
   * What "start from last year" puts in the new assessment: per criterion its texts (and marks
   * when the framework is the same), through the criterion mapping when the regime changed.
   */
  function carryCriteria(
    from: { framework: FrameworkDefinition; criteria: CriterionRecord[] },
    to: { framework: FrameworkDefinition; rows: NewCriterion[] },
  ) {
    const fromCode = from.framework.code;
    const toCode = to.framework.code;
    const sameFramework = fromCode === toCode;
    const unmapped: CarryOverReport['unmapped'] = [];
    // Old code → new code.
    const criterionMap = new Map<string, string>();
    const known = new Set(to.rows.map((r) => r.criterionCode));
    if (from.framework.regime === to.framework.regime) {
      for (const c of from.criteria) {
        if (known.has(c.criterionCode)) criterionMap.set(c.criterionCode, c.criterionCode);
        else
          unmapped.push({
            criterionCode: c.criterionCode,
            note: `Tiêu chí ${c.criterionCode} không có trong ${toCode}.`,
          });
      }
    } else {
      const mapping = findCriterionMapping(fromCode, toCode);
      for (const c of from.criteria) {
        const entry = mapping?.criteria.find((e) => e.from === c.criterionCode);
        if (entry?.to && known.has(entry.to)) criterionMap.set(c.criterionCode, entry.to);
        else
          unmapped.push({
            criterionCode: c.criterionCode,
            note: entry
              ? entry.note
              : `Chưa có bảng chuyển đổi tiêu chí từ ${fromCode} sang ${toCode}.`,
          });
      }
    }
    const carried: CarryOverReport['carriedCriteria'] = [];
    const byTarget = new Map<string, CriterionRecord[]>();
    for (const c of from.criteria) {
      const target = criterionMap.get(c.criterionCode);
      if (!target) continue;
      byTarget.set(target, [...(byTarget.get(target) ?? []), c]);
      carried.push({ from: c.criterionCode, to: target });
    }
    const rows = to.rows.map((row) => {
      const sources = byTarget.get(row.criterionCode) ?? [];
      if (sources.length === 0) return row;
      const next: NewCriterion = { ...row, carriedFields: [] };
      // Several old criteria into one: each text marked with the criterion it came from.
      const join = (pick: (c: CriterionRecord) => string) => {
        const parts = sources.map((s) => ({ code: s.criterionCode, text: pick(s) }));
        const filled = parts.filter((p) => p.text !== '');
        if (sameFramework || filled.length <= 1) return filled.map((p) => p.text).join('\n\n');
        return filled.map((p) => `(Tiêu chí ${p.code} năm trước) ${p.text}`).join('\n\n');
      };
      for (const field of CRITERION_TEXT_FIELDS) {
        const text = join((c) => c[field]);
        if (text !== '') {
          next[field] = text;
          next.carriedFields.push(field);
        }
      }
      const [only] = sources;
      if (sameFramework && only) {
        if (Object.keys(only.marks).length > 0) {
          next.marks = only.marks;
          next.carriedFields.push('marks');
        }
        if (Object.values(only.levelDescriptions).some((t) => t !== '')) {
          next.levelDescriptions = only.levelDescriptions;
          next.carriedFields.push('levelDescriptions');
        }
        if (only.assigneeMemberId !== null || only.assigneeGroupId !== null) {
          next.assigneeMemberId = only.assigneeMemberId;
          next.assigneeGroupId = only.assigneeGroupId;
          next.carriedFields.push('assignee');
        }
      } else if (to.framework.regime === '2026' && from.framework.regime === '2018') {
        // The 2018 description reads as the TT57 Mức 1 description until the council rewrites it.
        const description = next.description;
        if (description !== '') {
          next.levelDescriptions = { '1': description };
          next.description = '';
          next.carriedFields = next.carriedFields
            .filter((f) => f !== 'description')
            .concat('levelDescriptions');
        }
      }
      return next;
    });
    return {
      rows,
      carried,
      unmapped,
      criterionMap: sameFramework ? null : criterionMap,
    };
  }

  /** Last year's assessment of the school: the newest revision of the previous school year. */
  async function previousAssessment(schoolId: string, schoolYear: string) {
    const year = parseSchoolYear(schoolYear);
    const previousYear = year ? formatSchoolYear(year.startYear - 1) : null;
    const [previous] = previousYear
      ? await repos.assessments.listAssessments({ schoolId, schoolYear: previousYear })
      : [];
    if (!previous || !previousYear)
      throw new AppError(
        'NOT_FOUND',
        `Trường chưa có báo cáo tự đánh giá năm học ${previousYear ?? 'trước'} để mang sang.`,
      );
    return previous;
  }

  return {
    async createAssessment(
      ctx: ServiceContext,
      schoolId: string,
      input: {
        schoolYear: string;
        frameworkCode?: FrameworkCode | undefined;
        frameworkReason?: string | undefined;
        carryFrom: 'none' | 'previous';
      },
    ): Promise<AssessmentDetail & { carryOver: CarryOverReport | null }> {
      const prepared = await prepare(ctx, schoolId, {
        schoolYear: input.schoolYear,
        frameworkCode: input.frameworkCode,
        reason: input.frameworkReason ?? '',
      });
      const record = newRecord(ctx, prepared);
      let rows = frameworkRows(prepared.framework, () => ids.next());
      let report: CarryOverReport | null = null;
      let source: AssessmentRecord | null = null;
      let criterionMap: Map<string, string> | null = null;
      if (input.carryFrom === 'previous') {
        source = await previousAssessment(prepared.school.id, prepared.schoolYear);
        const sourceFramework = await reader.frameworkOf(source.frameworkId);
        const [criteria, standards, level4] = await Promise.all([
          repos.assessments.listCriteria(source.id),
          repos.assessments.listStandards(source.id),
          repos.assessments.listLevel4(source.id),
        ]);
        const carried = carryCriteria(
          { framework: sourceFramework, criteria },
          { framework: prepared.framework, rows: rows.criteria },
        );
        criterionMap = carried.criterionMap;
        const sameRegime = sourceFramework.regime === prepared.framework.regime;
        const standardsByCode = new Map(standards.map((s) => [s.standardCode, s]));
        const level4ByKey = new Map(level4.map((l) => [l.itemKey, l]));
        rows = {
          criteria: carried.rows,
          standards: rows.standards.map((s): NewStandard => {
            const from = sameRegime ? standardsByCode.get(s.standardCode) : undefined;
            return from ? { ...from, id: s.id } : s;
          }),
          level4: rows.level4.map((l): NewLevel4 => {
            const from = sameRegime ? level4ByKey.get(l.itemKey) : undefined;
            if (!from) return l;
            const carriedFields = [
              ...(from.met !== null ? ['met'] : []),
              ...(from.description !== '' ? ['description'] : []),
            ];
            return { ...l, met: from.met, description: from.description, carriedFields };
          }),
        };
        record.council = source.council;
        record.workPlan = {
          ...source.workPlan,
          steps: source.workPlan.steps.map((s) => ({ ...s, done: false })),
        };
        record.report = source.report;
        record.settings = source.settings;
        record.carriedFromAssessmentId = source.id;
        record.carriedFields = [
          ...(source.council.members.length > 0 ? ['council'] : []),
          'workPlan',
          ...Object.entries(source.report)
            .filter(([, text]) => text !== '')
            .map(([key]) => `report.${key}`),
        ];
        const regimeChange =
          sourceFramework.code === prepared.framework.code
            ? null
            : { from: sourceFramework.code, to: prepared.framework.code };
        report = {
          fromAssessmentId: source.id,
          fromSchoolYear: source.schoolYear,
          regimeChange,
          carriedCriteria: carried.carried,
          unmapped: carried.unmapped,
          evidence: { carried: 0, converted: [], notCarried: [], warnings: [] },
          message:
            `Đã mang sang nội dung của ${carried.carried.length} tiêu chí từ báo cáo năm học ${source.schoolYear}` +
            (carried.unmapped.length > 0
              ? `; ${carried.unmapped.length} tiêu chí không chuyển được (${carried.unmapped.map((u) => u.criterionCode).join(', ')}), nhà trường tự chọn tiêu chí tương ứng.`
              : '.'),
        };
      }
      const from = source;
      const map = criterionMap;
      await createWith(ctx, prepared, async (tx, audit) => {
        await tx.assessments.insertAssessment(record, rows);
        if (from && report)
          report.evidence = await deps.evidence.carryOver(tx, {
            fromId: from.id,
            toId: prepared.id,
            criterionMap: map,
          });
        // Progress files of the school's plan waiting for an assessment become its minh chứng.
        const adopted =
          (await deps.evidence.adoptProgressFiles?.(tx, {
            id: prepared.id,
            schoolId: prepared.school.id,
            schoolYear: prepared.schoolYear,
            regime: FRAMEWORK_REGIMES[prepared.code],
          })) ?? 0;
        await audit(
          auditCreate(
            prepared,
            `Bắt đầu tự đánh giá năm học ${prepared.schoolYear} (${prepared.frameworkId})${from ? `, mang sang từ năm học ${from.schoolYear}` : ''}`,
            {
              schoolYear: prepared.schoolYear,
              frameworkId: prepared.frameworkId,
              reason: prepared.reason,
              carriedFrom: from?.id ?? null,
              progressFilesAdopted: adopted,
            },
          ),
        );
      });
      return { ...(await reader.reloadDetail(prepared.id)), carryOver: report };
    },

    /** A draft assessment from interchange JSON (texts as written; marks checked by the framework). */
    async importAssessment(
      ctx: ServiceContext,
      schoolId: string,
      doc: AssessmentInterchange,
    ): Promise<AssessmentDetail> {
      const head = await frameworkRepository.findVersionHead(doc.assessment.frameworkId);
      const prepared = await prepare(ctx, schoolId, {
        schoolYear: doc.assessment.schoolYear,
        frameworkCode: doc.assessment.frameworkCode,
        reason: `Nhập từ tệp JSON (${doc.assessment.frameworkId})`,
      });
      // The file's own framework version when this server has it.
      const frameworkId =
        head && frameworkCodeOf(head.id) === doc.assessment.frameworkCode
          ? doc.assessment.frameworkId
          : prepared.frameworkId;
      const framework = await reader.frameworkOf(frameworkId);
      const rows = frameworkRows(framework, () => ids.next());
      const byCode = new Map(doc.criteria.map((c) => [c.criterionCode, c]));
      const known = new Set(rows.criteria.map((r) => r.criterionCode));
      const unknown = doc.criteria.filter((c) => !known.has(c.criterionCode));
      if (unknown.length > 0)
        throw invalid(
          `Tệp có tiêu chí không thuộc ${framework.code}: ${unknown.map((c) => c.criterionCode).join(', ')}.`,
          'criteria',
        );
      assertInterchangeParts(
        framework,
        {
          standardCodes: new Set(rows.standards.map((r) => r.standardCode)),
          criterionCodes: known,
          level4Keys: new Set(rows.level4.map((r) => r.itemKey)),
        },
        doc,
      );
      // A criterion named twice in one evidence's citations cites it once.
      const evidence = doc.evidence.map((e) => ({
        ...e,
        criterionCodes: [...new Set(e.criterionCodes)],
      }));
      const record = newRecord(ctx, { ...prepared, frameworkId });
      record.frameworkId = frameworkId;
      // Members picked from another school's (or server's) directory keep their names, typed.
      const staff = new Set((await repos.people.listPeople(prepared.school.id)).map((p) => p.id));
      record.council = {
        ...doc.council,
        members: doc.council.members.map((m) =>
          m.personId !== null && !staff.has(m.personId) ? { ...m, personId: null } : m,
        ),
      };
      const memberIds = new Set(doc.council.members.map((m) => m.id));
      const groupIds = new Set(doc.council.groups.map((g) => g.id));
      record.workPlan = doc.workPlan;
      record.settings = doc.settings;
      record.report = doc.report;
      const criteria = rows.criteria.map((row) => {
        const c = byCode.get(row.criterionCode);
        if (!c) return row;
        assertMarkKeys(framework, row.criterionCode, c.marks);
        return {
          ...row,
          marks: c.marks,
          description: c.description,
          levelDescriptions: c.levelDescriptions,
          strengths: c.strengths,
          weaknesses: c.weaknesses,
          improvementPlan: c.improvementPlan,
          // An assignee the file's council does not have is left unassigned.
          assigneeMemberId:
            c.assigneeMemberId !== null && memberIds.has(c.assigneeMemberId)
              ? c.assigneeMemberId
              : null,
          assigneeGroupId:
            c.assigneeGroupId !== null && groupIds.has(c.assigneeGroupId)
              ? c.assigneeGroupId
              : null,
        };
      });
      const standardsByCode = new Map(doc.standards.map((s) => [s.standardCode, s]));
      const level4ByKey = new Map(doc.level4.map((l) => [l.key, l]));
      const withPrepared = { ...prepared, frameworkId };
      await createWith(ctx, withPrepared, async (tx, audit) => {
        await tx.assessments.insertAssessment(record, {
          criteria,
          standards: rows.standards.map((s) => {
            const from = standardsByCode.get(s.standardCode);
            return from ? { ...from, id: s.id } : s;
          }),
          level4: rows.level4.map((l) => {
            const from = level4ByKey.get(l.itemKey);
            return from ? { ...l, met: from.met, description: from.description } : l;
          }),
        });
        await deps.evidence.importMetadata(tx, prepared.id, evidence);
        await audit(
          auditCreate(
            withPrepared,
            `Nhập báo cáo tự đánh giá năm học ${prepared.schoolYear} từ tệp JSON`,
            { schoolYear: prepared.schoolYear, frameworkId, evidence: evidence.length },
          ),
        );
      });
      return reader.reloadDetail(prepared.id);
    },
  };
}
