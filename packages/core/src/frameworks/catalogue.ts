/**
 * The framework catalogue: every version of every framework (bộ tiêu chuẩn đánh giá), built from
 * the project's own data files in `packages/core/data/frameworks/`.
 *
 * The data files were generated once from `docs/reference/` by
 * `packages/core/scripts/import-reference.ts` (which documents the provenance) and are the source of
 * truth from then on. Corrections are made as new versions, never by editing a past version: a plan
 * or assessment keeps the framework version it was made with (docs/PRODUCT.md §1).
 *
 * Versions:
 * - 2018 circulars (TT17, TT18, TT19): version 1 is the original 2018 text; version 2 applies
 *   Thông tư 22/2024/TT-BGDĐT, which repeals some provisions — the repealed indicators are flagged
 *   (`repealed`), never deleted, because plans written under the original text must still show it.
 * - TT57/2026 (one framework per appendix: Phụ lục I mầm non, II phổ thông, III GDTX): version 1.
 */
import tt17 from '../../data/frameworks/tt17.json' with { type: 'json' };
import tt18 from '../../data/frameworks/tt18.json' with { type: 'json' };
import tt19 from '../../data/frameworks/tt19.json' with { type: 'json' };
import tt57 from '../../data/frameworks/tt57.json' with { type: 'json' };
import { FRAMEWORK_CODES, FRAMEWORK_REGIMES, REGIMES, SCHOOL_LEVELS } from './framework.types.ts';
import type {
  FrameworkCode,
  FrameworkCriterion,
  FrameworkDefinition,
  FrameworkIndicator,
  FrameworkStandard,
  FrameworkVersionId,
  LegalInstrument,
  Level4Item,
  Regime,
  RepealInfo,
  SchoolLevel,
  SourceCitation,
  TitleVariant,
} from './framework.types.ts';

// ---------------------------------------------------------------------------------------------
// Data-file format (packages/core/data/frameworks/*.json)
// ---------------------------------------------------------------------------------------------

/** The format tag written in every data file; bump it when the shape changes. */
export const FRAMEWORK_DATA_FORMAT: FrameworkDataFile['format'] = 'caitien.framework-data/1';

/** A legal instrument as stored in a data file: the domain fields plus signer and cited pages. */
export interface LegalInstrumentData extends LegalInstrument {
  signer: string | null;
  /** Pages that state the instrument's identity (URLs). */
  sources: string[];
}

/** The instrument that replaces the circulars of a data file (2018 files: TT57/2026). */
export interface SupersessionData {
  number: string;
  /** First day the replacing instrument applies; the last version of this file ends the day before. */
  effectiveOn: string;
  note: string | null;
}

/** A discrepancy between sources, as recorded by the reference research (TT57 D1–D8). */
export interface DiscrepancyData {
  id: string;
  what: string;
  /** The competing wordings, by source (empty when the discrepancy is not about wording). */
  variants: TitleVariant[];
  assessment: string;
}

/** One version of every framework in the file. */
export interface FrameworkVersionData {
  version: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** Vietnamese, shown to users. */
  changeNote: string;
  /** Numbers of the amending instruments applied in this version (see `amendments` of the file). */
  amendments: string[];
}

/**
 * A provision repealed by an amending instrument, mapped to a criterion level. Applied only in the
 * versions that list the instrument.
 */
export interface AmendmentFlagData {
  /** Amending instrument number, e.g. "22/2024/TT-BGDĐT". */
  by: string;
  /** The provision as cited, with the reference's mapping in brackets. */
  provision: string;
  appliesToLevel: number;
  /**
   * The chỉ báo letters repealed at that level; null = the whole level of the criterion (the
   * provision is a whole khoản, or says "toàn bộ").
   */
  indicatorKeys: string[] | null;
  effect: string;
  mappingConfidence: string;
  source: string;
}

/** An indicator in a data file: the same in every version, so it carries no `repealed`. */
export type IndicatorData = Omit<FrameworkIndicator, 'repealed'>;

/** A criterion in a data file. */
export interface CriterionData extends Omit<FrameworkCriterion, 'indicators'> {
  indicators: IndicatorData[];
  amendmentFlags: AmendmentFlagData[];
  /** TT57: the "Dữ liệu định lượng chính" cell verbatim (before splitting into `quantitative`). */
  quantitativeRaw: string | null;
  /** TT57: the content-group label of the "Thông tin minh chứng" cell. */
  evidenceGroupLabel: string | null;
}

/** A standard in a data file. */
export interface StandardData extends Omit<FrameworkStandard, 'criteria'> {
  criteria: CriterionData[];
}

/** TT57: the appendix a framework comes from. */
export interface AppendixData {
  /** "I", "II" or "III". */
  number: string;
  /** The reference's key: mam_non, pho_thong, gdtx. */
  key: string;
  title: string;
  titleSource: string;
  appliesTo: string;
  /** The appendix's own definitions paragraph ("Trong Phụ lục này, …"), verbatim. */
  definitions: string | null;
  /** The appendix's note on what Mức 1 and Mức 2 mean, verbatim, with its source. */
  levelMeaning: { text: string[]; source: string; confidence: string } | null;
  /** An observed wording pattern of the level texts (not regulatory text). */
  levelPattern: string | null;
}

/** One framework of a data file, without version-specific data. */
export interface FrameworkBodyData {
  code: FrameworkCode;
  name: string;
  schoolLevels: SchoolLevel[];
  levels: number[];
  /** Null for the 2018 circulars (the criteria are in the body of the Quy định). */
  appendix: AppendixData | null;
  standards: StandardData[];
  level4Items: Level4Item[];
}

/** A data file: one circular, its frameworks, its versions and its sources. */
export interface FrameworkDataFile {
  /** First key of the file: says the file was generated, from what, when, and how to correct it. */
  _generated: string;
  /** Always {@link FRAMEWORK_DATA_FORMAT}. */
  format: 'caitien.framework-data/1';
  /** The reference files read, with their SHA-256, so the import can be traced. */
  generatedFrom: { file: string; sha256: string }[];
  regime: Regime;
  circular: LegalInstrumentData;
  /** Amending instruments known for this circular (applied only by the versions that list them). */
  amendments: LegalInstrumentData[];
  supersededBy: SupersessionData | null;
  /** Instruments this circular replaces (TT57), with how sure the sources are. */
  replaces: { doc: string; confidence: string }[];
  discrepancies: DiscrepancyData[];
  /** What the stored texts are (e.g. "original 2018 wording … does NOT include TT22/2024"). */
  textVersion: string | null;
  versions: FrameworkVersionData[];
  sources: SourceCitation[];
  frameworks: FrameworkBodyData[];
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/**
 * Checks the closed vocabularies of a bundled data file (regime, codes, school levels, versions)
 * and returns it typed. The rest of the shape is guaranteed by the import script, which builds the
 * files from these same types, and by the catalogue tests.
 */
function asDataFile(raw: unknown, fileName: string): FrameworkDataFile {
  const file = raw as FrameworkDataFile;
  const fail = (what: string): never => {
    throw new Error(`Framework data file ${fileName}: ${what}`);
  };
  if (file.format !== FRAMEWORK_DATA_FORMAT) fail(`unknown format ${String(file.format)}`);
  if (!(REGIMES as readonly string[]).includes(file.regime))
    fail(`unknown regime ${String(file.regime)}`);
  for (const body of file.frameworks) {
    if (!(FRAMEWORK_CODES as readonly string[]).includes(body.code))
      fail(`unknown code ${body.code}`);
    // FRAMEWORK_REGIMES answers without loading the data; both must agree.
    if (FRAMEWORK_REGIMES[body.code] !== file.regime)
      fail(`${body.code} is not of regime ${file.regime}`);
    for (const level of body.schoolLevels) {
      if (!(SCHOOL_LEVELS as readonly string[]).includes(level))
        fail(`unknown school level ${level}`);
    }
  }
  const known = new Set(file.amendments.map((a) => a.number));
  for (const version of file.versions) {
    for (const number of version.amendments) {
      if (!known.has(number))
        fail(`version ${version.version} applies unknown amendment ${number}`);
    }
  }
  return file;
}

let dataFiles: readonly FrameworkDataFile[] | null = null;

/**
 * The bundled data files, checked on first use. Lazy on purpose: a module that only imports
 * `foldVietnamese` from core (the web app) then lets the bundler drop the ~400 kB of JSON.
 */
function loadDataFiles(): readonly FrameworkDataFile[] {
  dataFiles ??= [
    asDataFile(tt17, 'tt17.json'),
    asDataFile(tt18, 'tt18.json'),
    asDataFile(tt19, 'tt19.json'),
    asDataFile(tt57, 'tt57.json'),
  ];
  return dataFiles;
}

function toInstrument(data: LegalInstrumentData): LegalInstrument {
  return {
    number: data.number,
    title: data.title,
    issuedOn: data.issuedOn,
    effectiveOn: data.effectiveOn,
    note: data.note,
  };
}

function copyVariants(variants: TitleVariant[]): TitleVariant[] {
  return variants.map((v) => ({ source: v.source, text: v.text }));
}

/** The repeal, if any, that the applied amendment flags put on one indicator. */
function findRepeal(indicator: IndicatorData, flags: AmendmentFlagData[]): RepealInfo | null {
  const flag = flags.find(
    (f) =>
      f.appliesToLevel === indicator.level &&
      (f.indicatorKeys === null ||
        (indicator.key !== null && f.indicatorKeys.includes(indicator.key))),
  );
  if (!flag) return null;
  return {
    by: flag.by,
    provision: flag.provision,
    effect: flag.effect,
    mappingConfidence: flag.mappingConfidence,
    source: flag.source,
  };
}

function buildCriterion(data: CriterionData, applied: ReadonlySet<string>): FrameworkCriterion {
  const flags = data.amendmentFlags.filter((f) => applied.has(f.by));
  return {
    code: data.code,
    title: data.title,
    titleSource: data.titleSource,
    titleVariants: copyVariants(data.titleVariants),
    mandatory: data.mandatory,
    indicators: data.indicators.map((i) => ({
      level: i.level,
      key: i.key,
      text: i.text,
      repealed: findRepeal(i, flags),
    })),
    levelsWithoutRequirements: [...data.levelsWithoutRequirements],
    source: data.source,
    verified: data.verified,
    verificationNote: data.verificationNote,
    notes: [...data.notes],
    quantitative: [...data.quantitative],
    suggestedEvidence: [...data.suggestedEvidence],
  };
}

function buildDefinition(
  file: FrameworkDataFile,
  body: FrameworkBodyData,
  version: FrameworkVersionData,
): FrameworkDefinition {
  const applied = new Set(version.amendments);
  return {
    code: body.code,
    version: version.version,
    name: body.name,
    regime: file.regime,
    circular: toInstrument(file.circular),
    amendments: file.amendments.filter((a) => applied.has(a.number)).map(toInstrument),
    schoolLevels: [...body.schoolLevels],
    levels: [...body.levels],
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
    changeNote: version.changeNote,
    standards: body.standards.map((s) => ({
      code: s.code,
      title: s.title,
      titleSource: s.titleSource,
      titleVariants: copyVariants(s.titleVariants),
      verificationNote: s.verificationNote,
      criteria: s.criteria.map((c) => buildCriterion(c, applied)),
    })),
    level4Items: body.level4Items.map((item) => ({ ...item })),
    sources: file.sources.map((s) => ({ ...s })),
  };
}

/**
 * Every version of every framework, in a stable order: TT17@1, TT17@2, TT18@1, TT18@2, TT19@1,
 * TT19@2, TT57-MN@1, TT57-PT@1, TT57-GDTX@1. Each call returns fresh objects, so callers may keep
 * or change them freely.
 *
 * The 2018 versions: @1 = original 2018 text (from 10/10/2018 to 24/01/2025), @2 = with
 * Thông tư 22/2024/TT-BGDĐT applied (from 25/01/2025 until TT57/2026 replaces it on 07/7/2026).
 */
export function loadFrameworkCatalogue(): FrameworkDefinition[] {
  return loadDataFiles().flatMap((file) =>
    file.frameworks.flatMap((body) =>
      file.versions.map((version) => buildDefinition(file, body, version)),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------

/**
 * Splits a framework id: a bare code ("TT57-PT", meaning its current version) or a version id
 * ("TT17@2"). Returns null for anything else (CONTRACTS.md "Ids and regimes").
 */
export function parseFrameworkId(
  id: string,
): { code: FrameworkCode; version: number | null } | null {
  const match = /^([A-Z0-9-]+)(?:@([1-9]\d*))?$/.exec(id.trim());
  if (!match) return null;
  const code = match[1] as FrameworkCode;
  if (!FRAMEWORK_CODES.includes(code)) return null;
  return { code, version: match[2] === undefined ? null : Number(match[2]) };
}

/**
 * Finds a framework version in a catalogue by id: a version id ("TT17@1") gives that version, a
 * bare code ("TT17") the newest version of the code. Null when there is none.
 */
export function findFrameworkVersion(
  catalogue: readonly FrameworkDefinition[],
  id: FrameworkVersionId | FrameworkCode,
): FrameworkDefinition | null {
  const parsed = parseFrameworkId(id);
  if (!parsed) return null;
  const versions = catalogue.filter((f) => f.code === parsed.code);
  if (parsed.version !== null) return versions.find((f) => f.version === parsed.version) ?? null;
  return versions.reduce<FrameworkDefinition | null>(
    (newest, f) => (newest === null || f.version > newest.version ? f : newest),
    null,
  );
}

// ---------------------------------------------------------------------------------------------
// Title variants
// ---------------------------------------------------------------------------------------------

/** Label given to a replaced wording whose source was not recorded (should not happen in our data). */
const UNATTRIBUTED_SOURCE = 'không rõ nguồn';

/** Switches one title in place (only ever called on a fresh copy). */
function switchTitle(
  item: { title: string; titleSource: string | null; titleVariants: TitleVariant[] },
  source: string,
): void {
  const variant = item.titleVariants.find((v) => v.source === source);
  if (!variant) return;
  const previous: TitleVariant = {
    source: item.titleSource ?? UNATTRIBUTED_SOURCE,
    text: item.title,
  };
  item.titleVariants = [...item.titleVariants.filter((v) => v !== variant), previous];
  item.title = variant.text;
  item.titleSource = source;
}

/**
 * Returns a copy of `framework` where every standard and criterion title that has a variant from
 * `source` uses that wording; the wording it replaces moves to `titleVariants` under its own
 * source. Titles without such a variant are unchanged; the input is not modified.
 *
 * Used to switch TT57's disputed titles (D1: criterion 1.4, D2: Tiêu chuẩn 3 of Phụ lục II, where
 * group B, "S2/S3", differs from group A, "S1"). Version, dates and change note are left as they
 * are: saving the switch as a new version is the caller's job.
 */
export function applyTitleVariant(
  framework: FrameworkDefinition,
  source: string,
): FrameworkDefinition {
  const copy = structuredClone(framework);
  for (const standard of copy.standards) {
    switchTitle(standard, source);
    for (const criterion of standard.criteria) switchTitle(criterion, source);
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Regime selection
// ---------------------------------------------------------------------------------------------

/** First school year planned under TT57/2026 (in force from 07/7/2026; CONTRACTS.md). */
export const TT57_FIRST_SCHOOL_YEAR = 2026;

/** A school year such as 2026-2027. */
export interface SchoolYear {
  startYear: number;
  endYear: number;
}

/**
 * Parses a school year written "2026-2027", "2026 - 2027" or with an en dash ("2026–2027", as
 * Word turns it). Null unless the second year is the first plus one.
 */
export function parseSchoolYear(text: string): SchoolYear | null {
  const match = /^\s*(\d{4})\s*[-–—]\s*(\d{4})\s*$/u.exec(text);
  if (!match) return null;
  const startYear = Number(match[1]);
  const endYear = Number(match[2]);
  return endYear === startYear + 1 ? { startYear, endYear } : null;
}

/** The canonical text of a school year: 2026 → "2026-2027" (as stored, sent and printed). */
export function formatSchoolYear(startYear: number): string {
  return `${startYear}-${startYear + 1}`;
}

/**
 * A school year as written by a person or a document ("2026 - 2027", "2026–2027") in its canonical
 * form "2026-2027"; null when it is not a school year (see {@link parseSchoolYear}).
 */
export function normalizeSchoolYear(text: string): string | null {
  const year = parseSchoolYear(text);
  return year ? formatSchoolYear(year.startYear) : null;
}

/** The school year after this one: "2026-2027" → "2027-2028"; null when it is not a school year. */
export function nextSchoolYear(text: string): string | null {
  const year = parseSchoolYear(text);
  return year ? formatSchoolYear(year.endYear) : null;
}

/**
 * The regime a school year is planned under: 2026-2027 and later → `2026` (TT57/2026, in force
 * from 07/7/2026), earlier years → `2018`. Null when `schoolYear` is not a school year.
 */
export function regimeOfSchoolYear(schoolYear: string): Regime | null {
  const year = parseSchoolYear(schoolYear);
  if (!year) return null;
  return year.startYear >= TT57_FIRST_SCHOOL_YEAR ? '2026' : '2018';
}

/**
 * The regime of a framework, by its code or a version id ("TT57-PT@1"); null for anything that is
 * not a framework of the catalogue.
 */
export function regimeOfFramework(codeOrVersionId: string): Regime | null {
  const code = codeOrVersionId.split('@')[0] ?? '';
  return (FRAMEWORK_CODES as readonly string[]).includes(code)
    ? FRAMEWORK_REGIMES[code as FrameworkCode]
    : null;
}

/**
 * The framework a new plan gets, by school year (CONTRACTS.md "Ids and regimes"):
 * - 2026-2027 and later → TT57 of the level: mầm non → TT57-MN, GDTX → TT57-GDTX, the others
 *   (tiểu học, THCS, THPT, nhiều cấp) → TT57-PT;
 * - 2025-2026 and earlier → the 2018 circular of the level: tiểu học → TT17, THCS/THPT/nhiều cấp
 *   → TT18, mầm non → TT19;
 * - GDTX before 2026-2027 → null: GDTX centres have only TT57 here, and an older GDTX plan is kept
 *   without a framework (criteria as text).
 *
 * Also null when `schoolYear` is not a valid school year (see {@link parseSchoolYear}); validate
 * it first to tell the two apart. The user may override the choice with a reason; that is not
 * decided here.
 */
export function selectFrameworkCode(input: {
  schoolLevel: SchoolLevel;
  schoolYear: string;
}): FrameworkCode | null {
  const regime = regimeOfSchoolYear(input.schoolYear);
  if (!regime) return null;
  if (regime === '2026') {
    switch (input.schoolLevel) {
      case 'mam_non':
        return 'TT57-MN';
      case 'gdtx':
        return 'TT57-GDTX';
      case 'tieu_hoc':
      case 'thcs':
      case 'thpt':
      case 'nhieu_cap':
        return 'TT57-PT';
    }
  }
  switch (input.schoolLevel) {
    case 'tieu_hoc':
      return 'TT17';
    case 'thcs':
    case 'thpt':
    case 'nhieu_cap':
      return 'TT18';
    case 'mam_non':
      return 'TT19';
    case 'gdtx':
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Counts and helpers
// ---------------------------------------------------------------------------------------------

/** All criteria of a framework, in order. */
export function listCriteria(framework: FrameworkDefinition): FrameworkCriterion[] {
  return framework.standards.flatMap((s) => s.criteria);
}

/** Number of criteria (tiêu chí) of a framework: 25 TT19, 27 TT17, 28 TT18, 15 each TT57. */
export function countCriteria(framework: FrameworkDefinition): number {
  return listCriteria(framework).length;
}

/**
 * The requirements of a criterion at one level that are in force in this version: its indicators
 * at that level minus those an amendment repealed. Empty either because the regulation sets no
 * requirement at that level (`levelsWithoutRequirements`) or because all of them were repealed
 * (e.g. TT17@2 criterion 1.5, Mức 2) — check `repealed` on the indicators to tell which.
 */
export function activeIndicatorsAt(
  criterion: FrameworkCriterion,
  level: number,
): FrameworkIndicator[] {
  return criterion.indicators.filter((i) => i.level === level && i.repealed === null);
}

/** The counts shown in a catalogue list (same names as the API's FrameworkSummary). */
export interface FrameworkCounts {
  standardCount: number;
  criterionCount: number;
  /** TT57 tiêu chí bắt buộc; 0 for 2018 frameworks. */
  mandatoryCriterionCount: number;
  /** Criteria whose text is not supported by a cross-check (TT57 single-source). */
  unverifiedCriterionCount: number;
  /** Mức 4 items (Điều 22 of the 2018 circulars); 0 for TT57. */
  level4ItemCount: number;
}

/** Counts of a framework version for lists and dashboards. */
export function summariseFramework(framework: FrameworkDefinition): FrameworkCounts {
  const criteria = listCriteria(framework);
  return {
    standardCount: framework.standards.length,
    criterionCount: criteria.length,
    mandatoryCriterionCount: criteria.filter((c) => c.mandatory).length,
    unverifiedCriterionCount: criteria.filter((c) => !c.verified).length,
    level4ItemCount: framework.level4Items.length,
  };
}

/**
 * The first calendar year of the school year a date falls in, reckoned in Asia/Ho_Chi_Minh
 * (CONTRACTS.md: "today" is Vietnamese time; these machines run UTC). A school year runs from
 * August to July: 15/8/2026 is in 2026-2027, 31/7/2026 in 2025-2026.
 */
export function schoolYearStartOf(date: Date): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(date);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  return month >= 8 ? year : year - 1;
}

/** The school year a date falls in, "2026-2027" (see {@link schoolYearStartOf}). */
export function schoolYearOf(date: Date): string {
  return formatSchoolYear(schoolYearStartOf(date));
}
