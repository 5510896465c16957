/**
 * The lifecycle every sealed record shares (plans now; self-assessments, monitoring reports and office
 * roll-ups next): draft → submitted (trình) → approved (signed), and a revision ("điều chỉnh, bổ sung")
 * that starts a new draft from an approved record (CONTRACTS.md "Plan lifecycle"). Pure: the server's
 * kernel applies a transition inside the transaction that locks the record.
 */

/** The statuses of a record under the lifecycle. */
export const LIFECYCLE_STATUSES = ['draft', 'submitted', 'approved'] as const;
/** One status of {@link LIFECYCLE_STATUSES}. */
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** What can happen to a record: hand it in, sign it, or start a revision of it. */
export const LIFECYCLE_TRANSITIONS = ['submit', 'approve', 'revise'] as const;
/** One transition of {@link LIFECYCLE_TRANSITIONS}. */
export type LifecycleTransition = (typeof LIFECYCLE_TRANSITIONS)[number];

/**
 * The Vietnamese nouns a refusal names ("kế hoạch", "báo cáo tự đánh giá"…), so one state machine
 * speaks of each kind of record in its own words.
 */
export interface LifecycleNouns {
  /** The record, lower case, e.g. "kế hoạch". */
  record: string;
}

/** The nouns of an improvement plan. */
export const PLAN_NOUNS: LifecycleNouns = { record: 'kế hoạch' };

/** The nouns of a self-assessment (issue 12). */
export const ASSESSMENT_NOUNS: LifecycleNouns = { record: 'báo cáo tự đánh giá' };

/** A transition's answer: the status it leads to (for `revise`, the new record's), or a refusal. */
export type TransitionResult =
  { ok: true; to: LifecycleStatus } | { ok: false; reason: 'wrong_status'; message: string };

const FROM: Record<LifecycleTransition, readonly LifecycleStatus[]> = {
  submit: ['draft'],
  // A principal may approve a draft directly, without "trình" (ARCHITECTURE.md "Open decisions").
  approve: ['draft', 'submitted'],
  revise: ['approved'],
};

const TO: Record<LifecycleTransition, LifecycleStatus> = {
  submit: 'submitted',
  approve: 'approved',
  revise: 'draft',
};

/** The refusal of a transition from a status it does not start from. */
function refusal(transition: LifecycleTransition, from: LifecycleStatus, nouns: LifecycleNouns) {
  switch (transition) {
    case 'submit':
      return from === 'approved'
        ? `${capitalise(nouns.record)} đã được phê duyệt, không trình lại được.`
        : `Chỉ trình được ${nouns.record} đang ở trạng thái dự thảo.`;
    case 'approve':
      return approvedMessage(nouns);
    case 'revise':
      return `Chỉ tạo bản điều chỉnh từ ${nouns.record} đã phê duyệt.`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** The refusal of any change to the sealed content of an approved record. */
export function approvedMessage(nouns: LifecycleNouns = PLAN_NOUNS): string {
  return `${capitalise(nouns.record)} đã được phê duyệt: nội dung không sửa được nữa. Hãy tạo bản điều chỉnh, bổ sung.`;
}

/**
 * Whether `transition` may start from `from`, and where it leads. Deciding it from the status read
 * under the record's lock is the caller's part (the server kernel does it in the transaction).
 */
export function decideTransition(
  from: LifecycleStatus,
  transition: LifecycleTransition,
  nouns: LifecycleNouns = PLAN_NOUNS,
): TransitionResult {
  return FROM[transition].includes(from)
    ? { ok: true, to: TO[transition] }
    : { ok: false, reason: 'wrong_status', message: refusal(transition, from, nouns) };
}

/**
 * Whether the sealed content (everything but progress, results and review rounds) may change in this
 * status: only before approval. A change after approval needs a revision.
 */
export function isContentEditable(status: LifecycleStatus): boolean {
  return status !== 'approved';
}
