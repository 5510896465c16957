import type {
  CriterionTexts,
  Evidence,
  FrameworkCriterion,
  FrameworkIndicator,
  FrameworkStandard,
  Mark,
  StandardAssessment,
} from '@caitien/core';
import type {
  AssessmentDocumentCriterion,
  AssessmentDocumentInput,
} from './assessment-document.types.ts';

/**
 * What every self-assessment document reads from the input, decided once: the framework walked in
 * order with each criterion's assessment beside it, indicator marks by key, the evidence of a
 * criterion, the wording of levels and marks.
 */

export function isDraft(input: AssessmentDocumentInput): boolean {
  return input.status !== 'approved';
}

/** CV 5942 for mầm non, CV 5932 for phổ thông (NOTES.md §3). */
export function guidanceOf(input: AssessmentDocumentInput): { number: string; text: string } {
  return input.school.level === 'mam_non'
    ? {
        number: '5942/BGDĐT-QLCL',
        text: 'Công văn số 5942/BGDĐT-QLCL ngày 28/12/2018 của Bộ Giáo dục và Đào tạo hướng dẫn tự đánh giá và đánh giá ngoài trường mầm non',
      }
    : {
        number: '5932/BGDĐT-QLCL',
        text: 'Công văn số 5932/BGDĐT-QLCL ngày 28/12/2018 của Bộ Giáo dục và Đào tạo hướng dẫn tự đánh giá và đánh giá ngoài cơ sở giáo dục phổ thông',
      };
}

/** "Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành …". */
export function circularText(input: AssessmentDocumentInput): string[] {
  const words = (issued: string | null): string => {
    const m = issued ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(issued) : null;
    return m ? ` ngày ${Number(m[3])}/${Number(m[2])}/${m[1]}` : '';
  };
  const what = (title: string): string => {
    const t = title.replace(/^Thông tư\s+/i, '');
    return t.charAt(0).toLowerCase() + t.slice(1);
  };
  const circular = input.framework.circular;
  return [
    `Thông tư số ${circular.number}${words(circular.issuedOn)} của Bộ trưởng Bộ Giáo dục và Đào tạo ${what(circular.title)}`,
    ...input.framework.amendments.map(
      (a) =>
        `Thông tư số ${a.number}${words(a.issuedOn)} của Bộ trưởng Bộ Giáo dục và Đào tạo ${what(a.title)}`,
    ),
  ];
}

const EMPTY_TEXTS: CriterionTexts = {
  description: '',
  levelDescriptions: {},
  strengths: '',
  weaknesses: '',
  improvementPlan: '',
};

export interface CriterionView {
  framework: FrameworkCriterion;
  /** The indicators still in force, by level. */
  indicatorsAt: (level: number) => FrameworkIndicator[];
  assessment: AssessmentDocumentCriterion;
  /** True when the input had no assessment for it (printed with blanks). */
  missing: boolean;
}

export interface StandardView {
  framework: FrameworkStandard;
  assessment: StandardAssessment;
  criteria: CriterionView[];
}

/** The framework's standards and criteria in order, each with its assessment (or an empty one). */
export function standardViews(input: AssessmentDocumentInput): StandardView[] {
  const byCode = new Map(input.criteria.map((c) => [c.criterionCode, c]));
  const standards = new Map(input.standards.map((s) => [s.standardCode, s]));
  return input.framework.standards.map((standard) => ({
    framework: standard,
    assessment: standards.get(standard.code) ?? {
      standardCode: standard.code,
      intro: '',
      conclusion: '',
      strengths: '',
      limitations: '',
      causes: '',
      trend: '',
      priorities: '',
    },
    criteria: standard.criteria.map((criterion) => {
      const found = byCode.get(criterion.code);
      const active = criterion.indicators.filter((i) => i.repealed === null);
      return {
        framework: criterion,
        indicatorsAt: (level: number) => active.filter((i) => i.level === level),
        missing: found === undefined,
        assessment: found ?? {
          criterionCode: criterion.code,
          standardCode: standard.code,
          marks: {},
          texts: EMPTY_TEXTS,
          assigneeMemberId: null,
          assigneeGroupId: null,
          carriedFields: [],
          level: null,
          levelReason: 'Chưa đánh giá.',
        },
      };
    }),
  }));
}

/** The key of an indicator's mark: "1.a", or "2" for an unlettered requirement (assessment.types.ts). */
export function markKey(indicator: FrameworkIndicator): string {
  return indicator.key ? `${indicator.level}.${indicator.key}` : String(indicator.level);
}

export function markText(mark: Mark | undefined): string {
  if (mark === true) return 'Đạt';
  if (mark === false) return 'Không đạt';
  return 'Chưa đánh giá';
}

/** "Đạt Mức 2", "Không đạt", "Chưa đủ dữ liệu để xác định". */
export function criterionLevelText(level: number | null): string {
  if (level === null) return 'Chưa đủ dữ liệu để xác định mức';
  if (level <= 0) return 'Không đạt';
  return `Đạt Mức ${level}`;
}

export function schoolLevelText(level: number | null): string {
  if (level === null) return 'chưa xác định được (còn tiêu chí chưa đánh giá)';
  if (level <= 0) return 'chưa đạt Mức 1';
  return `đạt Mức ${level}`;
}

/**
 * The evidence listed under a criterion. 2018: every evidence the criterion cites (a code cited by
 * several criteria is listed under each, with the same code). TT57: each evidence once, under its
 * primary criterion (TT57-NOTES.md §5). Numbered ones of the criterion first, by number.
 */
export function evidenceOf(input: AssessmentDocumentInput, criterionCode: string): Evidence[] {
  const own = (e: Evidence) => e.primaryCriterionCode === criterionCode;
  const listed = input.evidence.filter((e) =>
    input.regime === '2026' ? own(e) : own(e) || e.criterionCodes.includes(criterionCode),
  );
  return listed.sort((a, b) => {
    if (own(a) !== own(b)) return own(a) ? -1 : 1;
    if (own(a)) return a.sequence - b.sequence;
    return a.code.localeCompare(b.code, 'vi', { numeric: true });
  });
}

/** Evidence no criterion of the framework lists (kept in the list, never dropped). */
export function unplacedEvidence(input: AssessmentDocumentInput): Evidence[] {
  const codes = new Set(input.framework.standards.flatMap((s) => s.criteria.map((c) => c.code)));
  return input.evidence.filter(
    (e) => !codes.has(e.primaryCriterionCode) && !e.criterionCodes.some((c) => codes.has(c)),
  );
}

/** TT57: where an evidence is kept — its files, then its link. */
export function storageText(evidence: Evidence): string {
  const lines = evidence.files.map((f) => `Tệp: ${f.fileName}`);
  if (evidence.link.trim() !== '') lines.push(evidence.link.trim());
  return lines.join('\n');
}

/** A council member's name by id. */
export function memberName(input: AssessmentDocumentInput, id: string | null): string {
  if (!id) return '';
  return input.council.members.find((m) => m.id === id)?.name ?? '';
}

/** Who works on a criterion, as printed: the group (with its leader) or the member. */
export function assigneeText(
  input: AssessmentDocumentInput,
  criterion: AssessmentDocumentCriterion,
): string {
  if (criterion.assigneeGroupId) {
    const group = input.council.groups.find((g) => g.id === criterion.assigneeGroupId);
    if (group) {
      const leader = memberName(input, group.memberIds[0] ?? null);
      return leader ? `${group.name} (nhóm trưởng: ${leader})` : group.name;
    }
  }
  return memberName(input, criterion.assigneeMemberId);
}

/** "học sinh" or "trẻ" (mầm non) or "học viên" (GDTX). */
export function learnersWord(input: AssessmentDocumentInput): string {
  if (input.school.level === 'mam_non') return 'trẻ';
  if (input.school.level === 'gdtx') return 'học viên';
  return 'học sinh';
}

export function yearOf(input: AssessmentDocumentInput): string {
  const m = /(\d{4})\s*$/.exec(input.reportDate);
  if (m) return m[1] ?? '';
  const y = /(\d{4})\s*-\s*(\d{4})/.exec(input.schoolYear);
  return y ? (y[2] ?? '') : '';
}

/**
 * Criteria the input assesses that the framework does not have (imported or carried data, a
 * criterion code mistyped): the renderers walk the framework, so these are printed apart, in the
 * order given, and nothing typed is lost.
 */
export function criteriaOutsideFramework(
  input: AssessmentDocumentInput,
): AssessmentDocumentCriterion[] {
  const codes = new Set(input.framework.standards.flatMap((s) => s.criteria.map((c) => c.code)));
  return input.criteria.filter((c) => !codes.has(c.criterionCode));
}
