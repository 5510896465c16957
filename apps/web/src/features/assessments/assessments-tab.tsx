import {
  FRAMEWORK_CODES,
  formatSchoolYear,
  nextSchoolYear,
  schoolYearOf,
  schoolYearStartOf,
  selectFrameworkCode,
  type FrameworkCode,
} from '@caitien/core';
import { useState, type FormEvent } from 'react';
import { errorMessageOf, fieldErrorsOf } from '../../api/api-error.ts';
import { formatDateTime, vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { CheckboxField, SelectField, TextAreaField } from '../../ui/form.tsx';
import { Modal } from '../../ui/modal.tsx';
import { pushNotice } from '../../ui/notices.ts';
import { QueryFailure } from '../../ui/page.tsx';
import { EmptyState, LoadingState } from '../../ui/status.tsx';
import { navigate } from '../../ui/use-location-search.ts';
import { useAccess } from '../auth/use-access.ts';
import { useSchoolProfile } from '../schools/school.queries.ts';
import { hrefs } from '../shell/app-routes.ts';
import { useAssessments, useCreateAssessment } from './assessments.queries.ts';

const t = vi.assessment;

const STATUS_TONES: Record<string, BadgeTone> = {
  draft: 'neutral',
  submitted: 'info',
  approved: 'success',
};

/** "Dự thảo", "Đã trình", "Đã phê duyệt". */
export function AssessmentStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={STATUS_TONES[status] ?? 'neutral'} testId="assessment-status">
      {t.statuses[status] ?? status}
    </Badge>
  );
}

/** Previous school year of "2025-2026": "2024-2025". */
function previousSchoolYear(year: string): string | null {
  const start = Number(year.slice(0, 4));
  return Number.isFinite(start) ? formatSchoolYear(start - 1) : null;
}

/** Trường → Tự đánh giá: the assessments by year and "Bắt đầu tự đánh giá năm học …". */
export function AssessmentsTab({ schoolId }: { schoolId: string }) {
  const assessments = useAssessments(schoolId);
  const { access } = useAccess(schoolId);
  const canEdit = access?.can('plan.edit', schoolId) ?? false;
  const [creating, setCreating] = useState(false);

  if (assessments.isPending) return <LoadingState label={vi.common.loading} />;
  if (assessments.isError)
    return (
      <QueryFailure
        title={t.listLoadError}
        error={assessments.error}
        onRetry={() => void assessments.refetch()}
        nested
      />
    );
  const list = assessments.data;
  const years = new Set(list.map((a) => a.schoolYear));

  return (
    <section className="stack" aria-labelledby="assessments-title" data-testid="assessments-tab">
      <div className="section-head">
        <div>
          <h2 id="assessments-title" className="section-head__title">
            {t.title}
          </h2>
          <p className="muted">{t.intro}</p>
        </div>
        {canEdit ? (
          <div className="section-head__actions">
            <button
              type="button"
              className="button"
              onClick={() => setCreating(true)}
              data-testid="assessment-start-open"
            >
              {t.startButton}
            </button>
          </div>
        ) : null}
      </div>
      {list.length === 0 ? (
        <EmptyState title={t.empty}>{canEdit ? <p>{t.emptyHint}</p> : null}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards" data-testid="assessments-table">
            <caption className="visually-hidden">{t.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columns.year}</th>
                <th scope="col">{t.columns.framework}</th>
                <th scope="col">{t.columns.status}</th>
                <th scope="col">{t.columns.revision}</th>
                <th scope="col">{t.columns.updated}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.columns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => {
                const latest = !list.some(
                  (o) => o.lineageId === a.lineageId && o.revisionNumber > a.revisionNumber,
                );
                return (
                  <tr
                    key={a.id}
                    data-testid="assessment-item"
                    data-year={a.schoolYear}
                    className={latest ? undefined : 'is-inactive'}
                  >
                    <th scope="row" data-label={t.columns.year}>
                      <AppLink href={hrefs.assessment(a.id)}>{t.pageTitle(a.schoolYear)}</AppLink>
                    </th>
                    <td data-label={t.columns.framework}>{a.frameworkCode}</td>
                    <td data-label={t.columns.status}>
                      <AssessmentStatusBadge status={a.status} />
                    </td>
                    <td data-label={t.columns.revision}>{t.revision(a.revisionNumber)}</td>
                    <td data-label={t.columns.updated}>{formatDateTime(a.updatedAt)}</td>
                    <td className="table__actions">
                      <AppLink href={hrefs.assessment(a.id)} className="button button--small">
                        {t.open}
                      </AppLink>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {creating ? (
        <StartAssessmentDialog
          schoolId={schoolId}
          taken={years}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </section>
  );
}

function yearOptions(now: Date): string[] {
  const start = schoolYearStartOf(now);
  const years: string[] = [];
  for (let y = start - 2; y <= start + 2; y += 1) years.push(formatSchoolYear(y));
  return years.reverse();
}

function StartAssessmentDialog({
  schoolId,
  taken,
  onClose,
}: {
  schoolId: string;
  taken: ReadonlySet<string>;
  onClose: () => void;
}) {
  const profile = useSchoolProfile(schoolId);
  const create = useCreateAssessment(schoolId);
  const now = new Date();
  const options = yearOptions(now);
  const current = schoolYearOf(now);
  const [schoolYear, setSchoolYear] = useState(
    [current, nextSchoolYear(current)].find((y) => y !== null && !taken.has(y)) ??
      options.find((y) => !taken.has(y)) ??
      current,
  );
  const level = profile.data?.schoolLevels[0];
  const chosen = level ? selectFrameworkCode({ schoolLevel: level, schoolYear }) : null;
  const [override, setOverride] = useState(false);
  const [frameworkCode, setFrameworkCode] = useState<FrameworkCode>(chosen ?? 'TT17');
  const [reason, setReason] = useState('');
  const previous = previousSchoolYear(schoolYear);
  const hasPrevious = previous !== null && taken.has(previous);
  const [carry, setCarry] = useState(true);
  const errors = fieldErrorsOf(create.error);
  const mustChoose = chosen === null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const overriding = override || mustChoose;
    create.mutate(
      {
        schoolYear,
        ...(overriding ? { frameworkCode, frameworkReason: reason } : {}),
        carryFrom: hasPrevious && carry ? 'previous' : 'none',
      },
      {
        onSuccess: (created) => {
          if (created.carryOver)
            pushNotice({
              tone: 'success',
              message: created.carryOver.message,
              details: created.carryOver.unmapped.map((u) => `${u.criterionCode}: ${u.note}`),
            });
          navigate(hrefs.assessment(created.id));
        },
      },
    );
  }

  return (
    <Modal title={t.startTitle} onClose={onClose} testId="start-assessment-dialog">
      <form className="stack" onSubmit={submit} noValidate>
        <SelectField
          label={t.schoolYear}
          value={schoolYear}
          onChange={(event) => setSchoolYear(event.target.value)}
          error={errors.schoolYear ?? (taken.has(schoolYear) ? t.yearTaken : undefined)}
        >
          {options.map((year) => (
            <option key={year} value={year}>
              {year.replace('-', ' - ')}
            </option>
          ))}
        </SelectField>
        <p className="notice notice--info" data-testid="framework-chosen">
          {chosen ? t.frameworkChosen(chosen) : t.frameworkUnknown}
        </p>
        {!mustChoose ? (
          <CheckboxField
            label={t.override}
            checked={override}
            onChange={(event) => setOverride(event.target.checked)}
          />
        ) : null}
        {override || mustChoose ? (
          <>
            <SelectField
              label={t.framework}
              value={frameworkCode}
              onChange={(event) => setFrameworkCode(event.target.value as FrameworkCode)}
              error={errors.frameworkCode}
            >
              {FRAMEWORK_CODES.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              label={t.overrideReason}
              hint={t.overrideReasonHint}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              error={errors.frameworkReason}
            />
          </>
        ) : null}
        {hasPrevious ? (
          <CheckboxField
            label={t.carryFromPrevious(previous)}
            hint={t.carryHint}
            checked={carry}
            onChange={(event) => setCarry(event.target.checked)}
          />
        ) : null}
        {create.isError && Object.keys(errors).length === 0 ? (
          <p className="form-alert" role="alert">
            {errorMessageOf(create.error)}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t.cancel}
          </button>
          <button
            type="submit"
            className="button"
            disabled={create.isPending || taken.has(schoolYear)}
          >
            {t.start(schoolYear)}
          </button>
        </div>
      </form>
    </Modal>
  );
}
