import type { FrameworkDefinition, Regime } from '../frameworks/framework.types.ts';
import { numberPlanRows } from './plan-order.ts';
import type { PlanLayout, RowGroup, RowTextField } from './plan.types.ts';

/** What the checks need of a row: its texts, its criterion and its parsed values. */
export interface CheckableRow {
  id: string;
  group: RowGroup;
  /** The row's standard (else taken from the criterion code), for the plan's one order. */
  standardCode?: string | null | undefined;
  criterionCode: string | null;
  level4Key: string | null;
  /** The stored position (else the order given), for the plan's one order. */
  position?: number | undefined;
  texts: Record<RowTextField, string>;
  time: {
    start: string | null;
    end: string | null;
    issues: { severity: string; message: string }[];
  };
  budget: { amount: number | null; source: string };
  /** Whether the row was carried over from an earlier plan (it has an origin row). */
  carried?: boolean;
}

/** One finding of "Kiểm tra kế hoạch": severity, Vietnamese message, and the row it points at. */
export interface PlanCheck {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  rowId: string | null;
  field: string | null;
}

/** Budget totals by funding source, in đồng. */
export interface BudgetTotals {
  state: number;
  socialized: number;
  mixed: number;
  total: number;
  /** Rows whose budget gives no amount: the cell is empty or names no sum that could be read. */
  rowsWithoutAmount: number;
}

/**
 * What each layout asks of a row, beyond tasks, lead and time (which all three print): layout A
 * prints "Kết quả cần đạt" and Biểu 2 "Mục tiêu cải tiến"; layout B has no such column, so its rows
 * are not asked for a target.
 */
const LAYOUT_ASKS_TARGET: Record<PlanLayout, boolean> = { A: true, B: false, bieu2: true };

const NFC = (text: string) =>
  text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/**
 * Checks that a plan is "cụ thể, khả thi" (concrete and feasible), as a principal would by eye:
 * every row has tasks, a lead, a time and a target; times parse and fall inside the school year;
 * criteria exist in the framework; no duplicated rows (seed 001 shows how they creep in); a 2018
 * plan has its Mức 4 section; a TT57 plan has its two review rounds (Biểu 2 mục VI).
 */
export function checkPlan(input: {
  regime: Regime;
  framework: FrameworkDefinition | null;
  rows: CheckableRow[];
  reviewRoundCount: number;
  schoolYear: string;
  /** The checks ask for what the layout prints (layout B has no target column). */
  layout: PlanLayout;
  /**
   * The regime of the plan this one was carried over from, if any: rows carried from a 2018 plan
   * into a TT57 plan without a criterion are the ones the criterion mapping left to the school.
   */
  carriedFromRegime?: Regime | null;
  /**
   * The weak criteria of the school's approved self-assessment (`weakCriteria` in
   * assessment/assessment-rules.ts): each one without a row gets a warning.
   */
  weakCriteria?: readonly { criterionCode: string; reason: string }[];
}): { checks: PlanCheck[]; budgetTotals: BudgetTotals } {
  const checks: PlanCheck[] = [];
  const add = (check: PlanCheck) => checks.push(check);
  const isTt57 = input.regime === '2026';

  if (input.rows.length === 0) {
    add({
      code: 'plan.empty',
      severity: 'error',
      message: 'Kế hoạch chưa có dòng nào.',
      rowId: null,
      field: null,
    });
  }

  const criteria = new Set(
    input.framework?.standards.flatMap((s) => s.criteria.map((c) => c.code)) ?? [],
  );
  const level4 = new Set(input.framework?.level4Items.map((i) => i.key) ?? []);
  const seen = new Map<string, string>();

  // Rows are checked and named in the plan's one order, with the TT the editor and the documents
  // show (plan-order.ts).
  const numbered = numberPlanRows(
    input.rows.map((row) => ({ ...row, standardCode: row.standardCode ?? null })),
    input.regime,
  );
  for (const { row, number: n } of numbered) {
    const where = `Dòng ${n}${row.criterionCode ? ` (tiêu chí ${row.criterionCode})` : ''}`;
    const tasks = row.texts.tasks.trim() || row.texts.content.trim();
    if (!tasks)
      add({
        code: 'row.no_tasks',
        severity: 'error',
        message: `${where}: chưa có công việc, giải pháp.`,
        rowId: row.id,
        field: 'tasks',
      });
    if (!row.texts.lead.trim())
      add({
        code: 'row.no_lead',
        severity: 'error',
        message: `${where}: chưa có người chủ trì / phụ trách.`,
        rowId: row.id,
        field: 'lead',
      });
    if (!row.texts.time.trim()) {
      add({
        code: 'row.no_time',
        severity: 'error',
        message: `${where}: chưa có thời gian thực hiện.`,
        rowId: row.id,
        field: 'time',
      });
    } else if (row.time.start === null) {
      add({
        code: 'row.time_unparsed',
        severity: 'warning',
        message: `${where}: chưa hiểu được thời gian “${row.texts.time}”.`,
        rowId: row.id,
        field: 'time',
      });
    }
    for (const issue of row.time.issues) {
      if (/ngoài năm học/i.test(issue.message)) {
        add({
          code: 'row.time_outside_year',
          severity: 'warning',
          message: `${where}: ${issue.message}`,
          rowId: row.id,
          field: 'time',
        });
      }
    }
    if (LAYOUT_ASKS_TARGET[input.layout] && !row.texts.target.trim()) {
      add({
        code: 'row.no_target',
        severity: 'warning',
        message: `${where}: chưa ghi kết quả cần đạt / mục tiêu.`,
        rowId: row.id,
        field: 'target',
      });
    }
    if (input.framework) {
      if (row.group === 'level_4') {
        if (row.level4Key && !level4.has(row.level4Key)) {
          add({
            code: 'row.unknown_level4',
            severity: 'warning',
            message: `${where}: yêu cầu Mức 4 “${row.level4Key}” không có trong bộ tiêu chuẩn.`,
            rowId: row.id,
            field: 'criterion',
          });
        }
      } else if (row.criterionCode && !criteria.has(row.criterionCode)) {
        add({
          code: 'row.unknown_criterion',
          severity: 'warning',
          message: `${where}: tiêu chí “${row.criterionCode}” không có trong bộ tiêu chuẩn ${input.framework.code}.`,
          rowId: row.id,
          field: 'criterion',
        });
      }
    }
    if (
      isTt57 &&
      input.carriedFromRegime === '2018' &&
      row.carried &&
      !row.criterionCode &&
      row.group !== 'level_4'
    ) {
      add({
        code: 'row.carried_without_criterion',
        severity: 'warning',
        message: `${where}: chuyển từ kế hoạch theo quy định năm 2018, bảng đối chiếu không có tiêu chí tương ứng trong Thông tư 57/2026; hãy chọn tiêu chí cho dòng này.`,
        rowId: row.id,
        field: 'criterion',
      });
    }
    const key = [
      row.group,
      row.criterionCode ?? '',
      row.level4Key ?? '',
      ...Object.values(row.texts).map(NFC),
    ].join('|');
    const first = seen.get(key);
    if (first) {
      add({
        code: 'row.duplicate',
        severity: 'warning',
        message: `${where} trùng với một dòng phía trên.`,
        rowId: row.id,
        field: null,
      });
    } else {
      seen.set(key, row.id);
    }
  }

  if (!isTt57 && input.rows.length > 0 && !input.rows.some((r) => r.group === 'level_4')) {
    add({
      code: 'plan.no_level4',
      severity: 'info',
      message: 'Kế hoạch chưa có phần MỨC 4 (ghi “Không có” nếu trường chưa đăng ký Mức 4).',
      rowId: null,
      field: null,
    });
  }
  if (isTt57 && input.reviewRoundCount < 2) {
    add({
      code: 'plan.reviews',
      severity: 'error',
      message:
        'Kế hoạch theo Thông tư 57/2026 cần ít nhất hai lần rà soát: cuối học kỳ I và cuối năm học (mục VI).',
      rowId: null,
      field: null,
    });
  }

  if (input.weakCriteria && input.weakCriteria.length > 0) {
    const withRow = new Set(
      input.rows.flatMap((r) =>
        r.group !== 'level_4' && r.criterionCode ? [r.criterionCode] : [],
      ),
    );
    for (const weak of input.weakCriteria) {
      if (withRow.has(weak.criterionCode)) continue;
      add({
        code: 'plan.weak_criterion_without_row',
        severity: 'warning',
        message: `Tiêu chí ${weak.criterionCode} cần cải tiến theo báo cáo tự đánh giá (${weak.reason.replace(/\.$/u, '')}) nhưng kế hoạch chưa có dòng nào cho tiêu chí này.`,
        rowId: null,
        field: 'criterion',
      });
    }
  }

  const totals: BudgetTotals = {
    state: 0,
    socialized: 0,
    mixed: 0,
    total: 0,
    rowsWithoutAmount: 0,
  };
  for (const row of input.rows) {
    // Every row without an amount counts, whether its cell is empty or says something the
    // parser could not turn into a sum ("Xã hội hóa", "khoảng 5-7 triệu").
    if (row.budget.amount === null) {
      totals.rowsWithoutAmount += 1;
      continue;
    }
    totals.total += row.budget.amount;
    if (row.budget.source === 'state') totals.state += row.budget.amount;
    else if (row.budget.source === 'socialized') totals.socialized += row.budget.amount;
    else if (row.budget.source === 'mixed') totals.mixed += row.budget.amount;
  }
  return { checks, budgetTotals: totals };
}
