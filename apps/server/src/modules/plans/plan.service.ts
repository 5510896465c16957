import { createHash } from 'node:crypto';
import {
  checkPlan,
  decide,
  decideCarryOver,
  describeCarryOver,
  type Actor,
  parseSchoolYear,
  PROGRESS_FIELDS,
  ROW_TEXT_FIELDS,
  selectFrameworkCode,
  type FrameworkCode,
  type FrameworkDefinition,
  type PlanLayout,
  type PlanStatus,
  type RowGroup,
  type RowTextField,
} from '@caitien/core';
import type {
  BoundRepositories,
  FrameworkRepository,
  PlanRecord,
  PlanRowRecord,
  Repositories,
  RowColumns,
} from '@caitien/db';
import {
  PLAN_INTERCHANGE_FORMAT_VERSION,
  type PlanDetail,
  type PlanInterchange,
} from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import { authorize, staleVersion, StaleWrite, withStaleCheck } from '../auth/authorize.ts';
import { auditContextOf, type ServiceContext } from '../auth/request-context.ts';
import type { UnitService } from '../units/unit.service.ts';
import {
  completeHeader,
  DEFAULT_REVIEW_ROUNDS,
  defaultSections,
  headerFromProfile,
} from './plan-defaults.ts';
import {
  createPlanDetailCache,
  type PlanDetailCache,
  type SerializedPlan,
} from './plan-detail-cache.ts';
import {
  columnOf,
  interchangeRowColumns,
  rowColumns,
  textsOf,
  toApiRow,
  type PlanDirectory,
} from './plan-rows.ts';

const PLAN_NOT_FOUND = 'Không tìm thấy kế hoạch này.';
const ROW_NOT_FOUND = 'Không tìm thấy dòng này trong kế hoạch.';
const APPROVED =
  'Kế hoạch đã được phê duyệt: nội dung không sửa được nữa. Hãy tạo bản điều chỉnh, bổ sung.';

const emptyTexts = (): Record<RowTextField, string> =>
  Object.fromEntries(ROW_TEXT_FIELDS.map((f) => [f, ''])) as Record<RowTextField, string>;

/** SHA-256 of the canonical content frozen by approval. */
export function hashPlanContent(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * Whether the actor may read a plan of this status in this school: 404 when not (CONTRACTS.md
 * "Access answers"). Staff read the school's approved plan only (issue 4 roles); office staff follow
 * drafts too (ARCHITECTURE.md "Open decisions").
 */
function assertMayRead(actor: Actor, status: PlanStatus, schoolPath: string): void {
  authorize(actor, 'plan.read', schoolPath, PLAN_NOT_FOUND);
  if (status !== 'draft') return;
  const mayEdit = decide(actor, 'plan.edit', schoolPath).allowed;
  const mayProgress = decide(actor, 'plan.progress', schoolPath).allowed;
  const isOffice = actor.assignments.some((a) => a.role === 'office_staff');
  if (!mayEdit && !mayProgress && !isOffice) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
}

/** The improvement plan: create, edit per cell, check, approve, revise. */
export function createPlanService(deps: {
  repositories: Repositories;
  frameworkRepository: FrameworkRepository;
  unitService: UnitService;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditWriter;
  /** Serialised plans by content sequence (one per service by default). */
  detailCache?: PlanDetailCache;
}) {
  const { repositories: repos, frameworkRepository, unitService, clock, ids, audit } = deps;
  const detailCache = deps.detailCache ?? createPlanDetailCache();

  async function loadPlan(
    ctx: ServiceContext,
    planId: string,
    action: 'plan.read' | 'plan.edit' | 'plan.approve' | 'plan.progress',
  ) {
    const plan = await repos.plans.findPlan(planId);
    if (!plan) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    const school = await repos.units.findById(plan.schoolId);
    if (!school) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    assertMayRead(ctx.auth.actor, plan.status, school.path);
    if (action !== 'plan.read') authorize(ctx.auth.actor, action, school.path, PLAN_NOT_FOUND);
    return { plan, school };
  }

  async function directoryOf(schoolId: string): Promise<PlanDirectory> {
    const [people, groups] = await Promise.all([
      repos.people.listPeople(schoolId),
      repos.people.listGroups(schoolId),
    ]);
    return {
      people: people.map((p) => ({ id: p.id, fullName: p.fullName, position: p.position })),
      groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        kind: g.kind,
        memberIds: g.members.map((m) => m.personId),
      })),
    };
  }

  /** The content an approval freezes: header, sections and rows' planned fields (not progress). */
  function frozenContent(plan: PlanRecord, rows: PlanRowRecord[], focus: unknown[]) {
    return {
      header: plan.header,
      sections: plan.sections,
      layout: plan.layout,
      frameworkId: plan.frameworkId,
      focusIssues: focus,
      rows: rows.map((r) => {
        const texts = textsOf(r);
        for (const f of PROGRESS_FIELDS) delete (texts as Partial<Record<RowTextField, string>>)[f];
        return {
          id: r.id,
          group: r.rowGroup,
          criterionCode: r.criterionCode,
          level4Key: r.level4Key,
          ...texts,
        };
      }),
    };
  }

  async function detail(plan: PlanRecord): Promise<PlanDetail> {
    const [rows, focus, reviews, snapshot] = await Promise.all([
      repos.plans.listRows(plan.id),
      repos.plans.listFocusIssues(plan.id),
      repos.plans.listReviews(plan.id),
      repos.plans.findSnapshot(plan.id),
    ]);
    return {
      id: plan.id,
      lineageId: plan.lineageId,
      revisionNumber: plan.revisionNumber,
      schoolId: plan.schoolId,
      schoolYear: plan.schoolYear,
      regime: plan.regime,
      frameworkId: plan.frameworkId,
      frameworkCode: (plan.frameworkId?.split('@')[0] as FrameworkCode | undefined) ?? null,
      frameworkReason: plan.frameworkReason,
      status: plan.status,
      layout: plan.layout,
      title: plan.header.subtitle,
      rowCount: rows.length,
      approvedAt: plan.approvedAt,
      updatedAt: plan.updatedAt,
      version: plan.version,
      hiddenColumns: plan.hiddenColumns,
      header: plan.header,
      sections: plan.sections,
      rows: rows.map(toApiRow),
      focusIssues: focus.map((f) => ({
        id: f.id,
        version: f.version,
        standardCode: f.standard_code,
        criterionCode: f.criterion_code,
        currentState: f.current_state,
        limitation: f.limitation,
        cause: f.cause,
      })),
      reviews: reviews.map((r) => ({
        id: r.id,
        version: r.version,
        roundLabel: r.round_label,
        content: r.content,
        result: r.result,
        adjustment: r.adjustment,
        reviewer: r.reviewer,
      })),
      carriedFromPlanId: plan.carriedFromPlanId,
      snapshotHash: snapshot?.content_hash ?? null,
    };
  }

  /** The current plan as answered, or null when it is gone (the 409 body of a stale write). */
  async function currentDetail(planId: string): Promise<PlanDetail | null> {
    const current = await repos.plans.findPlan(planId);
    return current ? detail(current) : null;
  }

  /** The plan as answered after a write. */
  async function reloadDetail(planId: string): Promise<PlanDetail> {
    const plan = await repos.plans.findPlan(planId);
    if (!plan) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    return detail(plan);
  }

  function assertEditable(plan: PlanRecord): void {
    if (plan.status === 'approved')
      throw new AppError('CONFLICT', APPROVED, { reason: 'approved' });
  }

  /**
   * Validates and prepares a new plan for a school year (all reads happen here). The framework
   * follows the school's level and the year (CONTRACTS.md "Ids and regimes"); an override needs a
   * reason.
   */
  async function prepareNewPlan(
    ctx: ServiceContext,
    schoolId: string,
    input: {
      schoolYear: string;
      frameworkCode?: FrameworkCode | undefined;
      frameworkReason?: string | undefined;
      layout?: PlanLayout | undefined;
    },
  ) {
    const school = await unitService.loadSchool(ctx, schoolId);
    authorize(ctx.auth.actor, 'plan.edit', school.path, 'Không tìm thấy trường này.');
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
    const existing = await repos.plans.listPlans({
      schoolId: school.id,
      schoolYear: input.schoolYear,
    });
    if (existing.length > 0) {
      throw new AppError(
        'CONFLICT',
        `Trường đã có kế hoạch năm học ${input.schoolYear}; hãy mở kế hoạch đó hoặc tạo bản điều chỉnh.`,
        {
          planId: existing[0]?.id,
        },
      );
    }
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
    const regime: '2018' | '2026' = code
      ? code.startsWith('TT57')
        ? '2026'
        : '2018'
      : year.startYear >= 2026
        ? '2026'
        : '2018';
    const people = await repos.people.listPeople(school.id);
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
      layout: input.layout ?? (regime === '2026' ? ('bieu2' as const) : ('A' as const)),
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

  /**
   * After a new plan's transaction: the framework version it uses becomes immutable (a correction
   * now makes a new version), and the plan is answered.
   */
  async function finishNewPlan(prepared: PreparedPlan): Promise<PlanDetail> {
    if (prepared.frameworkId)
      await frameworkRepository.lockVersion(prepared.frameworkId, prepared.now);
    return reloadDetail(prepared.id);
  }

  /** Writes a prepared plan (and its TT57 review rounds) inside the caller's transaction. */
  async function writeNewPlan(
    tx: BoundRepositories,
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
      }),
      carriedFromPlanId,
      submittedAt: null,
      approvedAt: null,
      approvedByUserId: null,
      now: prepared.now,
      createdByUserId: ctx.auth.user.id,
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
    await audit(tx, auditContextOf(ctx), {
      action: 'plan.create',
      entityType: 'plan',
      entityId: prepared.id,
      unit: { id: prepared.school.id, path: prepared.school.path },
      summary: `Tạo kế hoạch cải tiến năm học ${prepared.schoolYear} (${prepared.frameworkId ?? 'không gắn bộ tiêu chuẩn'})`,
      after: {
        schoolYear: prepared.schoolYear,
        frameworkId: prepared.frameworkId,
        reason: prepared.reason,
      },
    });
  }

  return {
    async listPlans(ctx: ServiceContext, schoolId: string, schoolYear?: string) {
      const school = await unitService.loadSchool(ctx, schoolId);
      authorize(ctx.auth.actor, 'plan.read', school.path, 'Không tìm thấy trường này.');
      const plans = await repos.plans.listPlans({ schoolId: school.id, schoolYear });
      const visible =
        decide(ctx.auth.actor, 'plan.edit', school.path).allowed ||
        decide(ctx.auth.actor, 'plan.progress', school.path).allowed
          ? plans
          : plans.filter(
              (p) =>
                p.status !== 'draft' ||
                ctx.auth.actor.assignments.some((a) => a.role === 'office_staff'),
            );
      const counts = await repos.plans.countRows(visible.map((p) => p.id));
      return visible.map((p) => ({
        id: p.id,
        lineageId: p.lineageId,
        revisionNumber: p.revisionNumber,
        schoolId: p.schoolId,
        schoolYear: p.schoolYear,
        regime: p.regime,
        frameworkId: p.frameworkId,
        frameworkCode: (p.frameworkId?.split('@')[0] as FrameworkCode | undefined) ?? null,
        status: p.status,
        layout: p.layout,
        title: p.header.subtitle,
        rowCount: counts.get(p.id) ?? 0,
        approvedAt: p.approvedAt,
        updatedAt: p.updatedAt,
        version: p.version,
      }));
    },

    async getPlan(ctx: ServiceContext, planId: string): Promise<PlanDetail> {
      const { plan } = await loadPlan(ctx, planId, 'plan.read');
      return detail(plan);
    },

    /**
     * The plan as `GET /api/plans/:id` sends it: bytes serialised once per content sequence (issue
     * 5). Each call decides access first, from one small query (school path, status, sequence), so a
     * cached plan is never shown to someone who may not read it; only then is the cache asked. On a
     * miss the plan row is read first and its own sequence keys the entry: the rows, focus issues and
     * reviews read after it are at least that new, so an entry is never older than its key.
     */
    async readPlan(ctx: ServiceContext, planId: string): Promise<SerializedPlan> {
      const access = await repos.plans.findPlanAccess(planId);
      if (!access) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
      assertMayRead(ctx.auth.actor, access.status, access.schoolPath);
      const cached = detailCache.get(access.id, access.contentSeq);
      if (cached) return cached;
      const plan = await repos.plans.findPlan(access.id);
      if (!plan) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
      // The status may have moved since the first query: decide again on what is answered.
      assertMayRead(ctx.auth.actor, plan.status, access.schoolPath);
      return detailCache.put(await detail(plan), plan.contentSeq);
    },

    /**
     * A new plan for a school year. The framework follows the school's level and the year
     * (CONTRACTS.md "Ids and regimes"); an override needs a reason. The framework version used
     * becomes immutable.
     */
    async createPlan(
      ctx: ServiceContext,
      schoolId: string,
      input: {
        schoolYear: string;
        frameworkCode?: FrameworkCode | undefined;
        frameworkReason?: string | undefined;
        layout?: PlanLayout | undefined;
      },
    ): Promise<PlanDetail> {
      const prepared = await prepareNewPlan(ctx, schoolId, input);
      await repos.transaction((tx) => writeNewPlan(tx, ctx, prepared));
      return finishNewPlan(prepared);
    },

    async updatePlan(
      ctx: ServiceContext,
      planId: string,
      input: {
        header?: PlanRecord['header'] | undefined;
        sections?: PlanRecord['sections'] | undefined;
        layout?: PlanLayout | undefined;
        hiddenColumns?: string[] | undefined;
        version: number;
      },
    ): Promise<PlanDetail> {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.edit');
      if (input.header !== undefined || input.sections !== undefined) assertEditable(plan);
      const { version, ...changes } = input;
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, v]) => v !== undefined),
      );
      await withStaleCheck(
        () =>
          repos.transaction(async (tx) => {
            if (!(await tx.plans.updatePlan(plan.id, version, defined, clock.now().toISOString())))
              throw new StaleWrite();
            await audit(tx, auditContextOf(ctx), {
              action: 'plan.update',
              entityType: 'plan',
              entityId: plan.id,
              unit: { id: school.id, path: school.path },
              summary: `Sửa phần đầu / các mục của kế hoạch năm học ${plan.schoolYear}`,
              before: Object.fromEntries(
                Object.keys(defined).map((k) => [k, plan[k as keyof PlanRecord]]),
              ),
              after: defined,
            });
          }),
        () => currentDetail(plan.id),
      );
      return reloadDetail(plan.id);
    },

    async addRow(
      ctx: ServiceContext,
      planId: string,
      input: {
        group: RowGroup;
        standardCode: string | null;
        criterionCode: string | null;
        level4Key: string | null;
        afterRowId?: string | undefined;
      } & Partial<Record<RowTextField, string>>,
    ) {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.edit');
      assertEditable(plan);
      const texts = {
        ...emptyTexts(),
        ...Object.fromEntries(
          ROW_TEXT_FIELDS.flatMap((f) => (input[f] !== undefined ? [[f, input[f]]] : [])),
        ),
      };
      const columns = rowColumns(input, texts, {
        schoolYear: plan.schoolYear,
        directory: await directoryOf(school.id),
      });
      const rows = await repos.plans.listRows(plan.id);
      const id = ids.next();
      await repos.transaction(async (tx) => {
        let order = rows.map((r) => r.id);
        const at = input.afterRowId ? order.indexOf(input.afterRowId) + 1 : order.length;
        if (input.afterRowId && at === 0) throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
        order = [...order.slice(0, at), id, ...order.slice(at)];
        await tx.plans.insertRow({
          ...columns,
          id,
          planId: plan.id,
          position: at,
          originRowId: null,
          carryCount: 0,
          now: clock.now().toISOString(),
        });
        await tx.plans.reorderRows(plan.id, order);
        await audit(tx, auditContextOf(ctx), {
          action: 'plan.row.create',
          entityType: 'plan_row',
          entityId: id,
          unit: { id: school.id, path: school.path },
          summary: `Thêm dòng vào kế hoạch năm học ${plan.schoolYear}${input.criterionCode ? ` (tiêu chí ${input.criterionCode})` : ''}`,
          after: { ...texts, criterionCode: input.criterionCode },
        });
      });
      const row = await repos.plans.findRow(plan.id, id);
      if (!row) throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
      return toApiRow(row);
    },

    /**
     * Adds imported rows (a previewed Word/Excel plan, issue 7) at the end of a draft plan. Texts are
     * taken as they are; time, budget and people are parsed again against this plan's school year
     * and the school's directory. One transaction: all rows or none.
     */
    async appendRows(
      ctx: ServiceContext,
      planId: string,
      rows: PlanInterchange['rows'],
    ): Promise<PlanDetail> {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.edit');
      assertEditable(plan);
      const directory = await directoryOf(school.id);
      const existing = await repos.plans.listRows(plan.id);
      const now = clock.now().toISOString();
      await repos.transaction(async (tx) => {
        for (const [i, row] of rows.entries()) {
          await tx.plans.insertRow({
            ...interchangeRowColumns(row, { schoolYear: plan.schoolYear, directory }),
            id: ids.next(),
            planId: plan.id,
            position: existing.length + i,
            originRowId: null,
            carryCount: 0,
            now,
          });
        }
        await audit(tx, auditContextOf(ctx), {
          action: 'plan.rows.import',
          entityType: 'plan',
          entityId: plan.id,
          unit: { id: school.id, path: school.path },
          summary: `Nhập ${rows.length} dòng từ tệp vào kế hoạch năm học ${plan.schoolYear}`,
          after: { rows: rows.length },
        });
      });
      return reloadDetail(plan.id);
    },

    /**
     * Saves the changed cells of a row (CONTRACTS.md "Concurrent edits"): accepted when none of these
     * fields changed since the version the client started from, else 409 with the current row.
     * After approval only progress and result may change, by those who own them.
     */
    async updateRow(
      ctx: ServiceContext,
      planId: string,
      rowId: string,
      input: {
        standardCode?: string | null | undefined;
        criterionCode?: string | null | undefined;
        level4Key?: string | null | undefined;
        version: number;
      } & Partial<Record<RowTextField, string | undefined>>,
    ) {
      const changedTexts = ROW_TEXT_FIELDS.filter((f) => input[f] !== undefined);
      const changedKeys = (['standardCode', 'criterionCode', 'level4Key'] as const).filter(
        (k) => input[k] !== undefined,
      );
      const onlyProgress =
        changedKeys.length === 0 && changedTexts.every((f) => PROGRESS_FIELDS.includes(f));
      const { plan, school } = await loadPlan(
        ctx,
        planId,
        onlyProgress ? 'plan.read' : 'plan.edit',
      );
      if (onlyProgress) {
        const may =
          decide(ctx.auth.actor, 'plan.progress', school.path).allowed ||
          decide(ctx.auth.actor, 'plan.edit', school.path).allowed;
        if (!may)
          throw new AppError('FORBIDDEN', 'Bạn không có quyền cập nhật tiến độ của kế hoạch này.');
      } else {
        assertEditable(plan);
      }
      const row = await repos.plans.findRow(plan.id, rowId);
      if (!row) throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
      const texts = {
        ...textsOf(row),
        ...Object.fromEntries(changedTexts.map((f) => [f, input[f] as string])),
      };
      const keys = {
        group: row.rowGroup,
        standardCode: input.standardCode !== undefined ? input.standardCode : row.standardCode,
        criterionCode: input.criterionCode !== undefined ? input.criterionCode : row.criterionCode,
        level4Key: input.level4Key !== undefined ? input.level4Key : row.level4Key,
      };
      const reparse = changedTexts.some((f) =>
        ['time', 'budget', 'lead', 'coordinators'].includes(f),
      );
      const all = reparse
        ? rowColumns(keys, texts, {
            schoolYear: plan.schoolYear,
            directory: await directoryOf(school.id),
          })
        : undefined;
      const values: Partial<RowColumns> = {};
      for (const f of changedTexts) (values as Record<string, unknown>)[columnOf(f)] = texts[f];
      for (const k of changedKeys) (values as Record<string, unknown>)[k] = keys[k];
      if (all)
        Object.assign(values, {
          timeStart: all.timeStart,
          timeEnd: all.timeEnd,
          budgetAmount: all.budgetAmount,
          budgetSource: all.budgetSource,
          parsed: all.parsed,
        });
      const outcome = await repos.transaction(async (tx) => {
        const saved = await tx.plans.saveRowFields(
          plan.id,
          row.id,
          input.version,
          [...changedTexts, ...changedKeys],
          values,
          clock.now().toISOString(),
        );
        if (saved !== 'saved') return saved;
        await audit(tx, auditContextOf(ctx), {
          action: onlyProgress ? 'plan.row.progress' : 'plan.row.update',
          entityType: 'plan_row',
          entityId: row.id,
          unit: { id: school.id, path: school.path },
          summary: `Sửa ${changedTexts.length + changedKeys.length} ô của một dòng kế hoạch năm học ${plan.schoolYear}`,
          before: Object.fromEntries([
            ...changedTexts.map((f) => [f, textsOf(row)[f]]),
            ...changedKeys.map((k) => [k, row[k]]),
          ]),
          after: Object.fromEntries([
            ...changedTexts.map((f) => [f, texts[f]]),
            ...changedKeys.map((k) => [k, keys[k]]),
          ]),
        });
        return saved;
      });
      const current = await repos.plans.findRow(plan.id, row.id);
      if (outcome === 'missing' || !current) throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
      if (outcome === 'conflict') {
        throw new AppError(
          'CONFLICT',
          'Ô này vừa được người khác sửa. Hãy xem nội dung hiện tại và sửa lại.',
          { current: toApiRow(current) },
        );
      }
      return toApiRow(current);
    },

    async deleteRow(ctx: ServiceContext, planId: string, rowId: string): Promise<void> {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.edit');
      assertEditable(plan);
      const row = await repos.plans.findRow(plan.id, rowId);
      if (!row) throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
      await repos.transaction(async (tx) => {
        await tx.plans.deleteRow(plan.id, row.id);
        await audit(tx, auditContextOf(ctx), {
          action: 'plan.row.delete',
          entityType: 'plan_row',
          entityId: row.id,
          unit: { id: school.id, path: school.path },
          summary: `Xóa một dòng của kế hoạch năm học ${plan.schoolYear}`,
          before: { ...textsOf(row), criterionCode: row.criterionCode },
        });
      });
    },

    async duplicateRow(ctx: ServiceContext, planId: string, rowId: string) {
      const { plan } = await loadPlan(ctx, planId, 'plan.edit');
      assertEditable(plan);
      const row = await repos.plans.findRow(plan.id, rowId);
      if (!row) throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
      return this.addRow(ctx, planId, {
        group: row.rowGroup,
        standardCode: row.standardCode,
        criterionCode: row.criterionCode,
        level4Key: row.level4Key,
        afterRowId: row.id,
        ...textsOf(row),
      });
    },

    async reorderRows(
      ctx: ServiceContext,
      planId: string,
      input: { rowIds: string[]; version: number },
    ) {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.edit');
      assertEditable(plan);
      const rows = await repos.plans.listRows(plan.id);
      const known = new Set(rows.map((r) => r.id));
      if (
        input.rowIds.length !== rows.length ||
        input.rowIds.some((id) => !known.has(id)) ||
        new Set(input.rowIds).size !== rows.length
      ) {
        throw new AppError(
          'VALIDATION_ERROR',
          'Danh sách dòng để sắp xếp không khớp với kế hoạch hiện tại; hãy tải lại.',
        );
      }
      await withStaleCheck(
        () =>
          repos.transaction(async (tx) => {
            if (!(await tx.plans.updatePlan(plan.id, input.version, {}, clock.now().toISOString())))
              throw new StaleWrite();
            await tx.plans.reorderRows(plan.id, input.rowIds);
            await audit(tx, auditContextOf(ctx), {
              action: 'plan.rows.reorder',
              entityType: 'plan',
              entityId: plan.id,
              unit: { id: school.id, path: school.path },
              summary: `Sắp xếp lại các dòng của kế hoạch năm học ${plan.schoolYear}`,
            });
          }),
        () => currentDetail(plan.id),
      );
      return reloadDetail(plan.id);
    },

    async checkPlan(ctx: ServiceContext, planId: string) {
      const { plan } = await loadPlan(ctx, planId, 'plan.read');
      const [rows, reviews] = await Promise.all([
        repos.plans.listRows(plan.id),
        repos.plans.listReviews(plan.id),
      ]);
      let framework: FrameworkDefinition | null = null;
      if (plan.frameworkId)
        framework = (await frameworkRepository.findVersion(plan.frameworkId))?.definition ?? null;
      const carriedFrom = plan.carriedFromPlanId
        ? await repos.plans.findPlan(plan.carriedFromPlanId)
        : undefined;
      return checkPlan({
        regime: plan.regime,
        carriedFromRegime: carriedFrom?.regime ?? null,
        framework,
        reviewRoundCount: reviews.length,
        schoolYear: plan.schoolYear,
        layout: plan.layout,
        rows: rows.map((r) => {
          const parsed = toApiRow(r).parsed;
          return {
            id: r.id,
            group: r.rowGroup,
            criterionCode: r.criterionCode,
            level4Key: r.level4Key,
            texts: textsOf(r),
            time: { start: parsed.time.start, end: parsed.time.end, issues: parsed.time.issues },
            budget: { amount: parsed.budget.amount, source: parsed.budget.source },
            carried: r.originRowId !== null,
          };
        }),
      });
    },

    /** Draft → submitted: the council hands the plan to the principal. */
    async submitPlan(ctx: ServiceContext, planId: string, version: number) {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.edit');
      if (plan.status !== 'draft')
        throw new AppError('CONFLICT', 'Chỉ trình được kế hoạch đang ở trạng thái dự thảo.');
      return this.transition(
        ctx,
        plan,
        school,
        version,
        { status: 'submitted', submittedAt: clock.now().toISOString() },
        'plan.submit',
        'Trình kế hoạch',
      );
    },

    /**
     * Approval: the principal signs. Freezes an immutable snapshot of the content with its hash;
     * from then on content changes are refused and need a revision.
     */
    async approvePlan(ctx: ServiceContext, planId: string, version: number) {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.approve');
      if (plan.status === 'approved')
        throw new AppError('CONFLICT', APPROVED, { reason: 'approved' });
      const now = clock.now().toISOString();
      const [rows, focus] = await Promise.all([
        repos.plans.listRows(plan.id),
        repos.plans.listFocusIssues(plan.id),
      ]);
      const content = frozenContent({ ...plan }, rows, focus);
      const json = JSON.stringify(content);
      await withStaleCheck(
        () =>
          repos.transaction(async (tx) => {
            if (
              !(await tx.plans.updatePlan(
                plan.id,
                version,
                { status: 'approved', approvedAt: now, approvedByUserId: ctx.auth.user.id },
                now,
              ))
            ) {
              throw new StaleWrite();
            }
            await tx.plans.insertSnapshot({
              planId: plan.id,
              contentJson: json,
              contentHash: hashPlanContent(content),
              approvedAt: now,
              approvedByUserId: ctx.auth.user.id,
            });
            await audit(tx, auditContextOf(ctx), {
              action: 'plan.approve',
              entityType: 'plan',
              entityId: plan.id,
              unit: { id: school.id, path: school.path },
              summary: `Phê duyệt kế hoạch năm học ${plan.schoolYear}${plan.revisionNumber ? ` (điều chỉnh lần ${plan.revisionNumber})` : ''}`,
              after: { contentHash: hashPlanContent(content) },
            });
          }),
        () => currentDetail(plan.id),
      );
      return reloadDetail(plan.id);
    },

    /**
     * Verifies an approved plan: the snapshot's stored hash against its content, and the live
     * content against the snapshot. A direct database edit shows as `tampered`.
     */
    async verifyPlan(
      ctx: ServiceContext,
      planId: string,
    ): Promise<{ status: 'not_approved' | 'intact' | 'tampered'; details: string[] }> {
      const { plan } = await loadPlan(ctx, planId, 'plan.read');
      const snapshot = await repos.plans.findSnapshot(plan.id);
      if (plan.status !== 'approved' || !snapshot) return { status: 'not_approved', details: [] };
      const details: string[] = [];
      const stored = JSON.parse(snapshot.content_json) as unknown;
      if (hashPlanContent(stored) !== snapshot.content_hash)
        details.push('Bản chụp đã phê duyệt không khớp mã băm đã lưu.');
      const [rows, focus] = await Promise.all([
        repos.plans.listRows(plan.id),
        repos.plans.listFocusIssues(plan.id),
      ]);
      if (hashPlanContent(frozenContent(plan, rows, focus)) !== snapshot.content_hash) {
        details.push('Nội dung hiện tại của kế hoạch khác với bản đã phê duyệt.');
      }
      return { status: details.length ? 'tampered' : 'intact', details };
    },

    /** A revision ("điều chỉnh, bổ sung") of an approved plan: a new draft with the next number. */
    async createRevision(ctx: ServiceContext, planId: string, reason: string) {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.edit');
      if (plan.status !== 'approved')
        throw new AppError('CONFLICT', 'Chỉ tạo bản điều chỉnh từ kế hoạch đã phê duyệt.');
      const lineage = await repos.plans.listLineage(plan.lineageId);
      const latest = lineage.at(-1);
      if (latest && latest.id !== plan.id) {
        throw new AppError(
          'CONFLICT',
          `Đã có bản điều chỉnh lần ${latest.revisionNumber}; hãy điều chỉnh từ bản mới nhất.`,
          { planId: latest.id },
        );
      }
      const [rows, focus, reviews] = await Promise.all([
        repos.plans.listRows(plan.id),
        repos.plans.listFocusIssues(plan.id),
        repos.plans.listReviews(plan.id),
      ]);
      const id = ids.next();
      const now = clock.now().toISOString();
      const number = plan.revisionNumber + 1;
      await repos.transaction(async (tx) => {
        await tx.plans.insertPlan({
          ...plan,
          id,
          revisionNumber: number,
          status: 'draft',
          header: {
            ...plan.header,
            subtitle: plan.header.subtitle.includes('điều chỉnh')
              ? plan.header.subtitle
              : `${plan.header.subtitle} (điều chỉnh, bổ sung lần ${number})`,
          },
          submittedAt: null,
          approvedAt: null,
          approvedByUserId: null,
          now,
          createdByUserId: ctx.auth.user.id,
        });
        for (const row of rows) {
          await tx.plans.insertRow({
            ...row,
            id: ids.next(),
            planId: id,
            originRowId: row.originRowId,
            carryCount: row.carryCount,
            now,
          });
        }
        for (const f of focus) {
          await tx.plans.insertFocusIssue({
            id: ids.next(),
            planId: id,
            position: f.position,
            standardCode: f.standard_code,
            criterionCode: f.criterion_code,
            currentState: f.current_state,
            limitation: f.limitation,
            cause: f.cause,
          });
        }
        for (const r of reviews) {
          await tx.plans.insertReview({
            id: ids.next(),
            planId: id,
            position: r.position,
            roundLabel: r.round_label,
            content: r.content,
            result: r.result,
            adjustment: r.adjustment,
            reviewer: r.reviewer,
          });
        }
        await audit(tx, auditContextOf(ctx), {
          action: 'plan.revision.create',
          entityType: 'plan',
          entityId: id,
          unit: { id: school.id, path: school.path },
          summary: `Tạo bản điều chỉnh, bổ sung lần ${number} của kế hoạch năm học ${plan.schoolYear}`,
          after: { reason, from: plan.id },
        });
      });
      return reloadDetail(id);
    },

    /**
     * Next year's plan from this one: the unfinished rows (or those named; never a finished row)
     * come across with a link to their origin row and how many times they have moved. Texts are
     * kept as written; progress and result start empty. Which criterion each row gets is decided
     * in core (`decideCarryOver`): into another circular (2018 → TT57) through the criterion
     * mapping, rows without a counterpart without a criterion for the school to choose. The answer
     * carries the report the dialog shows.
     */
    async carryOver(
      ctx: ServiceContext,
      planId: string,
      input: { schoolYear: string; rowIds?: string[] | undefined },
    ) {
      const { plan } = await loadPlan(ctx, planId, 'plan.edit');
      const rows = await repos.plans.listRows(plan.id);
      const prepared = await prepareNewPlan(ctx, plan.schoolId, { schoolYear: input.schoolYear });
      const decision = decideCarryOver({
        rows: rows.map((r) => ({
          id: r.id,
          group: r.rowGroup,
          standardCode: r.standardCode,
          criterionCode: r.criterionCode,
          level4Key: r.level4Key,
          progress: r.progress,
          result: r.result,
        })),
        rowIds: input.rowIds,
        from: {
          regime: plan.regime,
          frameworkCode: (plan.frameworkId?.split('@')[0] as FrameworkCode | undefined) ?? null,
        },
        to: { regime: prepared.regime, frameworkCode: prepared.code },
      });
      if (decision.unknownRowIds.length > 0) {
        throw new AppError('VALIDATION_ERROR', 'Có dòng được chọn không thuộc kế hoạch này.');
      }
      const byId = new Map(rows.map((r) => [r.id, r]));
      const directory = await directoryOf(plan.schoolId);
      const now = prepared.now;
      const written: { rowId: string; carried: (typeof decision.rows)[number] }[] = [];
      await repos.transaction(async (tx) => {
        await writeNewPlan(tx, ctx, prepared, plan.id);
        for (const [position, carried] of decision.rows.entries()) {
          const row = byId.get(carried.sourceRowId);
          if (!row) continue;
          const texts = { ...textsOf(row), progress: '', result: '' };
          const columns = rowColumns(
            {
              group: carried.group,
              standardCode: carried.standardCode,
              criterionCode: carried.criterionCode,
              level4Key: carried.level4Key,
            },
            texts,
            { schoolYear: prepared.schoolYear, directory },
          );
          const rowId = ids.next();
          await tx.plans.insertRow({
            ...columns,
            id: rowId,
            planId: prepared.id,
            position,
            originRowId: row.originRowId ?? row.id,
            carryCount: row.carryCount + 1,
            now,
          });
          written.push({ rowId, carried });
        }
        await audit(tx, auditContextOf(ctx), {
          action: 'plan.carry_over',
          entityType: 'plan',
          entityId: prepared.id,
          unit: { id: prepared.school.id, path: prepared.school.path },
          summary: `Chuyển ${decision.rows.length} dòng chưa hoàn thành từ kế hoạch năm học ${plan.schoolYear} sang năm học ${input.schoolYear}`,
          after: {
            from: plan.id,
            rows: decision.rows.map((r) => r.sourceRowId),
            mapping: decision.regimeChange?.mapping
              ? `${decision.regimeChange.mapping.from}→${decision.regimeChange.mapping.to}`
              : null,
            unmapped: decision.rows
              .filter((r) => r.outcome === 'unmapped')
              .map((r) => r.sourceRowId),
          },
        });
      });
      const created = await finishNewPlan(prepared);
      return {
        ...created,
        carryOver: {
          message: describeCarryOver(decision, prepared.schoolYear, prepared.regime),
          fromSchoolYear: plan.schoolYear,
          toSchoolYear: prepared.schoolYear,
          regimeChange: decision.regimeChange,
          finishedRowCount: decision.finished.length,
          rows: written.map(({ rowId, carried }) => {
            const source = byId.get(carried.sourceRowId);
            const about = (source?.content.trim() || source?.tasks.trim() || '').replace(
              /\s+/g,
              ' ',
            );
            return {
              sourceRowId: carried.sourceRowId,
              sourceNumber: carried.sourceNumber,
              rowId,
              outcome: carried.outcome,
              fromCriterionCode: carried.from.criterionCode,
              fromLevel4Key: carried.from.level4Key,
              fromTitle: carried.from.title,
              criterionCode: carried.criterionCode,
              toTitle: carried.toTitle,
              confidence: carried.confidence,
              note: carried.note,
              candidates: carried.candidates,
              summary: about.length > 120 ? `${about.slice(0, 119)}…` : about,
            };
          }),
        },
      };
    },

    /** The plan in the interchange format (packages/shared/src/interchange.schemas.ts). */
    async exportPlan(ctx: ServiceContext, planId: string): Promise<PlanInterchange> {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.read');
      const full = await detail(plan);
      const profile = await repos.units.findProfile(school.id);
      return {
        formatVersion: PLAN_INTERCHANGE_FORMAT_VERSION,
        generator: 'CaiTien',
        exportedAt: clock.now().toISOString(),
        plan: {
          schoolYear: plan.schoolYear,
          regime: plan.regime,
          frameworkId: plan.frameworkId,
          status: plan.status,
          revisionNumber: plan.revisionNumber,
          layout: plan.layout,
          hiddenColumns: plan.hiddenColumns,
          snapshotHash: full.snapshotHash,
        },
        school: {
          name: school.name,
          governingBody: profile?.governingBody ?? '',
          placeName: profile?.placeName ?? '',
          documentSymbol: profile?.documentSymbol ?? '',
        },
        header: plan.header,
        sections: plan.sections,
        rows: full.rows.map((r) => {
          const {
            id: _id,
            position: _position,
            parsed,
            originRowId: _origin,
            version: _version,
            ...rest
          } = r;
          return { ...rest, time: parsed.time, budget: parsed.budget, people: parsed.people };
        }),
        focusIssues: full.focusIssues.map(({ id: _id, version: _v, ...f }) => f),
        reviews: full.reviews.map(({ id: _id, version: _v, ...r }) => r),
      };
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
      const directory = await directoryOf(prepared.school.id);
      await repos.transaction(async (tx) => {
        // Fields the file leaves empty come from the school profile, as for a new plan.
        const header = completeHeader(doc.header, prepared.header).header;
        await writeNewPlan(tx, ctx, { ...prepared, header }, null);
        await tx.plans.updatePlan(
          prepared.id,
          1,
          { sections: doc.sections, hiddenColumns: doc.plan.hiddenColumns },
          prepared.now,
        );
        for (const [position, row] of doc.rows.entries()) {
          await tx.plans.insertRow({
            ...interchangeRowColumns(row, { schoolYear: prepared.schoolYear, directory }),
            id: ids.next(),
            planId: prepared.id,
            position,
            originRowId: null,
            carryCount: row.carryCount,
            now: prepared.now,
          });
        }
        for (const [position, f] of doc.focusIssues.entries()) {
          await tx.plans.insertFocusIssue({ id: ids.next(), planId: prepared.id, position, ...f });
        }
      });
      return finishNewPlan(prepared);
    },

    /**
     * Records a review round (Biểu 2 mục VI). Review rounds live outside the approved snapshot
     * (CONTRACTS.md "Plan lifecycle"), so the monitoring team and the principal fill them in after
     * approval too.
     */
    async updateReview(
      ctx: ServiceContext,
      planId: string,
      reviewId: string,
      input: {
        content?: string | undefined;
        result?: string | undefined;
        adjustment?: string | undefined;
        reviewer?: string | undefined;
        version: number;
      },
    ): Promise<PlanDetail> {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.read');
      const may =
        decide(ctx.auth.actor, 'plan.progress', school.path).allowed ||
        decide(ctx.auth.actor, 'plan.edit', school.path).allowed;
      if (!may)
        throw new AppError('FORBIDDEN', 'Bạn không có quyền ghi kết quả rà soát của kế hoạch này.');
      const { version, ...changes } = input;
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, v]) => v !== undefined),
      );
      const outcome = await repos.transaction(async (tx) => {
        const saved = await tx.plans.updateReview(plan.id, reviewId, version, defined);
        if (saved === 'saved') {
          await audit(tx, auditContextOf(ctx), {
            action: 'plan.review.update',
            entityType: 'plan_review',
            entityId: reviewId,
            unit: { id: school.id, path: school.path },
            summary: `Ghi kết quả rà soát kế hoạch năm học ${plan.schoolYear}`,
            after: defined,
          });
        }
        return saved;
      });
      if (outcome === 'missing') throw new AppError('NOT_FOUND', 'Không tìm thấy đợt rà soát này.');
      if (outcome === 'conflict') throw staleVersion(await currentDetail(plan.id));
      return reloadDetail(plan.id);
    },

    /** Adds, changes or removes a focus issue (Biểu 2 mục IV): frozen content like the rows. */
    async addFocusIssue(
      ctx: ServiceContext,
      planId: string,
      input: {
        standardCode?: string | null | undefined;
        criterionCode?: string | null | undefined;
        currentState?: string | undefined;
        limitation?: string | undefined;
        cause?: string | undefined;
      },
    ): Promise<PlanDetail> {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.edit');
      assertEditable(plan);
      const existing = await repos.plans.listFocusIssues(plan.id);
      await repos.transaction(async (tx) => {
        const id = ids.next();
        await tx.plans.insertFocusIssue({
          id,
          planId: plan.id,
          position: existing.length,
          standardCode: input.standardCode ?? null,
          criterionCode: input.criterionCode ?? null,
          currentState: input.currentState ?? '',
          limitation: input.limitation ?? '',
          cause: input.cause ?? '',
        });
        await audit(tx, auditContextOf(ctx), {
          action: 'plan.focus.create',
          entityType: 'plan_focus_issue',
          entityId: id,
          unit: { id: school.id, path: school.path },
          summary: `Thêm vấn đề trọng tâm vào kế hoạch năm học ${plan.schoolYear}`,
          after: input,
        });
      });
      return reloadDetail(plan.id);
    },

    async updateFocusIssue(
      ctx: ServiceContext,
      planId: string,
      issueId: string,
      input: {
        standardCode?: string | null | undefined;
        criterionCode?: string | null | undefined;
        currentState?: string | undefined;
        limitation?: string | undefined;
        cause?: string | undefined;
        version: number;
      },
    ): Promise<PlanDetail> {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.edit');
      assertEditable(plan);
      const { version, ...changes } = input;
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, v]) => v !== undefined),
      );
      const outcome = await repos.transaction(async (tx) => {
        const saved = await tx.plans.updateFocusIssue(plan.id, issueId, version, defined);
        if (saved === 'saved') {
          await audit(tx, auditContextOf(ctx), {
            action: 'plan.focus.update',
            entityType: 'plan_focus_issue',
            entityId: issueId,
            unit: { id: school.id, path: school.path },
            summary: `Sửa vấn đề trọng tâm của kế hoạch năm học ${plan.schoolYear}`,
            after: defined,
          });
        }
        return saved;
      });
      if (outcome === 'missing')
        throw new AppError('NOT_FOUND', 'Không tìm thấy vấn đề trọng tâm này.');
      if (outcome === 'conflict') throw staleVersion(await currentDetail(plan.id));
      return reloadDetail(plan.id);
    },

    async deleteFocusIssue(
      ctx: ServiceContext,
      planId: string,
      issueId: string,
    ): Promise<PlanDetail> {
      const { plan, school } = await loadPlan(ctx, planId, 'plan.edit');
      assertEditable(plan);
      const deleted = await repos.transaction(async (tx) => {
        const ok = await tx.plans.deleteFocusIssue(plan.id, issueId);
        if (ok) {
          await audit(tx, auditContextOf(ctx), {
            action: 'plan.focus.delete',
            entityType: 'plan_focus_issue',
            entityId: issueId,
            unit: { id: school.id, path: school.path },
            summary: `Xóa vấn đề trọng tâm của kế hoạch năm học ${plan.schoolYear}`,
          });
        }
        return ok;
      });
      if (!deleted) throw new AppError('NOT_FOUND', 'Không tìm thấy vấn đề trọng tâm này.');
      return reloadDetail(plan.id);
    },

    async listRevisions(ctx: ServiceContext, planId: string) {
      const { plan } = await loadPlan(ctx, planId, 'plan.read');
      const lineage = await repos.plans.listLineage(plan.lineageId);
      return lineage.map((p) => ({
        id: p.id,
        revisionNumber: p.revisionNumber,
        status: p.status,
        approvedAt: p.approvedAt,
        updatedAt: p.updatedAt,
      }));
    },

    async transition(
      ctx: ServiceContext,
      plan: PlanRecord,
      school: { id: string; path: string },
      version: number,
      changes: Partial<PlanRecord>,
      action: string,
      label: string,
    ) {
      await withStaleCheck(
        () =>
          repos.transaction(async (tx) => {
            if (!(await tx.plans.updatePlan(plan.id, version, changes, clock.now().toISOString())))
              throw new StaleWrite();
            await audit(tx, auditContextOf(ctx), {
              action,
              entityType: 'plan',
              entityId: plan.id,
              unit: school,
              summary: `${label} năm học ${plan.schoolYear}`,
              before: { status: plan.status },
              after: { status: changes.status },
            });
          }),
        () => currentDetail(plan.id),
      );
      return reloadDetail(plan.id);
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
