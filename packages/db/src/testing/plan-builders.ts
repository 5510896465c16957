import type { PlanRecord, RowColumns } from '../repositories/plan.repository.ts';

/** A new plan as `insertPlan` takes it: a draft TT57 plan; override what the test is about. */
export function buildNewPlan(
  fields: { id: string; schoolId: string; now: string } & Partial<
    Omit<PlanRecord, 'version' | 'contentSeq' | 'createdAt' | 'updatedAt'>
  >,
): Omit<PlanRecord, 'version' | 'contentSeq' | 'createdAt' | 'updatedAt'> & {
  now: string;
  createdByUserId: string | null;
} {
  return {
    lineageId: fields.id,
    revisionNumber: 0,
    schoolYear: '2026-2027',
    regime: '2026',
    frameworkId: null,
    frameworkReason: '',
    status: 'draft',
    layout: 'bieu2',
    hiddenColumns: [],
    header: {} as PlanRecord['header'],
    sections: [],
    carriedFromPlanId: null,
    submittedAt: null,
    approvedAt: null,
    approvedByUserId: null,
    createdByUserId: null,
    ...fields,
  };
}

/** A row's stored columns with every text empty but `tasks`; override what the test is about. */
export function buildRowColumns(tasks: string, fields: Partial<RowColumns> = {}): RowColumns {
  return {
    rowGroup: 'tt57',
    standardCode: null,
    criterionCode: null,
    level4Key: null,
    currentState: '',
    content: '',
    target: '',
    tasks,
    indicator: '',
    timeText: '',
    timeStart: null,
    timeEnd: null,
    leadText: '',
    coordinatorsText: '',
    parsed: {},
    budgetText: '',
    budgetAmount: null,
    budgetSource: '',
    support: '',
    evidence: '',
    progress: '',
    result: '',
    note: '',
    ...fields,
  };
}
