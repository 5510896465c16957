import { parseBudget, type FundingSource } from '../parsers/budget.parser.ts';
import type { ParseIssue } from '../parsers/parse.types.ts';
import { parsePeople, type PeopleDirectory, type PersonRef } from '../parsers/people.parser.ts';
import { parseTime } from '../parsers/time.parser.ts';

/**
 * The parsed cells of a plan row in the shape the API and the interchange JSON carry
 * (CONTRACTS.md "Interchange JSON"): `time { text, start, end, issues }`,
 * `budget { text, amount, source, issues }`, `people { lead, coordinators, issues }`.
 */
export interface ParsedRowCells {
  time: { text: string; start: string | null; end: string | null; issues: ParseIssue[] };
  budget: { text: string; amount: number | null; source: FundingSource; issues: ParseIssue[] };
  people: { lead: PersonRef | null; coordinators: PersonRef[]; issues: ParseIssue[] };
}

/** An empty directory, for callers that have none (the CLI importer, documents). */
export const EMPTY_DIRECTORY: PeopleDirectory = { people: [], groups: [] };

/**
 * Runs the time, budget and people parsers over a row's texts against the plan's school year and
 * the school's directory. The editor, the importers and the CLI all parse through here.
 */
export function parseRowCells(
  texts: { time: string; budget: string; lead: string; coordinators: string },
  context: { schoolYear: string | null; directory: PeopleDirectory },
): ParsedRowCells {
  const time = parseTime(texts.time, { schoolYear: context.schoolYear });
  const budget = parseBudget(texts.budget);
  const people = parsePeople(texts.lead, context.directory, {
    ...(texts.coordinators.trim() ? { coordinatorsText: texts.coordinators } : {}),
  });
  return {
    time: {
      text: time.text,
      start: time.value?.start ?? null,
      end: time.value?.end ?? null,
      issues: time.issues,
    },
    budget: {
      text: budget.text,
      amount: budget.value?.amount ?? null,
      source: budget.value?.source ?? 'unknown',
      issues: budget.issues,
    },
    people: {
      lead: people.value?.lead ?? null,
      coordinators: people.value?.coordinators ?? [],
      issues: people.issues,
    },
  };
}
