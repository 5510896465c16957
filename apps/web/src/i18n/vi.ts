import type { SchoolLevel } from '@caitien/core';

/**
 * Every string the UI shows, in Vietnamese (the UI is Vietnamese only; code stays English).
 * Glossary (CONVENTIONS.md §11): tiêu chuẩn = standard, tiêu chí = criterion, chỉ báo = indicator,
 * mức = level, minh chứng = evidence.
 */

/** "dd/mm/yyyy" from an ISO date "yyyy-mm-dd…" (read as a calendar date: no time-zone shift). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** Numbers the Vietnamese way (1.000.000). */
const numberFormat = new Intl.NumberFormat('vi-VN');

/** "Thông tư 17/2018/TT-BGDĐT" from "17/2018/TT-BGDĐT" (or from a number that already says "Thông tư"). */
export function circularName(number: string): string {
  return /^thông tư\s/i.test(number) ? number : `Thông tư ${number}`;
}

export const vi = {
  app: {
    name: 'CaiTien',
    tagline: 'Cải tiến chất lượng giáo dục',
    documentTitle: 'CaiTien — Cải tiến chất lượng giáo dục',
    skipToContent: 'Bỏ qua, đến nội dung chính',
    mainNav: 'Điều hướng chính',
    footer:
      'Dữ liệu tiêu chuẩn được đối chiếu với các nguồn công khai; mục “Chưa xác minh” cần kiểm tra với văn bản gốc.',
  },
  errors: {
    network: 'Không kết nối được với máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.',
    badResponse: (status: number) =>
      `Máy chủ trả lời không hợp lệ (mã HTTP ${status}). Vui lòng thử lại sau.`,
    unexpected: 'Đã xảy ra lỗi không mong muốn. Vui lòng tải lại trang.',
    requestId: (id: string) => `Mã yêu cầu: ${id}`,
    retry: 'Thử lại',
  },
  frameworks: {
    pageTitle: 'Tra cứu tiêu chuẩn',
    pageIntro:
      'Xem nội dung các bộ tiêu chuẩn đánh giá: tiêu chuẩn, tiêu chí và yêu cầu của từng mức, kèm nguồn và tình trạng xác minh.',
    regimeHeading: {
      '2026': 'Thông tư 57/2026 (hiện hành)',
      '2018': 'Các thông tư năm 2018',
    } as Record<'2018' | '2026', string>,
    regimeHint: {
      '2026': 'Áp dụng cho kế hoạch từ năm học 2026-2027.',
      '2018': 'Áp dụng cho kế hoạch đến năm học 2025-2026.',
    } as Record<'2018' | '2026', string>,
    /** Short school-level names for the picker's options (the full names come from @caitien/core). */
    schoolLevelShort: {
      mam_non: 'Mầm non',
      tieu_hoc: 'Tiểu học',
      thcs: 'THCS',
      thpt: 'THPT',
      nhieu_cap: 'nhiều cấp học',
      gdtx: 'GDTX',
    } satisfies Record<SchoolLevel, string>,
    chooseLabel: 'Bộ tiêu chuẩn',
    choosePlaceholder: '— Chọn bộ tiêu chuẩn —',
    chooseHint: 'Chọn một bộ tiêu chuẩn để xem chi tiết.',
    loadingList: 'Đang tải danh mục bộ tiêu chuẩn…',
    loadingDetail: 'Đang tải nội dung bộ tiêu chuẩn…',
    listError: 'Không tải được danh mục bộ tiêu chuẩn.',
    detailError: 'Không tải được bộ tiêu chuẩn.',
    emptyCatalogue: 'Chưa có bộ tiêu chuẩn nào trong hệ thống.',
    openFramework: (code: string) => `Xem ${code}`,
    versionLabel: 'Phiên bản',
    version: (n: number) => `Phiên bản ${n}`,
    current: 'mới nhất',
    superseded: 'đã được thay thế',
    supersededBanner: (effectiveTo: string) =>
      `Bạn đang xem phiên bản cũ, chỉ áp dụng đến ngày ${effectiveTo}. Kế hoạch lập theo phiên bản này vẫn giữ nguyên nội dung.`,
    viewCurrent: 'Xem phiên bản mới nhất',
    versionOption: (n: number, isCurrent: boolean) =>
      `Phiên bản ${n} (${isCurrent ? 'mới nhất' : 'đã được thay thế'})`,
    circular: 'Văn bản',
    issuedOn: 'Ban hành',
    effectiveOn: 'Hiệu lực',
    appliesFrom: 'Áp dụng từ',
    appliesUntil: 'đến',
    appliesOpen: 'đến nay',
    amendments: 'Văn bản sửa đổi',
    amendedBy: 'sửa đổi bởi',
    circularDates: (issuedOn: string, effectiveOn: string) =>
      `ban hành ${issuedOn}, hiệu lực ${effectiveOn}`,
    versionPeriod: (from: string, to: string | null) =>
      to ? `Áp dụng từ ${from} đến ${to}` : `Áp dụng từ ${from}`,
    moreDetails: 'Chi tiết văn bản và nguồn dữ liệu',
    schoolLevels: 'Cấp học',
    levels: 'Mức đánh giá',
    /** "Mức 1–3" for consecutive levels, "Mức 1, Mức 3" otherwise. */
    levelList: (levels: readonly number[]) => {
      const first = levels[0];
      const last = levels.at(-1);
      if (first === undefined || last === undefined) return '';
      if (levels.length > 1 && levels.every((level, i) => level === first + i))
        return `Mức ${first}–${last}`;
      return levels.map((level) => `Mức ${level}`).join(', ');
    },
    sources: (count: number) => `Nguồn dữ liệu (${count})`,
    note: 'Ghi chú',
    counts: {
      standards: 'tiêu chuẩn',
      criteria: 'tiêu chí',
      mandatory: 'tiêu chí bắt buộc',
      level4: 'yêu cầu Mức 4',
      unverified: 'tiêu chí chưa xác minh',
    },
    formatCount: (value: number) => numberFormat.format(value),
  },
  search: {
    label: 'Tìm kiếm trong bộ tiêu chuẩn',
    placeholder: 'Tìm tiêu chí, chỉ báo…',
    hint: 'Có thể gõ không dấu, ví dụ “phuong huong”.',
    clear: 'Xoá tìm kiếm',
    resultCount: (criteria: number, level4: number) =>
      level4 > 0
        ? `Tìm thấy ${criteria} tiêu chí và ${level4} yêu cầu Mức 4.`
        : `Tìm thấy ${criteria} tiêu chí.`,
    empty: (query: string) => `Không tìm thấy tiêu chí hay chỉ báo nào khớp với “${query}”.`,
    emptyHint: 'Thử từ khoá ngắn hơn, hoặc kiểm tra chính tả.',
  },
  tree: {
    navLabel: 'Danh sách tiêu chí',
    standard: (code: string, title: string) => `Tiêu chuẩn ${code}: ${title}`,
    criterionLink: (code: string) => `Tiêu chí ${code}`,
    level4Link: (count: number) => `Yêu cầu Mức 4 (${count})`,
    mandatoryShort: 'BB',
  },
  criterion: {
    heading: (code: string, title: string) => `Tiêu chí ${code}: ${title}`,
    placeholderTitle: 'Chọn một tiêu chí',
    placeholder: 'Chọn một tiêu chí trong danh sách để xem yêu cầu theo từng mức.',
    notFound: (code: string) => `Không có tiêu chí ${code} trong bộ tiêu chuẩn này.`,
    backToList: 'Về danh sách tiêu chí',
    inStandard: (code: string, title: string) => `Thuộc tiêu chuẩn ${code}: ${title}`,
    mandatory: 'Bắt buộc',
    mandatoryTitle: 'Tiêu chí bắt buộc theo Thông tư 57/2026/TT-BGDĐT',
    verified: 'Đã đối chiếu nguồn',
    unverified: 'Chưa xác minh',
    level: (level: number) => `Mức ${level}`,
    noRequirements: 'Văn bản không quy định yêu cầu riêng ở mức này.',
    repealed: (by: string, provision: string) =>
      `Bãi bỏ theo ${circularName(by)}${provision ? ` (${provision})` : ''}`,
    repealedPrefix: 'Đã bãi bỏ:',
    /** Shown when the provision → indicator mapping was inferred, not read from the amending text. */
    repealInferred:
      'Việc gắn điều khoản bãi bỏ với chỉ báo này được suy ra từ cách đánh số Điều, chưa đối chiếu với văn bản sửa đổi.',
    titleVariant: (source: string) => `Cách viết khác (nguồn ${source})`,
    titleSource: (source: string) => `Tên tiêu chí theo nguồn ${source}`,
    standardVariant: (source: string, text: string) =>
      `Cách viết khác của tên tiêu chuẩn (nguồn ${source}): ${text}`,
    source: 'Nguồn',
    verification: 'Tình trạng xác minh',
    notes: 'Ghi chú về văn bản',
    quantitative: 'Dữ liệu định lượng chính',
    suggestedEvidence: 'Thông tin minh chứng gợi ý',
  },
  level4: {
    heading: 'Yêu cầu Mức 4',
    intro: 'Trường đạt Mức 4 khi đạt Mức 3 và đáp ứng tất cả các yêu cầu dưới đây.',
    empty: 'Bộ tiêu chuẩn này không có Mức 4.',
  },
} as const;
