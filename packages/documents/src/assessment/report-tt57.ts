import { SCHOOL_LEVEL_LABELS } from '@caitien/core';
import type { AssessmentDocumentInput } from './assessment-document.types.ts';
import {
  learnersWord,
  markText,
  schoolLevelText,
  standardViews,
  type CriterionView,
  type StandardView,
} from './assessment-model.ts';
import {
  BLANK,
  dataTable,
  dateLine,
  labelled,
  orBlank,
  Outline,
  packDocx,
  pageBreak,
  para,
  SHORT_BLANK,
  signature,
  TEXT_WIDTH,
  type Block,
  type CellInput,
} from './docx-kit.ts';
import { evidenceTableSpec } from './evidence-list.ts';
import {
  abbreviations,
  councilList,
  cover,
  criteriaOutsideSection,
  tableOfContents,
} from './report-2018.ts';

/**
 * The TT57/2026 self-assessment report, Biểu 1 (TT57-NOTES.md §4): cover, council list, Mục lục;
 * Phần I Tổng quan; Phần II per criterion (Mức 1 and Mức 2 requirement texts, the table Mức |
 * Hiện trạng… (kèm theo mã minh chứng) | Đánh giá, "Tự đánh giá: Tiêu chí đạt Mức …"), then per
 * standard Đánh giá chung 1–4; Phần III Kết luận with the tables and the school's level; Phần IV
 * Phụ lục with the 5-column evidence list; signed "HIỆU TRƯỞNG".
 */

function overview(input: AssessmentDocumentInput, outline: Outline): Block[] {
  const s = input.school;
  const num = (n: number | null) => (n === null ? SHORT_BLANK : String(n));
  const contact = [
    s.address,
    s.phone && `Điện thoại: ${s.phone}`,
    s.email && `Email: ${s.email}`,
    s.website && `Website: ${s.website}`,
  ]
    .filter((x) => x && x.trim() !== '')
    .join('; ');
  return [
    outline.heading('Phần I. TỔNG QUAN', 1, { align: 'center' }),
    outline.heading('1. Thông tin chung', 2),
    ...labelled('a) Tên cơ sở giáo dục:', s.name),
    ...labelled('b) Địa chỉ, thông tin liên hệ:', contact),
    ...labelled('c) Cơ quan quản lý trực tiếp:', s.parentAgency),
    ...labelled(
      'd) Loại hình, cấp học:',
      [s.ownership, SCHOOL_LEVEL_LABELS[s.level]].filter((x) => x.trim() !== '').join(', '),
    ),
    ...labelled('đ) Năm thành lập:', s.founded),
    ...para('e) Quy mô:', { bold: true }),
    dataTable({
      widths: [14, 16, 22, 14, 14, 20],
      header: [
        [
          'Số lớp',
          `Số ${learnersWord(input)}`,
          'Tổng số CBQL, GV, NV',
          'CBQL',
          'GV',
          'Nhân sự hỗ trợ giáo dục',
        ],
      ],
      body: [
        [
          s.scale.classes,
          s.scale.learners,
          s.scale.staffTotal,
          s.scale.managers,
          s.scale.teachers,
          s.scale.supportStaff,
        ].map((n) => ({ text: num(n), align: 'center' }) as const),
      ],
    }),
    outline.heading('2. Bối cảnh và đặc điểm', 2),
    ...para(orBlank(input.texts.context), { indent: true }),
    outline.heading('3. Mục đích, phạm vi, thời gian tự đánh giá', 2),
    ...para(orBlank(input.texts.purpose), { indent: true }),
    outline.heading('4. Quá trình thực hiện tự đánh giá', 2),
    ...para(orBlank(input.texts.process), { indent: true }),
    pageBreak(),
  ];
}

function levelTable(c: CriterionView): Block {
  const body: CellInput[][] = [1, 2].map((level) => {
    const mark = c.assessment.marks[String(level)];
    const text = c.assessment.texts.levelDescriptions[String(level)] ?? '';
    const locked = level === 2 && c.assessment.marks['1'] !== true;
    return [
      { text: `Mức ${level}`, align: 'center', bold: true },
      text.trim() !== '' ? text : locked ? '(Chỉ đánh giá Mức 2 khi Mức 1 đạt.)' : BLANK,
      { text: locked && mark === undefined ? '' : markText(mark), align: 'center' },
    ];
  });
  return dataTable({
    widths: [12, 66, 22],
    header: [
      [
        'Mức',
        'Hiện trạng, kết quả đạt được của tiêu chí đến thời điểm đánh giá (kèm theo mã minh chứng)',
        'Đánh giá (Đạt/Không đạt)',
      ],
    ],
    body,
  });
}

/** The "Không đạt Mức 1" line of Biểu 1, in the words schools use (docs/reference/tt57-2026.json). */
export const NOT_MET_LEVEL_1 =
  'Nhà trường không đáp ứng một hoặc một số yêu cầu quy định tại Mức 1.';

function criterionBlock(c: CriterionView, outline: Outline): Block[] {
  const out: Block[] = [
    outline.heading(
      `Tiêu chí ${c.framework.code}: ${c.framework.title}${c.framework.mandatory ? ' (tiêu chí bắt buộc)' : ''}`,
      3,
    ),
  ];
  for (const level of [1, 2]) {
    const text = c
      .indicatorsAt(level)
      .map((i) => i.text)
      .join('\n');
    out.push(...labelled(`Mức ${level}:`, text));
  }
  // Biểu 1 as schools fill it (TT57-NOTES.md §4): what "Không đạt Mức 1" means for the criterion.
  out.push(...labelled('Không đạt Mức 1:', NOT_MET_LEVEL_1));
  const level = c.assessment.level;
  out.push(
    levelTable(c),
    ...para(
      `Tự đánh giá: ${level === null ? 'Tiêu chí chưa đánh giá xong' : level <= 0 ? 'Tiêu chí không đạt Mức 1' : `Tiêu chí đạt Mức ${level}`}`,
      { bold: true, before: 120, after: 200 },
    ),
  );
  return out;
}

function standardSummary(standard: StandardView): Block {
  return dataTable({
    widths: [50, 25, 25],
    header: [['Tiêu chí', 'Mức 1', 'Mức 2']],
    body: standard.criteria.map((c) => [
      `${c.framework.code}${c.framework.mandatory ? ' (BB)' : ''}`,
      { text: markText(c.assessment.marks['1']), align: 'center' },
      {
        text: c.assessment.marks['1'] === true ? markText(c.assessment.marks['2']) : '',
        align: 'center',
      },
    ]),
  });
}

function selfAssessment(input: AssessmentDocumentInput, outline: Outline): Block[] {
  const out: Block[] = [outline.heading('Phần II. TỰ ĐÁNH GIÁ', 1, { align: 'center' })];
  for (const standard of standardViews(input)) {
    const a = standard.assessment;
    out.push(
      outline.heading(`Tiêu chuẩn ${standard.framework.code}: ${standard.framework.title}`, 2),
    );
    for (const c of standard.criteria) out.push(...criterionBlock(c, outline));
    out.push(
      ...para(`Đánh giá chung về Tiêu chuẩn ${standard.framework.code}`, {
        bold: true,
        before: 120,
      }),
      ...para('1. Điểm mạnh nổi bật', { bold: true }),
      ...para(orBlank(a.strengths), { indent: true }),
      ...para('2. Điểm hạn chế trọng tâm và nguyên nhân cốt lõi', { bold: true }),
      ...para(orBlank(a.limitations), { indent: true }),
      ...labelled('Nguyên nhân:', a.causes),
      ...para('3. Định hướng cải tiến chất lượng', { bold: true }),
      ...labelled('a) Xu hướng 03 năm:', a.trend),
      ...labelled('b) Vấn đề trọng tâm ưu tiên:', a.priorities),
      ...para('4. Tổng hợp kết quả các tiêu chí', { bold: true }),
      standardSummary(standard),
      ...para(''),
    );
  }
  out.push(...criteriaOutsideSection(input, outline));
  out.push(pageBreak());
  return out;
}

function conclusion(input: AssessmentDocumentInput, outline: Outline): Block[] {
  const standards = standardViews(input);
  const perCriterion: CellInput[][] = standards.flatMap((s) => [
    [
      { text: `Tiêu chuẩn ${s.framework.code}`, bold: true, colSpan: 5 },
      null,
      null,
      null,
      null,
    ] as CellInput[],
    ...s.criteria.map((c): CellInput[] => {
      const level = c.assessment.level;
      return [
        `Tiêu chí ${c.framework.code}`,
        { text: c.framework.mandatory ? 'x' : '', align: 'center' },
        { text: level === 0 ? 'x' : '', align: 'center' },
        { text: level !== null && level >= 1 ? 'x' : '', align: 'center' },
        { text: level !== null && level >= 2 ? 'x' : '', align: 'center' },
      ];
    }),
  ]);
  const pct = (n: number, total: number) =>
    total === 0 ? '0' : ((100 * n) / total).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  const perStandard: CellInput[][] = standards.map((s) => {
    const total = s.criteria.length;
    const m1 = s.criteria.filter((c) => (c.assessment.level ?? 0) >= 1).length;
    const m2 = s.criteria.filter((c) => (c.assessment.level ?? 0) >= 2).length;
    return [
      `Tiêu chuẩn ${s.framework.code}`,
      String(total),
      String(m1),
      pct(m1, total),
      String(m2),
      pct(m2, total),
    ].map((text, i) => ({ text, align: i === 0 ? 'left' : 'center' }) as const);
  });
  const all = standards.flatMap((s) => s.criteria);
  const m1 = all.filter((c) => (c.assessment.level ?? 0) >= 1).length;
  const m2 = all.filter((c) => (c.assessment.level ?? 0) >= 2).length;
  perStandard.push(
    [
      'Tổng',
      String(all.length),
      String(m1),
      pct(m1, all.length),
      String(m2),
      pct(m2, all.length),
    ].map((text, i) => ({ text, bold: true, align: i === 0 ? 'left' : 'center' }) as const),
  );
  return [
    outline.heading('Phần III. KẾT LUẬN', 1, { align: 'center' }),
    outline.heading('1. Khái quát', 2),
    ...para(orBlank(input.texts.conclusion), { indent: true }),
    outline.heading('2. Tổng hợp kết quả tự đánh giá', 2),
    ...para('a) Kết quả đánh giá các tiêu chí', { italic: true, bold: true }),
    dataTable({
      widths: [34, 15, 17, 17, 17],
      header: [['Tiêu chuẩn, tiêu chí', 'Bắt buộc', 'Không đạt', 'Đạt Mức 1', 'Đạt Mức 2']],
      body: perCriterion,
    }),
    ...para('b) Tổng hợp theo tiêu chuẩn', { italic: true, bold: true, before: 120 }),
    dataTable({
      widths: [26, 14, 15, 15, 15, 15],
      header: [
        [
          { text: 'Tiêu chuẩn', rowSpan: 2 },
          { text: 'Số tiêu chí', rowSpan: 2 },
          { text: 'Đạt Mức 1', colSpan: 2 },
          null,
          { text: 'Đạt Mức 2', colSpan: 2 },
          null,
        ],
        [null, null, 'SL', '%', 'SL', '%'],
      ],
      body: perStandard,
    }),
    outline.heading('3. Mức đạt của cơ sở giáo dục', 2),
    ...para(`Cơ sở giáo dục ${schoolLevelText(input.results.schoolLevel)}.`, {
      bold: true,
      indent: true,
    }),
    ...(input.results.reason ? para(input.results.reason, { indent: true }) : []),
    ...input.results.summaryLines.flatMap((line) => para(line, { indent: true })),
    outline.heading('4. Đề xuất, kiến nghị', 2),
    ...para(orBlank(input.texts.recommendations), { indent: true }),
    ...para(
      'Hiệu trưởng chịu trách nhiệm về tính trung thực, khách quan của thông tin, số liệu và minh chứng trong báo cáo tự đánh giá này.',
      { italic: true, indent: true, before: 120 },
    ),
    signature({
      date: dateLine(input.school.place, input.reportDate),
      lines: ['HIỆU TRƯỞNG'],
      note: '(Ký tên, đóng dấu)',
      name: input.school.principalName,
    }),
  ];
}

function appendix(input: AssessmentDocumentInput, outline: Outline): Block[] {
  const c = input.council;
  const w = input.workPlan;
  return [
    outline.heading('Phần IV. PHỤ LỤC', 1, { align: 'center', pageBreak: true }),
    outline.heading('1. Cơ sở dữ liệu', 2),
    ...para(
      `${BLANK} (Nhà trường bổ sung Phụ lục “Thông tin dữ liệu” của 03 năm học gần nhất; phần mềm không lưu các số liệu này nên không tự điền.)`,
      { italic: true, indent: true },
    ),
    outline.heading('2. Quyết định thành lập Hội đồng, kế hoạch tự đánh giá', 2),
    ...para(
      `Quyết định thành lập Hội đồng tự đánh giá số ${orBlank(c.decisionNumber)} ngày ${orBlank(c.decisionDate)}.`,
      { indent: true },
    ),
    ...para(`Kế hoạch tự đánh giá số ${orBlank(w.number)} ngày ${orBlank(w.date)}.`, {
      indent: true,
    }),
    outline.heading('3. Danh mục minh chứng', 2),
    dataTable(evidenceTableSpec(input, TEXT_WIDTH.portrait)),
    outline.heading('4. Văn bản khác (nếu có)', 2),
  ];
}

export async function renderReportTt57(input: AssessmentDocumentInput): Promise<Buffer> {
  const outline = new Outline();
  const children: Block[] = [
    ...cover(input, 'BÁO CÁO TỰ ĐÁNH GIÁ'),
    ...councilList(input),
    ...tableOfContents(),
    ...abbreviations(input),
    ...overview(input, outline),
    ...selfAssessment(input, outline),
    ...conclusion(input, outline),
    ...appendix(input, outline),
  ];
  return packDocx({
    title: `Báo cáo tự đánh giá ${input.school.name} năm học ${input.schoolYear}`,
    description: `Báo cáo tự đánh giá theo Thông tư ${input.framework.circular.number} (Biểu 1)`,
    sections: [{ children }],
    toc: outline.entries,
  });
}
