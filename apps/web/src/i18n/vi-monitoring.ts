import {
  FUNDING_SOURCE_LABELS,
  PROGRESS_STATUS_LABELS,
  type FundingSource,
  type ProgressStatus,
} from '@caitien/core';

/**
 * The Vietnamese strings of the plan's follow-up screens (theo dõi thực hiện, tổng quan, rà soát;
 * issue 13), kept apart from vi.ts for size.
 */

/** "tháng 3/2026" from "2026-03". */
export function formatMonth(month: string | null | undefined): string {
  if (!month) return '—';
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return `${Number(match[2])}/${match[1]}`;
}

/** "cuối học kỳ I" from "Cuối học kỳ I" (only the first letter: the roman numeral stays). */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "30.000.000 đ". */
export function formatMoney(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(amount)} đ`;
}

export const viMonitoring = {
  tabs: {
    'ke-hoach': 'Kế hoạch',
    'theo-doi': 'Theo dõi thực hiện',
    'tong-quan': 'Tổng quan',
    'ra-soat': 'Rà soát',
  },
  tabsLabel: 'Các phần của kế hoạch',
  statuses: PROGRESS_STATUS_LABELS as Record<ProgressStatus, string>,
  /** Short labels for chips and chart legends. */
  statusShort: {
    not_started: 'Chưa bắt đầu',
    in_progress: 'Đang thực hiện',
    done: 'Hoàn thành',
    delayed: 'Chậm tiến độ',
    cancelled: 'Không thực hiện được',
  } as Record<ProgressStatus, string>,
  sources: FUNDING_SOURCE_LABELS as Record<FundingSource, string>,

  progress: {
    title: 'Theo dõi thực hiện kế hoạch',
    intro:
      'Tiến độ của từng nội dung theo kế hoạch đã phê duyệt. Bấm vào một dòng để xem nhật ký và cập nhật tiến độ.',
    loadError: 'Không tải được tiến độ thực hiện.',
    notOpen:
      'Kế hoạch chưa được phê duyệt nên chưa thể theo dõi tiến độ. Các nội dung dưới đây là dự kiến.',
    closed: (date: string) =>
      `Năm học đã kết thúc ngày ${date}. Tiến độ chỉ còn để xem; các nội dung chưa xong được chuyển sang kế hoạch năm sau.`,
    today: (date: string) => `Tính đến ngày ${date}`,
    caption: 'Tiến độ thực hiện từng nội dung của kế hoạch',
    columns: {
      ordinal: 'TT',
      content: 'Nội dung',
      time: 'Thời gian',
      lead: 'Phụ trách',
      status: 'Trạng thái',
      percent: '%',
      result: 'Kết quả',
      due: 'Hạn',
      spent: 'Chi tiêu',
    },
    summary: {
      total: 'Tổng số nội dung',
      overdue: 'Quá hạn',
      dueThisMonth: 'Đến hạn tháng này',
      noDate: 'Không có thời hạn',
    },
    filtersLabel: 'Lọc nội dung',
    filters: {
      all: 'Tất cả',
      overdue: 'Quá hạn',
      dueThisMonth: 'Đến hạn tháng này',
      startsThisMonth: 'Bắt đầu tháng này',
      noDate: 'Không có thời hạn',
    },
    statusFilter: 'Trạng thái',
    anyStatus: 'Mọi trạng thái',
    shown: (shown: number, total: number) => `Đang hiện ${shown}/${total} nội dung`,
    noneMatch: 'Không có nội dung nào khớp bộ lọc.',
    empty: 'Kế hoạch chưa có nội dung nào.',
    overdue: 'Quá hạn',
    overdueDays: (days: number) => `Quá hạn ${days} ngày`,
    noDate: 'Không có thời hạn',
    dueOn: (date: string) => `Hạn ${date}`,
    dueIn: (days: number) => (days === 0 ? 'Hạn hôm nay' : `Còn ${days} ngày`),
    dueSoon: 'Sắp đến hạn',
    startsThisMonth: 'Bắt đầu tháng này',
    dueThisMonth: 'Đến hạn tháng này',
    spentOf: (spent: string, planned: string) => `${spent} / ${planned}`,
    notSpent: '—',
    updates: (n: number) => `${n} lần cập nhật`,
    openRow: (ordinal: string) => `Xem và cập nhật tiến độ nội dung ${ordinal}`,
    mine: { lead: 'Tôi phụ trách', coordinator: 'Tôi phối hợp' },
    closeYear: 'Kết thúc năm học',
    closeYearTitle: 'Kết thúc năm học?',
    closeYearIntro: (year: string) =>
      `Kết thúc năm học ${year} sẽ ghi nhận kết quả cuối năm; sau đó không cập nhật tiến độ được nữa.`,
    closeYearCounts: (done: number, total: number) => `Hoàn thành: ${done}/${total} nội dung.`,
    closeYearUnfinished: (n: number) =>
      n === 0
        ? 'Mọi nội dung đã hoàn thành hoặc đã dừng.'
        : `${n} nội dung chưa hoàn thành sẽ được chuyển sang kế hoạch năm sau (qua “Chuyển sang năm sau”), kèm lịch sử tiến độ.`,
    closeYearOverdue: (n: number) => `Trong đó ${n} nội dung đang quá hạn.`,
    closeYearConfirm: 'Kết thúc năm học',
    yearClosed: 'Đã kết thúc năm học.',
  },

  sheet: {
    title: (ordinal: string) => `Cập nhật tiến độ — nội dung ${ordinal}`,
  },

  dashboard: {
    title: 'Tổng quan thực hiện kế hoạch',
    loadError: 'Không tải được tổng quan.',
    print: 'In tổng quan',
    asOf: (date: string, year: string) => `Năm học ${year} — số liệu tính đến ngày ${date}`,
    tiles: {
      total: 'Nội dung',
      done: 'Hoàn thành',
      inProgress: 'Đang thực hiện',
      overdue: 'Quá hạn',
      noDate: 'Không có thời hạn',
    },
    byStandard: 'Nội dung theo trạng thái, theo tiêu chuẩn',
    byStandardEmpty: 'Chưa có nội dung nào.',
    standard: 'Tiêu chuẩn',
    total: 'Tổng',
    overdueTitle: 'Nội dung quá hạn',
    overdueEmpty: 'Không có nội dung nào quá hạn.',
    noDateTitle: 'Nội dung không có thời hạn',
    budget: 'Kinh phí dự kiến và đã chi theo nguồn',
    budgetEmpty: 'Kế hoạch chưa ghi kinh phí và chưa có khoản chi nào.',
    source: 'Nguồn kinh phí',
    planned: 'Dự kiến',
    spent: 'Đã chi',
    ratio: 'Tỉ lệ',
    timeline: 'Tiến trình theo tháng',
    timelineHint:
      'Mỗi thanh là thời gian thực hiện của một nội dung; màu theo trạng thái, phần đậm là phần trăm đã làm.',
    timelineEmpty: 'Không có nội dung nào có thời gian rõ ràng.',
    timelineNoDate: (n: number) => `${n} nội dung không có thời hạn nên không có trên biểu đồ.`,
    from: 'Từ tháng',
    to: 'Đến tháng',
    rounds: 'Tiến độ các đợt rà soát',
    roundsEmpty: 'Chưa có đợt rà soát nào.',
    round: 'Đợt rà soát',
    roundStatus: 'Trạng thái',
    reviewed: 'Đã rà soát',
    showTable: 'Xem bảng số liệu',
    chartOf: (title: string) => `Biểu đồ: ${title}`,
    amountAxis: 'Triệu đồng',
    rowsAxis: 'Số nội dung',
  },

  rounds: {
    title: 'Rà soát thực hiện kế hoạch',
    intro:
      'Tổ giám sát mở đợt rà soát, ghi kết quả và điều chỉnh của từng nội dung, rút ra kết luận, kiến nghị rồi kết thúc đợt.',
    loadError: 'Không tải được các đợt rà soát.',
    roundLoadError: 'Không tải được đợt rà soát.',
    empty: 'Chưa có đợt rà soát nào.',
    suggested: 'Các đợt nên có',
    suggestedHint: 'Theo quy định, kế hoạch được rà soát ít nhất vào các thời điểm sau.',
    plannedOn: (date: string) => `Dự kiến ngày ${date}`,
    openRound: (label: string) => `Mở đợt “${label}”`,
    scheduleRound: 'Lên lịch',
    addExtra: 'Thêm đợt rà soát bổ sung',
    statuses: { planned: 'Đã lên lịch', open: 'Đang rà soát', closed: 'Đã kết thúc' } as Record<
      string,
      string
    >,
    columns: {
      label: 'Đợt rà soát',
      planned: 'Ngày dự kiến',
      status: 'Trạng thái',
      progress: 'Đã rà soát',
      actions: 'Thao tác',
    },
    reviewedOf: (done: number, total: number) => `${done}/${total} nội dung`,
    open: 'Mở',
    back: '← Các đợt rà soát',
    roundTitle: (label: string, year: string) => `Rà soát ${lowerFirst(label)} năm học ${year}`,
    openedOn: (date: string) => `Mở ngày ${date}`,
    closedOn: (date: string) => `Kết thúc ngày ${date}`,
    readOnly: 'Đợt rà soát đã kết thúc nên chỉ còn để xem.',
    rowsTitle: 'Kết quả rà soát từng nội dung',
    rowsCaption: 'Kết quả rà soát từng nội dung trong đợt',
    notReviewed: 'Chưa rà soát',
    reviewedBadge: 'Đã rà soát',
    progressNow: (status: string, percent: number) => `Tiến độ: ${status}, ${percent}%`,
    result: 'Kết quả',
    adjustment: 'Điều chỉnh',
    reviewer: 'Người đánh giá',
    resultHint: 'Đã làm được gì, minh chứng nào.',
    adjustmentHint:
      'Cần điều chỉnh gì (thời gian, nội dung, người phụ trách…); để trống nếu không.',
    saveRow: 'Lưu',
    rowSaved: (ordinal: string) => `Đã lưu kết quả rà soát nội dung ${ordinal}.`,
    conclusionsTitle: 'Kết luận và kiến nghị',
    conclusions: 'Kết luận',
    recommendations: 'Kiến nghị',
    saveConclusions: 'Lưu kết luận',
    conclusionsSaved: 'Đã lưu kết luận và kiến nghị.',
    close: 'Kết thúc đợt rà soát',
    closeTitle: 'Kết thúc đợt rà soát?',
    closeMessage: (done: number, total: number) =>
      `Đã rà soát ${done}/${total} nội dung. Sau khi kết thúc, đợt rà soát chỉ còn để xem (có thể mở lại).`,
    closed: 'Đã kết thúc đợt rà soát.',
    reopen: 'Mở lại đợt rà soát',
    reopened: 'Đã mở lại đợt rà soát.',
    startRound: 'Bắt đầu rà soát',
    started: 'Đã mở đợt rà soát.',
    created: 'Đã tạo đợt rà soát.',
    report: 'Tải báo cáo (DOCX)',
    reportPdf: 'Tải báo cáo (PDF)',
    reportTitle: 'Báo cáo kết quả thực hiện kế hoạch cải tiến',
    revise: 'Mở bản điều chỉnh kế hoạch',
    reviseTitle: 'Mở bản điều chỉnh kế hoạch',
    reviseIntro:
      'Một bản điều chỉnh, bổ sung của kế hoạch sẽ được mở để sửa; lý do ghi lại các điều chỉnh của đợt rà soát.',
    reviseReason: 'Lý do điều chỉnh',
    draftOpen: (revision: string) =>
      `Kế hoạch đang có bản “${revision}” chưa được phê duyệt; hãy ghi các điều chỉnh của đợt rà soát vào bản đó.`,
    openDraft: 'Mở bản điều chỉnh đang soạn',
    reviseNone: 'Đợt rà soát chưa ghi điều chỉnh nào.',
    reasonHead: (label: string, year: string) =>
      `Điều chỉnh theo kết quả rà soát ${lowerFirst(label)} năm học ${year}:`,
    reasonRow: (ordinal: string, text: string) => `- Nội dung ${ordinal}: ${text}`,
    conflictRow:
      'Kết quả rà soát của nội dung này vừa được người khác lưu. Hãy xem bản đang lưu rồi quyết định.',
    extraLabel: 'Tên đợt rà soát',
    extraDate: 'Ngày dự kiến',
    create: 'Tạo đợt',
  },
} as const;
