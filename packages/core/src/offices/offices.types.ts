/**
 * The offices above the schools (issue 14): what a school sends them, the states of their inbox,
 * the comments they exchange, and the public disclosure of an approved plan. Vocabularies only;
 * their Vietnamese names sit beside them (ARCHITECTURE.md "One source per closed list").
 */

/** What a school sends to its supervising units ("gửi … để b/c"): always a sealed snapshot. */
export const SUBMISSION_KINDS = ['plan', 'assessment', 'monitoring_report'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export const SUBMISSION_KIND_LABELS: Record<SubmissionKind, string> = {
  plan: 'Kế hoạch cải tiến chất lượng',
  assessment: 'Báo cáo tự đánh giá',
  monitoring_report: 'Báo cáo kết quả thực hiện kế hoạch cải tiến',
};

/**
 * Where a submission stands for one receiving office: chưa xem → đã xem → đã góp ý → đã tiếp nhận.
 * Opening it marks it read; a comment by the office marks it commented; the office accepts it.
 * A newer submission of the same document supersedes the older one (which keeps its state).
 */
export const RECIPIENT_STATES = ['unread', 'read', 'commented', 'accepted'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

export const RECIPIENT_STATE_LABELS: Record<RecipientState, string> = {
  unread: 'Chưa xem',
  read: 'Đã xem',
  commented: 'Đã góp ý',
  accepted: 'Đã tiếp nhận',
};

/** What a comment is about: a whole document, one plan row, or one assessment criterion. */
export const COMMENT_TARGETS = ['document', 'plan_row', 'criterion'] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

/** Which side wrote a comment: the office (coaching) or the school (its answer). */
export const COMMENT_SIDES = ['office', 'school'] as const;
export type CommentSide = (typeof COMMENT_SIDES)[number];

export const COMMENT_SIDE_LABELS: Record<CommentSide, string> = {
  office: 'Cơ quan quản lý',
  school: 'Nhà trường',
};

/** A thread is open until either side marks it settled ("đã xử lý"); a new reply reopens it. */
export const THREAD_STATUSES = ['open', 'resolved'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export const THREAD_STATUS_LABELS: Record<ThreadStatus, string> = {
  open: 'Đang trao đổi',
  resolved: 'Đã xử lý',
};
