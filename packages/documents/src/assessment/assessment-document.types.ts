import type {
  AssessmentCouncil,
  AssessmentReportTexts,
  AssessmentStatus,
  AssessmentWorkPlan,
  CriterionAssessment,
  Evidence,
  FrameworkDefinition,
  Level4Assessment,
  Regime,
  SchoolLevel,
  StandardAssessment,
} from '@caitien/core';

/**
 * What the self-assessment documents are made from (issue 12): plain data built from the core
 * types, so the server maps its records to it once and every renderer (report, evidence list,
 * council decision, work plan, summary workbook) reads the same thing. Nothing here computes a
 * level: the server passes the computed levels and reasons in.
 */

/** The school as the documents print it. Empty strings print as a marked blank, never invented. */
export interface AssessmentDocumentSchool {
  /** "Trường Tiểu học Hòa Bình". */
  name: string;
  /** Cơ quan quản lý trực tiếp: "Phòng Giáo dục và Đào tạo huyện Hòa Bình" / "UBND xã …". */
  parentAgency: string;
  /** Cấp học: decides CV 5942 (mầm non) or CV 5932 (phổ thông) under 2018. */
  level: SchoolLevel;
  address: string;
  phone: string;
  email: string;
  website: string;
  /** Loại hình: "Công lập"… */
  ownership: string;
  /** Năm thành lập, as typed. */
  founded: string;
  /** Hiệu trưởng, who signs. */
  principalName: string;
  /** Địa danh of the date line ("Hòa Bình", for "Hòa Bình, ngày … tháng … năm …"). */
  place: string;
  /** Tên viết tắt for document numbers ("THHB"), may be empty. */
  shortName: string;
  /**
   * Quy mô (TT57 Phần I 1e; 2018 Phần I): null = not known to the software, printed as a blank
   * for the council to fill.
   */
  scale: {
    classes: number | null;
    learners: number | null;
    staffTotal: number | null;
    managers: number | null;
    teachers: number | null;
    supportStaff: number | null;
  };
}

/** A criterion's assessment with what the level computation said about it. */
export interface AssessmentDocumentCriterion extends CriterionAssessment {
  /** 0 = Mức 1 not met, 1–3 the highest level met, null = not every needed mark is given yet. */
  level: number | null;
  /** Why (Vietnamese), e.g. "Chỉ báo c của Mức 2 chưa đạt". */
  levelReason: string;
}

export interface AssessmentDocumentResults {
  /** 0 = chưa đạt Mức 1; 1–4; null = not computable yet (marks missing). */
  schoolLevel: number | null;
  /** Why (Vietnamese). */
  reason: string;
  /** The summary counts in the schools' own words ("Mức 1: Tổng số 27 tiêu chí, trong đó số tiêu chí đạt 27/27"). */
  summaryLines: string[];
}

export interface AssessmentDocumentInput {
  school: AssessmentDocumentSchool;
  /** "2026-2027". */
  schoolYear: string;
  regime: Regime;
  framework: FrameworkDefinition;
  /** Every status but `approved` prints the "DỰ THẢO" mark (CONTRACTS.md "Documents"). */
  status: AssessmentStatus;
  /** The report's date as typed ("15/5/2027"); empty prints "ngày … tháng … năm …". */
  reportDate: string;
  council: AssessmentCouncil;
  workPlan: AssessmentWorkPlan;
  texts: AssessmentReportTexts;
  standards: StandardAssessment[];
  criteria: AssessmentDocumentCriterion[];
  /** 2018 only, in the framework's order of `level4Items`. */
  level4: Level4Assessment[];
  evidence: Evidence[];
  results: AssessmentDocumentResults;
}
