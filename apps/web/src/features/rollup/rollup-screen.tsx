import { schoolYearOf } from '@caitien/core';
import { useEffect, useMemo, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate, vi } from '../../i18n/vi.ts';
import { formatMoney, viMonitoring } from '../../i18n/vi-monitoring.ts';
import { viRollup } from '../../i18n/vi-rollup.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { NoAccessState, PageHeader, QueryFailure, Redirect } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { navigate, useLocationSearch } from '../../ui/use-location-search.ts';
import { ApiError } from '../../api/api-error.ts';
import type { CurrentUser } from '../auth/session.ts';
import { STATUS_COLORS, STATUS_ORDER } from '../monitoring/monitoring-logic.ts';
import { useUnitRoots } from '../units/units.queries.ts';
import { hrefs } from '../shell/app-routes.ts';
import { rollupXlsxUrl, useRollup, type Rollup, type RollupChild } from './rollup.queries.ts';
import '../monitoring/monitoring.css';
import './rollup.css';

const t = viRollup;
const SOURCES = ['state', 'socialized', 'mixed', 'none', 'unknown'] as const;

/** The school year of the query string (`?nam=2026-2027`), else the current one (Việt Nam). */
function useSchoolYear(): string {
  const search = useLocationSearch();
  const asked = new URLSearchParams(search).get('nam');
  return asked && /^\d{4}-\d{4}$/u.test(asked) ? asked : schoolYearOf(new Date());
}

/** "/tong-hop": the user's office unit (or a choice among them; the administrator's top units). */
export function RollupHome({ user }: { user: CurrentUser }) {
  const isAdmin = user.roles.some((r) => r.role === 'admin');
  const offices = user.roles.filter((r) => r.role === 'office_staff' && r.unitId);
  const units = useUnitRoots({ enabled: isAdmin });
  const year = useSchoolYear();
  if (!isAdmin && offices.length === 1)
    return <Redirect to={hrefs.rollup(offices[0]!.unitId!, year)} />;
  if (!isAdmin && offices.length === 0) return <NoAccessState />;
  const choices = isAdmin
    ? (units.data?.items ?? [])
        .filter((u) => u.kind !== 'school')
        .map((u) => ({ id: u.id, name: u.name }))
    : offices.map((r) => ({ id: r.unitId!, name: r.unitName ?? r.unitId! }));
  if (isAdmin && units.isPending) return <LoadingState label={vi.common.loading} />;
  return (
    <div className="stack">
      <PageHeader title={t.title} intro={t.chooseUnit} />
      {choices.length === 0 ? (
        <EmptyState title={t.noUnit} />
      ) : (
        <ul className="rollup-choices" data-testid="rollup-choices">
          {choices.map((c) => (
            <li key={c.id}>
              <AppLink href={hrefs.rollup(c.id, year)} className="card rollup-choice">
                {c.name}
              </AppLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Tổng hợp" of one unit: summary cards, charts with their tables, the drill-down, XLSX, print. */
export function RollupScreen({ unitId }: { unitId: string }) {
  const schoolYear = useSchoolYear();
  const rollup = useRollup(unitId, schoolYear);
  if (rollup.isPending) return <LoadingState label={vi.common.loading} />;
  if (rollup.isError) {
    if (rollup.error instanceof ApiError && [403, 404].includes(rollup.error.status))
      return <NoAccessState error={rollup.error} />;
    return (
      <QueryFailure
        title={t.loadError}
        error={rollup.error}
        onRetry={() => void rollup.refetch()}
      />
    );
  }
  return <RollupView rollup={rollup.data} />;
}

function yearChoices(current: string): string[] {
  const start = Number(schoolYearOf(new Date()).slice(0, 4));
  const years = new Set([current]);
  for (let y = start + 1; y >= start - 3; y -= 1) years.add(`${y}-${y + 1}`);
  return [...years].sort().reverse();
}

function useOpenDetailsForPrint() {
  useEffect(() => {
    const open = () => {
      for (const d of document.querySelectorAll<HTMLDetailsElement>('details.chart-data'))
        d.open = true;
    };
    window.addEventListener('beforeprint', open);
    return () => window.removeEventListener('beforeprint', open);
  }, []);
}

function RollupView({ rollup }: { rollup: Rollup }) {
  useOpenDetailsForPrint();
  const s = rollup.schools;
  return (
    <div className="stack rollup monitoring" data-testid="rollup">
      <nav className="rollup-breadcrumb" aria-label={t.breadcrumb}>
        {rollup.ancestors.map((a) => (
          <span key={a.id}>
            <AppLink href={hrefs.rollup(a.id, rollup.schoolYear)}>{a.name}</AppLink>
            <span aria-hidden="true"> › </span>
          </span>
        ))}
        <span aria-current="page">{rollup.unit.name}</span>
      </nav>
      <PageHeader
        title={t.title}
        intro={t.intro(rollup.unit.name, rollup.schoolYear.replace('-', ' - '))}
        actions={
          <div className="rollup-actions no-print">
            <label className="rollup-year">
              <span>{t.schoolYear}</span>
              <select
                value={rollup.schoolYear}
                data-testid="rollup-year"
                onChange={(e) => navigate(hrefs.rollup(rollup.unit.id, e.target.value))}
              >
                {yearChoices(rollup.schoolYear).map((y) => (
                  <option key={y} value={y}>
                    {y.replace('-', ' - ')}
                  </option>
                ))}
              </select>
            </label>
            <a
              className="button button--secondary"
              href={rollupXlsxUrl(rollup.unit.id, rollup.schoolYear)}
              download
              data-testid="rollup-xlsx"
            >
              {t.download}
            </a>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => window.print()}
            >
              {t.print}
            </button>
          </div>
        }
      />
      <p className="muted">{t.asOf(formatDate(rollup.today))}</p>

      <dl className="summary-tiles" data-testid="rollup-summary">
        <Tile label={t.tiles.schools} value={s.total} />
        <Tile label={t.tiles.approvedPlan} value={s.withApprovedPlan} tone="done" />
        <Tile label={t.tiles.withoutPlan} value={s.withoutPlan} />
        <Tile label={t.tiles.approvedAssessment} value={s.withApprovedAssessment} />
        <Tile label={t.tiles.rows} value={rollup.rows.total} />
        <Tile label={t.tiles.overdue} value={rollup.rows.overdue} tone="overdue" />
      </dl>

      <div className="dashboard-grid">
        <PlansChart rollup={rollup} />
        <RowsChart rollup={rollup} />
        <BudgetChart rollup={rollup} />
        <LevelsChart rollup={rollup} />
      </div>
      <StandardsTable rollup={rollup} />
      <ChildrenTable rollup={rollup} />
      <div className="dashboard-grid">
        <CriteriaTable
          title={t.weak.title}
          testId="rollup-weak"
          empty={t.weak.empty}
          items={rollup.weakCriteria.map((w) => ({ ...w, rows: null }))}
        />
        <CriteriaTable
          title={t.planned.title}
          testId="rollup-planned"
          empty={t.planned.empty}
          items={rollup.plannedCriteria}
        />
      </div>
    </div>
  );
}

function Tile({ label, value, tone }: { label: string; value: number; tone?: string }) {
  return (
    <div className={`summary-tile${tone ? ` summary-tile--${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd>{new Intl.NumberFormat('vi-VN').format(value)}</dd>
    </div>
  );
}

function ChartCard(props: {
  title: string;
  testId: string;
  children: ReactNode;
  table: ReactNode;
}) {
  return (
    <section className="card chart-card" data-testid={props.testId} aria-label={props.title}>
      <h2 className="chart-card__title">{props.title}</h2>
      <div className="chart-card__chart" role="img" aria-label={t.chartOf(props.title)}>
        {props.children}
      </div>
      <details className="chart-data">
        <summary>{t.showTable}</summary>
        <div className="table-wrap">{props.table}</div>
      </details>
    </section>
  );
}

function SimpleTable(props: { head: string[]; rows: (string | number)[][]; testId: string }) {
  return (
    <table className="table table--compact chart-table" data-testid={props.testId}>
      <thead>
        <tr>
          {props.head.map((h, i) => (
            <th key={h} scope="col" className={i > 0 ? 'numeric' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={String(row[0])}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i} className="numeric">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const millions = (value: number) =>
  value === 0
    ? '0'
    : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(value / 1e6)} tr`;

function PlansChart({ rollup }: { rollup: Rollup }) {
  const s = rollup.schools;
  const data = [
    { name: t.plans.approved, value: s.withApprovedPlan, fill: '#1e7a44' },
    { name: t.plans.notApproved, value: s.withPlanNotApproved, fill: '#c45a00' },
    { name: t.plans.none, value: s.withoutPlan, fill: '#8795a8' },
  ];
  return (
    <ChartCard
      title={t.plans.title}
      testId="rollup-chart-plans"
      table={
        <SimpleTable
          testId="rollup-plans-table"
          head={[t.plans.title, t.tiles.schools]}
          rows={data.map((d) => [d.name, d.value])}
        />
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="name"
            tick={{ fontSize: 11 }}
            interval={0}
            angle={-20}
            textAnchor="end"
            height={56}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="value" name={t.tiles.schools} isAnimationActive={false} fill="#1d4f91" />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function RowsChart({ rollup }: { rollup: Rollup }) {
  const data = STATUS_ORDER.map((status) => ({
    name: viMonitoring.statusShort[status],
    status,
    value: rollup.rows.byStatus[status] ?? 0,
  }));
  return (
    <ChartCard
      title={t.rows.title}
      testId="rollup-chart-rows"
      table={
        <SimpleTable
          testId="rollup-rows-table"
          head={[t.rows.status, t.rows.count]}
          rows={[...data.map((d) => [d.name, d.value]), [t.rows.overdue, rollup.rows.overdue]]}
        />
      }
    >
      {rollup.rows.total === 0 ? (
        <p className="muted">{t.rows.empty}</p>
      ) : (
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="name"
              tick={{ fontSize: 10 }}
              interval={0}
              angle={-30}
              textAnchor="end"
              height={64}
            />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            {STATUS_ORDER.map((status) => (
              <Bar
                key={status}
                dataKey={(d: { status: string; value: number }) =>
                  d.status === status ? d.value : 0
                }
                name={viMonitoring.statusShort[status]}
                stackId="s"
                fill={STATUS_COLORS[status]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartCard>
  );
}

function BudgetChart({ rollup }: { rollup: Rollup }) {
  const data = SOURCES.map((source) => ({
    name: viMonitoring.sources[source],
    planned: rollup.budget.planned[source] ?? 0,
    spent: rollup.budget.spent[source] ?? 0,
  })).filter((d) => d.planned > 0 || d.spent > 0);
  return (
    <ChartCard
      title={t.budget.title}
      testId="rollup-chart-budget"
      table={
        <SimpleTable
          testId="rollup-budget-table"
          head={[t.budget.source, t.budget.planned, t.budget.spent]}
          rows={data.map((d) => [d.name, formatMoney(d.planned), formatMoney(d.spent)])}
        />
      }
    >
      {data.length === 0 ? (
        <p className="muted">{t.budget.empty}</p>
      ) : (
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
            <YAxis tickFormatter={millions} tick={{ fontSize: 12 }} width={56} />
            <Tooltip formatter={(value) => formatMoney(Number(value))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="planned"
              name={t.budget.planned}
              fill="#9db7d9"
              isAnimationActive={false}
            />
            <Bar dataKey="spent" name={t.budget.spent} fill="#1d4f91" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartCard>
  );
}

function LevelsChart({ rollup }: { rollup: Rollup }) {
  const data = useMemo(() => {
    const keys = [...new Set(rollup.levels.flatMap((l) => Object.keys(l.byLevel)))].sort();
    return keys.map((key) => ({
      name: t.levels.level(key),
      ...Object.fromEntries(rollup.levels.map((l) => [l.regime, l.byLevel[key] ?? 0])),
    }));
  }, [rollup.levels]);
  return (
    <ChartCard
      title={t.levels.title}
      testId="rollup-chart-levels"
      table={
        <SimpleTable
          testId="rollup-levels-table"
          head={['', ...rollup.levels.map((l) => l.label)]}
          rows={data.map((d) => [
            d.name,
            ...rollup.levels.map((l) => Number((d as Record<string, unknown>)[l.regime] ?? 0)),
          ])}
        />
      }
    >
      {rollup.levels.length === 0 ? (
        <p className="muted">{t.levels.empty}</p>
      ) : (
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {rollup.levels.map((l, i) => (
              <Bar
                key={l.regime}
                dataKey={l.regime}
                name={l.label}
                fill={i === 0 ? '#1d6fb8' : '#7a4a9e'}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartCard>
  );
}

function StandardsTable({ rollup }: { rollup: Rollup }) {
  if (rollup.rows.byStandard.length === 0) return null;
  return (
    <section className="card chart-card" aria-labelledby="rollup-standards-title">
      <h2 id="rollup-standards-title" className="chart-card__title">
        {t.standards.title}
      </h2>
      <div className="table-wrap">
        <SimpleTable
          testId="rollup-standards-table"
          head={[t.standards.standard, t.standards.total, t.standards.done, t.standards.overdue]}
          rows={rollup.rows.byStandard.map((st) => [
            `${t.standards.regime[st.regime] ?? st.regime} — ${
              st.standardCode === ''
                ? t.standards.none
                : `${t.standards.standard} ${st.standardCode}`
            }`,
            st.total,
            st.done,
            st.overdue,
          ])}
        />
      </div>
    </section>
  );
}

function childLink(child: RollupChild, schoolYear: string): ReactNode {
  if (child.kind !== 'school')
    return (
      <AppLink
        href={hrefs.rollup(child.unitId, schoolYear)}
        aria-label={t.children.drill(child.name)}
      >
        {child.name}
      </AppLink>
    );
  return (
    <>
      <AppLink href={hrefs.school(child.unitId)}>{child.name}</AppLink>
      <span className="rollup-plan">
        {child.plan ? (
          <AppLink href={hrefs.plan(child.plan.id)} data-testid="rollup-open-plan">
            {t.children.openPlan} ({t.children.planStatus[child.plan.status] ?? child.plan.status})
          </AppLink>
        ) : (
          <span className="muted">{t.children.noPlan}</span>
        )}
        {child.schoolLevel !== null ? (
          <span className="muted"> · {t.children.level(child.schoolLevel)}</span>
        ) : null}
      </span>
    </>
  );
}

function ChildrenTable({ rollup }: { rollup: Rollup }) {
  const c = t.children;
  return (
    <section className="card chart-card" aria-labelledby="rollup-children-title">
      <h2 id="rollup-children-title" className="chart-card__title">
        {c.title}
      </h2>
      {rollup.children.length === 0 ? (
        <p className="muted">{c.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact rollup-children" data-testid="rollup-children">
            <thead>
              <tr>
                <th scope="col">{c.unit}</th>
                <th scope="col" className="numeric">
                  {c.schools}
                </th>
                <th scope="col" className="numeric">
                  {c.approvedPlan}
                </th>
                <th scope="col" className="numeric">
                  {c.withoutPlan}
                </th>
                <th scope="col" className="numeric">
                  {c.approvedAssessment}
                </th>
                <th scope="col" className="numeric">
                  {c.rows}
                </th>
                <th scope="col" className="numeric">
                  {c.done}
                </th>
                <th scope="col" className="numeric">
                  {c.overdue}
                </th>
                <th scope="col" className="numeric">
                  {c.planned}
                </th>
                <th scope="col" className="numeric">
                  {c.spent}
                </th>
              </tr>
            </thead>
            <tbody>
              {rollup.children.map((child) => (
                <tr key={child.unitId} data-testid="rollup-child">
                  <th scope="row">{childLink(child, rollup.schoolYear)}</th>
                  <td className="numeric">{child.schools.total}</td>
                  <td className="numeric">{child.schools.withApprovedPlan}</td>
                  <td className="numeric">{child.schools.withoutPlan}</td>
                  <td className="numeric">{child.schools.withApprovedAssessment}</td>
                  <td className="numeric">{child.rows.total}</td>
                  <td className="numeric">{child.rows.done}</td>
                  <td className="numeric">{child.rows.overdue}</td>
                  <td className="numeric">{formatMoney(child.budget.planned)}</td>
                  <td className="numeric">{formatMoney(child.budget.spent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CriteriaTable(props: {
  title: string;
  testId: string;
  empty: string;
  items: {
    frameworkCode: string;
    criterionCode: string;
    title: string;
    schools: number;
    rows: number | null;
  }[];
}) {
  const withRows = props.items.some((i) => i.rows !== null);
  return (
    <section className="card chart-card" data-testid={props.testId} aria-label={props.title}>
      <h2 className="chart-card__title">{props.title}</h2>
      {props.items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t.weak.criterion}</th>
                <th scope="col" className="numeric">
                  {t.weak.schools}
                </th>
                {withRows ? (
                  <th scope="col" className="numeric">
                    {t.planned.rows}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {props.items.map((i) => (
                <tr key={`${i.frameworkCode}|${i.criterionCode}`}>
                  <th scope="row">
                    <span className="rollup-code">
                      {i.frameworkCode} · {i.criterionCode}
                    </span>{' '}
                    {i.title}
                  </th>
                  <td className="numeric">{i.schools}</td>
                  {withRows ? <td className="numeric">{i.rows}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
