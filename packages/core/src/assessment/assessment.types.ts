/**
 * The self-assessment (tự đánh giá) of a school for one school year, in both regimes (issue 12).
 *
 * 2018 (TT17/18/19, TT22/2024; CV 5932 phổ thông / 5942 mầm non): each criterion is marked Đạt /
 * Không đạt per indicator (chỉ báo a, b, c…) at Mức 1–3; the council writes the description of the
 * current state (Mô tả hiện trạng), strengths (Điểm mạnh), weaknesses (Điểm yếu) and the criterion's
 * improvement plan (Kế hoạch cải tiến chất lượng); the Mức 4 items (Điều 22) are marked separately.
 * TT57/2026 (Biểu 1): each criterion has Mức 1 and Mức 2, one requirement paragraph each, judged in
 * order (Mức 2 only once Mức 1 is Đạt); a description per level citing evidence codes; strengths,
 * limitations and causes, the three-year trend and the priority issues are written per standard.
 *
 * The software computes levels; people decide marks. Nothing here ever sets a mark.
 * Sources: docs/reference/NOTES.md §2, §3; docs/reference/TT57-NOTES.md §3–§5.
 */

import type { FrameworkCode, Regime } from '../frameworks/framework.types.ts';
import type { LifecycleStatus } from '../lifecycle/lifecycle.ts';

/** Lifecycle of an assessment: drafted by the council, submitted, approved by the chủ tịch. */
export type AssessmentStatus = LifecycleStatus;

/**
 * The key of one indicator's mark: the level, then the chỉ báo letter when the level has lettered
 * indicators — `"1.a"`, `"1.b"`, `"2"` (one unlettered requirement), `"3.c"`. TT57 levels have one
 * paragraph each: `"1"`, `"2"`. See `indicatorMarkKey` in assessment-levels.ts.
 */
export type IndicatorMarkKey = string;

/** A mark: Đạt (true), Không đạt (false). An indicator not yet judged has no entry. */
export type Mark = boolean;

/** The marks of one criterion by indicator key; an absent key is "chưa đánh giá". */
export type CriterionMarks = Record<IndicatorMarkKey, Mark>;

/**
 * A criterion's computed level: 0 = Mức 1 not met (Không đạt), 1–3 the highest level met; `null`
 * while an indicator the level depends on is not marked yet (the computation never guesses).
 */
export type CriterionLevel = number;

/** The council roles of the Hội đồng tự đánh giá. */
export const COUNCIL_ROLES = ['chu_tich', 'pho_chu_tich', 'thu_ky', 'uy_vien'] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];

/** Vietnamese labels of the council roles, as decisions print them. */
export const COUNCIL_ROLE_LABELS: Record<CouncilRole, string> = {
  chu_tich: 'Chủ tịch',
  pho_chu_tich: 'Phó Chủ tịch',
  thu_ky: 'Thư ký',
  uy_vien: 'Ủy viên',
};

/** One member of the council: from the school's staff directory (personId) or typed in. */
export interface CouncilMember {
  id: string;
  /** The staff directory person, when the member was picked from it. */
  personId: string | null;
  name: string;
  /** Chức vụ as printed ("Hiệu trưởng", "Tổ trưởng chuyên môn"…). */
  positionTitle: string;
  role: CouncilRole;
  /** Nhiệm vụ as printed in the decision. */
  duty: string;
}

/** A working group (nhóm công tác) of the council. */
export interface WorkingGroup {
  id: string;
  name: string;
  /** Council member ids; the first is the group leader (nhóm trưởng). */
  memberIds: string[];
  /** What the group does, as printed. */
  duty: string;
}

/** The council and its decision (Quyết định thành lập Hội đồng tự đánh giá). */
export interface AssessmentCouncil {
  members: CouncilMember[];
  groups: WorkingGroup[];
  /** The decision's number and date, as typed ("01/QĐ-THKĐ", "02/01/2026"). */
  decisionNumber: string;
  decisionDate: string;
}

/** One step of the self-assessment timeline (Kế hoạch tự đánh giá mục "Thời gian và nội dung"). */
export interface WorkPlanStep {
  id: string;
  /** Time as typed ("Tuần 1 tháng 9/2026"); parsed with the plans' time parser for checks. */
  time: string;
  activity: string;
  /** Done or not, for the timeline view. */
  done: boolean;
}

/** The self-assessment plan (kế hoạch tự đánh giá): its texts and its timeline. */
export interface AssessmentWorkPlan {
  number: string;
  date: string;
  purpose: string;
  scope: string;
  tools: string;
  training: string;
  resources: string;
  consultants: string;
  steps: WorkPlanStep[];
}

/** School settings of an assessment. */
export interface AssessmentSettings {
  /**
   * TT57: a level cannot be marked Đạt unless its description cites at least one evidence code
   * (Biểu 1 Lưu ý 1). On by default; a school may turn it off.
   */
  requireEvidenceForMet: boolean;
}

export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = { requireEvidenceForMet: true };

/** The report's general texts (CV 5932/5942 Phần II.A and III; TT57 Biểu 1 Phần I and III). */
export interface AssessmentReportTexts {
  /** Tình hình chung / Bối cảnh và đặc điểm. */
  context: string;
  /** Mục đích (and phạm vi) of the self-assessment. */
  purpose: string;
  /** Tóm tắt quá trình và những vấn đề nổi bật / Quá trình thực hiện. */
  process: string;
  /** Kết luận chung. */
  conclusion: string;
  /** Đề xuất, kiến nghị (TT57). */
  recommendations: string;
}

/** The texts a council writes for one criterion. */
export interface CriterionTexts {
  /**
   * Mô tả hiện trạng. 2018: one text for the criterion (CV 5932), statements followed by codes
   * `[H1-1.1-01]`. TT57 uses `levelDescriptions` instead and leaves this empty.
   */
  description: string;
  /** TT57: the description per level ("1", "2"), each citing codes "(MC.1.1.01, MC.1.1.02)". */
  levelDescriptions: Record<string, string>;
  strengths: string;
  weaknesses: string;
  /** 2018: the criterion's improvement-plan paragraph (Kế hoạch cải tiến chất lượng). */
  improvementPlan: string;
}

/** A criterion's assessment. */
export interface CriterionAssessment {
  criterionCode: string;
  standardCode: string;
  marks: CriterionMarks;
  texts: CriterionTexts;
  /** Who works on it: a council member, a working group, or neither. */
  assigneeMemberId: string | null;
  assigneeGroupId: string | null;
  /** Fields carried over from last year's assessment and not changed since (shown as "mang sang"). */
  carriedFields: string[];
}

/** TT57: what the council writes per standard (Đánh giá chung về Tiêu chuẩn n). 2018: Mở đầu, Kết luận. */
export interface StandardAssessment {
  standardCode: string;
  /** 2018 "Mở đầu". */
  intro: string;
  /** 2018 "Kết luận về Tiêu chuẩn n". */
  conclusion: string;
  /** TT57 "Điểm mạnh nổi bật". */
  strengths: string;
  /** TT57 "Điểm hạn chế trọng tâm". */
  limitations: string;
  /** TT57 "nguyên nhân cốt lõi". */
  causes: string;
  /** TT57 "xu hướng 03 năm". */
  trend: string;
  /** TT57 "vấn đề trọng tâm ưu tiên". */
  priorities: string;
}

/** A Mức 4 item's assessment (2018). `met` null = not judged yet. */
export interface Level4Assessment {
  key: string;
  met: boolean | null;
  description: string;
}

/** One evidence (minh chứng). */
export interface Evidence {
  id: string;
  /** `[Hn-a.b-cc]` (2018) or `MC.a.b.cc` (TT57). */
  code: string;
  /** 2018 box number (hộp) n; null under TT57. */
  box: number | null;
  /** The criterion that numbers it ("gốc"): the first that cited it. */
  primaryCriterionCode: string;
  /** cc: its number within the primary criterion. */
  sequence: number;
  name: string;
  /** Số, ngày ban hành hoặc thời điểm khảo sát… as typed. */
  issued: string;
  /** Nơi ban hành hoặc nhóm, cá nhân thực hiện. */
  issuer: string;
  note: string;
  /** An electronic link instead of (or beside) files. */
  link: string;
  /** Every criterion that cites it, the primary first. */
  criterionCodes: string[];
  /** The code it had before a regime change or an import (ma_cu). */
  previousCode: string | null;
  carried: boolean;
  files: EvidenceFile[];
}

/** A file kept for an evidence, stored under DATA_DIR by its SHA-256. */
export interface EvidenceFile {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

/** What the level computation is given for a whole school. */
export interface AssessmentMarksInput {
  framework: FrameworkCode;
  regime: Regime;
  criteria: { criterionCode: string; marks: CriterionMarks }[];
  /** 2018: the Mức 4 items' marks in the framework's order (null = not judged). */
  level4: (boolean | null)[];
}
