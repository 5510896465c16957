import type { LegacyVietnameseEncoding } from '@caitien/core';
import { planInterchangeSchema } from '@caitien/shared';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { encodeLegacy } from './legacy-fonts.fixtures.ts';
import { docx, paragraph, stylesXml, table, xlsx, type Cell } from './plan-files.fixtures.ts';
import { importPlanFile } from './plan-import.ts';
import type { ImportedPlan, PlanImportOptions } from './plan-import.types.ts';
import { defaultFontOfStyles } from '../xlsx/default-font.ts';

/**
 * Plans typed in the legacy Vietnamese fonts (issue 16): a Word plan whose table is typed in
 * .VnTime (TCVN3) or VNI-Times, an Excel plan in .VnTime, imported to Unicode rows; with
 * `legacyFonts: false` the text stays exactly as typed and the report says it was not converted.
 * The column headers are in a Unicode font, as a plan edited over the years often has them, so the
 * table is found either way.
 */

const NOW = new Date('2026-01-01T00:00:00Z');

async function load(bytes: Uint8Array, options: PlanImportOptions = {}): Promise<ImportedPlan> {
  const result = await importPlanFile(bytes, { now: NOW, ...options });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  expect(planInterchangeSchema.safeParse(result.plan).success).toBe(true);
  return result.plan;
}

const HEADER = [
  'TT',
  'Tiêu chí',
  'Kết quả cần đạt',
  'Công việc/giải pháp cần thực hiện',
  'Chủ trì và phối hợp thực hiện',
  'Thời gian thực hiện và hoàn thành',
  'Dự kiến kinh phí',
  'Ghi chú',
];

/** The plan rows as typed (Unicode): criterion, target, tasks, lead, time, budget, note. */
const ROWS = [
  [
    '1',
    '1.1',
    'Kế hoạch chiến lược được Đảng ủy và hội đồng trường thông qua',
    'Rà soát, bổ sung phương hướng\nLấy ý kiến hội đồng trường',
    'Hiệu trưởng',
    'Tháng 9/2024',
    '2.000.000',
    'Trường Tiểu học Định Hiệp',
  ],
  [
    '2',
    '2.2',
    'Đội ngũ giáo viên đạt chuẩn về trình độ đào tạo',
    'Cử giáo viên học nâng chuẩn; bồi dưỡng thường xuyên',
    'Phó hiệu trưởng',
    'Tháng 10/2024',
    '',
    'Năm học 2024-2025',
  ],
] as const;

/** Texts of the imported rows that came from the table's cells. */
function rowTexts(plan: ImportedPlan) {
  return plan.rows.map((row) => [row.target, row.tasks, row.lead, row.time.text, row.note]);
}
function expectedTexts(encode: (text: string) => string) {
  return ROWS.map((row) => [row[2], row[3], row[4], row[5], row[7]].map(encode));
}
/** Lines (= runs: one per cell paragraph) that read differently in the legacy font. */
function changedLines(encoding: LegacyVietnameseEncoding, texts: readonly string[]): number {
  return texts
    .flatMap((text) => text.split('\n'))
    .filter((line) => encodeLegacy(line, encoding) !== line).length;
}

function planDocx(encoding: LegacyVietnameseEncoding, font: string): Uint8Array {
  const typed = (text: string) => encodeLegacy(text, encoding);
  const header: Cell[] = HEADER.map((text) => ({ text, font: 'Times New Roman' }));
  return docx([
    // The masthead in an upper-case TCVN3 font, as such plans have it.
    paragraph(encodeLegacy('trường tiểu học định hiệp', 'tcvn3'), '.VnTimeH'),
    paragraph('KẾ HOẠCH', 'Times New Roman'),
    paragraph(typed('Cải tiến chất lượng giáo dục năm học 2024-2025'), font),
    table([header, ...ROWS.map((row) => row.map(typed))], { font }),
  ]);
}

describe.each([
  ['tcvn3', '.VnTime', 'TCVN3'],
  ['vni', 'VNI-Times', 'VNI'],
] as const)('a Word plan typed in %s (%s)', (encoding, font, name) => {
  const bytes = planDocx(encoding, font);

  it('imports the rows as Unicode and says how many runs were converted', async () => {
    const plan = await load(bytes, { fileName: 'ke-hoach.docx' });
    expect(rowTexts(plan)).toEqual(expectedTexts((text) => text));
    expect(plan.rows.map((row) => row.criterionCode)).toEqual(['1.1', '2.2']);
    expect(plan.rows[0]?.budget).toMatchObject({ amount: 2_000_000 });
    expect(plan.rows[0]?.time).toMatchObject({ start: '2024-09' });
    // The subtitle is read too: the school year comes from the converted text.
    expect(plan.plan.schoolYear).toBe('2024-2025');
    expect(plan.header.schoolName).toBe('TRƯỜNG TIỂU HỌC ĐỊNH HIỆP');
    const runs = changedLines(encoding, [
      ...ROWS.flat(),
      'Cải tiến chất lượng giáo dục năm học 2024-2025',
    ]);
    const notes = plan.importReport.warnings
      .filter((w) => w.code.startsWith('legacy-font.'))
      .map((w) => w.message.replace(/ Hãy xem lại.*$/u, ''));
    expect(notes).toEqual(
      encoding === 'tcvn3'
        ? // The masthead line (.VnTimeH) is one more TCVN3 run.
          [`Đã chuyển ${runs + 1} đoạn chữ từ phông TCVN3 (.VnTimeH, .VnTime) sang Unicode.`]
        : [
            'Đã chuyển 1 đoạn chữ từ phông TCVN3 (.VnTimeH) sang Unicode.',
            `Đã chuyển ${runs} đoạn chữ từ phông ${name} (${font}) sang Unicode.`,
          ],
    );
    expect(plan.importReport.summary.warnings).toBe(plan.importReport.warnings.length);
  });

  it('keeps the text as typed with legacyFonts: false, and says so', async () => {
    const plan = await load(bytes, { legacyFonts: false });
    expect(rowTexts(plan)).toEqual(expectedTexts((text) => encodeLegacy(text, encoding)));
    expect(plan.plan.schoolYear).toBeNull();
    const kept = plan.importReport.warnings.filter((w) => w.code === 'legacy-font.kept');
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.some((w) => w.message.includes(`phông ${name} (`))).toBe(true);
    expect(plan.importReport.warnings.filter((w) => w.code === 'legacy-font.converted')).toEqual(
      [],
    );
  });
});

describe('a Word plan whose legacy font comes from its styles', () => {
  it('converts runs that name no font when the default paragraph style is .VnTime', async () => {
    const typed = (text: string) => encodeLegacy(text, 'tcvn3');
    const header: Cell[] = HEADER.map((text) => ({ text, font: 'Times New Roman' }));
    const bytes = docx([table([header, ...ROWS.map((row) => row.map(typed))])], {
      stylesXml: stylesXml({
        defaultFont: 'Times New Roman',
        paragraphStyles: [{ id: 'Normal', font: '.VnTime' }],
      }),
    });
    const plan = await load(bytes);
    expect(rowTexts(plan)).toEqual(expectedTexts((text) => text));
    const without = await load(bytes, { legacyFonts: false });
    expect(rowTexts(without)).toEqual(expectedTexts(typed));
  });
});

describe('an Excel plan typed in .VnTime', () => {
  const typed = (text: string) => encodeLegacy(text, 'tcvn3');
  // The header row is rich text in Times New Roman (a run's font wins over the cell's).
  const header = HEADER.map((text) => ({
    richText: [{ text, font: { name: 'Times New Roman' } }],
  }));
  const workbook = () =>
    xlsx([
      {
        name: 'Kế hoạch',
        font: '.VnTime',
        rows: [
          [typed('Kế hoạch cải tiến chất lượng năm học 2024-2025')],
          header,
          ...ROWS.map((row) => row.map(typed)),
          [
            '3',
            '3.1',
            {
              // Rich text: a Unicode run and a TCVN3 run in one cell.
              richText: [
                { text: 'Phòng học ', font: { name: 'Times New Roman' } },
                { text: typed('đạt chuẩn'), font: { name: '.VnTime' } },
              ],
            },
            typed('Sửa chữa'),
            typed('Kế toán'),
            typed('Tháng 11/2024'),
            '',
            '',
          ],
        ],
      },
    ]);

  it('imports the cells as Unicode and counts the converted cells', async () => {
    const plan = await load(await workbook(), { fileName: 'ke-hoach.xlsx' });
    expect(rowTexts(plan).slice(0, 2)).toEqual(expectedTexts((text) => text));
    expect(plan.rows[2]).toMatchObject({ target: 'Phòng học đạt chuẩn', tasks: 'Sửa chữa' });
    expect(plan.plan.schoolYear).toBe('2024-2025');
    const cells =
      1 +
      ROWS.flatMap((row) => row).filter((text) => typed(text) !== text).length +
      4; /* row 3: target, tasks, lead, time */
    expect(
      plan.importReport.warnings
        .filter((w) => w.code === 'legacy-font.converted')
        .map((w) => w.message),
    ).toEqual([
      `Đã chuyển ${cells} ô từ phông TCVN3 (.VnTime) sang Unicode. Hãy xem lại bản xem trước; nếu chữ hiển thị sai, hãy tắt “Chuyển phông chữ cũ (TCVN3/VNI) sang Unicode”.`,
    ]);
  });

  it('keeps the cells as typed with legacyFonts: false', async () => {
    const plan = await load(await workbook(), { legacyFonts: false });
    expect(rowTexts(plan).slice(0, 2)).toEqual(expectedTexts(typed));
    expect(plan.rows[2]?.target).toBe(`Phòng học ${typed('đạt chuẩn')}`);
    expect(plan.importReport.warnings.map((w) => w.code)).toContain('legacy-font.kept');
  });
});

describe('an Excel plan whose default font is .VnTime', () => {
  const typed = (text: string) => encodeLegacy(text, 'tcvn3');

  /** The workbook's "Normal" font set to .VnTime: its unformatted cells carry no font of their own. */
  async function withDefaultFont(bytes: Uint8Array, font: string): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync(bytes);
    const styles = await zip.file('xl/styles.xml')?.async('string');
    if (!styles) throw new Error('no styles part');
    const patched = styles.replace(/<name val="[^"]*"\/>/, `<name val="${font}"/>`);
    expect(defaultFontOfStyles(patched)).toBe(font);
    zip.file('xl/styles.xml', patched);
    return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  }

  it('reads unformatted cells in the default font', async () => {
    const header = HEADER.map((text) => ({
      richText: [{ text, font: { name: 'Times New Roman' } }],
    }));
    const bytes = await withDefaultFont(
      await xlsx([{ name: 'KH', rows: [header, ...ROWS.map((row) => row.map(typed))] }]),
      '.VnTime',
    );
    const plan = await load(bytes);
    expect(rowTexts(plan)).toEqual(expectedTexts((text) => text));
    const kept = await load(bytes, { legacyFonts: false });
    expect(rowTexts(kept)).toEqual(expectedTexts(typed));
  });

  it('takes the font of the first cell format, and nothing from a styles part it cannot read', () => {
    const styles =
      '<styleSheet><fonts count="2"><font><name val="Arial"/></font><font><sz val="12"/><name val="VNI-Times"/></font></fonts>' +
      '<cellXfs count="1"><xf numFmtId="0" fontId="1"/></cellXfs></styleSheet>';
    expect(defaultFontOfStyles(styles)).toBe('VNI-Times');
    expect(
      defaultFontOfStyles(
        '<x:styleSheet><x:fonts><x:font><x:name val=".VnArial"/></x:font></x:fonts></x:styleSheet>',
      ),
    ).toBe('.VnArial');
    expect(defaultFontOfStyles('not xml')).toBeNull();
  });
});
