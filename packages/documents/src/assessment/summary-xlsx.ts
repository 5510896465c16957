import { loadExcelJs } from '../xlsx/exceljs.ts';
import type { Worksheet } from 'exceljs';
import { headerRow, TABLE_FONT, valueRow } from '../xlsx/table-kit.ts';
import type { AssessmentDocumentInput } from './assessment-document.types.ts';
import {
  criterionLevelText,
  isDraft,
  markKey,
  markText,
  schoolLevelText,
  standardViews,
} from './assessment-model.ts';
import { safe } from './docx-kit.ts';

/**
 * The summary tables of a self-assessment as a workbook: "Tiêu chí" (each criterion's level and
 * why, with its marks), "Tiêu chuẩn" (per standard: how many criteria reach each level), "Kết quả"
 * (the school's level, the reason, the summary lines; 2018: the Mức 4 items). Numbers are numbers,
 * so the school can count with them.
 */

const FONT = TABLE_FONT;

const header = (sheet: Worksheet, row: number, labels: string[], widths: number[]): void =>
  headerRow(sheet, row, labels, widths, 12);
const put = valueRow;

function title(sheet: Worksheet, input: AssessmentDocumentInput, text: string, span: number): void {
  sheet.mergeCells(1, 1, 1, span);
  sheet.getCell(1, 1).value = safe(`${text} — ${input.school.name} — năm học ${input.schoolYear}`);
  sheet.getCell(1, 1).font = { ...FONT, bold: true, size: 13 };
  if (isDraft(input)) {
    sheet.mergeCells(2, 1, 2, span);
    sheet.getCell(2, 1).value = 'DỰ THẢO';
    sheet.getCell(2, 1).font = { ...FONT, bold: true, color: { argb: 'FFC00000' } };
  }
}

export async function renderAssessmentSummaryXlsx(input: AssessmentDocumentInput): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'CaiTien';
  const standards = standardViews(input);
  const levels = input.framework.levels;
  const tt57 = input.regime === '2026';

  const criteria = workbook.addWorksheet('Tiêu chí', { views: [{ state: 'frozen', ySplit: 4 }] });
  title(criteria, input, 'Kết quả tự đánh giá theo tiêu chí', 7);
  header(
    criteria,
    4,
    [
      'Tiêu chuẩn',
      'Tiêu chí',
      'Tên tiêu chí',
      ...(tt57 ? ['Bắt buộc'] : []),
      'Mức đạt',
      'Kết quả',
      'Lý do',
      'Các chỉ báo',
    ],
    [11, 9, 48, ...(tt57 ? [10] : []), 9, 16, 40, 40],
  );
  let r = 5;
  for (const standard of standards) {
    for (const c of standard.criteria) {
      const marks = c.framework.indicators
        .filter((i) => i.repealed === null)
        .map(
          (i) =>
            `Mức ${i.level}${i.key ? ` ${i.key})` : ''}: ${markText(c.assessment.marks[markKey(i)])}`,
        )
        .join('\n');
      put(criteria, r, [
        standard.framework.code,
        c.framework.code,
        c.framework.title,
        ...(tt57 ? [c.framework.mandatory ? 'x' : ''] : []),
        c.assessment.level,
        criterionLevelText(c.assessment.level),
        c.assessment.levelReason,
        marks,
      ]);
      r += 1;
    }
  }

  const perStandard = workbook.addWorksheet('Tiêu chuẩn');
  title(perStandard, input, 'Tổng hợp theo tiêu chuẩn', 3 + levels.length * 2);
  header(
    perStandard,
    4,
    [
      'Tiêu chuẩn',
      'Số tiêu chí',
      'Không đạt Mức 1',
      ...levels.flatMap((l) => [`Đạt Mức ${l}`, `Tỷ lệ Mức ${l} (%)`]),
      'Chưa đánh giá',
    ],
    [44, 11, 11, ...levels.flatMap(() => [11, 11]), 11],
  );
  r = 5;
  const row = (label: string, list: (typeof standards)[number]['criteria'], bold = false) => {
    const count = list.length;
    const zero = list.filter((c) => c.assessment.level === 0).length;
    const unknown = list.filter((c) => c.assessment.level === null).length;
    const at = levels.map((l) => list.filter((c) => (c.assessment.level ?? 0) >= l).length);
    put(
      perStandard,
      r,
      [
        label,
        count,
        zero,
        ...at.flatMap((n) => [n, count === 0 ? 0 : Math.round((1000 * n) / count) / 10]),
        unknown,
      ],
      bold,
    );
    r += 1;
  };
  for (const standard of standards) {
    row(`Tiêu chuẩn ${standard.framework.code}: ${standard.framework.title}`, standard.criteria);
  }
  row(
    'Tổng',
    standards.flatMap((s) => s.criteria),
    true,
  );

  const result = workbook.addWorksheet('Kết quả');
  title(result, input, 'Kết quả tự đánh giá', 2);
  result.getColumn(1).width = 34;
  result.getColumn(2).width = 90;
  const lines: [string, string | number | null][] = [
    ['Bộ tiêu chuẩn', `${input.framework.name} (${input.framework.circular.number})`],
    ['Mức đạt của nhà trường', input.results.schoolLevel],
    ['Kết luận', `Nhà trường ${schoolLevelText(input.results.schoolLevel)}.`],
    ['Lý do', input.results.reason],
    ...input.results.summaryLines.map((line, i): [string, string] => [
      i === 0 ? 'Tổng hợp' : '',
      line,
    ]),
  ];
  r = 4;
  for (const [label, value] of lines) {
    put(result, r, [label, value]);
    result.getRow(r).getCell(1).font = { ...FONT, bold: true };
    r += 1;
  }
  if (!tt57 && input.framework.level4Items.length > 0) {
    r += 1;
    header(result, r, ['Yêu cầu Mức 4', 'Kết quả'], [34, 90]);
    r += 1;
    input.framework.level4Items.forEach((item, i) => {
      const met = input.level4[i]?.met ?? null;
      put(result, r, [
        `${item.ref}: ${item.text}`,
        met === true ? 'Đạt' : met === false ? 'Không đạt' : 'Chưa đánh giá',
      ]);
      r += 1;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
