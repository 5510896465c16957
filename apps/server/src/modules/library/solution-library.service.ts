import {
  CRITERION_MAPPINGS,
  decide,
  libraryQueryWords,
  SCHOOL_ROLES,
  type Actor,
} from '@caitien/core';
import type { LibraryScope, Repositories, SolutionEntryRecord } from '@caitien/db';
import type {
  PlanLibraryShare,
  SolutionEntry,
  SolutionSearchQuery,
  SolutionSearchResult,
  UseSolutionBody,
  UseSolutionResult,
} from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import { FORBIDDEN_MESSAGE } from '../auth/authorize.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { NewRowInput } from '../plans/plan-row-edit.service.ts';
import type { PlanReader } from '../plans/plan-reader.ts';
import type { VersionedWriter } from '../../kernel/versioned-write.ts';

export const SOLUTION_NOT_FOUND = 'Không tìm thấy giải pháp này trong thư viện.';

/** An office whose subtree holds at most this many schools is searched school by school. */
const NARROW_SCOPE_SCHOOLS = 300;

/** Unit kinds a plan may be shared with (the schools under them see its rows). */
const SHAREABLE_KINDS = new Set(['province', 'commune', 'district_legacy']);

/**
 * The solution library (thư viện giải pháp, issue 14).
 *
 * Who sees what (decided here, in SQL scope form): the administrator sees every entry; office
 * staff the entries of the schools in their unit's subtree; a school's people (every school role)
 * their own school's entries and the entries of lineages shared with a unit above their school
 * (`plan_library_shares`: the principal shares an approved plan with the schools under one of the
 * school's supervising units or its province). An entry outside the scope answers 404.
 */
export function createSolutionLibraryService(deps: {
  repositories: Pick<Repositories, 'solutionLibrary' | 'units' | 'plans'>;
  reader: PlanReader;
  write: VersionedWriter;
  addRow: (ctx: ServiceContext, planId: string, input: NewRowInput) => Promise<{ id: string }>;
  clock: Clock;
}) {
  const { repositories: repos, reader, clock } = deps;

  async function scopeOf(actor: Actor): Promise<{ scope: LibraryScope; ownSchools: Set<string> }> {
    const scope: LibraryScope = { all: false, pathPrefixes: [], schoolIds: [], lineageIds: [] };
    const ownSchools = new Set<string>();
    for (const a of actor.assignments) {
      if (a.role === 'admin') scope.all = true;
      else if (a.role === 'office_staff' && a.unitPath) {
        const schools = await repos.solutionLibrary.schoolsUnder(a.unitPath, NARROW_SCOPE_SCHOOLS);
        if (schools.length > NARROW_SCOPE_SCHOOLS) scope.pathPrefixes.push(a.unitPath);
        else scope.schoolIds.push(...schools);
      } else if (SCHOOL_ROLES.includes(a.role) && a.unitId && a.unitPath) {
        ownSchools.add(a.unitId);
        scope.schoolIds.push(a.unitId);
        const ancestors = a.unitPath.split('/').filter((id) => id !== '' && id !== a.unitId);
        scope.lineageIds.push(...(await repos.solutionLibrary.lineagesSharedWith(ancestors)));
      }
    }
    scope.schoolIds = [...new Set(scope.schoolIds)];
    scope.lineageIds = [...new Set(scope.lineageIds)];
    return { scope, ownSchools };
  }

  async function inScope(scope: LibraryScope, entry: SolutionEntryRecord): Promise<boolean> {
    if (scope.all || scope.schoolIds.includes(entry.schoolId)) return true;
    if (scope.lineageIds.includes(entry.lineageId)) return true;
    if (scope.pathPrefixes.length === 0) return false;
    const school = await repos.units.findById(entry.schoolId);
    return !!school && scope.pathPrefixes.some((p) => school.path.startsWith(p));
  }

  /** The 2018 criteria mapped to a TT57 criterion (docs/criterion-mappings.md). */
  function mappedCriteria(framework: string, criterion: string) {
    return CRITERION_MAPPINGS.filter((m) => m.to === framework).flatMap((m) =>
      m.criteria
        .filter((c) => c.to === criterion)
        .map((c) => ({
          framework: m.from as string,
          criterion: c.from,
          title: c.fromTitle,
          confidence: c.confidence,
          note: c.note,
        })),
    );
  }

  function toApi(
    e: SolutionEntryRecord,
    ownSchools: Set<string>,
    mapped: ReturnType<typeof mappedCriteria>,
  ): SolutionEntry {
    const via = mapped.find((m) => `${m.framework}:${m.criterion}` === e.criterionKey);
    return {
      rowId: e.rowId,
      planId: e.planId,
      schoolId: e.schoolId,
      schoolName: e.schoolName,
      schoolYear: e.schoolYear,
      regime: e.regime,
      frameworkId: e.frameworkId,
      frameworkCode: e.frameworkCode,
      standardCode: e.standardCode,
      criterionCode: e.criterionCode,
      level4Key: e.level4Key,
      texts: {
        currentState: e.currentState,
        content: e.content,
        target: e.target,
        tasks: e.tasks,
        indicator: e.indicator,
        time: e.timeText,
        budget: e.budgetText,
        lead: e.leadText,
        support: e.support,
      },
      approvedAt: e.approvedAt,
      own: ownSchools.has(e.schoolId),
      mappedFrom: via
        ? {
            framework: via.framework,
            criterion: via.criterion,
            confidence: via.confidence,
            note: via.note,
          }
        : null,
    };
  }

  /** Share options: the units above the school (xã, Sở) and its supervising units. */
  async function shareOptions(school: { id: string; path: string }) {
    const ancestorIds = school.path.split('/').filter((id) => id !== '' && id !== school.id);
    const profile = await repos.units.findProfile(school.id);
    const ids = [...new Set([...ancestorIds, ...(profile?.supervisingUnitIds ?? [])])];
    const units = await repos.units.findByIds(ids);
    return units
      .filter((u) => SHAREABLE_KINDS.has(u.kind))
      .sort((a, b) => a.path.length - b.path.length || a.name.localeCompare(b.name, 'vi'))
      .map((u) => ({ unitId: u.id, name: u.name, kind: u.kind }));
  }

  async function shareOf(ctx: ServiceContext, planId: string): Promise<PlanLibraryShare> {
    const { plan, school } = await reader.loadPlan(ctx, planId, 'read');
    const shares = await repos.solutionLibrary.listShares(plan.lineageId);
    const first = shares[0];
    return {
      planId: plan.id,
      shared: first
        ? { unitId: first.unitId, unitName: first.unitName, sharedAt: first.sharedAt }
        : null,
      options: await shareOptions(school),
      canChange: plan.status === 'approved' && decide(ctx.actor, 'plan.send', school.path).allowed,
    };
  }

  return {
    async search(ctx: ServiceContext, query: SolutionSearchQuery): Promise<SolutionSearchResult> {
      const { scope, ownSchools } = await scopeOf(ctx.actor);
      const mapped =
        query.framework && query.criterion ? mappedCriteria(query.framework, query.criterion) : [];
      const criterionKeys =
        query.framework && query.criterion
          ? [
              `${query.framework}:${query.criterion}`,
              ...mapped.map((m) => `${m.framework}:${m.criterion}`),
            ]
          : [];
      const result = await repos.solutionLibrary.search({
        scope,
        words: libraryQueryWords(query.q),
        criterionKeys,
        frameworkCodes: query.framework && !query.criterion ? [query.framework] : [],
        schoolYear: query.schoolYear ?? null,
        before: query.cursor ?? null,
        limit: query.limit,
        withTotal: !query.cursor,
      });
      return {
        items: result.items.map((e) => toApi(e, ownSchools, mapped)),
        nextCursor: result.nextCursor,
        total: result.total,
        mappedCriteria: mapped,
      };
    },

    /**
     * "Dùng trong kế hoạch của tôi": the solution's texts become a new row of one of the school's
     * plans through the plan-row service (edit right, the plan's lock and lifecycle, audit), with
     * its source named in the note.
     */
    async useInPlan(
      ctx: ServiceContext,
      rowId: string,
      body: UseSolutionBody,
    ): Promise<UseSolutionResult> {
      const { scope } = await scopeOf(ctx.actor);
      const entry = await repos.solutionLibrary.findEntry(rowId);
      if (!entry || !(await inScope(scope, entry)))
        throw new AppError('NOT_FOUND', SOLUTION_NOT_FOUND);
      const target = await repos.plans.findPlan(body.planId);
      const group =
        target?.regime === '2026'
          ? 'tt57'
          : entry.rowGroup === 'level_4' && target?.frameworkId === entry.frameworkId
            ? 'level_4'
            : 'levels_1_3';
      const source = [
        `Nguồn: thư viện giải pháp — ${entry.schoolName}, năm học ${entry.schoolYear}`,
        entry.criterionCode
          ? `, tiêu chí ${entry.criterionCode}${entry.frameworkCode ? ` (${entry.frameworkCode})` : ''}`
          : '',
      ].join('');
      const row = await deps.addRow(ctx, body.planId, {
        group,
        standardCode: body.criterionCode ? (body.criterionCode.split('.')[0] ?? null) : null,
        criterionCode: body.criterionCode,
        level4Key: group === 'level_4' ? entry.level4Key : null,
        content: entry.content,
        target: entry.target,
        tasks: entry.tasks,
        indicator: entry.indicator,
        support: entry.support,
        note: source,
      });
      return { planId: body.planId, rowId: row.id, note: source };
    },

    getShare: shareOf,

    /** Shares an approved plan's lineage with the schools under one unit, or stops sharing. */
    async updateShare(
      ctx: ServiceContext,
      planId: string,
      unitId: string | null,
    ): Promise<PlanLibraryShare> {
      const { plan, school } = await reader.loadPlan(ctx, planId, 'read');
      if (!decide(ctx.actor, 'plan.send', school.path).allowed)
        throw new AppError('FORBIDDEN', FORBIDDEN_MESSAGE, { action: 'plan.send' });
      if (plan.status !== 'approved')
        throw new AppError(
          'CONFLICT',
          'Chỉ chia sẻ được kế hoạch đã phê duyệt vào thư viện giải pháp.',
          { reason: 'not_approved' },
        );
      if (unitId !== null && !(await shareOptions(school)).some((o) => o.unitId === unitId))
        throw new AppError(
          'VALIDATION_ERROR',
          'Chỉ chia sẻ được với đơn vị quản lý của trường (UBND xã/phường, Sở GD&ĐT).',
          { fields: [{ field: 'unitId', message: 'Đơn vị không phù hợp' }] },
        );
      await deps.write(ctx, async (tx, record) => {
        await tx.solutionLibrary.replaceShare({
          planId: plan.id,
          lineageId: plan.lineageId,
          schoolId: school.id,
          unitId,
          userId: ctx.audit.actorUserId ?? ctx.actor.userId,
          now: clock.now().toISOString(),
        });
        await record({
          action: unitId ? 'plan.library.share' : 'plan.library.unshare',
          entityType: 'plan',
          entityId: plan.id,
          unit: school,
          summary: unitId
            ? `Chia sẻ kế hoạch năm học ${plan.schoolYear} vào thư viện giải pháp`
            : `Ngừng chia sẻ kế hoạch năm học ${plan.schoolYear} trong thư viện giải pháp`,
          after: { unitId },
        });
      });
      return shareOf(ctx, planId);
    },
  };
}

export type SolutionLibraryService = ReturnType<typeof createSolutionLibraryService>;
