/**
 * Criterion mappings between circulars, used when a plan is carried over into a school year that
 * follows another circular (2018 → Thông tư 57/2026). The mappings are data
 * (`packages/core/data/mappings/*.json`, provenance in `docs/criterion-mappings.md`): no official
 * old → new table exists (TT57 research notes §6), so every entry is marked with its confidence and
 * a note, and a criterion without a clear counterpart maps to nothing — the school chooses.
 */
import tt17ToTt57Pt from '../../data/mappings/tt17-to-tt57-pt.json' with { type: 'json' };
import tt18ToTt57Pt from '../../data/mappings/tt18-to-tt57-pt.json' with { type: 'json' };
import tt19ToTt57Mn from '../../data/mappings/tt19-to-tt57-mn.json' with { type: 'json' };
import type { FrameworkCode } from '../frameworks/framework.types.ts';

/**
 * How an entry is known: `sourced` when a cited document states the correspondence, `inferred`
 * ("suy luận") when it was read from the subject matter of the two criterion titles.
 */
export type MappingConfidence = 'sourced' | 'inferred';

/** Vietnamese labels of the confidences, as the carry-over report prints them. */
export const MAPPING_CONFIDENCE_LABELS: Record<MappingConfidence, string> = {
  sourced: 'có nguồn',
  inferred: 'suy luận',
};

/** One criterion of the older circular and where it goes (null: no counterpart, the school chooses). */
export interface CriterionMappingEntry {
  from: string;
  fromTitle: string;
  to: string | null;
  toTitle: string | null;
  /** Null exactly when `to` is null. */
  confidence: MappingConfidence | null;
  /** Why, in Vietnamese (shown to the user). */
  note: string;
  /** For an entry without a counterpart: the criteria worth considering (never applied automatically). */
  candidates?: string[];
}

/** A mapping from one framework to another, as stored in `packages/core/data/mappings/`. */
export interface CriterionMapping {
  format: 'caitien.criterion-mapping/1';
  from: FrameworkCode;
  to: FrameworkCode;
  /** Where the entries come from (Vietnamese). */
  provenance: string;
  /** Rows under the Mức 4 requirements: where they go (null: the school chooses). */
  level4: { to: string | null; note: string };
  criteria: CriterionMappingEntry[];
}

/** Every mapping shipped with the application. */
export const CRITERION_MAPPINGS: readonly CriterionMapping[] = [
  tt17ToTt57Pt,
  tt18ToTt57Pt,
  tt19ToTt57Mn,
] as CriterionMapping[];

/** The mapping from one framework to another, or null when none is kept for that pair. */
export function findCriterionMapping(
  from: FrameworkCode,
  to: FrameworkCode,
): CriterionMapping | null {
  return CRITERION_MAPPINGS.find((m) => m.from === from && m.to === to) ?? null;
}
