/**
 * The HTTP contract of the self-assessment (tự đánh giá, issue 12): lists, the whole assessment with
 * its computed results, per-criterion saves with per-field versions, the council, the work plan,
 * lifecycle, what-if, history per criterion, "propose plan rows" and the interchange JSON. The
 * evidence list has its own schemas (evidence.schemas.ts, the evidence module).
 */
import {
  COUNCIL_ROLES,
  FRAMEWORK_CODES,
  LIFECYCLE_STATUSES,
  REGIMES,
  ROW_GROUPS,
} from '@caitien/core';
import { z } from 'zod';
import { idSchema, requiredText, userText, versionSchema } from './common.schemas.ts';
import { schoolYearSchema } from './plans.schemas.ts';

/** Longest text of one criterion field (a description may run to pages). */
export const ASSESSMENT_TEXT_MAX = 50_000;

/** An indicator mark key: the level, then the chỉ báo letter when it has one ("1.a", "2"). */
const markKeySchema = z
  .string()
  .regex(/^[1-4](\.[a-zđ])?$/, 'Khóa chỉ báo có dạng "1.a" hoặc "2" (mức, rồi chữ cái chỉ báo)');

/** Marks by indicator key: true Đạt, false Không đạt; an absent key is "chưa đánh giá". */
export const criterionMarksSchema = z.record(markKeySchema, z.boolean());

/**
 * A save's marks: only the indicators this save changes, each Đạt (true), Không đạt (false) or
 * `null` to unmark it (chưa đánh giá); an indicator not sent keeps its stored mark. Each indicator
 * is versioned on its own, so two people marking different indicators of one criterion both
 * succeed (CONTRACTS.md "Concurrent edits").
 */
export const criterionMarkChangesSchema = z.record(markKeySchema, z.boolean().nullable());

/** The assessment statuses (the shared lifecycle). */
export const assessmentStatusSchema = z.enum(LIFECYCLE_STATUSES);

export const assessmentParamsSchema = z.object({ assessmentId: idSchema });
export const assessmentCriterionParamsSchema = z.object({
  assessmentId: idSchema,
  criterionCode: z.string().min(1).max(10),
});
export const assessmentStandardParamsSchema = z.object({
  assessmentId: idSchema,
  standardCode: z.string().min(1).max(10),
});
export const assessmentLevel4ParamsSchema = z.object({
  assessmentId: idSchema,
  itemKey: z.string().min(1).max(20),
});

/** A council member: picked from the staff directory (personId) or typed in. */
export const councilMemberSchema = z
  .object({
    id: idSchema,
    personId: idSchema.nullable(),
    name: requiredText(200),
    positionTitle: userText(200),
    role: z.enum(COUNCIL_ROLES),
    duty: userText(2000),
  })
  .meta({ id: 'CouncilMember' });

export const workingGroupSchema = z
  .object({
    id: idSchema,
    name: requiredText(200),
    memberIds: z.array(idSchema).max(100),
    duty: userText(2000),
  })
  .meta({ id: 'WorkingGroup' });

export const councilSchema = z
  .object({
    members: z.array(councilMemberSchema).max(100),
    groups: z.array(workingGroupSchema).max(50),
    decisionNumber: userText(100),
    decisionDate: userText(100),
  })
  .meta({ id: 'AssessmentCouncil' });

/** A composition warning of the council (TT57: ≥ 5 members, odd, one chủ tịch, one thư ký). */
export const councilWarningSchema = z.object({ code: z.string(), message: z.string() });

export const workPlanStepSchema = z.object({
  id: idSchema,
  time: userText(300),
  activity: userText(5000),
  done: z.boolean(),
});

export const workPlanSchema = z
  .object({
    number: userText(100),
    date: userText(100),
    purpose: userText(ASSESSMENT_TEXT_MAX),
    scope: userText(ASSESSMENT_TEXT_MAX),
    tools: userText(ASSESSMENT_TEXT_MAX),
    training: userText(ASSESSMENT_TEXT_MAX),
    resources: userText(ASSESSMENT_TEXT_MAX),
    consultants: userText(ASSESSMENT_TEXT_MAX),
    steps: z.array(workPlanStepSchema).max(200),
  })
  .meta({ id: 'AssessmentWorkPlan' });

export const assessmentSettingsSchema = z
  .object({ requireEvidenceForMet: z.boolean() })
  .meta({ id: 'AssessmentSettings' });

export const REPORT_TEXT_FIELDS = [
  'context',
  'purpose',
  'process',
  'conclusion',
  'recommendations',
] as const;

export const reportTextsSchema = z
  .object({
    context: userText(ASSESSMENT_TEXT_MAX),
    purpose: userText(ASSESSMENT_TEXT_MAX),
    process: userText(ASSESSMENT_TEXT_MAX),
    conclusion: userText(ASSESSMENT_TEXT_MAX),
    recommendations: userText(ASSESSMENT_TEXT_MAX),
  })
  .meta({ id: 'AssessmentReportTexts' });

/** The criterion fields a save may change (each versioned on its own). */
export const CRITERION_FIELDS = [
  'marks',
  'description',
  'levelDescriptions',
  'strengths',
  'weaknesses',
  'improvementPlan',
  'assignee',
] as const;
export type CriterionField = (typeof CRITERION_FIELDS)[number];

/** A criterion's assessment as read. */
export const assessmentCriterionSchema = z
  .object({
    criterionCode: z.string(),
    standardCode: z.string(),
    marks: criterionMarksSchema,
    description: z.string(),
    levelDescriptions: z.record(z.string(), z.string()),
    strengths: z.string(),
    weaknesses: z.string(),
    improvementPlan: z.string(),
    assigneeMemberId: z.string().nullable(),
    assigneeGroupId: z.string().nullable(),
    /** Fields carried from last year and not edited since ("mang sang"). */
    carriedFields: z.array(z.string()),
    /** Evidence codes cited in its texts that the evidence list does not know (warnings). */
    unknownEvidenceCodes: z.array(z.string()),
    version: versionSchema,
  })
  .meta({ id: 'AssessmentCriterion' });

export type AssessmentCriterionDto = z.infer<typeof assessmentCriterionSchema>;

export const STANDARD_TEXT_FIELDS = [
  'intro',
  'conclusion',
  'strengths',
  'limitations',
  'causes',
  'trend',
  'priorities',
] as const;

export const assessmentStandardSchema = z
  .object({
    standardCode: z.string(),
    intro: z.string(),
    conclusion: z.string(),
    strengths: z.string(),
    limitations: z.string(),
    causes: z.string(),
    trend: z.string(),
    priorities: z.string(),
    version: versionSchema,
  })
  .meta({ id: 'AssessmentStandard' });

export const assessmentLevel4Schema = z
  .object({
    key: z.string(),
    met: z.boolean().nullable(),
    description: z.string(),
    carriedFields: z.array(z.string()),
    version: versionSchema,
  })
  .meta({ id: 'AssessmentLevel4' });

/** One criterion's computed level (the software computes; people decide the marks). */
export const criterionResultSchema = z
  .object({
    criterionCode: z.string(),
    /** 0 = Mức 1 not met, 1–3 the highest met, null while a mark it depends on is missing. */
    level: z.number().int().nullable(),
    /** The level already certain whatever the unmarked indicators turn out to be. */
    atLeast: z.number().int(),
    maxLevel: z.number().int(),
    reason: z.string(),
    /** Indicator keys marked Không đạt that hold the level back. */
    failed: z.array(z.string()),
    /** Indicator keys not marked yet that the level depends on. */
    unmarked: z.array(z.string()),
    /** Indicator keys still to be met for the next level. */
    nextLevelNeeds: z.array(z.string()),
    /** Marks that do not count (unknown keys, repealed, TT57 Mức 2 before Mức 1). */
    ignored: z.array(z.string()),
  })
  .meta({ id: 'CriterionResult' });

/** What holds the school's next level back. */
export const schoolLevelBlockerSchema = z.object({
  criterionCode: z.string().nullable(),
  level4Key: z.string().nullable(),
  level: z.number().int().nullable(),
  needed: z.number().int(),
  message: z.string(),
});

/** The school's computed level, its reason and what holds it back from the next level. */
export const schoolResultSchema = z
  .object({
    /** 0 = Mức 1 not reached; 2018 up to 4, TT57 up to 2. */
    schoolLevel: z.number().int(),
    reason: z.string(),
    blockers: z.array(schoolLevelBlockerSchema),
    nextLevel: z.number().int().nullable(),
  })
  .meta({ id: 'SchoolResult' });

export const assessmentResultsSchema = z
  .object({
    criteria: z.record(z.string(), criterionResultSchema),
    school: schoolResultSchema,
    /** The summary counts in the schools' own words ("Mức 1: Tổng số 27 tiêu chí, …"). */
    summary: z.array(z.string()),
    /** Criteria undecided (an indicator unmarked) or not assessed at all. */
    unmarkedCount: z.number().int(),
  })
  .meta({ id: 'AssessmentResults' });

/** The evidence list's figures the assessment page shows (the evidence module fills it). */
export const assessmentEvidenceSummarySchema = z
  .object({
    total: z.number().int(),
    withFiles: z.number().int(),
    /** Evidence count by criterion code (citations). */
    byCriterion: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'AssessmentEvidenceSummary' });

/** An assessment in lists. */
export const assessmentSummarySchema = z
  .object({
    id: idSchema,
    lineageId: idSchema,
    revisionNumber: z.number().int(),
    schoolId: idSchema,
    schoolYear: z.string(),
    regime: z.enum(REGIMES),
    frameworkId: z.string(),
    frameworkCode: z.enum(FRAMEWORK_CODES),
    status: assessmentStatusSchema,
    approvedAt: z.string().nullable(),
    updatedAt: z.string(),
    version: versionSchema,
  })
  .meta({ id: 'AssessmentSummary' });

export const assessmentListSchema = z
  .object({ items: z.array(assessmentSummarySchema) })
  .meta({ id: 'AssessmentList' });

export const assessmentListQuerySchema = z.object({ schoolYear: schoolYearSchema.optional() });

/** TT57: the assessment must be approved before 15/6 of the school year's second year. */
export const assessmentDeadlineSchema = z
  .object({
    /** ISO date of the deadline (the last day to approve is the day before). */
    date: z.string(),
    /** "phê duyệt trước 15/6/2027". */
    label: z.string(),
    /** Days from today to the deadline; negative once past. */
    daysLeft: z.number().int(),
    met: z.boolean(),
  })
  .meta({ id: 'AssessmentDeadline' });

/**
 * The whole assessment. Assessment-level parts (council, work plan, settings, report texts) are
 * versioned by field: a save sends `version` (the assessment's version it started from) and is
 * refused only when that part changed since.
 */
export const assessmentDetailSchema = assessmentSummarySchema
  .extend({
    frameworkReason: z.string(),
    council: councilSchema,
    councilWarnings: z.array(councilWarningSchema),
    workPlan: workPlanSchema,
    settings: assessmentSettingsSchema,
    report: reportTextsSchema,
    standards: z.array(assessmentStandardSchema),
    criteria: z.array(assessmentCriterionSchema),
    level4: z.array(assessmentLevel4Schema),
    results: assessmentResultsSchema,
    deadline: assessmentDeadlineSchema.nullable(),
    evidenceSummary: assessmentEvidenceSummarySchema,
    /** Assessment-level parts carried from last year and not edited since. */
    carriedFields: z.array(z.string()),
    carriedFromAssessmentId: idSchema.nullable(),
    snapshotHash: z.string().nullable(),
  })
  .meta({ id: 'AssessmentDetail' });

export type AssessmentDetail = z.infer<typeof assessmentDetailSchema>;

/** Start the year's assessment; `carryFrom: 'previous'` starts from last year's. */
export const createAssessmentBodySchema = z.object({
  schoolYear: schoolYearSchema,
  frameworkCode: z.enum(FRAMEWORK_CODES).optional(),
  frameworkReason: userText(1000).optional(),
  carryFrom: z.enum(['none', 'previous']).default('none'),
});

/** What "start from last year" did: what came across, and what the regime change could not map. */
export const assessmentCarryOverReportSchema = z
  .object({
    fromAssessmentId: idSchema,
    fromSchoolYear: z.string(),
    regimeChange: z
      .object({ from: z.enum(FRAMEWORK_CODES), to: z.enum(FRAMEWORK_CODES) })
      .nullable(),
    carriedCriteria: z.array(z.object({ from: z.string(), to: z.string() })),
    unmapped: z.array(z.object({ criterionCode: z.string(), note: z.string() })),
    /** The evidence list carried (codes converted 2018 → TT57; what could not be carried, why). */
    evidence: z.object({
      carried: z.number().int(),
      converted: z.array(z.object({ previousCode: z.string(), code: z.string() })),
      notCarried: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          reason: z.string(),
          candidates: z.array(z.string()),
        }),
      ),
      warnings: z.array(z.string()),
    }),
    message: z.string(),
  })
  .meta({ id: 'AssessmentCarryOverReport' });

export const createAssessmentResponseSchema = assessmentDetailSchema
  .extend({ carryOver: assessmentCarryOverReportSchema.nullable() })
  .meta({ id: 'CreatedAssessment' });

const levelDescriptionsSchema = z.record(
  z.string().regex(/^[1-4]$/, 'Mức có dạng "1" hoặc "2"'),
  userText(ASSESSMENT_TEXT_MAX),
);

/** A per-criterion save: the changed fields and the criterion version the client started from. */
export const updateCriterionBodySchema = z.object({
  marks: criterionMarkChangesSchema.optional(),
  description: userText(ASSESSMENT_TEXT_MAX).optional(),
  levelDescriptions: levelDescriptionsSchema.optional(),
  strengths: userText(ASSESSMENT_TEXT_MAX).optional(),
  weaknesses: userText(ASSESSMENT_TEXT_MAX).optional(),
  improvementPlan: userText(ASSESSMENT_TEXT_MAX).optional(),
  /** Both, or neither: a member or a group (or nobody). */
  assignee: z.object({ memberId: idSchema.nullable(), groupId: idSchema.nullable() }).optional(),
  version: versionSchema,
});

const standardTextShape = Object.fromEntries(
  STANDARD_TEXT_FIELDS.map((f) => [f, userText(ASSESSMENT_TEXT_MAX).optional()]),
) as Record<(typeof STANDARD_TEXT_FIELDS)[number], z.ZodOptional<ReturnType<typeof userText>>>;

export const updateStandardBodySchema = z.object({ ...standardTextShape, version: versionSchema });

export const updateLevel4BodySchema = z.object({
  met: z.boolean().nullable().optional(),
  description: userText(ASSESSMENT_TEXT_MAX).optional(),
  version: versionSchema,
});

/** Assessment-level saves: `version` is the assessment's version the client started from. */
export const updateCouncilBodySchema = z.object({ council: councilSchema, version: versionSchema });
export const updateWorkPlanBodySchema = z.object({
  workPlan: workPlanSchema,
  version: versionSchema,
});
export const updateSettingsBodySchema = z.object({
  settings: assessmentSettingsSchema,
  version: versionSchema,
});
export const updateReportBodySchema = z.object({
  report: reportTextsSchema.partial(),
  version: versionSchema,
});

export const assessmentLifecycleBodySchema = z.object({ version: versionSchema });
export const assessmentRevisionBodySchema = z.object({ reason: requiredText(2000) });

export const assessmentRevisionListSchema = z.object({
  items: z.array(
    z.object({
      id: idSchema,
      revisionNumber: z.number().int(),
      status: assessmentStatusSchema,
      approvedAt: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
});

export const assessmentIntegritySchema = z.object({
  status: z.enum(['not_approved', 'intact', 'tampered']),
  details: z.array(z.string()),
  differences: z.array(z.string()),
});

/** What-if: marks to try instead of the saved ones (by criterion), nothing saved. */
export const whatIfBodySchema = z.object({
  criteria: z.record(z.string().min(1).max(10), criterionMarksSchema).default({}),
  /** 2018: Mức 4 items' marks to try, by item key. */
  level4: z.record(z.string().min(1).max(20), z.boolean().nullable()).default({}),
});

/** The same criterion in the school's earlier assessments (and revisions), newest first. */
export const criterionHistorySchema = z
  .object({
    criterionCode: z.string(),
    items: z.array(
      z.object({
        assessmentId: idSchema,
        schoolYear: z.string(),
        revisionNumber: z.number().int(),
        status: assessmentStatusSchema,
        frameworkCode: z.enum(FRAMEWORK_CODES),
        /** The criterion code in that assessment (differs across a regime change). */
        criterionCode: z.string(),
        marks: criterionMarksSchema,
        level: z.number().int().nullable(),
        description: z.string(),
        levelDescriptions: z.record(z.string(), z.string()),
        strengths: z.string(),
        weaknesses: z.string(),
        improvementPlan: z.string(),
      }),
    ),
  })
  .meta({ id: 'CriterionHistory' });

/**
 * Propose plan rows from weak criteria: preview (`dryRun`) or apply, optionally only some criteria
 * (codes, or 2018 Mức 4 item keys).
 */
export const proposePlanRowsBodySchema = z.object({
  dryRun: z.boolean().default(true),
  criterionCodes: z.array(z.string().min(1).max(20)).max(200).optional(),
});

export const proposedPlanRowSchema = z.object({
  group: z.enum(ROW_GROUPS),
  standardCode: z.string().nullable(),
  /** The weak criterion (null for a 2018 Mức 4 item, see level4Key). */
  criterionCode: z.string().nullable(),
  level4Key: z.string().nullable(),
  /** Why it is proposed (Vietnamese). */
  reason: z.string(),
  /** Hiện trạng: the weaknesses, else the unmet indicators. */
  currentState: z.string(),
  /** The criterion's improvement-plan text. */
  content: z.string(),
  /** "Đạt Mức n". */
  target: z.string(),
  /** The plan row created (null in a preview). */
  rowId: idSchema.nullable(),
});

export const proposePlanRowsResponseSchema = z
  .object({
    planId: idSchema,
    dryRun: z.boolean(),
    rows: z.array(proposedPlanRowSchema),
    /** Weak criteria skipped because the plan already has a row linked to them. */
    skipped: z.array(z.object({ criterionCode: z.string(), reason: z.string() })),
  })
  .meta({ id: 'ProposedPlanRows' });

/**
 * What the plan editor shows from the school's APPROVED assessment the plan rests on (that of the
 * plan's year, else of the year before: `approvedSchoolYear` says which): the Căn cứ lines with the
 * results paragraph and the summary counts (empty when none is approved), and the weak criteria of
 * the latest assessment of the plan's year (which the plan check "weak criterion with no row" uses).
 */
export const planAssessmentBasisSchema = z
  .object({
    approvedAssessmentId: idSchema.nullable(),
    /** The school year of the approved assessment (the plan's, or the year before). */
    approvedSchoolYear: z.string().nullable(),
    /** When it was approved (ISO). */
    approvedAt: z.string().nullable(),
    basisLines: z.array(z.string()),
    summary: z.array(z.string()),
    schoolLevel: z.number().int().nullable(),
    latestAssessmentId: idSchema.nullable(),
    weakCriteria: z.array(z.object({ criterionCode: z.string(), reason: z.string() })),
  })
  .meta({ id: 'PlanAssessmentBasis' });
