import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convertDocxToPdf, findSoffice } from '../render/pdf.ts';
import { sampleMonitoringReport } from './monitoring-report.fixtures.ts';
import { renderMonitoringReportDocx } from './monitoring-report.ts';

/**
 * The real consumer: the monitoring report converted by LibreOffice and read back with pdftotext
 * (header, title, sections, every row's texts with their diacritics, in order). Pages go to
 * artifacts/documents/ as PNG for a person to look at. Needs LibreOffice and poppler-utils:
 * skipped with a reason outside CI, a failure under CI=true.
 */

const ARTIFACTS = fileURLToPath(new URL('../../../../artifacts/documents/', import.meta.url));
const hasPoppler = ((): boolean => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const available = findSoffice() !== null && hasPoppler;
const inCi = process.env['CI'] === 'true';
if (!available && !inCi) {
  console.warn(
    'monitoring-libreoffice.test.ts: LibreOffice (soffice) or poppler-utils (pdftotext) is not installed; the conversion test is skipped. Install libreoffice-writer-nogui poppler-utils to run it.',
  );
}

const squash = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

function expectInOrder(text: string, texts: string[]): void {
  let from = 0;
  for (const expected of texts) {
    const at = text.indexOf(squash(expected), from);
    expect(at, `"${expected.slice(0, 70)}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at;
  }
}

describe.runIf(available || inCi)('the monitoring report read back through LibreOffice', () => {
  it('is installed (CI installs libreoffice-writer-nogui and poppler-utils)', () => {
    expect(findSoffice(), 'soffice not found').not.toBeNull();
    expect(hasPoppler, 'pdftotext not found').toBe(true);
  });

  it.runIf(available)(
    'prints the header, sections and every row as typed, the table on landscape pages',
    async () => {
      const input = sampleMonitoringReport();
      const docx = await renderMonitoringReportDocx(input);
      const pdf = await convertDocxToPdf(docx);
      mkdirSync(ARTIFACTS, { recursive: true });
      const pdfPath = join(ARTIFACTS, 'monitoring-report.pdf');
      writeFileSync(join(ARTIFACTS, 'monitoring-report.docx'), docx);
      writeFileSync(pdfPath, pdf);
      execFileSync('pdftoppm', ['-r', '60', '-png', pdfPath, join(ARTIFACTS, 'monitoring-report')]);
      const fonts = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' });
      const names = [...fonts.matchAll(/^\S+\+(\S+)/gm)].map((m) => m[1]);
      expect(names.length).toBeGreaterThan(0);
      expect(
        names.every((n) => n?.startsWith('LiberationSerif')),
        names.join(', '),
      ).toBe(true);
      const text = squash(
        execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }),
      );
      expectInOrder(text, [
        'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN PHÙ CÁT',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Định Hiệp, ngày 15 tháng 01 năm 2026',
        'BÁO CÁO',
        'Kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục cuối học kỳ I năm học 2025-2026',
        'I. KHÁI QUÁT CHUNG',
        'Kinh phí dự kiến: 122.000.000 đồng',
        'II. KẾT QUẢ THỰC HIỆN TỪNG NỘI DUNG CẢI TIẾN',
        'Người đánh giá',
        'Rà soát, bổ sung kế hoạch chiến lược',
        '[H1-1.1-01]',
        'Sửa chữa 04 phòng học khối 1',
        'Bồi dưỡng ứng dụng công nghệ thông tin cho giáo viên',
        'III. KẾT LUẬN VÀ KIẾN NGHỊ',
        'Một số nội dung về cơ sở vật chất còn chậm do chưa có kinh phí.',
        'Nơi nhận:',
        'HIỆU TRƯỞNG',
        'Nguyễn Thị Ánh Tuyết',
      ]);
      // Portrait, then the table's landscape page(s), then portrait.
      const info = execFileSync('pdfinfo', ['-f', '1', '-l', '3', pdfPath], { encoding: 'utf8' });
      const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map(
        (m) => Number(m[1]) > Number(m[2]),
      );
      expect(sizes[0]).toBe(false);
      expect(sizes).toContain(true);
    },
    120_000,
  );
});
