import {
  FUNDING_SOURCES,
  PROGRESS_STATUSES,
  rowSchedule,
  schoolDateOf,
  type FundingSource,
  type PlanStatus,
  type ProgressStatus,
  type TimeValue,
} from '@caitien/core';
import { renderRollupXlsx } from '@caitien/documents';
import type { Repositories, RollupScope } from '@caitien/db';
import { MEDIA_TYPES, type Rollup, type RollupChild } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { authorize } from '../auth/authorize.ts';

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
 * subtree) or 403 (a school's roles). Everything is counted in SQL (the rollup repository); the
 * service only adds up the per-child lines and applies the core's due rule to the few open rows
 * due this month with an exact end day.
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
    const scope: RollupScope = { unitId, schoolYear, month: today.slice(0, 7) };
    const r = repos.rollup;
    const [
      childUnits,
      schoolLines,
      rowLines,
      dueNow,
      planned,
      spent,
      levels,
      weak,
      plannedCriteria,
      schoolPlans,
      ancestors,
    ] = await Promise.all([
      r.listChildren(unitId),
      r.schoolCounts(scope),
      r.rowCounts(scope),
      r.rowsDueThisMonth(scope),
      r.plannedBudget(scope),
      r.spentBudget(scope),
      r.schoolLevels(scope),
      r.weakCriteria(scope, TOP),
      r.plannedCriteria(scope, TOP),
      r.childSchoolPlans(unitId, schoolYear),
      repos.units.findByIds(unit.path.split('/').filter((id) => id !== '' && id !== unit.id)),
    ]);

    // Rows due this month with an exact end day: overdue once that day has passed (core rule).
    const lateThisMonth = dueNow.filter((row) => {
      let time: Pick<TimeValue, 'start' | 'end' | 'endDay'> | null;
      try {
        time = (JSON.parse(row.parsedJson) as { time?: TimeValue | null }).time ?? null;
      } catch {
        time = null;
      }
      return rowSchedule(time, row.status as ProgressStatus, today).overdue;
    });

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
    let total = 0;
    let overdue = 0;
    for (const line of rowLines) {
      const status = (PROGRESS_STATUSES as readonly string[]).includes(line.status)
        ? (line.status as ProgressStatus)
        : 'not_started';
      byStatus[status] += line.total;
      total += line.total;
      overdue += line.overdue;
      const st = standardOf(line.regime, line.standardCode);
      st.total += line.total;
      st.overdue += line.overdue;
      if (status === 'done') st.done += line.total;
      const child = children.get(line.childId);
      if (child) {
        child.rows.total += line.total;
        child.rows.overdue += line.overdue;
        if (status === 'done') child.rows.done += line.total;
      }
    }
    for (const late of lateThisMonth) {
      overdue += 1;
      standardOf(late.regime, late.standardCode).overdue += 1;
      const child = children.get(late.childId);
      if (child) child.rows.overdue += 1;
    }

    const plannedBySource = zeroSources();
    for (const p of planned) {
      plannedBySource[asSource(p.source)] += p.amount;
      const child = children.get(p.childId);
      if (child) child.budget.planned += p.amount;
    }
    const spentBySource = zeroSources();
    for (const s of spent) {
      spentBySource[asSource(s.source)] += s.amount;
      const child = children.get(s.childId);
      if (child) child.budget.spent += s.amount;
    }

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
