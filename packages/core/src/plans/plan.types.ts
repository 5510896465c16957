/**
 * The improvement plan (kế hoạch cải tiến chất lượng giáo dục). One row type carries the superset of
 * what the three layouts print (PRODUCT.md §6): 2018 layout A, 2018 layout B (with progress) and
 * TT57 Biểu 2. Every text is kept exactly as typed; parsed values live beside it.
 */

import type { Regime } from '../frameworks/framework.types.ts';

/** Lifecycle (CONTRACTS.md "Plan lifecycle"): draft → submitted (trình) → approved (signed). */
export const PLAN_STATUSES = ['draft', 'submitted', 'approved'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Vietnamese labels of the statuses. */
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Dự thảo',
  submitted: 'Đã trình',
  approved: 'Đã phê duyệt',
};

/** Document layouts. */
export const PLAN_LAYOUTS = ['A', 'B', 'bieu2'] as const;
export type PlanLayout = (typeof PLAN_LAYOUTS)[number];

/**
 * The layout a new plan gets unless the user picks one: 2018 plans the seeds' layout A, TT57 plans
 * Biểu 2 of TT57/2026.
 */
export const DEFAULT_LAYOUTS: Record<Regime, PlanLayout> = { '2018': 'A', '2026': 'bieu2' };

/**
 * Row groups: 2018 plans group rows under "MỨC 1, 2, 3" and "MỨC 4"; TT57 plans have one table
 * (rows may name a criterion or none, for a general issue).
 */
export const ROW_GROUPS = ['levels_1_3', 'level_4', 'tt57'] as const;
export type RowGroup = (typeof ROW_GROUPS)[number];

/** The text fields of a plan row, each kept verbatim. */
export const ROW_TEXT_FIELDS = [
  'currentState',
  'content',
  'target',
  'tasks',
  'indicator',
  'time',
  'lead',
  'coordinators',
  'budget',
  'support',
  'evidence',
  'progress',
  'result',
  'note',
] as const;
export type RowTextField = (typeof ROW_TEXT_FIELDS)[number];

/** Vietnamese names of the row fields (as the layouts print them). */
export const ROW_FIELD_LABELS: Record<RowTextField, string> = {
  currentState: 'Hiện trạng / hạn chế',
  content: 'Nội dung',
  target: 'Kết quả cần đạt / mục tiêu',
  tasks: 'Công việc, giải pháp',
  indicator: 'Chỉ số đánh giá kết quả',
  time: 'Thời gian',
  lead: 'Chủ trì / phụ trách',
  coordinators: 'Phối hợp',
  budget: 'Kinh phí / nguồn lực',
  support: 'Điều kiện hỗ trợ khác',
  evidence: 'Minh chứng dự kiến',
  progress: 'Tiến độ / mức độ thực hiện',
  result: 'Kết quả',
  note: 'Ghi chú',
};

/**
 * Fields outside the approved snapshot: progress, results and notes on them stay editable after
 * approval by the roles that own them (CONTRACTS.md "Plan lifecycle").
 */
export const PROGRESS_FIELDS: readonly RowTextField[] = ['progress', 'result'];

/** Length limits, with a clear message when exceeded (issue 5 "Bad input"). */
export const ROW_FIELD_MAX_LENGTH = 10_000;

/** The header of a plan document (NĐ 30/2020 layout). */
export interface PlanHeader {
  governingBody: string;
  schoolName: string;
  /** "67/KH-THĐP". */
  documentNumber: string;
  placeName: string;
  /** YYYY-MM-DD of the date line, or null while not set. */
  documentDate: string | null;
  title: string;
  subtitle: string;
  signerPrefix: string;
  signerTitle: string;
  signerName: string;
  recipients: string[];
}

/** A header with nothing written in it: what an imported file's header starts from. */
export function emptyPlanHeader(): PlanHeader {
  return {
    governingBody: '',
    schoolName: '',
    documentNumber: '',
    placeName: '',
    documentDate: null,
    title: '',
    subtitle: '',
    signerPrefix: '',
    signerTitle: '',
    signerName: '',
    recipients: [],
  };
}

/** A numbered section of free text (mục đích, căn cứ, tổ chức thực hiện…). */
export interface PlanSection {
  key: string;
  heading: string;
  body: string;
}
