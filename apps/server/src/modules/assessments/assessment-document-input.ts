import {
  computeAssessmentResults,
  type AssessmentCouncil,
  type AssessmentReportTexts,
  type AssessmentStatus,
  type AssessmentWorkPlan,
  type CriterionMarks,
  type Evidence,
  type FrameworkDefinition,
  type Regime,
  type SchoolLevel,
  type StandardAssessment,
} from '@caitien/core';
import type { SchoolProfileRecord } from '@caitien/db';
import type { AssessmentDocumentInput, AssessmentDocumentSchool } from '@caitien/documents';
import type { InterchangeEvidence } from '@caitien/shared';
import { toCriterionAssessment } from './assessment-computation.ts';

/**
 * What the self-assessment documents are made from, mapped once for the download routes and the
 * offline `render` command: the assessment's content (the detail the API answers, or the
 * interchange JSON — both carry these fields), its framework version, the school as printed and
 * the evidence list. The levels are computed here by the core (`computeAssessmentResults`), the
 * same computation as the assessment page; nothing is marked.
 */

/** The parts of an assessment the documents print (the API detail and the interchange both have them). */
export interface AssessmentDocumentContent {
  schoolYear: string;
  regime: Regime;
  status: AssessmentStatus;
  council: AssessmentCouncil;
  workPlan: AssessmentWorkPlan;
  report: AssessmentReportTexts;
  standards: StandardAssessment[];
  criteria: {
    criterionCode: string;
    standardCode: string;
    marks: CriterionMarks;
    description: string;
    levelDescriptions: Record<string, string>;
    strengths: string;
    weaknesses: string;
    improvementPlan: string;
    assigneeMemberId: string | null;
    assigneeGroupId: string | null;
    carriedFields?: string[];
  }[];
  level4: { key: string; met: boolean | null; description: string }[];
}

/** "2027-05-14T…" → "14/5/2027" (the date line of the report), "" when not a date. */
export function reportDateOf(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : '';
}

/** The school level a framework is written for, the profile's when it names one of them. */
function schoolLevelOf(framework: FrameworkDefinition, profileLevels: readonly SchoolLevel[]) {
  return (
    profileLevels.find((l) => framework.schoolLevels.includes(l)) ??
    framework.schoolLevels[0] ??
    'tieu_hoc'
  );
}

/**
 * The school as the documents print it, from what CaiTien knows: the unit's name, the profile
 * (governing body, place, symbol, address, phone, e-mail) and the active principal. What the
 * software does not keep (website, loại hình, năm thành lập, quy mô) stays blank for the council.
 */
export function documentSchool(input: {
  name: string;
  framework: FrameworkDefinition;
  profile?: Pick<
    SchoolProfileRecord,
    | 'schoolLevels'
    | 'governingBody'
    | 'placeName'
    | 'documentSymbol'
    | 'address'
    | 'phone'
    | 'email'
  > | null;
  people?: ReadonlyArray<{ fullName: string; position: string; isActive: boolean }>;
}): AssessmentDocumentSchool {
  const profile = input.profile ?? null;
  const principal = (input.people ?? []).find(
    (p) => p.isActive && /^hiệu trưởng$/iu.test(p.position.trim()),
  );
  return {
    name: input.name,
    parentAgency: profile?.governingBody ?? '',
    level: schoolLevelOf(input.framework, profile?.schoolLevels ?? []),
    address: profile?.address ?? '',
    phone: profile?.phone ?? '',
    email: profile?.email ?? '',
    website: '',
    ownership: '',
    founded: '',
    principalName: principal?.fullName ?? '',
    place: profile?.placeName ?? '',
    shortName: profile?.documentSymbol ?? '',
    scale: {
      classes: null,
      learners: null,
      staffTotal: null,
      managers: null,
      teachers: null,
      supportStaff: null,
    },
  };
}

/** An evidence of the interchange JSON (no ids there: the code names it) in the documents' shape. */
export function evidenceFromInterchange(item: InterchangeEvidence): Evidence {
  return {
    id: item.code,
    code: item.code,
    box: item.box,
    primaryCriterionCode: item.primaryCriterionCode,
    sequence: item.sequence,
    name: item.name,
    issued: item.issued,
    issuer: item.issuer,
    note: item.note,
    link: item.link,
    criterionCodes: item.criterionCodes,
    previousCode: item.previousCode,
    carried: false,
    files: item.files.map((f) => ({ id: f.sha256, ...f })),
  };
}

/**
 * The documents' input. The school's level is printed only when every needed mark is given (an
 * unmarked indicator leaves it "chưa xác định"); the reason and the summary counts are the core's.
 */
export function buildAssessmentDocumentInput(input: {
  content: AssessmentDocumentContent;
  framework: FrameworkDefinition;
  school: AssessmentDocumentSchool;
  evidence: Evidence[];
  /** The report's date as printed ("14/5/2027"); empty prints "ngày … tháng … năm …". */
  reportDate: string;
}): AssessmentDocumentInput {
  const { content, framework } = input;
  const level4Met = new Map(content.level4.map((l) => [l.key, l.met]));
  const results = computeAssessmentResults(framework, {
    criteria: content.criteria.map((c) => ({ criterionCode: c.criterionCode, marks: c.marks })),
    level4: framework.level4Items.map((item) => level4Met.get(item.key) ?? null),
  });
  return {
    school: input.school,
    schoolYear: content.schoolYear,
    regime: content.regime,
    framework,
    status: content.status,
    reportDate: input.reportDate,
    council: content.council,
    workPlan: content.workPlan,
    texts: content.report,
    standards: content.standards.map((s) => ({
      standardCode: s.standardCode,
      intro: s.intro,
      conclusion: s.conclusion,
      strengths: s.strengths,
      limitations: s.limitations,
      causes: s.causes,
      trend: s.trend,
      priorities: s.priorities,
    })),
    criteria: content.criteria.map((c) => {
      const computed = results.criteria[c.criterionCode];
      return {
        ...toCriterionAssessment(c),
        level: computed ? computed.level : null,
        levelReason: computed
          ? computed.reason
          : `Tiêu chí ${c.criterionCode} không có trong bộ tiêu chuẩn ${framework.code}.`,
      };
    }),
    level4: framework.level4Items.map((item) => {
      const found = content.level4.find((l) => l.key === item.key);
      return { key: item.key, met: found?.met ?? null, description: found?.description ?? '' };
    }),
    evidence: input.evidence,
    results: {
      schoolLevel: results.unmarkedCount > 0 ? null : results.school.schoolLevel,
      reason: results.school.reason,
      summaryLines: results.summary,
    },
  };
}

/** The documents a self-assessment downloads as, with their Vietnamese file names. */
export const ASSESSMENT_DOCUMENT_TITLES = {
  report: 'Báo cáo tự đánh giá',
  'council-decision': 'Quyết định thành lập Hội đồng tự đánh giá',
  'work-plan': 'Kế hoạch tự đánh giá',
  'evidence-list': 'Danh mục minh chứng',
  summary: 'Tổng hợp kết quả tự đánh giá',
} as const;

export type AssessmentDocumentKind = keyof typeof ASSESSMENT_DOCUMENT_TITLES;

/** "Báo cáo tự đánh giá 2026-2027 - Trường Tiểu học Hòa Bình (dự thảo)" (no extension). */
export function assessmentDocumentBaseName(
  kind: AssessmentDocumentKind,
  input: Pick<AssessmentDocumentInput, 'schoolYear' | 'status' | 'school'>,
): string {
  const draft = input.status === 'approved' ? '' : ' (dự thảo)';
  const school = input.school.name.replace(/[\\/:*?"<>|]+/g, ' ').trim();
  return `${ASSESSMENT_DOCUMENT_TITLES[kind]} ${input.schoolYear} - ${school}${draft}`;
}
