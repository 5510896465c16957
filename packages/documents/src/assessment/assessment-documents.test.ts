import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseEvidenceList } from '../evidence-import/evidence-import.ts';
import { sampleTt17Assessment, sampleTt57Assessment } from '../testing/sample-assessments.ts';
import type { AssessmentDocumentInput } from './assessment-document.types.ts';
import { evidenceOf } from './assessment-model.ts';
import { renderAssessmentReportDocx } from './assessment-report.ts';
import { renderCouncilDecisionDocx, renderWorkPlanDocx } from './council-documents.ts';
import { dateWords } from './docx-kit.ts';
import {
  EVIDENCE_COLUMNS_2018,
  EVIDENCE_COLUMNS_TT57,
  renderEvidenceListDocx,
  renderEvidenceListXlsx,
} from './evidence-list.ts';
import { renderAssessmentSummaryXlsx } from './summary-xlsx.ts';

/** The paragraphs of a DOCX body as a reader sees them (table cells included, in order). */
async function paragraphs(docx: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return xml
    .split('</w:p>')
    .map((p) =>
      // A non-breaking hyphen is a hyphen to a reader (Word, LibreOffice, our DOCX reader).
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:noBreakHyphen\/>/g)]
        .map((m) => (m[0] === '<w:noBreakHyphen/>' ? '-' : (m[1] ?? '')))
        .join('')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    )
    .filter((t) => t !== '');
}

async function documentXml(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

/** Consecutive paragraphs holding `lines` in order. */
function holdsLines(list: string[], lines: string[]): boolean {
  for (let i = 0; i + lines.length <= list.length; i += 1) {
    if (lines.every((line, j) => list[i + j] === line)) return true;
  }
  return false;
}

describe('the 2018 report (CV 5932 structure)', () => {
  it('has every part, each criterion block, the summary and Mức 1–3 tables, in order', async () => {
    const input = sampleTt17Assessment();
    const list = await paragraphs(await renderAssessmentReportDocx(input));
    const order = [
      'BÁO CÁO TỰ ĐÁNH GIÁ',
      'THÀNH VIÊN HỘI ĐỒNG TỰ ĐÁNH GIÁ',
      'MỤC LỤC',
      'BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ',
      'Phần I. CƠ SỞ DỮ LIỆU',
      'Phần II. TỰ ĐÁNH GIÁ',
      'A. ĐẶT VẤN ĐỀ',
      'B. TỰ ĐÁNH GIÁ',
      'I. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 1, 2 VÀ 3',
      'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường',
      'Mở đầu',
      'Tiêu chí 1.1: Phương hướng, chiến lược xây dựng và phát triển nhà trường',
      '1. Mô tả hiện trạng',
      '2. Điểm mạnh',
      '3. Điểm yếu',
      '4. Kế hoạch cải tiến chất lượng',
      '5. Tự đánh giá',
      'Kết quả: Đạt Mức 3',
      'Kết luận về Tiêu chuẩn 1',
      'II. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 4',
      'Phần III. KẾT LUẬN CHUNG',
      'HIỆU TRƯỞNG',
      'Phần IV. PHỤ LỤC',
      'Danh mục mã minh chứng',
    ];
    let at = -1;
    for (const heading of order) {
      // Headings after the table of contents (which lists them too).
      const next = list.findIndex((p, i) => i > at && p === heading);
      expect(next, `"${heading}" after index ${at}`).toBeGreaterThan(at);
      at = next;
    }
    for (const c of input.framework.standards.flatMap((s) => s.criteria)) {
      expect(list.filter((p) => p === `Tiêu chí ${c.code}: ${c.title}`).length).toBe(3); // contents, body, evidence list
    }
    // Summary: "--------" where a criterion has no requirement at a level; the school's result.
    expect(list).toContain('--------');
    expect(list).toContain('Kết quả: Không đạt');
    expect(list).toContain('Kết quả: Không đạt Mức 4');
    // The council list with its signature column.
    expect(holdsLines(list, ['TT', 'Họ và tên', 'Chức danh, chức vụ', 'Nhiệm vụ', 'Chữ ký'])).toBe(
      true,
    );
    // The Mức 1–3 table of 1.2 ("Mức 3" has no requirement: "-").
    expect(
      holdsLines(list, [
        'Chỉ báo',
        'Đạt/Không đạt',
        'Chỉ báo',
        'Đạt/Không đạt',
        'Chỉ báo',
        'Đạt/Không đạt',
      ]),
    ).toBe(true);
    expect(holdsLines(list, ['a', 'Đạt', '*', 'Không đạt', '-', '-'])).toBe(true);
    // Blanks are marked, not invented (Phần I data the software does not hold).
    expect(list.some((p) => p.startsWith('…………… (Nhà trường bổ sung số lớp theo khối'))).toBe(true);
    expect(list.some((p) => p.includes('5932/BGDĐT-QLCL'))).toBe(true);
  });

  it('keeps typed line breaks as paragraph breaks and every diacritic', async () => {
    const input = sampleTt17Assessment();
    const list = await paragraphs(await renderAssessmentReportDocx(input));
    expect(
      holdsLines(list, [
        'Năm học 2027–2028, Hiệu trưởng chỉ đạo Hội đồng trường rà soát hoạt động mỗi học kỳ.',
        'Thư ký lưu biên bản.',
      ]),
    ).toBe(true);
    expect(holdsLines(list, ['Quyết định phê duyệt kế hoạch chiến lược', '(bản chính)'])).toBe(
      true,
    );
  });

  it('prints DỰ THẢO on drafts only; the contents is a TOC field Word can update', async () => {
    const draft = await documentXml(
      await renderAssessmentReportDocx(sampleTt17Assessment('draft')),
    );
    const submitted = await documentXml(
      await renderAssessmentReportDocx(sampleTt17Assessment('submitted')),
    );
    const approved = await documentXml(
      await renderAssessmentReportDocx(sampleTt17Assessment('approved')),
    );
    expect(draft).toContain('DỰ THẢO');
    expect(submitted).toContain('DỰ THẢO');
    expect(approved).not.toContain('DỰ THẢO');
    expect(approved).toMatch(/<w:instrText[^>]*> TOC \\o "1-3"/);
    expect(approved).toContain('w:fldCharType="end"');
  });

  it('a mầm non school cites CV 5942 in the council decision', async () => {
    const input: AssessmentDocumentInput = {
      ...sampleTt17Assessment(),
      school: { ...sampleTt17Assessment().school, level: 'mam_non' },
    };
    const list = await paragraphs(await renderCouncilDecisionDocx(input));
    expect(list.some((p) => p.includes('5942/BGDĐT-QLCL'))).toBe(true);
    expect(list.some((p) => p.includes('5932/BGDĐT-QLCL'))).toBe(false);
  });

  it('removes characters XML cannot carry and nothing else', async () => {
    const input = sampleTt17Assessment();
    const first = input.criteria[0];
    if (!first) throw new Error('no criterion');
    first.texts = { ...first.texts, strengths: 'Mạnh\u0001 về đội ngũ\tvà cơ sở' };
    const list = await paragraphs(await renderAssessmentReportDocx(input));
    expect(list).toContain('Mạnh về đội ngũ\tvà cơ sở');
  });
});

describe('the TT57 report (Biểu 1)', () => {
  it('has Phần I–IV, the per-criterion table and verdict, Đánh giá chung 1–4, HIỆU TRƯỞNG', async () => {
    const input = sampleTt57Assessment();
    const list = await paragraphs(await renderAssessmentReportDocx(input));
    for (const heading of [
      'Phần I. TỔNG QUAN',
      '1. Thông tin chung',
      'Phần II. TỰ ĐÁNH GIÁ',
      'Đánh giá chung về Tiêu chuẩn 1',
      '1. Điểm mạnh nổi bật',
      '2. Điểm hạn chế trọng tâm và nguyên nhân cốt lõi',
      '3. Định hướng cải tiến chất lượng',
      '4. Tổng hợp kết quả các tiêu chí',
      'Phần III. KẾT LUẬN',
      '3. Mức đạt của cơ sở giáo dục',
      'Cơ sở giáo dục chưa đạt Mức 1.',
      'HIỆU TRƯỞNG',
      '(Ký tên, đóng dấu)',
      'Phần IV. PHỤ LỤC',
      '3. Danh mục minh chứng',
    ]) {
      expect(list, heading).toContain(heading);
    }
    expect(
      holdsLines(list, [
        'Mức',
        'Hiện trạng, kết quả đạt được của tiêu chí đến thời điểm đánh giá (kèm theo mã minh chứng)',
        'Đánh giá (Đạt/Không đạt)',
        'Mức 1',
        'Nhà trường có kế hoạch năm học phù hợp (MC.1.1.01, MC.1.1.02).',
        'Kế hoạch được công khai.',
        'Đạt',
      ]),
    ).toBe(true);
    expect(list).toContain('Tự đánh giá: Tiêu chí đạt Mức 2');
    expect(list).toContain('Tự đánh giá: Tiêu chí đạt Mức 1');
    expect(list).toContain('Tự đánh giá: Tiêu chí không đạt Mức 1');
    // Mức 2 is judged only once Mức 1 is met.
    expect(list).toContain('(Chỉ đánh giá Mức 2 khi Mức 1 đạt.)');
    // The evidence list has exactly the five TT57 columns.
    expect(
      holdsLines(list, [
        ...EVIDENCE_COLUMNS_TT57,
        'Tiêu chuẩn 1: Quản trị nhà trường và bảo đảm chất lượng',
      ]),
    ).toBe(true);
    expect(list).not.toContain('Nơi ban hành hoặc nhóm, cá nhân thực hiện');
  });
});

describe('the evidence list', () => {
  it('2018 DOCX: six columns; a code cited by three criteria listed under each', async () => {
    const list = await paragraphs(await renderEvidenceListDocx(sampleTt17Assessment()));
    expect(holdsLines(list, [...EVIDENCE_COLUMNS_2018])).toBe(true);
    expect(list.filter((p) => p === '[H1-1.1-01]')).toHaveLength(3);
    expect(list).toContain('DANH MỤC MÃ MINH CHỨNG');
    expect(list).toContain('DỰ THẢO');
  });

  it('TT57 DOCX: five columns; each evidence once, under its primary criterion, with its storage', async () => {
    const list = await paragraphs(await renderEvidenceListDocx(sampleTt57Assessment('approved')));
    expect(holdsLines(list, [...EVIDENCE_COLUMNS_TT57])).toBe(true);
    expect(list.filter((p) => p === 'MC.1.1.01')).toHaveLength(1);
    expect(
      holdsLines(list, [
        'Tệp: ke-hoach-2026.pdf',
        'https://truong.example.edu.vn/minh-chung/MC.1.1.01',
      ]),
    ).toBe(true);
    expect(list).not.toContain('DỰ THẢO');
  });

  it('2018 XLSX imports back through parseEvidenceList: one entry per citation, texts exact', async () => {
    const input = sampleTt17Assessment();
    const back = await parseEvidenceList(await renderEvidenceListXlsx(input), 'danh-muc.xlsx');
    const expected = input.framework.standards
      .flatMap((s) => s.criteria)
      .flatMap((c) =>
        evidenceOf(input, c.code).map((e) => ({
          criterionCode: c.code,
          code: e.code,
          name: e.name,
          issued: e.issued,
          issuer: e.issuer,
          note: e.note,
        })),
      );
    expect(
      back.entries.map(({ criterionCode, code, name, issued, issuer, note }) => ({
        criterionCode,
        code,
        name,
        issued,
        issuer,
        note,
      })),
    ).toEqual(expected);
    expect(back.warnings).toEqual([]);
  });

  it('TT57 XLSX: the five columns and nothing more', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await renderEvidenceListXlsx(sampleTt57Assessment())) as unknown as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0];
    const header = [1, 2, 3, 4, 5, 6].map((c) => sheet?.getRow(4).getCell(c).value ?? null);
    expect(header).toEqual([...EVIDENCE_COLUMNS_TT57, null]);
  });
});

describe('the summary workbook', () => {
  it('criterion levels, per-standard counts and the school level', async () => {
    const input = sampleTt17Assessment();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderAssessmentSummaryXlsx(input)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Tiêu chí', 'Tiêu chuẩn', 'Kết quả']);
    const criteria = workbook.getWorksheet('Tiêu chí');
    const row12 = criteria?.getRow(6);
    expect(row12?.getCell(2).value).toBe('1.2');
    expect(row12?.getCell(4).value).toBe(0);
    expect(row12?.getCell(5).value).toBe('Không đạt');
    const standards = workbook.getWorksheet('Tiêu chuẩn');
    const first = standards?.getRow(5);
    // Standard 1: 10 criteria, 1 not met, 9 at Mức 1.
    expect([first?.getCell(2).value, first?.getCell(3).value, first?.getCell(4).value]).toEqual([
      10, 1, 9,
    ]);
    const total = standards?.getRow(10);
    expect(total?.getCell(1).value).toBe('Tổng');
    expect(total?.getCell(2).value).toBe(input.criteria.length);
    const result = workbook.getWorksheet('Kết quả');
    expect(result?.getRow(5).getCell(2).value).toBe(0);
    expect(result?.getCell('A2').value).toBe('DỰ THẢO');
  });
});

describe('the council documents', () => {
  it('the decision: masthead, Căn cứ, Điều 1–3, the member table, the groups', async () => {
    const input = sampleTt17Assessment();
    const list = await paragraphs(await renderCouncilDecisionDocx(input));
    for (const text of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 01/QĐ-THHB',
      'Hòa Bình, ngày 02 tháng 01 năm 2027',
      'QUYẾT ĐỊNH',
      'QUYẾT ĐỊNH:',
      'Nhóm công tác số 1',
    ]) {
      expect(
        list.some((p) => p.startsWith(text)),
        text,
      ).toBe(true);
    }
    expect(
      list.some((p) => p.startsWith('Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018')),
    ).toBe(true);
    for (const n of [1, 2, 3]) expect(list.some((p) => p.startsWith(`Điều ${n}.`))).toBe(true);
    expect(
      holdsLines(list, [
        'TT',
        'Họ và tên',
        'Chức vụ',
        'Nhiệm vụ',
        '1',
        'Nguyễn Thị Hồng Nhung',
        'Hiệu trưởng',
        'Chủ tịch Hội đồng',
      ]),
    ).toBe(true);
  });

  it('the work plan: sections I–IX, phân công and the timeline with its line breaks', async () => {
    const input = sampleTt57Assessment();
    const list = await paragraphs(await renderWorkPlanDocx(input));
    for (const title of [
      'I. MỤC ĐÍCH TỰ ĐÁNH GIÁ',
      'II. PHẠM VI TỰ ĐÁNH GIÁ',
      'III. CÔNG CỤ TỰ ĐÁNH GIÁ',
      'IV. HỘI ĐỒNG TỰ ĐÁNH GIÁ',
      'V. TẬP HUẤN NGHIỆP VỤ TỰ ĐÁNH GIÁ',
      'VI. DỰ KIẾN CÁC NGUỒN LỰC VÀ THỜI ĐIỂM CẦN HUY ĐỘNG',
      'VII. DỰ KIẾN THUÊ CHUYÊN GIA TƯ VẤN (NẾU CÓ)',
      'VIII. LẬP BẢNG DANH MỤC MÃ MINH CHỨNG',
      'IX. THỜI GIAN VÀ NỘI DUNG HOẠT ĐỘNG',
    ]) {
      expect(list, title).toContain(title);
    }
    expect(
      holdsLines(list, [
        'TT',
        'Tiêu chí',
        'Nhóm công tác, cá nhân chịu trách nhiệm',
        'Ghi chú',
        '1',
        'Tiêu chí 1.1',
        'Lê Thị Ánh Tuyết',
      ]),
    ).toBe(true);
    expect(
      holdsLines(list, [
        'Thời gian',
        'Hoạt động',
        'Tuần 1 tháng 01/2027',
        'Họp Hội đồng, phổ biến kế hoạch',
        'Phân công nhóm công tác',
      ]),
    ).toBe(true);
    expect(list).toContain('Số: 02/KH-HĐTĐG');
  });
});

describe('dateWords (NĐ 30/2020)', () => {
  it.each([
    ['02/01/2027', 'ngày 02 tháng 01 năm 2027'],
    ['15/5/2027', 'ngày 15 tháng 5 năm 2027'],
    ['5/12/2026', 'ngày 05 tháng 12 năm 2026'],
    ['2027-02-28', 'ngày 28 tháng 02 năm 2027'],
    ['', 'ngày …… tháng …… năm ……'],
    ['cuối tháng 5', 'cuối tháng 5'],
  ])('%s → %s', (input, words) => {
    expect(dateWords(input)).toBe(words);
  });
});

/** The column widths (twips) of the first table whose text holds `marker`. */
/** The body text as printed: tags dropped, a non-breaking hyphen shown as U+2011. */
function printed(xml: string): string {
  return xml
    .replace(/<w:noBreakHyphen\/>/g, '\u2011')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

function gridOf(xml: string, marker: string): number[] {
  const table = xml.split('<w:tbl>').find((t) => t.includes(marker));
  if (!table) throw new Error(`no table with ${marker}`);
  return [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
}

describe('the LibreOffice review fixes', () => {
  it('2018 codes never break at their hyphens: w:noBreakHyphen in the document, the stored text untouched', async () => {
    const input = sampleTt17Assessment();
    const stored = input.criteria[0]?.texts.description;
    const docx = await renderAssessmentReportDocx(input);
    const text = printed(await documentXml(docx));
    // No code with an ordinary (breaking) hyphen anywhere: descriptions, evidence list.
    expect(text).not.toMatch(/\[H\d+-/);
    expect(text).toContain('giai đoạn 2021–2025 [H1‑1.1‑01].');
    expect(text).toContain('[H1‑1.2‑01]');
    // The input is not rewritten and a reader still finds the code as typed.
    expect(input.criteria[0]?.texts.description).toBe(stored);
    const list = await paragraphs(docx);
    expect(list).toContain(
      'a) Nhà trường có phương hướng, chiến lược phát triển giai đoạn 2021–2025 [H1-1.1-01].',
    );
    const evidence = printed(await documentXml(await renderEvidenceListDocx(input)));
    expect(evidence).not.toMatch(/\[H\d+-/);
    expect(evidence).toContain('[H1‑1.2‑01]');
  });

  it('a hyphen outside a code is printed as typed', async () => {
    const input = sampleTt17Assessment();
    const first = input.criteria[0];
    if (!first) throw new Error('no criterion');
    first.texts = { ...first.texts, strengths: 'Tổ 1-2 họp; mã H1-1.1-01 viết không ngoặc.' };
    const text = printed(await documentXml(await renderAssessmentReportDocx(input)));
    expect(text).toContain('Tổ 1-2 họp; mã H1‑1.1‑01 viết không ngoặc.');
  });

  it('TT57 Quy mô: a blank that fits the narrow columns on one line', async () => {
    const input = sampleTt57Assessment();
    input.school = {
      ...input.school,
      scale: { ...input.school.scale, managers: null, supportStaff: null },
    };
    const xml = await documentXml(await renderAssessmentReportDocx(input));
    const table = xml.split('<w:tbl>').find((t) => t.includes('Tổng số CBQL, GV, NV')) ?? '';
    expect(table).toContain('>………<');
    expect(table).not.toContain('……………');
  });

  it('the council list: Nhiệm vụ wider than Chữ ký', async () => {
    const xml = await documentXml(await renderAssessmentReportDocx(sampleTt17Assessment()));
    const [tt, name, title, duty, sign] = gridOf(xml, 'Chữ ký');
    expect(duty).toBeGreaterThan(sign ?? 0);
    expect(duty).toBeGreaterThanOrEqual(Math.max(name ?? 0, title ?? 0));
    expect(tt).toBeLessThan(sign ?? 0);
  });

  it('asks Word to update the contents (page numbers) on opening', async () => {
    const zip = await JSZip.loadAsync(await renderAssessmentReportDocx(sampleTt57Assessment()));
    const settings = (await zip.file('word/settings.xml')?.async('string')) ?? '';
    expect(settings).toMatch(/<w:updateFields w:val="true"\/><w:compat>/);
  });

  it.each([
    ['2018', sampleTt17Assessment],
    ['TT57', sampleTt57Assessment],
  ] as const)(
    '%s: criteria the framework lacks are printed in their own section, texts as typed',
    async (_name, sample) => {
      const input = sample();
      input.criteria.push({
        criterionCode: '9.9',
        standardCode: '9',
        marks: { '1': true },
        texts: {
          description: 'Mô tả nhập từ tệp cũ,\ndòng thứ hai.',
          levelDescriptions: { '2': 'Hiện trạng Mức 2 đã gõ.' },
          strengths: 'Điểm mạnh đã gõ.',
          weaknesses: '',
          improvementPlan: 'Kế hoạch đã gõ.',
        },
        assigneeMemberId: null,
        assigneeGroupId: null,
        carriedFields: [],
        level: null,
        levelReason: '',
      });
      const list = await paragraphs(await renderAssessmentReportDocx(input));
      const heading = list.filter((p) => p.startsWith('Tiêu chí không có trong bộ tiêu chuẩn'));
      // Once in the contents, once in the body.
      expect(heading).toHaveLength(2);
      const at = list.lastIndexOf(heading[1] ?? '');
      expect(at).toBeGreaterThan(0);
      const after = list.slice(at);
      expect(after).toContain('Tiêu chí 9.9 (Tiêu chuẩn 9)');
      expect(after).toContain('Đánh giá đã ghi: 1: Đạt');
      expect(holdsLines(after, ['Mô tả hiện trạng: Mô tả nhập từ tệp cũ,', 'dòng thứ hai.'])).toBe(
        true,
      );
      expect(after).toContain('Hiện trạng Mức 2: Hiện trạng Mức 2 đã gõ.');
      expect(after).toContain('Điểm mạnh: Điểm mạnh đã gõ.');
      expect(after).toContain('Kế hoạch cải tiến chất lượng: Kế hoạch đã gõ.');
      // In the contents too.
      expect(list.indexOf('Tiêu chí 9.9 (Tiêu chuẩn 9)')).toBeLessThan(at);
      // None without such criteria.
      const plain = await paragraphs(await renderAssessmentReportDocx(sample()));
      expect(plain.some((p) => p.startsWith('Tiêu chí không có trong bộ tiêu chuẩn'))).toBe(false);
    },
  );

  it('Danh mục chữ viết tắt after the contents', async () => {
    const list = await paragraphs(await renderAssessmentReportDocx(sampleTt57Assessment()));
    const toc = list.indexOf('MỤC LỤC');
    const at = list.indexOf('DANH MỤC CHỮ VIẾT TẮT');
    expect(at).toBeGreaterThan(toc);
    expect(at).toBeLessThan(list.indexOf('Phần I. TỔNG QUAN', at));
    expect(holdsLines(list.slice(at), ['TĐG', 'Tự đánh giá'])).toBe(true);
    expect(holdsLines(list.slice(at), ['KĐCLGD', 'Kiểm định chất lượng giáo dục'])).toBe(true);
    expect(holdsLines(list.slice(at), ['MC', 'Minh chứng'])).toBe(true);
  });

  it('TT57 Biểu 1: a "Không đạt Mức 1" line under each criterion, after Mức 1 and Mức 2', async () => {
    const input = sampleTt57Assessment();
    const list = await paragraphs(await renderAssessmentReportDocx(input));
    const line =
      'Không đạt Mức 1: Nhà trường không đáp ứng một hoặc một số yêu cầu quy định tại Mức 1.';
    const count = input.framework.standards.flatMap((s) => s.criteria).length;
    expect(list.filter((p) => p === line)).toHaveLength(count);
    const first = list.indexOf(line);
    expect(list[first - 1]?.startsWith('Mức 2:')).toBe(true);
    expect(list[first + 1]).toBe('Mức');
  });
});
