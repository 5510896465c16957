import { DEFAULT_ASSESSMENT_SETTINGS, FRAMEWORK_REGIMES, type FrameworkCode } from '@caitien/core';
import { createRepositories, type DatabaseHandle } from '@caitien/db';
import { randomUUID } from 'node:crypto';

/** Texts a seeded criterion starts with (by criterion code). */
export interface SeededCriterionTexts {
  description?: string;
  levelDescriptions?: Record<string, string>;
  strengths?: string;
  weaknesses?: string;
  improvementPlan?: string;
}

/**
 * Seeds an assessment straight through the assessment repository (no HTTP), with one criterion
 * per criterion of the framework's newest version, its standards and Mức 4 items, for tests of
 * what sits on an assessment (evidence): the status is set as given, without the lifecycle.
 */
export async function seedAssessment(
  database: DatabaseHandle,
  input: {
    schoolId: string;
    schoolYear: string;
    framework: FrameworkCode;
    status?: 'draft' | 'submitted' | 'approved';
    texts?: Record<string, SeededCriterionTexts>;
    report?: Partial<
      Record<'context' | 'purpose' | 'process' | 'conclusion' | 'recommendations', string>
    >;
  },
): Promise<{ assessmentId: string; criterionCodes: string[] }> {
  const db = database.db;
  const version = await db
    .selectFrom('framework_versions')
    .select('id')
    .where('code', '=', input.framework)
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  const criteria = await db
    .selectFrom('framework_criteria as c')
    .innerJoin('framework_standards as s', 's.id', 'c.standard_id')
    .select(['c.code as criterionCode', 's.code as standardCode'])
    .where('c.framework_id', '=', version.id)
    .orderBy('c.position')
    .execute();
  const level4 = await db
    .selectFrom('framework_level4_items')
    .select('key')
    .where('framework_id', '=', version.id)
    .execute()
    .catch(() => [] as { key: string }[]);
  const assessmentId = randomUUID();
  const now = '2026-11-23T08:00:00.000Z';
  const approved = input.status === 'approved';
  await createRepositories(db).transaction((tx) =>
    tx.assessments.insertAssessment(
      {
        id: assessmentId,
        lineageId: assessmentId,
        revisionNumber: 1,
        schoolId: input.schoolId,
        schoolYear: input.schoolYear,
        regime: FRAMEWORK_REGIMES[input.framework],
        frameworkId: version.id,
        frameworkReason: 'Theo năm học',
        status: input.status ?? 'draft',
        settings: DEFAULT_ASSESSMENT_SETTINGS,
        council: { members: [], groups: [], decisionNumber: '', decisionDate: '' },
        workPlan: {
          number: '',
          date: '',
          purpose: '',
          scope: '',
          tools: '',
          training: '',
          resources: '',
          consultants: '',
          steps: [],
        },
        report: {
          context: '',
          purpose: '',
          process: '',
          conclusion: '',
          recommendations: '',
          ...input.report,
        },
        carriedFields: [],
        carriedFromAssessmentId: null,
        submittedAt: approved ? now : null,
        approvedAt: approved ? now : null,
        approvedByUserId: null,
        createdByUserId: null,
        now,
      },
      {
        criteria: criteria.map((c) => {
          const texts = input.texts?.[c.criterionCode] ?? {};
          return {
            id: randomUUID(),
            standardCode: c.standardCode,
            criterionCode: c.criterionCode,
            marks: {},
            description: texts.description ?? '',
            levelDescriptions: texts.levelDescriptions ?? {},
            strengths: texts.strengths ?? '',
            weaknesses: texts.weaknesses ?? '',
            improvementPlan: texts.improvementPlan ?? '',
            assigneeMemberId: null,
            assigneeGroupId: null,
            carriedFields: [],
          };
        }),
        standards: [...new Set(criteria.map((c) => c.standardCode))].map((standardCode) => ({
          id: randomUUID(),
          standardCode,
          intro: '',
          conclusion: '',
          strengths: '',
          limitations: '',
          causes: '',
          trend: '',
          priorities: '',
        })),
        level4: level4.map((item) => ({
          id: randomUUID(),
          itemKey: item.key,
          met: null,
          description: '',
          carriedFields: [],
        })),
      },
    ),
  );
  return { assessmentId, criterionCodes: criteria.map((c) => c.criterionCode) };
}
