import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import type { Grid, GridCell } from './grid.ts';
import { PLAN_IMPORT_LIMITS } from './plan-import.types.ts';

/**
 * HTML saved under a .doc name (issue 16): tools that "export HTML to Word" write a web page
 * (`<html>…<table>`, often with Word's `mso-` styles and `o:`/`v:` namespaced tags) and name it
 * .doc; Word opens it, the importer used to refuse it. Parsed by parse5 (the WHATWG algorithm, so
 * broken markup is repaired the way a browser repairs it), then read the way a browser shows it:
 * whitespace collapsed, `<br>` a line break, block elements (p, div, li, headings…) on lines of
 * their own, entities decoded, hidden content (script, style, `display:none`) left out. Body
 * paragraphs become paragraphs; tables become grids with rowspan/colspan resolved by the HTML
 * table algorithm (a cell takes the first free slot of its row). A table inside a cell is a grid
 * of its own, after the table that holds it, and its text is not repeated in the outer cell.
 */

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

export interface HtmlBody {
  tables: Grid[];
  /** The body in order: paragraphs (text) and tables (index into `tables`). */
  blocks: Array<{ kind: 'paragraph'; text: string } | { kind: 'table'; table: number }>;
}

/** The page has more tables, rows, cells or nesting than a plan can have. */
export class HtmlTooLarge extends Error {
  constructor(what: string) {
    super(`HTML too large: ${what}`);
    this.name = 'HtmlTooLarge';
  }
}

export interface HtmlLimits {
  maxTables: number;
  maxRowsPerTable: number;
  maxCells: number;
  maxColumns: number;
  maxDepth: number;
}

export const HTML_LIMITS: HtmlLimits = {
  maxTables: PLAN_IMPORT_LIMITS.maxTables,
  maxRowsPerTable: PLAN_IMPORT_LIMITS.maxTableRows * 4,
  maxCells: PLAN_IMPORT_LIMITS.maxTableRows * 4 * 20,
  maxColumns: PLAN_IMPORT_LIMITS.maxColumns,
  maxDepth: 400,
};

/** Elements whose content a browser does not show. */
const HIDDEN = new Set([
  'head',
  'script',
  'style',
  'template',
  'title',
  'noscript',
  'xml',
  'object',
  'iframe',
  'svg',
  'math',
]);

/** Elements that sit on lines of their own (CSS display: block, list-item, table parts). */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'plaintext',
  'pre',
  'section',
  'summary',
  'table',
  'caption',
  'tr',
  'ul',
  'xmp',
  'body',
  'html',
]);

const PREFORMATTED = new Set(['pre', 'listing', 'plaintext', 'xmp', 'textarea']);

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function isHidden(element: Element): boolean {
  if (HIDDEN.has(element.tagName)) return true;
  if (element.attrs.some((a) => a.name === 'hidden')) return true;
  const style = attribute(element, 'style');
  return style !== undefined && /(?:^|;)\s*display\s*:\s*none\b/i.test(style);
}

function childrenOf(node: Node): Node[] {
  if (isElement(node) && node.tagName === 'template') return [];
  return 'childNodes' in node ? node.childNodes : [];
}

/**
 * Text as a browser lays it out: runs of spaces, tabs and newlines become one space (not at the
 * start or end of a line), `<br>` is a line break, blocks start and end lines (never a blank line
 * of their own), preformatted text is kept as written.
 */
class TextLayout {
  private out = '';
  private atLineStart = true;
  private pendingSpace = false;

  text(value: string, preformatted: boolean): void {
    if (preformatted) {
      const text = value.replace(/\r\n?/g, '\n');
      if (text === '') return;
      if (this.pendingSpace && !this.atLineStart) this.out += ' ';
      this.out += text;
      this.pendingSpace = false;
      this.atLineStart = text.endsWith('\n');
      return;
    }
    const collapsed = value.replace(/[ \t\n\r\f]+/g, ' ');
    if (collapsed === '') return;
    const core = collapsed.trim();
    if (core === '') {
      if (!this.atLineStart) this.pendingSpace = true;
      return;
    }
    if ((this.pendingSpace || collapsed.startsWith(' ')) && !this.atLineStart) this.out += ' ';
    this.out += core;
    this.atLineStart = false;
    this.pendingSpace = collapsed.endsWith(' ');
  }

  /** `<br>`: always a new line. */
  lineBreak(): void {
    this.out += '\n';
    this.atLineStart = true;
    this.pendingSpace = false;
  }

  /** A block's edge: a new line unless already at the start of one. */
  blockEdge(): void {
    if (!this.atLineStart) this.lineBreak();
    this.pendingSpace = false;
  }

  /** The text; lines that show nothing (only `&nbsp;`, as Word writes empty paragraphs) are empty. */
  take(): string {
    const text = this.out
      .split('\n')
      .map((line) => (/^[\s\u00A0]*$/u.test(line) ? '' : line))
      .join('\n');
    this.out = '';
    this.atLineStart = true;
    this.pendingSpace = false;
    return text;
  }
}

interface RawCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

function spanOf(value: string | undefined, fallback: number, max: number): number {
  const n = value === undefined ? NaN : Number.parseInt(value.trim(), 10);
  if (!Number.isFinite(n) || n < 0) return fallback;
  return Math.min(n, max);
}

/** Reads the page's body into paragraphs and tables. Throws {@link HtmlTooLarge}. */
export function readHtmlBody(html: string, limits: HtmlLimits = HTML_LIMITS): HtmlBody {
  const document = parse(html);
  const body: HtmlBody = { tables: [], blocks: [] };
  let cells = 0;
  const paragraph = new TextLayout();

  const flushParagraph = (): void => {
    const text = paragraph.take().replace(/^\n+|\n+$/g, '');
    if (text.trim() !== '') body.blocks.push({ kind: 'paragraph', text });
  };

  /** Walks inline and block content into `layout`; tables met are handed to `onTable`. */
  const walk = (
    node: Node,
    layout: TextLayout,
    preformatted: boolean,
    depth: number,
    onTable: (table: Element) => void,
    onBlockEdge: () => void,
  ): void => {
    if (depth > limits.maxDepth) throw new HtmlTooLarge('nesting');
    if (node.nodeName === '#text') {
      layout.text((node as DefaultTreeAdapterTypes.TextNode).value, preformatted);
      return;
    }
    if (!isElement(node)) {
      for (const child of childrenOf(node)) {
        walk(child, layout, preformatted, depth + 1, onTable, onBlockEdge);
      }
      return;
    }
    if (isHidden(node)) return;
    const tag = node.tagName;
    if (tag === 'br') {
      layout.lineBreak();
      return;
    }
    if (tag === 'table') {
      onTable(node);
      return;
    }
    const block = BLOCK.has(tag) || tag === 'td' || tag === 'th';
    if (block) onBlockEdge();
    const pre = preformatted || PREFORMATTED.has(tag);
    for (const child of childrenOf(node)) walk(child, layout, pre, depth + 1, onTable, onBlockEdge);
    if (block) onBlockEdge();
  };

  /** Rows of a table: its own `tr`s and those of its thead/tbody/tfoot, not of nested tables. */
  const rowsOf = (table: Element): Element[] => {
    const rows: Element[] = [];
    for (const child of table.childNodes) {
      if (!isElement(child)) continue;
      if (child.tagName === 'tr') rows.push(child);
      else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) {
        for (const row of child.childNodes) {
          if (isElement(row) && row.tagName === 'tr') rows.push(row);
        }
      }
    }
    return rows;
  };

  const readTable = (table: Element, depth: number): void => {
    if (body.tables.length >= limits.maxTables) throw new HtmlTooLarge('tables');
    const index = body.tables.length;
    // Reserve the place: nested tables come after the one that holds them.
    body.tables.push({ number: index + 1, width: 0, slots: [], warnings: [] });
    body.blocks.push({ kind: 'table', table: index });
    const nested: Element[] = [];
    const caption = table.childNodes.find(
      (child): child is Element => isElement(child) && child.tagName === 'caption',
    );
    const rows = rowsOf(table);
    if (rows.length > limits.maxRowsPerTable) throw new HtmlTooLarge('rows');
    const raw: RawCell[][] = rows.map((row) =>
      row.childNodes
        .filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'))
        .map((cell) => {
          cells += 1;
          if (cells > limits.maxCells) throw new HtmlTooLarge('cells');
          const layout = new TextLayout();
          const hidden = isHidden(cell);
          if (!hidden) {
            for (const child of cell.childNodes) {
              walk(
                child,
                layout,
                false,
                depth + 1,
                (inner) => nested.push(inner),
                () => layout.blockEdge(),
              );
            }
          }
          return {
            text: layout.take().replace(/^[\s\u200B\u2060\uFEFF]+|[\s\u200B\u2060\uFEFF]+$/gu, ''),
            rowSpan: spanOf(attribute(cell, 'rowspan'), 1, 65_534),
            colSpan: Math.max(1, spanOf(attribute(cell, 'colspan'), 1, 1_000)),
          };
        }),
    );
    body.tables[index] = gridFromHtmlRows(raw, index + 1, limits.maxColumns);
    if (caption) {
      const layout = new TextLayout();
      walk(
        caption,
        layout,
        false,
        depth + 1,
        (inner) => nested.push(inner),
        () => layout.blockEdge(),
      );
      const text = layout.take().replace(/^\n+|\n+$/g, '');
      // The caption is shown above the table: a paragraph before it.
      if (text.trim() !== '')
        body.blocks.splice(body.blocks.length - 1, 0, { kind: 'paragraph', text });
    }
    for (const inner of nested) readTable(inner, depth + 1);
  };

  const root = document.childNodes.find((n): n is Element => isElement(n) && n.tagName === 'html');
  const bodyElement = root?.childNodes.find(
    (n): n is Element => isElement(n) && (n.tagName === 'body' || n.tagName === 'frameset'),
  );
  if (bodyElement) {
    walk(
      bodyElement,
      paragraph,
      false,
      0,
      (table) => {
        flushParagraph();
        readTable(table, 0);
      },
      () => flushParagraph(),
    );
  }
  flushParagraph();
  return body;
}

/** The HTML table algorithm: each cell in the first free slot of its row, spans filled. */
export function gridFromHtmlRows(rows: RawCell[][], number: number, maxColumns: number): Grid {
  const slots: (GridCell | null)[][] = rows.map(() => []);
  let clipped = 0;
  for (const [r, row] of rows.entries()) {
    const line = slots[r] as (GridCell | null)[];
    let col = 0;
    for (const cell of row) {
      while (col < maxColumns && line[col]) col += 1;
      if (col >= maxColumns) {
        if (cell.text !== '') clipped += 1;
        continue;
      }
      const colSpan = Math.min(cell.colSpan, maxColumns - col);
      // rowspan="0": to the end of the table.
      const rowSpan = Math.min(
        cell.rowSpan === 0 ? rows.length - r : cell.rowSpan,
        rows.length - r,
      );
      const gridCell: GridCell = {
        text: cell.text,
        row: r,
        col,
        rowSpan: Math.max(1, rowSpan),
        colSpan,
      };
      for (let dr = 0; dr < gridCell.rowSpan; dr += 1) {
        const target = slots[r + dr] as (GridCell | null)[];
        for (let dc = 0; dc < colSpan; dc += 1) {
          if (!target[col + dc]) target[col + dc] = gridCell;
        }
      }
      col += colSpan;
    }
  }
  const width = Math.max(0, ...slots.map((line) => line.length));
  for (const line of slots) {
    for (let c = 0; c < width; c += 1) line[c] ??= null;
  }
  const grid: Grid = { number, width, slots, warnings: [] };
  if (clipped > 0) {
    grid.warnings.push({
      code: 'table.too-wide',
      message: `Bảng ${number} rộng hơn ${maxColumns} cột: ${clipped} ô ở ngoài cùng bên phải không được đọc.`,
    });
  }
  return grid;
}

/**
 * The page's text: BOM first, then the charset its `<meta>` declares, else UTF-8 when the bytes
 * are valid UTF-8, else Windows-1252 (what browsers assume). Windows-1258 (Vietnamese) writes
 * tone marks as combining characters: composed (NFC), as any Vietnamese text is typed.
 */
export function decodeHtml(data: Uint8Array): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(data.subarray(3));
  }
  if (data[0] === 0xff && data[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff)
    return new TextDecoder('utf-16be').decode(data.subarray(2));
  const head = new TextDecoder('latin1').decode(data.subarray(0, 4096));
  const declared = /<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head)?.[1];
  if (declared) {
    try {
      const decoder = new TextDecoder(declared);
      const text = decoder.decode(data);
      return decoder.encoding === 'windows-1258' ? text.normalize('NFC') : text;
    } catch {
      // an unknown label: guessed below
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('windows-1252').decode(data);
  }
}
