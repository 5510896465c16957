import type { ConvertLegacyOffice, LegacyOfficeKind } from './legacy-office.ts';
import type { ParseIssue, PlanLayout } from '@caitien/core';
import { IMPORT_FIELDS, type ImportField, type PlanInterchange } from '@caitien/shared';

/**
 * Types of the plan importer (issue 7): a Word/Excel plan (or a pasted table) in, the plan
 * interchange JSON plus an import report out. The report says what was understood and where every
 * cell went, so the user can check the preview, fix the column mapping and confirm.
 */

/**
 * What a column of the plan table can feed (defined with the API contract, packages/shared). Row text fields (PRODUCT.md §6) plus the columns that
 * only place a row: `ordinal` (TT/STT, used for nothing but reading), `standard` (Tiêu chuẩn),
 * `criterion` (Tiêu chí, or "Tiêu chuẩn, tiêu chí"), and the halves of a split time column
 * (`timeStart` "Bắt đầu"/"Từ", `timeEnd` "Kết thúc"/"Đến"), which make `time` together.
 */
export { IMPORT_FIELDS };
export type { ImportField };

/** Where a cell sits in the source file. Row and column are 1-based. */
export interface SourcePosition {
  /** DOCX: the table's number in the document (1 = first table, the header block counts); XLSX: the sheet's number. */
  table: number;
  /** XLSX only: the sheet's name. */
  sheet?: string;
  /** DOCX: the row within the table; XLSX: the worksheet row; pasted text: the line. */
  row: number;
  /** DOCX: the grid column (merged cells counted as the columns they cover); XLSX: the worksheet column. */
  column: number;
  /** XLSX only: the A1 reference ("B5"). */
  ref?: string;
}

/** One column of the plan table as understood. */
export interface ImportColumn {
  /** 1-based column of the table grid (XLSX: of the worksheet). */
  column: number;
  /** XLSX only: the column letters. */
  letter?: string;
  /** The header text as written; two header rows joined with " / " ("Thời gian / Bắt đầu"). */
  header: string;
  /** The field it feeds; null = unmapped, its cells are listed in `unmappedCells`. */
  field: ImportField | null;
  /** `auto`: recognised from the header; `override`: chosen by the user (options.mapping). */
  source: 'auto' | 'override';
}

/** A row of the table that is structure, not a plan row. */
export interface StructureRow {
  position: SourcePosition;
  text: string;
  kind:
    | 'group'
    | 'standard'
    | 'criterion'
    | 'level4-none'
    | 'column-numbers'
    | 'repeated-header'
    | 'heading';
  /** What the row set, in words ("Nhóm MỨC 4", "Tiêu chuẩn 2"). */
  meaning: string;
}

export type UnmappedReason =
  /** The column's header is not a known plan column (kept here, nothing lost). */
  | 'unmapped-column'
  /** A second column for a field that already has one. */
  | 'duplicate-field'
  /** Right of the header's last column. */
  | 'outside-table'
  /** A row that is neither a plan row nor recognised structure. */
  | 'unrecognised-row'
  /** The criterion column held more than a code that could be read. */
  | 'criterion-text';

export interface UnmappedCell {
  position: SourcePosition;
  text: string;
  /** The header of its column, when it has one. */
  header: string | null;
  reason: UnmappedReason;
}

export interface ImportWarning {
  /** Stable code, e.g. `school-year.missing`, `merge.vertical-copied`. */
  code: string;
  /** Vietnamese, for the user. */
  message: string;
  position?: SourcePosition;
}

/** Parse notes of one field of one imported row. */
export interface RowFieldIssue extends ParseIssue {
  field: 'time' | 'budget' | 'people';
}

/** The report line of one imported row. */
export interface ImportedRowReport {
  /** Index in `plan.rows`. */
  index: number;
  /** The first cell of the row in the source. */
  position: SourcePosition;
  /** Texts of split columns, each verbatim (CONTRACTS.md "Split columns"). */
  splitCells?: { timeStart?: string; timeEnd?: string };
  parseIssues: RowFieldIssue[];
  /** PDF (issue 16): 0–1, how cleanly the row fit the rebuilt table's columns (1 = every text in its cell). */
  confidence?: number;
  /** PDF: where the row is drawn (page, top and bottom in points from the page top), to show beside it. */
  places?: { page: number; top: number; bottom: number }[];
}

export interface DuplicateRows {
  /** Indexes in `plan.rows`; the rows are all kept. */
  rows: number[];
  /** `exact`: same texts; `near`: the same once spacing, case, punctuation and diacritics are ignored. */
  kind: 'exact' | 'near';
  message: string;
}

/** One table (or sheet) the importer looked at, with how well its header matched. */
export interface TableCandidate {
  table: number;
  sheet?: string;
  /** Distinct plan fields recognised in its header; 0 when no header row was found. */
  score: number;
  /** 1-based header row numbers, when a header was found. */
  headerRows: number[];
}

/** The plan table: its first part and, for plans split into several tables, the other parts. */
export interface ImportedTablePart {
  table: number;
  sheet?: string;
  headerRows: number[];
  /** Number of grid rows read after the header. */
  bodyRows: number;
}

/**
 * The import report: everything a user needs to trust the preview. Carried in the interchange
 * JSON's extra top-level field `importReport` (renderers and the JSON import ignore it).
 */
export interface PlanImportReport {
  fileName: string | null;
  /** What was read: doc/xls were converted to docx/xlsx by LibreOffice first (issue 16). */
  fileKind: 'docx' | 'xlsx' | 'text' | 'doc' | 'xls' | 'html' | 'pdf';
  layout: PlanLayout;
  /** Why this layout (Vietnamese). */
  layoutReason: string;
  schoolYear: {
    value: string | null;
    source: 'option' | 'document' | null;
    /** The text it was read from ("Cải tiến chất lượng giáo dục năm học 2022 - 2023"). */
    text: string | null;
  };
  frameworkReason: string;
  /** The plan table: its parts in order (several when the plan has a table per standard). */
  table: { parts: ImportedTablePart[]; candidates: TableCandidate[] };
  columns: ImportColumn[];
  rows: ImportedRowReport[];
  structureRows: StructureRow[];
  unmappedCells: UnmappedCell[];
  duplicates: DuplicateRows[];
  warnings: ImportWarning[];
  /** The header fields found in the document (names of `header` keys with a value). */
  headerFieldsFound: string[];
  /** Counts, for a one-line summary. */
  summary: { rows: number; structureRows: number; unmappedCells: number; warnings: number };
  /** PDF (issue 16): the pages' sizes in points, and whether only the first pages were read. */
  pdf?: { pages: { number: number; width: number; height: number }[]; truncated: boolean };
}

/** The interchange plan with the import report beside it. */
export type ImportedPlan = PlanInterchange & { importReport: PlanImportReport };

/** A column mapping chosen by the user; applied over the recognised one. */
export interface ColumnMappingOverride {
  /** 1-based grid column of the plan table (as `ImportColumn.column`). */
  column?: number;
  /** Or: the header text (compared ignoring case, diacritics and spacing). */
  header?: string;
  /** null = do not map this column (its cells are listed as unmapped). */
  field: ImportField | null;
}

export interface PlanImportOptions {
  fileName?: string;
  /** "2025-2026"; wins over the year the document states (a difference is reported). */
  schoolYear?: string;
  /** Column mapping chosen by the user (preview → fix → confirm). */
  mapping?: readonly ColumnMappingOverride[];
  /** Force the layout instead of detecting it. */
  layout?: PlanLayout;
  /** 1-based table (DOCX) or sheet (XLSX) number to read the plan from, instead of the best match. */
  table?: number;
  /** Largest accepted file; 10 MB by default. */
  maxBytes?: number;
  /** The time written into `exportedAt` (tests pass a fixed one). */
  now?: Date;
  /**
   * Read text typed in legacy Vietnamese fonts (TCVN3 `.VnTime…`, VNI `VNI-…`) as Unicode, run by
   * run (DOCX) or cell by cell (XLSX) from the font's name (default true). false keeps it as typed;
   * the report says how much was (or would have been) converted.
   */
  legacyFonts?: boolean;
  /**
   * Turns a Word/Excel 97–2003 file into DOCX/XLSX (LibreOffice; legacy-office.ts). Without it a
   * .doc/.xls is refused with a message saying what to install or how to save it as .docx/.xlsx.
   */
  convertLegacyOffice?: ConvertLegacyOffice;
  /** Time limit of that conversion, for the message (the converter enforces it). */
  legacyConversionTimeoutMs?: number;
  /**
   * The bytes are the DOCX/XLSX that a .doc/.xls was converted into before this call (the server
   * converts on its main thread, then reads in a worker): the report says so.
   */
  convertedFrom?: LegacyOfficeKind;
}

export type PlanImportErrorCode =
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_FORMAT'
  | 'ENCRYPTED'
  | 'CORRUPT'
  | 'TOO_LARGE'
  | 'NO_PLAN_TABLE'
  | 'TOO_MANY_ROWS'
  | 'INVALID_OPTIONS';

export interface PlanImportError {
  code: PlanImportErrorCode;
  /** Vietnamese, shown to the user: what is wrong and what to do. */
  message: string;
}

export type PlanImportResult =
  { ok: true; plan: ImportedPlan } | { ok: false; error: PlanImportError };

/** Limits of the importer (file and table sizes). */
export const PLAN_IMPORT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  /** Sum of the declared uncompressed sizes of the ZIP entries. */
  maxUncompressedBytes: 60 * 1024 * 1024,
  maxEntries: 5_000,
  /** Rows read after a table's header; a plan has a few dozen. */
  maxTableRows: 3_000,
  /** Grid columns of one table (Word allows 63). */
  maxColumns: 64,
  /** Tables in one document. */
  maxTables: 500,
  /** Worksheet rows and columns read per sheet. */
  maxSheetRows: 5_000,
  maxSheetColumns: 64,
  /** Expanded size of a DOCX body (`word/document.xml`); a long plan's is a few hundred KB. */
  maxDocumentXmlBytes: 8 * 1024 * 1024,
  /** Paragraphs (`<w:p>`) of a DOCX body, in and out of tables; a 40-page plan has a few thousand. */
  maxParagraphs: 40_000,
  /** Text runs (`<w:r>`) of a DOCX body. */
  maxRuns: 150_000,
} as const;
