import {
  emptyPlanHeader,
  foldVietnamese,
  normalizeSchoolYear,
  type PlanHeader,
  type PlanSection,
} from '@caitien/core';

/**
 * Reads the parts of a plan document around the table (PRODUCT.md §4, NĐ 30/2020 layout): the
 * masthead (governing body, school, "Số: 67/KH-THĐP", place and date), the title and the school
 * year, the numbered sections (I. Mục đích…, II. Căn cứ…, IV. Tổ chức thực hiện…), the closing
 * sentence, the recipients ("Nơi nhận") and the signature block. Texts are kept as written; what
 * is missing stays empty (a template's "Số:     /KH-" and "……, ngày … tháng … năm …" count as
 * not filled in).
 */

export interface DocLine {
  text: string;
  /** A paragraph of the body, or a line of a table cell (masthead, signature table, worksheet). */
  kind: 'paragraph' | 'cell';
}

export interface DocumentHeaderResult {
  header: PlanHeader;
  sections: PlanSection[];
  /** The school year the document states, with the text it was read from. */
  schoolYear: { value: string; text: string } | null;
  /** Names of the header fields that were found. */
  found: string[];
}

const SECTION_KEYS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bthong tin chung\b/, 'general'],
  [/\bmuc dich\b|\byeu cau\b/, 'purpose'],
  [/\bcan cu\b/, 'bases'],
  [/\bvan de trong tam\b|\btom tat\b/, 'focus'],
  [/\btheo doi\b|\bgiam sat\b/, 'monitoring'],
  [/\bco che\b|\bbao cao\b/, 'reporting'],
  [/\bto chuc thuc hien\b/, 'organisation'],
  [/\bnoi dung\b/, 'content'],
  [/\bke hoach cai tien\b/, 'plan'],
];

const ROMAN_HEADING = /^\s*([IVX]{1,5})\s*[.)]\s*(\S.*)$/u;
const SCHOOL_YEAR_IN_TEXT = /năm học\s*:?\s*(\d{4})\s*[-–—]\s*(\d{4})/iu;

function sectionKey(heading: string, used: Set<string>): string {
  const folded = foldVietnamese(heading);
  for (const [pattern, key] of SECTION_KEYS) {
    if (pattern.test(folded) && !used.has(key)) return key;
  }
  let n = used.size + 1;
  while (used.has(`section-${n}`)) n += 1;
  return `section-${n}`;
}

function isMotto(folded: string): boolean {
  return /^cong hoa xa hoi chu nghia viet nam\b|^doc lap\s*-?\s*tu do|^[-_–—\s]+$/.test(folded);
}

/** "Số: 67/KH-THĐP" → "67/KH-THĐP"; a template's "Số:     /KH-" → "" (not filled in). */
export function readDocumentNumber(line: string): string | null {
  const match = /^\s*số\s*:?\s*(.*)$/iu.exec(line);
  if (!match) return null;
  const number = (match[1] ?? '').trim();
  if (!/[\p{L}\p{N}]/u.test(number.replace(/^\/?\s*KH\s*-?\s*$/iu, ''))) return '';
  return number;
}

/** "Định Hiệp, ngày 29 tháng 11 năm 2022" → place and ISO date; null when the line is not a date line. */
export function readDateLine(
  line: string,
): { placeName: string; documentDate: string | null } | null {
  const match =
    /^(.*?)[,\s]*ngày\s*([\d.…_ ]*?)\s*tháng\s*([\d.…_ ]*?)\s*năm\s*([\d.…_ ]*?)\s*$/iu.exec(
      line.trim(),
    );
  if (!match) return null;
  const place = (match[1] ?? '').trim();
  const placeName = /[\p{L}\p{N}]/u.test(place) ? place : '';
  const day = Number((match[2] ?? '').trim());
  const month = Number((match[3] ?? '').trim());
  const year = Number((match[4] ?? '').trim());
  let documentDate: string | null = null;
  if (Number.isInteger(day) && Number.isInteger(month) && Number.isInteger(year) && year >= 1900) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day
    ) {
      documentDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
  }
  return { placeName, documentDate };
}

/** "năm học 2022 - 2023" anywhere in a text → "2022-2023". */
export function readSchoolYear(text: string): string | null {
  const match = SCHOOL_YEAR_IN_TEXT.exec(text);
  if (!match) return null;
  return normalizeSchoolYear(`${match[1]}-${match[2]}`);
}

const SCHOOL_WORDS =
  /^(truong|nha tre|trung tam)\b|\b(mam non|mau giao|tieu hoc|thcs|thpt|trung hoc|pho thong|gdtx|gdnn|pt dtnt|ptdtbt)\b/;

function isSchoolName(folded: string): boolean {
  return SCHOOL_WORDS.test(folded) && !/^(ke hoach|cai tien)\b/.test(folded);
}

const SIGNER_TITLE =
  /^(?:(kt|tm|q|tl|tuq)\s*\.?\s*)?((?:pho )?(?:hieu truong|giam doc)|chu tich(?: hoi dong(?: truong)?)?|hoi dong truong)$/;

function isSignerTitle(text: string): boolean {
  return SIGNER_TITLE.test(foldVietnamese(text));
}

/** The signature block's first title line: the last run of title lines in the text after the table. */
function findSignerTitle(lines: readonly DocLine[]): number {
  let index = -1;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    if (isSignerTitle(lines[i]?.text ?? '')) {
      index = i;
      break;
    }
  }
  if (index === -1) return -1;
  for (let i = index - 1; i >= 0; i -= 1) {
    const text = lines[i]?.text ?? '';
    if (text.trim() === '') continue;
    if (isSignerTitle(text)) index = i;
    break;
  }
  return index;
}

function isSignNote(folded: string): boolean {
  return /^\(.*\)$/.test(folded) || /^(da ky|ky ten|ky, ghi ro|\(ky)/.test(folded);
}

function splitLines(lines: readonly DocLine[]): DocLine[] {
  return lines.flatMap((line) => line.text.split('\n').map((text) => ({ text, kind: line.kind })));
}

/** Reads the header fields from the lines before the table and after it. */
export function readDocumentHeader(input: {
  before: readonly DocLine[];
  after: readonly DocLine[];
  /** Paragraphs between the parts of a split table (kept in the content section). */
  between: readonly DocLine[];
}): DocumentHeaderResult {
  const before = splitLines(input.before);
  const after = splitLines(input.after);
  const found = new Set<string>();
  const header: PlanHeader = emptyPlanHeader();

  // Title: the first "KẾ HOẠCH…" line; the masthead is above it.
  const titleIndex = before.findIndex((line) => /^ke hoach\b/.test(foldVietnamese(line.text)));
  const mastheadEnd = titleIndex === -1 ? Math.min(before.length, 12) : titleIndex;
  let bodyStart = titleIndex === -1 ? 0 : titleIndex + 1;
  let schoolYear: DocumentHeaderResult['schoolYear'] = null;
  if (titleIndex !== -1) {
    header.title = before[titleIndex]?.text.trim() ?? '';
    found.add('title');
    const next = before.slice(titleIndex + 1).find((line) => line.text.trim() !== '');
    const nextIndex = next ? before.indexOf(next) : -1;
    if (next && !ROMAN_HEADING.test(next.text)) {
      const folded = foldVietnamese(next.text);
      if (/\b(cai tien|nam hoc|chat luong)\b/.test(folded) && next.text.length < 200) {
        header.subtitle = next.text.trim();
        found.add('subtitle');
        bodyStart = nextIndex + 1;
      }
    }
    for (const text of [header.title, header.subtitle]) {
      const year = readSchoolYear(text);
      if (year && !schoolYear) schoolYear = { value: year, text };
    }
  }

  // Masthead.
  const masthead = before.slice(0, mastheadEnd);
  let schoolIndex = -1;
  for (const [index, line] of masthead.entries()) {
    const text = line.text.trim();
    if (text === '') continue;
    const folded = foldVietnamese(text);
    if (isMotto(folded)) continue;
    const number = readDocumentNumber(text);
    if (number !== null) {
      header.documentNumber = number;
      if (number !== '') found.add('documentNumber');
      continue;
    }
    const date = readDateLine(text);
    if (date) {
      header.placeName = date.placeName;
      header.documentDate = date.documentDate;
      if (date.placeName) found.add('placeName');
      if (date.documentDate) found.add('documentDate');
      continue;
    }
    if (schoolIndex === -1 && isSchoolName(folded)) {
      header.schoolName = text;
      schoolIndex = index;
      found.add('schoolName');
    }
  }
  if (schoolIndex > 0) {
    for (let i = schoolIndex - 1; i >= 0; i -= 1) {
      const text = masthead[i]?.text.trim() ?? '';
      if (text === '') continue;
      const folded = foldVietnamese(text);
      if (!isMotto(folded) && readDocumentNumber(text) === null && !readDateLine(text)) {
        header.governingBody = text;
        found.add('governingBody');
      }
      break;
    }
  }

  // Sections: numbered headings with their paragraphs, before and after the table.
  const sections: PlanSection[] = [];
  const usedKeys = new Set<string>();
  let current: PlanSection | null = null;
  const bodyLines: string[] = [];
  const flush = () => {
    if (current) {
      current.body = trimBlankLines(bodyLines).join('\n');
      sections.push(current);
    } else if (trimBlankLines(bodyLines).length > 0) {
      const key = sectionKey('', usedKeys);
      usedKeys.add(key);
      sections.push({ key, heading: '', body: trimBlankLines(bodyLines).join('\n') });
    }
    bodyLines.length = 0;
    current = null;
  };
  const addLine = (text: string) => {
    const heading = ROMAN_HEADING.exec(text);
    if (heading) {
      flush();
      const key = sectionKey(text, usedKeys);
      usedKeys.add(key);
      current = { key, heading: text.trim(), body: '' };
      return;
    }
    bodyLines.push(text);
  };
  for (const line of before.slice(bodyStart)) if (line.kind === 'paragraph') addLine(line.text);
  for (const line of input.between) if (line.kind === 'paragraph') bodyLines.push(line.text);

  // After the table: sections, then the closing sentence, "Nơi nhận" and the signature.
  const noiNhan = after.findIndex((line) => /^noi nhan\b/.test(foldVietnamese(line.text)));
  const signerIndex = findSignerTitle(after);
  const bodyEnd = [noiNhan, signerIndex]
    .filter((i) => i !== -1)
    .reduce((a, b) => Math.min(a, b), after.length);
  for (const line of after.slice(0, bodyEnd)) {
    if (line.kind !== 'paragraph' && line.text.trim() === '') continue;
    const folded = foldVietnamese(line.text);
    if (/^tren day la\b/.test(folded)) {
      flush();
      const key = usedKeys.has('closing') ? sectionKey('', usedKeys) : 'closing';
      usedKeys.add(key);
      current = { key, heading: '', body: '' };
      bodyLines.push(line.text);
      continue;
    }
    addLine(line.text);
  }
  flush();
  if (sections.length > 0) found.add('sections');
  if (!schoolYear) {
    for (const line of [...before, ...after]) {
      const year = readSchoolYear(line.text);
      if (year) {
        schoolYear = { value: year, text: line.text.trim() };
        break;
      }
    }
  }

  // Recipients: the bullet lines after "Nơi nhận:".
  if (noiNhan !== -1) {
    const first = after[noiNhan]?.text ?? '';
    const inline = first.replace(/^\s*nơi nhận\s*:?\s*/iu, '').trim();
    const candidates = [inline, ...after.slice(noiNhan + 1).map((l) => l.text.trim())];
    for (const raw of candidates) {
      const text = raw.trim();
      if (text === '') {
        if (header.recipients.length > 0) break;
        continue;
      }
      if (
        isSignerTitle(text) ||
        isSignNote(foldVietnamese(text)) ||
        header.recipients.length >= 30
      ) {
        break;
      }
      header.recipients.push(text.replace(/^[-–•+*]\s*/, ''));
    }
    if (header.recipients.length > 0) found.add('recipients');
  }

  // Signature: "KT. HIỆU TRƯỞNG" / "PHÓ HIỆU TRƯỞNG" / (notes) / name.
  if (signerIndex !== -1) {
    const titleLine = after[signerIndex]?.text.trim() ?? '';
    const match = SIGNER_TITLE.exec(foldVietnamese(titleLine));
    let nameFrom = signerIndex + 1;
    const next = after.slice(signerIndex + 1).find((l) => l.text.trim() !== '');
    if (next && isSignerTitle(next.text)) {
      // Two lines: "KT. HIỆU TRƯỞNG" over "PHÓ HIỆU TRƯỞNG", "TM. HỘI ĐỒNG TRƯỜNG" over "CHỦ TỊCH".
      const bare = /^(\S+?\.)\s*(.*)$/u.exec(titleLine);
      const authority = foldVietnamese(bare?.[2] ?? '');
      header.signerPrefix =
        match?.[1] && /^(hieu truong|giam doc)$/.test(authority) ? (bare?.[1] ?? '') : titleLine;
      header.signerTitle = next.text.trim();
      nameFrom = after.indexOf(next) + 1;
    } else if (match?.[1]) {
      const bare = /^(\S+?\.?)\s+(.*)$/u.exec(titleLine);
      header.signerPrefix = bare?.[1] ?? '';
      header.signerTitle = bare?.[2]?.trim() ?? titleLine;
    } else {
      header.signerTitle = titleLine;
    }
    found.add('signerTitle');
    for (const line of after.slice(nameFrom, nameFrom + 12)) {
      const text = line.text.trim();
      if (text === '') continue;
      const folded = foldVietnamese(text);
      if (isSignNote(folded)) continue;
      if (/^noi nhan\b|^[-–•+*]/.test(folded)) continue;
      if (/[\p{L}]/u.test(text) && text.length <= 60) {
        header.signerName = text;
        found.add('signerName');
      }
      break;
    }
  }

  return { header, sections, schoolYear, found: [...found] };
}

function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start += 1;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end -= 1;
  return lines.slice(start, end);
}
