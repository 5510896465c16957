import type { PlanInterchange } from '@caitien/shared';
import type { Grid, GridCell } from './grid.ts';
import { headerKey, isColumnNumber, readCriterionCode, readStandardCell } from './plan-headers.ts';

/**
 * The two other tables of a TT57 Biểu 2 (PRODUCT.md §4): mục IV, the focus issues (Tiêu chuẩn,
 * tiêu chí (nếu có) | Đánh giá hiện trạng | Điểm hạn chế | Nguyên nhân) and mục VI, the review
 * rounds (Thời điểm | Nội dung theo dõi | Kết quả thực hiện | Điều chỉnh (nếu có) | Người đánh giá).
 * Texts are kept as written.
 */

type FocusIssue = PlanInterchange['focusIssues'][number];
type Review = PlanInterchange['reviews'][number];

type FocusField = 'ordinal' | 'standard' | 'criterion' | 'currentState' | 'limitation' | 'cause';
type ReviewField = 'roundLabel' | 'content' | 'result' | 'adjustment' | 'reviewer';

const FOCUS_RULES: ReadonlyArray<readonly [RegExp, FocusField]> = [
  [/^(tt|stt)$/, 'ordinal'],
  [/\bnguyen nhan\b/, 'cause'],
  [/\btieu chi\b/, 'criterion'],
  [/\btieu chuan\b/, 'standard'],
  [/\bhien trang\b|\bthuc trang\b/, 'currentState'],
  [/\bhan che\b|\bdiem yeu\b|\bton tai\b/, 'limitation'],
];

const REVIEW_RULES: ReadonlyArray<readonly [RegExp, ReviewField]> = [
  [/\bthoi diem\b|\bdot\b|\blan danh gia\b|\bky danh gia\b/, 'roundLabel'],
  [/\bnoi dung\b/, 'content'],
  [/\bket qua\b/, 'result'],
  [/\bdieu chinh\b/, 'adjustment'],
  [/\bnguoi\b/, 'reviewer'],
];

function classify<F extends string>(
  text: string,
  rules: ReadonlyArray<readonly [RegExp, F]>,
): F | null {
  if (text.length > 80) return null;
  const key = headerKey(text);
  for (const [pattern, field] of rules) if (pattern.test(key)) return field;
  return null;
}

function ownCells(grid: Grid, row: number): GridCell[] {
  const cells: GridCell[] = [];
  for (const [col, cell] of (grid.slots[row] ?? []).entries()) {
    if (cell && cell.row === row && cell.col === col && cell.text.trim() !== '') cells.push(cell);
  }
  return cells;
}

/** Column → field for the first row (of the first three) that names the table's columns. */
function findColumns<F extends string>(
  grid: Grid,
  rules: ReadonlyArray<readonly [RegExp, F]>,
  required: readonly F[],
): { row: number; columns: Map<number, F> } | null {
  for (let row = 0; row < Math.min(3, grid.slots.length); row += 1) {
    const columns = new Map<number, F>();
    for (const cell of ownCells(grid, row)) {
      const field = classify(cell.text, rules);
      if (field && ![...columns.values()].includes(field)) columns.set(cell.col, field);
    }
    const fields = new Set(columns.values());
    if (required.every((f) => fields.has(f))) return { row, columns };
  }
  return null;
}

function bodyRows<F extends string>(
  grid: Grid,
  header: { row: number; columns: Map<number, F> },
): Map<F, string>[] {
  const rows: Map<F, string>[] = [];
  for (let row = header.row + 1; row < grid.slots.length; row += 1) {
    const cells = ownCells(grid, row);
    if (cells.length === 0) continue;
    if (cells.length >= 3 && cells.every((c) => isColumnNumber(c.text))) continue;
    const values = new Map<F, string>();
    for (const [col, field] of header.columns) {
      const cell = grid.slots[row]?.[col];
      if (cell && cell.col === col && cell.text.trim() !== '') values.set(field, cell.text);
    }
    rows.push(values);
  }
  return rows;
}

/** Reads a focus-issue table (Biểu 2 mục IV), or null when the grid is not one. */
export function readFocusIssues(grid: Grid): FocusIssue[] | null {
  const header = findColumns(grid, FOCUS_RULES, ['currentState', 'limitation', 'cause']);
  if (!header) return null;
  return bodyRows(grid, header).map((values) => {
    const criterion = readCriterionCode(values.get('criterion') ?? '')?.code ?? null;
    const standardCell = readStandardCell(values.get('standard') ?? '');
    const standardCode =
      standardCell && 'standardCode' in standardCell
        ? standardCell.standardCode
        : (criterion?.split('.')[0] ?? null);
    return {
      standardCode,
      criterionCode: criterion,
      currentState: values.get('currentState') ?? '',
      limitation: values.get('limitation') ?? '',
      cause: values.get('cause') ?? '',
    };
  });
}

/** Reads a review-round table (Biểu 2 mục VI), or null when the grid is not one. */
export function readReviews(grid: Grid): Review[] | null {
  const header = findColumns(grid, REVIEW_RULES, ['content', 'result', 'adjustment']);
  if (!header) return null;
  return bodyRows(grid, header).map((values) => ({
    roundLabel: values.get('roundLabel') ?? '',
    content: values.get('content') ?? '',
    result: values.get('result') ?? '',
    adjustment: values.get('adjustment') ?? '',
    reviewer: values.get('reviewer') ?? '',
  }));
}
