/**
 * Converts the research reference data (`docs/reference/`) into the project's own framework data
 * files, `packages/core/data/frameworks/{tt17,tt18,tt19,tt57}.json`, read by
 * `src/frameworks/catalogue.ts`.
 *
 *     npx tsx packages/core/scripts/import-reference.ts [reference-dir] [--date=YYYY-MM-DD]
 *
 * `reference-dir` defaults to `docs/reference` in the repository; `--date` is the date written in
 * the `_generated` note (default: today in Asia/Ho_Chi_Minh, docs/CONTRACTS.md).
 *
 * This script documents provenance: it ran once to create the data files, which are the source of
 * truth from then on. Corrections to the catalogue are made as new versions, not by editing past
 * versions, and not by re-running this script over corrected files.
 *
 * What the conversion does (and keeps):
 * - Every standard and criterion title, every indicator text, verbatim — including the partly
 *   decomposed Unicode of the 2018 transcription (CONTRACTS.md: store text exactly as typed).
 * - 2018 (TT17/18/19): indicators with level and chỉ báo key; `levelsWithoutRequirements` as
 *   numbers; each criterion's source, `verified` (as given) and a verification note built from the
 *   reference's `verification` block; notes (suspected transcription errors); `amendmentFlags`
 *   (TT22/2024 repeals) with the repealed chỉ báo letters read from the provision; Mức 4 items
 *   (Điều 22); the circular, TT22/2024 and TT57/2026 (which supersedes them) as instruments; two
 *   versions: the original text, and TT22/2024 applied.
 * - TT57/2026: the three appendices as three frameworks (mam_non, pho_thong, gdtx); one
 *   unlettered requirement per level; mandatory flags; quantitative indicators (split and raw);
 *   suggested evidence; `verified` = cross-checked (single-source stays false) with the confidence
 *   text as note; the disputed titles (D1, D2) with group A's ("S1") wording preferred and group B's
 *   ("S2/S3") kept as a variant; the discrepancy list; one version.
 * - The sources list of each file (id, ref, short note).
 *
 * The script checks the reference's own counts and invariants and stops on any mismatch.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
// Types only: catalogue.ts imports the data files this script creates.
import type {
  AmendmentFlagData,
  AppendixData,
  CriterionData,
  DiscrepancyData,
  FrameworkBodyData,
  FrameworkDataFile,
  FrameworkVersionData,
  IndicatorData,
  LegalInstrumentData,
  StandardData,
  SupersessionData,
} from '../src/frameworks/catalogue.ts';
import type {
  FrameworkCode,
  Level4Item,
  SchoolLevel,
  SourceCitation,
  TitleVariant,
} from '../src/frameworks/framework.types.ts';

// ---------------------------------------------------------------------------------------------
// The reference files' shapes (only what is read)
// ---------------------------------------------------------------------------------------------

interface RefIndicator {
  key: string | null;
  text: string;
}

interface RefAmendmentFlag {
  by: string;
  provision: string;
  appliesToLevel: string;
  effect: string;
  source: string;
  mappingConfidence: string;
}

interface RefCriterion2018 {
  code: string;
  title: string;
  levels: Record<string, RefIndicator[]>;
  levelsWithoutRequirements: string[];
  verified: boolean;
  verification: {
    title: string;
    indicators: string;
    titleCrossChecks: string[];
    indicatorCrossChecks: string[];
  };
  source: string;
  textVersion: string;
  amendmentFlags?: RefAmendmentFlag[] | null;
  notes?: string[] | null;
}

interface RefStandard2018 {
  code: string;
  title: string;
  titleCrossChecks: string[];
  criteria: RefCriterion2018[];
}

interface RefSource2018 {
  id?: string;
  ref: string;
  type?: string;
  usedFor?: string;
}

interface RefFile2018 {
  framework: string;
  circular: {
    number: string;
    issued: string;
    effective: string;
    signer: string;
    title: string;
    sources: string[];
  };
  amendedBy: {
    number: string;
    issued: string;
    effective: string;
    effectiveSource: string;
    effectiveVerified: string;
    signer: string;
    title: string;
    sources: string[];
    coverage: string;
  }[];
  counts: { standards: number; criteria: number; level4Items: number };
  standards: RefStandard2018[];
  level4: Level4Item[];
  sources: RefSource2018[];
}

interface RefCriterion2026 {
  code: string;
  title: string;
  mandatory: boolean;
  levels: Record<string, string[]>;
  quantitative: string[];
  quantitativeRaw: string;
  evidenceGroupLabel: string;
  suggestedEvidence: string[];
  sources: string[];
  confidence: string;
  confidenceDetail: Record<string, string>;
  titleVariants?: Record<string, string>;
}

interface RefStandard2026 {
  code: string;
  title: string;
  titleConfidence: string;
  titleVariants?: Record<string, string>;
  criteria: RefCriterion2026[];
}

interface RefAppendix2026 {
  appendix: string;
  appendixTitle: string;
  appendixTitleSource: string;
  appendixNote?: string;
  appliesTo: string;
  levelMeaningNote?: { text: string[]; source: string; confidence: string };
  levelPattern?: string;
  standards: RefStandard2026[];
}

interface RefFile2026 {
  circular: {
    number: string;
    signed: string;
    effective: string;
    titleCandidates: { text: string; source: string }[];
    titleConfidence: string;
    identityConfidence: Record<string, string>;
    officialSourcesClaimedButNotRetrieved: string[];
  };
  replaces: { items: { doc: string; confidence: string }[]; verb: string };
  sources: {
    id: string;
    group: string;
    repo: string;
    path?: string;
    commit?: string;
    what: string;
    author?: string;
    indexFileIds?: string[];
  }[];
  discrepancies: ({ id: string; what: string; assessment: string } & Record<string, string>)[];
  frameworks: Record<'mam_non' | 'pho_thong' | 'gdtx', RefAppendix2026>;
  frameworkCounts: {
    values: Record<
      string,
      {
        standards: number;
        criteria: number;
        mandatory: number;
        levelRecords: number;
        quantitativeIndicators: number;
      }
    >;
  };
}

// ---------------------------------------------------------------------------------------------
// What we decide (names, school levels, version notes)
// ---------------------------------------------------------------------------------------------

interface Circular2018Plan {
  code: FrameworkCode;
  referenceFile: string;
  outputFile: string;
  name: string;
  schoolLevels: SchoolLevel[];
  /** Change note of version 2 (TT22/2024 applied). */
  amendedChangeNote: string;
}

const TT22_CHANGE_NOTE = 'Áp dụng Thông tư 22/2024/TT-BGDĐT (bãi bỏ một số chỉ báo)';

const CIRCULARS_2018: Circular2018Plan[] = [
  {
    code: 'TT17',
    referenceFile: 'tt17-2018-tieu-hoc.json',
    outputFile: 'tt17.json',
    name: 'Tiêu chuẩn đánh giá trường tiểu học (Thông tư 17/2018/TT-BGDĐT)',
    schoolLevels: ['tieu_hoc'],
    amendedChangeNote: TT22_CHANGE_NOTE,
  },
  {
    code: 'TT18',
    referenceFile: 'tt18-2018-trung-hoc.json',
    outputFile: 'tt18.json',
    name: 'Tiêu chuẩn đánh giá trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học (Thông tư 18/2018/TT-BGDĐT)',
    schoolLevels: ['thcs', 'thpt', 'nhieu_cap'],
    amendedChangeNote: TT22_CHANGE_NOTE,
  },
  {
    code: 'TT19',
    referenceFile: 'tt19-2018-mam-non.json',
    outputFile: 'tt19.json',
    name: 'Tiêu chuẩn đánh giá trường mầm non (Thông tư 19/2018/TT-BGDĐT)',
    schoolLevels: ['mam_non'],
    // docs/reference/NOTES.md §4: the TT22/2024 repeal list we could read stops inside the TT18
    // part, so the provisions it repeals for mầm non are unknown; version 2 flags nothing and says so.
    amendedChangeNote:
      'Áp dụng Thông tư 22/2024/TT-BGDĐT (chưa xác định được các nội dung bị bãi bỏ đối với trường mầm non)',
  },
];

const ORIGINAL_2018_CHANGE_NOTE = 'Văn bản gốc năm 2018';

interface Appendix2026Plan {
  key: 'mam_non' | 'pho_thong' | 'gdtx';
  code: FrameworkCode;
  name: string;
  schoolLevels: SchoolLevel[];
}

const TT57_FILE = 'tt57-2026.json';
const TT57_APPENDICES: Appendix2026Plan[] = [
  {
    key: 'mam_non',
    code: 'TT57-MN',
    name: 'Tiêu chí bảo đảm chất lượng cơ sở giáo dục mầm non (Thông tư 57/2026/TT-BGDĐT, Phụ lục I)',
    schoolLevels: ['mam_non'],
  },
  {
    key: 'pho_thong',
    code: 'TT57-PT',
    name: 'Tiêu chí bảo đảm chất lượng cơ sở giáo dục phổ thông (Thông tư 57/2026/TT-BGDĐT, Phụ lục II)',
    schoolLevels: ['tieu_hoc', 'thcs', 'thpt', 'nhieu_cap'],
  },
  {
    key: 'gdtx',
    code: 'TT57-GDTX',
    name: 'Tiêu chí bảo đảm chất lượng cơ sở giáo dục thường xuyên (Thông tư 57/2026/TT-BGDĐT, Phụ lục III)',
    schoolLevels: ['gdtx'],
  },
];

const TT57_CHANGE_NOTE = 'Văn bản gốc (Thông tư 57/2026/TT-BGDĐT)';
/** docs/reference/TT57-NOTES.md §2: group A's wording is preferred where they differ (D1, D2). */
const PREFERRED_TITLE_SOURCE = 'S1';
/** The 8 mandatory criteria (TT57-NOTES.md §2, cross-checked). */
const TT57_MANDATORY = ['1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2'];

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`import-reference: ${message}`);
}

/** The day before an ISO date (YYYY-MM-DD): the last day of a version ended by the next one. */
function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  check(!Number.isNaN(date.getTime()), `bad date ${isoDate}`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function todayInVietnam(): string {
  // CONTRACTS.md: dates and "today" are in Asia/Ho_Chi_Minh (these machines run UTC).
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

function generatedNote(referenceFiles: string[], date: string): string {
  return (
    `Generated by packages/core/scripts/import-reference.ts from docs/reference/` +
    `${referenceFiles.join(', docs/reference/')} on ${date}. ` +
    'This file is now the source of truth for the framework catalogue; the script documents its ' +
    'provenance. Corrections to the catalogue are made as new versions, not by editing past versions.'
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Which chỉ báo a repeal flag removes, from its provision text. "… chỉ báo a …" → ["a"]; a whole
 * khoản, or "toàn bộ", → null (every indicator of the criterion at that level).
 */
function repealedKeys(flag: RefAmendmentFlag): string[] | null {
  if (/toàn bộ/u.test(flag.provision)) return null;
  const keys = [...flag.provision.matchAll(/chỉ báo ([a-zđ])\b/gu)].map((m) => m[1] as string);
  return keys.length > 0 ? keys : null;
}

// ---------------------------------------------------------------------------------------------
// 2018
// ---------------------------------------------------------------------------------------------

function convertCriterion2018(ref: RefCriterion2018, amendmentNumbers: Set<string>): CriterionData {
  const indicators: IndicatorData[] = [];
  const levelsWithout = ref.levelsWithoutRequirements.map(Number).sort((a, b) => a - b);
  for (const level of [1, 2, 3]) {
    const list = ref.levels[String(level)] ?? [];
    check(
      (list.length === 0) === levelsWithout.includes(level),
      `${ref.code}: Mức ${level} has ${list.length} indicators but levelsWithoutRequirements is [${levelsWithout}]`,
    );
    const keys = list.map((i) => i.key);
    check(new Set(keys).size === keys.length, `${ref.code}: duplicate keys at Mức ${level}`);
    for (const item of list) indicators.push({ level, key: item.key, text: item.text });
  }
  check(
    Object.keys(ref.levels).every((l) => ['1', '2', '3'].includes(l)),
    `${ref.code}: unexpected level ${Object.keys(ref.levels)}`,
  );

  const amendmentFlags: AmendmentFlagData[] = (ref.amendmentFlags ?? []).map((flag) => {
    const level = Number(flag.appliesToLevel);
    check(amendmentNumbers.has(flag.by), `${ref.code}: flag by unknown instrument ${flag.by}`);
    check(
      flag.provision.includes(`Mức ${level}`),
      `${ref.code}: provision "${flag.provision}" is not Mức ${level}`,
    );
    check(
      flag.provision.includes(`tiêu chí ${ref.code}`),
      `${ref.code}: provision names another criterion`,
    );
    const indicatorKeys = repealedKeys(flag);
    const atLevel = indicators.filter((i) => i.level === level);
    check(atLevel.length > 0, `${ref.code}: repeal of Mức ${level}, which has no indicators`);
    for (const key of indicatorKeys ?? []) {
      check(
        atLevel.some((i) => i.key === key),
        `${ref.code}: repealed chỉ báo ${key} not found at Mức ${level}`,
      );
    }
    return {
      by: flag.by,
      provision: flag.provision,
      appliesToLevel: level,
      indicatorKeys,
      effect: flag.effect,
      mappingConfidence: flag.mappingConfidence,
      source: flag.source,
    };
  });

  const v = ref.verification;
  const withChecks = (label: string, strength: string, checks: string[]): string =>
    checks.length > 0 ? `${label}: ${strength} (${checks.join('; ')})` : `${label}: ${strength}`;
  const verificationNote = [
    withChecks('title', v.title, v.titleCrossChecks),
    withChecks('indicators', v.indicators, v.indicatorCrossChecks),
  ].join('. ');

  return {
    code: ref.code,
    title: ref.title,
    titleSource: null,
    titleVariants: [],
    mandatory: false,
    indicators,
    levelsWithoutRequirements: levelsWithout,
    source: ref.source,
    verified: ref.verified,
    verificationNote,
    notes: ref.notes ?? [],
    quantitative: [],
    suggestedEvidence: [],
    amendmentFlags,
    quantitativeRaw: null,
    evidenceGroupLabel: null,
  };
}

function convertSources2018(refs: RefSource2018[]): SourceCitation[] {
  const seen = new Set<string>();
  const out: SourceCitation[] = [];
  refs.forEach((ref, index) => {
    if (seen.has(ref.ref)) return;
    seen.add(ref.ref);
    const parts = [ref.type, ref.usedFor ? `used for: ${ref.usedFor}` : undefined].filter(Boolean);
    out.push({
      id: ref.id ?? `ref-${String(index + 1).padStart(2, '0')}`,
      ref: ref.ref,
      note: parts.length > 0 ? parts.join('; ') : null,
    });
  });
  return out;
}

function convert2018(
  plan: Circular2018Plan,
  raw: string,
  supersededBy: SupersessionData,
  date: string,
): FrameworkDataFile {
  const ref = JSON.parse(raw) as RefFile2018;

  const circular: LegalInstrumentData = {
    number: ref.circular.number,
    title: ref.circular.title,
    issuedOn: ref.circular.issued,
    effectiveOn: ref.circular.effective,
    note: `Signed by ${ref.circular.signer}. Number, dates and title as given by the cited pages (sources); the official gazette text was not compared.`,
    signer: ref.circular.signer,
    sources: ref.circular.sources,
  };
  check(ref.amendedBy.length === 1, `${plan.code}: expected one amending instrument (TT22/2024)`);
  const amendments: LegalInstrumentData[] = ref.amendedBy.map((a) => ({
    number: a.number,
    title: a.title,
    issuedOn: a.issued,
    effectiveOn: a.effective,
    note: `Effective date: ${a.effectiveVerified} (${a.effectiveSource}). ${a.coverage}`,
    signer: a.signer,
    sources: a.sources,
  }));
  const tt22 = amendments[0] as LegalInstrumentData;
  check(tt22.effectiveOn !== null, `${plan.code}: TT22/2024 has no effective date`);

  const amendmentNumbers = new Set(amendments.map((a) => a.number));
  const standards: StandardData[] = ref.standards.map((s) => ({
    code: s.code,
    title: s.title,
    titleSource: null,
    titleVariants: [],
    verificationNote:
      s.titleCrossChecks.length > 0
        ? `title: source transcription + independent cross-check (${s.titleCrossChecks.join('; ')})`
        : 'title: source transcription only (single secondary source)',
    criteria: s.criteria.map((c) => {
      check(c.code.startsWith(`${s.code}.`), `${c.code} is not in standard ${s.code}`);
      return convertCriterion2018(c, amendmentNumbers);
    }),
  }));

  const criterionCount = standards.reduce((n, s) => n + s.criteria.length, 0);
  check(standards.length === ref.counts.standards, `${plan.code}: standard count`);
  check(criterionCount === ref.counts.criteria, `${plan.code}: criterion count ${criterionCount}`);
  check(ref.level4.length === ref.counts.level4Items, `${plan.code}: Mức 4 item count`);

  const textVersions = new Set(ref.standards.flatMap((s) => s.criteria.map((c) => c.textVersion)));
  check(textVersions.size === 1, `${plan.code}: criteria have different textVersion values`);

  const versions: FrameworkVersionData[] = [
    {
      version: 1,
      effectiveFrom: ref.circular.effective,
      effectiveTo: dayBefore(tt22.effectiveOn),
      changeNote: ORIGINAL_2018_CHANGE_NOTE,
      amendments: [],
    },
    {
      version: 2,
      effectiveFrom: tt22.effectiveOn,
      effectiveTo: dayBefore(supersededBy.effectiveOn),
      changeNote: plan.amendedChangeNote,
      amendments: [tt22.number],
    },
  ];

  const body: FrameworkBodyData = {
    code: plan.code,
    name: plan.name,
    schoolLevels: plan.schoolLevels,
    levels: [1, 2, 3],
    appendix: null,
    standards,
    level4Items: ref.level4.map((item) => ({
      key: item.key,
      ref: item.ref,
      text: item.text,
      verified: item.verified,
      source: item.source,
    })),
  };

  return {
    _generated: generatedNote([plan.referenceFile], date),
    format: 'caitien.framework-data/1',
    generatedFrom: [{ file: plan.referenceFile, sha256: sha256(raw) }],
    regime: '2018',
    circular,
    amendments,
    supersededBy,
    replaces: [],
    discrepancies: [],
    textVersion: [...textVersions][0] ?? null,
    versions,
    sources: convertSources2018(ref.sources),
    frameworks: [body],
  };
}

// ---------------------------------------------------------------------------------------------
// 2026 (TT57)
// ---------------------------------------------------------------------------------------------

/** Group A's wording first; the others become variants, under the reference's source labels. */
function splitTitle(
  code: string,
  title: string,
  variants: Record<string, string> | undefined,
): { titleSource: string | null; titleVariants: TitleVariant[] } {
  if (!variants) return { titleSource: null, titleVariants: [] };
  check(
    variants[PREFERRED_TITLE_SOURCE] === title,
    `${code}: the ${PREFERRED_TITLE_SOURCE} variant is not the title`,
  );
  return {
    titleSource: PREFERRED_TITLE_SOURCE,
    titleVariants: Object.entries(variants)
      .filter(([source]) => source !== PREFERRED_TITLE_SOURCE)
      .map(([source, text]) => ({ source, text })),
  };
}

function convertCriterion2026(
  ref: RefCriterion2026,
  discrepancyNotes: Map<string, string>,
): CriterionData {
  const indicators: IndicatorData[] = [];
  check(
    Object.keys(ref.levels).sort().join() === '1,2',
    `${ref.code}: levels ${Object.keys(ref.levels)} (expected 1 and 2)`,
  );
  for (const level of [1, 2]) {
    const list = ref.levels[String(level)] ?? [];
    // TT57 has one requirement paragraph per level, no lettered chỉ báo (TT57-NOTES.md §2).
    check(list.length === 1, `${ref.code}: Mức ${level} has ${list.length} paragraphs`);
    for (const text of list) indicators.push({ level, key: null, text });
  }
  check(ref.mandatory === TT57_MANDATORY.includes(ref.code), `${ref.code}: mandatory flag`);

  // "cross-checked" and "cross-checked (levels); title disputed" count as verified; the note
  // keeps the full confidence text. Single-source criteria stay unverified.
  const verified = ref.confidence.startsWith('cross-checked');
  const detail = ref.confidenceDetail;
  const detailParts = ['title', 'levels', 'quantitative', 'suggestedEvidence']
    .filter((key) => detail[key] !== undefined)
    .map((key) => `${key}: ${(detail[key] ?? '').replace(/\.$/u, '')}`);
  const verificationNote = `${ref.confidence}. ${detailParts.join('; ')}`;

  const { titleSource, titleVariants } = splitTitle(ref.code, ref.title, ref.titleVariants);
  const discrepancy =
    titleVariants.length > 0 ? discrepancyNotes.get(`criterion ${ref.code}`) : undefined;

  return {
    code: ref.code,
    title: ref.title,
    titleSource,
    titleVariants,
    mandatory: ref.mandatory,
    indicators,
    levelsWithoutRequirements: [],
    source: ref.sources.join(', '),
    verified,
    verificationNote,
    notes: discrepancy ? [discrepancy] : [],
    quantitative: ref.quantitative,
    suggestedEvidence: ref.suggestedEvidence,
    amendmentFlags: [],
    quantitativeRaw: ref.quantitativeRaw,
    evidenceGroupLabel: ref.evidenceGroupLabel,
  };
}

function convert2026(raw: string, date: string): FrameworkDataFile {
  const ref = JSON.parse(raw) as RefFile2026;

  const [formalTitle] = ref.circular.titleCandidates;
  check(formalTitle !== undefined, 'TT57: no title candidate');
  const circular: LegalInstrumentData = {
    number: ref.circular.number,
    title: formalTitle.text,
    issuedOn: ref.circular.signed,
    effectiveOn: ref.circular.effective,
    note:
      `Title (${formalTitle.source}): ${ref.circular.titleConfidence} ` +
      `Effective date: ${ref.circular.identityConfidence.effective ?? 'unknown'} ` +
      `Official copies cited by S1a but not retrieved: ${ref.circular.officialSourcesClaimedButNotRetrieved.join('; ')}.`,
    signer: null,
    sources: [],
  };

  // D1/D2 are about titles: keep their wordings as variants, as the reference does.
  const discrepancies: DiscrepancyData[] = ref.discrepancies.map((d) => ({
    id: d.id,
    what: d.what,
    variants: Object.entries(d)
      .filter(([key]) => !['id', 'what', 'assessment'].includes(key))
      .map(([source, text]) => ({ source, text })),
    assessment: d.assessment,
  }));
  // The notes a disputed criterion carries: "D1 (Criterion 1.4 title (phổ thông)): …".
  const discrepancyNotes = new Map<string, string>();
  for (const d of discrepancies) {
    const match = /^Criterion (\d\.\d) title/u.exec(d.what);
    if (match)
      discrepancyNotes.set(`criterion ${match[1]}`, `${d.id} (${d.what}): ${d.assessment}`);
  }

  const frameworks: FrameworkBodyData[] = TT57_APPENDICES.map((plan) => {
    const appendix = ref.frameworks[plan.key];
    const counts = ref.frameworkCounts.values[plan.key];
    check(counts !== undefined, `TT57 ${plan.key}: no counts`);
    const standards: StandardData[] = appendix.standards.map((s) => ({
      code: s.code,
      title: s.title,
      ...splitTitle(`TT57 ${plan.key} standard ${s.code}`, s.title, s.titleVariants),
      verificationNote: s.titleConfidence,
      criteria: s.criteria.map((c) => {
        check(
          c.code.startsWith(`${s.code}.`),
          `TT57 ${plan.key}: ${c.code} is not in standard ${s.code}`,
        );
        return convertCriterion2026(c, discrepancyNotes);
      }),
    }));
    const criteria = standards.flatMap((s) => s.criteria);
    check(standards.length === counts.standards, `TT57 ${plan.key}: standard count`);
    check(criteria.length === counts.criteria, `TT57 ${plan.key}: criterion count`);
    check(
      criteria.filter((c) => c.mandatory).length === counts.mandatory,
      `TT57 ${plan.key}: mandatory count`,
    );
    check(
      criteria.reduce((n, c) => n + c.indicators.length, 0) === counts.levelRecords,
      `TT57 ${plan.key}: level record count`,
    );
    check(
      criteria.reduce((n, c) => n + c.quantitative.length, 0) === counts.quantitativeIndicators,
      `TT57 ${plan.key}: quantitative indicator count`,
    );
    const appendixData: AppendixData = {
      number: appendix.appendix,
      key: plan.key,
      title: appendix.appendixTitle,
      titleSource: appendix.appendixTitleSource,
      appliesTo: appendix.appliesTo,
      definitions: appendix.appendixNote ?? null,
      levelMeaning: appendix.levelMeaningNote ?? null,
      levelPattern: appendix.levelPattern ?? null,
    };
    return {
      code: plan.code,
      name: plan.name,
      schoolLevels: plan.schoolLevels,
      levels: [1, 2],
      appendix: appendixData,
      standards,
      level4Items: [],
    };
  });

  const sources: SourceCitation[] = ref.sources.map((s) => {
    const where = s.repo.startsWith('unknown')
      ? `${s.repo}${s.indexFileIds ? ` (search index file ids ${s.indexFileIds.join(', ')})` : ''}`
      : `github:${s.repo}${s.path ? `:${s.path}` : ''}${s.commit ? ` @ ${s.commit}` : ''}`;
    return {
      id: s.id,
      ref: where,
      note: `Group ${s.group}${s.author ? ` (${s.author})` : ''}: ${s.what}`,
    };
  });

  return {
    _generated: generatedNote([TT57_FILE], date),
    format: 'caitien.framework-data/1',
    generatedFrom: [{ file: TT57_FILE, sha256: sha256(raw) }],
    regime: '2026',
    circular,
    amendments: [],
    supersededBy: null,
    replaces: ref.replaces.items.map((item) => ({ doc: item.doc, confidence: item.confidence })),
    discrepancies,
    textVersion: null,
    versions: [
      {
        version: 1,
        effectiveFrom: ref.circular.effective,
        effectiveTo: null,
        changeNote: TT57_CHANGE_NOTE,
        amendments: [],
      },
    ],
    sources,
    frameworks,
  };
}

/** TT57 replaces the 2018 circulars: the last 2018 version ends the day before it takes effect. */
function supersessionOf2018(raw2026: string, circularNumber: string): SupersessionData {
  const ref = JSON.parse(raw2026) as RefFile2026;
  const item = ref.replaces.items.find((i) => i.doc.startsWith(`Thông tư ${circularNumber}`));
  check(item !== undefined, `TT57 does not list ${circularNumber} as replaced`);
  return {
    number: ref.circular.number,
    effectiveOn: ref.circular.effective,
    note: `${item.doc} is replaced (${ref.replaces.verb}) — ${item.confidence}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function writeDataFile(
  outputDir: string,
  fileName: string,
  data: FrameworkDataFile,
): Promise<void> {
  const path = join(outputDir, fileName);
  // Formatted with the repository's Prettier settings so `npm run format:check` accepts it.
  const options = (await prettier.resolveConfig(path)) ?? {};
  const text = await prettier.format(JSON.stringify(data), { ...options, filepath: path });
  writeFileSync(path, text, 'utf8');
  console.log(`wrote ${path}`);
}

async function main(): Promise<void> {
  const scriptDir = dirname(fileURLToPath(import.meta.url));
  const repoRoot = resolve(scriptDir, '../../..');
  const args = process.argv.slice(2);
  const dateArg = args.find((a) => a.startsWith('--date='));
  const date = dateArg ? dateArg.slice('--date='.length) : todayInVietnam();
  check(/^\d{4}-\d{2}-\d{2}$/u.test(date), `--date must be YYYY-MM-DD, got ${date}`);
  const referenceDir = resolve(
    args.find((a) => !a.startsWith('--')) ?? join(repoRoot, 'docs/reference'),
  );
  const outputDir = join(repoRoot, 'packages/core/data/frameworks');
  mkdirSync(outputDir, { recursive: true });

  const read = (file: string): string => readFileSync(join(referenceDir, file), 'utf8');
  const raw2026 = read(TT57_FILE);

  for (const plan of CIRCULARS_2018) {
    const raw = read(plan.referenceFile);
    const number = (JSON.parse(raw) as RefFile2018).circular.number;
    await writeDataFile(
      outputDir,
      plan.outputFile,
      convert2018(plan, raw, supersessionOf2018(raw2026, number), date),
    );
  }
  await writeDataFile(outputDir, 'tt57.json', convert2026(raw2026, date));
}

await main();
