import {
  DEFAULT_LAYOUTS,
  FRAMEWORK_CODES,
  parseSchoolYear,
  FRAMEWORK_REGIMES,
  formatSchoolYear,
  nextSchoolYear,
  PLAN_LAYOUTS,
  schoolYearOf,
  schoolYearStartOf,
  selectFrameworkCode,
  TT57_FIRST_SCHOOL_YEAR,
  type FrameworkCode,
  type PlanLayout,
} from '@caitien/core';
import { useState, type FormEvent } from 'react';
import { errorMessageOf, fieldErrorsOf } from '../../api/api-error.ts';
import type { RouteResponse } from '../../api/http-client.ts';
import { formatDateTime, vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { CheckboxField, SelectField, TextAreaField } from '../../ui/form.tsx';
import { Modal } from '../../ui/modal.tsx';
import { QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { navigate } from '../../ui/use-location-search.ts';
import { useAccess } from '../auth/use-access.ts';
import { useSchoolProfile } from '../schools/school.queries.ts';
import { hrefs } from '../shell/app-routes.ts';
import type { PlanSummary } from './plan-layout.ts';
import { PlanImportDialog } from './plan-import.tsx';
import { useCarryOver, useCreatePlan, usePlans } from './plans.queries.ts';

const t = vi.plans;

export const STATUS_TONES: Record<string, BadgeTone> = {
  draft: 'neutral',
  submitted: 'info',
  approved: 'success',
};

/** The status badge of a plan ("Dự thảo", "Đã trình", "Đã phê duyệt"). */
export function PlanStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={STATUS_TONES[status] ?? 'neutral'} testId="plan-status">
      {t.statuses[status] ?? status}
    </Badge>
  );
}

/** Trường → Kế hoạch: the plans by school year, "Lập kế hoạch", "Chuyển sang năm sau". */
export function PlansTab({ schoolId }: { schoolId: string }) {
  const plans = usePlans(schoolId);
  const { access } = useAccess(schoolId);
  const canEdit = access?.can('plan.edit', schoolId) ?? false;
  const [creating, setCreating] = useState(false);
  const [carrying, setCarrying] = useState<PlanSummary | null>(null);
  const [importing, setImporting] = useState(false);

  if (plans.isPending) return <LoadingState label={vi.common.loading} />;
  if (plans.isError)
    return (
      <QueryFailure
        title={t.loadError}
        error={plans.error}
        onRetry={() => void plans.refetch()}
        nested
      />
    );
  const list = plans.data;
  const years = new Set(list.map((plan) => plan.schoolYear));

  return (
    <section className="stack" aria-labelledby="plans-title">
      <div className="section-head">
        <div>
          <h2 id="plans-title" className="section-head__title">
            {t.title}
          </h2>
          <p className="muted">{t.intro}</p>
        </div>
        {canEdit ? (
          <div className="section-head__actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setImporting(true)}
              data-testid="plan-import-open"
            >
              {vi.planImport.open}
            </button>
            <button type="button" className="button" onClick={() => setCreating(true)}>
              {t.create}
            </button>
          </div>
        ) : null}
      </div>
      {list.length === 0 ? (
        <EmptyState title={t.empty}>{canEdit ? <p>{t.emptyHint}</p> : null}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards" data-testid="plans-table">
            <caption className="visually-hidden">{t.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columns.year}</th>
                <th scope="col">{t.columns.title}</th>
                <th scope="col">{t.columns.framework}</th>
                <th scope="col">{t.columns.status}</th>
                <th scope="col" className="table__num">
                  {t.columns.rows}
                </th>
                <th scope="col">{t.columns.updated}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.columns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((plan) => {
                const latest = !list.some(
                  (other) =>
                    other.lineageId === plan.lineageId &&
                    other.revisionNumber > plan.revisionNumber,
                );
                const next = nextSchoolYear(plan.schoolYear);
                return (
                  <tr
                    key={plan.id}
                    data-testid="plan-item"
                    data-year={plan.schoolYear}
                    className={latest ? undefined : 'is-inactive'}
                  >
                    <th scope="row" data-label={t.columns.year}>
                      {plan.schoolYear.replace('-', ' - ')}
                    </th>
                    <td data-label={t.columns.title}>
                      <AppLink href={hrefs.plan(plan.id)}>{plan.title}</AppLink>
                      <div className="muted">{t.revision(plan.revisionNumber)}</div>
                    </td>
                    <td data-label={t.columns.framework}>
                      {plan.frameworkCode ?? '—'}{' '}
                      <span className="muted">· {vi.plan.layoutName[plan.layout]}</span>
                    </td>
                    <td data-label={t.columns.status}>
                      <PlanStatusBadge status={plan.status} />
                    </td>
                    <td className="table__num" data-label={t.columns.rows}>
                      {plan.rowCount}
                    </td>
                    <td data-label={t.columns.updated}>{formatDateTime(plan.updatedAt)}</td>
                    <td className="table__actions">
                      <div className="plan-list__actions">
                        <AppLink href={hrefs.plan(plan.id)} className="button button--small">
                          {t.open}
                        </AppLink>
                        {canEdit && latest && next !== null && !years.has(next) ? (
                          <button
                            type="button"
                            className="button button--small button--secondary"
                            onClick={() => setCarrying(plan)}
                          >
                            {t.carryOver}
                          </button>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {creating ? (
        <CreatePlanDialog schoolId={schoolId} taken={years} onClose={() => setCreating(false)} />
      ) : null}
      {carrying ? <CarryOverDialog plan={carrying} onClose={() => setCarrying(null)} /> : null}
      {importing ? (
        <PlanImportDialog schoolId={schoolId} plans={list} onClose={() => setImporting(false)} />
      ) : null}
    </section>
  );
}

/** Years offered in the dialog: a few before and after today's. */
function yearOptions(now: Date): string[] {
  const start = schoolYearStartOf(now);
  const years: string[] = [];
  for (let y = start - 3; y <= start + 3; y += 1) years.push(formatSchoolYear(y));
  return years.reverse();
}

const FRAMEWORK_NAMES: Record<FrameworkCode, string> = {
  TT17: 'TT17 — Thông tư 17/2018 (tiểu học)',
  TT18: 'TT18 — Thông tư 18/2018 (THCS, THPT)',
  TT19: 'TT19 — Thông tư 19/2018 (mầm non)',
  'TT57-MN': 'TT57-MN — Thông tư 57/2026 (mầm non)',
  'TT57-PT': 'TT57-PT — Thông tư 57/2026 (phổ thông)',
  'TT57-GDTX': 'TT57-GDTX — Thông tư 57/2026 (GDTX)',
};

function CreatePlanDialog({
  schoolId,
  taken,
  onClose,
}: {
  schoolId: string;
  taken: ReadonlySet<string>;
  onClose: () => void;
}) {
  const profile = useSchoolProfile(schoolId);
  const create = useCreatePlan(schoolId);
  const now = new Date();
  const options = yearOptions(now);
  const current = schoolYearOf(now);
  const [schoolYear, setSchoolYear] = useState(
    options.find((year) => year === nextSchoolYear(current) && !taken.has(year)) ??
      options.find((year) => !taken.has(year)) ??
      current,
  );
  const [override, setOverride] = useState(false);
  const [frameworkCode, setFrameworkCode] = useState<FrameworkCode>('TT17');
  const [reason, setReason] = useState('');
  const [layout, setLayout] = useState<PlanLayout | ''>('');
  const level = profile.data?.schoolLevels[0];
  const chosen = level ? selectFrameworkCode({ schoolLevel: level, schoolYear }) : null;
  const effective = override ? frameworkCode : chosen;
  const errors = fieldErrorsOf(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        schoolYear,
        ...(override ? { frameworkCode, frameworkReason: reason } : {}),
        ...(layout ? { layout } : {}),
      },
      { onSuccess: (plan) => navigate(hrefs.plan(plan.id)) },
    );
  }

  return (
    <Modal title={t.createTitle} onClose={onClose} testId="create-plan-dialog">
      <form className="stack" onSubmit={submit} noValidate>
        <SelectField
          label={t.schoolYear}
          value={schoolYear}
          onChange={(event) => setSchoolYear(event.target.value)}
          error={errors.schoolYear}
          name="schoolYear"
        >
          {options.map((year) => (
            <option key={year} value={year} disabled={taken.has(year)}>
              {t.schoolYearOption(year)}
            </option>
          ))}
        </SelectField>
        <div className="notice notice--info plan-framework-preview" data-testid="framework-preview">
          <p>
            <strong>{t.frameworkWillApply}: </strong>
            {effective ? FRAMEWORK_NAMES[effective] : level ? '—' : t.noLevel}
            {effective ? (
              <span className="muted">
                {' '}
                · {vi.plan.layoutName[layout || DEFAULT_LAYOUTS[FRAMEWORK_REGIMES[effective]]]}
              </span>
            ) : null}
          </p>
          <p className="muted">{t.frameworkRule}</p>
        </div>
        <CheckboxField
          label={t.override}
          checked={override}
          onChange={(event) => setOverride(event.target.checked)}
        />
        {override ? (
          <>
            <SelectField
              label={t.overrideFramework}
              value={frameworkCode}
              onChange={(event) => setFrameworkCode(event.target.value as FrameworkCode)}
            >
              {FRAMEWORK_CODES.map((code) => (
                <option key={code} value={code}>
                  {FRAMEWORK_NAMES[code]}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              label={t.overrideReason}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              error={errors.frameworkReason}
              required
            />
          </>
        ) : null}
        <SelectField
          label={t.layout}
          value={layout}
          onChange={(event) => setLayout(event.target.value as PlanLayout | '')}
        >
          <option value="">{t.layoutDefault}</option>
          {PLAN_LAYOUTS.map((key) => (
            <option key={key} value={key}>
              {t.layouts[key]}
            </option>
          ))}
        </SelectField>
        {create.isError ? (
          <p className="form-alert" role="alert" data-testid="create-plan-error">
            {errorMessageOf(create.error)}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending || !level}>
            {t.create}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {vi.common.cancel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

type CarryOverReport = RouteResponse<'carryOverPlan'>['carryOver'];

/**
 * "Chuyển sang năm sau": before, says which circular next year follows (a 2018 plan going into a
 * TT57 year has its criteria mapped, not copied by number); after, shows what was done — each
 * carried row with the criterion it had and the one it got, and the rows left for the school to
 * choose — before opening the new plan.
 */
function CarryOverDialog({ plan, onClose }: { plan: PlanSummary; onClose: () => void }) {
  const carry = useCarryOver();
  const next = nextSchoolYear(plan.schoolYear);
  const [done, setDone] = useState<{ planId: string; report: CarryOverReport } | null>(null);
  // The list offers carry-over only for plans whose next year can be told.
  if (next === null) return null;
  const nextYear = parseSchoolYear(next);
  const crossing =
    plan.regime === '2018' && nextYear !== null && nextYear.startYear >= TT57_FIRST_SCHOOL_YEAR;
  return (
    <Modal
      title={t.carryOverTitle}
      onClose={onClose}
      size={done ? 'large' : 'small'}
      testId="carry-over-dialog"
    >
      {done ? (
        <CarryOverResult report={done.report} />
      ) : (
        <>
          <p>{t.carryOverIntro(plan.schoolYear, next)}</p>
          {crossing ? (
            <p className="notice notice--warning" data-testid="carry-over-regime">
              {t.carryOverRegime(next)}
            </p>
          ) : null}
        </>
      )}
      {carry.isError ? (
        <p className="form-alert" role="alert">
          {errorMessageOf(carry.error)}
        </p>
      ) : null}
      <div className="form-actions">
        {done ? (
          <button
            type="button"
            className="button"
            onClick={() => navigate(hrefs.plan(done.planId))}
          >
            {t.carryOverOpen(done.report.toSchoolYear)}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button"
              disabled={carry.isPending}
              onClick={() =>
                carry.mutate(
                  { planId: plan.id, schoolYear: next },
                  {
                    onSuccess: (created) =>
                      setDone({ planId: created.id, report: created.carryOver }),
                  },
                )
              }
            >
              {t.carryOverConfirm}
            </button>
            <button type="button" className="button button--secondary" onClick={onClose}>
              {vi.common.cancel}
            </button>
          </>
        )}
      </div>
    </Modal>
  );
}

/** What carry-over did: the server's sentence, then one line per carried row. */
function CarryOverResult({ report }: { report: CarryOverReport }) {
  const c = t.carryOverReport;
  const criterion = (code: string | null, title: string | null) =>
    code ? `${code}${title ? ` – ${title}` : ''}` : null;
  return (
    <div data-testid="carry-over-report">
      <p
        className={`notice ${report.regimeChange ? 'notice--warning' : 'notice--info'}`}
        data-testid="carry-over-message"
      >
        {report.message}
      </p>
      {report.regimeChange?.mapping ? (
        <p className="muted">{report.regimeChange.mapping.provenance}</p>
      ) : null}
      {report.rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="carry-over-rows">
            <caption className="visually-hidden">{c.caption}</caption>
            <thead>
              <tr>
                <th scope="col" className="table__num">
                  {c.row}
                </th>
                <th scope="col">{c.content}</th>
                <th scope="col">{c.from}</th>
                <th scope="col">{c.to}</th>
                <th scope="col">{c.note}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr
                  key={row.rowId}
                  data-testid="carry-over-row"
                  data-outcome={row.outcome}
                  data-from={row.fromCriterionCode ?? ''}
                  data-to={row.criterionCode ?? ''}
                >
                  <td className="table__num">{row.sourceNumber}</td>
                  <td>{row.summary}</td>
                  <td>
                    {criterion(row.fromCriterionCode, row.fromTitle) ??
                      (row.fromLevel4Key ? c.level4(row.fromLevel4Key) : c.none)}
                  </td>
                  <td>
                    {row.outcome === 'unmapped' ? (
                      <strong>{c.unmapped}</strong>
                    ) : (
                      (criterion(row.criterionCode, row.toTitle) ?? c.none)
                    )}
                  </td>
                  <td>
                    {row.confidence ? `${c.confidence[row.confidence]}. ` : ''}
                    {row.note}
                    {row.candidates.length > 0 ? ` ${c.candidates(row.candidates)}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
