/**
 * Carrying out and monitoring the plan (issue 13): the progress of each row, its dated log, the
 * review rounds of the monitoring team, reminders. Progress lives outside the seal (CONTRACTS.md
 * "Plan lifecycle"); it follows a row across revisions through the row's `trackId` and across
 * years through the carried row's origin.
 */

/**
 * The state of a row's work: chưa bắt đầu, đang thực hiện, hoàn thành, chậm tiến độ, không thực
 * hiện được / chuyển năm sau. "Overdue" is not a status: it is computed from the time and the clock.
 */
export const PROGRESS_STATUSES = [
  'not_started',
  'in_progress',
  'done',
  'delayed',
  'cancelled',
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const PROGRESS_STATUS_LABELS: Record<ProgressStatus, string> = {
  not_started: 'Chưa bắt đầu',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  delayed: 'Chậm tiến độ',
  cancelled: 'Không thực hiện được / chuyển năm sau',
};

/** Statuses after which a row is no longer due (never overdue, never reminded). */
export const CLOSED_PROGRESS_STATUSES: readonly ProgressStatus[] = ['done', 'cancelled'];

/**
 * Review rounds. TT57 Biểu 2 mục VI names two at least (cuối học kỳ I, cuối năm học); 2018 plans
 * speak of sơ kết (mid-year) and tổng kết (year end); a school may add an extra round.
 */
export const REVIEW_ROUND_KINDS = ['semester1', 'year_end', 'extra'] as const;
export type ReviewRoundKind = (typeof REVIEW_ROUND_KINDS)[number];

/** The label a round gets by regime ("Cuối học kỳ I" for TT57, "Sơ kết học kỳ I" for 2018). */
export function reviewRoundLabel(kind: ReviewRoundKind, regime: 'TT57' | '2018' | string): string {
  const tt57 = regime === 'TT57';
  switch (kind) {
    case 'semester1':
      return tt57 ? 'Cuối học kỳ I' : 'Sơ kết học kỳ I';
    case 'year_end':
      return tt57 ? 'Cuối năm học' : 'Tổng kết năm học';
    case 'extra':
      return 'Rà soát bổ sung';
  }
}

/** `planned`: scheduled (its date drives the reminder); `open`: being reviewed; `closed`: concluded. */
export const REVIEW_ROUND_STATUSES = ['planned', 'open', 'closed'] as const;
export type ReviewRoundStatus = (typeof REVIEW_ROUND_STATUSES)[number];

/** Kinds of reminder; each person can turn each kind off (in-app and e-mail separately). */
export const NOTIFICATION_KINDS = [
  'row_due_soon',
  'row_overdue',
  'review_round_coming',
  'weekly_digest',
  // Issue 14: the offices and their schools.
  'submission_received',
  'submission_state',
  'comment_posted',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  row_due_soon: 'Việc sắp đến hạn (trước 2 tuần)',
  row_overdue: 'Việc quá hạn',
  review_round_coming: 'Sắp đến đợt rà soát',
  weekly_digest: 'Bản tổng hợp hằng tuần (hiệu trưởng, tổ giám sát)',
  submission_received: 'Trường gửi kế hoạch, báo cáo (cán bộ phòng/sở/xã)',
  submission_state: 'Cơ quan quản lý đã xem, tiếp nhận văn bản của trường',
  comment_posted: 'Góp ý mới và trả lời góp ý',
};

/** Days before the due date at which a row's "due soon" reminder goes out. */
export const DUE_SOON_DAYS = 14;
