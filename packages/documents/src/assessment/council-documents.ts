import { COUNCIL_ROLE_LABELS, type CouncilMember } from '@caitien/core';
import type { AssessmentDocumentInput } from './assessment-document.types.ts';
import {
  assigneeText,
  circularText,
  guidanceOf,
  isDraft,
  standardViews,
} from './assessment-model.ts';
import {
  BLANK,
  centred,
  dataTable,
  dateLine,
  draftMark,
  masthead,
  orBlank,
  packDocx,
  para,
  signature,
  type Block,
  type CellInput,
} from './docx-kit.ts';

/**
 * The council's two documents: the Quyết định thành lập Hội đồng tự đánh giá (NĐ 30/2020 header,
 * Căn cứ, Điều 1–3, the member table TT · Họ và tên · Chức vụ · Nhiệm vụ, the working groups) and
 * the Kế hoạch tự đánh giá (NOTES.md §3: sections I–IX, the phân công table TT · Tiêu chí · Nhóm
 * công tác, cá nhân chịu trách nhiệm · Ghi chú, the timeline Thời gian · Hoạt động).
 */

function memberDuty(m: CouncilMember): string {
  return m.duty.trim() !== '' ? m.duty : COUNCIL_ROLE_LABELS[m.role];
}

function membersTable(input: AssessmentDocumentInput): Block {
  const body: CellInput[][] = input.council.members.map((m, i) => [
    { text: String(i + 1), align: 'center' },
    m.name,
    m.positionTitle,
    memberDuty(m),
  ]);
  if (body.length === 0) {
    body.push([
      { text: `${BLANK} (chưa có thành viên)`, colSpan: 4, italic: true },
      null,
      null,
      null,
    ]);
  }
  return dataTable({
    widths: [8, 32, 32, 28],
    header: [['TT', 'Họ và tên', 'Chức vụ', 'Nhiệm vụ']],
    body,
  });
}

function groupsTable(input: AssessmentDocumentInput): Block[] {
  if (input.council.groups.length === 0) return [];
  const body: CellInput[][] = [];
  input.council.groups.forEach((group, g) => {
    const members = group.memberIds.length > 0 ? group.memberIds : [''];
    members.forEach((id, i) => {
      const member = input.council.members.find((m) => m.id === id);
      body.push([
        ...(i === 0
          ? [
              { text: `${g + 1}`, align: 'center', rowSpan: members.length } as const,
              {
                text: group.duty.trim() !== '' ? `${group.name}\n(${group.duty})` : group.name,
                rowSpan: members.length,
              },
            ]
          : [null, null]),
        member?.name ?? BLANK,
        member?.positionTitle ?? '',
        i === 0 ? 'Nhóm trưởng' : 'Thành viên',
      ]);
    });
  });
  return [
    dataTable({
      widths: [7, 27, 26, 22, 18],
      header: [['TT', 'Nhóm công tác', 'Họ và tên', 'Chức vụ', 'Nhiệm vụ']],
      body,
    }),
  ];
}

function regimeBasis(input: AssessmentDocumentInput): string[] {
  const circulars = circularText(input).map((c) => `Căn cứ ${c};`);
  if (input.regime === '2026') return circulars;
  return [...circulars, `Căn cứ ${guidanceOf(input).text};`];
}

function chair(input: AssessmentDocumentInput): string {
  return (
    input.council.members.find((m) => m.role === 'chu_tich')?.name ?? input.school.principalName
  );
}

/** Quyết định thành lập Hội đồng tự đánh giá. */
export async function renderCouncilDecisionDocx(input: AssessmentDocumentInput): Promise<Buffer> {
  const s = input.school;
  const c = input.council;
  const children: Block[] = [
    ...(isDraft(input) ? [draftMark()] : []),
    masthead({
      parentAgency: s.parentAgency,
      schoolName: s.name,
      numberLine: `Số: ${c.decisionNumber.trim() || `     /QĐ-${s.shortName}`}`,
      dateLine: dateLine(s.place, c.decisionDate),
    }),
    centred('QUYẾT ĐỊNH', { bold: true }, 0, 360),
    centred(
      `Về việc thành lập Hội đồng tự đánh giá năm học ${input.schoolYear}`,
      { bold: true },
      240,
    ),
    centred(`HIỆU TRƯỞNG ${s.name.toUpperCase()}`, { bold: true }, 240),
    ...regimeBasis(input).flatMap((line) => para(line, { italic: true, indent: true })),
    ...para(`Căn cứ chức năng, nhiệm vụ, quyền hạn của Hiệu trưởng ${s.name};`, {
      italic: true,
      indent: true,
    }),
    ...para('Theo đề nghị của bộ phận chuyên môn nhà trường.', { italic: true, indent: true }),
    centred('QUYẾT ĐỊNH:', { bold: true }, 120, 120),
    ...para(
      `Điều 1. Thành lập Hội đồng tự đánh giá ${s.name} năm học ${input.schoolYear}, gồm các ông (bà) có tên sau:`,
      { indent: true },
    ),
    membersTable(input),
    ...(c.groups.length > 0
      ? [
          ...para('Các nhóm công tác giúp việc Hội đồng:', { indent: true, before: 120 }),
          ...groupsTable(input),
        ]
      : []),
    ...para(
      input.regime === '2026'
        ? `Điều 2. Hội đồng có nhiệm vụ triển khai tự đánh giá theo quy định tại Thông tư số ${input.framework.circular.number} của Bộ trưởng Bộ Giáo dục và Đào tạo: lập kế hoạch tự đánh giá, thu thập và xử lý minh chứng, đánh giá mức đạt của từng tiêu chí, viết báo cáo tự đánh giá (Biểu 1), công bố báo cáo và đề xuất kế hoạch cải tiến chất lượng. Hội đồng tự giải thể sau khi hoàn thành nhiệm vụ.`
        : `Điều 2. Hội đồng có nhiệm vụ triển khai tự đánh giá theo hướng dẫn tại ${guidanceOf(input).text}: lập kế hoạch tự đánh giá, thu thập và xử lý minh chứng, đánh giá mức đạt của từng tiêu chí, viết báo cáo tự đánh giá, công bố báo cáo và triển khai các hoạt động sau tự đánh giá. Hội đồng tự giải thể sau khi hoàn thành nhiệm vụ.`,
      { indent: true, before: 120 },
    ),
    ...para(
      `Điều 3. Quyết định có hiệu lực kể từ ngày ký. Các bộ phận liên quan và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`,
      { indent: true },
    ),
    signature({
      recipients: [
        'Như Điều 3;',
        ...(s.parentAgency.trim() ? [`${s.parentAgency} (để báo cáo);`] : []),
        'Lưu: VT.',
      ],
      lines: ['HIỆU TRƯỞNG'],
      name: s.principalName,
    }),
  ];
  return packDocx({
    title: `Quyết định thành lập Hội đồng tự đánh giá ${s.name}`,
    description: 'Quyết định thành lập Hội đồng tự đánh giá',
    sections: [{ children }],
  });
}

function evidenceCodeRule(input: AssessmentDocumentInput): string {
  return input.regime === '2026'
    ? 'Mỗi minh chứng có một mã dạng MC.a.b.cc (a: tiêu chuẩn, b: tiêu chí, cc: số thứ tự của minh chứng trong tiêu chí). Một minh chứng dùng cho nhiều tiêu chí giữ mã của tiêu chí đầu tiên sử dụng. Mã được ghi trong ngoặc đơn ngay sau nội dung được chứng minh, ví dụ “(MC.1.1.01, MC.1.1.02)”. Danh mục minh chứng gồm 5 cột: TT, Mã minh chứng, Tên minh chứng, Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử, Ghi chú.'
    : `Mỗi minh chứng có một mã dạng [Hn-a.b-cc] (n: số hộp, a.b: tiêu chí, cc: số thứ tự của minh chứng trong tiêu chí), ví dụ [H1-1.1-01]. Một minh chứng dùng cho nhiều tiêu chí giữ mã của tiêu chí đầu tiên sử dụng. Bảng danh mục mã minh chứng theo mẫu của ${guidanceOf(input).number}.`;
}

/** Kế hoạch tự đánh giá, sections I–IX. */
export async function renderWorkPlanDocx(input: AssessmentDocumentInput): Promise<Buffer> {
  const s = input.school;
  const w = input.workPlan;
  const c = input.council;
  const section = (title: string, text: string): Block[] => [
    ...para(title, { bold: true, before: 120 }),
    ...para(orBlank(text), { indent: true }),
  ];
  const assignments: CellInput[][] = standardViews(input).flatMap((standard) =>
    standard.criteria.map((criterion, i): CellInput[] => [
      { text: String(i + 1), align: 'center' },
      `Tiêu chí ${criterion.framework.code}`,
      assigneeText(input, criterion.assessment) || BLANK,
      '',
    ]),
  );
  // TT runs over the whole table.
  assignments.forEach((row, i) => {
    row[0] = { text: String(i + 1), align: 'center' };
  });
  const timeline: CellInput[][] = w.steps.map((step) => [step.time, step.activity]);
  if (timeline.length === 0) timeline.push([BLANK, BLANK]);
  const secretary = c.members.filter((m) => m.role === 'thu_ky');
  const children: Block[] = [
    ...(isDraft(input) ? [draftMark()] : []),
    masthead({
      parentAgency: s.parentAgency,
      schoolName: s.name,
      numberLine: `Số: ${w.number.trim() || `     /KH-${s.shortName}`}`,
      dateLine: dateLine(s.place, w.date),
    }),
    centred('KẾ HOẠCH TỰ ĐÁNH GIÁ', { bold: true }, 0, 360),
    centred(`Năm học ${input.schoolYear}`, { bold: true }, 240),
    ...section('I. MỤC ĐÍCH TỰ ĐÁNH GIÁ', w.purpose),
    ...section('II. PHẠM VI TỰ ĐÁNH GIÁ', w.scope),
    ...section('III. CÔNG CỤ TỰ ĐÁNH GIÁ', w.tools),
    ...para('IV. HỘI ĐỒNG TỰ ĐÁNH GIÁ', { bold: true, before: 120 }),
    ...para(
      `1. Thành phần Hội đồng tự đánh giá (Quyết định số ${orBlank(c.decisionNumber)} ngày ${orBlank(c.decisionDate)} của Hiệu trưởng ${s.name}):`,
      { indent: true },
    ),
    membersTable(input),
    ...para(
      `2. Nhóm thư ký và các nhóm công tác${secretary.length > 0 ? ` (thư ký: ${secretary.map((m) => m.name).join(', ')})` : ''}:`,
      { indent: true, before: 120 },
    ),
    ...(c.groups.length > 0
      ? groupsTable(input)
      : para(`${BLANK} (chưa lập nhóm công tác)`, { italic: true, indent: true })),
    ...para('3. Phân công thực hiện:', { indent: true, before: 120 }),
    dataTable({
      widths: [8, 22, 50, 20],
      header: [['TT', 'Tiêu chí', 'Nhóm công tác, cá nhân chịu trách nhiệm', 'Ghi chú']],
      body: assignments,
    }),
    ...section('V. TẬP HUẤN NGHIỆP VỤ TỰ ĐÁNH GIÁ', w.training),
    ...section('VI. DỰ KIẾN CÁC NGUỒN LỰC VÀ THỜI ĐIỂM CẦN HUY ĐỘNG', w.resources),
    ...section('VII. DỰ KIẾN THUÊ CHUYÊN GIA TƯ VẤN (NẾU CÓ)', w.consultants),
    ...section('VIII. LẬP BẢNG DANH MỤC MÃ MINH CHỨNG', evidenceCodeRule(input)),
    ...para('IX. THỜI GIAN VÀ NỘI DUNG HOẠT ĐỘNG', { bold: true, before: 120 }),
    dataTable({ widths: [30, 70], header: [['Thời gian', 'Hoạt động']], body: timeline }),
    ...para(''),
    signature({
      recipients: [
        'Thành viên Hội đồng tự đánh giá;',
        ...(s.parentAgency.trim() ? [`${s.parentAgency} (để báo cáo);`] : []),
        'Lưu: VT.',
      ],
      lines: ['TM. HỘI ĐỒNG TỰ ĐÁNH GIÁ', 'CHỦ TỊCH'],
      name: chair(input),
    }),
  ];
  return packDocx({
    title: `Kế hoạch tự đánh giá ${s.name} năm học ${input.schoolYear}`,
    description: 'Kế hoạch tự đánh giá',
    sections: [{ children }],
  });
}
