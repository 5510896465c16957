import {
  EMPTY_DIRECTORY,
  parseRowCells,
  type PlanLayout,
  type Regime,
  type RowGroup,
  type RowTextField,
} from '@caitien/core';
import type { PlanInterchange } from '@caitien/shared';

/**
 * Test and bench support: plans written here (not from the seeds) — a TT57 Biểu 2 plan with focus
 * issues and review rounds, and plans of any size in any layout.
 */

type Row = PlanInterchange['rows'][number];

export interface SampleRowInput {
  group?: RowGroup;
  criterionCode?: string | null;
  level4Key?: string | null;
  texts: Partial<Record<RowTextField, string>>;
}

export function sampleRow(input: SampleRowInput, schoolYear: string): Row {
  const t = (f: RowTextField): string => input.texts[f] ?? '';
  const group = input.group ?? 'levels_1_3';
  const criterionCode = input.criterionCode ?? null;
  return {
    group,
    standardCode: criterionCode ? (criterionCode.split('.')[0] ?? null) : null,
    criterionCode,
    level4Key: input.level4Key ?? null,
    currentState: t('currentState'),
    content: t('content'),
    target: t('target'),
    tasks: t('tasks'),
    indicator: t('indicator'),
    lead: t('lead'),
    coordinators: t('coordinators'),
    support: t('support'),
    evidence: t('evidence'),
    progress: t('progress'),
    result: t('result'),
    note: t('note'),
    ...parseRowCells(
      { time: t('time'), budget: t('budget'), lead: t('lead'), coordinators: t('coordinators') },
      { schoolYear, directory: EMPTY_DIRECTORY },
    ),
    carryCount: 0,
  };
}

function basePlan(input: {
  schoolYear: string;
  regime: Regime;
  frameworkId: string | null;
  layout: PlanLayout;
  status?: 'draft' | 'submitted' | 'approved';
}): PlanInterchange {
  const [y1, y2] = input.schoolYear.split('-');
  return {
    formatVersion: 1,
    generator: 'CaiTien test samples',
    exportedAt: '2026-11-23T00:00:00.000Z',
    plan: {
      schoolYear: input.schoolYear,
      regime: input.regime,
      frameworkId: input.frameworkId,
      status: input.status ?? 'draft',
      revisionNumber: 0,
      layout: input.layout,
      hiddenColumns: [],
      snapshotHash: null,
    },
    school: {
      name: 'Trường Tiểu học Hòa Bình',
      governingBody: 'UBND xã Hòa Bình',
      placeName: 'Hòa Bình',
      documentSymbol: 'THHB',
    },
    header: {
      governingBody: 'UBND XÃ HÒA BÌNH',
      schoolName: 'TRƯỜNG TIỂU HỌC HÒA BÌNH',
      documentNumber: '15/KH-THHB',
      placeName: 'Hòa Bình',
      documentDate: `${y1}-09-05`,
      title: 'KẾ HOẠCH',
      subtitle: `Cải tiến chất lượng giáo dục năm học ${y1} - ${y2}`,
      signerPrefix: '',
      signerTitle: 'HIỆU TRƯỞNG',
      signerName: 'Nguyễn Thị Thu Hà',
      recipients: ['Sở GDĐT (để b/c);', 'UBND xã Hòa Bình (để b/c);', 'Lưu: VT.'],
    },
    sections: [],
    rows: [],
    focusIssues: [],
    reviews: [],
  };
}

/** A TT57/2026 Biểu 2 plan with its eight sections, two focus issues, rows and two review rounds. */
export function sampleBieu2Plan(): PlanInterchange {
  const schoolYear = '2026-2027';
  const plan = basePlan({ schoolYear, regime: '2026', frameworkId: 'TT57-PT@1', layout: 'bieu2' });
  plan.sections = [
    {
      key: 'general',
      heading: 'I. THÔNG TIN CHUNG',
      body: 'Tên cơ sở giáo dục: Trường Tiểu học Hòa Bình\nLoại hình: công lập\nĐịa chỉ: thôn Đông, xã Hòa Bình',
    },
    {
      key: 'bases',
      heading: 'II. CĂN CỨ XÂY DỰNG KẾ HOẠCH',
      body: 'Căn cứ Thông tư số 57/2026/TT-BGDĐT ngày 07/7/2026 của Bộ Giáo dục và Đào tạo;\nCăn cứ báo cáo tự đánh giá năm học 2025-2026 của nhà trường.',
    },
    {
      key: 'purpose',
      heading: 'III. MỤC ĐÍCH, YÊU CẦU',
      body: '1. Mục đích: cải tiến chất lượng giáo dục trên cơ sở kết quả tự đánh giá.\n2. Yêu cầu: tập trung vào các vấn đề ưu tiên; nội dung cụ thể, khả thi.',
    },
    { key: 'focus', heading: 'IV. TÓM TẮT CÁC VẤN ĐỀ TRỌNG TÂM CẦN CẢI TIẾN', body: '' },
    { key: 'plan', heading: 'V. KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG', body: '' },
    {
      key: 'monitoring',
      heading: 'VI. THEO DÕI VÀ ĐÁNH GIÁ THỰC HIỆN (GIÁM SÁT NỘI BỘ)',
      body: '',
    },
    {
      key: 'organisation',
      heading: 'VII. TỔ CHỨC THỰC HIỆN',
      body: '1. Hiệu trưởng: chỉ đạo, phân công và kiểm tra việc thực hiện kế hoạch.\n2. Hội đồng tự đánh giá: theo dõi, tổng hợp kết quả thực hiện.',
    },
    {
      key: 'reporting',
      heading: 'VIII. CƠ CHẾ ĐÁNH GIÁ VÀ BÁO CÁO',
      body: 'a) Rà soát, đánh giá việc thực hiện kế hoạch tối thiểu 02 lần/năm học;\nb) Kết quả thực hiện là cơ sở cập nhật báo cáo tự đánh giá và kế hoạch năm học tiếp theo;\nc) Bảo đảm công khai, minh bạch.',
    },
  ];
  plan.focusIssues = [
    {
      standardCode: '2',
      criterionCode: '2.3',
      currentState: 'Tỷ lệ giáo viên ứng dụng công nghệ số trong dạy học đạt 60%.',
      limitation: 'Nhiều giáo viên lớn tuổi còn lúng túng khi sử dụng học liệu số.',
      cause: 'Chưa có kế hoạch bồi dưỡng thường xuyên; thiết bị còn thiếu.',
    },
    {
      standardCode: '3',
      criterionCode: null,
      currentState: 'Thư viện chưa đạt chuẩn thư viện số.',
      limitation: 'Thiếu máy tính tra cứu; tài liệu số ít.',
      cause: 'Kinh phí hạn chế.',
    },
  ];
  plan.rows = [
    sampleRow(
      {
        group: 'tt57',
        criterionCode: '2.3',
        texts: {
          content: 'Nâng cao năng lực ứng dụng công nghệ số của giáo viên',
          target: '100% giáo viên sử dụng thành thạo học liệu số',
          tasks: '- Tổ chức 04 buổi tập huấn\n- Dự giờ, góp ý hằng tháng',
          indicator: 'Tỷ lệ giáo viên đạt: 60% → 100%',
          time: 'Từ tháng 9/2026 đến tháng 5/2027',
          lead: 'Phó hiệu trưởng',
          coordinators: 'Tổ trưởng chuyên môn',
          budget: '15 triệu đồng',
          evidence: 'Danh sách tập huấn; biên bản dự giờ',
          progress: 'Đang thực hiện',
        },
      },
      schoolYear,
    ),
    sampleRow(
      {
        group: 'tt57',
        criterionCode: null,
        texts: {
          content: 'Xây dựng thư viện số',
          target: 'Thư viện có 500 đầu sách số',
          tasks: 'Mua bản quyền, số hóa tài liệu',
          indicator: 'Số đầu sách số: 50 → 500',
          time: 'Học kỳ II',
          lead: 'Nhân viên thư viện',
          budget: 'Ngân sách: 20.000.000; XHH: 10.000.000',
          evidence: 'Hóa đơn, danh mục tài liệu số',
          progress: '',
        },
      },
      schoolYear,
    ),
  ];
  plan.reviews = [
    {
      roundLabel: 'Cuối học kỳ I',
      content: 'Tiến độ tập huấn',
      result: 'Đã tổ chức 02/04 buổi',
      adjustment: '',
      reviewer: 'Tổ giám sát',
    },
    { roundLabel: 'Cuối năm học', content: '', result: '', adjustment: '', reviewer: '' },
  ];
  return plan;
}

const ROW_TEXTS: Array<Partial<Record<RowTextField, string>>> = [
  {
    target: 'Hình ảnh phương hướng chiến lược được đăng tải lên website',
    tasks: 'Tăng cường kiểm tra website để nhắc nhở việc đăng tải hình ảnh kịp thời',
    content: 'Xây dựng, cập nhật và triển khai phương hướng, chiến lược phát triển nhà trường.',
    lead: 'Hiệu trưởng, phó hiệu trưởng',
    time: 'Từ tháng 9/2025 đến tháng 5/2026',
    budget: '7.000.000',
    support: 'Thực hiện thường xuyên sau mỗi hoạt động',
    progress: 'Đã thực hiện xong',
    result: 'Phương hướng rõ ràng, phù hợp thực tế.',
    note: '',
  },
  {
    target: 'Nâng cao năng lực hoạt động của Hội đồng thi đua, khen thưởng',
    tasks:
      'Phân công rõ trách nhiệm;\nTổ chức tập huấn, bồi dưỡng nghiệp vụ;\nXây dựng quy trình, tiêu chí thi đua cụ thể',
    content: 'Tổ chức và nâng cao hiệu quả hoạt động của hội đồng trường.',
    lead: 'BGH, tổ chuyên môn, giáo viên',
    time: '10 – 01',
    budget: 'Không',
    support: 'Các văn bản hướng dẫn về công tác thi đua',
    progress: 'Đang thực hiện',
    result: '',
    note: 'Sẽ điều chỉnh vào đầu mỗi năm học.',
  },
  {
    target: 'Bổ sung thiết bị dạy học tối thiểu',
    tasks: 'Tham mưu mua sắm thiết bị; kiểm kê định kỳ',
    content: 'Tăng cường cơ sở vật chất, thiết bị dạy học.',
    lead: 'Hiệu trưởng, Phòng Giáo dục và Đào tạo, Phòng Nội vụ Quận 4',
    time: 'Tháng 10/2025',
    budget: 'Xã hội hóa',
    support: 'Sự hỗ trợ của cha mẹ học sinh',
    progress: '',
    result: '',
    note: '',
  },
];

/**
 * A plan of `rowCount` rows in `layout` (2018 for A and B, TT57 for Biểu 2), rows spread over the
 * standards, the last tenth under Mức 4 for the 2018 layouts. For benchmarks and size tests.
 */
export function syntheticPlan(layout: PlanLayout, rowCount: number): PlanInterchange {
  if (layout === 'bieu2') {
    const plan = sampleBieu2Plan();
    const template = plan.rows;
    plan.rows = Array.from({ length: rowCount }, (_, i) => {
      const base = template[i % template.length] as Row;
      return {
        ...base,
        criterionCode: `${(i % 4) + 1}.${(i % 3) + 1}`,
        standardCode: `${(i % 4) + 1}`,
      };
    });
    return plan;
  }
  const schoolYear = '2025-2026';
  const plan = basePlan({
    schoolYear,
    regime: '2018',
    frameworkId: 'TT17@2',
    layout,
  });
  plan.sections = [
    { key: 'purpose', heading: 'I. MỤC ĐÍCH, YÊU CẦU', body: 'Kế hoạch phải cụ thể, khả thi.' },
    { key: 'bases', heading: 'II. CĂN CỨ XÂY DỰNG KẾ HOẠCH', body: 'Căn cứ báo cáo tự đánh giá;' },
    { key: 'content', heading: 'III. NỘI DUNG KẾ HOẠCH', body: '' },
    { key: 'organisation', heading: 'IV. TỔ CHỨC THỰC HIỆN', body: '1. Hiệu trưởng: chỉ đạo.' },
  ];
  const level4From = rowCount - Math.floor(rowCount / 10);
  const cache = ROW_TEXTS.map((texts) => sampleRow({ texts }, schoolYear));
  plan.rows = Array.from({ length: rowCount }, (_, i) => {
    const base = cache[i % cache.length] as Row;
    if (i >= level4From) {
      return {
        ...base,
        group: 'level_4' as const,
        standardCode: null,
        criterionCode: null,
        level4Key: String(((i - level4From) % 5) + 1),
      };
    }
    const standard = Math.min(5, Math.floor((i * 5) / Math.max(level4From, 1)) + 1);
    return {
      ...base,
      standardCode: String(standard),
      criterionCode: `${standard}.${(i % 5) + 1}`,
    };
  });
  return plan;
}
