import type { MonitoringReportInput, MonitoringReportRow } from './monitoring-report.ts';

/** A report row with defaults: the tests override what they look at. */
export function reportRow(over: Partial<MonitoringReportRow> = {}): MonitoringReportRow {
  return {
    ordinal: '1',
    criterionCode: '1.1',
    content: 'Xây dựng kế hoạch chiến lược',
    timeText: 'Tháng 9/2025 – tháng 12/2025',
    leadText: 'Hiệu trưởng',
    coordinatorsText: '',
    status: 'not_started',
    percent: 0,
    result: '',
    adjustment: '',
    reviewer: '',
    overdue: false,
    plannedAmount: null,
    plannedSource: 'unknown',
    spent: {},
    ...over,
  };
}

/** The cuối học kỳ I round of a TT57 plan, with texts as schools type them (line breaks kept). */
export function sampleMonitoringReport(): MonitoringReportInput {
  return {
    regime: 'TT57',
    schoolYear: '2025-2026',
    school: {
      governingBody: 'Phòng Giáo dục và Đào tạo huyện Phù Cát',
      name: 'Trường Tiểu học Định Hiệp',
      shortName: 'THĐH',
      placeName: 'Định Hiệp',
    },
    planReference: 'Kế hoạch số 67/KH-THĐH ngày 29/11/2025',
    roundLabel: 'Cuối học kỳ I',
    documentNumber: '',
    date: '2026-01-15',
    asOf: '2026-01-15',
    conclusions:
      'Nhà trường đã triển khai đúng tiến độ phần lớn nội dung.\nMột số nội dung về cơ sở vật chất còn chậm do chưa có kinh phí.',
    recommendations:
      '- Đề nghị Phòng GD&ĐT hỗ trợ kinh phí sửa chữa phòng học.\n- Điều chỉnh thời gian nội dung 3 sang học kỳ II.',
    draft: false,
    signer: { role: 'principal', name: 'Nguyễn Thị Ánh Tuyết' },
    rows: [
      reportRow({
        ordinal: '1',
        criterionCode: '1.1',
        content:
          'Rà soát, bổ sung kế hoạch chiến lược giai đoạn 2025–2030;\nlấy ý kiến cha mẹ học sinh',
        timeText: 'Tháng 9 – 10/2025',
        leadText: 'Hiệu trưởng',
        coordinatorsText: 'Phó Hiệu trưởng; Tổ trưởng chuyên môn',
        status: 'done',
        percent: 100,
        result: 'Đã ban hành kế hoạch chiến lược [H1-1.1-01].\nĐã niêm yết công khai.',
        reviewer: 'Trần Văn Bình',
        plannedAmount: 2_000_000,
        plannedSource: 'state',
        spent: { state: 1_500_000 },
      }),
      reportRow({
        ordinal: '2',
        criterionCode: '3.2',
        content: 'Sửa chữa 04 phòng học khối 1',
        timeText: 'Tháng 11/2025',
        leadText: 'Phó Hiệu trưởng Lê Văn Cường',
        status: 'delayed',
        percent: 40,
        overdue: true,
        result: 'Mới sửa chữa 02 phòng.',
        adjustment: 'Chuyển thời gian hoàn thành sang tháng 3/2026.',
        reviewer: 'Trần Văn Bình',
        plannedAmount: 120_000_000,
        plannedSource: 'socialized',
        spent: { socialized: 45_000_000 },
      }),
      reportRow({
        ordinal: '3',
        criterionCode: null,
        content: 'Bồi dưỡng ứng dụng công nghệ thông tin cho giáo viên',
        timeText: 'Cả năm học',
        leadText: 'Tổ trưởng tổ 4–5',
        status: 'in_progress',
        percent: 30,
      }),
    ],
  };
}
