import {
  parseRowCells,
  ROW_TEXT_FIELDS,
  type DirectoryGroup,
  type DirectoryPerson,
  type RowGroup,
  type RowTextField,
} from '@caitien/core';
import type { PlanRecord, PlanRowRecord, RowColumns } from '@caitien/db';
import { interchangeRowTexts, type PlanInterchangeRow, type PlanRow } from '@caitien/shared';

/** The row text fields ↔ stored columns that differ in name. */
const STORED_NAME: Partial<Record<RowTextField, keyof RowColumns>> = {
  time: 'timeText',
  lead: 'leadText',
  coordinators: 'coordinatorsText',
  budget: 'budgetText',
};

/** The stored column of a row text field. */
export const columnOf = (field: RowTextField): keyof RowColumns =>
  STORED_NAME[field] ?? (field as keyof RowColumns);

/** The directory the people parser matches against. */
export interface PlanDirectory {
  people: DirectoryPerson[];
  groups: DirectoryGroup[];
}

/** The parsed values of a row's cells, as stored and answered (CONTRACTS.md shapes). */
export interface ParsedCells {
  time: PlanRow['parsed']['time'];
  budget: PlanRow['parsed']['budget'];
  people: PlanRow['parsed']['people'];
}

/** Runs the parsers of packages/core over a row's time, budget and people texts. */
export function parseCells(
  texts: { time: string; budget: string; lead: string; coordinators: string },
  context: { schoolYear: string; directory: PlanDirectory },
): ParsedCells {
  return parseRowCells(texts, context);
}

/** Stored columns for a row's texts, with the parsed values derived from them. */
export function rowColumns(
  base: {
    group: RowGroup;
    standardCode: string | null;
    criterionCode: string | null;
    level4Key: string | null;
  },
  texts: Record<RowTextField, string>,
  context: { schoolYear: string; directory: PlanDirectory },
): RowColumns {
  const parsed = parseCells(texts, context);
  return {
    rowGroup: base.group,
    standardCode: base.standardCode,
    criterionCode: base.criterionCode,
    level4Key: base.level4Key,
    currentState: texts.currentState,
    content: texts.content,
    target: texts.target,
    tasks: texts.tasks,
    indicator: texts.indicator,
    timeText: texts.time,
    timeStart: parsed.time.start,
    timeEnd: parsed.time.end,
    leadText: texts.lead,
    coordinatorsText: texts.coordinators,
    parsed,
    budgetText: texts.budget,
    budgetAmount: parsed.budget.amount,
    budgetSource: parsed.budget.source,
    support: texts.support,
    evidence: texts.evidence,
    progress: texts.progress,
    result: texts.result,
    note: texts.note,
  };
}

/** Stored columns of an interchange row (import, rows added from a file): texts kept, cells parsed. */
export function interchangeRowColumns(
  row: PlanInterchangeRow,
  context: { schoolYear: string; directory: PlanDirectory },
): RowColumns {
  return rowColumns(
    {
      group: row.group,
      standardCode: row.standardCode,
      criterionCode: row.criterionCode,
      level4Key: row.level4Key,
    },
    interchangeRowTexts(row),
    context,
  );
}

/**
 * Which plan a stored plan is: its id, lineage and revision, school and year, regime and framework
 * (with the reason for choosing it), as the detail answers them and the seal freezes them.
 */
export function planIdentityOf(plan: PlanRecord) {
  return {
    id: plan.id,
    lineageId: plan.lineageId,
    revisionNumber: plan.revisionNumber,
    schoolId: plan.schoolId,
    schoolYear: plan.schoolYear,
    regime: plan.regime,
    frameworkId: plan.frameworkId,
    frameworkReason: plan.frameworkReason,
  };
}

/** The texts of a stored row by field name. */
export function textsOf(row: PlanRowRecord): Record<RowTextField, string> {
  return Object.fromEntries(ROW_TEXT_FIELDS.map((f) => [f, row[columnOf(f)] as string])) as Record<
    RowTextField,
    string
  >;
}

/**
 * Where a stored row stands in the plan's frame: its id, group, standard, criterion and Mức 4 key,
 * as the API, the checks and the seal name them.
 */
export function rowFrameOf(row: PlanRowRecord) {
  return {
    id: row.id,
    group: row.rowGroup,
    standardCode: row.standardCode,
    criterionCode: row.criterionCode,
    level4Key: row.level4Key,
  };
}

/** A stored row as the API answers it. */
export function toApiRow(row: PlanRowRecord): PlanRow {
  return {
    ...rowFrameOf(row),
    position: row.position,
    ...textsOf(row),
    parsed: row.parsed as ParsedCells,
    originRowId: row.originRowId,
    carryCount: row.carryCount,
    version: row.version,
  };
}
