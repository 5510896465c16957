import type { DocumentPublication } from './publication.ts';
import type { NumberedRow, PlanLayout, Regime, RowTextField } from '@caitien/core';
import {
  FUNDING_SOURCE_LABELS,
  layoutCellText,
  numberPlanRows,
  PLAN_LAYOUT_COLUMNS,
  PLAN_LAYOUTS,
  ROW_TEXT_FIELDS,
  rowStandardCode,
} from '@caitien/core';
import { interchangeRowText, interchangeRowTexts, type PlanInterchange } from '@caitien/shared';
import { stripIllegalXmlChars } from './xml-text.ts';

/**
 * The view model of a plan document: everything the DOCX, XLSX and print renderers need, decided
 * once and without I/O (issue 6 "Structure"). The renderers only lay it out.
 *
 * Layouts (PRODUCT.md §4 and §6):
 * - `A` — 2018 plans: TT | Tiêu chuẩn, tiêu chí | Kết quả cần đạt | Công việc/giải pháp | Chủ trì và
 *   phối hợp | Thời gian | Dự kiến kinh phí | Điều kiện hỗ trợ khác | Ghi chú; rows grouped under
 *   "MỨC 1, 2, 3" / "MỨC 4" and by standard.
 * - `B` — 2018 plans with progress: Tiêu chuẩn | Tiêu chí | TT | Nội dung kế hoạch | Thời gian dự kiến
 *   | Người chịu trách nhiệm | Tiến độ thực hiện | Kết quả | Ghi chú; standard and criterion cells
 *   merged vertically; Mức 4 rows labelled "ĐG Mức 4".
 * - `bieu2` — TT57/2026 Biểu 2: eight numbered sections, the focus-issue table (IV), the 10-column
 *   plan table (V) and the review table (VI).
 */

/** The plan as the renderers read it: the interchange format (plus fields they ignore). */
export type PlanDocumentInput = PlanInterchange;

/** The parts of a framework the document prints: standard and criterion titles, Mức 4 items. */
export interface DocumentFramework {
  standards: ReadonlyArray<{
    code: string;
    title: string;
    criteria: ReadonlyArray<{ code: string; title: string }>;
  }>;
  level4Items: ReadonlyArray<{ key: string; text: string }>;
}

export interface BuildPlanDocumentOptions {
  /** The layout to print; defaults to the plan's own (CONTRACTS.md "CLI"). */
  layout?: PlanLayout | undefined;
  /** Row fields whose columns are hidden; defaults to the plan's own choice. */
  hiddenColumns?: readonly string[] | undefined;
  /** Titles of standards and criteria; without it the document prints the codes only. */
  framework?: DocumentFramework | null | undefined;
}

export type CellAlign = 'left' | 'center';

/** One cell of a table in the document. */
export interface DocCell {
  text: string;
  bold?: boolean;
  italic?: boolean;
  align?: CellAlign;
  /** Columns this cell spans (≥ 1). */
  colSpan?: number;
  /** Rows this cell spans (≥ 1), for vertically merged cells. */
  rowSpan?: number;
}

/** A table row. `null` cells are covered by a span from the left or from above. */
export interface DocRow {
  kind: 'header' | 'numbers' | 'group' | 'standard' | 'item' | 'empty';
  cells: Array<DocCell | null>;
  /** The plan row this table row prints (0-based index into the plan's rows). */
  planRowIndex?: number;
}

export interface DocColumn {
  /** Stable key: a row field, or `tt` / `criterion` / `standard` / layout-specific names. */
  key: string;
  label: string;
  /** Share of the table width, in percent (the widths of the visible columns sum to 100). */
  width: number;
  align: CellAlign;
}

export interface DocTable {
  columns: DocColumn[];
  /** Header rows, repeated on every page. */
  header: DocRow[];
  body: DocRow[];
}

/** A block of the document body, in reading order. */
export type DocBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; italic?: boolean }
  | { kind: 'table'; table: DocTable; role: 'plan' | 'focus' | 'review' };

/** A run of blocks on pages of one orientation. */
export interface DocPart {
  orientation: 'portrait' | 'landscape';
  blocks: DocBlock[];
}

export interface DocWarning {
  code: 'ILLEGAL_XML_CHARACTERS';
  message: string;
  /** Where: "rows[3].tasks", "header.title"… */
  path: string;
}

/** One plan row for the spreadsheet: every text field and the parsed values beside them. */
export interface SheetRow {
  tt: number;
  group: string;
  standard: string;
  criterion: string;
  texts: Record<RowTextField, string>;
  timeStart: string | null;
  timeEnd: string | null;
  amount: number | null;
  fundingSource: string;
  leadParsed: string;
  coordinatorsParsed: string;
  issues: string;
}

/** What the spreadsheet prints: title lines, the rows, and the header fields as a list. */
export interface SheetModel {
  titleLines: string[];
  /** The row fields shown, in order (hidden columns left out). */
  fields: RowTextField[];
  rows: SheetRow[];
  info: Array<{ label: string; value: string }>;
  focusIssues: PlanDocumentInput['focusIssues'];
  reviews: PlanDocumentInput['reviews'];
}

export interface PlanDocumentModel {
  layout: PlanLayout;
  regime: Regime;
  /** "DỰ THẢO" mark on anything not approved (CONTRACTS.md "Documents"). */
  draft: boolean;
  masthead: {
    governingBody: string;
    schoolName: string;
    /** "Số: 67/KH-THĐP". */
    numberLine: string;
    nationalTitle: string;
    motto: string;
    /** "Định Hiệp, ngày 29 tháng 11 năm 2022". */
    dateLine: string;
  };
  title: string;
  subtitle: string;
  /** "(Điều chỉnh, bổ sung lần 1)" for a revision, else empty. */
  revisionLine: string;
  parts: DocPart[];
  recipients: string[];
  /** Signer block: the authority lines (bold capitals), a note, space to sign, then the name. */
  signer: { lines: string[]; signNote: string; name: string };
  rowCount: number;
  /** The plan's rows, numbered and flattened for the spreadsheet. */
  sheet: SheetModel;
  warnings: DocWarning[];
  /** A file name without extension: "Ke-hoach-cai-tien-2025-2026" style but Vietnamese. */
  fileBaseName: string;
  /**
   * Issue 14: the public page of a published plan — its address and QR code, printed after the
   * signature block. Absent on every other document.
   */
  publication?: DocumentPublication | undefined;
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const EMPTY_TABLE_NOTE = '(Kế hoạch chưa có nội dung cải tiến nào.)';

/** Is `value` a layout name? For the CLI and the API (an unknown name → 400 / exit 2). */
export function isPlanLayout(value: string): value is PlanLayout {
  return (PLAN_LAYOUTS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The place-and-date line of NĐ 30/2020: "Định Hiệp, ngày 29 tháng 11 năm 2022", day below 10 and
 * months 1–2 with a leading zero; blanks to fill by hand while the date is not set.
 */
export function formatDateLine(placeName: string, isoDate: string | null): string {
  const place = placeName.trim() || '……………';
  const match = isoDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate) : null;
  if (!match) return `${place}, ngày …… tháng …… năm ……`;
  const [, year, month, day] = match;
  const m = Number(month);
  const d = Number(day);
  return `${place}, ngày ${d < 10 ? pad2(d) : String(d)} tháng ${m <= 2 ? pad2(m) : String(m)} năm ${year}`;
}

/** "Số: 67/KH-THĐP" (the number as the user wrote it; blanks kept for văn thư to fill). */
export function formatNumberLine(documentNumber: string): string {
  const trimmed = documentNumber.replace(/^\s*số\s*:\s*/iu, '');
  return `Số: ${trimmed.trim() === '' ? '     /KH-' : trimmed}`;
}

/** The Vietnamese file name of a plan document (RFC 5987 encoding is the server's job). */
export function planFileBaseName(plan: PlanDocumentInput): string {
  const year = plan.plan.schoolYear ?? 'chua-ro-nam-hoc';
  const school = plan.header.schoolName || plan.school.name;
  const revision =
    plan.plan.revisionNumber > 0 ? ` (điều chỉnh lần ${plan.plan.revisionNumber})` : '';
  const base = `Kế hoạch cải tiến chất lượng ${year} - ${school}${revision}`;
  // Characters no file system accepts, and lone surrogates and C1 controls, which have no UTF-8
  // (encodeURIComponent throws on a lone surrogate: the Content-Disposition header of every
  // download would fail, issue 11); the rest (diacritics included) stays.
  return (
    stripIllegalXmlChars(base)
      .text.replace(/[\u007F-\u009F]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\\/:*?"<>|\u0000-\u001F]/g, '-')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

// ---------------------------------------------------------------------------------------------
// Columns of each layout
// ---------------------------------------------------------------------------------------------

type RowOf = PlanDocumentInput['rows'][number];

/**
 * The columns a layout can show, for the importer and the UI's column chooser. The list itself
 * (headings, widths, which field joins which column) lives in `@caitien/core` (plan-layouts.ts),
 * which the web editor reads too.
 */
export function layoutColumns(
  layout: PlanLayout,
): Array<{ key: string; label: string; field: RowTextField | null }> {
  return PLAN_LAYOUT_COLUMNS[layout].map(({ key, label, field }) => ({ key, label, field }));
}

// ---------------------------------------------------------------------------------------------
// The builder
// ---------------------------------------------------------------------------------------------

interface Sanitiser {
  (text: string, path: string): string;
  warnings: DocWarning[];
}

function makeSanitiser(): Sanitiser {
  const warnings: DocWarning[] = [];
  const seen = new Set<string>();
  const clean = ((text: string, path: string): string => {
    const { text: out, removed } = stripIllegalXmlChars(text);
    if (removed > 0 && !seen.has(path)) {
      seen.add(path);
      warnings.push({
        code: 'ILLEGAL_XML_CHARACTERS',
        path,
        message: `Đã bỏ ${removed} ký tự điều khiển không in được ở ${path}.`,
      });
    }
    return out;
  }) as Sanitiser;
  clean.warnings = warnings;
  return clean;
}

function titles(framework: DocumentFramework | null | undefined) {
  const standards = new Map<string, string>();
  const criteria = new Map<string, string>();
  const level4 = new Map<string, string>();
  for (const s of framework?.standards ?? []) {
    standards.set(s.code, s.title);
    for (const c of s.criteria) criteria.set(c.code, c.title);
  }
  for (const item of framework?.level4Items ?? []) level4.set(item.key, item.text);
  return { standards, criteria, level4 };
}

function headerCells(columns: DocColumn[]): DocRow[] {
  const header: DocRow = {
    kind: 'header',
    cells: columns.map((c) => ({ text: c.label, bold: true, align: 'center' })),
  };
  const numbers: DocRow = {
    kind: 'numbers',
    cells: columns.map((_, i) => ({ text: `(${i + 1})`, italic: true, align: 'center' })),
  };
  return [header, numbers];
}

function visibleColumns(layout: PlanLayout, hidden: ReadonlySet<string>): DocColumn[] {
  const defs = PLAN_LAYOUT_COLUMNS[layout].filter((c) => c.field === null || !hidden.has(c.field));
  const total = defs.reduce((sum, c) => sum + c.width, 0);
  return defs.map(({ key, label, width, align }) => ({
    key,
    label,
    align,
    width: Math.round((width / total) * 1000) / 10,
  }));
}

function emptyRow(columns: DocColumn[]): DocRow {
  return {
    kind: 'empty',
    cells: [
      { text: EMPTY_TABLE_NOTE, italic: true, align: 'center', colSpan: columns.length },
      ...columns.slice(1).map(() => null),
    ],
  };
}

function spanRow(kind: 'group' | 'standard', text: string, columns: DocColumn[]): DocRow {
  return {
    kind,
    cells: [
      { text, bold: true, align: 'left', colSpan: columns.length },
      ...columns.slice(1).map(() => null),
    ],
  };
}

/** A plan row in the plan's one order (`numberPlanRows`) with the texts its columns print. */
type TableEntry = NumberedRow<RowOf> & { texts: Record<string, string> };

interface TableContext {
  layout: PlanLayout;
  regime: PlanDocumentInput['plan']['regime'];
  columns: DocColumn[];
  /** In the plan's one order, numbered as the editor and the checks number them. */
  rows: TableEntry[];
  titles: ReturnType<typeof titles>;
}

/** The heading of a standard in layout A ("Tiêu chuẩn 2: title"). */
function standardHeading(ctx: TableContext, standard: string): string {
  const title = ctx.titles.standards.get(standard);
  return title ? `Tiêu chuẩn ${standard}: ${title}` : `Tiêu chuẩn ${standard}`;
}

/**
 * Layout A: group rows ("MỨC 1, 2, 3", "MỨC 4"), standard rows, then the plan rows, in the plan's
 * one order and with its TT (a row added under Tiêu chuẩn 2 prints under Tiêu chuẩn 2).
 */
function layoutATable(ctx: TableContext): DocRow[] {
  const body: DocRow[] = [];
  const groupLabels: Partial<Record<TableEntry['section'], string>> = {
    levels_1_3: 'MỨC 1, 2, 3',
    level_4: 'MỨC 4',
  };
  let section: TableEntry['section'] | null = null;
  let standard: string | null | undefined;
  let standardShown = false;
  for (const entry of ctx.rows) {
    if (entry.section !== section) {
      section = entry.section;
      standard = undefined;
      const label = groupLabels[section];
      if (label) body.push(spanRow('group', label, ctx.columns));
    }
    if (section === 'levels_1_3' && entry.standardCode !== standard) {
      standard = entry.standardCode;
      if (standard !== null) {
        body.push(spanRow('standard', standardHeading(ctx, standard), ctx.columns));
        standardShown = true;
      } else if (standardShown) {
        // Rows without a standard come last; a heading keeps them from reading as the last
        // standard's rows.
        body.push(spanRow('standard', 'Chưa gắn tiêu chuẩn', ctx.columns));
      }
    }
    body.push(itemRow(ctx, entry, entry.number, criterionLabelA(ctx, entry.row)));
  }
  if (ctx.regime === '2018' && !ctx.rows.some((r) => r.section === 'level_4')) {
    // "MỨC 4: Không có" is how schools say the section is empty; an empty Mức 1–3 is omitted
    // when the plan has other rows.
    body.push(spanRow('group', 'MỨC 4: Không có', ctx.columns));
  }
  return body;
}

function criterionLabelA(ctx: TableContext, row: RowOf): string {
  if (row.group === 'level_4') {
    return row.level4Key ? `Tiêu chí ${row.level4Key}` : '';
  }
  if (!row.criterionCode) return row.standardCode ? `Tiêu chuẩn ${row.standardCode}` : '';
  const title = ctx.titles.criteria.get(row.criterionCode);
  return title ? `Tiêu chí ${row.criterionCode}: ${title}` : `Tiêu chí ${row.criterionCode}`;
}

function itemRow(ctx: TableContext, entry: TableEntry, tt: number, criterionLabel: string): DocRow {
  return {
    kind: 'item',
    planRowIndex: entry.index,
    cells: ctx.columns.map((c): DocCell => {
      if (c.key === 'tt') return { text: String(tt), align: 'center' };
      if (c.key === 'criterion') return { text: criterionLabel, align: c.align };
      return { text: entry.texts[c.key] ?? '', align: c.align };
    }),
  };
}

/**
 * Layout B: Tiêu chuẩn and Tiêu chí cells merged over consecutive rows of the same standard /
 * criterion; Mức 4 rows carry "ĐG Mức 4" in the standard column and the item number as criterion.
 */
function layoutBTable(ctx: TableContext): DocRow[] {
  const ordered = ctx.rows;
  const body: DocRow[] = ordered.map((entry) => itemRow(ctx, entry, entry.number, ''));
  const standardCol = ctx.columns.findIndex((c) => c.key === 'standard');
  const criterionCol = ctx.columns.findIndex((c) => c.key === 'criterion');
  const standardKey = (row: RowOf): string =>
    row.group === 'level_4' ? 'ĐG Mức 4' : (rowStandardCode(row) ?? '');
  const criterionKey = (row: RowOf): string =>
    row.group === 'level_4' ? (row.level4Key ?? '') : (row.criterionCode ?? '');
  mergeRuns(body, ordered, standardCol, (r) => standardKey(r), null);
  mergeRuns(
    body,
    ordered,
    criterionCol,
    (r) => criterionKey(r),
    (r) => standardKey(r),
  );
  return body;
}

/** Sets `text` + rowSpan on the first row of each run of equal keys; later cells become null. */
function mergeRuns(
  body: DocRow[],
  rows: TableContext['rows'],
  col: number,
  keyOf: (row: RowOf) => string,
  parentOf: ((row: RowOf) => string) | null,
): void {
  let start = 0;
  while (start < rows.length) {
    const first = rows[start];
    if (!first) break;
    const key = keyOf(first.row);
    const parent = parentOf?.(first.row);
    let end = start + 1;
    while (end < rows.length) {
      const next = rows[end];
      if (!next || keyOf(next.row) !== key || parentOf?.(next.row) !== parent) break;
      end += 1;
    }
    const firstRow = body[start];
    if (firstRow) {
      firstRow.cells[col] = {
        text: key,
        align: 'center',
        ...(end - start > 1 ? { rowSpan: end - start } : {}),
      };
    }
    for (let i = start + 1; i < end; i += 1) {
      const covered = body[i];
      if (covered) covered.cells[col] = null;
    }
    start = end;
  }
}

/** Biểu 2 mục V: one row per plan row, in the plan's one order and with its TT. */
function bieu2Table(ctx: TableContext): DocRow[] {
  return ctx.rows.map((entry) => itemRow(ctx, entry, entry.number, ''));
}

function focusTable(plan: PlanDocumentInput, clean: Sanitiser): DocTable {
  const defs: DocColumn[] = [
    { key: 'tt', label: 'TT', width: 6, align: 'center' },
    { key: 'standard', label: 'Tiêu chuẩn', width: 12, align: 'center' },
    { key: 'criterion', label: 'Tiêu chí liên quan (nếu có)', width: 14, align: 'center' },
    { key: 'currentState', label: 'Đánh giá hiện trạng', width: 24, align: 'left' },
    { key: 'limitation', label: 'Điểm hạn chế', width: 22, align: 'left' },
    { key: 'cause', label: 'Nguyên nhân của hạn chế', width: 22, align: 'left' },
  ];
  const body: DocRow[] = plan.focusIssues.map((f, i) => ({
    kind: 'item',
    cells: [
      { text: String(i + 1), align: 'center' },
      {
        text: clean(f.standardCode ?? f.criterionCode?.split('.')[0] ?? '', `focusIssues[${i}]`),
        align: 'center',
      },
      { text: clean(f.criterionCode ?? '', `focusIssues[${i}].criterionCode`), align: 'center' },
      { text: clean(f.currentState, `focusIssues[${i}].currentState`) },
      { text: clean(f.limitation, `focusIssues[${i}].limitation`) },
      { text: clean(f.cause, `focusIssues[${i}].cause`) },
    ],
  }));
  return {
    columns: defs,
    header: [headerCells(defs)[0] as DocRow],
    body: body.length > 0 ? body : [emptyRow(defs)],
  };
}

function reviewTable(plan: PlanDocumentInput, clean: Sanitiser): DocTable {
  const defs: DocColumn[] = [
    { key: 'round', label: 'Thời điểm', width: 14, align: 'left' },
    { key: 'content', label: 'Nội dung theo dõi', width: 24, align: 'left' },
    { key: 'result', label: 'Kết quả thực hiện', width: 24, align: 'left' },
    { key: 'adjustment', label: 'Điều chỉnh (nếu có)', width: 22, align: 'left' },
    { key: 'reviewer', label: 'Người đánh giá', width: 16, align: 'left' },
  ];
  const body: DocRow[] = plan.reviews.map((r, i) => ({
    kind: 'item',
    cells: [
      { text: clean(r.roundLabel, `reviews[${i}].roundLabel`), bold: true },
      { text: clean(r.content, `reviews[${i}].content`) },
      { text: clean(r.result, `reviews[${i}].result`) },
      { text: clean(r.adjustment, `reviews[${i}].adjustment`) },
      { text: clean(r.reviewer, `reviews[${i}].reviewer`) },
    ],
  }));
  return {
    columns: defs,
    header: [headerCells(defs)[0] as DocRow],
    body: body.length > 0 ? body : [emptyRow(defs)],
  };
}

/** The section keys where the tables go (plan-defaults on the server writes them). */
const PLAN_TABLE_SECTIONS = new Set(['content', 'plan']);

function paragraphsOf(body: string): string[] {
  // Paragraphs are the lines the user typed; blank lines are kept as empty paragraphs so the
  // spacing the school chose survives, except at the very start and end.
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines;
}

/** "./." closes the content (NĐ 30/2020 samples); added unless the school already wrote it. */
function closeContent(parts: DocPart[]): void {
  const last = parts[parts.length - 1];
  const lastBlock = last?.blocks[last.blocks.length - 1];
  if (lastBlock?.kind === 'paragraph') {
    const text = lastBlock.text.trimEnd();
    if (!text.endsWith('./.')) lastBlock.text = text.endsWith('.') ? `${text}/.` : `${text}./.`;
    return;
  }
  const portrait = last?.orientation === 'portrait' ? last : null;
  const target = portrait ?? { orientation: 'portrait' as const, blocks: [] };
  if (!portrait) parts.push(target);
  target.blocks.push({ kind: 'paragraph', text: './.' });
}

const GROUP_LABELS: Record<RowOf['group'], string> = {
  levels_1_3: 'MỨC 1, 2, 3',
  level_4: 'MỨC 4',
  tt57: '',
};

function personRefsText(refs: ReadonlyArray<{ text: string; kind: string }>): string {
  return refs.map((r) => r.text).join('; ');
}

function buildSheet(
  plan: PlanDocumentInput,
  numbered: ReadonlyArray<NumberedRow<RowOf>>,
  layout: PlanLayout,
  hidden: ReadonlySet<string>,
  clean: Sanitiser,
): SheetModel {
  const fields = ROW_TEXT_FIELDS.filter((f) => !hidden.has(f));
  const rows = numbered.map(({ row, index: i, number }): SheetRow => {
    const texts = Object.fromEntries(
      ROW_TEXT_FIELDS.map((f) => {
        const raw = interchangeRowText(row, f);
        return [f, clean(raw, `rows[${i}].${f}`)];
      }),
    ) as Record<RowTextField, string>;
    const issues = [...row.time.issues, ...row.budget.issues, ...row.people.issues]
      .filter((issue) => issue.severity !== 'info')
      .map((issue) => issue.message);
    return {
      tt: number,
      group: GROUP_LABELS[row.group],
      // "ĐG Mức 4" in the standard column marks a Mức 4 row, as layout B prints it (seed 001).
      standard: row.group === 'level_4' ? 'ĐG Mức 4' : (rowStandardCode(row) ?? ''),
      criterion: row.group === 'level_4' ? (row.level4Key ?? '') : (row.criterionCode ?? ''),
      texts,
      timeStart: row.time.start,
      timeEnd: row.time.end,
      amount: row.budget.amount,
      fundingSource: row.budget.text.trim() === '' ? '' : FUNDING_SOURCE_LABELS[row.budget.source],
      leadParsed: row.people.lead ? personRefsText([row.people.lead]) : '',
      coordinatorsParsed: personRefsText(row.people.coordinators),
      issues: issues.join('\n'),
    };
  });
  const header = plan.header;
  return {
    titleLines: [
      `${clean(header.title || 'KẾ HOẠCH', 'header.title')} ${clean(header.subtitle, 'header.subtitle')}`.trim(),
      clean(header.schoolName || plan.school.name, 'header.schoolName'),
    ],
    fields,
    rows,
    info: [
      ['Cơ quan chủ quản', header.governingBody, 'header.governingBody'],
      ['Tên trường', header.schoolName, 'header.schoolName'],
      ['Số, ký hiệu', header.documentNumber, 'header.documentNumber'],
      ['Địa danh', header.placeName, 'header.placeName'],
      ['Ngày ban hành', header.documentDate ?? '', 'header.documentDate'],
      ['Năm học', plan.plan.schoolYear ?? '', 'plan.schoolYear'],
      ['Bộ tiêu chuẩn', plan.plan.frameworkId ?? '', 'plan.frameworkId'],
      ['Mẫu trình bày', layout, 'plan.layout'],
      ['Tiêu đề', header.title, 'header.title'],
      ['Trích yếu', header.subtitle, 'header.subtitle'],
      ['Quyền hạn ký', header.signerPrefix, 'header.signerPrefix'],
      ['Chức vụ người ký', header.signerTitle, 'header.signerTitle'],
      ['Người ký', header.signerName, 'header.signerName'],
      ['Nơi nhận', header.recipients.join('\n'), 'header.recipients'],
      ...plan.sections.map(
        (section, i) => [section.heading, section.body, `sections[${i}].body`] as const,
      ),
    ].map(([label, value, path]) => ({
      label: clean(label, path.replace(/body$/, 'heading')),
      value: clean(value, path),
    })),
    focusIssues: plan.focusIssues,
    reviews: plan.reviews,
  };
}

const BARE_AUTHORITY = /^(TM|KT|Q|TL|TUQ)\.?$/iu;

/**
 * The authority lines of the signature block (NĐ 30/2020 ô 7a): "KT. HIỆU TRƯỞNG" over "PHÓ HIỆU
 * TRƯỞNG"; "TM. HỘI ĐỒNG TRƯỜNG" over "CHỦ TỊCH". A prefix written in full is printed as written
 * above the title; a bare "KT." before a deputy's title names the head ("PHÓ " removed).
 */
export function signerLines(prefix: string, title: string): string[] {
  const p = prefix.trim().toLocaleUpperCase('vi');
  const t = title.trim().toLocaleUpperCase('vi');
  if (p === '') return [t];
  const bare = BARE_AUTHORITY.exec(p);
  if (!bare) return [p, t];
  const abbreviation = `${(bare[1] ?? '').toUpperCase()}.`;
  if (abbreviation === 'KT.' && t.startsWith('PHÓ ')) return [`KT. ${t.slice(4)}`, t];
  return [`${abbreviation} ${t}`];
}

/**
 * Builds the document view model of a plan. Pure: the same plan and options give the same model.
 * Texts are kept exactly as written; only characters XML cannot hold are removed, with a warning.
 */
export function buildPlanDocument(
  plan: PlanDocumentInput,
  options: BuildPlanDocumentOptions = {},
): PlanDocumentModel {
  const layout = options.layout ?? plan.plan.layout;
  const hidden = new Set(options.hiddenColumns ?? plan.plan.hiddenColumns);
  const clean = makeSanitiser();
  const frameworkTitles = titles(options.framework);
  const columns = visibleColumns(layout, hidden);

  // One order and one TT for every table and the spreadsheet, as the editor and the checks have.
  const numbered = numberPlanRows(plan.rows, plan.plan.regime);
  const rows: TableEntry[] = numbered.map((entry) => {
    const all = interchangeRowTexts(entry.row);
    const texts: Record<string, string> = {};
    for (const c of PLAN_LAYOUT_COLUMNS[layout]) {
      if (c.field === null || hidden.has(c.field)) continue;
      texts[c.field] = clean(
        layoutCellText(layout, c.field, all),
        `rows[${entry.index}].${c.field}`,
      );
    }
    return { ...entry, texts };
  });
  const ctx: TableContext = {
    layout,
    regime: plan.plan.regime,
    columns,
    rows,
    titles: frameworkTitles,
  };
  const body =
    rows.length === 0
      ? [emptyRow(columns)]
      : layout === 'A'
        ? layoutATable(ctx)
        : layout === 'B'
          ? layoutBTable(ctx)
          : bieu2Table(ctx);
  const [headerRow, numbersRow] = headerCells(columns);
  const planTable: DocTable = {
    columns,
    header:
      layout === 'bieu2' ? [headerRow as DocRow, numbersRow as DocRow] : [headerRow as DocRow],
    body,
  };

  // Sections in order; the plan table opens a landscape part, later sections return to portrait.
  const parts: DocPart[] = [{ orientation: 'portrait', blocks: [] }];
  const current = (): DocPart => parts[parts.length - 1] as DocPart;
  let planTablePlaced = false;
  const sectionBlocks = (heading: string, text: string, key: string, i: number): DocBlock[] => [
    ...(heading.trim() !== ''
      ? [{ kind: 'heading' as const, text: clean(heading, `sections[${i}].heading`) }]
      : []),
    ...paragraphsOf(clean(text, `sections[${i}].body`)).map((line) => ({
      kind: 'paragraph' as const,
      text: line,
      ...(key === 'bases' && /^\s*[-*+•]?\s*căn cứ/iu.test(line) ? { italic: true } : {}),
    })),
  ];
  for (const [i, section] of plan.sections.entries()) {
    const blocks = sectionBlocks(section.heading, section.body, section.key, i);
    if (PLAN_TABLE_SECTIONS.has(section.key) && !planTablePlaced) {
      parts.push({
        orientation: 'landscape',
        blocks: [...blocks, { kind: 'table', table: planTable, role: 'plan' }],
      });
      planTablePlaced = true;
      continue;
    }
    if (current().orientation === 'landscape') parts.push({ orientation: 'portrait', blocks: [] });
    current().blocks.push(...blocks);
    if (section.key === 'focus' && (layout === 'bieu2' || plan.focusIssues.length > 0)) {
      current().blocks.push({ kind: 'table', table: focusTable(plan, clean), role: 'focus' });
    }
    if (section.key === 'monitoring' && (layout === 'bieu2' || plan.reviews.length > 0)) {
      current().blocks.push({ kind: 'table', table: reviewTable(plan, clean), role: 'review' });
    }
  }
  if (!planTablePlaced) {
    // A plan whose sections name no table place (e.g. imported without sections): the table
    // follows the sections under its usual heading.
    parts.push({
      orientation: 'landscape',
      blocks: [
        {
          kind: 'heading',
          text: layout === 'bieu2' ? 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG' : 'NỘI DUNG KẾ HOẠCH',
        },
        { kind: 'table', table: planTable, role: 'plan' },
      ],
    });
  }
  const nonEmpty = parts.filter((p) => p.blocks.length > 0);
  closeContent(nonEmpty);

  const header = plan.header;
  const signerTitle = header.signerTitle.trim() || 'HIỆU TRƯỞNG';
  const model: PlanDocumentModel = {
    layout,
    regime: plan.plan.regime,
    draft: plan.plan.status !== 'approved',
    masthead: {
      governingBody: clean(header.governingBody, 'header.governingBody').toLocaleUpperCase('vi'),
      schoolName: clean(header.schoolName, 'header.schoolName').toLocaleUpperCase('vi'),
      numberLine: clean(formatNumberLine(header.documentNumber), 'header.documentNumber'),
      nationalTitle: NATIONAL_TITLE,
      motto: NATIONAL_MOTTO,
      dateLine: clean(formatDateLine(header.placeName, header.documentDate), 'header.placeName'),
    },
    title: clean(header.title || 'KẾ HOẠCH', 'header.title'),
    subtitle: clean(header.subtitle, 'header.subtitle'),
    revisionLine:
      plan.plan.revisionNumber > 0 ? `(Điều chỉnh, bổ sung lần ${plan.plan.revisionNumber})` : '',
    parts: nonEmpty,
    recipients: header.recipients.map((r, i) => clean(r, `header.recipients[${i}]`)),
    signer: {
      lines: signerLines(
        clean(header.signerPrefix, 'header.signerPrefix'),
        clean(signerTitle, 'header.signerTitle'),
      ),
      signNote: layout === 'bieu2' ? '(Ký, ghi rõ họ tên, đóng dấu)' : '',
      name: clean(header.signerName, 'header.signerName'),
    },
    rowCount: plan.rows.length,
    sheet: buildSheet(plan, numbered, layout, hidden, clean),
    warnings: clean.warnings,
    fileBaseName: planFileBaseName(plan),
  };
  return model;
}
