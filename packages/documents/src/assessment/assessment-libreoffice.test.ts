import { describe, expect, it } from 'vitest';
import { findSoffice } from '../render/pdf.ts';
import {
  convertAndRead,
  expectInOrder,
  hasPoppler,
  libreOfficeSetup,
} from '../testing/libreoffice-harness.ts';
import { sampleTt17Assessment, sampleTt57Assessment } from '../testing/sample-assessments.ts';
import type { AssessmentDocumentInput } from './assessment-document.types.ts';
import { standardViews } from './assessment-model.ts';
import { renderAssessmentReportDocx } from './assessment-report.ts';
import { renderCouncilDecisionDocx, renderWorkPlanDocx } from './council-documents.ts';
import { renderEvidenceListDocx } from './evidence-list.ts';

/**
 * The real consumer: the self-assessment documents converted by LibreOffice and read back with
 * pdftotext — headings, the contents, every criterion title, the typed texts with their
 * diacritics, in order. Pages go to artifacts/documents/ as PNG for a person to look at.
 * Needs LibreOffice and poppler-utils: skipped with a reason outside CI, a failure under CI=true.
 */

const { available, inCi } = libreOfficeSetup('assessment-libreoffice.test.ts');

async function toPdf(
  name: string,
  docx: Buffer,
  pages: [number, number],
  options: { updateIndexes?: boolean } = {},
): Promise<string> {
  return (await convertAndRead(name, docx, { ...options, pages })).text;
}

function criterionTexts(input: AssessmentDocumentInput): string[] {
  return standardViews(input).flatMap((s) => [
    `Tiêu chuẩn ${s.framework.code}: ${s.framework.title}`,
    ...s.criteria.map((c) => `Tiêu chí ${c.framework.code}: ${c.framework.title}`),
  ]);
}

describe.runIf(available || inCi)('self-assessment documents read back through LibreOffice', () => {
  it('is installed (CI installs libreoffice-writer-nogui and poppler-utils)', () => {
    expect(findSoffice(), 'soffice not found').not.toBeNull();
    expect(hasPoppler, 'pdftotext not found').toBe(true);
  });

  it.runIf(available)(
    'the TT17 report (CV 5932): parts, contents, criteria and texts in order',
    async () => {
      const input = sampleTt17Assessment();
      const text = await toPdf(
        'assessment-tt17-report',
        await renderAssessmentReportDocx(input),
        [1, 10],
        { updateIndexes: true },
      );
      // The contents carries page numbers (dot leader, number) once LibreOffice updates it.
      expect(text).toMatch(/BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ ?\.{5,} ?\d+/);
      expect(text).toMatch(/Tiêu chí 5\.5: Kết quả giáo dục ?\.{5,} ?\d+/);
      // A code at a line end stays whole; PDF text reads the ordinary hyphen back.
      expect(text).not.toMatch(/\[H\d+-\d+\.\d+- /);
      expectInOrder(text, [
        'DỰ THẢO',
        'BÁO CÁO TỰ ĐÁNH GIÁ',
        'DANH SÁCH VÀ CHỮ KÝ',
        'MỤC LỤC',
        // The contents lists the headings even though LibreOffice does not update fields.
        'BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ',
        'Tiêu chí 5.5: Kết quả giáo dục',
        'Phần IV. PHỤ LỤC',
        // The body.
        'BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ',
        'Tiêu chí 1.2 x --------',
        'Kết quả: Không đạt',
        'Phần I. CƠ SỞ DỮ LIỆU',
        'Phần II. TỰ ĐÁNH GIÁ',
        'A. ĐẶT VẤN ĐỀ',
        'Trường được thành lập năm 1998, đóng trên địa bàn xã Hòa Bình.',
        'Năm học 2026–2027 trường có 18 lớp với 512 học sinh.',
        ...criterionTexts(input).slice(0, 3),
        'Năm học 2027–2028, Hiệu trưởng chỉ đạo Hội đồng trường rà soát hoạt động mỗi học kỳ.',
        'Thư ký lưu biên bản.',
        ...criterionTexts(input).slice(3),
        'II. TỰ ĐÁNH GIÁ TIÊU CHÍ MỨC 4',
        'Phần III. KẾT LUẬN CHUNG',
        'HIỆU TRƯỞNG',
        'Nguyễn Thị Hồng Nhung',
        'Phần IV. PHỤ LỤC',
        'Quyết định phê duyệt kế hoạch chiến lược (bản chính)',
      ]);
    },
    120_000,
  );

  it.runIf(available)(
    'the TT57 report (Biểu 1): parts, per-criterion tables, conclusion and the evidence list',
    async () => {
      const input = sampleTt57Assessment('approved');
      const text = await toPdf(
        'assessment-tt57-report',
        await renderAssessmentReportDocx(input),
        [1, 8],
        { updateIndexes: true },
      );
      expect(text).toMatch(/Phần I\. TỔNG QUAN ?\.{5,} ?\d+/);
      expect(text).not.toContain('DỰ THẢO');
      expectInOrder(text, [
        'BÁO CÁO TỰ ĐÁNH GIÁ',
        'MỤC LỤC',
        'Phần I. TỔNG QUAN',
        'a) Tên cơ sở giáo dục: Trường Trung học cơ sở Hòa Bình',
        'Phần II. TỰ ĐÁNH GIÁ',
        'Tiêu chí 1.1: Tầm nhìn, sứ mạng/mục tiêu và kế hoạch phát triển',
        'Hiện trạng, kết quả đạt được của tiêu chí đến thời điểm đánh giá (kèm theo mã minh chứng)',
        'Nhà trường có kế hoạch năm học phù hợp (MC.1.1.01, MC.1.1.02).',
        'Tự đánh giá: Tiêu chí đạt Mức 2',
        'Đánh giá chung về Tiêu chuẩn 1',
        'Rà soát kế hoạch mỗi học kỳ.',
        'Phần III. KẾT LUẬN',
        'Cơ sở giáo dục chưa đạt Mức 1.',
        'HIỆU TRƯỞNG',
        'Phần IV. PHỤ LỤC',
        'Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử',
        'MC.1.1.01',
      ]);
    },
    120_000,
  );

  it.runIf(available)(
    'the council decision, the work plan and the evidence list open and read back',
    async () => {
      const input = sampleTt17Assessment();
      expectInOrder(
        await toPdf('assessment-council-decision', await renderCouncilDecisionDocx(input), [1, 1]),
        [
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'QUYẾT ĐỊNH',
          'Điều 1.',
          'Nguyễn Thị Hồng Nhung',
          'Điều 2.',
          'Điều 3.',
          'HIỆU TRƯỞNG',
        ],
      );
      expectInOrder(await toPdf('assessment-work-plan', await renderWorkPlanDocx(input), [1, 1]), [
        'KẾ HOẠCH TỰ ĐÁNH GIÁ',
        'I. MỤC ĐÍCH TỰ ĐÁNH GIÁ',
        'IX. THỜI GIAN VÀ NỘI DUNG HOẠT ĐỘNG',
        'Họp Hội đồng, phổ biến kế hoạch',
        'Phân công nhóm công tác',
        'CHỦ TỊCH',
      ]);
      const list = await toPdf(
        'assessment-evidence-list',
        await renderEvidenceListDocx(input),
        [1, 1],
      );
      expectInOrder(list, [
        'DANH MỤC MÃ MINH CHỨNG',
        'Tiêu chí 1.1',
        '[H1-1.1-01]',
        'Tiêu chí 1.2',
        '[H1-1.1-01]',
      ]);
    },
    180_000,
  );
});
