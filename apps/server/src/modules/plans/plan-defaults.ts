import type { FrameworkCode, PlanHeader, PlanSection, Regime } from '@caitien/core';

/** The circulars cited in "Căn cứ" for a framework (PRODUCT.md §4; NOTES.md). */
const LEGAL_BASES: Record<FrameworkCode, string> = {
  TT17: 'Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo ban hành Quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường tiểu học; Thông tư số 22/2024/TT-BGDĐT ngày 10/12/2024 sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Thông tư số 17/2018/TT-BGDĐT, Thông tư số 18/2018/TT-BGDĐT và Thông tư số 19/2018/TT-BGDĐT;',
  TT18: 'Thông tư số 18/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo ban hành Quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học; Thông tư số 22/2024/TT-BGDĐT ngày 10/12/2024;',
  TT19: 'Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo ban hành Quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với trường mầm non; Thông tư số 22/2024/TT-BGDĐT ngày 10/12/2024;',
  'TT57-MN':
    'Thông tư số 57/2026/TT-BGDĐT ngày 07/7/2026 của Bộ Giáo dục và Đào tạo quy định về bảo đảm chất lượng giáo dục đối với cơ sở giáo dục mầm non, cơ sở giáo dục phổ thông, cơ sở giáo dục thường xuyên; công nhận đạt chuẩn quốc gia đối với trường mầm non và trường phổ thông;',
  'TT57-PT':
    'Thông tư số 57/2026/TT-BGDĐT ngày 07/7/2026 của Bộ Giáo dục và Đào tạo quy định về bảo đảm chất lượng giáo dục đối với cơ sở giáo dục mầm non, cơ sở giáo dục phổ thông, cơ sở giáo dục thường xuyên; công nhận đạt chuẩn quốc gia đối với trường mầm non và trường phổ thông;',
  'TT57-GDTX':
    'Thông tư số 57/2026/TT-BGDĐT ngày 07/7/2026 của Bộ Giáo dục và Đào tạo quy định về bảo đảm chất lượng giáo dục đối với cơ sở giáo dục mầm non, cơ sở giáo dục phổ thông, cơ sở giáo dục thường xuyên;',
};

/** Default header from the school profile, all editable (NĐ 30/2020 layout). */
export function defaultHeader(input: {
  governingBody: string;
  schoolName: string;
  documentSymbol: string;
  placeName: string;
  schoolYear: string;
  principalName: string;
  recipients: string[];
}): PlanHeader {
  const [y1, y2] = input.schoolYear.split('-');
  return {
    governingBody: input.governingBody.toLocaleUpperCase('vi'),
    schoolName: input.schoolName.toLocaleUpperCase('vi'),
    documentNumber: input.documentSymbol ? `    /KH-${input.documentSymbol}` : '    /KH-',
    placeName: input.placeName,
    documentDate: null,
    title: 'KẾ HOẠCH',
    subtitle: `Cải tiến chất lượng giáo dục năm học ${y1} - ${y2}`,
    signerPrefix: '',
    signerTitle: 'HIỆU TRƯỞNG',
    signerName: input.principalName,
    recipients: [...input.recipients.map((r) => `${r} (để b/c);`), 'Lưu: VT.'],
  };
}

/** Default sections of a 2018-regime plan (seeds 000–004) or a TT57 Biểu 2 (TT57-NOTES.md §4). */
export function defaultSections(input: {
  regime: Regime;
  frameworkCode: FrameworkCode | null;
  schoolYear: string;
  /** The approved self-assessment the plan rests on (see {@link PlanAssessmentBasis}), if any. */
  assessment?: PlanAssessmentBasis | null | undefined;
}): PlanSection[] {
  const basis = input.frameworkCode ? LEGAL_BASES[input.frameworkCode] : '';
  const assessmentLines = input.assessment ? assessmentBasisText(input.assessment) : null;
  if (input.regime === '2018') {
    return [
      {
        key: 'purpose',
        heading: 'I. MỤC ĐÍCH, YÊU CẦU',
        body: 'Duy trì và phát huy những điểm mạnh; khắc phục những điểm yếu đã được chỉ ra trong báo cáo tự đánh giá, nhằm nâng cao chất lượng giáo dục của nhà trường.\nKế hoạch phải cụ thể, khả thi; phân công rõ người, rõ việc, rõ thời gian thực hiện và hoàn thành.',
      },
      {
        key: 'bases',
        heading: 'II. CĂN CỨ XÂY DỰNG KẾ HOẠCH',
        body: `Căn cứ ${basis}\n${assessmentLines ?? 'Căn cứ báo cáo tự đánh giá của nhà trường;'}\nCăn cứ kết quả thực hiện kế hoạch cải tiến chất lượng năm học trước.`,
      },
      { key: 'content', heading: 'III. NỘI DUNG KẾ HOẠCH', body: '' },
      {
        key: 'organisation',
        heading: 'IV. TỔ CHỨC THỰC HIỆN',
        body: '1. Hiệu trưởng: chỉ đạo, tổ chức thực hiện và kiểm tra việc thực hiện kế hoạch.\n2. Hội đồng tự đánh giá: theo dõi, đôn đốc các bộ phận thực hiện các nội dung được phân công.\n3. Tổ giám sát: giám sát tiến độ, báo cáo kết quả định kỳ.\n4. Các tổ chuyên môn, cán bộ, giáo viên, nhân viên: thực hiện các nhiệm vụ được giao.',
      },
    ];
  }
  return [
    { key: 'general', heading: 'I. THÔNG TIN CHUNG', body: '' },
    {
      key: 'bases',
      heading: 'II. CĂN CỨ XÂY DỰNG KẾ HOẠCH',
      body: `Căn cứ ${basis}\n${assessmentLines ?? `Căn cứ báo cáo tự đánh giá năm học ${input.schoolYear};`}\nCăn cứ kết quả rà soát kế hoạch cải tiến chất lượng năm học trước;\nCăn cứ kế hoạch năm học và định hướng phát triển của nhà trường.`,
    },
    {
      key: 'purpose',
      heading: 'III. MỤC ĐÍCH, YÊU CẦU',
      body: '1. Mục đích: cải tiến chất lượng giáo dục trên cơ sở kết quả tự đánh giá.\n2. Yêu cầu: không xây dựng kế hoạch cải tiến đối với toàn bộ tiêu chí mà tập trung vào các vấn đề ưu tiên; nội dung cụ thể, khả thi, có chỉ số đánh giá kết quả.',
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
      body: '1. Người đứng đầu cơ sở giáo dục: chỉ đạo, phân công và kiểm tra việc thực hiện kế hoạch.\n2. Hội đồng tự đánh giá: theo dõi, tổng hợp kết quả thực hiện.\n3. Các tổ chuyên môn và bộ phận liên quan: thực hiện các hoạt động được giao.',
    },
    {
      key: 'reporting',
      heading: 'VIII. CƠ CHẾ ĐÁNH GIÁ VÀ BÁO CÁO',
      body: 'a) Rà soát, đánh giá việc thực hiện kế hoạch tối thiểu 02 lần/năm học;\nb) Kết quả thực hiện là cơ sở cập nhật báo cáo tự đánh giá và xây dựng kế hoạch năm học tiếp theo;\nc) Bảo đảm công khai, minh bạch và trách nhiệm giải trình.',
    },
  ];
}

/**
 * The approved self-assessment a plan rests on (ARCHITECTURE.md "Plans and the self-assessment"):
 * the report approved for the plan's school year, else for the year before.
 */
export interface PlanAssessmentBasis {
  schoolYear: string;
  schoolName: string;
  /** ISO instant of the approval. */
  approvedAt: string | null;
  /** The summary counts in the schools' words (core `computeAssessmentResults(...).summary`). */
  summary: readonly string[];
}

/** An ISO instant as the day it was in Vietnam, "dd/mm/yyyy" (CONTRACTS.md: Vietnamese time). */
function vietnameseDate(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')}`;
}

/** "Trường THCS Pom Lót" as written; a bare name ("THCS Pom Lót") gets "Trường" before it. */
function schoolNoun(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return 'Trường';
  return /^trường(?:\s|$)/iu.test(trimmed) ? trimmed : `Trường ${trimmed}`;
}

/**
 * The plan's lines about its self-assessment, as seed 001 writes them: the Căn cứ line naming the
 * report precisely, then the results paragraph — its heading and the summary counts, one "- " line
 * each, ending with the school's level ("- Tự đánh giá đạt mức 3").
 */
export function assessmentBasisLinesOf(basis: PlanAssessmentBasis): string[] {
  const approved = basis.approvedAt
    ? `, được phê duyệt ngày ${vietnameseDate(basis.approvedAt)}`
    : '';
  return [
    `Căn cứ báo cáo tự đánh giá năm học ${basis.schoolYear} của ${schoolNoun(basis.schoolName)}${approved};`,
    `Kết quả tự đánh giá năm học ${basis.schoolYear}:`,
    ...basis.summary.map((line) => `- ${line}`),
  ];
}

function assessmentBasisText(basis: PlanAssessmentBasis): string {
  return assessmentBasisLinesOf(basis).join('\n');
}

/** A line's numbering or bullet ("1. ", "- ", "a) ", "+ "), kept when the line is replaced. */
const LINE_PREFIX = /^\s*(?:\d+[.)]|[a-zđ][.)]|[-+•*–])?\s*/iu;

/** A Căn cứ line about the self-assessment report ("1. Báo cáo tự đánh giá năm học …"). */
function isAssessmentBasisLine(line: string): boolean {
  const text = line.replace(LINE_PREFIX, '');
  return /^(?:căn cứ\s+(?:vào\s+)?)?(?:kết quả\s+)?báo cáo tự đánh giá(?=\s|[;.,:(]|$)/iu.test(
    text,
  );
}

/** A line of the results paragraph (its heading or one of the summary counts). */
function isResultsLine(line: string): boolean {
  const text = line.replace(LINE_PREFIX, '').trim();
  return (
    /^kết quả tự đánh giá(?: năm học [\d\s\-–]+)?:$/iu.test(text) ||
    /^tổng số tiêu chuẩn được đánh giá/iu.test(text) ||
    /^mức \d\s*:\s*tổng số\s/iu.test(text) ||
    /^trong đó tiêu chí bắt buộc đạt mức \d/iu.test(text) ||
    /^tự đánh giá (?:chưa )?đạt mức \d/iu.test(text)
  );
}

/** The plan's Căn cứ section: key "bases", or a section whose heading says "căn cứ". */
export function basesSectionIndex(sections: readonly PlanSection[]): number {
  const byKey = sections.findIndex((s) => s.key === 'bases');
  return byKey >= 0 ? byKey : sections.findIndex((s) => /căn cứ/iu.test(s.heading));
}

/**
 * The sections with the Căn cứ lines about the self-assessment and the results paragraph replaced by
 * those of `basis`; every other line (those the school wrote itself) is kept in its place. The new
 * lines go where the first replaced line was (keeping its numbering, "1. Căn cứ …"), else after
 * the section's first line (the legal basis). Null when the plan has no Căn cứ section.
 */
export function applyAssessmentBasis(
  sections: readonly PlanSection[],
  basis: PlanAssessmentBasis,
): PlanSection[] | null {
  const index = basesSectionIndex(sections);
  const section = sections[index];
  if (!section) return null;
  const lines = section.body === '' ? [] : section.body.split('\n');
  const fresh = assessmentBasisLinesOf(basis);
  const kept: string[] = [];
  let at = -1;
  let prefix = '';
  for (const line of lines) {
    const basisLine = isAssessmentBasisLine(line);
    if (basisLine || isResultsLine(line)) {
      if (at < 0) {
        at = kept.length;
        if (basisLine) prefix = /^\s*\d+[.)]\s*/u.exec(line)?.[0] ?? '';
      }
      continue;
    }
    kept.push(line);
  }
  if (at < 0) at = Math.min(1, kept.length);
  const [head = '', ...rest] = fresh;
  const inserted = [prefix ? `${prefix}${head}` : head, ...rest];
  const body = [...kept.slice(0, at), ...inserted, ...kept.slice(at)].join('\n');
  return sections.map((s, i) => (i === index ? { ...s, body } : s));
}

/** The two review rounds TT57 Biểu 2 mục VI requires. */
export const DEFAULT_REVIEW_ROUNDS = ['Cuối học kỳ I', 'Cuối năm học'];

/**
 * The header a new plan of this school starts with: the profile's governing body, place name and
 * document symbol, the school's name, the active principal as signer, the supervising units as
 * recipients.
 */
export function headerFromProfile(input: {
  profile: { governingBody: string; documentSymbol: string; placeName: string };
  schoolName: string;
  schoolYear: string;
  people: ReadonlyArray<{ fullName: string; position: string; isActive: boolean }>;
  supervisorNames: string[];
}): PlanHeader {
  const principal = input.people.find(
    (p) => p.isActive && /^hiệu trưởng$/iu.test(p.position.trim()),
  );
  return defaultHeader({
    governingBody: input.profile.governingBody,
    schoolName: input.schoolName,
    documentSymbol: input.profile.documentSymbol,
    placeName: input.profile.placeName,
    schoolYear: input.schoolYear,
    principalName: principal?.fullName ?? '',
    recipients: input.supervisorNames,
  });
}

/** The header fields an imported file may leave empty and the school profile can give. */
export const PROFILE_HEADER_FIELDS = [
  'governingBody',
  'schoolName',
  'documentNumber',
  'placeName',
  'title',
  'subtitle',
  'signerTitle',
  'signerName',
  'recipients',
] as const;
export type ProfileHeaderField = (typeof PROFILE_HEADER_FIELDS)[number];

/** Where an imported header field came from: the file, the school profile, or nowhere (empty). */
export type HeaderSource = 'file' | 'profile' | 'empty';

/**
 * An imported header completed from the school profile: a field the file gives is kept as written;
 * a field it leaves empty takes the profile's value (issue 11: importing left the governing body,
 * place name and document symbol empty although the editor says the header comes from the
 * profile). The date and "TM./KT." prefix are never invented. Says where each field came from.
 */
export function completeHeader(
  fromFile: PlanHeader,
  fromProfile: PlanHeader,
): { header: PlanHeader; sources: Record<ProfileHeaderField, HeaderSource> } {
  const header: PlanHeader = { ...fromFile, recipients: [...fromFile.recipients] };
  const sources = {} as Record<ProfileHeaderField, HeaderSource>;
  for (const field of PROFILE_HEADER_FIELDS) {
    if (field === 'recipients') {
      const given = fromFile.recipients.some((r) => r.trim() !== '');
      if (!given) header.recipients = [...fromProfile.recipients];
      sources.recipients = given ? 'file' : header.recipients.length > 0 ? 'profile' : 'empty';
      continue;
    }
    // A number without its symbol ("    /KH-") says nothing the profile cannot say better.
    const given =
      field === 'documentNumber'
        ? /[^\s/]/u.test(fromFile.documentNumber.replace(/^\s*\/?\s*KH-?\s*$/iu, ''))
        : fromFile[field].trim() !== '';
    if (!given) header[field] = fromProfile[field];
    sources[field] = given ? 'file' : header[field].trim() !== '' ? 'profile' : 'empty';
  }
  return { header, sources };
}
