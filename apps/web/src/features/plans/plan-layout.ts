import {
  fieldsWithoutColumn,
  numberPlanRows,
  PLAN_LAYOUT_COLUMNS,
  PROGRESS_FIELDS,
  ROW_TEXT_FIELDS,
  type FieldWithoutColumn,
  type PlanLayout,
  type RowTextField,
} from '@caitien/core';
import type { RouteResponse } from '../../api/http-client.ts';
import { formatNumber, vi } from '../../i18n/vi.ts';

export type PlanDetail = RouteResponse<'getPlan'>;
export type PlanRow = PlanDetail['rows'][number];
export type PlanSummary = RouteResponse<'listPlans'>['items'][number];

/**
 * A text column of the rows table: the row field it shows and its heading. `printedIn` is set on
 * a column the layout does not print on its own: the editor still shows the field (a row's text
 * never depends on the layout), and the heading says in which printed column it goes.
 */
export interface PlanColumn {
  field: RowTextField;
  label: string;
  printedIn: string | null;
}

/**
 * The columns of each layout after the TT and criterion columns, with the editor's short headings:
 * the one list of packages/core (plan-layouts.ts) that the documents print from.
 */
export const LAYOUT_COLUMNS: Record<PlanLayout, readonly PlanColumn[]> = {
  A: ownColumns('A'),
  B: ownColumns('B'),
  bieu2: ownColumns('bieu2'),
};

function ownColumns(layout: PlanLayout): PlanColumn[] {
  return PLAN_LAYOUT_COLUMNS[layout].flatMap((c) =>
    c.field ? [{ field: c.field, label: c.shortLabel, printedIn: null }] : [],
  );
}

/** Fields that stay editable after approval (progress and results, outside the snapshot). */
export const PROGRESS_ONLY_FIELDS: ReadonlySet<RowTextField> = new Set(PROGRESS_FIELDS);

/** The fields some row of the plan has text in. */
export function fieldsWithText(rows: readonly PlanRow[]): Set<RowTextField> {
  return new Set(ROW_TEXT_FIELDS.filter((f) => rows.some((row) => row[f].trim() !== '')));
}

/**
 * The fields the plan's layout has no column of its own for but that the editor must still show:
 * those some row has text in (an imported layout-B plan switched to A keeps its "Nội dung"), and,
 * once the plan is approved, progress and result (followed up in every layout).
 */
export function fieldsShownWithoutColumn(
  plan: Pick<PlanDetail, 'layout' | 'status' | 'rows'>,
): FieldWithoutColumn[] {
  const withText = fieldsWithText(plan.rows);
  return fieldsWithoutColumn(plan.layout).filter(
    (f) =>
      withText.has(f.field) || (plan.status === 'approved' && PROGRESS_ONLY_FIELDS.has(f.field)),
  );
}

/** The editor's columns: the layout's own, then the fields shown without a column of their own. */
export function editorColumns(plan: Pick<PlanDetail, 'layout' | 'status' | 'rows'>): PlanColumn[] {
  return [
    ...LAYOUT_COLUMNS[plan.layout],
    ...fieldsShownWithoutColumn(plan).map((f) => ({
      field: f.field,
      label: f.fieldLabel,
      printedIn: f.column.label,
    })),
  ];
}

/** "2026-10" → "10/2026". */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? `${match[2]}/${match[1]}` : month;
}

/** What the time parser understood: "Tháng 10/2026 → Tháng 01/2027", or null. */
export function timeSummary(time: PlanRow['parsed']['time']): string | null {
  if (!time.start || !time.end) return null;
  return vi.plan.parsedTime(formatMonth(time.start), formatMonth(time.end));
}

/** What the budget parser understood: "30.000.000 đ · Ngân sách + XHH", or null for an empty cell. */
export function budgetSummary(budget: PlanRow['parsed']['budget']): string | null {
  if (!budget.text.trim()) return null;
  const source = vi.plan.sources[budget.source] ?? budget.source;
  if (budget.amount === null) return budget.source === 'unknown' ? null : source;
  return `${vi.plan.amount(formatNumber(budget.amount))} · ${source}`;
}

/** A group of rows as the layout prints it: a heading, sub-groups by standard, the rows. */
export interface RowSection {
  key: string;
  heading: string | null;
  group: PlanRow['group'];
  standards: { key: string; heading: string | null; rows: PlanRow[] }[];
}

/**
 * The rows grouped as the plan prints them, in the plan's one order (`numberPlanRows` of
 * packages/core, which the checks and the documents use too): 2018 plans under "MỨC 1, 2, 3" (by
 * standard) then "MỨC 4"; TT57 plans in one table.
 */
export function groupRows(
  plan: Pick<PlanDetail, 'regime' | 'rows'>,
  standardTitle: (code: string) => string | null,
): RowSection[] {
  const numbered = numberPlanRows(plan.rows, plan.regime);
  if (plan.regime === '2026') {
    return [
      {
        key: 'tt57',
        heading: null,
        group: 'tt57',
        standards: [{ key: 'all', heading: null, rows: numbered.map((n) => n.row) }],
      },
    ];
  }
  const standards: RowSection['standards'] = [];
  for (const entry of numbered) {
    if (entry.section !== 'levels_1_3') continue;
    const key = entry.standardCode ?? '';
    let last = standards[standards.length - 1];
    if (!last || last.key !== (key || 'none')) {
      const title = key ? standardTitle(key) : null;
      last = {
        key: key || 'none',
        heading: key ? vi.plan.standard(key, title ?? '') : vi.plan.standardUnknown,
        rows: [],
      };
      standards.push(last);
    }
    last.rows.push(entry.row);
  }
  return [
    { key: 'levels_1_3', heading: vi.plan.levels13, group: 'levels_1_3', standards },
    {
      key: 'level_4',
      heading: vi.plan.level4,
      group: 'level_4',
      standards: [
        {
          key: 'l4',
          heading: null,
          rows: numbered.filter((n) => n.section === 'level_4').map((n) => n.row),
        },
      ],
    },
  ];
}

/** The display order of the rows (what "move up/down" reorders). */
export function displayOrder(sections: readonly RowSection[]): PlanRow[] {
  return sections.flatMap((section) => section.standards.flatMap((standard) => standard.rows));
}

/**
 * The new order of every row after moving `rowId` one step within its own list (a standard's
 * rows, or MỨC 4); null when it is already at that end.
 */
export function moveWithin(
  sections: readonly RowSection[],
  rowId: string,
  step: -1 | 1,
): string[] | null {
  for (const section of sections) {
    for (const standard of section.standards) {
      const index = standard.rows.findIndex((row) => row.id === rowId);
      if (index < 0) continue;
      const target = index + step;
      if (target < 0 || target >= standard.rows.length) return null;
      const moved = [...standard.rows];
      const [row] = moved.splice(index, 1);
      if (!row) return null;
      moved.splice(target, 0, row);
      return sections
        .flatMap((s) => s.standards.flatMap((st) => (st === standard ? moved : st.rows)))
        .map((r) => r.id);
    }
  }
  return null;
}
