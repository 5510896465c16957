import { foldVietnamese, matchesQuery } from '@caitien/core';
import type {
  FrameworkCriterion,
  FrameworkDetail,
  FrameworkStandard,
  Level4Item,
} from './framework.types.ts';

/** A criterion kept by the search, with the text to show under its title when the title itself did not match. */
export interface CriterionMatch {
  criterion: FrameworkCriterion;
  /** A requirement that matched, for context in the list; null when the title matched or no search. */
  snippet: string | null;
}

export interface StandardMatch {
  standard: FrameworkStandard;
  criteria: CriterionMatch[];
}

export interface FilteredFramework {
  standards: StandardMatch[];
  level4Items: Level4Item[];
  criterionCount: number;
  isFiltered: boolean;
}

/** Everything a criterion is searchable by: code, titles, requirements, data and evidence hints. */
function criterionTexts(criterion: FrameworkCriterion): string[] {
  return [
    criterion.code,
    criterion.title,
    ...criterion.titleVariants.map((variant) => variant.text),
    ...criterion.levels.flatMap((level) => level.indicators.map((indicator) => indicator.text)),
    ...criterion.quantitative,
    ...criterion.suggestedEvidence,
  ];
}

/**
 * The requirement text to show under a criterion whose title did not match: the first one with the
 * whole query as a phrase, else with all its words, else with any of them.
 */
function snippetFor(criterion: FrameworkCriterion, query: string): string | null {
  if (matchesQuery(foldVietnamese(`${criterion.code} ${criterion.title}`), query)) return null;
  const texts = criterionTexts(criterion)
    .slice(2)
    .map((text) => ({ text, folded: foldVietnamese(text) }));
  const phrase = foldVietnamese(query);
  const words = phrase.split(' ');
  const found =
    texts.find(({ folded }) => folded.includes(phrase)) ??
    texts.find(({ folded }) => matchesQuery(folded, query)) ??
    texts.find(({ folded }) => words.some((word) => folded.includes(word)));
  return found?.text ?? null;
}

/**
 * Keeps the criteria and Mức 4 items matching every word of `query`, diacritics and case ignored
 * ("phuong huong" finds "Phương hướng"). A standard whose own title matches keeps all its criteria.
 */
export function filterFramework(framework: FrameworkDetail, query: string): FilteredFramework {
  const isFiltered = foldVietnamese(query) !== '';
  const standards: StandardMatch[] = [];
  let criterionCount = 0;
  for (const standard of framework.standards) {
    const standardMatches =
      isFiltered &&
      matchesQuery(
        foldVietnamese(
          [standard.title, ...standard.titleVariants.map((variant) => variant.text)].join(' \n '),
        ),
        query,
      );
    const criteria = standard.criteria
      .filter(
        (criterion) =>
          !isFiltered ||
          standardMatches ||
          matchesQuery(foldVietnamese(criterionTexts(criterion).join(' \n ')), query),
      )
      .map((criterion) => ({
        criterion,
        snippet: isFiltered && !standardMatches ? snippetFor(criterion, query) : null,
      }));
    if (criteria.length > 0) {
      standards.push({ standard, criteria });
      criterionCount += criteria.length;
    }
  }
  const level4Items = isFiltered
    ? framework.level4Items.filter((item) =>
        matchesQuery(foldVietnamese(`${item.ref} ${item.text}`), query),
      )
    : framework.level4Items;
  return { standards, level4Items, criterionCount, isFiltered };
}

/** The criterion with this code, with its standard. */
export function findCriterion(
  framework: FrameworkDetail,
  code: string,
): { standard: FrameworkStandard; criterion: FrameworkCriterion } | null {
  for (const standard of framework.standards) {
    const criterion = standard.criteria.find((candidate) => candidate.code === code);
    if (criterion) return { standard, criterion };
  }
  return null;
}

/** Cuts a long text to about `length` characters around the first match, on word boundaries. */
export function excerpt(text: string, words: readonly string[], length = 140): string {
  if (text.length <= length) return text;
  const folded = foldVietnamese(text);
  // `words` come longest first, so a whole-phrase match wins over a stray word earlier on.
  const first = words.map((word) => folded.indexOf(word)).find((index) => index >= 0) ?? -1;
  // Folding only removes marks and repeated spaces, so the folded index is close to the original one.
  const center = Math.max(first, 0);
  let start = Math.max(0, center - Math.floor(length / 3));
  let end = Math.min(text.length, start + length);
  start = Math.max(0, end - length);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length)
    end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
