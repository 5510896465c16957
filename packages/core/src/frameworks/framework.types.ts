/**
 * Domain types of the framework catalogue (bộ tiêu chuẩn đánh giá).
 *
 * 2018 regime: Thông tư 17/18/19/2018/TT-BGDĐT — Tiêu chuẩn → Tiêu chí → chỉ báo (a, b, c…) at
 * Mức 1–3, plus a short list of Mức 4 items (Điều 22). Amended by Thông tư 22/2024/TT-BGDĐT, which we
 * model as a second version of each 2018 framework with the repealed provisions flagged (never deleted:
 * plans written under the original text must still show it).
 * 2026 regime: Thông tư 57/2026/TT-BGDĐT — 4 tiêu chuẩn, 15 tiêu chí, Mức 1–2, 8 mandatory criteria,
 * one requirement paragraph per level (no lettered indicators).
 */

/** School levels (cấp học / loại hình) a framework applies to. */
export const SCHOOL_LEVELS = ['mam_non', 'tieu_hoc', 'thcs', 'thpt', 'nhieu_cap', 'gdtx'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/** Vietnamese labels of the school levels, as schools write them. */
export const SCHOOL_LEVEL_LABELS: Record<SchoolLevel, string> = {
  mam_non: 'Mầm non',
  tieu_hoc: 'Tiểu học',
  thcs: 'Trung học cơ sở',
  thpt: 'Trung học phổ thông',
  nhieu_cap: 'Phổ thông có nhiều cấp học',
  gdtx: 'Giáo dục thường xuyên',
};

/** Stable framework codes (CONTRACTS.md "Ids and regimes"). */
export const FRAMEWORK_CODES = ['TT17', 'TT18', 'TT19', 'TT57-MN', 'TT57-PT', 'TT57-GDTX'] as const;
export type FrameworkCode = (typeof FRAMEWORK_CODES)[number];

/**
 * The two regimes in force side by side: `2018` (TT17/18/19/2018, school years up to 2025-2026) and
 * `2026` (TT57/2026, from 2026-2027). Which one a plan gets: {@link regimeOfSchoolYear},
 * {@link regimeOfFramework} in catalogue.ts.
 */
export const REGIMES = ['2018', '2026'] as const;
export type Regime = (typeof REGIMES)[number];

/** The regime of each framework code: the 2018 circulars and the three appendices of TT57/2026. */
export const FRAMEWORK_REGIMES: Record<FrameworkCode, Regime> = {
  TT17: '2018',
  TT18: '2018',
  TT19: '2018',
  'TT57-MN': '2026',
  'TT57-PT': '2026',
  'TT57-GDTX': '2026',
};

/** A framework version id: `${code}@${version}`, e.g. `TT17@2`. */
export type FrameworkVersionId = string;

/** An alternative wording of a title, with the source that gives it (TT57 discrepancies D1, D2). */
export interface TitleVariant {
  source: string;
  text: string;
}

/** A provision repealed by an amending circular (TT22/2024), mapped to an indicator. */
export interface RepealInfo {
  /** The amending instrument, e.g. "22/2024/TT-BGDĐT". */
  by: string;
  /** The provision as cited, e.g. "điểm a khoản 2 Điều 13". */
  provision: string;
  effect: string;
  /** How sure we are that the provision maps to this indicator. */
  mappingConfidence: string;
  source: string;
}

/** One requirement at one level: a lettered chỉ báo (2018) or the level paragraph (TT57). */
export interface FrameworkIndicator {
  level: number;
  /** Chỉ báo letter (a, b, c…) or null when the level has a single unlettered requirement. */
  key: string | null;
  text: string;
  /** Set in versions where an amendment repealed this requirement; the text is kept. */
  repealed: RepealInfo | null;
}

/** A criterion (tiêu chí). */
export interface FrameworkCriterion {
  /** Code like "1.1". */
  code: string;
  title: string;
  /**
   * Who gives the wording in `title` when sources disagree (e.g. "S1" for TT57 group A); null when
   * the wording is undisputed. Lets a title switch move the previous wording to `titleVariants`
   * with its source.
   */
  titleSource: string | null;
  titleVariants: TitleVariant[];
  /** TT57 mandatory criterion (tiêu chí bắt buộc); always false for 2018 frameworks. */
  mandatory: boolean;
  indicators: FrameworkIndicator[];
  /** Levels the regulation sets no requirement for (2018: e.g. Mức 3 of 1.2). */
  levelsWithoutRequirements: number[];
  /** Where the text comes from (cited source). */
  source: string;
  /** True when the text is supported by a cited source; see verificationNote for its strength. */
  verified: boolean;
  verificationNote: string | null;
  /** Known issues with the text (suspected transcription errors, amendment notes). */
  notes: string[];
  /** TT57 "Dữ liệu định lượng chính". */
  quantitative: string[];
  /** TT57 "Thông tin minh chứng" suggestions. */
  suggestedEvidence: string[];
}

/** A standard (tiêu chuẩn). */
export interface FrameworkStandard {
  code: string;
  title: string;
  /** Who gives the wording in `title` when sources disagree; null when undisputed (see criterion). */
  titleSource: string | null;
  titleVariants: TitleVariant[];
  verificationNote: string | null;
  criteria: FrameworkCriterion[];
}

/** A Mức 4 item (2018 frameworks, Điều 22). */
export interface Level4Item {
  key: string;
  /** E.g. "Khoản 1 Điều 22". */
  ref: string;
  text: string;
  verified: boolean;
  source: string;
}

/** A legal instrument: the circular itself or an amendment. */
export interface LegalInstrument {
  number: string;
  title: string;
  issuedOn: string | null;
  effectiveOn: string | null;
  /** What is and is not verified about this instrument. */
  note: string | null;
}

/** A cited source of the data. */
export interface SourceCitation {
  id: string;
  ref: string;
  note: string | null;
}

/** One version of a framework, complete. */
export interface FrameworkDefinition {
  code: FrameworkCode;
  version: number;
  name: string;
  regime: Regime;
  circular: LegalInstrument;
  /** Amendments applied in this version (empty for the original text). */
  amendments: LegalInstrument[];
  schoolLevels: SchoolLevel[];
  /** The criterion levels of this regime: [1, 2, 3] (2018) or [1, 2] (TT57). */
  levels: number[];
  /** Date (YYYY-MM-DD) from which this version applies. */
  effectiveFrom: string;
  /** Last date this version applies, or null while it is in force. */
  effectiveTo: string | null;
  /** Why this version exists, in Vietnamese ("Văn bản gốc 2018", "Áp dụng sửa đổi TT22/2024"…). */
  changeNote: string;
  standards: FrameworkStandard[];
  level4Items: Level4Item[];
  sources: SourceCitation[];
}

/** The id of a framework version. */
export function frameworkVersionId(code: FrameworkCode, version: number): FrameworkVersionId {
  return `${code}@${version}`;
}
