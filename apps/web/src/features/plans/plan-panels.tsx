import { useState, type FormEvent } from 'react';
import type { RouteResponse } from '../../api/http-client.ts';
import { formatNumber, vi } from '../../i18n/vi.ts';
import { Modal } from '../../ui/modal.tsx';
import { ErrorState, LoadingState } from '../../ui/status.tsx';
import type { PlanDetail, PlanRow } from './plan-layout.ts';
import { usePlanChecks, useUpdatePlan } from './plans.queries.ts';

type Framework = RouteResponse<'getFramework'>;
type Criterion = Framework['standards'][number]['criteria'][number];

/** What the picker adds: a criterion (with its standard), a Mức 4 item, or nothing (TT57). */
export type PickedTarget =
  | { kind: 'criterion'; standardCode: string; criterionCode: string }
  | { kind: 'level4'; key: string }
  | { kind: 'none' };

/**
 * Chooses the criterion of a new row from the plan's framework: the list of standards and
 * criteria, and beside it the chosen criterion's title and requirements per level.
 */
export function CriterionPicker({
  framework,
  group,
  onPick,
  onClose,
  isPending,
  mode = 'add',
}: {
  framework: Framework | undefined;
  group: PlanRow['group'];
  onPick: (target: PickedTarget) => void;
  onClose: () => void;
  isPending: boolean;
  /** `add`: a new row under the criterion; `assign`: the criterion of an existing row. */
  mode?: 'add' | 'assign';
}) {
  const [selected, setSelected] = useState<{ standard: string; criterion: Criterion } | null>(null);
  const [level4, setLevel4] = useState<string | null>(null);
  const t = vi.plan.picker;

  if (group === 'level_4') {
    const items = framework?.level4Items ?? [];
    const item = items.find((i) => i.key === level4);
    return (
      <Modal title={t.titleLevel4} onClose={onClose} size="large" testId="criterion-picker">
        <div className="picker-panes">
          <ul className="plain-list picker-list">
            {items.map((i) => (
              <li key={i.key}>
                <button
                  type="button"
                  className={`picker-list__item ${i.key === level4 ? 'is-selected' : ''}`}
                  onClick={() => setLevel4(i.key)}
                  aria-pressed={i.key === level4}
                >
                  <strong>{i.key}.</strong> {i.text.slice(0, 90)}
                  {i.text.length > 90 ? '…' : ''}
                </button>
              </li>
            ))}
          </ul>
          <div className="picker-detail" data-testid="picker-detail">
            {item ? (
              <>
                <h3 className="picker-detail__title">{vi.plan.level4Label(item.key)}</h3>
                <p className="muted">{item.ref}</p>
                <p>{item.text}</p>
                <button
                  type="button"
                  className="button"
                  disabled={isPending}
                  onClick={() => onPick({ kind: 'level4', key: item.key })}
                >
                  {t.choose}
                </button>
              </>
            ) : (
              <p className="muted">{t.selectHint}</p>
            )}
          </div>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={t.title} onClose={onClose} size="large" testId="criterion-picker">
      {!framework ? (
        <LoadingState label={t.loading} />
      ) : (
        <div className="picker-panes">
          <div className="picker-list">
            {framework.standards.map((standard) => (
              <div key={standard.code} className="picker-list__standard">
                <p className="picker-list__standard-title">
                  {vi.plan.standard(standard.code, standard.title)}
                </p>
                <ul className="plain-list">
                  {standard.criteria.map((criterion) => (
                    <li key={criterion.code}>
                      <button
                        type="button"
                        className={`picker-list__item ${
                          selected?.criterion.code === criterion.code ? 'is-selected' : ''
                        }`}
                        aria-pressed={selected?.criterion.code === criterion.code}
                        onClick={() => setSelected({ standard: standard.code, criterion })}
                      >
                        <strong>{criterion.code}</strong> {criterion.title}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
          <div className="picker-detail" data-testid="picker-detail">
            {selected ? (
              <>
                <h3 className="picker-detail__title">
                  {vi.plan.criterionLabel(selected.criterion.code)}: {selected.criterion.title}
                </h3>
                <button
                  type="button"
                  className="button"
                  disabled={isPending}
                  onClick={() =>
                    onPick({
                      kind: 'criterion',
                      standardCode: selected.standard,
                      criterionCode: selected.criterion.code,
                    })
                  }
                >
                  {mode === 'assign' ? t.assign : t.choose}
                </button>
                <p className="picker-detail__label">{t.indicators}</p>
                {selected.criterion.levels
                  .filter((level) => level.indicators.length > 0)
                  .map((level) => (
                    <div key={level.level} className="picker-detail__level">
                      <p className="picker-detail__level-title">{t.level(level.level)}</p>
                      <ul className="plain-list">
                        {level.indicators.map((indicator, index) => (
                          <li
                            key={`${indicator.key ?? ''}-${index}`}
                            className={indicator.repealed ? 'is-repealed' : undefined}
                          >
                            {indicator.key ? <strong>{indicator.key}) </strong> : null}
                            {indicator.text}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
              </>
            ) : (
              <p className="muted">{t.selectHint}</p>
            )}
          </div>
        </div>
      )}
      {group === 'tt57' && mode === 'add' ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={isPending}
            onClick={() => onPick({ kind: 'none' })}
          >
            {t.chooseNone}
          </button>
        </div>
      ) : null}
    </Modal>
  );
}

/**
 * Kiểm tra kế hoạch: findings grouped by severity (each leads to its row), and the budget totals
 * by source.
 */
export function ChecksPanel({
  planId,
  onShowRow,
  onClose,
}: {
  planId: string;
  onShowRow: (rowId: string, field: string | null) => void;
  onClose: () => void;
}) {
  const checks = usePlanChecks(planId, true);
  const t = vi.plan;
  return (
    <section
      className="card plan-checks"
      aria-labelledby="plan-checks-title"
      data-testid="plan-checks"
    >
      <div className="panel__head">
        <h2 id="plan-checks-title" className="panel__title">
          {t.checksTitle}
        </h2>
        <div className="panel__actions">
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => void checks.refetch()}
            disabled={checks.isFetching}
          >
            {t.checks}
          </button>
          <button type="button" className="button button--small button--ghost" onClick={onClose}>
            {t.closeChecks}
          </button>
        </div>
      </div>
      {checks.isPending ? (
        <LoadingState label={t.checksLoading} />
      ) : checks.isError ? (
        <ErrorState
          title={t.checksTitle}
          error={checks.error}
          onRetry={() => void checks.refetch()}
        />
      ) : (
        <div className="plan-checks__body">
          <div>
            {checks.data.checks.length === 0 ? (
              <p data-testid="checks-none">{t.checksNone}</p>
            ) : (
              (['error', 'warning', 'info'] as const).map((severity) => {
                const list = checks.data.checks.filter((c) => c.severity === severity);
                if (list.length === 0) return null;
                return (
                  <div key={severity} className="plan-checks__group" data-severity={severity}>
                    <h3 className={`plan-checks__severity plan-checks__severity--${severity}`}>
                      {t.severities[severity]} ({list.length})
                    </h3>
                    <ul className="plain-list">
                      {list.map((check, index) => (
                        <li key={`${check.code}-${check.rowId ?? ''}-${index}`}>
                          {check.rowId ? (
                            <button
                              type="button"
                              className="plan-check plan-check--link"
                              data-testid="plan-check"
                              data-severity={severity}
                              onClick={() => check.rowId && onShowRow(check.rowId, check.field)}
                            >
                              {check.message}
                            </button>
                          ) : (
                            <p
                              className="plan-check"
                              data-testid="plan-check"
                              data-severity={severity}
                            >
                              {check.message}
                            </p>
                          )}
                        </li>
                      ))}
                    </ul>
                  </div>
                );
              })
            )}
          </div>
          <div className="plan-checks__budget" data-testid="budget-totals">
            <h3 className="plan-checks__subtitle">{t.budgetTotals}</h3>
            <dl className="facts">
              {(['state', 'socialized', 'mixed', 'total'] as const).map((key) => (
                <div key={key} className={`facts__row ${key === 'total' ? 'is-total' : ''}`}>
                  <dt>{t.budget[key]}</dt>
                  <dd data-testid={`budget-${key}`}>
                    {formatNumber(checks.data.budgetTotals[key])} đ
                  </dd>
                </div>
              ))}
              <div className="facts__row">
                <dt>{t.budget.rowsWithoutAmount}</dt>
                <dd>{checks.data.budgetTotals.rowsWithoutAmount}</dd>
              </div>
            </dl>
          </div>
        </div>
      )}
    </section>
  );
}

/** The header of the document and its sections, all editable until approval. */
export function HeaderForm({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const update = useUpdatePlan(plan.id);
  const [header, setHeader] = useState(plan.header);
  const [recipients, setRecipients] = useState(plan.header.recipients.join('\n'));
  const [sections, setSections] = useState(plan.sections);
  const t = vi.plan.headerFields;

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({
      header: {
        ...header,
        recipients: recipients
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      },
      sections,
      version: plan.version,
    });
  }

  const text = (key: Exclude<keyof typeof t, 'recipients' | 'documentDate'>) => (
    <div className="field">
      <label className="field__label" htmlFor={`plan-header-${key}`}>
        {t[key]}
      </label>
      <input
        id={`plan-header-${key}`}
        className="input"
        value={header[key]}
        onChange={(event) => setHeader({ ...header, [key]: event.target.value })}
      />
    </div>
  );

  return (
    <form onSubmit={submit} className="stack" data-testid="plan-header-form">
      <fieldset disabled={!editable} className="plan-header-form">
        <div className="form-grid">
          {text('governingBody')}
          {text('schoolName')}
          {text('documentNumber')}
          {text('placeName')}
          <div className="field">
            <label className="field__label" htmlFor="plan-header-documentDate">
              {t.documentDate}
            </label>
            <input
              id="plan-header-documentDate"
              type="date"
              className="input"
              value={header.documentDate ?? ''}
              onChange={(event) =>
                setHeader({ ...header, documentDate: event.target.value || null })
              }
            />
          </div>
          {text('title')}
          {text('subtitle')}
          {text('signerPrefix')}
          {text('signerTitle')}
          {text('signerName')}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="plan-header-recipients">
            {t.recipients}
          </label>
          <textarea
            id="plan-header-recipients"
            className="input textarea"
            rows={3}
            value={recipients}
            onChange={(event) => setRecipients(event.target.value)}
          />
        </div>
        {sections.map((section, index) => (
          <div className="field" key={section.key}>
            <label className="field__label" htmlFor={`plan-section-${section.key}`}>
              {section.heading}
            </label>
            <textarea
              id={`plan-section-${section.key}`}
              className="input textarea"
              rows={Math.min(10, Math.max(2, section.body.split('\n').length + 1))}
              value={section.body}
              onChange={(event) =>
                setSections(
                  sections.map((s, i) => (i === index ? { ...s, body: event.target.value } : s)),
                )
              }
            />
          </div>
        ))}
        {editable ? (
          <div className="form-actions">
            <button type="submit" className="button" disabled={update.isPending}>
              {vi.plan.saveHeader}
            </button>
          </div>
        ) : null}
      </fieldset>
    </form>
  );
}
