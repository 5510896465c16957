import { useEffect, useMemo, type CSSProperties, type ReactNode } from 'react';
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
import { formatMoney, formatMonth, viMonitoring } from '../../i18n/vi-monitoring.ts';
import { QueryFailure } from '../../ui/page.tsx';
import { LoadingState } from '../../ui/status.tsx';
import {
  budgetChartData,
  standardChartData,
  STATUS_COLORS,
  STATUS_ORDER,
  timelineBars,
} from './monitoring-logic.ts';
import { usePlanDashboard, type PlanDashboard } from './monitoring.queries.ts';
import { ScheduleBadges, StatusChip } from './progress-tab.tsx';
import './monitoring.css';

const t = viMonitoring.dashboard;

/**
 * "Tổng quan": the plan's follow-up at a glance for the principal. Charts by recharts (rows by
 * status per standard, budget by funding source); the month-by-month timeline is a CSS grid (a
 * Gantt needs bars that start anywhere, which stacked recharts bars only fake, and a grid prints
 * and reflows on a phone without measuring). Every chart has its numbers as a table.
 */
export function DashboardTab({ planId }: { planId: string }) {
  const dashboard = usePlanDashboard(planId);
  if (dashboard.isPending) return <LoadingState label={vi.common.loading} />;
  if (dashboard.isError)
    return (
      <QueryFailure
        title={t.loadError}
        error={dashboard.error}
        onRetry={() => void dashboard.refetch()}
      />
    );
  return <DashboardView dashboard={dashboard.data} />;
}

/** Opens every "Xem bảng số liệu" before printing, so the numbers are on paper too. */
function useOpenDetailsForPrint() {
  useEffect(() => {
    const open = () => {
      for (const details of document.querySelectorAll<HTMLDetailsElement>('details.chart-data'))
        details.open = true;
    };
    window.addEventListener('beforeprint', open);
    return () => window.removeEventListener('beforeprint', open);
  }, []);
}

function DashboardView({ dashboard }: { dashboard: PlanDashboard }) {
  useOpenDetailsForPrint();
  const summary = dashboard.summary;
  return (
    <section
      className="stack monitoring dashboard"
      aria-labelledby="dashboard-title"
      data-testid="dashboard"
    >
      <div className="section-head monitoring-head">
        <div>
          <h2 id="dashboard-title" className="section-head__title">
            {t.title}
          </h2>
          <p className="muted">
            {t.asOf(formatDate(dashboard.today), dashboard.schoolYear.replace('-', ' - '))}
          </p>
        </div>
        <button
          type="button"
          className="button button--secondary no-print"
          onClick={() => window.print()}
        >
          {t.print}
        </button>
      </div>

      <dl className="summary-tiles" data-testid="dashboard-summary">
        <div className="summary-tile">
          <dt>{t.tiles.total}</dt>
          <dd>{summary.total}</dd>
        </div>
        <div className="summary-tile summary-tile--done">
          <dt>{t.tiles.done}</dt>
          <dd>{summary.byStatus.done ?? 0}</dd>
        </div>
        <div className="summary-tile summary-tile--in_progress">
          <dt>{t.tiles.inProgress}</dt>
          <dd>{summary.byStatus.in_progress ?? 0}</dd>
        </div>
        <div className="summary-tile summary-tile--overdue">
          <dt>{t.tiles.overdue}</dt>
          <dd>{summary.overdue}</dd>
        </div>
        <div className="summary-tile">
          <dt>{t.tiles.noDate}</dt>
          <dd>{summary.noDate}</dd>
        </div>
      </dl>

      <div className="dashboard-grid">
        <StandardsChart dashboard={dashboard} />
        <BudgetChart dashboard={dashboard} />
      </div>
      <OverdueList dashboard={dashboard} />
      <Timeline dashboard={dashboard} />
      <RoundsProgress dashboard={dashboard} />
    </section>
  );
}

function ChartCard({
  title,
  testId,
  children,
  table,
}: {
  title: string;
  testId: string;
  children: ReactNode;
  table: ReactNode;
}) {
  return (
    <section className="card chart-card" data-testid={testId} aria-label={title}>
      <h3 className="chart-card__title">{title}</h3>
      <div className="chart-card__chart" role="img" aria-label={t.chartOf(title)}>
        {children}
      </div>
      <details className="chart-data">
        <summary>{t.showTable}</summary>
        <div className="table-wrap">{table}</div>
      </details>
    </section>
  );
}

function StandardsChart({ dashboard }: { dashboard: PlanDashboard }) {
  const data = useMemo(() => standardChartData(dashboard.byStandard), [dashboard.byStandard]);
  const table = (
    <table className="table table--compact chart-table" data-testid="standards-table">
      <thead>
        <tr>
          <th scope="col">{t.standard}</th>
          {STATUS_ORDER.map((status) => (
            <th key={status} scope="col" className="numeric">
              {viMonitoring.statusShort[status]}
            </th>
          ))}
          <th scope="col" className="numeric">
            {t.total}
          </th>
        </tr>
      </thead>
      <tbody>
        {data.map((item) => (
          <tr key={item.name}>
            <th scope="row">{item.label}</th>
            {STATUS_ORDER.map((status) => (
              <td key={status} className="numeric">
                {item[status]}
              </td>
            ))}
            <td className="numeric">{item.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartCard title={t.byStandard} testId="chart-standards" table={table}>
      {data.length === 0 ? (
        <p className="muted">{t.byStandardEmpty}</p>
      ) : (
        <ResponsiveContainer width="100%" height={300}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
            {STATUS_ORDER.map((status) => (
              <Bar
                key={status}
                dataKey={status}
                name={viMonitoring.statusShort[status]}
                stackId="status"
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

/** "20 tr" for the axis (amounts in million đồng). */
const millions = (value: number) =>
  value === 0
    ? '0'
    : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(value / 1e6)} tr`;

function BudgetChart({ dashboard }: { dashboard: PlanDashboard }) {
  const data = useMemo(() => budgetChartData(dashboard.budget), [dashboard.budget]);
  const table = (
    <table className="table table--compact chart-table" data-testid="budget-table">
      <thead>
        <tr>
          <th scope="col">{t.source}</th>
          <th scope="col" className="numeric">
            {t.planned}
          </th>
          <th scope="col" className="numeric">
            {t.spent}
          </th>
          <th scope="col" className="numeric">
            {t.ratio}
          </th>
        </tr>
      </thead>
      <tbody>
        {data.map((item) => (
          <tr key={item.source}>
            <th scope="row">{item.name}</th>
            <td className="numeric">{formatMoney(item.planned)}</td>
            <td className="numeric">{formatMoney(item.spent)}</td>
            <td className="numeric">
              {item.planned > 0 ? `${Math.round((item.spent / item.planned) * 100)}%` : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartCard title={t.budget} testId="chart-budget" table={table}>
      {data.length === 0 ? (
        <p className="muted">{t.budgetEmpty}</p>
      ) : (
        <ResponsiveContainer width="100%" height={300}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
            <YAxis tickFormatter={millions} tick={{ fontSize: 12 }} width={56} />
            <Tooltip formatter={(value) => formatMoney(Number(value))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="planned" name={t.planned} fill="#9db7d9" isAnimationActive={false} />
            <Bar dataKey="spent" name={t.spent} fill="#1d4f91" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartCard>
  );
}

function OverdueList({ dashboard }: { dashboard: PlanDashboard }) {
  return (
    <section className="card chart-card" data-testid="overdue-list" aria-labelledby="overdue-title">
      <h3 id="overdue-title" className="chart-card__title">
        {t.overdueTitle} ({dashboard.overdue.length})
      </h3>
      {dashboard.overdue.length === 0 ? (
        <p className="muted">{t.overdueEmpty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact table--cards chart-table">
            <thead>
              <tr>
                <th scope="col">{viMonitoring.progress.columns.ordinal}</th>
                <th scope="col">{viMonitoring.progress.columns.content}</th>
                <th scope="col">{viMonitoring.progress.columns.lead}</th>
                <th scope="col">{viMonitoring.progress.columns.status}</th>
                <th scope="col">{viMonitoring.progress.columns.due}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.overdue.map((row) => (
                <tr key={row.rowId} data-testid="overdue-row">
                  <th scope="row" data-label={viMonitoring.progress.columns.ordinal}>
                    {row.ordinal}
                  </th>
                  <td data-label={viMonitoring.progress.columns.content} className="pre-line">
                    {row.content}
                  </td>
                  <td data-label={viMonitoring.progress.columns.lead}>{row.leadText}</td>
                  <td data-label={viMonitoring.progress.columns.status}>
                    <StatusChip status={row.status} /> {row.percent}%
                  </td>
                  <td data-label={viMonitoring.progress.columns.due}>
                    <ScheduleBadges schedule={row.schedule} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Timeline({ dashboard }: { dashboard: PlanDashboard }) {
  const months = dashboard.timeline.months;
  const { bars, undated } = useMemo(
    () => timelineBars(months, dashboard.timeline.rows),
    [months, dashboard.timeline.rows],
  );
  const todayMonth = dashboard.today.slice(0, 7);
  const table = (
    <table className="table table--compact chart-table" data-testid="timeline-table">
      <thead>
        <tr>
          <th scope="col">{viMonitoring.progress.columns.ordinal}</th>
          <th scope="col">{viMonitoring.progress.columns.content}</th>
          <th scope="col">{t.from}</th>
          <th scope="col">{t.to}</th>
          <th scope="col">{viMonitoring.progress.columns.status}</th>
          <th scope="col" className="numeric">
            {viMonitoring.progress.columns.percent}
          </th>
        </tr>
      </thead>
      <tbody>
        {dashboard.timeline.rows.map((row) => (
          <tr key={row.rowId}>
            <th scope="row">{row.ordinal}</th>
            <td>{row.label}</td>
            <td>{row.startMonth ? formatMonth(row.startMonth) : viMonitoring.progress.noDate}</td>
            <td>{row.dueMonth ? formatMonth(row.dueMonth) : viMonitoring.progress.noDate}</td>
            <td>
              {viMonitoring.statusShort[row.status]}
              {row.overdue ? ` (${viMonitoring.progress.overdue.toLowerCase()})` : ''}
            </td>
            <td className="numeric">{row.percent}%</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartCard title={t.timeline} testId="chart-timeline" table={table}>
      {bars.length === 0 || months.length === 0 ? (
        <p className="muted">{t.timelineEmpty}</p>
      ) : (
        <>
          <p className="muted chart-card__hint">{t.timelineHint}</p>
          <div className="gantt-scroll">
            <div
              className="gantt"
              style={{ '--gantt-months': months.length } as CSSProperties}
              data-testid="gantt"
            >
              <div className="gantt__corner" />
              {months.map((month) => (
                <div
                  key={month}
                  className={`gantt__month ${month === todayMonth ? 'is-today' : ''}`}
                  title={formatMonth(month)}
                >
                  {month.slice(5) === '01' || month === months[0]
                    ? `${Number(month.slice(5))}/${month.slice(2, 4)}`
                    : Number(month.slice(5))}
                </div>
              ))}
              {bars.map((bar, index) => (
                <GanttRow
                  key={bar.rowId}
                  bar={bar}
                  line={index + 2}
                  todayColumn={months.indexOf(todayMonth)}
                />
              ))}
            </div>
          </div>
          {undated > 0 ? (
            <p className="muted chart-card__hint">{t.timelineNoDate(undated)}</p>
          ) : null}
        </>
      )}
    </ChartCard>
  );
}

/** "Rà soát…" from "1. Rà soát…" (the label may start with the row's number, shown apart). */
function withoutOrdinal(label: string, ordinal: string): string {
  return label.startsWith(`${ordinal}.`) ? label.slice(ordinal.length + 1).trimStart() : label;
}

function GanttRow({
  bar,
  line,
  todayColumn,
}: {
  bar: ReturnType<typeof timelineBars>['bars'][number];
  line: number;
  todayColumn: number;
}) {
  return (
    <>
      <div className="gantt__label" style={{ gridRow: line }} title={bar.label}>
        <strong>{bar.ordinal}</strong> {withoutOrdinal(bar.label, bar.ordinal)}
      </div>
      {todayColumn >= 0 ? (
        <div
          className="gantt__today"
          style={{ gridRow: line, gridColumn: todayColumn + 2 }}
          aria-hidden="true"
        />
      ) : null}
      <div
        className={`gantt__bar ${bar.overdue ? 'is-overdue' : ''}`}
        style={{
          gridRow: line,
          gridColumn: `${bar.startColumn + 1} / ${bar.endColumn + 1}`,
          background: `linear-gradient(to right, ${STATUS_COLORS[bar.status]} ${bar.percent}%, ${STATUS_COLORS[bar.status]}55 ${bar.percent}%)`,
        }}
        title={`${bar.ordinal}. ${bar.label} — ${viMonitoring.statusShort[bar.status]}, ${bar.percent}%`}
        data-testid="gantt-bar"
      >
        <span className={`gantt__bar-text ${bar.percent < 25 ? 'is-light' : ''}`}>
          {bar.percent}%
        </span>
      </div>
    </>
  );
}

function RoundsProgress({ dashboard }: { dashboard: PlanDashboard }) {
  return (
    <section
      className="card chart-card"
      data-testid="chart-rounds"
      aria-labelledby="rounds-progress-title"
    >
      <h3 id="rounds-progress-title" className="chart-card__title">
        {t.rounds}
      </h3>
      {dashboard.rounds.length === 0 ? (
        <p className="muted">{t.roundsEmpty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact chart-table rounds-progress">
            <thead>
              <tr>
                <th scope="col">{t.round}</th>
                <th scope="col">{t.roundStatus}</th>
                <th scope="col">{t.reviewed}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.rounds.map((round) => {
                const ratio = round.totalRows > 0 ? round.reviewedRows / round.totalRows : 0;
                return (
                  <tr key={round.id}>
                    <th scope="row">{round.label}</th>
                    <td>{viMonitoring.rounds.statuses[round.status]}</td>
                    <td>
                      <span className="meter" aria-hidden="true">
                        <span style={{ width: `${Math.round(ratio * 100)}%` }} />
                      </span>
                      {viMonitoring.rounds.reviewedOf(round.reviewedRows, round.totalRows)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
