import {
  CLOSED_PROGRESS_STATUSES,
  DUE_SOON_DAYS,
  PROGRESS_STATUSES,
  PROGRESS_STATUS_LABELS,
  type NotificationKind,
  type ProgressStatus,
  type ReviewRoundKind,
} from './monitoring.types.ts';
import type { RowSchedule } from './row-schedule.ts';
import { daysBetween, weekStartOf } from './school-clock.ts';

/**
 * Reminders (issue 13 "Reminders"): what each person should be told today, computed from the
 * monitored rows, the review rounds and each person's preferences. Pure: the job reads the
 * database and writes the notifications; this decides. Every reminder carries a `dedupeKey`
 * unique per (kind, user, subject, period), so running the job again — the same day, after a
 * restart, on a second server — never makes one twice (the tables hold the keys unique).
 */

/** Days before a review round's date at which its reminder goes out. */
export const REVIEW_ROUND_NOTICE_DAYS = 7;

/** One monitored row (a row of a lineage's latest approved revision) as the reminders see it. */
export interface ReminderRow {
  /** The row's track (its identity across revisions): a revision does not remind again. */
  trackId: string;
  planId: string;
  schoolId: string;
  schoolYear: string;
  /** How a person recognises the row ("Tiêu chí 1.1 – Rà soát …"), built by `reminderRowLabel`. */
  label: string;
  schedule: RowSchedule;
  status: ProgressStatus;
  /** Accounts linked to the row's lead and coordinators (through the school's directory). */
  assigneeUserIds: readonly string[];
}

/** A review round: created (with its planned date) or suggested (not created yet). */
export interface ReminderRound {
  lineageId: string;
  planId: string;
  schoolId: string;
  schoolYear: string;
  kind: ReviewRoundKind;
  /** The created round's id; null for a suggested one. */
  roundId: string | null;
  label: string;
  /** YYYY-MM-DD; the planned date, or the usual one (`usualReviewRoundDate`) while not created. */
  date: string;
  /** Closed rounds are not announced. */
  closed: boolean;
}

/** Who follows a school's plan: they get round reminders and the weekly digest. */
export interface ReminderSchool {
  schoolId: string;
  schoolName: string;
  principalUserIds: readonly string[];
  monitoringUserIds: readonly string[];
}

/** A person's choice for a kind (absent: both on). */
export interface ReminderPreference {
  inApp: boolean;
  email: boolean;
}

/** One reminder to record: a notification (when `inApp`) and an e-mail (when `email`). */
export interface Reminder {
  userId: string;
  schoolId: string;
  kind: NotificationKind;
  dedupeKey: string;
  title: string;
  body: string;
  /** A path of the web app ("/ke-hoach/…"). */
  link: string;
  inApp: boolean;
  email: boolean;
}

export interface ReminderInput {
  /** Today in Việt Nam (YYYY-MM-DD, `schoolDateOf(clock.now())`). */
  today: string;
  rows: readonly ReminderRow[];
  rounds: readonly ReminderRound[];
  schools: readonly ReminderSchool[];
  /** Per user, per kind; missing entries mean "on" for both channels. */
  preferences: ReadonlyMap<string, Partial<Record<NotificationKind, ReminderPreference>>>;
}

/**
 * Whether a school year is still running on `today`: until 31/7 of its second year (the year
 * window of PARSING.md, August Y1 – July Y2), and any later year. Rows of an ended year are not
 * reminded of (closing the year moves them on).
 */
export function isSchoolYearRunning(schoolYear: string, today: string): boolean {
  const second = schoolYear.slice(5, 9);
  if (!/^\d{4}$/u.test(second)) return false;
  return today <= `${second}-07-31`;
}

/** A row's short name for messages: its criterion and the first words of its content. */
export function reminderRowLabel(row: {
  criterionCode: string | null;
  content: string;
  tasks: string;
}): string {
  const text = (row.content.trim() || row.tasks.trim()).replace(/\s+/gu, ' ');
  const short = text.length > 80 ? `${text.slice(0, 79).trimEnd()}…` : text;
  const criterion = row.criterionCode ? `Tiêu chí ${row.criterionCode}` : null;
  if (criterion && short) return `${criterion} – ${short}`;
  return criterion ?? (short || 'Dòng kế hoạch');
}

/** dd/mm/yyyy of a YYYY-MM-DD date. */
export function formatViDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

const planLink = (planId: string) => `/ke-hoach/${encodeURIComponent(planId)}`;
const schoolPlansLink = (schoolId: string) => `/truong/${encodeURIComponent(schoolId)}/ke-hoach`;

/** Computes today's reminders, in a stable order (by user, then key). */
export function computeReminders(input: ReminderInput): Reminder[] {
  const { today } = input;
  const out = new Map<string, Reminder>();
  const add = (r: Omit<Reminder, 'inApp' | 'email'>) => {
    const pref = input.preferences.get(r.userId)?.[r.kind] ?? { inApp: true, email: true };
    if (!pref.inApp && !pref.email) return;
    if (!out.has(r.dedupeKey)) out.set(r.dedupeKey, { ...r, inApp: pref.inApp, email: pref.email });
  };

  const running = (schoolYear: string) => isSchoolYearRunning(schoolYear, today);

  for (const row of input.rows) {
    const { schedule } = row;
    if (!running(row.schoolYear) || schedule.dueDate === null || schedule.daysLeft === null)
      continue;
    if (CLOSED_PROGRESS_STATUSES.includes(row.status)) continue;
    const due = formatViDate(schedule.dueDate);
    for (const userId of new Set(row.assigneeUserIds)) {
      if (schedule.daysLeft >= 0 && schedule.daysLeft <= DUE_SOON_DAYS) {
        const when = schedule.daysLeft === 0 ? 'hôm nay' : `còn ${schedule.daysLeft} ngày`;
        add({
          userId,
          schoolId: row.schoolId,
          kind: 'row_due_soon',
          dedupeKey: `row_due_soon:${userId}:${row.trackId}:${schedule.dueDate}`,
          title: `Sắp đến hạn: ${row.label}`,
          body: `Việc “${row.label}” đến hạn ngày ${due} (${when}). Trạng thái hiện tại: ${PROGRESS_STATUS_LABELS[row.status]}.`,
          link: planLink(row.planId),
        });
      } else if (schedule.daysLeft < 0) {
        add({
          userId,
          schoolId: row.schoolId,
          kind: 'row_overdue',
          dedupeKey: `row_overdue:${userId}:${row.trackId}:${schedule.dueDate}`,
          title: `Quá hạn: ${row.label}`,
          body: `Việc “${row.label}” đã quá hạn (hạn ngày ${due}, trễ ${-schedule.daysLeft} ngày) mà chưa hoàn thành. Trạng thái hiện tại: ${PROGRESS_STATUS_LABELS[row.status]}. Hãy cập nhật tiến độ.`,
          link: planLink(row.planId),
        });
      }
    }
  }

  const schools = new Map(input.schools.map((s) => [s.schoolId, s]));
  const followersOf = (schoolId: string) => {
    const s = schools.get(schoolId);
    return s ? [...new Set([...s.principalUserIds, ...s.monitoringUserIds])] : [];
  };

  for (const round of input.rounds) {
    if (round.closed || !running(round.schoolYear)) continue;
    const daysLeft = daysBetween(today, round.date);
    if (daysLeft < 0 || daysLeft > REVIEW_ROUND_NOTICE_DAYS) continue;
    // Keyed by kind for the two customary rounds, so creating a suggested round does not
    // announce it again; an extra round by its id.
    const subject = round.kind === 'extra' ? (round.roundId ?? 'extra') : round.kind;
    const when = daysLeft === 0 ? 'hôm nay' : `còn ${daysLeft} ngày`;
    const suggested = round.roundId === null;
    for (const userId of followersOf(round.schoolId)) {
      add({
        userId,
        schoolId: round.schoolId,
        kind: 'review_round_coming',
        dedupeKey: `review_round_coming:${userId}:${round.lineageId}:${subject}:${round.date}`,
        title: `Sắp đến đợt rà soát: ${round.label} năm học ${round.schoolYear}`,
        body: suggested
          ? `Đợt rà soát “${round.label}” của kế hoạch cải tiến năm học ${round.schoolYear} nên được thực hiện khoảng ngày ${formatViDate(round.date)} (${when}) nhưng chưa được tạo. Tổ giám sát hãy mở đợt rà soát.`
          : `Đợt rà soát “${round.label}” của kế hoạch cải tiến năm học ${round.schoolYear} dự kiến ngày ${formatViDate(round.date)} (${when}).`,
        link: planLink(round.planId),
      });
    }
  }

  if (weekStartOf(today) === today) {
    const bySchool = new Map<string, ReminderRow[]>();
    for (const row of input.rows) {
      if (!running(row.schoolYear)) continue;
      const list = bySchool.get(row.schoolId) ?? [];
      list.push(row);
      bySchool.set(row.schoolId, list);
    }
    for (const [schoolId, rows] of bySchool) {
      const digest = weeklyDigestText(rows);
      const schoolName = schools.get(schoolId)?.schoolName ?? '';
      for (const userId of followersOf(schoolId)) {
        add({
          userId,
          schoolId,
          kind: 'weekly_digest',
          dedupeKey: `weekly_digest:${userId}:${schoolId}:${today}`,
          title: `Tổng hợp tiến độ tuần ${formatViDate(today)}${schoolName ? ` – ${schoolName}` : ''}`,
          body: digest,
          link: schoolPlansLink(schoolId),
        });
      }
    }
  }

  return [...out.values()].sort((a, b) =>
    a.userId === b.userId ? a.dedupeKey.localeCompare(b.dedupeKey) : a.userId < b.userId ? -1 : 1,
  );
}

/** The weekly digest's text: counts by status, overdue and due soon, then the overdue rows. */
function weeklyDigestText(rows: readonly ReminderRow[]): string {
  const counts = new Map<ProgressStatus, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const overdue = rows
    .filter((r) => r.schedule.overdue)
    .sort((a, b) => (a.schedule.dueDate ?? '').localeCompare(b.schedule.dueDate ?? ''));
  const dueSoon = rows.filter((r) => r.schedule.dueSoon).length;
  const noDate = rows.filter((r) => r.schedule.noDate).length;
  const lines = [
    `Tổng số dòng kế hoạch đang theo dõi: ${rows.length}.`,
    ...PROGRESS_STATUSES.filter((s) => counts.has(s)).map(
      (s) => `- ${PROGRESS_STATUS_LABELS[s]}: ${counts.get(s)}`,
    ),
    `Quá hạn: ${overdue.length}. Sắp đến hạn (trong ${DUE_SOON_DAYS} ngày): ${dueSoon}. Chưa xác định thời gian: ${noDate}.`,
  ];
  if (overdue.length > 0) {
    lines.push('', 'Các việc quá hạn:');
    for (const row of overdue.slice(0, 30)) {
      lines.push(`- ${row.label} (hạn ${formatViDate(row.schedule.dueDate ?? '')})`);
    }
    if (overdue.length > 30) lines.push(`- … và ${overdue.length - 30} việc khác`);
  }
  return lines.join('\n');
}
