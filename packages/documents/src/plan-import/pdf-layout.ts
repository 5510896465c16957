import type { PdfPageContent, PdfSegment, PdfTextItem } from './pdf-extract.ts';

/**
 * Geometry of a PDF page (pure): the ruled tables (cell borders → columns, rows and merged cells),
 * the text of each cell rebuilt from its text runs, and the text outside the tables as lines.
 * Coordinates are points from the page's top-left corner.
 */

/** Lines closer than this (points) are one ruling line. */
const SNAP = 2;

export interface RuledCell {
  /** Grid slot of the cell's top-left corner, within its table fragment. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  /** Text runs that reach more than 2 points outside the cell. */
  straddling: number;
}

/** A ruled table as drawn on one page. */
export interface TableFragment {
  page: number;
  /** Column borders (left to right) and row borders (top to bottom). */
  xs: number[];
  ys: number[];
  cells: RuledCell[];
  top: number;
  bottom: number;
}

/** A line of text outside the tables: its pieces separated by wide gaps (two columns of a masthead). */
export interface TextLine {
  page: number;
  y: number;
  size: number;
  pieces: { x0: number; x1: number; text: string }[];
  /** The text runs of the line, left to right (a table without borders is rebuilt from them). */
  items: PdfTextItem[];
  /** Width of its page (a table ends where the page turns from landscape to portrait). */
  pageWidth: number;
}

export type PageBlock = { kind: 'line'; line: TextLine } | { kind: 'table'; table: TableFragment };

interface Axis {
  /** The fixed coordinate (y of a horizontal line, x of a vertical one) and the covered span. */
  at: number;
  from: number;
  to: number;
}

function snapValues(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || v - last > SNAP) out.push(v);
  }
  return out;
}

/** Joins collinear overlapping pieces (a border drawn cell by cell). */
function mergeAxes(axes: Axis[]): Axis[] {
  const sorted = [...axes].sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Axis[] = [];
  for (const a of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(a.at - last.at) <= SNAP && a.from <= last.to + SNAP) {
      last.to = Math.max(last.to, a.to);
    } else {
      out.push({ ...a });
    }
  }
  return out;
}

function covers(axes: Axis[], at: number, point: number): boolean {
  return axes.some(
    (a) => Math.abs(a.at - at) <= SNAP && a.from - SNAP <= point && a.to + SNAP >= point,
  );
}

/** Groups the page's borders into tables: lines that touch each other belong together. */
function tableComponents(segments: PdfSegment[]): { h: Axis[]; v: Axis[] }[] {
  const h = mergeAxes(
    segments
      .filter((s) => s.x1 - s.x0 >= s.y1 - s.y0)
      .map((s) => ({ at: (s.y0 + s.y1) / 2, from: s.x0, to: s.x1 })),
  );
  const v = mergeAxes(
    segments
      .filter((s) => s.x1 - s.x0 < s.y1 - s.y0)
      .map((s) => ({ at: (s.x0 + s.x1) / 2, from: s.y0, to: s.y1 })),
  );
  const parent = Array.from({ length: h.length + v.length }, (_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    parent[i] = r;
    return r;
  };
  for (const [i, a] of h.entries()) {
    for (const [j, b] of v.entries()) {
      const touches =
        b.at >= a.from - SNAP &&
        b.at <= a.to + SNAP &&
        a.at >= b.from - SNAP &&
        a.at <= b.to + SNAP;
      if (touches) parent[find(i)] = find(h.length + j);
    }
  }
  const groups = new Map<number, { h: Axis[]; v: Axis[] }>();
  for (let i = 0; i < parent.length; i += 1) {
    const root = find(i);
    const group = groups.get(root) ?? { h: [], v: [] };
    if (i < h.length) group.h.push(h[i] as Axis);
    else group.v.push(v[i - h.length] as Axis);
    groups.set(root, group);
  }
  return [...groups.values()].filter((g) => g.h.length >= 2 && g.v.length >= 2);
}

/** A text run's vertical middle (baseline minus a third of the font size). */
const middleOf = (item: PdfTextItem) => item.y - item.size * 0.33;

/** Runs of one visual line, left to right, joined with a space where there is a gap. */
function joinRun(items: PdfTextItem[]): string {
  let text = '';
  let right = -Infinity;
  for (const item of items) {
    const gap = item.x - right;
    const needsSpace =
      text !== '' && !/\s$/.test(text) && !/^\s/.test(item.text) && gap > item.size * 0.12;
    text += (needsSpace ? ' ' : '') + item.text;
    right = Math.max(right, item.x + item.width);
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** Items grouped into visual lines (same baseline), top to bottom, each sorted left to right. */
export function groupLines(items: PdfTextItem[]): PdfTextItem[][] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: PdfTextItem[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const first = line?.[0];
    if (line && first && Math.abs(item.y - first.y) <= Math.max(1.5, first.size * 0.35)) {
      line.push(item);
    } else {
      lines.push([item]);
    }
  }
  for (const line of lines) line.sort((a, b) => a.x - b.x);
  return lines;
}

/**
 * The text of a cell: its lines joined with "\n" where the source has a line of its own (a list
 * item, a line that ends well before the cell's edge, a paragraph gap), with a space where a long
 * line was only wrapped. PDF keeps no paragraph marks, so this is a guess that whitespace-insensitive
 * comparisons do not depend on.
 */
export function cellText(items: PdfTextItem[], innerRight: number): string {
  const lines = groupLines(items);
  const leadings: number[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    leadings.push((lines[i]?.[0]?.y ?? 0) - (lines[i - 1]?.[0]?.y ?? 0));
  }
  const leading = leadings.length > 0 ? Math.min(...leadings) : 0;
  let text = '';
  for (const [i, line] of lines.entries()) {
    const lineText = joinRun(line);
    if (lineText === '') continue;
    if (text === '') {
      text = lineText;
      continue;
    }
    const previous = lines[i - 1] ?? [];
    const first = line[0] as PdfTextItem;
    const prevRight = Math.max(...previous.map((p) => p.x + p.width));
    const firstWord = lineText.split(' ')[0] ?? '';
    const wordWidth = (first.width * firstWord.length) / Math.max(1, first.text.trim().length);
    const gap = first.y - (previous[0]?.y ?? first.y);
    const isHardBreak =
      /^[-–•+*]\s|^\d{1,2}[.)]\s|^[a-zđ][.)]\s/iu.test(lineText) ||
      prevRight + wordWidth * 1.3 + first.size < innerRight ||
      (leading > 0 && gap > leading * 1.06);
    text += (isHardBreak ? '\n' : ' ') + lineText;
  }
  return text;
}

/** The ruled tables of a page and the items outside them. */
export function readPage(page: PdfPageContent): { blocks: PageBlock[] } {
  const tables: TableFragment[] = [];
  const used = new Set<PdfTextItem>();
  for (const component of tableComponents(page.segments)) {
    const xs = snapValues(component.v.map((a) => a.at));
    const ys = snapValues([
      ...component.h.map((a) => a.at),
      ...component.v.flatMap((a) => [a.from, a.to]),
    ]);
    if (xs.length < 2 || ys.length < 2) continue;
    const left = xs[0] as number;
    const right = xs[xs.length - 1] as number;
    const top = ys[0] as number;
    const bottom = ys[ys.length - 1] as number;
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    // Which slot belongs to which cell: a missing border between two slots merges them.
    const owner: number[][] = Array.from({ length: rows }, () =>
      Array.from({ length: cols }, () => -1),
    );
    const cells: (RuledCell & { x0: number; x1: number; y0: number; y1: number })[] = [];
    for (let r = 0; r < rows; r += 1) {
      for (let c = 0; c < cols; c += 1) {
        if ((owner[r]?.[c] ?? -1) !== -1) continue;
        const midY = ((ys[r] as number) + (ys[r + 1] as number)) / 2;
        let colSpan = 1;
        while (
          c + colSpan < cols &&
          !covers(component.v, xs[c + colSpan] as number, midY) &&
          (owner[r]?.[c + colSpan] ?? -1) === -1
        ) {
          colSpan += 1;
        }
        let rowSpan = 1;
        const spanOpen = (boundary: number) => {
          for (let k = c; k < c + colSpan; k += 1) {
            const midX = ((xs[k] as number) + (xs[k + 1] as number)) / 2;
            if (covers(component.h, ys[boundary] as number, midX)) return false;
            if ((owner[boundary]?.[k] ?? -1) !== -1) return false;
          }
          return true;
        };
        while (r + rowSpan < rows && spanOpen(r + rowSpan)) rowSpan += 1;
        const index = cells.length;
        for (let rr = r; rr < r + rowSpan; rr += 1) {
          for (let cc = c; cc < c + colSpan; cc += 1) {
            const slots = owner[rr];
            if (slots) slots[cc] = index;
          }
        }
        cells.push({
          row: r,
          col: c,
          rowSpan,
          colSpan,
          text: '',
          straddling: 0,
          x0: xs[c] as number,
          x1: xs[c + colSpan] as number,
          y0: ys[r] as number,
          y1: ys[r + rowSpan] as number,
        });
      }
    }
    const cellItems = new Map<number, PdfTextItem[]>();
    for (const item of page.items) {
      if (used.has(item)) continue;
      const mx = item.x + Math.min(item.width, item.size) / 2;
      const my = middleOf(item);
      if (mx < left || mx > right || my < top || my > bottom) continue;
      let r = ys.findIndex((y, i) => i > 0 && my <= y) - 1;
      let c = xs.findIndex((x, i) => i > 0 && mx <= x) - 1;
      r = Math.max(0, Math.min(rows - 1, r));
      c = Math.max(0, Math.min(cols - 1, c));
      const index = owner[r]?.[c] ?? -1;
      const cell = cells[index];
      if (!cell) continue;
      used.add(item);
      if (item.x < cell.x0 - 2 || item.x + item.width > cell.x1 + 2) cell.straddling += 1;
      cellItems.set(index, [...(cellItems.get(index) ?? []), item]);
    }
    for (const [index, items] of cellItems) {
      const cell = cells[index];
      if (!cell) continue;
      const padding = Math.max(1, Math.min(...items.map((i) => i.x)) - cell.x0);
      cell.text = cellText(items, cell.x1 - Math.min(padding, 8));
    }
    tables.push({
      page: page.number,
      xs,
      ys,
      top,
      bottom,
      cells: cells.map(({ row, col, rowSpan, colSpan, text, straddling }) => ({
        row,
        col,
        rowSpan,
        colSpan,
        text,
        straddling,
      })),
    });
  }

  const blocks: PageBlock[] = tables.map((table) => ({ kind: 'table', table }));
  for (const line of groupLines(page.items.filter((item) => !used.has(item)))) {
    const pieces: TextLine['pieces'] = [];
    let current: PdfTextItem[] = [];
    const flush = () => {
      if (current.length === 0) return;
      const text = joinRun(current);
      if (text !== '') {
        pieces.push({
          x0: current[0]?.x ?? 0,
          x1: Math.max(...current.map((i) => i.x + i.width)),
          text,
        });
      }
      current = [];
    };
    let right = -Infinity;
    for (const item of line) {
      if (current.length > 0 && item.x - right > item.size * 2) flush();
      current.push(item);
      right = Math.max(right, item.x + item.width);
    }
    flush();
    const first = line[0];
    if (pieces.length > 0 && first) {
      blocks.push({
        kind: 'line',
        line: {
          page: page.number,
          y: first.y,
          size: first.size,
          pieces,
          items: line,
          pageWidth: page.width,
        },
      });
    }
  }
  blocks.sort((a, b) => {
    const ya = a.kind === 'table' ? a.table.top : a.line.y;
    const yb = b.kind === 'table' ? b.table.top : b.line.y;
    return ya - yb;
  });
  return { blocks };
}
