import {
  FUNDING_SOURCES,
  overdueByStandard,
  PROGRESS_STATUSES,
  readPlanRollupSummary,
  schoolDateOf,
  type FundingSource,
  type PlanRollupSummary,
  type PlanStatus,
  type ProgressStatus,
} from '@caitien/core';
import { renderRollupXlsx } from '@caitien/documents';
import type { Repositories, RollupScope } from '@caitien/db';
import { MEDIA_TYPES, type Rollup, type RollupChild } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { authorize } from '../auth/authorize.ts';
import { computePlanRollupSummaries } from './plan-rollup-summaries.ts';

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị này.';
const TOP = 10;

const REGIME_LABELS = { '2018': 'TT17/18/19 (2018)', '2026': 'Thông tư 57/2026' } as const;
const asRegime = (r: string): '2018' | '2026' => (r === '2026' ? '2026' : '2018');
const asSource = (s: string): FundingSource =>
  (FUNDING_SOURCES as readonly string[]).includes(s) ? (s as FundingSource) : 'unknown';
const zeroSources = () =>
  Object.fromEntries(FUNDING_SOURCES.map((s) => [s, 0])) as Record<FundingSource, number>;

/**
 * The offices' roll-up (issue 14): office staff of the unit or above it, and the administrator,
 * see the counts of the unit's subtree for a school year; anyone else gets 404 (outside their
 * subtree) or 403 (a school's roles). The school counts, levels and weak criteria are counted in
 * SQL (the rollup repository); rows, overdue, budget and planned criteria are added up from one
 * stored summary per approved plan (migration 0015), overdue on today's date by the core's rule.
 * `recount` computes every summary from the rows instead: the check that the stored ones are right.
 */
export function createRollupService(deps: {
  repositories: Pick<Repositories, 'units' | 'rollup'>;
  clock: Clock;
}) {
  const { repositories: repos, clock } = deps;

  async function getRollup(
    ctx: ServiceContext,
    unitId: string,
    schoolYear: string,
    options: { recount?: boolean } = {},
  ): Promise<Rollup> {
    const unit = await repos.units.findById(unitId);
    if (!unit) throw new AppError('NOT_FOUND', UNIT_NOT_FOUND);
    authorize(ctx.actor, 'office.review', unit.path, UNIT_NOT_FOUND);
    if (unit.kind === 'school') {
      throw new AppError(
        'VALIDATION_ERROR',
        'Tổng hợp dành cho đơn vị quản lý (Sở, UBND xã/phường); với một trường, hãy mở kế hoạch của trường.',
      );
    }
    const today = schoolDateOf(clock.now());
    const scope: RollupScope = { unitId, schoolYear };
    const r = repos.rollup;
    const [childUnits, schoolLines, plans, levels, weak, schoolPlans, ancestors] =
      await Promise.all([
        r.listChildren(unitId),
        r.schoolCounts(scope),
        r.currentPlans(scope),
        r.schoolLevels(scope),
        r.weakCriteria(scope, TOP),
        r.childSchoolPlans(unitId, schoolYear),
        repos.units.findByIds(unit.path.split('/').filter((id) => id !== '' && id !== unit.id)),
      ]);

    // Each approved plan's stored summary; a missing or outdated one (and every one, for a
    // recount) is computed from the plan's rows, progress and spending.
    const summaries = new Map<string, PlanRollupSummary>();
    const toCompute: typeof plans = [];
    for (const plan of plans) {
      const stored =
        options.recount || plan.summaryJson === null
          ? null
          : readPlanRollupSummary(plan.summaryJson);
      if (stored) summaries.set(plan.planId, stored);
      else toCompute.push(plan);
    }
    if (toCompute.length > 0)
      for (const [planId, summary] of await computePlanRollupSummaries(
        r,
        toCompute.map((p) => ({ ...p, schoolYear })),
      ))
        summaries.set(planId, summary);

    const children = new Map<string, RollupChild>(
      childUnits.map((c) => [
        c.id,
        {
          unitId: c.id,
          name: c.name,
          kind: c.kind as RollupChild['kind'],
          schools: {
            total: 0,
            withApprovedPlan: 0,
            withPlanNotApproved: 0,
            withoutPlan: 0,
            withApprovedAssessment: 0,
          },
          rows: { total: 0, done: 0, overdue: 0 },
          budget: { planned: 0, spent: 0 },
          plan: null,
          schoolLevel: null,
        },
      ]),
    );
    const schools = {
      total: 0,
      withApprovedPlan: 0,
      withPlanNotApproved: 0,
      withoutPlan: 0,
      withApprovedAssessment: 0,
    };
    for (const line of schoolLines) {
      const child = children.get(line.childId);
      for (const key of Object.keys(schools) as (keyof typeof schools)[]) {
        schools[key] += line[key];
        if (child) child.schools[key] += line[key];
      }
    }

    const byStatus = Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as Record<
      ProgressStatus,
      number
    >;
    const standards = new Map<string, Rollup['rows']['byStandard'][number]>();
    const standardOf = (regime: string, code: string) => {
      const key = `${asRegime(regime)}|${code}`;
      let held = standards.get(key);
      if (!held) {
        held = { regime: asRegime(regime), standardCode: code, total: 0, done: 0, overdue: 0 };
        standards.set(key, held);
      }
      return held;
    };
    const plannedBySource = zeroSources();
    const spentBySource = zeroSources();
    /** Per (framework, criterion): the schools whose plan addresses it, and its rows. */
    const criteria = new Map<
      string,
      { frameworkId: string; criterionCode: string; schools: Set<string>; rows: number }
    >();
    let total = 0;
    let overdue = 0;
    for (const plan of plans) {
      const summary = summaries.get(plan.planId);
      if (!summary) continue;
      const child = children.get(plan.childId);
      for (const [standardCode, status, count] of summary.rows) {
        byStatus[status] += count;
        total += count;
        const st = standardOf(plan.regime, standardCode);
        st.total += count;
        if (status === 'done') st.done += count;
        if (child) {
          child.rows.total += count;
          if (status === 'done') child.rows.done += count;
        }
      }
      for (const [standardCode, count] of overdueByStandard(summary, today)) {
        overdue += count;
        standardOf(plan.regime, standardCode).overdue += count;
        if (child) child.rows.overdue += count;
      }
      for (const [source, amount] of summary.planned) {
        plannedBySource[asSource(source)] += amount;
        if (child) child.budget.planned += amount;
      }
      for (const [source, amount] of summary.spent) {
        spentBySource[asSource(source)] += amount;
        if (child) child.budget.spent += amount;
      }
      for (const [criterionCode, count] of summary.criteria) {
        const key = `${plan.frameworkId}|${criterionCode}`;
        let held = criteria.get(key);
        if (!held) {
          held = { frameworkId: plan.frameworkId, criterionCode, schools: new Set(), rows: 0 };
          criteria.set(key, held);
        }
        held.schools.add(plan.schoolId);
        held.rows += count;
      }
    }
    const plannedCriteria = [...criteria.values()]
      .map((c) => ({ ...c, schools: c.schools.size }))
      .sort(
        (a, b) =>
          b.schools - a.schools ||
          b.rows - a.rows ||
          (a.criterionCode < b.criterionCode ? -1 : a.criterionCode > b.criterionCode ? 1 : 0),
      )
      .slice(0, TOP);

    const levelsByRegime = new Map<'2018' | '2026', Rollup['levels'][number]>();
    for (const l of levels) {
      const regime = asRegime(l.regime);
      let held = levelsByRegime.get(regime);
      if (!held) {
        const top = regime === '2026' ? 3 : 4;
        held = {
          regime,
          label: REGIME_LABELS[regime],
          assessed: 0,
          byLevel: Object.fromEntries(Array.from({ length: top + 1 }, (_, i) => [String(i), 0])),
        };
        levelsByRegime.set(regime, held);
      }
      held.assessed += 1;
      held.byLevel[String(l.schoolLevel)] = (held.byLevel[String(l.schoolLevel)] ?? 0) + 1;
      const child = children.get(l.schoolId);
      if (child) child.schoolLevel = l.schoolLevel;
    }
    for (const [schoolId, plan] of schoolPlans) {
      const child = children.get(schoolId);
      if (child)
        child.plan = {
          id: plan.id,
          status: plan.status as PlanStatus,
          schoolYear: plan.school_year,
        };
    }

    const titles = await r.criterionTitles([...weak, ...plannedCriteria]);
    const frameworkCode = (frameworkId: string) => frameworkId.split('@')[0] ?? frameworkId;
    const byPath = new Map(ancestors.map((a) => [a.id, a]));
    return {
      unit: { id: unit.id, name: unit.name, kind: unit.kind },
      ancestors: unit.path
        .split('/')
        .filter((id) => id !== '' && id !== unit.id)
        .flatMap((id) => {
          const a = byPath.get(id);
          return a ? [{ id: a.id, name: a.name, kind: a.kind }] : [];
        }),
      schoolYear,
      today,
      schools,
      levels: [...levelsByRegime.values()].sort((a, b) => a.regime.localeCompare(b.regime)),
      rows: {
        total,
        byStatus,
        overdue,
        byStandard: [...standards.values()].sort(
          (a, b) =>
            a.regime.localeCompare(b.regime) ||
            a.standardCode.localeCompare(b.standardCode, 'vi', { numeric: true }),
        ),
      },
      budget: { planned: plannedBySource, spent: spentBySource },
      weakCriteria: weak.map((w) => ({
        frameworkCode: frameworkCode(w.frameworkId),
        criterionCode: w.criterionCode,
        title: titles.get(`${w.frameworkId}|${w.criterionCode}`) ?? '',
        schools: w.schools,
      })),
      plannedCriteria: plannedCriteria.map((p) => ({
        frameworkCode: frameworkCode(p.frameworkId),
        criterionCode: p.criterionCode,
        title: titles.get(`${p.frameworkId}|${p.criterionCode}`) ?? '',
        schools: p.schools,
        rows: p.rows,
      })),
      children: [...children.values()],
    };
  }

  return {
    getRollup,

    /** The roll-up as a workbook (the same access and numbers as `getRollup`). */
    async exportRollup(ctx: ServiceContext, unitId: string, schoolYear: string) {
      const rollup = await getRollup(ctx, unitId, schoolYear);
      return {
        bytes: await renderRollupXlsx(rollup),
        contentType: MEDIA_TYPES.xlsx,
        fileName: `Tổng hợp ${rollup.unit.name} ${schoolYear}.xlsx`,
      };
    },
  };
}

export type RollupService = ReturnType<typeof createRollupService>;
