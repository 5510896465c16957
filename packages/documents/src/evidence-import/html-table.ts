import { decodeXmlText } from '../plan-import/docx-reader.ts';
import type { Grid, GridCell } from '../plan-import/grid.ts';

/**
 * Reads the tables of an HTML page saved with a Word name (".doc" files made by "Export HTML to
 * Word" tools: UTF-8 HTML, often without `<html>`, with `rowspan`/`colspan` merges). Only what a
 * table shows is kept: cell texts with `<br>` and paragraph ends as line breaks, merges resolved
 * into a grid like the Word and Excel readers build. Scripts, styles and comments are skipped.
 * Tables nested in a cell are flattened into the cell's text.
 */

export interface HtmlTableLimits {
  maxTables: number;
  maxRows: number;
  maxCells: number;
  maxColumns: number;
}

/** The page holds more tables, rows or cells than the limits allow. */
export class HtmlTooLarge extends Error {}

const NAMED: Record<string, string> = {
  nbsp: '\u00A0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
};

function decodeHtml(raw: string): string {
  const named = raw.replace(/&([a-zA-Z]{2,8});/g, (whole, name: string) => NAMED[name] ?? whole);
  return decodeXmlText(named);
}

interface RawCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

function spanOf(attributes: string, name: string, max: number): number {
  const match = new RegExp(`\\b${name}\\s*=\\s*["']?(\\d{1,6})`, 'i').exec(attributes);
  const value = match ? Number.parseInt(match[1] ?? '1', 10) : 1;
  return Math.min(Math.max(1, value), max);
}

/** A line break inside a cell, kept apart from the source's own (insignificant) newlines. */
const BREAK = '\uE000';

const TAG =
  /<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][a-zA-Z0-9:]*)([^>]*)>/g;

/** Tables of an HTML document, each as a grid numbered from 1 in document order. */
export function readHtmlTables(html: string, limits: HtmlTableLimits): Grid[] {
  const tables: RawCell[][][] = [];
  let depth = 0;
  let current: RawCell[][] | null = null;
  let row: RawCell[] | null = null;
  let cell: RawCell | null = null;
  let text = '';
  let rows = 0;
  let cells = 0;
  let last = 0;

  const flushText = (upTo: number): void => {
    if (cell) text += html.slice(last, upTo);
  };
  const closeCell = (): void => {
    if (!cell || !row) return;
    cell.text = decodeHtml(text.replace(/[ \t\r\n]+/g, ' '))
      .replace(/ *\uE000 */g, '\n')
      .replace(/\u00A0/g, ' ')
      .replace(/^[\s\u200B\u2060\uFEFF]+|[\s\u200B\u2060\uFEFF]+$/gu, '');
    row.push(cell);
    cell = null;
    text = '';
  };
  const closeRow = (): void => {
    closeCell();
    if (row && current) current.push(row);
    row = null;
  };

  for (const match of html.matchAll(TAG)) {
    const index = match.index ?? 0;
    flushText(index);
    last = index + match[0].length;
    const name = (match[3] ?? '').toLowerCase();
    if (!name) continue;
    const closing = match[2] === '/';
    const attributes = match[4] ?? '';
    if (name === 'table') {
      if (!closing) {
        depth += 1;
        if (depth === 1) {
          if (tables.length >= limits.maxTables) throw new HtmlTooLarge('tables');
          current = [];
          tables.push(current);
        }
      } else if (depth > 0) {
        if (depth === 1) {
          closeRow();
          current = null;
        }
        depth -= 1;
      }
      continue;
    }
    if (depth !== 1) {
      if (cell && (name === 'br' || name === 'p' || name === 'div' || name === 'tr')) {
        if (closing || name === 'br') text += BREAK;
      }
      continue;
    }
    if (name === 'tr') {
      closeRow();
      if (!closing) {
        rows += 1;
        if (rows > limits.maxRows) throw new HtmlTooLarge('rows');
        row = [];
      }
      continue;
    }
    if (name === 'td' || name === 'th') {
      closeCell();
      if (!closing) {
        if (!row) row = [];
        cells += 1;
        if (cells > limits.maxCells) throw new HtmlTooLarge('cells');
        cell = {
          text: '',
          rowSpan: spanOf(attributes, 'rowspan', 1000),
          colSpan: spanOf(attributes, 'colspan', limits.maxColumns),
        };
        text = '';
      }
      continue;
    }
    if (!cell) continue;
    if (name === 'br' || ((name === 'p' || name === 'div' || name === 'li') && closing)) {
      text += BREAK;
    }
  }
  if (current) closeRow();
  return tables.map((table, i) => gridOf(table, i + 1, limits.maxColumns));
}

/** Places rows of cells with rowspan/colspan on a grid (the HTML table model). */
function gridOf(table: RawCell[][], number: number, maxColumns: number): Grid {
  const slots: (GridCell | null)[][] = [];
  const ensureRow = (r: number): (GridCell | null)[] => {
    while (slots.length <= r) slots.push([]);
    return slots[r] as (GridCell | null)[];
  };
  for (const [r, cells] of table.entries()) {
    let col = 0;
    const rowSlots = ensureRow(r);
    for (const raw of cells) {
      while (col < maxColumns && rowSlots[col]) col += 1;
      if (col >= maxColumns) break;
      const colSpan = Math.min(raw.colSpan, maxColumns - col);
      const rowSpan = Math.min(raw.rowSpan, Math.max(1, table.length - r));
      const gridCell: GridCell = { text: raw.text, row: r, col, rowSpan, colSpan };
      for (let dr = 0; dr < rowSpan; dr += 1) {
        const target = ensureRow(r + dr);
        for (let dc = 0; dc < colSpan; dc += 1) target[col + dc] = gridCell;
      }
      col += colSpan;
    }
  }
  const width = Math.max(0, ...slots.map((s) => s.length));
  for (const rowSlots of slots) {
    for (let c = 0; c < width; c += 1) if (rowSlots[c] === undefined) rowSlots[c] = null;
  }
  return { number, width, slots, warnings: [] };
}
