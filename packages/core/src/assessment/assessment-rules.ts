/**
 * Rules of the self-assessment around the levels (pure, no I/O): the council's composition, when a
 * mark may be set, which criteria are weak, the plan rows a weak criterion suggests and the plan's
 * "Căn cứ" line. Everything here warns or proposes; nothing decides for the council.
 *
 * Sources: TT17 Điều 24 (council of ≥ 7; NOTES §2.5); TT57 Điều 9 k1–k3 (council ≥ 5, odd, one
 * Chủ tịch, one Thư ký; TT57-NOTES §3); Biểu 1 Lưu ý 1 (a level's description cites evidence).
 */

import { listCriteria } from '../frameworks/catalogue.ts';
import type { FrameworkDefinition, Regime } from '../frameworks/framework.types.ts';
import type { RowGroup } from '../plans/plan.types.ts';
import { indicatorMarkKey, type AssessmentResults } from './assessment-levels.ts';
import type {
  AssessmentCouncil,
  AssessmentSettings,
  CriterionAssessment,
  CriterionMarks,
  Level4Assessment,
} from './assessment.types.ts';
import { findEvidenceCodes, normalizeEvidenceCode } from './evidence-codes.ts';

/** A warning of the assessment (never an error: people decide). */
export interface AssessmentWarning {
  code: string;
  /** Vietnamese. */
  message: string;
}

/** Minimum council size: TT17/18/19 Điều 24 (7), TT57 Điều 9 k1 (5). */
export const COUNCIL_MIN_MEMBERS: Record<Regime, number> = { '2018': 7, '2026': 5 };

/**
 * Checks the council's composition and gives warnings in Vietnamese: size (TT57 ≥ 5 and odd;
 * 2018 ≥ 7), exactly one Chủ tịch and one Thư ký, working groups naming members the council does
 * not have, members without a name.
 */
export function checkCouncil(regime: Regime, council: AssessmentCouncil): AssessmentWarning[] {
  const warnings: AssessmentWarning[] = [];
  const members = council.members;
  const basis = regime === '2026' ? 'Điều 9 Thông tư 57/2026' : 'Điều 24 quy định năm 2018';
  const min = COUNCIL_MIN_MEMBERS[regime];
  if (members.length < min) {
    warnings.push({
      code: 'council.too_small',
      message: `Hội đồng tự đánh giá có ${members.length} thành viên, cần ít nhất ${min} (${basis}).`,
    });
  }
  if (regime === '2026' && members.length % 2 === 0) {
    warnings.push({
      code: 'council.even',
      message: `Hội đồng tự đánh giá có ${members.length} thành viên; số thành viên phải là số lẻ (${basis}).`,
    });
  }
  for (const [role, label] of [
    ['chu_tich', 'Chủ tịch'],
    ['thu_ky', 'Thư ký'],
  ] as const) {
    const count = members.filter((m) => m.role === role).length;
    if (count !== 1) {
      warnings.push({
        code: `council.${role}_count`,
        message:
          count === 0
            ? `Hội đồng tự đánh giá chưa có ${label} (cần đúng một ${label}).`
            : `Hội đồng tự đánh giá có ${count} ${label}, cần đúng một ${label}.`,
      });
    }
  }
  const unnamed = members.filter((m) => m.name.trim() === '').length;
  if (unnamed > 0) {
    warnings.push({
      code: 'council.unnamed_member',
      message: `${unnamed} thành viên hội đồng chưa có họ tên.`,
    });
  }
  const ids = new Set(members.map((m) => m.id));
  for (const group of council.groups) {
    const unknown = group.memberIds.filter((id) => !ids.has(id)).length;
    if (unknown > 0) {
      warnings.push({
        code: 'council.group_unknown_member',
        message: `Nhóm công tác “${group.name}” có ${unknown} người không phải thành viên hội đồng.`,
      });
    }
    if (group.memberIds.length === 0) {
      warnings.push({
        code: 'council.group_empty',
        message: `Nhóm công tác “${group.name}” chưa có thành viên.`,
      });
    }
  }
  return warnings;
}

/**
 * Why a mark may not be set, in Vietnamese, or null when it may. TT57 only (2018 indicators may be
 * marked in any order): Mức 2 cannot be marked (Đạt or Không đạt) until Mức 1 is Đạt; with
 * `settings.requireEvidenceForMet`, a level cannot be Đạt unless its description cites at least
 * one evidence code of the school's list (`knownCodes`; when omitted any well-formed code counts).
 * Clearing a mark (`value: null`) is always allowed.
 */
export function markRefusal(input: {
  regime: Regime;
  settings: AssessmentSettings;
  /** The TT57 level (1 or 2), or a 2018 indicator key such as "2.a". */
  level: number | string;
  /** The mark being set; Đạt when omitted. */
  value?: boolean | null;
  /**
   * The criterion's other marks, as they stand with this save applied (the server passes the
   * merged marks: the stored ones with the sent ones over them).
   */
  marks: CriterionMarks;
  /** The description of that level (TT57). */
  levelDescription: string;
  knownCodes?: Iterable<string>;
}): string | null {
  if (input.regime !== '2026') return null;
  const value = input.value === undefined ? true : input.value;
  const level = Number(input.level);
  // Mức 2 is judged only on a met Mức 1: Mức 1 cannot leave Đạt while Mức 2 keeps a mark
  // (`marks` holding the criterion's marks with this save applied, Mức 2 included).
  if (level === 1 && value !== true && input.marks['2'] !== undefined) {
    return 'Chưa thể bỏ Đạt ở Mức 1 khi Mức 2 đã được đánh giá: hãy bỏ đánh giá Mức 2 trước (hoặc cùng lúc).';
  }
  if (value === null) return null;
  if (level !== 1 && level !== 2)
    return `Thông tư 57 chỉ có Mức 1 và Mức 2 (không có “${input.level}”).`;
  if (level === 2 && input.marks['1'] !== true) {
    return 'Chưa thể đánh giá Mức 2: Mức 2 chỉ được xét khi Mức 1 đã Đạt.';
  }
  if (value !== true || !input.settings.requireEvidenceForMet) return null;
  const cited = findEvidenceCodes(input.levelDescription).filter((c) => c.regime === '2026');
  if (cited.length === 0) {
    return `Chưa thể đánh giá Đạt Mức ${level}: phần mô tả hiện trạng cần trích dẫn ít nhất một mã minh chứng, ví dụ “(MC.1.1.01)”.`;
  }
  if (input.knownCodes !== undefined) {
    const known = new Set<string>();
    for (const code of input.knownCodes) known.add(normalizeEvidenceCode(code) ?? code);
    if (!cited.some((c) => known.has(c.code))) {
      const codes = [...new Set(cited.map((c) => c.code))].join(', ');
      return `Chưa thể đánh giá Đạt Mức ${level}: mã minh chứng ${codes} chưa có trong danh mục minh chứng.`;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Weak criteria and plan rows
// ---------------------------------------------------------------------------------------------

/** A criterion the assessment shows as needing improvement, and why (Vietnamese). */
export interface WeakCriterion {
  criterionCode: string;
  reason: string;
}

function textOf(
  criterion: CriterionAssessment | undefined,
  field: 'weaknesses' | 'improvementPlan',
): string {
  return criterion?.texts[field].trim() ?? '';
}

/**
 * The weak criteria of an assessment, in the framework's order: a criterion below its highest
 * level (an undecided one counts at the level already certain), or with weaknesses written, or
 * with an improvement-plan text.
 */
export function weakCriteria(
  framework: FrameworkDefinition,
  results: AssessmentResults,
  criteria: readonly CriterionAssessment[],
): WeakCriterion[] {
  const byCode = new Map(criteria.map((c) => [c.criterionCode, c]));
  const weak: WeakCriterion[] = [];
  for (const c of listCriteria(framework)) {
    const result = results.criteria[c.code];
    if (!result) continue;
    const assessment = byCode.get(c.code);
    const reasons: string[] = [];
    const level = result.level ?? result.atLeast;
    if (level < result.maxLevel) {
      reasons.push(
        result.level === null
          ? `chưa xác định được mức (chắc chắn ${level === 0 ? 'chưa có mức nào' : `đạt Mức ${level}`}), mức cao nhất của tiêu chí là Mức ${result.maxLevel}`
          : level === 0
            ? 'không đạt Mức 1'
            : `đạt Mức ${level}, chưa đạt Mức ${level + 1} (mức cao nhất của tiêu chí là Mức ${result.maxLevel})`,
      );
    }
    if (textOf(assessment, 'weaknesses')) reasons.push('có điểm yếu được nêu');
    if (textOf(assessment, 'improvementPlan')) reasons.push('có kế hoạch cải tiến của tiêu chí');
    if (reasons.length > 0) {
      weak.push({ criterionCode: c.code, reason: `Tiêu chí ${c.code}: ${reasons.join('; ')}.` });
    }
  }
  return weak;
}

/** A plan row proposed from the assessment (the user accepts, edits or drops it). */
export interface ProposedPlanRow {
  group: RowGroup;
  standardCode: string | null;
  criterionCode: string | null;
  level4Key: string | null;
  /** Hiện trạng / hạn chế: the weaknesses, else the unmet indicators' texts. */
  currentState: string;
  /** The criterion's improvement-plan text. */
  content: string;
  /** "Đạt Mức n" of the next level. */
  target: string;
  /** Why it is proposed (Vietnamese). */
  reason: string;
}

/**
 * Proposes one plan row per weak criterion that has no row yet (`existing`), in the framework's
 * order, and (2018) one per Mức 4 item marked not met. Rows link to their criterion; their texts
 * come from the council's own words.
 */
export function proposePlanRows(input: {
  framework: FrameworkDefinition;
  regime: Regime;
  criteria: readonly CriterionAssessment[];
  results: AssessmentResults;
  level4: readonly Level4Assessment[];
  existing: readonly { criterionCode: string | null; level4Key: string | null }[];
}): ProposedPlanRow[] {
  const { framework, results } = input;
  const isTt57 = input.regime === '2026';
  const byCode = new Map(input.criteria.map((c) => [c.criterionCode, c]));
  const hasRow = new Set(input.existing.flatMap((e) => (e.criterionCode ? [e.criterionCode] : [])));
  const hasLevel4Row = new Set(input.existing.flatMap((e) => (e.level4Key ? [e.level4Key] : [])));
  const rows: ProposedPlanRow[] = [];
  const weak = new Map(
    weakCriteria(framework, results, input.criteria).map((w) => [w.criterionCode, w]),
  );
  for (const standard of framework.standards) {
    for (const c of standard.criteria) {
      const w = weak.get(c.code);
      if (!w || hasRow.has(c.code)) continue;
      const result = results.criteria[c.code]!;
      const assessment = byCode.get(c.code);
      const level = result.level ?? result.atLeast;
      const next = Math.min(level + 1, result.maxLevel);
      const unmetKeys = new Set([...result.failed, ...result.nextLevelNeeds]);
      const unmetTexts = c.indicators
        .filter((i) => i.repealed === null && unmetKeys.has(indicatorMarkKey(i)))
        .map((i) => `Mức ${i.level}${i.key ? ` ${i.key})` : ':'} ${i.text}`);
      const currentState =
        textOf(assessment, 'weaknesses') ||
        (unmetTexts.length > 0 ? `Chưa đạt: ${unmetTexts.join('\n')}` : '');
      rows.push({
        group: isTt57 ? 'tt57' : 'levels_1_3',
        standardCode: standard.code,
        criterionCode: c.code,
        level4Key: null,
        currentState,
        content: assessment?.texts.improvementPlan ?? '',
        target: level < result.maxLevel ? `Đạt Mức ${next}` : `Giữ vững Mức ${level}`,
        reason: w.reason,
      });
    }
  }
  if (!isTt57) {
    framework.level4Items.forEach((item, index) => {
      const assessed = input.level4.find((l) => l.key === item.key) ?? input.level4[index];
      if (assessed?.met !== false || hasLevel4Row.has(item.key)) return;
      rows.push({
        group: 'level_4',
        standardCode: null,
        criterionCode: null,
        level4Key: item.key,
        currentState: assessed.description.trim() || `Chưa đạt: ${item.text}`,
        content: '',
        target: `Đạt yêu cầu Mức 4 thứ ${item.key} (${item.ref})`,
        reason: `Yêu cầu Mức 4 thứ ${item.key} (${item.ref}) được đánh giá chưa đạt.`,
      });
    });
  }
  return rows;
}

/**
 * The plan's "Căn cứ" lines about the approved self-assessment: the report it rests on, with the
 * school's level, then the summary counts ("- Mức 1: Tổng số 27 tiêu chí, …"), as seed 001 writes
 * them.
 */
export function assessmentBasisLines(input: {
  schoolYear: string;
  results: AssessmentResults;
  /** "của trường" unless a name is given ("của trường THCS Pom Lót"). */
  schoolName?: string;
}): string[] {
  const level = input.results.school.schoolLevel;
  const whose = input.schoolName?.trim() ? `của ${input.schoolName.trim()}` : 'của trường';
  const head = `Căn cứ báo cáo tự đánh giá năm học ${input.schoolYear} ${whose} (${level === 0 ? 'chưa đạt Mức 1' : `đạt Mức ${level}`})`;
  return [head, ...input.results.summary.map((line) => `- ${line}`)];
}
