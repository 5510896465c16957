import type { PlanLayout, RowTextField } from '@caitien/core';
import type { RouteResponse } from '../../api/http-client.ts';
import { formatNumber, vi } from '../../i18n/vi.ts';

export type PlanDetail = RouteResponse<'getPlan'>;
export type PlanRow = PlanDetail['rows'][number];
export type PlanSummary = RouteResponse<'listPlans'>['items'][number];

/** A text column of the rows table: the row field it shows and the layout's own heading. */
export interface PlanColumn {
  field: RowTextField;
  label: string;
}

/**
 * The columns of each layout (PRODUCT.md §6), after the TT and criterion columns. Each layout
 * prints its own headings over the same row fields.
 */
export const LAYOUT_COLUMNS: Record<PlanLayout, readonly PlanColumn[]> = {
  A: [
    { field: 'target', label: 'Kết quả cần đạt (so với hiện trạng)' },
    { field: 'tasks', label: 'Công việc/giải pháp cần thực hiện' },
    { field: 'lead', label: 'Chủ trì và phối hợp thực hiện' },
    { field: 'time', label: 'Thời gian thực hiện và hoàn thành' },
    { field: 'budget', label: 'Dự kiến kinh phí' },
    { field: 'support', label: 'Điều kiện hỗ trợ khác' },
    { field: 'note', label: 'Ghi chú' },
  ],
  B: [
    { field: 'content', label: 'Nội dung kế hoạch' },
    { field: 'time', label: 'Thời gian dự kiến' },
    { field: 'lead', label: 'Người chịu trách nhiệm' },
    { field: 'progress', label: 'Tiến độ thực hiện' },
    { field: 'result', label: 'Kết quả' },
    { field: 'note', label: 'Ghi chú' },
  ],
  bieu2: [
    { field: 'content', label: 'Nội dung cải tiến' },
    { field: 'target', label: 'Mục tiêu' },
    { field: 'tasks', label: 'Hoạt động, giải pháp' },
    { field: 'indicator', label: 'Chỉ số đánh giá kết quả' },
    { field: 'time', label: 'Thời gian' },
    { field: 'lead', label: 'Phụ trách' },
    { field: 'budget', label: 'Nguồn lực' },
    { field: 'evidence', label: 'Minh chứng dự kiến' },
    { field: 'progress', label: 'Mức độ thực hiện' },
  ],
};

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
 * The rows grouped as the layout requires: 2018 plans under "MỨC 1, 2, 3" (by standard) then
 * "MỨC 4"; TT57 plans in one table. Inside a group rows keep their position order.
 */
export function groupRows(
  plan: Pick<PlanDetail, 'regime' | 'rows'>,
  standardTitle: (code: string) => string | null,
): RowSection[] {
  const rows = [...plan.rows].sort((a, b) => a.position - b.position);
  if (plan.regime === '2026') {
    return [
      {
        key: 'tt57',
        heading: null,
        group: 'tt57',
        standards: [{ key: 'all', heading: null, rows }],
      },
    ];
  }
  const levels = rows.filter((row) => row.group !== 'level_4');
  const byStandard = new Map<string, PlanRow[]>();
  for (const row of levels) {
    const key = row.standardCode ?? row.criterionCode?.split('.')[0] ?? '';
    byStandard.set(key, [...(byStandard.get(key) ?? []), row]);
  }
  const standards = [...byStandard.entries()]
    .sort(([a], [b]) =>
      a === '' ? 1 : b === '' ? -1 : Number(a) - Number(b) || a.localeCompare(b),
    )
    .map(([key, list]) => {
      const title = key ? standardTitle(key) : null;
      return {
        key: key || 'none',
        heading: key ? vi.plan.standard(key, title ?? '') : vi.plan.standardUnknown,
        rows: list,
      };
    });
  return [
    { key: 'levels_1_3', heading: vi.plan.levels13, group: 'levels_1_3', standards },
    {
      key: 'level_4',
      heading: vi.plan.level4,
      group: 'level_4',
      standards: [
        { key: 'l4', heading: null, rows: rows.filter((row) => row.group === 'level_4') },
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
