import {
  EMPTY_DIRECTORY,
  findFrameworkVersion,
  foldVietnamese,
  formatSchoolYear,
  listCriteria,
  loadFrameworkCatalogue,
  parseRowCells,
  normalizeSchoolYear,
  parseSchoolYear,
  regimeOfSchoolYear,
  ROW_TEXT_FIELDS,
  searchKey,
  selectFrameworkCode,
  TT57_FIRST_SCHOOL_YEAR,
  type FrameworkCode,
  type FrameworkDefinition,
  type PlanLayout,
  type Regime,
  type RowTextField,
  type SchoolLevel,
} from '@caitien/core';
import {
  interchangeRowText,
  PLAN_INTERCHANGE_FORMAT_VERSION,
  type PlanInterchange,
} from '@caitien/shared';
import { layoutColumns } from '../render/plan-document.ts';
import { readDocumentHeader, type DocLine } from './document-header.ts';
import type { DocxBody } from './docx-reader.ts';
import {
  columnLetters,
  describePosition,
  gridFromDocxTable,
  gridFromText,
  gridFromWorksheet,
  type Grid,
} from './grid.ts';
import {
  convertedNote,
  convertLegacyPlanFile,
  LEGACY_CONVERSION_TIMEOUT_MS,
} from './legacy-office.ts';
import { readXlsxDefaultFont } from '../xlsx/default-font.ts';
import { LegacyFontTally, legacyFontNotes } from './legacy-fonts.ts';
import { decodeHtml, HtmlTooLarge, readHtmlBody, type HtmlBody } from './html-reader.ts';
import { openPlanFile, sniffPlanFile } from './plan-file.ts';
import { readPdfSource } from './pdf-reader.ts';
import { sanitizeSourceText } from './source-text.ts';
import { headerKey, readStructureText } from './plan-headers.ts';
import {
  PLAN_IMPORT_LIMITS,
  type DuplicateRows,
  type ImportColumn,
  type ImportedPlan,
  type ImportedRowReport,
  type ImportWarning,
  type PlanImportError,
  type PlanImportOptions,
  type PlanImportReport,
  type PlanImportResult,
  type RowFieldIssue,
  type TableCandidate,
} from './plan-import.types.ts';
import { readPlanRows, type DraftRow, type TablePart } from './plan-rows.ts';
import { readFocusIssues, readReviews } from './side-tables.ts';
import {
  applyMappingOverrides,
  findTableHeader,
  headerLabel,
  headerSimilarity,
  type HeaderColumn,
  type TableHeader,
} from './plan-table.ts';

/**
 * The plan importer (issue 7): a Word or Excel plan — or a table pasted from either — becomes the
 * plan interchange JSON (packages/shared/src/interchange.schemas.ts) plus an `importReport` that
 * shows what was understood: the table chosen, the header rows, the column mapping, the structure
 * rows, every cell that did not go into a row field (with its position), duplicates, warnings and
 * the parse notes of each row. Pure: bytes in, a result out; no database, no HTTP. Texts are kept
 * as written; time, budget and people go through the editor's parsers (parseRowCells) with the
 * plan's school year. Bad input gives `{ ok: false, error: { code, message } }`, never a throw.
 */

export interface SourceDocument {
  kind: PlanImportReport['fileKind'];
  grids: Grid[];
  /** DOCX: the body in order (paragraphs numbered from 1, tables by grid index). */
  blocks: Array<
    { kind: 'paragraph'; text: string; number: number } | { kind: 'grid'; index: number }
  >;
  /** What the reader reports about the whole file (legacy fonts converted, issue 16). */
  notes?: ImportWarning[];
}

interface Analysis {
  parts: TablePart[];
  primary: number;
  candidates: TableCandidate[];
  /** Block indexes (DOCX) of the parts' grids. */
  partBlocks: number[];
  /** Paragraph block indexes consumed as structure. */
  consumedBlocks: Set<number>;
}

const catalogue = { value: null as FrameworkDefinition[] | null };
function frameworkVersion(code: FrameworkCode): FrameworkDefinition | null {
  catalogue.value ??= loadFrameworkCatalogue();
  return findFrameworkVersion(catalogue.value, code);
}

function failure(code: PlanImportError['code'], message: string): PlanImportResult {
  return { ok: false, error: { code, message } };
}

function gridLines(grid: Grid, fromRow: number, toRow: number): DocLine[] {
  const lines: DocLine[] = [];
  for (let row = Math.max(0, fromRow); row < Math.min(toRow, grid.slots.length); row += 1) {
    for (const [col, cell] of (grid.slots[row] ?? []).entries()) {
      if (cell && cell.row === row && cell.col === col && cell.text.trim() !== '') {
        lines.push({ text: cell.text, kind: 'cell' });
      }
    }
  }
  return lines;
}

function isStructureParagraph(text: string): boolean {
  return text.trim() !== '' && text.length < 200 && readStructureText(text) !== null;
}

/** Finds the plan table (and its other parts when the plan is split into several tables). */
function analyse(source: SourceDocument, options: PlanImportOptions): Analysis | PlanImportError {
  const headers = source.grids.map((grid) => findTableHeader(grid));
  const candidates: TableCandidate[] = source.grids.map((grid, i) => {
    const header = headers[i];
    return {
      table: grid.number,
      ...(grid.sheet !== undefined ? { sheet: grid.sheet } : {}),
      score: header?.score ?? 0,
      headerRows: header
        ? Array.from({ length: header.rowCount }, (_, k) => header.startRow + k + 1)
        : [],
    };
  });
  let primary = -1;
  if (options.table !== undefined) {
    primary = source.grids.findIndex((grid) => grid.number === options.table);
    if (primary === -1 || !headers[primary]) {
      const what = source.kind === 'xlsx' ? 'trang tính' : 'bảng';
      return {
        code: 'NO_PLAN_TABLE',
        message: `Không tìm thấy dòng tiêu đề cột của kế hoạch trong ${what} số ${options.table}. Hãy chọn ${what} khác hoặc để hệ thống tự tìm.`,
      };
    }
  } else {
    for (const [i, header] of headers.entries()) {
      if (header && (primary === -1 || header.score > (headers[primary]?.score ?? 0))) primary = i;
    }
  }
  const primaryHeader = primary === -1 ? null : headers[primary];
  if (!primaryHeader) {
    const where =
      source.kind === 'xlsx'
        ? `${source.grids.length} trang tính`
        : source.kind === 'docx'
          ? `${source.grids.length} bảng của văn bản`
          : 'nội dung đã dán';
    return {
      code: 'NO_PLAN_TABLE',
      message:
        source.grids.length === 0 && source.kind === 'docx'
          ? 'Văn bản không có bảng nào. Kế hoạch cần có bảng nội dung (các cột như “Tiêu chí”, “Kết quả cần đạt”, “Công việc/giải pháp”, “Thời gian”, “Người thực hiện”…).'
          : `Không tìm thấy bảng kế hoạch (đã xem ${where}): cần một dòng tiêu đề cột có ít nhất ba cột của kế hoạch, ví dụ “Tiêu chí”, “Kết quả cần đạt” hoặc “Nội dung”, “Công việc/giải pháp”, “Thời gian”, “Chủ trì/Người chịu trách nhiệm”, “Kinh phí”. Hãy kiểm tra tên cột rồi tải lên lại.`,
    };
  }

  const overrides = options.mapping ?? [];
  const partFor = (
    index: number,
    header: TableHeader | null,
    lead: TablePart['leadingStructure'],
  ): TablePart => {
    const grid = source.grids[index] as Grid;
    const columns: HeaderColumn[] = header
      ? header.columns.map((c) => ({ ...c, path: [...c.path] }))
      : primaryHeader.columns.map((c) => ({ ...c, path: [...c.path] }));
    applyMappingOverrides(columns, overrides);
    return {
      grid,
      header,
      columns,
      bodyStart: header ? header.startRow + header.rowCount : 0,
      leadingStructure: lead,
    };
  };

  const parts: TablePart[] = [];
  const partBlocks: number[] = [];
  const consumed = new Set<number>();
  if (source.kind === 'docx') {
    const blockOf = (gridIndex: number) =>
      source.blocks.findIndex((b) => b.kind === 'grid' && b.index === gridIndex);
    const firstBlock = blockOf(primary);
    // Structure paragraphs just above the table ("MỨC 1, 2, 3", "Tiêu chuẩn 1: …").
    const lead: TablePart['leadingStructure'] = [];
    for (let b = firstBlock - 1; b >= 0 && lead.length < 3; b -= 1) {
      const block = source.blocks[b];
      if (!block || block.kind !== 'paragraph') break;
      if (block.text.trim() === '') continue;
      if (!isStructureParagraph(block.text)) break;
      lead.unshift({ text: block.text, paragraph: block.number });
      consumed.add(b);
    }
    parts.push(partFor(primary, primaryHeader, lead));
    partBlocks.push(firstBlock);
    let pending: { lead: TablePart['leadingStructure']; blocks: number[]; onlyStructure: boolean } =
      {
        lead: [],
        blocks: [],
        onlyStructure: true,
      };
    for (let b = firstBlock + 1; b < source.blocks.length; b += 1) {
      const block = source.blocks[b];
      if (!block) continue;
      if (block.kind === 'paragraph') {
        if (block.text.trim() === '') continue;
        if (isStructureParagraph(block.text)) {
          pending.lead.push({ text: block.text, paragraph: block.number });
          pending.blocks.push(b);
        } else {
          pending.onlyStructure = false;
        }
        continue;
      }
      const grid = source.grids[block.index];
      const header = headers[block.index];
      if (!grid) continue;
      const isSimilar =
        header !== null && header !== undefined && headerSimilarity(primaryHeader, header) >= 0.6;
      const isContinuation =
        !header &&
        pending.onlyStructure &&
        grid.width === (source.grids[primary]?.width ?? -1) &&
        grid.width >= 3 &&
        source.grids[block.index]?.slots.length !== 0;
      if (isSimilar || isContinuation) {
        parts.push(partFor(block.index, isSimilar ? header : null, pending.lead));
        partBlocks.push(b);
        for (const consumedBlock of pending.blocks) consumed.add(consumedBlock);
        pending = { lead: [], blocks: [], onlyStructure: true };
      } else if (grid.slots.length > 0) {
        pending.onlyStructure = false;
      }
    }
  } else {
    parts.push(partFor(primary, primaryHeader, []));
    for (const [i, header] of headers.entries()) {
      if (i === primary || !header || i < primary) continue;
      if (headerSimilarity(primaryHeader, header) >= 0.6) parts.push(partFor(i, header, []));
    }
  }
  return { parts, primary, candidates, partBlocks, consumedBlocks: consumed };
}

type SchoolLevelGuess = { level: SchoolLevel; reason: string } | null;

/** The school's level from its name ("TRƯỜNG TIỂU HỌC …", "Trường THCS …", "Trường Mầm non …"). */
function levelFromName(name: string): SchoolLevel | null {
  const folded = foldVietnamese(name);
  if (/\b(mam non|mau giao|nha tre|mn)\b/.test(folded)) return 'mam_non';
  if (/\b(gdtx|giao duc thuong xuyen|gdnn)\b/.test(folded)) return 'gdtx';
  const primary = /\b(tieu hoc|th)\b/.test(folded);
  const lower = /\b(thcs|trung hoc co so)\b/.test(folded);
  const upper = /\b(thpt|trung hoc pho thong)\b/.test(folded);
  if (
    /\b(nhieu cap|lien cap)\b/.test(folded) ||
    [primary, lower, upper].filter(Boolean).length > 1
  ) {
    return 'nhieu_cap';
  }
  if (primary) return 'tieu_hoc';
  if (lower) return 'thcs';
  if (upper) return 'thpt';
  if (/\bpho thong\b/.test(folded)) return 'nhieu_cap';
  return null;
}

function guessLevel(schoolName: string, allText: string): SchoolLevelGuess {
  const byName = levelFromName(schoolName);
  if (byName) return { level: byName, reason: `theo tên trường “${schoolName}”` };
  for (const match of foldVietnamese(allText).matchAll(/\btruong\s+([^,.;:\n]{2,60})/g)) {
    const byText = levelFromName(match[1] ?? '');
    if (byText) return { level: byText, reason: `theo “trường ${match[1] ?? ''}” trong văn bản` };
  }
  const cited = /\b(17|18|19)\/2018\/tt-bgd/.exec(foldVietnamese(allText));
  if (cited) {
    const level: SchoolLevel =
      cited[1] === '17' ? 'tieu_hoc' : cited[1] === '18' ? 'thcs' : 'mam_non';
    return {
      level,
      reason: `theo Thông tư ${cited[1]}/2018/TT-BGDĐT được trích dẫn trong văn bản`,
    };
  }
  return null;
}

function detectLayout(columns: readonly HeaderColumn[]): { layout: PlanLayout; reason: string } {
  const fields = new Set(columns.map((c) => c.field).filter((f) => f !== null));
  const headers = columns.map((c) => headerKey(headerLabel(c)));
  const has = (pattern: RegExp) => headers.some((h) => pattern.test(h));
  const bieu2Signs = [
    fields.has('indicator'),
    has(/\bnoi dung cai tien\b/),
    has(/\bmuc tieu\b/),
    has(/\bhoat dong\b/),
    has(/\bphu trach\b/),
    has(/\bnguon luc\b/),
    has(/\bminh chung du kien\b/),
    has(/\bmuc do thuc hien\b/),
  ].filter(Boolean).length;
  if (bieu2Signs >= 3) {
    return {
      layout: 'bieu2',
      reason:
        'Các cột của Biểu 2 (TT57/2026): nội dung cải tiến, mục tiêu, hoạt động, chỉ số, phụ trách, nguồn lực…',
    };
  }
  if (fields.has('content') && !fields.has('target') && !fields.has('tasks')) {
    return {
      layout: 'B',
      reason:
        'Mẫu B (2018): cột “Nội dung kế hoạch” cùng thời gian, người chịu trách nhiệm, tiến độ, kết quả',
    };
  }
  return {
    layout: 'A',
    reason: 'Mẫu A (2018): cột “Kết quả cần đạt”, “Công việc/giải pháp”, “Chủ trì và phối hợp”…',
  };
}

export function readSource(
  source: SourceDocument,
  options: PlanImportOptions,
): { ok: true; plan: ImportedPlan } | { ok: false; error: PlanImportError } {
  if (options.schoolYear !== undefined && !parseSchoolYear(options.schoolYear)) {
    return {
      ok: false,
      error: {
        code: 'INVALID_OPTIONS',
        message: `Năm học “${options.schoolYear}” không hợp lệ: hãy ghi dạng 2025-2026 (năm sau hơn năm trước một năm).`,
      },
    };
  }
  // First, so that nothing downstream (headers, rows, parsers) ever sees a NUL or lone surrogate.
  const textWarnings = sanitizeSourceText(source);
  const analysis = analyse(source, options);
  if ('code' in analysis) return { ok: false, error: analysis };
  const { parts } = analysis;
  const primaryGrid = parts[0]?.grid as Grid;
  const primaryColumns = parts[0]?.columns ?? [];

  const read = readPlanRows(parts, { regime: '2018', detectFooter: source.kind !== 'docx' });
  if (read.rows.length > PLAN_IMPORT_LIMITS.maxTableRows) {
    return {
      ok: false,
      error: {
        code: 'TOO_MANY_ROWS',
        message: `Bảng kế hoạch có ${read.rows.length} dòng, vượt quá giới hạn ${PLAN_IMPORT_LIMITS.maxTableRows} dòng. Hãy kiểm tra lại tệp (có thể đã chọn nhầm bảng).`,
      },
    };
  }

  // The text around the table: masthead, title, sections, recipients, signature.
  let before: DocLine[];
  let after: DocLine[] = [];
  const between: DocLine[] = [];
  if (source.kind === 'docx') {
    const first = analysis.partBlocks[0] ?? 0;
    const last = analysis.partBlocks[analysis.partBlocks.length - 1] ?? first;
    const linesOf = (from: number, to: number): DocLine[] =>
      source.blocks.slice(from, to).flatMap((block, offset): DocLine[] => {
        if (analysis.consumedBlocks.has(from + offset)) return [];
        if (block.kind === 'paragraph') return [{ text: block.text, kind: 'paragraph' }];
        if (analysis.partBlocks.includes(from + offset)) return [];
        const grid = source.grids[block.index];
        return grid ? gridLines(grid, 0, grid.slots.length) : [];
      });
    before = linesOf(0, first);
    between.push(...linesOf(first + 1, last).filter((line) => line.kind === 'paragraph'));
    after = linesOf(last + 1, source.blocks.length);
  } else {
    const header = parts[0]?.header;
    before = gridLines(primaryGrid, 0, header?.startRow ?? 0);
    const footerAt = read.footerRows.findIndex((row) => row !== null);
    if (footerAt !== -1) {
      const part = parts[footerAt];
      const row = read.footerRows[footerAt];
      if (part && row !== null && row !== undefined)
        after = gridLines(part.grid, row, part.grid.slots.length);
    }
  }
  const document = readDocumentHeader({ before, after, between });

  // Biểu 2's other tables: mục IV (focus issues) and mục VI (review rounds).
  const focusIssues: PlanInterchange['focusIssues'] = [];
  const reviews: PlanInterchange['reviews'] = [];
  const partGrids = new Set(parts.map((part) => part.grid));
  for (const grid of source.grids) {
    if (partGrids.has(grid)) continue;
    const focus = readFocusIssues(grid);
    if (focus) {
      focusIssues.push(...focus);
      continue;
    }
    const rounds = readReviews(grid);
    if (rounds) reviews.push(...rounds);
  }
  const warnings: ImportWarning[] = [
    ...(source.notes ?? []),
    ...textWarnings,
    ...parts.flatMap((p) => p.grid.warnings),
    ...read.warnings,
  ];

  // School year: the option wins; the document's is reported when they differ.
  let schoolYear: string | null = null;
  let schoolYearSource: PlanImportReport['schoolYear']['source'] = null;
  if (options.schoolYear !== undefined) {
    schoolYear = normalizeSchoolYear(options.schoolYear);
    schoolYearSource = 'option';
    if (document.schoolYear && document.schoolYear.value !== schoolYear) {
      warnings.push({
        code: 'school-year.differs',
        message: `Văn bản ghi năm học ${document.schoolYear.value} (“${document.schoolYear.text}”) nhưng đã chọn năm học ${schoolYear}; dùng năm học đã chọn.`,
      });
    }
  } else if (document.schoolYear) {
    schoolYear = document.schoolYear.value;
    schoolYearSource = 'document';
  } else {
    warnings.push({
      code: 'school-year.missing',
      message:
        'Không tìm thấy năm học trong văn bản (ví dụ “năm học 2025 - 2026” ở tiêu đề). Hãy chọn năm học: thời gian chỉ ghi tháng sẽ được hiểu lại theo năm học đó.',
    });
  }

  const detected = options.layout
    ? { layout: options.layout, reason: 'Mẫu do người dùng chọn' }
    : detectLayout(primaryColumns);
  // The school year decides the regime; without one, the table's layout is the best guess.
  const yearRegime = schoolYear ? regimeOfSchoolYear(schoolYear) : null;
  const regime: Regime = yearRegime ?? (detected.layout === 'bieu2' ? '2026' : '2018');
  if (yearRegime === '2026' && detected.layout !== 'bieu2') {
    warnings.push({
      code: 'layout.regime',
      message: `Năm học ${schoolYear} theo Thông tư 57/2026 (Biểu 2) nhưng bảng có dạng ${detected.layout === 'A' ? 'mẫu A' : 'mẫu B'} của năm 2018: giữ mẫu của văn bản, có thể đổi mẫu sau khi nhập.`,
    });
  }

  // Framework from the school's level and the regime.
  const allText = [...before, ...after].map((l) => l.text).join('\n');
  const level = guessLevel(document.header.schoolName, allText);
  let frameworkId: FrameworkCode | null = null;
  let frameworkReason: string;
  if (!level) {
    frameworkReason =
      'Không xác định được cấp học của trường (tên trường hoặc thông tư được trích dẫn): chưa chọn bộ tiêu chuẩn.';
  } else {
    const year =
      schoolYear ??
      formatSchoolYear(regime === '2026' ? TT57_FIRST_SCHOOL_YEAR : TT57_FIRST_SCHOOL_YEAR - 1);
    frameworkId = selectFrameworkCode({ schoolLevel: level.level, schoolYear: year });
    frameworkReason = frameworkId
      ? `${frameworkId}: cấp học ${level.reason}, ${regime === '2026' ? 'năm học từ 2026-2027 (TT57/2026)' : 'năm học đến 2025-2026 (thông tư 2018)'}${schoolYear ? '' : ' — đoán theo mẫu bảng vì chưa có năm học'}.`
      : `Trung tâm GDTX trước năm học 2026-2027: giữ kế hoạch không gắn bộ tiêu chuẩn (CONTRACTS.md).`;
  }

  // Rows: regime groups, parsed cells, report lines.
  const rows: PlanInterchange['rows'] = [];
  const rowReports: ImportedRowReport[] = [];
  for (const [index, draft] of read.rows.entries()) {
    const group = regime === '2026' ? 'tt57' : draft.group;
    const parsed = parseRowCells(
      {
        time: draft.texts.time,
        budget: draft.texts.budget,
        lead: draft.texts.lead,
        coordinators: draft.texts.coordinators,
      },
      { schoolYear, directory: EMPTY_DIRECTORY },
    );
    const { time: _time, budget: _budget, ...texts } = draft.texts;
    rows.push({
      group,
      standardCode: draft.standardCode,
      criterionCode: draft.criterionCode,
      level4Key: group === 'level_4' ? draft.level4Key : null,
      ...texts,
      time: parsed.time,
      budget: parsed.budget,
      people: parsed.people,
      carryCount: 0,
    });
    const parseIssues: RowFieldIssue[] = [
      ...parsed.time.issues.map((i) => ({ ...i, field: 'time' as const })),
      ...parsed.budget.issues.map((i) => ({ ...i, field: 'budget' as const })),
      ...parsed.people.issues.map((i) => ({ ...i, field: 'people' as const })),
    ];
    rowReports.push({
      index,
      position: draft.position,
      ...(draft.splitTime
        ? { splitCells: { timeStart: draft.splitTime.start, timeEnd: draft.splitTime.end } }
        : {}),
      parseIssues,
    });
  }
  if (regime === '2026' && read.rows.some((r) => r.group === 'level_4')) {
    warnings.push({
      code: 'level4.tt57',
      message:
        'Bảng có nhóm MỨC 4 nhưng kế hoạch theo TT57/2026 không có Mức 4: các dòng đó được nhập như dòng thường.',
    });
  }
  warnings.push(...checkCriteria(read.rows, frameworkId));
  const duplicates = findDuplicates(rows);

  const mapped = new Set<string>();
  for (const part of parts) {
    for (const column of part.columns) {
      if (column.field === null) continue;
      mapped.add(
        column.field === 'timeStart' || column.field === 'timeEnd' ? 'time' : column.field,
      );
      if (column.field === 'coordinators') mapped.add('lead');
    }
  }
  const hiddenColumns = layoutColumns(detected.layout)
    .map((c) => c.field)
    .filter(
      (f): f is RowTextField =>
        f !== null && !mapped.has(f) && rows.every((r) => interchangeRowText(r, f) === ''),
    );

  const columns: ImportColumn[] = primaryColumns
    .filter(
      (c) => c.path.length > 0 || c.source === 'override' || c.unmappedReason !== 'outside-table',
    )
    .map((c) => ({
      column: c.col + 1,
      ...(primaryGrid.sheet !== undefined ? { letter: columnLetters(c.col + 1) } : {}),
      header: headerLabel(c),
      field: c.field,
      source: c.source,
    }));
  for (const override of options.mapping ?? []) {
    const matched = primaryColumns.some((c) =>
      override.column !== undefined
        ? c.col + 1 === override.column
        : override.header !== undefined && headerKey(headerLabel(c)) === headerKey(override.header),
    );
    if (!matched) {
      warnings.push({
        code: 'mapping.unmatched',
        message: `Không có cột ${override.column !== undefined ? `số ${override.column}` : `“${override.header ?? ''}”`} trong bảng kế hoạch: lựa chọn ghép cột này được bỏ qua.`,
      });
    }
  }
  for (const column of primaryColumns) {
    if (column.unmappedReason === 'duplicate-field') {
      warnings.push({
        code: 'mapping.duplicate-field',
        message: `Cột “${headerLabel(column)}” (cột ${column.col + 1}) trùng nội dung với một cột trước đó: các ô của cột này được liệt kê ở danh sách ô chưa ghép.`,
      });
    }
  }

  const header = document.header;
  const documentSymbol = /\/\s*KH\s*-\s*(\S+)/iu.exec(header.documentNumber)?.[1] ?? '';
  const report: PlanImportReport = {
    fileName: options.fileName ?? null,
    fileKind: source.kind,
    layout: detected.layout,
    layoutReason: detected.reason,
    schoolYear: {
      value: schoolYear,
      source: schoolYearSource,
      text:
        schoolYearSource === 'document'
          ? (document.schoolYear?.text ?? null)
          : (options.schoolYear ?? null),
    },
    frameworkReason,
    table: {
      parts: parts.map((part) => ({
        table: part.grid.number,
        ...(part.grid.sheet !== undefined ? { sheet: part.grid.sheet } : {}),
        headerRows: part.header
          ? Array.from(
              { length: part.header.rowCount },
              (_, k) => (part.header?.startRow ?? 0) + k + 1,
            )
          : [],
        bodyRows: part.grid.slots.length - part.bodyStart,
      })),
      candidates: analysis.candidates,
    },
    columns,
    rows: rowReports,
    structureRows: read.structureRows,
    unmappedCells: read.unmappedCells,
    duplicates,
    warnings,
    headerFieldsFound: document.found,
    summary: {
      rows: rows.length,
      structureRows: read.structureRows.length,
      unmappedCells: read.unmappedCells.length,
      warnings: warnings.length,
    },
  };
  const plan: ImportedPlan = {
    formatVersion: PLAN_INTERCHANGE_FORMAT_VERSION,
    generator: `CaiTien — nhập từ ${source.kind === 'text' ? 'bảng dán' : `tệp ${source.kind.toUpperCase()}`}`,
    exportedAt: (options.now ?? new Date()).toISOString(),
    plan: {
      schoolYear,
      regime,
      frameworkId,
      status: 'draft',
      revisionNumber: 0,
      layout: detected.layout,
      hiddenColumns,
      snapshotHash: null,
    },
    school: {
      name: header.schoolName,
      governingBody: header.governingBody,
      placeName: header.placeName,
      documentSymbol,
    },
    header,
    sections: document.sections,
    rows,
    focusIssues,
    reviews,
    importReport: report,
  };
  return { ok: true, plan };
}

/** Exact duplicates (same texts) and near ones (the same ignoring spacing, case, punctuation, diacritics). */
function findDuplicates(rows: PlanInterchange['rows']): DuplicateRows[] {
  const exact = new Map<string, number[]>();
  const near = new Map<string, number[]>();
  for (const [index, row] of rows.entries()) {
    const texts = ROW_TEXT_FIELDS.map((f) => interchangeRowText(row, f));
    if (texts.every((t) => t.trim() === '')) continue;
    const place = [row.group, row.criterionCode ?? '', row.level4Key ?? ''];
    const exactKey = JSON.stringify([...place, ...texts.map((t) => t.normalize('NFC'))]);
    // One fold per row: each field behind a marker word, so texts cannot slide between fields.
    const nearKey = `${place.join('|')}|${searchKey(texts.map((t, i) => `qq${i}qq ${t}`).join(' '))}`;
    exact.set(exactKey, [...(exact.get(exactKey) ?? []), index]);
    near.set(nearKey, [...(near.get(nearKey) ?? []), index]);
  }
  const result: DuplicateRows[] = [];
  const exactSets = new Set<string>();
  for (const indexes of exact.values()) {
    if (indexes.length < 2) continue;
    exactSets.add(indexes.join(','));
    result.push({
      rows: indexes,
      kind: 'exact',
      message: `Các dòng ${indexes.map((i) => i + 1).join(', ')} giống hệt nhau: cả ${indexes.length} dòng đều được nhập — nếu trùng do sao chép, hãy xóa bớt.`,
    });
  }
  for (const indexes of near.values()) {
    if (indexes.length < 2 || exactSets.has(indexes.join(','))) continue;
    result.push({
      rows: indexes,
      kind: 'near',
      message: `Các dòng ${indexes.map((i) => i + 1).join(', ')} gần như giống nhau (chỉ khác dấu cách, dấu câu hoặc chữ hoa): cả ${indexes.length} dòng đều được nhập — hãy kiểm tra xem có trùng không.`,
    });
  }
  return result;
}

/** Criterion codes and Mức 4 items the framework does not have (reported, kept as written). */
function checkCriteria(
  rows: readonly DraftRow[],
  frameworkId: FrameworkCode | null,
): ImportWarning[] {
  if (!frameworkId) return [];
  const framework = frameworkVersion(frameworkId);
  if (!framework) return [];
  const codes = new Set(listCriteria(framework).map((c) => c.code));
  const items = framework.level4Items.length;
  const warnings: ImportWarning[] = [];
  for (const row of rows) {
    if (row.criterionCode && !codes.has(row.criterionCode)) {
      warnings.push({
        code: 'criterion.unknown',
        message: `Tiêu chí ${row.criterionCode} (${describePosition(row.position)}) không có trong ${frameworkId}: giữ nguyên như văn bản, hãy kiểm tra lại.`,
        position: row.position,
      });
    }
    if (row.level4Key && row.group === 'level_4' && items > 0 && Number(row.level4Key) > items) {
      warnings.push({
        code: 'level4.unknown',
        message: `Yêu cầu Mức 4 số ${row.level4Key} (${describePosition(row.position)}) vượt quá ${items} yêu cầu của ${frameworkId}: giữ nguyên, hãy kiểm tra lại.`,
        position: row.position,
      });
    }
  }
  return warnings;
}

function sourceFromDocx(body: DocxBody, options: PlanImportOptions): SourceDocument {
  const grids = body.tables.map((table, i) =>
    gridFromDocxTable(table, i + 1, PLAN_IMPORT_LIMITS.maxColumns),
  );
  let paragraph = 0;
  const blocks: SourceDocument['blocks'] = body.blocks.map((block) => {
    if (block.kind === 'paragraph') {
      paragraph += 1;
      return { kind: 'paragraph', text: block.text, number: paragraph };
    }
    return { kind: 'grid', index: block.table };
  });
  const notes = legacyFontNotes(body.legacyFonts ?? [], {
    converted: options.legacyFonts !== false,
    unit: 'run',
  });
  return { kind: 'docx', grids, blocks, notes };
}

/**
 * Imports a plan from the bytes of a .docx or .xlsx file. The result is the interchange JSON with
 * an `importReport`; `options.mapping` re-runs the import with the user's column mapping (the
 * preview → fix → confirm loop), `options.schoolYear` sets the year the months are read in.
 * Never throws.
 */
export async function importPlanFile(
  data: Uint8Array,
  options: PlanImportOptions = {},
): Promise<PlanImportResult> {
  try {
    const maxBytes = options.maxBytes ?? PLAN_IMPORT_LIMITS.maxBytes;
    // Word/Excel 97–2003 (issue 16): converted to DOCX/XLSX by the given converter, then read
    // like one. Size and emptiness are openPlanFile's to refuse, before any conversion.
    const sniffed =
      data instanceof Uint8Array && data.length <= maxBytes ? sniffPlanFile(data) : null;
    if (sniffed === 'pdf') return await readPdf(data, options);
    if (sniffed === 'html') {
      const html = readHtml(data, options);
      // A page whose tables were only in comments or scripts: refused like any other web page.
      if (html) return html;
    }
    if (sniffed === 'doc' || sniffed === 'xls') {
      const converted = await convertLegacyPlanFile(
        data,
        sniffed,
        options.convertLegacyOffice,
        options.legacyConversionTimeoutMs ?? LEGACY_CONVERSION_TIMEOUT_MS,
      );
      if (!converted.ok) return converted;
      return await readOoxml(converted.bytes, { ...options, convertedFrom: sniffed }, 2 * maxBytes);
    }
    return await readOoxml(data, options, options.convertedFrom ? 2 * maxBytes : maxBytes);
  } catch (error) {
    // CAITIEN_IMPORT_DEBUG=1 rethrows, to tell a bug of the importer from a file that broke a library.
    if (process.env.CAITIEN_IMPORT_DEBUG) throw error;
    // A file that passed every check but still broke a library: answered, never thrown.
    return failure(
      'CORRUPT',
      'Không đọc được nội dung tệp (tệp có thể bị hỏng hoặc có cấu trúc lạ). Hãy mở tệp trong Word/Excel, lưu lại rồi tải lên lần nữa.',
    );
  }
}

/** Reads a DOCX or XLSX (or the one a .doc/.xls was converted into, `options.convertedFrom`). */
async function readOoxml(
  data: Uint8Array,
  options: PlanImportOptions,
  maxBytes: number,
): Promise<PlanImportResult> {
  const from = options.convertedFrom;
  const opened = await openPlanFile(data, maxBytes, { legacyFonts: options.legacyFonts !== false });
  if (!opened.ok) return opened;
  if (from && opened.kind !== (from === 'doc' ? 'docx' : 'xlsx')) {
    return failure(
      'CORRUPT',
      'Tệp chuyển từ định dạng Office cũ không có nội dung như mong đợi. Hãy mở tệp và lưu lại dạng .docx (Word) hoặc .xlsx (Excel), rồi tải lên.',
    );
  }
  let source: SourceDocument;
  if (opened.kind === 'docx') source = sourceFromDocx(opened.body, options);
  else {
    const legacyFonts = {
      convert: options.legacyFonts !== false,
      tally: new LegacyFontTally(),
      defaultFont: readXlsxDefaultFont(data),
    };
    const grids = opened.workbook.worksheets.map((sheet, i) =>
      gridFromWorksheet(sheet, i + 1, {
        maxRows: PLAN_IMPORT_LIMITS.maxSheetRows,
        maxColumns: PLAN_IMPORT_LIMITS.maxSheetColumns,
        legacyFonts,
      }),
    );
    const notes = legacyFontNotes(legacyFonts.tally.uses(), {
      converted: legacyFonts.convert,
      unit: 'cell',
    });
    source = { kind: 'xlsx', grids, blocks: [], notes };
  }
  if (!from) return readSource(source, options);
  const { convertedFrom: _from, ...rest } = options;
  return relabel(readSource(source, rest), from, {
    code: 'file.converted',
    message: convertedNote(from),
  });
}

/**
 * An HTML page saved as .doc (html-reader.ts), read like a Word body: its paragraphs and tables
 * in order. `null` when the page has no table after all (the caller refuses it as a web page).
 */
function readHtml(data: Uint8Array, options: PlanImportOptions): PlanImportResult | null {
  let body: HtmlBody;
  try {
    body = readHtmlBody(decodeHtml(data));
  } catch (error) {
    if (error instanceof HtmlTooLarge) {
      return failure(
        'TOO_LARGE',
        'Trang web (HTML) có quá nhiều bảng, dòng hoặc ô để là một kế hoạch cải tiến. Hãy chép riêng bảng kế hoạch sang một tệp Word (.docx) mới rồi tải lên.',
      );
    }
    throw error;
  }
  // No table with any text (none, or only empty ones): a web page like any other.
  const hasText = body.tables.some((grid) =>
    grid.slots.some((row) => row.some((cell) => cell !== null && cell.text.trim() !== '')),
  );
  if (!hasText) return null;
  let paragraph = 0;
  const blocks: SourceDocument['blocks'] = body.blocks.map((block) => {
    if (block.kind === 'table') return { kind: 'grid', index: block.table };
    paragraph += 1;
    return { kind: 'paragraph', text: block.text, number: paragraph };
  });
  return relabel(readSource({ kind: 'docx', grids: body.tables, blocks }, options), 'html', {
    code: 'file.html',
    message:
      'Tệp là trang web (HTML) được lưu với tên Word (.doc): đã đọc các đoạn văn và bảng của trang.',
  });
}

/**
 * A PDF with a text layer (issue 16, pdf-reader.ts): its tables rebuilt from borders or text
 * positions, read like a Word body; each row's report carries its confidence and its place on the
 * pages (for the preview to show beside it), the report the pages' sizes.
 */
async function readPdf(data: Uint8Array, options: PlanImportOptions): Promise<PlanImportResult> {
  const read = await readPdfSource(data);
  if (!read.ok) return read;
  const result = relabel(readSource(read.source, options), 'pdf', {
    code: 'file.pdf',
    message:
      'Tệp PDF: bảng kế hoạch được dựng lại từ vị trí chữ trên trang; hãy đối chiếu từng dòng với trang PDF, nhất là các dòng có độ tin cậy thấp.',
  });
  if (!result.ok) return result;
  const report = result.plan.importReport;
  const byPosition = new Map(read.rows.map((r) => [`${r.table}:${r.row}`, r]));
  for (const row of report.rows) {
    const pdf = byPosition.get(`${row.position.table}:${row.position.row}`);
    if (pdf) {
      row.confidence = pdf.confidence;
      row.places = pdf.places;
    }
  }
  report.pdf = { pages: read.pages, truncated: read.truncated };
  if (read.truncated) {
    report.warnings.push({
      code: 'pdf.truncated',
      message:
        'Tệp PDF dài: chỉ đọc các trang đầu; các dòng ở những trang sau không có trong bản xem trước.',
    });
    report.summary.warnings = report.warnings.length;
  }
  return result;
}

/**
 * The report of a file read as another kind (a .doc read as the .docx it was converted into, an
 * HTML page read like a Word body): its own kind, and a first warning saying what was done.
 */
function relabel(
  result: PlanImportResult,
  kind: PlanImportReport['fileKind'],
  note: ImportWarning | null,
): PlanImportResult {
  if (!result.ok) return result;
  const report = result.plan.importReport;
  report.fileKind = kind;
  result.plan.generator = `CaiTien — nhập từ tệp ${kind.toUpperCase()}`;
  if (note) report.warnings.unshift(note);
  report.summary.warnings = report.warnings.length;
  return result;
}

/**
 * Imports a plan table pasted as text (tab-separated rows, as Word and Excel copy them). The header
 * row may be anywhere near the top; title lines above it are read like a worksheet's.
 */
export function importPlanTable(text: string, options: PlanImportOptions = {}): PlanImportResult {
  if (typeof text !== 'string' || text.trim() === '') {
    return failure(
      'EMPTY_FILE',
      'Chưa có nội dung: hãy dán bảng kế hoạch (chép từ Word hoặc Excel, gồm cả dòng tiêu đề cột).',
    );
  }
  if (text.length > (options.maxBytes ?? PLAN_IMPORT_LIMITS.maxBytes)) {
    return failure('TOO_LARGE', 'Nội dung dán quá lớn. Hãy dán riêng bảng kế hoạch.');
  }
  try {
    const grid = gridFromText(text, {
      maxRows: PLAN_IMPORT_LIMITS.maxSheetRows,
      maxColumns: PLAN_IMPORT_LIMITS.maxSheetColumns,
    });
    return readSource({ kind: 'text', grids: [grid], blocks: [] }, options);
  } catch {
    return failure(
      'CORRUPT',
      'Không đọc được nội dung đã dán. Hãy chép lại bảng từ Word hoặc Excel.',
    );
  }
}
