import { foldVietnamese } from '@caitien/core';
import type { PdfTextItem } from './pdf-extract.ts';
import { cellText, type TextLine } from './pdf-layout.ts';
import {
  classifyHeader,
  isFooterText,
  readCriterionCode,
  readStructureText,
} from './plan-headers.ts';

/**
 * A plan table drawn without borders, rebuilt from text positions alone (pure): the header row is
 * found by its column titles (plan-headers.ts), the columns come from the header cells' x ranges
 * (their borders placed where the body's texts start), a row starts at a value in the ordinal
 * column (else at a criterion code, else at a heading across the table), wrapped lines and pages go
 * on in the row, the header repeated at the top of a page is skipped. Less sure than a ruled table:
 * every row's confidence starts lower.
 */

export interface TextTableRow {
  /** Column → text; a heading across the table is in column 0 with `wide` set. */
  cells: Map<number, string>;
  wide: boolean;
  places: { page: number; top: number; bottom: number }[];
  straddling: number;
  /** 0–1, see `PdfSourceRow.confidence`. */
  confidence: number;
}

export interface TextTable {
  /** Index in `lines` of the header's first line and of the first line after the table. */
  start: number;
  end: number;
  /** Column borders, left to right (columns.length + 1 values). */
  xs: number[];
  header: string[];
  rows: TextTableRow[];
}

/** Lines a header may span (titles wrapped in narrow columns). */
const MAX_HEADER_LINES = 5;
/** How far into the document the header is looked for (about fifty pages of text). */
const MAX_HEADER_SEARCH_LINES = 2_000;
/** A confidence a row of a borderless table never exceeds. */
const TEXT_TABLE_CONFIDENCE = 0.8;

interface Cluster {
  x0: number;
  x1: number;
  items: PdfTextItem[];
}

/** Items of a band of lines grouped into header cells by overlapping x ranges. */
function clusterItems(items: PdfTextItem[]): Cluster[] {
  const sorted = [...items].sort((a, b) => a.x - b.x);
  const clusters: Cluster[] = [];
  for (const item of sorted) {
    const last = clusters[clusters.length - 1];
    const right = item.x + item.width;
    if (last && item.x <= last.x1 + item.size * 0.3) {
      last.x1 = Math.max(last.x1, right);
      last.items.push(item);
    } else {
      clusters.push({ x0: item.x, x1: right, items: [item] });
    }
  }
  return clusters;
}

const clusterText = (cluster: Cluster) =>
  [...cluster.items]
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((i) => i.text.trim())
    .join(' ');

/** Distinct plan fields of a band's clusters; null when it is no plan header. */
function scoreBand(clusters: Cluster[]): number {
  const fields = clusters.map((c) => classifyHeader(clusterText(c)));
  const known = new Set(fields.filter((f) => f !== null));
  const hasWhat = known.has('target') || known.has('tasks') || known.has('content');
  // Every cell of a header row names a column; a data line mixed in makes some unknown.
  const unknown = fields.filter((f) => f === null).length;
  return known.size >= 3 && hasWhat && unknown <= 1 ? known.size * 10 - unknown : 0;
}

const foldedItems = (line: TextLine) => line.items.map((i) => i.text.trim()).join(' ');

/** Finds a borderless plan table in `lines` (reading order over all pages), or null. */
export function findTextTable(lines: TextLine[]): TextTable | null {
  let best: { start: number; count: number; clusters: Cluster[]; score: number } | null = null;
  for (let start = 0; start < Math.min(lines.length, MAX_HEADER_SEARCH_LINES); start += 1) {
    const first = lines[start] as TextLine;
    if (first.items.length < 3) continue;
    for (let count = 1; count <= MAX_HEADER_LINES && start + count <= lines.length; count += 1) {
      const band = lines.slice(start, start + count);
      const last = band[band.length - 1] as TextLine;
      const previous = band[band.length - 2];
      if (last.page !== first.page) break;
      // Header lines are set tight; the body starts after a cell's padding.
      if (previous && last.y - previous.y > last.size * 1.5) break;
      const score = scoreBand(clusterItems(band.flatMap((l) => l.items)));
      // The same start: a longer band as good as the shorter takes the title's further lines.
      const isBetter = best?.start === start ? score >= best.score : score > (best?.score ?? 0);
      if (score > 0 && isBetter) {
        best = { start, count, clusters: clusterItems(band.flatMap((l) => l.items)), score };
      }
    }
    if (best) break;
  }
  if (!best) return null;
  const { start, count, clusters } = best;
  const headerLines = lines.slice(start, start + count);
  const headerTexts = new Set(headerLines.map(foldedItems));

  // Column borders: between two header cells, where the body's texts start (left-aligned cells),
  // else halfway.
  const bodyLefts: number[] = [];
  for (const line of lines.slice(start + count, start + count + 200)) {
    for (const item of line.items) bodyLefts.push(Math.round(item.x));
  }
  const xs: number[] = [Math.min(clusters[0]?.x0 ?? 0, ...bodyLefts.slice(0, 1)) - 1];
  for (let i = 1; i < clusters.length; i += 1) {
    const left = (clusters[i - 1] as Cluster).x1;
    const right = (clusters[i] as Cluster).x0;
    const counts = new Map<number, number>();
    for (const x of bodyLefts)
      if (x > left && x <= right + 1) counts.set(x, (counts.get(x) ?? 0) + 1);
    const mode = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    xs.push(mode && mode[1] >= 2 ? mode[0] - 1 : (left + right) / 2);
  }
  xs.push(Infinity);
  const columnOf = (x: number) => {
    for (let c = xs.length - 2; c >= 0; c -= 1) if (x >= (xs[c] ?? 0)) return c;
    return 0;
  };

  const ordinal = clusters.findIndex((c) => classifyHeader(clusterText(c)) === 'ordinal');
  const criterion = clusters.findIndex((c) => classifyHeader(clusterText(c)) === 'criterion');
  const rows: TextTableRow[] = [];
  const rowItems: Map<number, PdfTextItem[]>[] = [];
  let end = start + count;
  let previousLine: TextLine = headerLines[headerLines.length - 1] as TextLine;
  for (let i = start + count; i < lines.length; i += 1) {
    const line = lines[i] as TextLine;
    const text = foldedItems(line);
    // The table ends at a wide gap on its page, at a page of another size, or at the signature.
    const gap = line.page === previousLine.page ? line.y - previousLine.y : 0;
    // A footer line inside one column ("phó / hiệu trưởng" wrapped) is a cell's text, not the end.
    const spansColumns = line.items.some((i) => columnOf(i.x + i.width) > columnOf(i.x));
    const isFooter =
      isFooterText(text) &&
      (spansColumns || /^(noi nhan|tren day la)\b/.test(foldVietnamese(text)));
    if (gap > line.size * 3.5 || isFooter || line.pageWidth !== previousLine.pageWidth) break;
    end = i + 1;
    if (headerTexts.has(text)) {
      previousLine = line;
      continue;
    }
    const cells = new Map<number, PdfTextItem[]>();
    let straddling = 0;
    for (const item of line.items) {
      const col = columnOf(item.x);
      if (item.x + item.width > (xs[col + 1] ?? Infinity) + 2) straddling += 1;
      cells.set(col, [...(cells.get(col) ?? []), item]);
    }
    const only = line.items.length === 1 ? line.items[0] : undefined;
    const isWide =
      only !== undefined &&
      columnOf(only.x + only.width) > columnOf(only.x) &&
      readStructureText(only.text) !== null;
    const startsRow =
      rows.length === 0 ||
      isWide ||
      (rows[rows.length - 1]?.wide ?? false) ||
      (ordinal >= 0 && cells.has(ordinal)) ||
      (ordinal < 0 &&
        criterion >= 0 &&
        readCriterionCode(
          cells
            .get(criterion)
            ?.map((i) => i.text)
            .join(' ') ?? '',
        ) !== null &&
        /^\s*(tiêu chí|tc)?\s*\d/iu.test(cells.get(criterion)?.[0]?.text ?? ''));
    const top = line.y - line.size;
    if (startsRow) {
      rows.push({
        cells: new Map(),
        wide: isWide,
        places: [{ page: line.page, top, bottom: line.y + line.size * 0.3 }],
        straddling: isWide ? 0 : straddling,
        confidence: TEXT_TABLE_CONFIDENCE,
      });
      rowItems.push(new Map());
    } else {
      const row = rows[rows.length - 1] as TextTableRow;
      row.straddling += straddling;
      const place = row.places[row.places.length - 1];
      if (place && place.page === line.page) place.bottom = line.y + line.size * 0.3;
      else row.places.push({ page: line.page, top, bottom: line.y + line.size * 0.3 });
    }
    const items = rowItems[rowItems.length - 1] as Map<number, PdfTextItem[]>;
    // Lines of the next page come after the ones of this page, whatever their y.
    const onPage = (item: PdfTextItem) => ({ ...item, y: item.y + line.page * 10_000 });
    if (isWide && only) items.set(0, [onPage(only)]);
    else {
      for (const [col, list] of cells) {
        items.set(col, [...(items.get(col) ?? []), ...list.map(onPage)]);
      }
    }
    previousLine = line;
  }

  for (const [r, row] of rows.entries()) {
    for (const [col, items] of rowItems[r] ?? []) {
      row.cells.set(col, cellText(items, row.wide ? Infinity : (xs[col + 1] ?? Infinity) - 4));
    }
    let confidence = TEXT_TABLE_CONFIDENCE - Math.min(0.4, row.straddling * 0.1);
    if (!row.wide) {
      for (const key of [ordinal, criterion]) {
        if (key >= 0 && (row.cells.get(key) ?? '').trim() === '') confidence -= 0.15;
      }
    }
    row.confidence = Math.round(Math.max(0, confidence) * 100) / 100;
  }
  return {
    start,
    end,
    xs,
    header: clusters.map(clusterText),
    rows,
  };
}
