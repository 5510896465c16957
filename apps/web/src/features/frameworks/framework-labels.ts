import { FRAMEWORK_CODES, SCHOOL_LEVEL_LABELS } from '@caitien/core';
import { vi } from '../../i18n/vi.ts';
import type { FrameworkSummary, Regime, SchoolLevel } from './framework.types.ts';

/** Regimes in the order the picker shows them: the one in force first. */
export const REGIME_ORDER: readonly Regime[] = ['2026', '2018'];

/** "Tiểu học", "Trung học cơ sở, Trung học phổ thông"… */
export function schoolLevelsLabel(levels: readonly SchoolLevel[]): string {
  return levels.map((level) => SCHOOL_LEVEL_LABELS[level]).join(', ');
}

/** "Tiểu học, THCS, THPT, nhiều cấp học": short enough for a select option on a phone. */
export function schoolLevelsShortLabel(levels: readonly SchoolLevel[]): string {
  return levels.map((level) => vi.frameworks.schoolLevelShort[level]).join(', ');
}

/** Catalogue order (mầm non → phổ thông → GDTX within a regime), as core lists the codes. */
function codeRank(code: string): number {
  const index = (FRAMEWORK_CODES as readonly string[]).indexOf(code);
  return index === -1 ? FRAMEWORK_CODES.length : index;
}

/** The versions of one framework code, newest first. */
export function versionsOf(items: readonly FrameworkSummary[], code: string): FrameworkSummary[] {
  return items.filter((item) => item.code === code).sort((a, b) => b.version - a.version);
}

/** One entry per framework code (its current version), grouped by regime in {@link REGIME_ORDER}. */
export function groupByRegime(
  items: readonly FrameworkSummary[],
): Array<{ regime: Regime; frameworks: FrameworkSummary[] }> {
  const currents = items.filter((item) => item.isCurrent);
  return REGIME_ORDER.map((regime) => ({
    regime,
    frameworks: currents
      .filter((item) => item.regime === regime)
      .sort((a, b) => codeRank(a.code) - codeRank(b.code) || a.code.localeCompare(b.code, 'vi')),
  })).filter((group) => group.frameworks.length > 0);
}

/**
 * The summary a `framework` URL value stands for: a version id ("TT17@1") or a code, meaning its
 * current version.
 */
export function resolveFramework(
  items: readonly FrameworkSummary[],
  value: string,
): FrameworkSummary | null {
  return (
    items.find((item) => item.id === value) ??
    items.find((item) => item.code === value && item.isCurrent) ??
    items.find(
      (item) =>
        item.id.toLowerCase() === value.toLowerCase() ||
        item.code.toLowerCase() === value.toLowerCase(),
    ) ??
    null
  );
}

/** What to put in the URL for a version: the bare code for the current one (so links follow corrections). */
export function frameworkParam(summary: FrameworkSummary): string {
  return summary.isCurrent ? summary.code : summary.id;
}
