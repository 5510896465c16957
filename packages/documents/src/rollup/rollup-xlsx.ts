import {
  FUNDING_SOURCE_LABELS,
  FUNDING_SOURCES,
  PROGRESS_STATUS_LABELS,
  PROGRESS_STATUSES,
  UNIT_KIND_LABELS,
} from '@caitien/core';
import type { Rollup } from '@caitien/shared';
import { loadExcelJs } from '../xlsx/exceljs.ts';
import type { Worksheet } from 'exceljs';
import { headerRow, TABLE_FONT, valueRow } from '../xlsx/table-kit.ts';
import { safe } from '../assessment/docx-kit.ts';

/**
 * The offices' roll-up as a workbook (issue 14 "XLSX export"): "Tổng hợp" (the counts, levels,
 * rows by status, budget by source), "Theo đơn vị" (one line per commune or school, the
 * drill-down), "Theo tiêu chuẩn", "Tiêu chí" (most often weak, most often planned). Numbers are
 * numbers, so the office can count with them.
 */

const FONT = TABLE_FONT;

const header = (sheet: Worksheet, row: number, labels: string[], widths: number[]): void =>
  headerRow(sheet, row, labels, widths, 14);
const put = valueRow;

function title(sheet: Worksheet, rollup: Rollup, text: string, span: number): void {
  sheet.mergeCells(1, 1, 1, span);
  sheet.getCell(1, 1).value = safe(`${text} — ${rollup.unit.name} — năm học ${rollup.schoolYear}`);
  sheet.getCell(1, 1).font = { ...FONT, bold: true, size: 13 };
  sheet.mergeCells(2, 1, 2, span);
  sheet.getCell(2, 1).value =
    `Số liệu tính đến ngày ${rollup.today.split('-').reverse().join('/')}`;
  sheet.getCell(2, 1).font = { ...FONT, italic: true };
}

/** The roll-up workbook. */
export async function renderRollupXlsx(rollup: Rollup): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'CaiTien';

  const summary = workbook.addWorksheet('Tổng hợp');
  title(summary, rollup, 'Tổng hợp kế hoạch cải tiến chất lượng', 4);
  let r = 4;
  const section = (label: string, columns: string[]) => {
    r += r > 4 ? 1 : 0;
    header(summary, r, [label, ...columns], [44, 18, 18, 18]);
    r += 1;
  };
  section('Trường học', ['Số trường']);
  const s = rollup.schools;
  for (const [label, value] of [
    ['Tổng số trường', s.total],
    ['Có kế hoạch đã phê duyệt', s.withApprovedPlan],
    ['Có kế hoạch chưa phê duyệt', s.withPlanNotApproved],
    ['Chưa có kế hoạch', s.withoutPlan],
    ['Có báo cáo tự đánh giá đã phê duyệt', s.withApprovedAssessment],
  ] as const) {
    put(summary, r, [label, value]);
    r += 1;
  }
  for (const level of rollup.levels) {
    section(`Mức đánh giá trường — ${level.label}`, ['Số trường']);
    for (const [key, value] of Object.entries(level.byLevel)) {
      put(summary, r, [key === '0' ? 'Chưa đạt Mức 1' : `Mức ${key}`, value]);
      r += 1;
    }
  }
  section('Dòng kế hoạch theo trạng thái', ['Số dòng']);
  for (const status of PROGRESS_STATUSES) {
    put(summary, r, [PROGRESS_STATUS_LABELS[status], rollup.rows.byStatus[status] ?? 0]);
    r += 1;
  }
  put(summary, r, ['Quá hạn', rollup.rows.overdue], true);
  r += 1;
  put(summary, r, ['Tổng số dòng', rollup.rows.total], true);
  r += 1;
  section('Kinh phí theo nguồn (đồng)', ['Dự kiến', 'Đã chi']);
  for (const source of FUNDING_SOURCES) {
    const planned = rollup.budget.planned[source] ?? 0;
    const spent = rollup.budget.spent[source] ?? 0;
    if (planned === 0 && spent === 0) continue;
    put(summary, r, [FUNDING_SOURCE_LABELS[source], planned, spent]);
    r += 1;
  }
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  put(summary, r, ['Tổng cộng', sum(rollup.budget.planned), sum(rollup.budget.spent)], true);

  const children = workbook.addWorksheet('Theo đơn vị', {
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  title(children, rollup, 'Tổng hợp theo đơn vị', 12);
  header(
    children,
    4,
    [
      'Đơn vị',
      'Loại',
      'Số trường',
      'KH đã phê duyệt',
      'KH chưa phê duyệt',
      'Chưa có KH',
      'TĐG đã phê duyệt',
      'Số dòng',
      'Hoàn thành',
      'Quá hạn',
      'Kinh phí dự kiến',
      'Đã chi',
    ],
    [40, 16, 10, 12, 12, 12, 12, 10, 12, 10, 16, 16],
  );
  r = 5;
  for (const c of rollup.children) {
    put(children, r, [
      c.name,
      UNIT_KIND_LABELS[c.kind],
      c.schools.total,
      c.schools.withApprovedPlan,
      c.schools.withPlanNotApproved,
      c.schools.withoutPlan,
      c.schools.withApprovedAssessment,
      c.rows.total,
      c.rows.done,
      c.rows.overdue,
      c.budget.planned,
      c.budget.spent,
    ]);
    r += 1;
  }

  const standards = workbook.addWorksheet('Theo tiêu chuẩn');
  title(standards, rollup, 'Dòng kế hoạch theo tiêu chuẩn', 5);
  header(
    standards,
    4,
    ['Quy định', 'Tiêu chuẩn', 'Số dòng', 'Hoàn thành', 'Quá hạn'],
    [22, 14, 12, 12, 12],
  );
  r = 5;
  for (const st of rollup.rows.byStandard) {
    put(standards, r, [
      st.regime === '2026' ? 'Thông tư 57' : 'TT17/18/19',
      st.standardCode === '' ? '(không ghi)' : st.standardCode,
      st.total,
      st.done,
      st.overdue,
    ]);
    r += 1;
  }

  const criteria = workbook.addWorksheet('Tiêu chí');
  title(criteria, rollup, 'Tiêu chí yếu và tiêu chí có trong kế hoạch', 5);
  header(
    criteria,
    4,
    ['Bộ tiêu chuẩn', 'Tiêu chí', 'Tên tiêu chí', 'Số trường yếu', ''],
    [16, 10, 60, 14, 4],
  );
  r = 5;
  for (const w of rollup.weakCriteria) {
    put(criteria, r, [w.frameworkCode, w.criterionCode, w.title, w.schools]);
    r += 1;
  }
  r += 1;
  header(
    criteria,
    r,
    ['Bộ tiêu chuẩn', 'Tiêu chí', 'Tên tiêu chí', 'Số trường có dòng', 'Số dòng'],
    [16, 10, 60, 14, 10],
  );
  r += 1;
  for (const p of rollup.plannedCriteria) {
    put(criteria, r, [p.frameworkCode, p.criterionCode, p.title, p.schools, p.rows]);
    r += 1;
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
