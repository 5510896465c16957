/**
 * The hand-written Kysely `Database` interface (CONVENTIONS.md §6). Portable column types, decided once:
 * text ids, ISO-8601 text timestamps and dates, integer 0/1 booleans, JSON stored as text, money as
 * 64-bit integers in đồng. Row types are not domain types: repositories map rows to domain objects.
 */
import type { Generated } from 'kysely';

export interface FrameworkVersionsTable {
  /** Version id, e.g. "TT17@2". */
  id: string;
  code: string;
  version: number;
  name: string;
  regime: string;
  circular_number: string;
  circular_json: string;
  amendments_json: string;
  school_levels_json: string;
  levels_json: string;
  effective_from: string;
  effective_to: string | null;
  change_note: string;
  sources_json: string;
  /** SHA-256 of the version's canonical content; changes whenever the content does. */
  content_hash: string;
  /** Set when a plan or assessment first uses this version; from then on it is immutable. */
  locked_at: string | null;
  created_at: string;
}

export interface FrameworkStandardsTable {
  id: string;
  framework_id: string;
  code: string;
  title: string;
  title_source: string | null;
  title_variants_json: string;
  verification_note: string | null;
  position: number;
}

export interface FrameworkCriteriaTable {
  id: string;
  framework_id: string;
  standard_id: string;
  code: string;
  title: string;
  /** Diacritic-free copy of the title for search (CONTRACTS.md "Text and data rules"). */
  title_folded: string;
  title_source: string | null;
  title_variants_json: string;
  mandatory: number;
  verified: number;
  verification_note: string | null;
  source: string;
  notes_json: string;
  quantitative_json: string;
  suggested_evidence_json: string;
  levels_without_requirements_json: string;
  position: number;
}

export interface FrameworkIndicatorsTable {
  id: string;
  framework_id: string;
  criterion_id: string;
  level: number;
  key: string | null;
  text: string;
  text_folded: string;
  repealed_json: string | null;
  position: number;
}

export interface FrameworkLevel4ItemsTable {
  id: string;
  framework_id: string;
  key: string;
  ref: string;
  text: string;
  text_folded: string;
  verified: number;
  source: string;
  position: number;
}

/** Kept by Kysely's migrator; listed so introspection and the drift snapshot see every table. */
export interface Database {
  framework_versions: FrameworkVersionsTable;
  framework_standards: FrameworkStandardsTable;
  framework_criteria: FrameworkCriteriaTable;
  framework_indicators: FrameworkIndicatorsTable;
  framework_level4_items: FrameworkLevel4ItemsTable;
}

/** Marker so `Generated` stays imported for later tables with database-generated columns. */
export type GeneratedColumn<T> = Generated<T>;
