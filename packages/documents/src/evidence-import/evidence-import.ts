import { foldVietnamese } from '@caitien/core';
import { asciiBytes, startsWith, ZIP_MAGIC } from '../ooxml/zip-archive.ts';
import {
  columnLetters,
  gridFromDocxTable,
  gridFromWorksheet,
  type Grid,
  type GridCell,
} from '../plan-import/grid.ts';
import { openPlanFile } from '../plan-import/plan-file.ts';
import { PLAN_IMPORT_LIMITS, type PlanImportErrorCode } from '../plan-import/plan-import.types.ts';
import { HtmlTooLarge, readHtmlTables } from './html-table.ts';

/**
 * Import of an existing evidence list (danh mục minh chứng) from Excel, Word, or the HTML pages
 * that "export to Word" tools save with a .doc name. Schools keep these lists in many shapes: the
 * 7 columns of CV 5932 (Tiêu chí · Số TT · Mã minh chứng · Tên minh chứng · Số, ngày ban hành… ·
 * Nơi ban hành… · Ghi chú), the 5 columns of TT57, 3-column lists (TT · Mã · Tên); criterion cells
 * merged down the rows, standard and criterion heading rows, no header row at all, a header cell
 * holding a code, criterion codes stored as numbers (8.1999999999999993). Each row citing a code
 * under a criterion is one entry (a code reused under several criteria gives several entries with
 * the same code); texts are kept exactly as written, line breaks included. What is doubtful is
 * kept and reported in Vietnamese; only a file that cannot be read at all throws.
 */

export interface EvidenceListEntry {
  /** "1.1", or null when neither the row, a heading above it nor the code names a criterion. */
  criterionCode: string | null;
  /** "1", or null when unknown. */
  standardCode: string | null;
  /** The code as written (edges trimmed): "[H1-1.1-01]", "MC.1.1.01"; "" when the row has none. */
  code: string;
  name: string;
  /** Số, ngày ban hành hoặc thời điểm khảo sát, điều tra, phỏng vấn, quan sát. */
  issued: string;
  /** Nơi ban hành hoặc nhóm, cá nhân thực hiện. */
  issuer: string;
  note: string;
  /** TT57: Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử ("" for 2018 lists). */
  storage: string;
  /** Where the row is: "Sheet1!C5" (the code cell) or "bảng 1, dòng 5". */
  source: string;
}

export interface EvidenceListImport {
  entries: EvidenceListEntry[];
  /** Vietnamese, one sentence each. */
  warnings: string[];
}

export type EvidenceListImportErrorCode = PlanImportErrorCode | 'NO_EVIDENCE_TABLE';

/** A file that cannot be read as an evidence list; `message` is Vietnamese, for the user. */
export class EvidenceListImportError extends Error {
  readonly code: EvidenceListImportErrorCode;
  constructor(code: EvidenceListImportErrorCode, message: string) {
    super(message);
    this.name = 'EvidenceListImportError';
    this.code = code;
  }
}

type Field = 'criterion' | 'ordinal' | 'code' | 'name' | 'issued' | 'issuer' | 'note' | 'storage';

/** Evidence codes as schools write them: [H1-1.1-01], H1-1.1-01, H8.08.01.02, MC.1.1.01. */
const CODE =
  /^[[(]?\s*(?:H\d{1,3}(?:\s*[-.]\s*\d{1,3}){2,4}|MC\s*\.\s*\d{1,2}\s*\.\s*\d{1,2}\s*\.\s*\d{1,4})\s*[\])]?$/i;
const CODE_2018 = /^\[H\d{1,3}-\d{1,2}\.\d{1,2}-\d{2,3}\]$/;
const CODE_TT57 = /^MC\.\d{1,2}\.\d{1,2}\.\d{2,4}$/;

function isCode(text: string): boolean {
  return CODE.test(text);
}

/** The criterion a code names: [H1-1.2-03] → 1.2, MC.1.3.01 → 1.3, H8.08.01.02 → 8.1. */
function criterionOfCode(code: string): string | null {
  const h2018 = /H\d{1,3}\s*-\s*(\d{1,2})\.(\d{1,2})\s*-/i.exec(code);
  if (h2018) return `${Number(h2018[1])}.${Number(h2018[2])}`;
  const mc = /MC\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\./i.exec(code);
  if (mc) return `${Number(mc[1])}.${Number(mc[2])}`;
  const dotted = /^\[?H\d{1,3}\.(\d{1,2})\.(\d{1,2})\.\d{1,3}\]?$/i.exec(code);
  if (dotted) return `${Number(dotted[1])}.${Number(dotted[2])}`;
  return null;
}

/**
 * "1.1", "Tiêu chí 1.1", "TC 1.1", "Tiêu chí 1.1: Phương hướng…", a number saved by Excel as
 * 8.1999999999999993 → "8.2". Null when the text names no criterion.
 */
export function readCriterionCode(text: string): string | null {
  const folded = foldVietnamese(text);
  const match = /^(?:tieu chi|tc)?\s*(\d{1,2})\s*[.,]\s*(\d{1,20})(?!\s*[.,]\s*\d)/.exec(folded);
  if (!match) return null;
  let minor = match[2] ?? '';
  if (minor.length >= 6) {
    // Binary noise of a number typed as 8.2: Excel's 15 significant digits give it back.
    const value = Number(Number(`${match[1]}.${minor}`).toPrecision(15));
    const parts = value.toString().split('.');
    minor = parts[1] ?? '0';
    return `${parts[0]}.${Number(minor)}`;
  }
  return `${Number(match[1])}.${Number(minor)}`;
}

/** "Tiêu chuẩn 8", "Tiêu chuẩn 8: …", "TIÊU CHUẨN 2 - …", "I.8" → the standard's number. */
function readStandardHeading(text: string): string | null {
  const folded = foldVietnamese(text);
  const named = /^tieu chuan\s*(\d{1,2})\b/.exec(folded);
  if (named) return String(Number(named[1]));
  const roman = /^[ivx]+\.(\d{1,2})$/.exec(folded);
  if (roman) return String(Number(roman[1]));
  return null;
}

function fieldOfHeader(text: string): Field | null {
  const h = foldVietnamese(text)
    .replace(/[()*:]/g, '')
    .trim();
  if (h === '') return null;
  if (/^(so )?tt$|^stt$|^so thu tu$/.test(h)) return 'ordinal';
  if (/^ma minh chung|^ma mc$|^ma so minh chung|^ma$/.test(h)) return 'code';
  if (/^ten minh chung|^ten$|^ten van ban|^noi dung minh chung/.test(h)) return 'name';
  if (/dinh dang|vi tri luu tru|duong dan/.test(h)) return 'storage';
  if (/^so,? ngay|^ngay ban hanh|^so hieu|thoi diem khao sat/.test(h)) return 'issued';
  if (/^noi ban hanh|ca nhan thuc hien|^don vi|^co quan ban hanh/.test(h)) return 'issuer';
  if (/^ghi chu/.test(h)) return 'note';
  if (/^tieu chi$|^tieu chuan, tieu chi$|^tieu chi so$|^tc$/.test(h)) return 'criterion';
  return null;
}

interface Columns {
  fields: Map<Field, number>;
  /** Index of the header row, or -1 without one. */
  headerRow: number;
}

function slotText(grid: Grid, r: number, c: number | undefined): string {
  if (c === undefined) return '';
  return grid.slots[r]?.[c]?.text ?? '';
}

function slot(grid: Grid, r: number, c: number | undefined): GridCell | null {
  if (c === undefined) return null;
  return grid.slots[r]?.[c] ?? null;
}

function describeRow(grid: Grid, r: number, c: number | undefined): string {
  if (grid.sheet !== undefined) return `${grid.sheet}!${columnLetters((c ?? 0) + 1)}${r + 1}`;
  return `bảng ${grid.number}, dòng ${r + 1}`;
}

/** The header row among the first rows: two known columns at least, one of them the code or name. */
function findHeader(grid: Grid, warnings: string[]): Columns | null {
  const last = Math.min(grid.slots.length, 15);
  for (let r = 0; r < last; r += 1) {
    const fields = new Map<Field, number>();
    const codeCells: number[] = [];
    for (let c = 0; c < grid.width; c += 1) {
      const cell = grid.slots[r]?.[c];
      if (!cell || cell.col !== c) continue;
      const field = fieldOfHeader(cell.text);
      if (field && !fields.has(field)) fields.set(field, c);
      else if (!field && isCode(cell.text)) codeCells.push(c);
    }
    const known = fields.size;
    if (known < 2 || !(fields.has('name') || fields.has('code'))) continue;
    if (!fields.has('code') && codeCells.length > 0) {
      const c = codeCells[0] as number;
      fields.set('code', c);
      warnings.push(
        `${describeRow(grid, r, c)}: ô tiêu đề của cột mã ghi “${slotText(grid, r, c)}” thay cho “Mã minh chứng”; cột này được đọc là cột mã minh chứng và ô đó không được nhập.`,
      );
    }
    return { fields, headerRow: r };
  }
  return null;
}

function looksLikeOrdinal(text: string): boolean {
  return /^\d{1,5}\.?$/.test(text.trim());
}

/** Without a header row: the code column is the one holding most codes; the others follow it. */
function guessColumns(grid: Grid): Columns | null {
  const counts = Array.from({ length: grid.width }, () => 0);
  for (const row of grid.slots) {
    for (let c = 0; c < grid.width; c += 1) {
      const cell = row[c];
      if (cell && cell.col === c && isCode(cell.text)) counts[c] = (counts[c] ?? 0) + 1;
    }
  }
  let codeCol = -1;
  for (let c = 0; c < grid.width; c += 1) {
    if ((counts[c] ?? 0) > (codeCol < 0 ? 1 : (counts[codeCol] ?? 0))) codeCol = c;
  }
  if (codeCol < 0) return null;
  const fields = new Map<Field, number>([['code', codeCol]]);
  const right = ['name', 'issued', 'issuer', 'note'] as const;
  const rest = grid.width - codeCol - 1;
  const order: readonly Field[] = rest >= 3 ? right : rest === 2 ? ['name', 'note'] : ['name'];
  order.forEach((field, i) => {
    if (codeCol + 1 + i < grid.width) fields.set(field, codeCol + 1 + i);
  });
  // Left of the code: the ordinal (mostly numbers), then the criterion.
  for (let c = codeCol - 1; c >= 0; c -= 1) {
    let numbers = 0;
    let filled = 0;
    for (const row of grid.slots) {
      const cell = row[c];
      if (!cell || cell.col !== c || cell.text === '') continue;
      filled += 1;
      if (looksLikeOrdinal(cell.text)) numbers += 1;
    }
    if (!fields.has('ordinal') && filled > 0 && numbers * 2 >= filled) fields.set('ordinal', c);
    else if (!fields.has('criterion')) fields.set('criterion', c);
  }
  return { fields, headerRow: -1 };
}

/** A row "(1) (2) (3)…" or "1 2 3 4…" numbering the columns. */
function isColumnNumbers(texts: string[]): boolean {
  if (texts.length < 3) return false;
  return texts.every((t, i) => {
    const n = /^\(?(\d{1,2})\)?$/.exec(t.trim());
    return n !== null && Number(n[1]) === i + 1;
  });
}

/** Removes control characters no document shows (kept: line breaks and tabs). */
function clean(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && ch !== '\n' && ch !== '\t') || code === 0x7f) continue;
    out += ch;
  }
  return out;
}

interface RowState {
  standard: string | null;
  criterion: string | null;
}

/**
 * Excel keeps "1.10" typed as a number as 1.1: after 1.9 (or 1.19…) of the same standard, a bare
 * number 1.1 (1.2…) read from a worksheet is taken as 1.10 (1.20…), and said so.
 */
interface NumberFix {
  last: string | null;
  memo: Map<string, string>;
}

function fixTruncated(
  grid: Grid,
  raw: string,
  code: string,
  fix: NumberFix,
  out: EvidenceListImport,
  where: string,
): string {
  let result = code;
  if (grid.sheet !== undefined && /^\s*\d{1,2}\.\d\s*$/.test(raw)) {
    const memo = fix.memo.get(code);
    if (memo) result = memo;
    else {
      const [major, minor] = code.split('.').map(Number);
      const [lastMajor, lastMinor] = (fix.last ?? '').split('.').map(Number);
      if (
        major === lastMajor &&
        minor !== undefined &&
        lastMinor !== undefined &&
        lastMinor >= 9 &&
        minor * 10 === lastMinor + 1
      ) {
        result = `${major}.${minor * 10}`;
        fix.memo.set(code, result);
        out.warnings.push(
          `${where}: tiêu chí ghi dạng số “${raw.trim()}” sau tiêu chí ${fix.last} được hiểu là tiêu chí ${result} (Excel bỏ số 0 cuối của ${result}); hãy kiểm tra.`,
        );
      }
    }
  }
  fix.last = result;
  return result;
}

function readGrid(grid: Grid, columns: Columns, out: EvidenceListImport): number {
  const { fields } = columns;
  const state: RowState = { standard: null, criterion: null };
  const fix: NumberFix = { last: null, memo: new Map() };
  const codeCol = fields.get('code');
  const nameCol = fields.get('name');
  let read = 0;
  const mappedCols = [...fields.values()];
  for (let r = columns.headerRow + 1; r < grid.slots.length; r += 1) {
    const row = grid.slots[r] ?? [];
    const distinct: GridCell[] = [];
    for (const cell of row) {
      if (cell && !distinct.includes(cell) && cell.text !== '') distinct.push(cell);
    }
    if (distinct.length === 0) continue;
    const texts = distinct.map((c) => c.text);
    if (isColumnNumbers(texts)) continue;
    // A repeated header row (tables split over pages).
    if (distinct.filter((c) => fieldOfHeader(c.text) !== null).length >= 2) continue;

    const codeText = clean(slotText(grid, r, codeCol)).trim();
    const codeCell = slot(grid, r, codeCol);
    const nameCell = slot(grid, r, nameCol);
    const hasCode = codeText !== '' && isCode(codeText);

    if (!hasCode) {
      // Heading rows: "Tiêu chuẩn 8…", "I.8", "Tiêu chí 8.1…", or a bare "2" / "2.1" with the
      // title beside it (often merged across the code and name columns).
      const headingTitleBeside =
        nameCell === null ||
        nameCell === codeCell ||
        /^(tieu chuan|tieu chi)\b/.test(foldVietnamese(nameCell.text));
      let standard: string | null = null;
      let criterion: string | null = null;
      // A row with a name keeps its criterion cell (merged down the rows) out of the heading test.
      const criterionCell = slot(grid, r, fields.get('criterion'));
      const hasName = nameCell !== null && nameCell !== codeCell && nameCell.text !== '';
      const candidates = hasName ? distinct.filter((c) => c !== criterionCell) : distinct;
      for (const cell of candidates) {
        const std = readStandardHeading(cell.text);
        if (std && !standard) standard = std;
        const folded = foldVietnamese(cell.text);
        if (/^(tieu chi|tc)\s*\d/.test(folded) && !criterion)
          criterion = readCriterionCode(cell.text);
      }
      if (!standard && !criterion && headingTitleBeside) {
        for (const cell of candidates) {
          if (cell === nameCell && nameCell !== codeCell) continue;
          const t = cell.text.trim();
          if (/^\d{1,2}$/.test(t) && !standard) standard = String(Number(t));
          else if (/^\d{1,2}\s*\.\s*\d+$/.test(t) && !criterion) {
            const read = readCriterionCode(t);
            criterion =
              read && fixTruncated(grid, t, read, fix, out, describeRow(grid, r, cell.col));
          }
        }
      }
      const isEvidenceWithoutCode =
        hasName && !standard && !criterion && (columns.headerRow >= 0 || read > 0);
      if (criterion) {
        state.criterion = criterion;
        fix.last = criterion;
        state.standard = criterion.split('.')[0] ?? null;
        continue;
      }
      if (standard) {
        state.standard = standard;
        state.criterion = null;
        continue;
      }
      if (!isEvidenceWithoutCode) {
        // A note in brackets across the table ("(Chưa có minh chứng)") is not a lost row.
        const note = distinct.length === 1 && /^\(.*\)$/s.test(texts[0]?.trim() ?? '');
        if (read > 0 && !note) {
          out.warnings.push(
            `${describeRow(grid, r, codeCol)}: dòng không có mã minh chứng và không phải dòng tiêu chuẩn/tiêu chí (“${texts.join(' | ').slice(0, 120)}”); dòng này không được nhập, hãy kiểm tra.`,
          );
        }
        continue;
      }
    }

    let criterion: string | null = null;
    const criterionCol = fields.get('criterion');
    const criterionText = slotText(grid, r, criterionCol);
    if (criterionText !== '') {
      criterion = readCriterionCode(criterionText);
      if (criterion !== null) {
        criterion = fixTruncated(
          grid,
          criterionText,
          criterion,
          fix,
          out,
          describeRow(grid, r, criterionCol),
        );
      } else {
        const std = readStandardHeading(criterionText);
        if (std) state.standard = std;
        else {
          out.warnings.push(
            `${describeRow(grid, r, criterionCol)}: không đọc được mã tiêu chí trong “${criterionText.slice(0, 80)}”; dòng này vẫn được đọc vào bản xem trước, hãy chọn tiêu chí.`,
          );
        }
      }
    }
    if (criterion === null) criterion = state.criterion;
    if (criterion === null && hasCode) criterion = criterionOfCode(codeText);
    const standard = criterion ? (criterion.split('.')[0] ?? null) : state.standard;

    const text = (field: Field): string => {
      const c = fields.get(field);
      if (c === undefined) return '';
      const cell = slot(grid, r, c);
      // A cell merged across mapped columns belongs to the first of them only.
      if (!cell || (cell.col !== c && mappedCols.includes(cell.col))) return '';
      return clean(cell.text);
    };
    if (codeText !== '' && !hasCode) {
      out.warnings.push(
        `${describeRow(grid, r, codeCol)}: mã “${codeText}” không đúng dạng [Hn-a.b-cc] hay MC.a.b.cc; mã được đọc như đã ghi (bản xem trước cho biết dòng có được nhập không).`,
      );
    }
    if (codeText === '') {
      out.warnings.push(
        `${describeRow(grid, r, nameCol)}: minh chứng “${text('name').slice(0, 80)}” chưa có mã; dòng này vẫn được đọc vào bản xem trước (bản xem trước cho biết dòng có được nhập không).`,
      );
    }
    out.entries.push({
      criterionCode: criterion,
      standardCode: standard,
      code: codeText,
      name: text('name'),
      issued: text('issued'),
      issuer: text('issuer'),
      note: text('note'),
      storage: text('storage'),
      source: describeRow(grid, r, codeText !== '' ? codeCol : nameCol),
    });
    read += 1;
  }
  return read;
}

/** Checks across entries: a code twice under one criterion, one code with different names. */
function crossCheck(out: EvidenceListImport): void {
  const byCitation = new Map<string, string[]>();
  const names = new Map<string, { name: string; source: string }>();
  for (const entry of out.entries) {
    if (entry.code === '') continue;
    const key = `${entry.criterionCode ?? '?'}\u0000${entry.code}`;
    byCitation.set(key, [...(byCitation.get(key) ?? []), entry.source]);
    const first = names.get(entry.code);
    if (!first) names.set(entry.code, { name: entry.name, source: entry.source });
    else if (foldVietnamese(first.name) !== foldVietnamese(entry.name)) {
      out.warnings.push(
        `Mã ${entry.code} mang hai tên khác nhau: “${first.name.slice(0, 80)}” (${first.source}) và “${entry.name.slice(0, 80)}” (${entry.source}); cả hai dòng được giữ, hãy kiểm tra.`,
      );
    }
  }
  for (const [key, sources] of byCitation) {
    if (sources.length < 2) continue;
    const [criterion, code] = key.split('\u0000');
    const where = criterion === '?' ? 'không rõ tiêu chí' : `tiêu chí ${criterion}`;
    out.warnings.push(
      `Mã ${code} được ghi ${sources.length} lần dưới ${where} (${sources.join('; ')}); các dòng đều được giữ, hãy bỏ dòng thừa.`,
    );
  }
  const unknownShape = out.entries.filter(
    (e) => e.code !== '' && !CODE_2018.test(e.code) && !CODE_TT57.test(e.code),
  );
  if (unknownShape.length > 0 && unknownShape.length === out.entries.length) {
    out.warnings.push(
      `Các mã trong tệp (ví dụ ${unknownShape[0]?.code}) không theo dạng [Hn-a.b-cc] (2018) hay MC.a.b.cc (TT57); chúng được giữ như đã ghi và có thể đánh lại mã sau khi nhập.`,
    );
  }
}

function readGrids(grids: Grid[]): EvidenceListImport {
  const out: EvidenceListImport = { entries: [], warnings: [] };
  let tables = 0;
  for (const grid of grids) {
    const local: string[] = [];
    let columns = findHeader(grid, local);
    if (columns && !columns.fields.has('code')) {
      const guessed = guessColumns(grid);
      const codeCol = guessed?.fields.get('code');
      if (codeCol !== undefined) columns.fields.set('code', codeCol);
      else columns = null;
    }
    if (!columns) {
      columns = guessColumns(grid);
      if (!columns) continue;
      local.push(
        `${grid.sheet !== undefined ? `Trang tính “${grid.sheet}”` : `Bảng ${grid.number}`} không có dòng tiêu đề cột: cột mã được nhận theo nội dung, các cột khác theo thứ tự (Tên minh chứng, Số/ngày ban hành, Nơi ban hành, Ghi chú); hãy kiểm tra bản xem trước.`,
      );
    }
    const before = out.warnings.length;
    out.warnings.push(...local);
    const read = readGrid(grid, columns, out);
    if (read === 0) {
      out.warnings.splice(before);
      continue;
    }
    tables += 1;
  }
  if (tables === 0) {
    throw new EvidenceListImportError(
      'NO_EVIDENCE_TABLE',
      'Không tìm thấy bảng danh mục minh chứng trong tệp: cần một bảng có cột “Mã minh chứng” (mã dạng [H1-1.1-01] hoặc MC.1.1.01) và cột “Tên minh chứng”.',
    );
  }
  crossCheck(out);
  for (const grid of grids) out.warnings.push(...grid.warnings.map((w) => w.message));
  return out;
}

const HTML_LIMITS = {
  maxTables: PLAN_IMPORT_LIMITS.maxTables,
  maxRows: PLAN_IMPORT_LIMITS.maxTableRows * 4,
  maxCells: PLAN_IMPORT_LIMITS.maxTableRows * 4 * 20,
  maxColumns: PLAN_IMPORT_LIMITS.maxColumns,
};

/** The plan importer's messages name "kế hoạch"; an evidence list is named instead. */
function forEvidence(message: string): string {
  return message
    .replace(/tệp kế hoạch|bảng kế hoạch/g, 'danh mục minh chứng')
    .replace(/một kế hoạch cải tiến|Một kế hoạch/g, (m) =>
      m.startsWith('M') ? 'Một danh mục minh chứng' : 'một danh mục minh chứng',
    )
    .replace(/của kế hoạch/g, 'của danh mục minh chứng');
}

function htmlText(bytes: Uint8Array): string | null {
  if (startsWith(bytes, ZIP_MAGIC)) return null;
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (!head.startsWith('<')) return null;
  if (!/<(html|head|body|table|meta|!doctype html|style|div|p)\b/.test(head)) return null;
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
}

/**
 * Reads an evidence list from the bytes of an .xlsx, a .docx, or an HTML page saved as .doc.
 * Throws {@link EvidenceListImportError} (Vietnamese message) for an empty, oversized, encrypted,
 * corrupt or unsupported file, or one without an evidence table. The type is sniffed from the
 * bytes; `fileName` is only used in messages.
 */
export async function parseEvidenceList(
  bytes: Uint8Array,
  fileName: string,
): Promise<EvidenceListImport> {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new EvidenceListImportError(
      'EMPTY_FILE',
      `Tệp “${fileName}” rỗng. Hãy chọn lại tệp danh mục minh chứng (.xlsx, .docx).`,
    );
  }
  if (bytes.length <= PLAN_IMPORT_LIMITS.maxBytes && !startsWith(bytes, asciiBytes('%PDF'))) {
    const html = htmlText(bytes);
    if (html !== null) {
      let grids: Grid[];
      try {
        grids = readHtmlTables(html, HTML_LIMITS);
      } catch (error) {
        if (error instanceof HtmlTooLarge) {
          throw new EvidenceListImportError(
            'TOO_LARGE',
            `Tệp “${fileName}” có quá nhiều bảng hoặc dòng để là một danh mục minh chứng. Hãy chép riêng bảng danh mục sang tệp Excel mới rồi tải lên.`,
          );
        }
        throw error;
      }
      const result = readGrids(grids);
      result.warnings.unshift(
        `Tệp “${fileName}” là trang web (HTML) được lưu với đuôi Word; bảng danh mục đã được đọc từ trang đó.`,
      );
      return result;
    }
  }
  let opened: Awaited<ReturnType<typeof openPlanFile>>;
  try {
    opened = await openPlanFile(bytes, PLAN_IMPORT_LIMITS.maxBytes);
  } catch {
    opened = {
      ok: false,
      error: {
        code: 'CORRUPT',
        message:
          'Tệp bị hỏng hoặc có cấu trúc lạ. Hãy mở tệp trong Word/Excel, lưu lại rồi tải lên lần nữa.',
      },
    };
  }
  if (!opened.ok) {
    throw new EvidenceListImportError(opened.error.code, forEvidence(opened.error.message));
  }
  let grids: Grid[];
  if (opened.kind === 'docx') {
    grids = opened.body.tables
      .map((table, i) => gridFromDocxTable(table, i + 1, PLAN_IMPORT_LIMITS.maxColumns))
      .filter((grid) => grid.slots.length > 0);
  } else {
    grids = opened.workbook.worksheets.map((sheet, i) =>
      gridFromWorksheet(sheet, i + 1, {
        maxRows: PLAN_IMPORT_LIMITS.maxSheetRows,
        maxColumns: PLAN_IMPORT_LIMITS.maxSheetColumns,
      }),
    );
  }
  return readGrids(grids);
}
