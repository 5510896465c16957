import { createHash } from 'node:crypto';
import {
  decidePlan,
  decideRowProgress,
  FUNDING_SOURCES,
  numberPlanRows,
  parseBudget,
  parsePeople,
  parseTime,
  rowAssigneeRole,
  rowSchedule,
  schoolDateOf,
  statusCounts,
  type FundingSource,
  type PeopleValue,
  type ProgressStatus,
  plannedAmountsBySource,
} from '@caitien/core';
import type {
  PlanRecord,
  PlanRowRecord,
  Repositories,
  RowProgressRecord,
  TrackEntryAggregate,
  YearClosureRecord,
} from '@caitien/db';
import type { RowProgress } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { assertPlanAccess, PLAN_NOT_FOUND, ROW_NOT_FOUND } from '../plans/plan-access.ts';
import type { PlanDirectory } from '../plans/plan-rows.ts';

/**
 * How the monitoring use cases (progress, dashboard, my tasks, review rounds) read a plan: any
 * plan id of a lineage resolves to the plan asked for and the **monitored** plan, the lineage's
 * latest approved revision (an open draft revision does not hide it; none → progress not open),
 * and rows are answered as {@link RowProgress}: what was planned, its schedule today (school
 * date, Asia/Ho_Chi_Minh), its progress, spending and the caller's part in it.
 */

export type AmountsBySource = Record<FundingSource, number>;

/** All sources at zero (the API's amounts name every source). */
export const emptyAmounts = (): AmountsBySource =>
  Object.fromEntries(FUNDING_SOURCES.map((s) => [s, 0])) as AmountsBySource;

/** The plan asked for, the lineage's monitored plan, its school and year closure. */
export interface MonitoringScope {
  requested: PlanRecord;
  /** The lineage's latest approved revision, or null before the first approval. */
  monitored: PlanRecord | null;
  /** The plan whose rows are shown: the monitored one, else the one asked for. */
  shown: PlanRecord;
  school: { id: string; path: string; name: string };
  lineageId: string;
  /** Every revision of the lineage, oldest first. */
  lineage: PlanRecord[];
  closure: YearClosureRecord | null;
}

/** What building rows needs besides the plan's rows. */
export interface RowProgressContext {
  today: string;
  schoolYear: string;
  regime: '2018' | '2026';
  /** The plan the rows are answered under (its id in `planId`). */
  planId: string;
  /** Progress can be recorded on this plan now (approved, year open). */
  open: boolean;
  schoolPath: string;
  /** The monitored plan's status (the access decision's subject). */
  planStatus: PlanRecord['status'];
  directory: PlanDirectory;
  /** The caller's directory person (null: none linked). */
  personId: string | null;
  progress: ReadonlyMap<string, RowProgressRecord>;
  aggregates: ReadonlyMap<string, TrackEntryAggregate>;
}

/**
 * A pure function's answers kept by key (the parsers are pure: the same text, year and directory
 * give the same value), at most `max` of them: the monitoring screens re-read every row's time,
 * budget and people on each request, and the same texts come back request after request.
 */
function memo<V>(compute: (key: string) => V, max = 20_000): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    if (kept.has(key)) return kept.get(key) as V;
    const value = compute(key);
    if (kept.size >= max) kept.clear();
    kept.set(key, value);
    return value;
  };
}

const SEP = '\u0000';
const budgetMemo = memo((text) => parseBudget(text).value);
const timeMemo = memo((key) => {
  const [schoolYear = '', text = ''] = key.split(SEP);
  return parseTime(text, { schoolYear }).value;
});
const peopleDirectories = new Map<string, PlanDirectory>();
const peopleMemo = memo((key) => {
  const [fingerprint = '', lead = '', coordinators = ''] = key.split(SEP);
  const directory = peopleDirectories.get(fingerprint) ?? { people: [], groups: [] };
  return parsePeople(lead, directory, coordinators.trim() ? { coordinatorsText: coordinators } : {})
    .value;
});

/**
 * The people parser over the school's current directory, memoised by the directory's content: a
 * row's lead and coordinators → its people (null when the cell names nobody).
 */
export function peopleParserFor(
  directory: PlanDirectory,
): (lead: string, coordinators: string) => PeopleValue | null {
  const fingerprint = createHash('sha1').update(JSON.stringify(directory)).digest('base64');
  if (!peopleDirectories.has(fingerprint)) {
    if (peopleDirectories.size >= 1000) peopleDirectories.clear();
    peopleDirectories.set(fingerprint, directory);
  }
  return (lead, coordinators) => {
    // The directory may have been dropped from the map by another school's request: put it back.
    if (!peopleDirectories.has(fingerprint)) peopleDirectories.set(fingerprint, directory);
    return peopleMemo(`${fingerprint}${SEP}${lead}${SEP}${coordinators}`);
  };
}

/** The row's planned budget: its amount and source, and by source from the cell's parts. */
export function plannedBudgetOf(budgetText: string): RowProgress['plannedBudget'] {
  const value = budgetMemo(budgetText);
  const bySource = plannedAmountsBySource(value);
  if (!value) return { amount: null, source: 'unknown', bySource };
  return { amount: value.amount, source: value.source, bySource };
}

/** Content as the row shows it: Nội dung, else Nhiệm vụ / giải pháp, else Mục tiêu. */
export const rowContentOf = (row: PlanRowRecord): string =>
  row.content.trim() || row.tasks.trim() || row.target.trim();

/** The rows in the plan's one order, each as the monitoring screens answer it. */
export function buildRowProgress(
  rows: readonly PlanRowRecord[],
  ctx: ServiceContext,
  context: RowProgressContext,
): RowProgress[] {
  const numbered = numberPlanRows(
    rows.map((r) => ({
      row: r,
      group: r.rowGroup,
      standardCode: r.standardCode,
      criterionCode: r.criterionCode,
      position: r.position,
    })),
    context.regime,
  );
  let parser: ReturnType<typeof peopleParserFor> | null = null;
  const peopleOf = (lead: string, coordinators: string) =>
    (parser ??= peopleParserFor(context.directory))(lead, coordinators);
  return numbered.map(({ row: { row }, number }) => {
    const progress = context.progress.get(row.trackId);
    const aggregate = context.aggregates.get(row.trackId);
    const status = (progress?.status ?? 'not_started') as ProgressStatus;
    const time = timeMemo(`${context.schoolYear}${SEP}${row.timeText}`);
    // Only a linked person can be on a row: without one, the people cells need no parsing.
    const myRole =
      context.personId === null
        ? null
        : rowAssigneeRole(peopleOf(row.leadText, row.coordinatorsText), context.personId);
    const spentBySource = emptyAmounts();
    for (const [source, amount] of Object.entries(aggregate?.spentBySource ?? {})) {
      const key = (FUNDING_SOURCES as readonly string[]).includes(source)
        ? (source as FundingSource)
        : 'unknown';
      spentBySource[key] += amount;
    }
    const canUpdate =
      context.open &&
      decideRowProgress(
        ctx.actor,
        { schoolPath: context.schoolPath, status: context.planStatus },
        myRole !== null,
      ).allowed;
    return {
      rowId: row.id,
      trackId: row.trackId,
      planId: context.planId,
      ordinal: String(number),
      position: row.position,
      standardCode: row.standardCode,
      criterionCode: row.criterionCode,
      content: rowContentOf(row),
      timeText: row.timeText,
      leadText: row.leadText,
      coordinatorsText: row.coordinatorsText,
      plannedBudget: plannedBudgetOf(row.budgetText),
      schedule: rowSchedule(time, status, context.today),
      status,
      percent: progress?.percent ?? 0,
      result: progress?.result ?? '',
      spent: {
        total: Object.values(spentBySource).reduce((a, b) => a + b, 0),
        bySource: spentBySource,
      },
      entryCount: aggregate?.entryCount ?? 0,
      lastEntryAt: aggregate?.lastEntryAt ?? null,
      version: progress?.version ?? 0,
      fieldVersions: progress?.fieldVersions ?? {},
      myRole,
      canUpdate,
    };
  });
}

/** Counts of rows by status, overdue, no date, due and starting this month (core). */
export const statusCountsOf = (rows: readonly RowProgress[]) => statusCounts(rows);

/** The latest approved revision of a lineage (plans ordered by revision), or null. */
export function latestApproved(lineage: readonly PlanRecord[]): PlanRecord | null {
  let found: PlanRecord | null = null;
  for (const plan of lineage)
    if (plan.status === 'approved' && (!found || plan.revisionNumber > found.revisionNumber))
      found = plan;
  return found;
}

export function createMonitoringReader(deps: {
  repositories: Pick<Repositories, 'plans' | 'units' | 'people' | 'users' | 'progress'>;
  clock: Clock;
}) {
  const repos = deps.repositories;

  /** Today in Việt Nam (the clock is fixed in tests and by CAITIEN_NOW). */
  const today = (): string => schoolDateOf(deps.clock.now());

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

  /** The caller's linked directory person, or null. */
  async function personIdOf(ctx: ServiceContext): Promise<string | null> {
    const user = await repos.users.findById(ctx.actor.userId);
    return user?.personId ?? null;
  }

  /** The scope of a lineage from one of its plans (no access decision). */
  async function scopeOf(requested: PlanRecord): Promise<MonitoringScope> {
    const school = await repos.units.findById(requested.schoolId);
    if (!school) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    const lineage = await repos.plans.listLineage(requested.lineageId);
    const monitored = latestApproved(lineage);
    const closure = (await repos.progress.findClosure(requested.lineageId)) ?? null;
    return {
      requested,
      monitored,
      shown: monitored ?? requested,
      school: { id: school.id, path: school.path, name: school.name },
      lineageId: requested.lineageId,
      lineage,
      closure,
    };
  }

  /**
   * The scope of the plan asked for, after the caller may read it (another school → 404, a draft
   * the caller may not see → 404).
   */
  async function loadScope(ctx: ServiceContext, planId: string): Promise<MonitoringScope> {
    const requested = await repos.plans.findPlan(planId);
    if (!requested) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    const school = await repos.units.findById(requested.schoolId);
    if (!school) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    assertPlanAccess(ctx.actor, 'read', { schoolPath: school.path, status: requested.status });
    return scopeOf(requested);
  }

  /** Whether the caller follows the plan's progress (monitoring team, principal, admin). */
  function canMonitor(ctx: ServiceContext, scope: MonitoringScope): boolean {
    if (!scope.monitored) return false;
    return decidePlan(ctx.actor, 'progress', {
      schoolPath: scope.school.path,
      status: scope.monitored.status,
    }).allowed;
  }

  /** Progress can be recorded: an approved revision and the year not closed. */
  const isOpen = (scope: MonitoringScope): boolean =>
    scope.monitored !== null && scope.closure === null;

  /**
   * A row of any revision of the lineage → the row with its track in the shown plan (404 when the
   * id is no row of the lineage, or its track is not in the shown plan any more).
   */
  async function resolveRow(scope: MonitoringScope, rowId: string): Promise<PlanRowRecord> {
    const shownRows = await repos.plans.listRows(scope.shown.id);
    const direct = shownRows.find((r) => r.id === rowId);
    if (direct) return direct;
    for (const plan of scope.lineage) {
      if (plan.id === scope.shown.id) continue;
      const found = await repos.plans.findRow(plan.id, rowId);
      if (!found) continue;
      const same = shownRows.find((r) => r.trackId === found.trackId);
      if (same) return same;
    }
    throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
  }

  /** Every row of the shown plan as RowProgress, in plan order (numbered as the plan shows it). */
  async function rowsOf(
    ctx: ServiceContext,
    scope: MonitoringScope,
    options: { personId?: string | null } = {},
  ): Promise<RowProgress[]> {
    const rows = await repos.plans.listRows(scope.shown.id);
    const [directory, personId, progress, aggregates] = await Promise.all([
      directoryOf(scope.school.id),
      options.personId !== undefined ? Promise.resolve(options.personId) : personIdOf(ctx),
      repos.progress.listProgress([scope.lineageId]),
      repos.progress.aggregateEntries([scope.lineageId]),
    ]);
    return buildRowProgress(rows, ctx, {
      today: today(),
      schoolYear: scope.shown.schoolYear,
      regime: scope.shown.regime,
      planId: scope.shown.id,
      open: isOpen(scope),
      schoolPath: scope.school.path,
      planStatus: scope.shown.status,
      directory,
      personId,
      progress: new Map(progress.map((p) => [p.trackId, p])),
      aggregates: new Map(aggregates.map((a) => [a.trackId, a])),
    });
  }

  return {
    today,
    directoryOf,
    personIdOf,
    scopeOf,
    loadScope,
    canMonitor,
    isOpen,
    resolveRow,
    rowsOf,
  };
}

export type MonitoringReader = ReturnType<typeof createMonitoringReader>;
