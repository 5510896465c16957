import { foldVietnamese } from '@caitien/core';
import type { Grid, GridCell } from './grid.ts';
import { extractPdf, PDF_EXTRACT_LIMITS, type PdfExtractLimits } from './pdf-extract.ts';
import {
  cellText,
  readPage,
  type PageBlock,
  type TableFragment,
  type TextLine,
} from './pdf-layout.ts';
import type { SourceDocument } from './plan-import.ts';
import type { PlanImportError } from './plan-import.types.ts';
import { isColumnNumber } from './plan-headers.ts';
import { findTextTable } from './pdf-text-table.ts';
import { findTableHeader, isRepeatedHeaderRow } from './plan-table.ts';

/**
 * Reads a PDF plan that has a text layer (exported from Word or LibreOffice, not scanned) into the
 * importer's `SourceDocument` (issue 16): the ruled tables are rebuilt from their borders (columns,
 * rows, merged cells; a table that goes on over several pages is one table, a row broken by a page
 * break is joined again), the text around them becomes paragraphs so the header reader finds the
 * masthead, title, school year and sections. Each table row comes back with where it is (page and
 * y range, for showing the page beside the preview) and a confidence. Never throws.
 */

/** Where a table row is drawn: page (1-based) and its top and bottom in points from the page top. */
export interface PdfRowPlace {
  page: number;
  top: number;
  bottom: number;
}

/** One row of a rebuilt table, matching `importReport.rows[i].position` by `table` and `row`. */
export interface PdfSourceRow {
  /** 1-based grid number (`SourcePosition.table`). */
  table: number;
  /** 1-based row of that grid (`SourcePosition.row`). */
  row: number;
  /** 0–1: how cleanly the row fit the table (1 = every text inside its cell, key columns filled). */
  confidence: number;
  /** More than one place when the row was broken across pages. */
  places: PdfRowPlace[];
}

export interface PdfPageInfo {
  number: number;
  /** Points (1/72 inch). */
  width: number;
  height: number;
}

export type PdfSourceResult =
  | {
      ok: true;
      source: SourceDocument;
      pages: PdfPageInfo[];
      rows: PdfSourceRow[];
      /** True when only the first `limits.maxPages` pages (or items) were read. */
      truncated: boolean;
    }
  | { ok: false; error: PlanImportError };

export const PDF_MESSAGES = {
  scanned:
    'Tệp PDF là bản quét (ảnh), không có lớp chữ nên hệ thống không đọc được nội dung: hãy tải lên bản Word/Excel, hoặc bản PDF xuất trực tiếp từ Word.',
  encrypted:
    'Tệp PDF được đặt mật khẩu hoặc mã hóa nên không đọc được. Hãy gỡ mật khẩu (hoặc xuất lại PDF từ Word) rồi tải lên lần nữa, hoặc tải lên bản Word/Excel.',
  corrupt:
    'Không đọc được tệp PDF (tệp có thể bị hỏng hoặc không phải PDF). Hãy xuất lại PDF từ Word, hoặc tải lên bản Word/Excel.',
  timeout:
    'Tệp PDF quá phức tạp, không đọc xong trong thời gian cho phép. Hãy tải lên bản Word/Excel của kế hoạch.',
  tooLarge:
    'Tệp PDF quá lớn để đọc (vượt giới hạn bộ nhớ). Hãy tải lên bản Word/Excel của kế hoạch.',
} as const;

/** Fewer letters than this in the whole file: no text layer. */
const MIN_TEXT_CHARACTERS = 20;

/** A page number ("2", "- 2 -", "Trang 2", "2/7") alone on its line. */
function isPageNumber(text: string): boolean {
  return /^[-–\s]*(trang\s*)?\d{1,3}(\s*\/\s*\d{1,3})?[-–\s]*$/iu.test(text.trim());
}

interface RawCell {
  text: string;
  colSpan: number;
  rowSpan: number;
  straddling: number;
}

interface RawRow {
  cells: Map<number, RawCell>;
  places: PdfRowPlace[];
  /** Confidence taken off while building (straddling texts, a join across pages). */
  penalty: number;
  /** The first row drawn on its page. */
  startsFragment: boolean;
}

interface LogicalTable {
  xs: number[];
  rows: RawRow[];
  /** Index in `rows` of the first row of each page's fragment. */
  fragmentStarts: number[];
  /** Rebuilt from text positions (no borders): rows carry their confidence as `1 - penalty`. */
  fromText?: boolean;
}

type ReadingBlock =
  | { kind: 'text'; lines: TextLine[]; pageWidth: number; right: number }
  | { kind: 'table'; table: LogicalTable };

/** Puts a borderless plan table found in the text blocks in place of its lines. */
function replaceWithTextTable(blocks: ReadingBlock[]): void {
  const all: { block: number; line: TextLine }[] = [];
  for (const [index, block] of blocks.entries()) {
    if (block.kind === 'text') for (const line of block.lines) all.push({ block: index, line });
  }
  const found = findTextTable(all.map((entry) => entry.line));
  if (!found) return;
  const width = found.xs.length - 1;
  const header: RawRow = {
    cells: new Map(
      found.header.map((text, col) => [col, { text, colSpan: 1, rowSpan: 1, straddling: 0 }]),
    ),
    places: [],
    penalty: 0,
    startsFragment: true,
  };
  const rows: RawRow[] = found.rows.map((row) => ({
    cells: new Map(
      [...row.cells].map(([col, text]) => [
        col,
        { text, colSpan: row.wide ? width : 1, rowSpan: 1, straddling: 0 },
      ]),
    ),
    places: row.places,
    penalty: 1 - row.confidence,
    startsFragment: false,
  }));
  const table: LogicalTable = {
    xs: found.xs.map((x) => (Number.isFinite(x) ? x : 0)),
    rows: [header, ...rows],
    fragmentStarts: [0],
    fromText: true,
  };
  const firstEntry = all[found.start];
  const lastEntry = all[found.end - 1];
  if (!firstEntry || !lastEntry) return;
  const template = blocks[firstEntry.block];
  const closing = blocks[lastEntry.block];
  if (template?.kind !== 'text' || closing?.kind !== 'text') return;
  const before = all
    .slice(0, found.start)
    .filter((e) => e.block === firstEntry.block)
    .map((e) => e.line);
  const after = all
    .slice(found.end)
    .filter((e) => e.block === lastEntry.block)
    .map((e) => e.line);
  const replacement: ReadingBlock[] = [];
  if (before.length > 0) replacement.push({ ...template, lines: before });
  replacement.push({ kind: 'table', table });
  if (after.length > 0) replacement.push({ ...closing, lines: after });
  blocks.splice(firstEntry.block, lastEntry.block - firstEntry.block + 1, ...replacement);
}

function sameColumns(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - (b[i] ?? Infinity)) <= 3);
}

function rowsOf(fragment: TableFragment): RawRow[] {
  const rows: RawRow[] = Array.from({ length: fragment.ys.length - 1 }, (_, r) => ({
    cells: new Map(),
    places: [{ page: fragment.page, top: fragment.ys[r] ?? 0, bottom: fragment.ys[r + 1] ?? 0 }],
    penalty: 0,
    startsFragment: r === 0,
  }));
  for (const cell of fragment.cells) {
    rows[cell.row]?.cells.set(cell.col, {
      text: cell.text,
      colSpan: cell.colSpan,
      rowSpan: cell.rowSpan,
      straddling: cell.straddling,
    });
  }
  return rows;
}

function gridOf(table: LogicalTable, number: number): Grid {
  const width = table.xs.length - 1;
  const slots: (GridCell | null)[][] = table.rows.map(() =>
    Array.from({ length: width }, () => null),
  );
  // A merge never runs past its page: the next page's rows have cells of their own.
  const fragmentEnd: number[] = [];
  for (let r = table.rows.length - 1, end = table.rows.length; r >= 0; r -= 1) {
    fragmentEnd[r] = end;
    if (table.rows[r]?.startsFragment) end = r;
  }
  for (const [r, row] of table.rows.entries()) {
    for (const [col, raw] of row.cells) {
      const rowSpan = Math.max(1, Math.min(raw.rowSpan, (fragmentEnd[r] ?? r + 1) - r));
      const cell: GridCell = { text: raw.text, row: r, col, rowSpan, colSpan: raw.colSpan };
      for (let rr = r; rr < r + rowSpan; rr += 1) {
        for (let cc = col; cc < Math.min(width, col + raw.colSpan); cc += 1) {
          const line = slots[rr];
          if (line && !line[cc]) line[cc] = cell;
        }
      }
    }
  }
  return { number, width, slots, warnings: [] };
}

const hasText = (row: RawRow | undefined, col: number | undefined): boolean =>
  col !== undefined && (row?.cells.get(col)?.text.trim() ?? '') !== '';

/** The cell covering (row, col): its own, or one merged down from a row above on the same page. */
function coveringCell(table: LogicalTable, row: number, col: number): RawCell | undefined {
  for (let k = row; k >= 0; k -= 1) {
    const candidate = table.rows[k];
    const cell = candidate?.cells.get(col);
    if (cell) return k + cell.rowSpan > row ? cell : undefined;
    if (candidate?.startsFragment) return undefined;
  }
  return undefined;
}

/**
 * Joins the row a page break cut in two: the last row of a page and the first body row of the next
 * belong together when one of them lacks the key column (ordinal, else criterion) that every other
 * row has — a cell's text is printed once, in one of the halves.
 */
function joinBrokenRows(table: LogicalTable): void {
  const grid = gridOf(table, 1);
  const header = findTableHeader(grid);
  if (!header) return;
  const keyColumn =
    header.columns.find((c) => c.field === 'ordinal')?.col ??
    header.columns.find((c) => c.field === 'criterion')?.col;
  const standardColumns = header.columns.filter((c) => c.field === 'standard').map((c) => c.col);
  const removed = new Set<number>();
  /** Where a joined row went: a cell taller than a page is joined page after page. */
  const joinedInto = new Map<number, number>();
  const isHeaderLike = (row: number) =>
    isRepeatedHeaderRow(grid, row, header) ||
    [...(table.rows[row]?.cells.values() ?? [])].every(
      (c) => c.text.trim() === '' || isColumnNumber(c.text),
    );
  for (const start of table.fragmentStarts.slice(1)) {
    let first = start;
    while (first < table.rows.length && isHeaderLike(first)) first += 1;
    const previousIndex = joinedInto.get(start - 1) ?? start - 1;
    const previous = table.rows[previousIndex];
    const next = table.rows[first];
    if (!previous || !next || first >= table.rows.length) continue;
    const isWide = (row: RawRow) => row.cells.size === 1;
    const isJoined =
      keyColumn !== undefined &&
      !isWide(previous) &&
      !isWide(next) &&
      previous.cells.size > 0 &&
      !(hasText(previous, keyColumn) && hasText(next, keyColumn));
    // A standard merged down the rows is printed once, on its first page: its cell goes on.
    const carried = (col: number, cell: RawCell): RawCell => {
      const above = coveringCell(table, previousIndex, col);
      return standardColumns.includes(col) && cell.text.trim() === '' && above
        ? { ...cell, text: above.text, straddling: 0 }
        : cell;
    };
    if (!isJoined) {
      for (const col of standardColumns) {
        const below = next.cells.get(col) ?? { text: '', colSpan: 1, rowSpan: 1, straddling: 0 };
        const above = coveringCell(table, previousIndex, col);
        if (next.cells.size > 1 && below.text.trim() === '' && above && above.text.trim() !== '') {
          next.cells.set(col, carried(col, below));
          next.penalty = Math.max(next.penalty, 0.05);
        }
      }
      continue;
    }
    for (const [col, cell] of next.cells) {
      // A cell merged down from the joined row stays with the rows below it.
      const after = table.rows[first + 1];
      if (cell.rowSpan > 1 && after && !after.startsFragment) {
        after.cells.set(col, carried(col, { ...cell, text: '', rowSpan: cell.rowSpan - 1 }));
      }
      const before = previous.cells.get(col);
      if (before) {
        before.text = [before.text, cell.text].filter((t) => t.trim() !== '').join('\n');
        before.straddling += cell.straddling;
      } else {
        previous.cells.set(col, { ...cell, rowSpan: 1 });
      }
    }
    previous.places.push(...next.places);
    // Once, however many pages the row runs over.
    previous.penalty = Math.max(previous.penalty, 0.1);
    removed.add(first);
    joinedInto.set(first, previousIndex);
  }
  if (removed.size > 0) table.rows = table.rows.filter((_, i) => !removed.has(i));
}

/**
 * Header titles on one line: a PDF cannot tell a wrapped title from a broken one, and a title is
 * short, so its lines are joined with spaces ("Công việc/giải pháp cần thực hiện").
 */
function flattenHeaderCells(table: LogicalTable): void {
  const grid = gridOf(table, 1);
  const header = findTableHeader(grid);
  if (!header) return;
  for (const [r, row] of table.rows.entries()) {
    const isHeader = r >= header.startRow && r < header.startRow + header.rowCount;
    if (!isHeader && !isRepeatedHeaderRow(grid, r, header)) continue;
    for (const cell of row.cells.values()) cell.text = cell.text.replace(/\s*\n\s*/g, ' ');
  }
}

/** Confidence of each row of a table: straddling texts, empty key columns, joins across pages. */
function confidences(table: LogicalTable, grid: Grid): number[] {
  const header = findTableHeader(grid);
  const bodyStart = header ? header.startRow + header.rowCount : 0;
  const keyColumns = (header?.columns ?? [])
    .filter((c) => c.field === 'ordinal' || c.field === 'criterion')
    .map((c) => c.col);
  return table.rows.map((row, r) => {
    let confidence = 1 - row.penalty;
    const straddling = [...row.cells.values()].reduce((sum, c) => sum + c.straddling, 0);
    confidence -= Math.min(0.5, straddling * 0.1);
    const filled = [...row.cells.values()].filter((c) => c.text.trim() !== '').length;
    if (!header) confidence -= 0.3;
    else if (r >= bodyStart && filled >= 2) {
      // A plan row without its number or criterion: it may be the rest of the row above.
      for (const col of keyColumns) {
        const covering = grid.slots[r]?.[col];
        if (!covering || covering.text.trim() === '') confidence -= 0.15;
      }
    }
    return Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100;
  });
}

/** Masthead and signature lines that start a line of their own, never the rest of a wrapped one. */
const MASTHEAD_START =
  /^(truong|ubnd|uy ban|phong|so|bo|cong hoa|doc lap|hieu truong|pho hieu truong|kt|tm|q|giam doc|noi nhan)\b/;

/** "TRƯỜNG TIỂU HỌC THANH" + "LUÔNG": an upper-case name wrapped in its masthead column. */
function isWrappedName(previous: string, next: string): boolean {
  const isUpper = (text: string) => text === text.toLocaleUpperCase('vi') && /\p{Lu}/u.test(text);
  return (
    isUpper(previous) &&
    isUpper(next) &&
    !/[:.;]$/.test(previous) &&
    next.split(/\s+/).length <= 3 &&
    !MASTHEAD_START.test(foldVietnamese(next))
  );
}

/** The lines outside tables as paragraphs: masthead columns one after the other, wrapped lines joined. */
function paragraphsOf(lines: TextLine[], pageWidth: number, rightEdge: number): string[] {
  const out: string[] = [];
  const middle = pageWidth / 2;
  let i = 0;
  while (i < lines.length) {
    // A band of side-by-side texts (masthead, number and date, recipients and signature).
    let end = i;
    let isBand = false;
    while (end < lines.length) {
      const line = lines[end] as TextLine;
      const isSplit =
        line.pieces.length >= 2 ||
        (line.pieces.length === 1 &&
          ((line.pieces[0]?.x1 ?? 0) < middle || (line.pieces[0]?.x0 ?? 0) > middle));
      const previous = lines[end - 1];
      const isNear = !previous || end === i || line.y - previous.y < line.size * 2.6;
      if (!isSplit || !isNear) break;
      if (line.pieces.length >= 2) isBand = true;
      end += 1;
    }
    if (isBand) {
      const band = lines.slice(i, end);
      for (const side of ['left', 'right'] as const) {
        let paragraph = '';
        for (const line of band) {
          for (const piece of line.pieces) {
            const isLeft = (piece.x0 + piece.x1) / 2 < middle;
            if (isLeft !== (side === 'left')) continue;
            const joined = `${paragraph} ${piece.text}`.trim();
            const isMotto = /^cong hoa xa hoi chu nghia viet nam$/.test(foldVietnamese(joined));
            if (
              paragraph !== '' &&
              (/^\p{Ll}/u.test(piece.text) || isMotto || isWrappedName(paragraph, piece.text))
            ) {
              paragraph = joined;
            } else {
              if (paragraph !== '') out.push(paragraph);
              paragraph = piece.text;
            }
          }
        }
        if (paragraph !== '') out.push(paragraph);
      }
      i = end;
      continue;
    }
    // Lines of one paragraph: wrapped where they reach the right edge, close together.
    let j = i + 1;
    while (j < lines.length) {
      const line = lines[j] as TextLine;
      const previous = lines[j - 1] as TextLine;
      if (line.pieces.length !== 1 || line.y - previous.y > line.size * 1.6) break;
      const isSplit = (line.pieces[0]?.x1 ?? 0) < middle || (line.pieces[0]?.x0 ?? 0) > middle;
      if (isSplit && line.pieces.length >= 2) break;
      j += 1;
    }
    const items = lines.slice(i, j).map((line) => ({
      text: line.pieces.map((p) => p.text).join(' '),
      x: line.pieces[0]?.x0 ?? 0,
      y: line.y,
      width: Math.max(...line.pieces.map((p) => p.x1)) - (line.pieces[0]?.x0 ?? 0),
      size: line.size,
    }));
    out.push(...cellText(items, rightEdge).split('\n'));
    i = j;
  }
  return out.filter((p) => p.trim() !== '');
}

/**
 * Reads the bytes of a PDF into the importer's source document, with the pages' sizes and each
 * table row's place and confidence. A scan (no text layer), an encrypted or a damaged file gives a
 * Vietnamese error; the parse is bounded in time, memory, pages and text items.
 */
export async function readPdfSource(
  bytes: Uint8Array,
  limits: PdfExtractLimits = PDF_EXTRACT_LIMITS,
): Promise<PdfSourceResult> {
  const extracted = await extractPdf(bytes, limits);
  if (!extracted.ok) {
    const reason = extracted.reason;
    const error: PlanImportError =
      reason === 'encrypted'
        ? { code: 'ENCRYPTED', message: PDF_MESSAGES.encrypted }
        : reason === 'timeout'
          ? { code: 'TOO_LARGE', message: PDF_MESSAGES.timeout }
          : reason === 'too-large'
            ? { code: 'TOO_LARGE', message: PDF_MESSAGES.tooLarge }
            : { code: 'CORRUPT', message: PDF_MESSAGES.corrupt };
    return { ok: false, error };
  }
  const letters = extracted.pages.reduce(
    (sum, page) => sum + page.items.reduce((n, item) => n + item.text.replace(/\s/g, '').length, 0),
    0,
  );
  if (letters < MIN_TEXT_CHARACTERS) {
    return { ok: false, error: { code: 'UNSUPPORTED_FORMAT', message: PDF_MESSAGES.scanned } };
  }

  // Reading order: page by page, top to bottom; tables that go on over pages are joined.
  const tables: LogicalTable[] = [];
  const blocks: ReadingBlock[] = [];
  let open: LogicalTable | null = null;
  for (const page of extracted.pages) {
    const pageBlocks: PageBlock[] = readPage(page).blocks;
    const right = Math.max(
      0,
      ...pageBlocks.flatMap((b) => (b.kind === 'line' ? b.line.pieces.map((p) => p.x1) : [])),
    );
    for (const block of pageBlocks) {
      if (block.kind === 'line') {
        const text = block.line.pieces.map((p) => p.text).join(' ');
        if (isPageNumber(text)) continue;
        open = null;
        const last = blocks[blocks.length - 1];
        if (last?.kind === 'text' && last.pageWidth === page.width) last.lines.push(block.line);
        else blocks.push({ kind: 'text', lines: [block.line], pageWidth: page.width, right });
        continue;
      }
      const fragment = block.table;
      const rows = rowsOf(fragment);
      if (
        open &&
        sameColumns(open.xs, fragment.xs) &&
        fragment.page > (open.rows[open.rows.length - 1]?.places[0]?.page ?? 0)
      ) {
        open.fragmentStarts.push(open.rows.length);
        open.rows.push(...rows);
        continue;
      }
      const table: LogicalTable = { xs: fragment.xs, rows, fragmentStarts: [0] };
      tables.push(table);
      blocks.push({ kind: 'table', table });
      open = table;
    }
  }

  // No ruled plan table: a table drawn without borders, rebuilt from the text positions.
  const hasRuledPlan = tables.some((table) => findTableHeader(gridOf(table, 1)) !== null);
  if (!hasRuledPlan) replaceWithTextTable(blocks);

  const grids: Grid[] = [];
  const sourceRows: PdfSourceRow[] = [];
  const sourceBlocks: SourceDocument['blocks'] = [];
  let paragraph = 0;
  for (const block of blocks) {
    if (block.kind === 'text') {
      for (const text of paragraphsOf(block.lines, block.pageWidth, block.right)) {
        paragraph += 1;
        sourceBlocks.push({ kind: 'paragraph', text, number: paragraph });
      }
      continue;
    }
    const table = block.table;
    if (!table.fromText) {
      joinBrokenRows(table);
      flattenHeaderCells(table);
    }
    const grid = gridOf(table, grids.length + 1);
    const confidence = table.fromText
      ? table.rows.map((row) => Math.max(0, Math.round((1 - row.penalty) * 100) / 100))
      : confidences(table, grid);
    for (const [r, row] of table.rows.entries()) {
      sourceRows.push({
        table: grid.number,
        row: r + 1,
        confidence: confidence[r] ?? 0,
        places: row.places.map((p) => ({
          page: p.page,
          top: Math.round(p.top * 10) / 10,
          bottom: Math.round(p.bottom * 10) / 10,
        })),
      });
    }
    sourceBlocks.push({ kind: 'grid', index: grids.length });
    grids.push(grid);
  }
  return {
    ok: true,
    // 'docx': the body is paragraphs and tables in order, read as a Word document's is.
    source: { kind: 'docx', grids, blocks: sourceBlocks },
    pages: extracted.pages.map((p) => ({ number: p.number, width: p.width, height: p.height })),
    rows: sourceRows,
    truncated: extracted.truncated,
  };
}
