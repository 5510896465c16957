import { foldVietnamese } from '@caitien/core';
import type { ImportField } from './plan-import.types.ts';

/**
 * Recognises the column names of plan tables and the texts of their structure rows, without regard
 * to case, diacritics, spacing, punctuation or wording variants. The column lists come from the
 * three layouts (PRODUCT.md §4, §6): 2018 layout A (seeds 000, 002–004), layout B (seed 001) and
 * TT57 Biểu 2, plus the variants schools write ("Người chịu trách nhiệm", "Đơn vị/người chủ trì",
 * "Kinh phí dự kiến (đồng)", "Thời gian" split into "Bắt đầu"/"Kết thúc", …).
 */

/** Folded words only: "Kết quả cần đạt (so với hiện trạng)" → "ket qua can dat so voi hien trang". */
export function headerKey(text: string): string {
  return foldVietnamese(text.replace(/\(\s*\d{1,2}\s*\)/g, ' '))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Header cells are short; a longer cell is data, whatever words it contains. */
const MAX_HEADER_LENGTH = 80;
const MAX_HEADER_WORDS = 14;

/** Ordered: the first rule that matches wins, so the specific wordings come before the general. */
const HEADER_RULES: ReadonlyArray<readonly [RegExp, ImportField]> = [
  [/^(tt|stt|so tt|so thu tu|thu tu|so)$/, 'ordinal'],
  [
    /\bket qua can dat\b|\bmuc tieu\b|\bket qua mong doi\b|\bket qua du kien\b|\bchi tieu\b/,
    'target',
  ],
  [/\bchi so\b/, 'indicator'],
  [/\bminh chung\b/, 'evidence'],
  [/\bghi chu\b/, 'note'],
  [/\bdieu kien\b|\bho tro\b/, 'support'],
  [/\bkinh phi\b|\bnguon luc\b|\btai chinh\b|\bngan sach\b|\bchi phi\b|\bnguon von\b/, 'budget'],
  [/^(thoi gian |ngay )?(bat dau|khoi dau)$|^tu( ngay| thang)?$/, 'timeStart'],
  [/^(thoi gian |ngay )?ket thuc$|^den( ngay| thang)?$/, 'timeEnd'],
  [/\bthoi gian\b|\bthoi han\b|\bthoi diem\b|\bngay thang\b|\blich trinh\b/, 'time'],
  [/\btien do\b|\bmuc do (thuc hien|hoan thanh|dat)\b|\btinh hinh thuc hien\b/, 'progress'],
  [/\bchu tri\b/, 'lead'],
  [/\bphoi hop\b/, 'coordinators'],
  [/\bchiu trach nhiem\b|\bphu trach\b|\bnguoi thuc hien\b|\bdon vi thuc hien\b/, 'lead'],
  [/\bket qua\b/, 'result'],
  [/\bcong viec\b|\bgiai phap\b|\bhoat dong\b|\bbien phap\b|\bnhiem vu\b|\bcach thuc\b/, 'tasks'],
  [/\bnoi dung\b|\bvan de\b|\bhang muc\b/, 'content'],
  [/\btieu chi\b|^ma tc$/, 'criterion'],
  [/\btieu chuan\b/, 'standard'],
  [
    /\bhien trang\b|\bthuc trang\b|\bdiem yeu\b|\bhan che\b|\bton tai\b|\bnguyen nhan\b/,
    'currentState',
  ],
  [/\bthuc hien\b|\btrach nhiem\b|\bnguoi\b|\bdon vi\b|\bbo phan\b/, 'lead'],
];

/** Header texts repeat across rows and imports: their fields are remembered (bounded). */
const classified = new Map<string, ImportField | null>();
const MAX_REMEMBERED = 5_000;

/** The field a header cell names, or null when it is not a known plan column. */
export function classifyHeader(text: string): ImportField | null {
  const known = classified.get(text);
  if (known !== undefined) return known;
  const field = classifyHeaderText(text);
  if (classified.size >= MAX_REMEMBERED) classified.clear();
  classified.set(text, field);
  return field;
}

function classifyHeaderText(text: string): ImportField | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_HEADER_LENGTH) return null;
  const key = headerKey(trimmed);
  if (key === '' || key.split(' ').length > MAX_HEADER_WORDS) return null;
  for (const [pattern, field] of HEADER_RULES) if (pattern.test(key)) return field;
  return null;
}

/**
 * The field of a second-row header cell under a first-row cell that maps to `parent`: "Bắt
 * đầu"/"Từ" and "Kết thúc"/"Đến" under "Thời gian"; "Chủ trì" and "Phối hợp" under "Chủ trì và
 * phối hợp" or "Người thực hiện". Falls back to the cell's own meaning, then to the parent's.
 */
export function classifySubHeader(text: string, parent: ImportField | null): ImportField | null {
  return subHeaderField(text, parent) ?? classifyHeader(text) ?? parent;
}

/** The field a second-row cell names by itself or as a half of its parent; null when neither. */
export function subHeaderField(text: string, parent: ImportField | null): ImportField | null {
  const key = headerKey(text);
  if (parent === 'time' || parent === 'timeStart' || parent === 'timeEnd') {
    if (/^(tu|bat dau|khoi dau|tu ngay|tu thang|bd|ngay bat dau)$/.test(key)) return 'timeStart';
    if (
      /^(den|ket thuc|hoan thanh|den ngay|den thang|kt|ngay ket thuc|ngay hoan thanh)$/.test(key)
    ) {
      return 'timeEnd';
    }
  }
  if (parent === 'lead' || parent === 'coordinators') {
    if (/\bphoi hop\b/.test(key)) return 'coordinators';
    if (/\bchu tri\b|\bphu trach\b|\bchinh\b|\bchiu trach nhiem\b/.test(key)) return 'lead';
  }
  return classifyHeader(text);
}

/** "(1)", "1", "(A)", "I": a cell of the column-number row under the header. */
export function isColumnNumber(text: string): boolean {
  return /^\(?\s*(\d{1,2}|[IVX]{1,4}|[A-Za-z])\s*\)?\.?$/.test(text.trim());
}

/** What a structure row (a group or heading row inside the table) sets. */
export type StructureMeaning =
  | { kind: 'group'; group: 'levels_1_3' | 'level_4'; none: boolean }
  | { kind: 'standard'; standardCode: string }
  | { kind: 'criterion'; criterionCode: string };

const ROMAN_NUMBERS: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5' };
/** "1.", "a)", "I.", "-" before a heading. */
const ENUMERATOR = /^(?:[ivx]{1,4}|[a-z]|\d{1,2})[.)]\s+|^[-–•+*]\s*/;

function stripEnumerator(folded: string): string {
  return folded.replace(ENUMERATOR, '');
}

/**
 * Reads a group row ("MỨC 1, 2, 3", "MỨC 4", "MỨC 4: Không có", "ĐG Mức 4", "Các tiêu chí Mức 1,
 * 2, 3"), a standard row ("Tiêu chuẩn 1: Tổ chức và quản lý nhà trường", "TIÊU CHUẨN II") or a
 * criterion row ("Tiêu chí 1.1: …" alone on its row). Null for anything else.
 */
export function readStructureText(text: string): StructureMeaning | null {
  const folded = stripEnumerator(foldVietnamese(text));
  const level =
    /^(?:(?:cac )?(?:tieu chi|yeu cau) )?(?:dg |danh gia )?muc\s*((?:\d\s*(?:,|-|–|va|&|\/)?\s*(?:muc\s*)?)+)/.exec(
      folded,
    );
  if (level) {
    const digits = new Set((level[1] ?? '').match(/\d/g) ?? []);
    const rest = folded.slice(level[0].length);
    const none = /^\s*[:.-]?\s*(khong co|khong)\b/.test(rest);
    if (digits.size === 1 && digits.has('4')) return { kind: 'group', group: 'level_4', none };
    if (digits.size > 0 && [...digits].every((d) => d === '1' || d === '2' || d === '3')) {
      return { kind: 'group', group: 'levels_1_3', none: false };
    }
    return null;
  }
  const standard = /^tieu chuan\s*(\d{1,2}|[ivx]{1,4})\b/.exec(folded);
  if (standard) {
    const code = standard[1] ?? '';
    const digits = ROMAN_NUMBERS[code] ?? String(Number(code));
    return digits === 'NaN' ? null : { kind: 'standard', standardCode: digits };
  }
  const criterion = readCriterionCode(text);
  if (criterion && /^(tieu chi|tc)\b/.test(folded)) {
    return { kind: 'criterion', criterionCode: criterion.code };
  }
  return null;
}

/** A criterion code at the start of a text: "Tiêu chí 1.1", "Tiêu chí 1.1: …", "1.1", "TC 1.1", "TC1.1". */
export function readCriterionCode(text: string): { code: string; rest: string } | null {
  const folded = foldVietnamese(text);
  const match = /^(?:tieu chi|tc)?\s*(\d{1,2})\s*[.,]\s*(\d{1,2})(?![\d.,]*\d)/.exec(folded);
  if (!match) return null;
  const code = `${Number(match[1])}.${Number(match[2])}`;
  const rest = folded
    .slice(match[0].length)
    .replace(/^[\s.:,;–-]+/, '')
    .trim();
  return { code, rest };
}

/**
 * The Mức 4 item of a row in the Mức 4 group: "1", "Tiêu chí 1", "Yêu cầu 2", "Mức 4 - 3", "4.".
 * The fixtures and seed 001 number the items 1…6 (TT17 has 5, TT18 6, TT19 — see the framework).
 */
export function readLevel4Key(text: string): string | null {
  const folded = foldVietnamese(text);
  const match =
    /^(?:(?:dg |danh gia )?muc 4\s*[-–:.,]?\s*)?(?:tieu chi|yeu cau|tc)?\s*(\d{1,2})\s*(?:[.):]\s*|\s|$)/.exec(
      folded,
    );
  if (!match) return null;
  if (/^\d{1,2}\s*[.,]\s*\d/.test(folded)) return null;
  return String(Number(match[1]));
}

/**
 * A standard cell (layout B's "Tiêu chuẩn" column): "1", "Tiêu chuẩn 1", "I"; or a group marker
 * ("ĐG Mức 4", "Mức 1, 2, 3").
 */
export function readStandardCell(
  text: string,
): { standardCode: string } | { group: 'levels_1_3' | 'level_4' } | null {
  const structure = readStructureText(text);
  if (structure?.kind === 'group') return { group: structure.group };
  if (structure?.kind === 'standard') return { standardCode: structure.standardCode };
  const folded = foldVietnamese(text);
  const bare = /^(\d{1,2}|[ivx]{1,4})\s*(?:[.:)-]|$)/.exec(folded);
  if (!bare) return null;
  const code = bare[1] ?? '';
  return { standardCode: ROMAN_NUMBERS[code] ?? String(Number(code)) };
}

/**
 * The signature block and other text under a table that ends it (an Excel sheet holds them in the
 * rows below the plan): "Nơi nhận", "HIỆU TRƯỞNG", "…, ngày … tháng … năm …", "Người lập".
 */
export function isFooterText(text: string): boolean {
  const folded = foldVietnamese(text);
  return (
    /^noi nhan\b/.test(folded) ||
    /^(?:(?:kt|tm|q|tl|tuq)\s*\.?\s*)?(?:pho )?(?:hieu truong|giam doc)\b.{0,40}$/.test(folded) ||
    /^nguoi lap\b/.test(folded) ||
    /^xac nhan\b/.test(folded) ||
    /^tren day la\b/.test(folded) ||
    /^[^\d]{0,40},?\s*ngay\s*[.…\d]+\s*thang\s*[.…\d]+\s*nam\s*[.…\d]+/.test(folded)
  );
}
