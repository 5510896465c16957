import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { reportRow, sampleMonitoringReport } from './monitoring-report.fixtures.ts';
import {
  formatDong,
  monitoringReportFileBaseName,
  monitoringReportTitle,
  renderMonitoringReportDocx,
  summariseMonitoringRows,
} from './monitoring-report.ts';

async function documentXml(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

/** The paragraphs as a reader sees them (table cells included, in order). */
async function paragraphs(docx: Buffer): Promise<string[]> {
  return (await documentXml(docx))
    .split('</w:p>')
    .map((p) =>
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

function expectInOrder(list: string[], texts: string[]): void {
  let from = 0;
  for (const text of texts) {
    const at = list.findIndex((p, i) => i >= from && p.includes(text));
    expect(at, `"${text}" after paragraph ${from}`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  }
}

describe('summariseMonitoringRows', () => {
  it('counts rows by status, the overdue and the reviewed ones, and adds the amounts by source', () => {
    const s = summariseMonitoringRows(sampleMonitoringReport().rows);
    expect(s.total).toBe(3);
    expect(s.byStatus).toEqual({
      not_started: 0,
      in_progress: 1,
      done: 1,
      delayed: 1,
      cancelled: 0,
    });
    expect(s.overdue).toBe(1);
    expect(s.reviewed).toBe(2);
    expect(s.planned).toEqual({
      total: 122_000_000,
      bySource: { state: 2_000_000, socialized: 120_000_000 },
    });
    expect(s.plannedUnknown).toBe(1);
    expect(s.spent).toEqual({
      total: 46_500_000,
      bySource: { state: 1_500_000, socialized: 45_000_000 },
    });
  });

  it('does not count a row the round did not review, even when it shows a progress result', () => {
    const s = summariseMonitoringRows([
      reportRow({ result: 'Đã rà soát', reviewer: 'Phạm Thị Mai', reviewed: true }),
      // Not reviewed in the round: the result shown is the row's progress result.
      reportRow({ ordinal: '2', result: 'Kết quả tự cập nhật', reviewed: false }),
    ]);
    expect(s.reviewed).toBe(1);
  });

  it('splits a budget of several sources by its parts, as the dashboard does', () => {
    const s = summariseMonitoringRows([
      reportRow({
        plannedAmount: 30_000_000,
        plannedSource: 'mixed',
        plannedBySource: { state: 20_000_000, socialized: 10_000_000 },
      }),
      reportRow({ plannedAmount: 5_000_000, plannedSource: 'state' }),
    ]);
    expect(s.planned).toEqual({
      total: 35_000_000,
      bySource: { state: 25_000_000, socialized: 10_000_000 },
    });
  });

  it('is all zeros for no rows', () => {
    const s = summariseMonitoringRows([]);
    expect(s.total).toBe(0);
    expect(s.planned.total).toBe(0);
    expect(s.spent.total).toBe(0);
  });
});

describe('text helpers', () => {
  it('writes amounts with dots between thousands', () => {
    expect(formatDong(0)).toBe('0 đồng');
    expect(formatDong(1_500_000)).toBe('1.500.000 đồng');
    expect(formatDong(120_000_000)).toBe('120.000.000 đồng');
  });

  it('keeps the round label’s numeral in the title', () => {
    expect(monitoringReportTitle('Cuối học kỳ I', '2025-2026')).toBe(
      'Kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục cuối học kỳ I năm học 2025-2026',
    );
    expect(monitoringReportTitle('', '2025-2026')).toBe(
      'Kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục năm học 2025-2026',
    );
  });

  it('makes a file name without path characters', () => {
    expect(
      monitoringReportFileBaseName({
        roundLabel: 'Cuối học kỳ I',
        schoolYear: '2025-2026',
        schoolName: 'Trường A/B: "C"',
      }),
    ).toBe('Báo cáo kết quả thực hiện kế hoạch cải tiến Cuối học kỳ I 2025-2026 - Trường A-B- -C-');
  });
});

describe('renderMonitoringReportDocx', () => {
  it('has the NĐ 30 header, the title, sections I–III, Nơi nhận and the signer, in order', async () => {
    const list = await paragraphs(await renderMonitoringReportDocx(sampleMonitoringReport()));
    expectInOrder(list, [
      'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN PHÙ CÁT',
      'TRƯỜNG TIỂU HỌC ĐỊNH HIỆP',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số:      /BC-THĐH',
      'Định Hiệp, ngày 15 tháng 01 năm 2026',
      'BÁO CÁO',
      'Kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục cuối học kỳ I năm học 2025-2026',
      'I. KHÁI QUÁT CHUNG',
      'Kế hoạch số 67/KH-THĐH ngày 29/11/2025 có 3 nội dung cải tiến.',
      '- Hoàn thành: 1 nội dung;',
      '- Chậm tiến độ: 1 nội dung;',
      'Quá hạn (đã hết thời gian dự kiến mà chưa hoàn thành): 1 nội dung.',
      'Tổ giám sát đã rà soát, đánh giá 2/3 nội dung trong đợt này.',
      'Kinh phí dự kiến: 122.000.000 đồng (Ngân sách nhà nước 2.000.000 đồng; Xã hội hóa 120.000.000 đồng); 1 nội dung chưa ghi rõ kinh phí.',
      'Kinh phí đã chi: 46.500.000 đồng',
      'II. KẾT QUẢ THỰC HIỆN TỪNG NỘI DUNG CẢI TIẾN',
      'TT',
      'Nội dung',
      'Thời gian',
      'Phụ trách',
      'Trạng thái',
      'Mức độ (%)',
      'Kết quả thực hiện',
      'Điều chỉnh (nếu có)',
      'Người đánh giá',
      '(9)',
      'Tiêu chí 1.1:',
      'Rà soát, bổ sung kế hoạch chiến lược giai đoạn 2025–2030;',
      'lấy ý kiến cha mẹ học sinh',
      'Hoàn thành',
      '100',
      'Đã ban hành kế hoạch chiến lược [H1-1.1-01].',
      'Đã niêm yết công khai.',
      'Trần Văn Bình',
      'Sửa chữa 04 phòng học khối 1',
      'Chậm tiến độ',
      '(quá hạn)',
      'Chuyển thời gian hoàn thành sang tháng 3/2026.',
      'Bồi dưỡng ứng dụng công nghệ thông tin cho giáo viên',
      'Đang thực hiện',
      'III. KẾT LUẬN VÀ KIẾN NGHỊ',
      '1. Kết luận',
      'Nhà trường đã triển khai đúng tiến độ phần lớn nội dung.',
      'Một số nội dung về cơ sở vật chất còn chậm do chưa có kinh phí.',
      '2. Kiến nghị, đề xuất',
      '- Đề nghị Phòng GD&ĐT hỗ trợ kinh phí sửa chữa phòng học.',
      'Nơi nhận:',
      '- Phòng Giáo dục và Đào tạo huyện Phù Cát (để báo cáo);',
      '- Lưu: VT.',
      'HIỆU TRƯỞNG',
      'Nguyễn Thị Ánh Tuyết',
    ]);
    expect(list).not.toContain('DỰ THẢO');
  });

  it('keeps every typed line as its own paragraph in the table cell', async () => {
    const list = await paragraphs(await renderMonitoringReportDocx(sampleMonitoringReport()));
    // Line breaks are paragraphs (never joined, never lost).
    expect(list).toContain('Rà soát, bổ sung kế hoạch chiến lược giai đoạn 2025–2030;');
    expect(list).toContain('lấy ý kiến cha mẹ học sinh');
    expect(list).toContain('Phó Hiệu trưởng; Tổ trưởng chuyên môn'.replace(/^/, 'Phối hợp: '));
  });

  it('lays the table on landscape pages between portrait ones, its headers repeated', async () => {
    const xml = await documentXml(await renderMonitoringReportDocx(sampleMonitoringReport()));
    const sections = [...xml.matchAll(/<w:pgSz [^>]*\/>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(3);
    expect(sections[1]).toContain('w:orient="landscape"');
    expect(sections[0]).not.toContain('landscape');
    expect(sections[2]).not.toContain('landscape');
    expect((xml.match(/<w:tblHeader\/>|<w:tblHeader w:val="(?:1|true)"\/>/g) ?? []).length).toBe(2);
    // The rows table has 9 columns.
    const grid = /<w:tblGrid>((?:<w:gridCol [^>]*\/>){9})<\/w:tblGrid>/.exec(xml);
    expect(grid).not.toBeNull();
  });

  it('marks a round not closed as DỰ THẢO and signs for the monitoring team when asked', async () => {
    const input = {
      ...sampleMonitoringReport(),
      draft: true,
      documentNumber: '12/BC-TGS',
      signer: { role: 'monitoring_lead' as const, name: 'Trần Văn Bình' },
    };
    const list = await paragraphs(await renderMonitoringReportDocx(input));
    expect(list[0]).toBe('DỰ THẢO');
    expectInOrder(list, [
      'Số: 12/BC-TGS',
      'Nơi nhận:',
      '- Hiệu trưởng (để báo cáo);',
      'TM. TỔ GIÁM SÁT',
      'TỔ TRƯỞNG',
      'Trần Văn Bình',
    ]);
  });

  it('prints blanks for missing conclusions, date and signer, and a note for a plan without rows', async () => {
    const input = {
      ...sampleMonitoringReport(),
      rows: [],
      date: null,
      conclusions: '',
      recommendations: ' ',
      roundLabel: '',
      signer: { role: 'principal' as const, name: '' },
    };
    const list = await paragraphs(await renderMonitoringReportDocx(input));
    expect(list).toContain('Định Hiệp, ngày …… tháng …… năm ……');
    expect(list).toContain('(Kế hoạch chưa có nội dung cải tiến nào.)');
    expect(list.filter((p) => p === '……………').length).toBeGreaterThanOrEqual(3);
    expect(list.some((p) => p.startsWith('Tổ giám sát đã rà soát'))).toBe(false);
  });

  it('drops characters XML cannot hold and keeps the rest as typed', async () => {
    const input = sampleMonitoringReport();
    input.rows = [reportRow({ content: 'Nội dung\u0007 có ký tự lạ & <dấu>', result: 'Ổn\u0000' })];
    const docx = await renderMonitoringReportDocx(input);
    const list = await paragraphs(docx);
    expect(list).toContain('Nội dung có ký tự lạ & <dấu>');
    expect(list).toContain('Ổn');
  });
});
