import {
  fieldsWithoutColumn,
  PLAN_LAYOUTS,
  ROW_TEXT_FIELDS,
  type PlanLayout,
  type RowTextField,
} from '@caitien/core';
import { useState } from 'react';
import { routeUrl, type RouteQuery } from '../../api/http-client.ts';
import { vi } from '../../i18n/vi.ts';
import { fieldsWithText, LAYOUT_COLUMNS, type PlanDetail } from './plan-layout.ts';
import { PdfExportButton } from './pdf-export-button.tsx';
import { useUpdatePlan } from './plans.queries.ts';

const t = vi.planDocuments;

/** The download address of a plan document (GET; the session cookie is enough). */
export function documentHref(
  planId: string,
  format: NonNullable<RouteQuery<'downloadPlanDocument'>['format']>,
  layout: PlanLayout,
): string {
  return routeUrl('downloadPlanDocument', { params: { planId }, query: { format, layout } });
}

/**
 * Which of the plan's fields `layout` prints inside another column (and which one), for the
 * fields some row has text in; nothing when every such field has a column of its own.
 */
export function LayoutJoinsNotice({
  plan,
  layout,
  testId,
}: {
  plan: Pick<PlanDetail, 'rows'>;
  layout: PlanLayout;
  testId: string;
}) {
  const joined = fieldsWithoutColumn(layout, fieldsWithText(plan.rows));
  if (joined.length === 0) return null;
  return (
    <div className="notice notice--info layout-joins" data-testid={testId} data-layout={layout}>
      <p>{vi.plan.layoutJoinsTitle(vi.plan.layoutName[layout] ?? layout)}</p>
      <ul className="layout-joins__list">
        {joined.map((f) => (
          <li key={f.field} data-field={f.field}>
            {vi.plan.layoutJoinsItem(f.fieldLabel, f.column.label)}
          </li>
        ))}
      </ul>
      <p className="muted">{vi.plan.layoutJoinsHint}</p>
    </div>
  );
}

/**
 * "Văn bản": choose the layout and the columns to print (saved with the plan by those who may
 * edit it), then download DOCX / XLSX / PDF or open the print view.
 */
export function PlanDocuments({ plan, editable }: { plan: PlanDetail; editable: boolean }) {
  const update = useUpdatePlan(plan.id);
  // Readers may try another layout for their download without changing the plan.
  const [layout, setLayout] = useState<PlanLayout>(plan.layout);
  const current = editable ? plan.layout : layout;
  const hidden = new Set<string>(plan.hiddenColumns);
  // Hiding a column hides the fields printed inside it too: say which, beside its checkbox.
  const alsoPrinted = new Map<string, string[]>();
  for (const f of fieldsWithoutColumn(current, fieldsWithText(plan.rows))) {
    const key = f.column.field ?? '';
    alsoPrinted.set(key, [...(alsoPrinted.get(key) ?? []), f.fieldLabel]);
  }

  function chooseLayout(next: PlanLayout) {
    if (editable) update.mutate({ layout: next, version: plan.version });
    else setLayout(next);
  }

  function toggleColumn(field: RowTextField, show: boolean) {
    const known = plan.hiddenColumns.filter((f): f is RowTextField =>
      (ROW_TEXT_FIELDS as readonly string[]).includes(f),
    );
    const next = show ? known.filter((f) => f !== field) : [...known, field];
    update.mutate({ hiddenColumns: next, version: plan.version });
  }

  return (
    <details className="card plan-documents" data-testid="plan-documents">
      <summary className="plan-header-card__summary">
        <span className="panel__title">{t.title}</span>
        <span className="muted"> — {t.intro}</span>
      </summary>
      <div className="stack plan-documents__body">
        <fieldset className="plan-documents__layouts">
          <legend>{t.layout}</legend>
          {PLAN_LAYOUTS.map((l) => (
            <label key={l} className="radio">
              <input
                type="radio"
                name={`layout-${plan.id}`}
                value={l}
                checked={current === l}
                disabled={update.isPending}
                onChange={() => chooseLayout(l)}
              />{' '}
              {vi.plan.layoutName[l]}
            </label>
          ))}
          {!editable ? <p className="muted">{t.layoutNotSaved}</p> : null}
        </fieldset>
        <LayoutJoinsNotice plan={plan} layout={current} testId="layout-joins-documents" />
        <fieldset className="plan-documents__columns">
          <legend>{t.columns}</legend>
          {LAYOUT_COLUMNS[current].map((c) => (
            <label key={c.field} className="checkbox">
              <input
                type="checkbox"
                checked={!hidden.has(c.field)}
                disabled={!editable || update.isPending}
                onChange={(e) => toggleColumn(c.field, e.target.checked)}
                data-testid={`column-${c.field}`}
              />{' '}
              {c.label}
              {alsoPrinted.has(c.field) ? (
                <span className="muted" data-testid={`column-${c.field}-also`}>
                  {' '}
                  {t.alsoPrints((alsoPrinted.get(c.field) ?? []).join(', '))}
                </span>
              ) : null}
            </label>
          ))}
        </fieldset>
        <div className="plan-documents__actions">
          <a
            className="button"
            href={documentHref(plan.id, 'docx', current)}
            download
            data-testid="download-docx"
          >
            {t.docx}
          </a>
          <a
            className="button button--secondary"
            href={documentHref(plan.id, 'xlsx', current)}
            download
            data-testid="download-xlsx"
          >
            {t.xlsx}
          </a>
          <PdfExportButton planId={plan.id} layout={current} />
          <a
            className="button button--secondary"
            href={documentHref(plan.id, 'html', current)}
            target="_blank"
            rel="noopener"
            data-testid="print-view"
          >
            {t.print}
          </a>
        </div>
        <p className="muted">{plan.status === 'approved' ? t.approvedNote : t.draftNote}</p>
      </div>
    </details>
  );
}
