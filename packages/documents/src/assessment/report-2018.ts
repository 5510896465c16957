import { COUNCIL_ROLE_LABELS, SCHOOL_LEVEL_LABELS } from '@caitien/core';
import type { Paragraph } from 'docx';
import type { AssessmentDocumentInput } from './assessment-document.types.ts';
import {
  criteriaOutsideFramework,
  criterionLevelText,
  guidanceOf,
  isDraft,
  learnersWord,
  markKey,
  markText,
  schoolLevelText,
  standardViews,
  yearOf,
  type CriterionView,
} from './assessment-model.ts';
import {
  BLANK,
  centred,
  dataTable,
  dateLine,
  draftMark,
  labelled,
  orBlank,
  Outline,
  packDocx,
  pageBreak,
  para,
  signature,
  tocPlaceholder,
  TEXT_WIDTH,
  type Block,
  type CellInput,
} from './docx-kit.ts';
import { evidenceTableSpec } from './evidence-list.ts';

/**
 * The self-assessment report of the 2018 frameworks (TT17/TT18/TT19, TT22/2024) in the structure of
 * CV 5932 (phổ thông) / CV 5942 (mầm non) (NOTES.md §3): cover; the council list with a signature
 * column; Mục lục; Bảng tổng hợp kết quả tự đánh giá; Phần I Cơ sở dữ liệu (what the software
 * holds, marked blanks for the rest); Phần II A Đặt vấn đề, B Tự đánh giá per standard and
 * criterion with the Mức 1–3 table, then Mức 4; Phần III Kết luận chung; Phần IV Phụ lục with the
 * evidence list.
 */

export function cover(input: AssessmentDocumentInput, titleText: string): Block[] {
  return [
    ...(isDraft(input) ? [draftMark()] : []),
    centred(input.school.parentAgency.toUpperCase(), { size: 26 }, 0, 600),
    centred(input.school.name.toUpperCase(), { size: 26, bold: true }, 0),
    centred('', {}, 3000),
    centred(titleText, { size: 40, bold: true }, 240),
    centred(`Năm học ${input.schoolYear}`, { size: 28, bold: true }, 4000),
    centred(`${input.school.place.trim() || BLANK} – ${yearOf(input) || BLANK}`, {
      size: 28,
      bold: true,
    }),
    pageBreak(),
  ];
}

export function councilList(input: AssessmentDocumentInput): Block[] {
  const body: CellInput[][] = input.council.members.map((m, i) => [
    { text: String(i + 1), align: 'center' },
    m.name,
    m.positionTitle,
    m.duty.trim() !== '' ? m.duty : COUNCIL_ROLE_LABELS[m.role],
    '',
  ]);
  if (body.length === 0)
    body.push([
      { text: '(Chưa lập Hội đồng tự đánh giá)', colSpan: 5, italic: true },
      null,
      null,
      null,
      null,
    ]);
  return [
    centred('DANH SÁCH VÀ CHỮ KÝ', { bold: true }),
    centred('THÀNH VIÊN HỘI ĐỒNG TỰ ĐÁNH GIÁ', { bold: true }, 240),
    dataTable({
      widths: [7, 25, 25, 27, 16],
      header: [['TT', 'Họ và tên', 'Chức danh, chức vụ', 'Nhiệm vụ', 'Chữ ký']],
      body,
    }),
    pageBreak(),
  ];
}

export function tableOfContents(): Block[] {
  return [centred('MỤC LỤC', { bold: true }, 240), tocPlaceholder(), pageBreak()];
}

/** The abbreviations the documents use (CV 5932/5942 and Biểu 1 front matter). */
export function abbreviations(input: AssessmentDocumentInput): Block[] {
  const list: [string, string][] = [
    ['BGDĐT', 'Bộ Giáo dục và Đào tạo'],
    ['CBQL', 'Cán bộ quản lý'],
    ['CSGD', 'Cơ sở giáo dục'],
    ['GD&ĐT', 'Giáo dục và Đào tạo'],
    ['GV', 'Giáo viên'],
    ['HS', input.school.level === 'mam_non' ? 'Học sinh (trẻ)' : 'Học sinh'],
    ['KĐCLGD', 'Kiểm định chất lượng giáo dục'],
    ...(input.regime === '2026' ? ([['MC', 'Minh chứng']] as [string, string][]) : []),
    ['NV', 'Nhân viên'],
    ['TĐG', 'Tự đánh giá'],
    ['TT', 'Thông tư'],
    ['UBND', 'Ủy ban nhân dân'],
  ];
  return [
    centred('DANH MỤC CHỮ VIẾT TẮT', { bold: true }, 240),
    dataTable({
      widths: [10, 25, 65],
      header: [['STT', 'Chữ viết tắt', 'Nội dung']],
      body: list.map(([short, long], i) => [{ text: String(i + 1), align: 'center' }, short, long]),
    }),
    pageBreak(),
  ];
}

/** "1.a: Đạt; 1.b: Không đạt" — the marks of a criterion the framework does not know, as keyed. */
function rawMarks(marks: Record<string, unknown>): string {
  const entries = Object.entries(marks);
  if (entries.length === 0) return '';
  return entries
    .map(
      ([key, mark]) =>
        `${key}: ${markText(mark === true ? true : mark === false ? false : undefined)}`,
    )
    .join('; ');
}

/**
 * "Tiêu chí không có trong bộ tiêu chuẩn …": every criterion of the input the framework lacks,
 * with its marks and every text as typed (nothing typed is lost); nothing when there are none.
 */
export function criteriaOutsideSection(input: AssessmentDocumentInput, outline: Outline): Block[] {
  const extra = criteriaOutsideFramework(input);
  if (extra.length === 0) return [];
  const out: Block[] = [
    outline.heading(
      `Tiêu chí không có trong bộ tiêu chuẩn (Thông tư ${input.framework.circular.number})`,
      2,
    ),
    ...para(
      'Các tiêu chí dưới đây có trong dữ liệu tự đánh giá (nhập từ tệp hoặc chuyển từ năm trước) nhưng không có trong bộ tiêu chuẩn đang áp dụng; nội dung được in nguyên văn để Hội đồng xem xét, không tính vào kết quả đánh giá.',
      { italic: true, indent: true },
    ),
  ];
  for (const c of extra) {
    const t = c.texts;
    out.push(
      outline.heading(
        `Tiêu chí ${c.criterionCode}${c.standardCode.trim() !== '' ? ` (Tiêu chuẩn ${c.standardCode})` : ''}`,
        3,
      ),
      ...labelled('Đánh giá đã ghi:', rawMarks(c.marks)),
      ...labelled('Mô tả hiện trạng:', t.description),
      ...Object.entries(t.levelDescriptions)
        .filter(([, text]) => text.trim() !== '')
        .flatMap(([level, text]) => labelled(`Hiện trạng Mức ${level}:`, text)),
      ...labelled('Điểm mạnh:', t.strengths),
      ...labelled('Điểm yếu:', t.weaknesses),
      ...labelled('Kế hoạch cải tiến chất lượng:', t.improvementPlan),
    );
  }
  return out;
}

/** Bảng tổng hợp: rows standards/criteria; Không đạt / Đạt Mức 1–3; "--------" where no requirement. */
function summaryTable(input: AssessmentDocumentInput): Block {
  const body: CellInput[][] = [];
  for (const standard of standardViews(input)) {
    body.push([
      { text: `Tiêu chuẩn ${standard.framework.code}`, bold: true, colSpan: 5 },
      null,
      null,
      null,
      null,
    ]);
    for (const c of standard.criteria) {
      const level = c.assessment.level;
      const cells: CellInput[] = [
        `Tiêu chí ${c.framework.code}`,
        { text: level === 0 ? 'x' : '', align: 'center' },
      ];
      for (const l of [1, 2, 3]) {
        const none =
          c.framework.levelsWithoutRequirements.includes(l) || c.indicatorsAt(l).length === 0;
        cells.push({
          text: none ? '--------' : level !== null && level >= l ? 'x' : '',
          align: 'center',
        });
      }
      body.push(cells);
    }
  }
  return dataTable({
    widths: [36, 16, 16, 16, 16],
    header: [
      [
        { text: 'Tiêu chuẩn, tiêu chí', rowSpan: 3 },
        { text: 'Kết quả', colSpan: 4 },
        null,
        null,
        null,
      ],
      [null, { text: 'Không đạt', rowSpan: 2 }, { text: 'Đạt', colSpan: 3 }, null, null],
      [null, null, 'Mức 1', 'Mức 2', 'Mức 3'],
    ],
    body,
  });
}

function level4Table(input: AssessmentDocumentInput): Block {
  const body: CellInput[][] = input.framework.level4Items.map((item, i) => {
    const mark = input.level4[i]?.met ?? null;
    return [
      { text: String(i + 1), align: 'center' },
      `${item.ref}: ${item.text}`,
      { text: mark === true ? 'x' : '', align: 'center' },
      { text: mark === false ? 'x' : '', align: 'center' },
    ];
  });
  return dataTable({
    widths: [8, 62, 15, 15],
    header: [['TT', 'Yêu cầu Mức 4', 'Đạt', 'Không đạt']],
    body,
  });
}

function summarySection(input: AssessmentDocumentInput, outline: Outline): Block[] {
  return [
    outline.heading('BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ', 1, { align: 'center' }),
    ...para('1. Kết quả đánh giá', { bold: true }),
    ...para('1.1. Đánh giá tiêu chí Mức 1, 2 và 3', { bold: true, italic: true }),
    summaryTable(input),
    ...para(
      `Kết quả: ${input.results.schoolLevel !== null && input.results.schoolLevel >= 1 ? `Đạt Mức ${Math.min(input.results.schoolLevel, 3)}` : input.results.schoolLevel === 0 ? 'Không đạt' : 'Chưa xác định'}`,
      { bold: true, before: 120 },
    ),
    ...para('1.2. Đánh giá tiêu chí Mức 4', { bold: true, italic: true }),
    level4Table(input),
    ...para(`Kết quả: ${input.results.schoolLevel === 4 ? 'Đạt Mức 4' : 'Không đạt Mức 4'}`, {
      bold: true,
      before: 120,
    }),
    ...para('2. Kết luận', { bold: true }),
    ...para(`Trường ${schoolLevelText(input.results.schoolLevel)}.`, { indent: true }),
    ...(input.results.reason ? para(input.results.reason, { indent: true }) : []),
    ...input.results.summaryLines.flatMap((line) => para(line, { indent: true })),
    pageBreak(),
  ];
}

function databaseSection(input: AssessmentDocumentInput, outline: Outline): Block[] {
  const s = input.school;
  const num = (n: number | null) => (n === null ? BLANK : String(n));
  const info: CellInput[][] = [
    ['Tên trường', s.name],
    ['Cơ quan quản lý trực tiếp', orBlank(s.parentAgency)],
    ['Cấp học', SCHOOL_LEVEL_LABELS[s.level]],
    ['Loại hình', orBlank(s.ownership)],
    ['Năm thành lập', orBlank(s.founded)],
    ['Địa chỉ', orBlank(s.address)],
    ['Điện thoại', orBlank(s.phone)],
    ['Email', orBlank(s.email)],
    ['Website', orBlank(s.website)],
    ['Họ và tên hiệu trưởng', orBlank(s.principalName)],
    ['Số lớp', num(s.scale.classes)],
    [`Số ${learnersWord(input)}`, num(s.scale.learners)],
    ['Tổng số cán bộ quản lý, giáo viên, nhân viên', num(s.scale.staffTotal)],
  ];
  const guidance = guidanceOf(input);
  const blankNote = (what: string) =>
    para(
      `${BLANK} (Nhà trường bổ sung ${what} theo mẫu Phần I của ${guidance.number}; phần mềm không lưu các số liệu này nên không tự điền.)`,
      { italic: true, indent: true },
    );
  return [
    outline.heading('Phần I. CƠ SỞ DỮ LIỆU', 1, { align: 'center' }),
    dataTable({ widths: [40, 60], header: [['Thông tin', 'Nội dung']], body: info }),
    ...para('1. Số lớp học, nhóm lớp', { bold: true, before: 120 }),
    ...blankNote('số lớp theo khối của 5 năm học gần đây'),
    ...para('2. Cơ cấu khối công trình của nhà trường', { bold: true }),
    ...blankNote('số phòng học, phòng chức năng và các công trình'),
    ...para('3. Cán bộ quản lý, giáo viên, nhân viên', { bold: true }),
    ...blankNote('số liệu tại thời điểm tự đánh giá và của 5 năm gần đây'),
    ...para(`4. ${input.school.level === 'mam_non' ? 'Trẻ' : 'Học sinh'}`, { bold: true }),
    ...blankNote(`số liệu ${learnersWord(input)} và kết quả giáo dục của 5 năm gần đây`),
    pageBreak(),
  ];
}

const LEVEL_LABEL = ['', 'Mức 1', 'Mức 2', 'Mức 3'];

/** The indicators of a criterion under "Mức 1: a) … b) …", "Mức 2: …". */
function indicatorLines(c: CriterionView): Paragraph[] {
  const out: Paragraph[] = [];
  for (const level of [1, 2, 3]) {
    const list = c.indicatorsAt(level);
    if (list.length === 0) continue;
    out.push(...para(`${LEVEL_LABEL[level]}:`, { bold: true, italic: true }));
    for (const i of list)
      out.push(...para(i.key ? `${i.key}) ${i.text}` : i.text, { indent: true }));
  }
  return out;
}

/** "5. Tự đánh giá": Mức 1 | Mức 2 | Mức 3, each Chỉ báo · Đạt/Không đạt. */
function markTable(c: CriterionView): Block {
  const columns = [1, 2, 3].map((level) => {
    const list = c.indicatorsAt(level);
    return list.map((i) => ({ key: i.key ?? '*', mark: markText(c.assessment.marks[markKey(i)]) }));
  });
  const height = Math.max(1, ...columns.map((col) => col.length));
  const body: CellInput[][] = [];
  for (let r = 0; r < height; r += 1) {
    const row: CellInput[] = [];
    for (const col of columns) {
      const item = col[r];
      row.push(
        { text: item ? item.key : '-', align: 'center' },
        { text: item ? item.mark : '-', align: 'center' },
      );
    }
    body.push(row);
  }
  return dataTable({
    widths: [10, 23, 10, 23, 10, 24],
    header: [
      [
        { text: 'Mức 1', colSpan: 2 },
        null,
        { text: 'Mức 2', colSpan: 2 },
        null,
        { text: 'Mức 3', colSpan: 2 },
        null,
      ],
      ['Chỉ báo', 'Đạt/Không đạt', 'Chỉ báo', 'Đạt/Không đạt', 'Chỉ báo', 'Đạt/Không đạt'],
    ],
    body,
  });
}

function criterionBlock(c: CriterionView, outline: Outline): Block[] {
  const t = c.assessment.texts;
  return [
    outline.heading(`Tiêu chí ${c.framework.code}: ${c.framework.title}`, 3),
    ...indicatorLines(c),
    ...para('1. Mô tả hiện trạng', { bold: true, before: 80 }),
    ...para(orBlank(t.description), { indent: true }),
    ...para('2. Điểm mạnh', { bold: true }),
    ...para(orBlank(t.strengths), { indent: true }),
    ...para('3. Điểm yếu', { bold: true }),
    ...para(orBlank(t.weaknesses), { indent: true }),
    ...para('4. Kế hoạch cải tiến chất lượng', { bold: true }),
    ...para(orBlank(t.improvementPlan), { indent: true }),
    ...para('5. Tự đánh giá', { bold: true }),
    markTable(c),
    ...para(`Kết quả: ${criterionLevelText(c.assessment.level)}`, {
      bold: true,
      before: 120,
      after: 200,
    }),
  ];
}

function selfAssessmentSection(input: AssessmentDocumentInput, outline: Outline): Block[] {
  const t = input.texts;
  const out: Block[] = [
    outline.heading('Phần II. TỰ ĐÁNH GIÁ', 1, { align: 'center' }),
    outline.heading('A. ĐẶT VẤN ĐỀ', 2),
  ];
  out.push(
    ...para('1. Tình hình chung của nhà trường', { bold: true }),
    ...para(orBlank(t.context), { indent: true }),
    ...para('2. Mục đích tự đánh giá', { bold: true }),
    ...para(orBlank(t.purpose), { indent: true }),
    ...para('3. Tóm tắt quá trình và những vấn đề nổi bật trong hoạt động tự đánh giá', {
      bold: true,
    }),
    ...para(orBlank(t.process), { indent: true }),
    outline.heading('B. TỰ ĐÁNH GIÁ', 2),
    outline.heading('I. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 1, 2 VÀ 3', 2),
  );
  for (const standard of standardViews(input)) {
    out.push(
      outline.heading(`Tiêu chuẩn ${standard.framework.code}: ${standard.framework.title}`, 2),
      ...para('Mở đầu', { bold: true }),
      ...para(orBlank(standard.assessment.intro), { indent: true }),
    );
    for (const c of standard.criteria) out.push(...criterionBlock(c, outline));
    out.push(
      ...para(`Kết luận về Tiêu chuẩn ${standard.framework.code}`, { bold: true }),
      ...para(orBlank(standard.assessment.conclusion), { indent: true }),
    );
  }
  out.push(...criteriaOutsideSection(input, outline));
  out.push(outline.heading('II. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 4', 2));
  input.framework.level4Items.forEach((item, i) => {
    const mark = input.level4[i];
    out.push(
      ...para(`${i + 1}. ${item.ref}: ${item.text}`, { bold: true }),
      ...labelled('Mô tả hiện trạng:', mark?.description ?? ''),
      ...para(
        `Tự đánh giá: ${mark?.met === true ? 'Đạt' : mark?.met === false ? 'Không đạt' : 'Chưa đánh giá'}`,
        { italic: true },
      ),
    );
  });
  if (input.framework.level4Items.length === 0)
    out.push(...para('(Bộ tiêu chuẩn không có yêu cầu Mức 4.)', { italic: true }));
  out.push(pageBreak());
  return out;
}

function conclusionSection(input: AssessmentDocumentInput, outline: Outline): Block[] {
  return [
    outline.heading('Phần III. KẾT LUẬN CHUNG', 1, { align: 'center' }),
    ...para(orBlank(input.texts.conclusion), { indent: true }),
    ...input.results.summaryLines.flatMap((line) => para(line, { indent: true })),
    ...para(`Tự đánh giá: Trường ${schoolLevelText(input.results.schoolLevel)}.`, {
      bold: true,
      indent: true,
    }),
    ...(input.results.reason ? para(input.results.reason, { indent: true }) : []),
    ...para(''),
    signature({
      date: dateLine(input.school.place, input.reportDate),
      lines: ['HIỆU TRƯỞNG'],
      note: '(Ký tên, đóng dấu)',
      name: input.school.principalName,
    }),
  ];
}

function appendixSection(input: AssessmentDocumentInput, outline: Outline): Block[] {
  return [
    outline.heading('Phần IV. PHỤ LỤC', 1, { align: 'center', pageBreak: true }),
    outline.heading('Danh mục mã minh chứng', 2),
    dataTable(evidenceTableSpec(input, TEXT_WIDTH.portrait)),
  ];
}

export async function renderReport2018(input: AssessmentDocumentInput): Promise<Buffer> {
  const outline = new Outline();
  const children: Block[] = [
    ...cover(input, 'BÁO CÁO TỰ ĐÁNH GIÁ'),
    ...councilList(input),
    ...tableOfContents(),
    ...abbreviations(input),
    ...summarySection(input, outline),
    ...databaseSection(input, outline),
    ...selfAssessmentSection(input, outline),
    ...conclusionSection(input, outline),
    ...appendixSection(input, outline),
  ];
  return packDocx({
    title: `Báo cáo tự đánh giá ${input.school.name} năm học ${input.schoolYear}`,
    description: `Báo cáo tự đánh giá theo ${guidanceOf(input).number}`,
    sections: [{ children }],
    toc: outline.entries,
  });
}
