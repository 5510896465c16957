import {
  addTally,
  FUNDING_SOURCES,
  PROGRESS_STATUSES,
  readRollupTally,
  SCHOOL_TALLY,
  schoolDateOf,
  tallyEntries,
  type FundingSource,
  type PlanStatus,
  type ProgressStatus,
  type RollupTally,
} from '@caitien/core';
import { renderRollupXlsx } from '@caitien/documents';
import type { Repositories } from '@caitien/db';
import { MEDIA_TYPES, type Rollup, type RollupChild } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { authorize } from '../auth/authorize.ts';
import { computeSchoolYearTallies, flushRollupTallies } from './rollup-tallies.ts';

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
 * subtree) or 403 (a school's roles). Since issue 15 every number is added up from the stored
 * tallies of the unit's children (migration 0018; core `RollupTally`): a province reads ~160
 * communes' sums, the nation a few dozen provinces', instead of every school's plans. Overdue is
 * counted on today's date from the open rows' due dates. `recount` computes every school's tally
 * from its plans and assessments instead: the check that the stored sums are right.
 */
export function createRollupService(deps: {
  repositories: Pick<Repositories, 'units' | 'rollup' | 'rollupTallies' | 'transaction'>;
  clock: Clock;
}) {
  const { repositories: repos, clock } = deps;

  /** Each child's stored tally for the year, with its year-independent one ('' : its schools). */
  async function storedChildTallies(unitId: string, schoolYear: string) {
    const out = new Map<string, RollupTally>();
    for (const row of await repos.rollupTallies.childTallies(unitId, schoolYear)) {
      const tally = readRollupTally(row.tallyJson) ?? {};
      out.set(row.childId, addTally(out.get(row.childId) ?? {}, tally));
    }
    return out;
  }

  /** The same, with every school's tally computed from its plans and assessments. */
  async function recountChildTallies(unitId: string, schoolYear: string) {
    const out = new Map<string, RollupTally>();
    const schools = await repos.rollupTallies.schoolsUnder(unitId);
    const childOf = new Map(schools.map((s) => [s.schoolId, s.childId]));
    for (let i = 0; i < schools.length; i += 500) {
      const part = schools.slice(i, i + 500).map((s) => s.schoolId);
      const tallies = await computeSchoolYearTallies(repos, schoolYear, part);
      for (const schoolId of part) {
        const childId = childOf.get(schoolId) ?? schoolId;
        const held = out.get(childId) ?? {};
        addTally(held, SCHOOL_TALLY);
        addTally(held, tallies.get(schoolId) ?? {});
        out.set(childId, held);
      }
    }
    return out;
  }

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
    const r = repos.rollup;
    // What the triggers marked since the last flush is folded in first: the roll-up sees every
    // committed write.
    if (!options.recount) await flushRollupTallies(repos);
    const [childUnits, tallies, schoolPlans, ancestors] = await Promise.all([
      r.listChildren(unitId),
      options.recount
        ? recountChildTallies(unitId, schoolYear)
        : storedChildTallies(unitId, schoolYear),
      r.childSchoolPlans(unitId, schoolYear),
      repos.units.findByIds(unit.path.split('/').filter((id) => id !== '' && id !== unit.id)),
    ]);

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
    const total: RollupTally = {};
    for (const [childId, tally] of tallies) {
      addTally(total, tally);
      const child = children.get(childId);
      if (!child) continue;
      const count = (k: string) => tally[k] ?? 0;
      child.schools = {
        total: count('schools'),
        withApprovedPlan: count('plan.approved'),
        withPlanNotApproved: count('plan.notApproved'),
        withoutPlan: count('schools') - count('plan.approved') - count('plan.notApproved'),
        withApprovedAssessment: count('assessment.approved'),
      };
      for (const [[, , status], n] of tallyEntries(tally, 'rows')) {
        child.rows.total += n;
        if (status === 'done') child.rows.done += n;
      }
      for (const [[, , due], n] of tallyEntries(tally, 'open'))
        if ((due ?? '') < today) child.rows.overdue += n;
      for (const [, n] of tallyEntries(tally, 'planned')) child.budget.planned += n;
      for (const [, n] of tallyEntries(tally, 'spent')) child.budget.spent += n;
      if (child.kind === 'school') {
        const levels = tallyEntries(tally, 'level').map(([[, level]]) => Number(level));
        if (levels.length > 0) child.schoolLevel = Math.max(...levels);
      }
    }
    const count = (k: string) => total[k] ?? 0;
    schools.total = count('schools');
    schools.withApprovedPlan = count('plan.approved');
    schools.withPlanNotApproved = count('plan.notApproved');
    schools.withoutPlan = schools.total - schools.withApprovedPlan - schools.withPlanNotApproved;
    schools.withApprovedAssessment = count('assessment.approved');

    let rowsTotal = 0;
    let overdue = 0;
    for (const [[regime = '', standardCode = '', status], n] of tallyEntries(total, 'rows')) {
      byStatus[status as ProgressStatus] = (byStatus[status as ProgressStatus] ?? 0) + n;
      rowsTotal += n;
      const st = standardOf(regime, standardCode);
      st.total += n;
      if (status === 'done') st.done += n;
    }
    for (const [[regime = '', standardCode = '', due = ''], n] of tallyEntries(total, 'open'))
      if (due < today) {
        overdue += n;
        standardOf(regime, standardCode).overdue += n;
      }
    for (const [[source = ''], amount] of tallyEntries(total, 'planned'))
      plannedBySource[asSource(source)] += amount;
    for (const [[source = ''], amount] of tallyEntries(total, 'spent'))
      spentBySource[asSource(source)] += amount;

    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const critRows = new Map(
      tallyEntries(total, 'critRows').map(([[f = '', c = ''], n]) => [`${f}|${c}`, n]),
    );
    const plannedCriteria = tallyEntries(total, 'critSchools')
      .map(([[frameworkId = '', criterionCode = ''], n]) => ({
        frameworkId,
        criterionCode,
        schools: n,
        rows: critRows.get(`${frameworkId}|${criterionCode}`) ?? 0,
      }))
      .sort(
        (a, b) =>
          b.schools - a.schools ||
          b.rows - a.rows ||
          compare(a.criterionCode, b.criterionCode) ||
          compare(a.frameworkId, b.frameworkId),
      )
      .slice(0, TOP);
    const weak = tallyEntries(total, 'weak')
      .map(([[frameworkId = '', criterionCode = ''], n]) => ({
        frameworkId,
        criterionCode,
        schools: n,
      }))
      .sort(
        (a, b) =>
          b.schools - a.schools ||
          compare(a.frameworkId, b.frameworkId) ||
          compare(a.criterionCode, b.criterionCode),
      )
      .slice(0, TOP);

    const levelsByRegime = new Map<'2018' | '2026', Rollup['levels'][number]>();
    for (const [[regimeText = '', level = '0'], n] of tallyEntries(total, 'level')) {
      const regime = asRegime(regimeText);
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
      held.assessed += n;
      held.byLevel[level] = (held.byLevel[level] ?? 0) + n;
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
        total: rowsTotal,
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
