import {
  findFrameworkVersion,
  loadFrameworkCatalogue,
  type CriterionMarks,
  type Evidence,
  type FrameworkCode,
  type FrameworkDefinition,
} from '@caitien/core';
import type {
  AssessmentDocumentCriterion,
  AssessmentDocumentInput,
} from '../assessment/assessment-document.types.ts';

/**
 * Test support: whole self-assessments (a TT17 primary school, a TT57 general school) as the
 * documents take them, with texts that carry line breaks and every Vietnamese diacritic, evidence
 * cited by several criteria, a criterion not met, Mức 4 items. Levels are set here by hand (the
 * documents print what they are given; the level computation lives in core).
 */

function framework(code: FrameworkCode): FrameworkDefinition {
  const found = findFrameworkVersion(loadFrameworkCatalogue(), code);
  if (!found) throw new Error(`framework ${code} missing`);
  return found;
}

const COUNCIL = {
  members: [
    {
      id: 'm1',
      personId: null,
      name: 'Nguyễn Thị Hồng Nhung',
      positionTitle: 'Hiệu trưởng',
      role: 'chu_tich' as const,
      duty: 'Chủ tịch Hội đồng',
    },
    {
      id: 'm2',
      personId: null,
      name: 'Trần Văn Đức',
      positionTitle: 'Phó Hiệu trưởng',
      role: 'pho_chu_tich' as const,
      duty: 'Phó Chủ tịch Hội đồng',
    },
    {
      id: 'm3',
      personId: null,
      name: 'Lê Thị Ánh Tuyết',
      positionTitle: 'Tổ trưởng chuyên môn khối 1',
      role: 'thu_ky' as const,
      duty: 'Thư ký Hội đồng',
    },
    {
      id: 'm4',
      personId: null,
      name: 'Phạm Quốc Việt',
      positionTitle: 'Chủ tịch Công đoàn',
      role: 'uy_vien' as const,
      duty: 'Ủy viên',
    },
    {
      id: 'm5',
      personId: null,
      name: 'Đặng Thị Ước',
      positionTitle: 'Giáo viên',
      role: 'uy_vien' as const,
      duty: 'Ủy viên',
    },
  ],
  groups: [
    { id: 'g1', name: 'Nhóm công tác số 1', memberIds: ['m2', 'm4'], duty: 'Tiêu chuẩn 1 và 2' },
    {
      id: 'g2',
      name: 'Nhóm công tác số 2',
      memberIds: ['m3', 'm5'],
      duty: 'Các tiêu chuẩn còn lại',
    },
  ],
  decisionNumber: '01/QĐ-THHB',
  decisionDate: '02/01/2027',
};

const WORK_PLAN = {
  number: '02/KH-HĐTĐG',
  date: '05/01/2027',
  purpose:
    'Nhà trường xác định mức đạt được theo từng tiêu chí.\nTừ đó xây dựng kế hoạch cải tiến chất lượng.',
  scope: 'Toàn bộ các hoạt động của nhà trường theo các tiêu chuẩn đánh giá.',
  tools: 'Bộ tiêu chuẩn đánh giá và các văn bản hướng dẫn.',
  training: 'Tập huấn cho thành viên Hội đồng trong tháng 01/2027.',
  resources: 'Kinh phí chi thường xuyên; hồ sơ lưu trữ của nhà trường.',
  consultants: 'Không thuê chuyên gia tư vấn.',
  steps: [
    {
      id: 's1',
      time: 'Tuần 1 tháng 01/2027',
      activity: 'Họp Hội đồng, phổ biến kế hoạch\nPhân công nhóm công tác',
      done: true,
    },
    {
      id: 's2',
      time: 'Tháng 02–3/2027',
      activity: 'Thu thập, xử lý, phân tích minh chứng',
      done: false,
    },
    {
      id: 's3',
      time: 'Tháng 4/2027',
      activity: 'Viết và hoàn thiện báo cáo tự đánh giá',
      done: false,
    },
  ],
};

function evidence(
  code: string,
  primary: string,
  sequence: number,
  name: string,
  criteria: string[],
  extra: Partial<Evidence> = {},
): Evidence {
  return {
    id: `e-${code}`,
    code,
    box: null,
    primaryCriterionCode: primary,
    sequence,
    name,
    issued: '',
    issuer: '',
    note: '',
    link: '',
    criterionCodes: [primary, ...criteria],
    previousCode: null,
    carried: false,
    files: [],
    ...extra,
  };
}

/** All marks Đạt up to `level` (0 = Mức 1 chỉ báo c not met). */
function marksUpTo(def: FrameworkDefinition, code: string, level: number): CriterionMarks {
  const criterion = def.standards.flatMap((s) => s.criteria).find((c) => c.code === code);
  const marks: CriterionMarks = {};
  for (const i of criterion?.indicators ?? []) {
    if (i.repealed) continue;
    const key = i.key ? `${i.level}.${i.key}` : String(i.level);
    marks[key] = i.level <= level;
  }
  return marks;
}

export function sampleTt17Assessment(
  status: AssessmentDocumentInput['status'] = 'draft',
): AssessmentDocumentInput {
  const def = framework('TT17');
  const criteria: AssessmentDocumentCriterion[] = def.standards.flatMap((s) =>
    s.criteria.map((c) => {
      const level =
        c.code === '1.2'
          ? 0
          : c.levelsWithoutRequirements.includes(3)
            ? 2
            : c.code === '1.1'
              ? 3
              : 2;
      return {
        criterionCode: c.code,
        standardCode: s.code,
        marks:
          c.code === '1.2'
            ? { ...marksUpTo(def, c.code, 1), '1.c': false, '2': false }
            : marksUpTo(def, c.code, level),
        texts: {
          description:
            c.code === '1.1'
              ? 'Mức 1:\na) Nhà trường có phương hướng, chiến lược phát triển giai đoạn 2021–2025 [H1-1.1-01].\nb) Được Phòng GD&ĐT phê duyệt [H1-1.1-02].'
              : `Hiện trạng của tiêu chí ${c.code} được mô tả đầy đủ [H${s.code}-${c.code}-01].`,
          levelDescriptions: {},
          strengths: c.code === '1.1' ? 'Kế hoạch rõ ràng, công khai; đội ngũ đồng thuận.' : '',
          weaknesses: c.code === '1.2' ? 'Hội đồng trường chưa rà soát định kỳ các hoạt động.' : '',
          improvementPlan:
            c.code === '1.2'
              ? 'Năm học 2027–2028, Hiệu trưởng chỉ đạo Hội đồng trường rà soát hoạt động mỗi học kỳ.\nThư ký lưu biên bản.'
              : '',
        },
        assigneeMemberId: null,
        assigneeGroupId: s.code === '1' || s.code === '2' ? 'g1' : 'g2',
        carriedFields: [],
        level,
        levelReason:
          level === 0 ? 'Chỉ báo c của Mức 1 chưa đạt.' : `Đạt đủ các chỉ báo đến Mức ${level}.`,
      };
    }),
  );
  return {
    school: {
      name: 'Trường Tiểu học Hòa Bình',
      parentAgency: 'Phòng Giáo dục và Đào tạo huyện Hòa Bình',
      level: 'tieu_hoc',
      address: 'Thôn Đông, xã Hòa Bình, huyện Hòa Bình',
      phone: '0256 3868 001',
      email: 'thhoabinh@example.edu.vn',
      website: '',
      ownership: 'Công lập',
      founded: '1998',
      principalName: 'Nguyễn Thị Hồng Nhung',
      place: 'Hòa Bình',
      shortName: 'THHB',
      scale: {
        classes: 18,
        learners: 512,
        staffTotal: 34,
        managers: 2,
        teachers: 28,
        supportStaff: 4,
      },
    },
    schoolYear: '2026-2027',
    regime: '2018',
    framework: def,
    criteria,
    status,
    reportDate: '15/5/2027',
    council: COUNCIL,
    workPlan: WORK_PLAN,
    texts: {
      context:
        'Trường được thành lập năm 1998, đóng trên địa bàn xã Hòa Bình.\nNăm học 2026–2027 trường có 18 lớp với 512 học sinh.',
      purpose:
        'Tự đánh giá để xác định mức đạt được theo Thông tư 17/2018/TT-BGDĐT và lập kế hoạch cải tiến.',
      process:
        'Hội đồng được thành lập theo Quyết định số 01/QĐ-THHB; các nhóm công tác thu thập minh chứng từ tháng 01/2027.',
      conclusion:
        'Nhà trường đạt được nhiều kết quả; còn một số hạn chế cần khắc phục ở tiêu chí 1.2.',
      recommendations: '',
    },
    standards: def.standards.map((s) => ({
      standardCode: s.code,
      intro: `Tiêu chuẩn ${s.code} gồm ${s.criteria.length} tiêu chí.`,
      conclusion: s.code === '1' ? 'Tiêu chuẩn 1 có 1 tiêu chí chưa đạt Mức 1 (tiêu chí 1.2).' : '',
      strengths: '',
      limitations: '',
      causes: '',
      trend: '',
      priorities: '',
    })),
    level4: def.level4Items.map((item, i) => ({
      key: item.key,
      met: i === 0 ? true : i === 1 ? false : null,
      description: i === 0 ? 'Kế hoạch giáo dục có tham khảo chương trình tiên tiến.' : '',
    })),
    evidence: [
      evidence(
        '[H1-1.1-01]',
        '1.1',
        1,
        'Kế hoạch chiến lược phát triển nhà trường giai đoạn 2021-2025',
        ['1.2', '2.1'],
        {
          issued: 'Số 15/KH-THHB ngày 10/9/2021',
          issuer: 'Trường Tiểu học Hòa Bình',
        },
      ),
      evidence(
        '[H1-1.1-02]',
        '1.1',
        2,
        'Quyết định phê duyệt kế hoạch chiến lược\n(bản chính)',
        [],
        {
          issued: 'Số 380/QĐ-PGDĐT ngày 29/9/2021',
          issuer: 'Phòng GD&ĐT huyện Hòa Bình',
          note: 'Lưu tủ hồ sơ số 1',
        },
      ),
      evidence('[H1-1.2-01]', '1.2', 1, 'Quyết định thành lập Hội đồng trường', [], {
        issued: 'Số 54/QĐ-PGDĐT ngày 28/10/2025',
        issuer: 'Phòng GD&ĐT huyện Hòa Bình',
      }),
    ],
    results: {
      schoolLevel: 0,
      reason: 'Tiêu chí 1.2 chưa đạt Mức 1.',
      summaryLines: [
        `Mức 1: Tổng số ${criteria.length} tiêu chí, trong đó số tiêu chí đạt ${criteria.length - 1}/${criteria.length}.`,
        'Tự đánh giá: chưa đạt Mức 1.',
      ],
    },
  };
}

export function sampleTt57Assessment(
  status: AssessmentDocumentInput['status'] = 'draft',
): AssessmentDocumentInput {
  const def = framework('TT57-PT');
  const base = sampleTt17Assessment(status);
  const criteria: AssessmentDocumentCriterion[] = def.standards.flatMap((s) =>
    s.criteria.map((c, i) => {
      const level = c.code === '2.1' ? 1 : i === 0 && s.code === '4' ? 0 : 2;
      return {
        criterionCode: c.code,
        standardCode: s.code,
        marks: { '1': level >= 1, ...(level >= 1 ? { '2': level >= 2 } : {}) },
        texts: {
          description: '',
          levelDescriptions: {
            '1':
              c.code === '1.1'
                ? 'Nhà trường có kế hoạch năm học phù hợp (MC.1.1.01, MC.1.1.02).\nKế hoạch được công khai.'
                : `Hiện trạng Mức 1 của tiêu chí ${c.code} (MC.${c.code}.01).`,
            '2': level >= 2 ? `Hiện trạng Mức 2 của tiêu chí ${c.code} (MC.${c.code}.01).` : '',
          },
          strengths: '',
          weaknesses: '',
          improvementPlan: '',
        },
        assigneeMemberId: 'm3',
        assigneeGroupId: null,
        carriedFields: [],
        level,
        levelReason: level === 0 ? 'Mức 1 chưa đạt.' : `Đạt Mức ${level}.`,
      };
    }),
  );
  return {
    ...base,
    school: {
      ...base.school,
      name: 'Trường Trung học cơ sở Hòa Bình',
      level: 'thcs',
      scale: { ...base.school.scale, classes: null },
    },
    schoolYear: '2026-2027',
    regime: '2026',
    framework: def,
    criteria,
    standards: def.standards.map((s) => ({
      standardCode: s.code,
      intro: '',
      conclusion: '',
      strengths: s.code === '1' ? 'Kế hoạch phát triển rõ ràng, được công khai.' : '',
      limitations: s.code === '1' ? 'Việc rà soát kế hoạch chưa thường xuyên.' : '',
      causes: s.code === '1' ? 'Chưa phân công người theo dõi.' : '',
      trend: s.code === '1' ? 'Ổn định trong 03 năm gần đây.' : '',
      priorities: s.code === '1' ? 'Rà soát kế hoạch mỗi học kỳ.' : '',
    })),
    level4: [],
    evidence: [
      evidence('MC.1.1.01', '1.1', 1, 'Kế hoạch giáo dục nhà trường năm học 2026-2027', ['1.2'], {
        link: 'https://truong.example.edu.vn/minh-chung/MC.1.1.01',
        files: [
          {
            id: 'f1',
            fileName: 'ke-hoach-2026.pdf',
            mediaType: 'application/pdf',
            sizeBytes: 120000,
            sha256: 'a'.repeat(64),
          },
        ],
      }),
      evidence('MC.1.1.02', '1.1', 2, 'Biên bản niêm yết công khai kế hoạch', [], {
        note: 'Bản giấy',
      }),
      evidence('MC.1.2.01', '1.2', 1, 'Quy chế tổ chức và hoạt động của nhà trường', []),
    ],
    results: {
      schoolLevel: 0,
      reason: 'Tiêu chí bắt buộc 4.1 chưa đạt Mức 1.',
      summaryLines: ['Mức 1: 14/15 tiêu chí đạt; Mức 2: 13/15 tiêu chí đạt.'],
    },
    texts: {
      ...base.texts,
      recommendations: 'Đề nghị Sở GDĐT hỗ trợ kinh phí sửa chữa phòng học.',
    },
  };
}
