import {
  DEFAULT_ASSESSMENT_SETTINGS,
  type AssessmentCouncil,
  type AssessmentReportTexts,
  type AssessmentWorkPlan,
  type FrameworkDefinition,
} from '@caitien/core';
import type { NewCriterion, NewLevel4, NewStandard } from '@caitien/db';

/** An empty council: the school fills it from its staff directory. */
export const emptyCouncil = (): AssessmentCouncil => ({
  members: [],
  groups: [],
  decisionNumber: '',
  decisionDate: '',
});

export const emptyWorkPlan = (): AssessmentWorkPlan => ({
  number: '',
  date: '',
  purpose: '',
  scope: '',
  tools: '',
  training: '',
  resources: '',
  consultants: '',
  steps: [],
});

export const emptyReport = (): AssessmentReportTexts => ({
  context: '',
  purpose: '',
  process: '',
  conclusion: '',
  recommendations: '',
});

export const defaultSettings = () => ({ ...DEFAULT_ASSESSMENT_SETTINGS });

/** One empty criterion row per framework criterion, one standard row per standard, Mức 4 items. */
export function frameworkRows(
  framework: FrameworkDefinition,
  nextId: () => string,
): { criteria: NewCriterion[]; standards: NewStandard[]; level4: NewLevel4[] } {
  return {
    criteria: framework.standards.flatMap((s) =>
      s.criteria.map((c) => ({
        id: nextId(),
        standardCode: s.code,
        criterionCode: c.code,
        marks: {},
        description: '',
        levelDescriptions: {},
        strengths: '',
        weaknesses: '',
        improvementPlan: '',
        assigneeMemberId: null,
        assigneeGroupId: null,
        carriedFields: [],
      })),
    ),
    standards: framework.standards.map((s) => ({
      id: nextId(),
      standardCode: s.code,
      intro: '',
      conclusion: '',
      strengths: '',
      limitations: '',
      causes: '',
      trend: '',
      priorities: '',
    })),
    level4: framework.level4Items.map((item) => ({
      id: nextId(),
      itemKey: item.key,
      met: null,
      description: '',
      carriedFields: [],
    })),
  };
}
