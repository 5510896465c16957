import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Header,
  HeadingLevel,
  NoBreakHyphen,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ISectionOptions } from 'docx';
import JSZip from 'jszip';
import { findEvidenceCodes } from '@caitien/core';
import type { DocCell, DocTable } from '../render/plan-document.ts';
import { dataTableXml } from '../render/render-docx.ts';
import { stripIllegalXmlChars } from '../render/xml-text.ts';

/**
 * The building blocks of the self-assessment documents (report, evidence list, council decision,
 * work plan): the plan documents' page (A4, NĐ 30/2020 margins, Times New Roman 14), paragraphs
 * that keep every typed line break, headings Word's table of contents can find, tables with
 * repeated headers and merged cells, the NĐ 30 masthead, the "DỰ THẢO" mark and the signature.
 */

export const FONT = 'Times New Roman';
/** Half-points. */
export const SIZE = { body: 28, table: 24, small: 22, masthead: 24, motto: 26 } as const;
export const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) };
export const MARGIN = {
  top: convertMillimetersToTwip(20),
  bottom: convertMillimetersToTwip(20),
  left: convertMillimetersToTwip(30),
  right: convertMillimetersToTwip(15),
  header: convertMillimetersToTwip(10),
  footer: convertMillimetersToTwip(10),
};
export const TEXT_WIDTH = {
  portrait: A4.width - MARGIN.left - MARGIN.right,
  landscape: A4.height - MARGIN.left - MARGIN.right,
};
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};
const FIRST_LINE_INDENT = convertMillimetersToTwip(12.7);

/** What a blank the council must fill looks like: visible, never an invented value. */
export const BLANK = '……………';

/** The blank of a narrow table cell (Quy mô): three dots-runs fit a 2 cm column on one line. */
export const SHORT_BLANK = '………';

export function orBlank(text: string | null | undefined): string {
  return text !== null && text !== undefined && text.trim() !== '' ? text : BLANK;
}

/** Text as it may go into XML: characters XML cannot carry are dropped (never anything else). */
export function safe(text: string): string {
  return stripIllegalXmlChars(text.replace(/\r\n?/g, '\n')).text;
}

export interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  underline?: boolean;
}

/** The hyphens a line may break at: ASCII and U+2010 (the other dashes are printed as typed). */
const BREAKING_HYPHEN = /[-\u2010]/u;

/**
 * The pieces of a run's text with the hyphens inside evidence codes ("[H1-1.1-01]") turned into
 * Word's non-breaking hyphen (`<w:noBreakHyphen/>`), so a code never breaks at a line end
 * ("[H1-1.1-" / "01]"). Only the rendered document changes: the stored text keeps its hyphens.
 * Word shows the element as a hyphen that does not break; LibreOffice reads it as its hard hyphen
 * and writes it to PDF as an ordinary "-", so pdftotext and a PDF search find the code as typed;
 * a DOCX reader that maps the element back to "-" (ours does) finds it too.
 */
export function codeSafePieces(text: string): (string | NoBreakHyphen)[] {
  const pieces: (string | NoBreakHyphen)[] = [];
  let from = 0;
  let plain = '';
  for (const code of findEvidenceCodes(text)) {
    if (!BREAKING_HYPHEN.test(code.text)) continue;
    plain += text.slice(from, code.start);
    for (const ch of code.text) {
      if (BREAKING_HYPHEN.test(ch)) {
        if (plain !== '') pieces.push(plain);
        plain = '';
        pieces.push(new NoBreakHyphen());
      } else plain += ch;
    }
    from = code.end;
  }
  plain += text.slice(from);
  if (plain !== '') pieces.push(plain);
  return pieces;
}

/** A cell line's run content with the hyphens inside evidence codes non-breaking (as `run`). */
function codeSafeLineXml(line: string): string {
  return codeSafePieces(line)
    .map((piece) =>
      typeof piece === 'string'
        ? `<w:t xml:space="preserve">${escapeXml(piece)}</w:t>`
        : '<w:noBreakHyphen/>',
    )
    .join('');
}

export function run(text: string, style: RunStyle = {}): TextRun {
  const clean = safe(text);
  const pieces = codeSafePieces(clean);
  return new TextRun({
    ...(pieces.length === 1 && typeof pieces[0] === 'string'
      ? { text: clean }
      : { children: pieces }),
    font: FONT,
    size: style.size ?? SIZE.body,
    ...(style.bold ? { bold: true } : {}),
    ...(style.italic ? { italics: true } : {}),
    ...(style.underline ? { underline: {} } : {}),
  });
}

export interface ParaOptions extends RunStyle {
  align?: 'left' | 'center' | 'right' | 'justify';
  indent?: boolean;
  before?: number;
  after?: number;
  keepNext?: boolean;
  /** Left indent in twips. */
  left?: number;
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

/** One paragraph per typed line, so the line breaks read as written. */
export function para(text: string, options: ParaOptions = {}): Paragraph[] {
  return safe(text)
    .split('\n')
    .map(
      (line) =>
        new Paragraph({
          alignment: ALIGN[options.align ?? 'justify'],
          spacing: { before: options.before ?? 0, after: options.after ?? 100, line: 300 },
          ...(options.indent ? { indent: { firstLine: FIRST_LINE_INDENT } } : {}),
          ...(options.left ? { indent: { left: options.left } } : {}),
          // A bold line introduces what follows (a table, a text): keep them on one page.
          ...(options.keepNext || options.bold ? { keepNext: true } : {}),
          children: line === '' ? [] : [run(line, options)],
        }),
    );
}

/** A labelled paragraph: "Label: text", the label bold, the text as typed (or a blank). */
export function labelled(label: string, text: string): Paragraph[] {
  const lines = safe(orBlank(text)).split('\n');
  const [first = '', ...rest] = lines;
  return [
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing: { after: 100, line: 300 },
      children: [run(`${label} `, { bold: true }), run(first)],
    }),
    ...rest.map(
      (line) =>
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: { after: 100, line: 300 },
          children: line === '' ? [] : [run(line)],
        }),
    ),
  ];
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

/** A heading the table of contents lists (level 1–3). */
export function heading(
  text: string,
  level: 1 | 2 | 3,
  options: { align?: 'left' | 'center'; pageBreak?: boolean } = {},
): Paragraph {
  return new Paragraph({
    heading: HEADINGS[level - 1],
    alignment: ALIGN[options.align ?? 'left'],
    keepNext: true,
    ...(options.pageBreak ? { pageBreakBefore: true } : {}),
    spacing: { before: level === 1 ? 240 : 160, after: 120 },
    children: [run(text, { bold: true, size: SIZE.body })],
  });
}

export function pageBreak(): Paragraph {
  return new Paragraph({ children: [new PageBreak()] });
}

export function centred(text: string, style: RunStyle = {}, after = 0, before = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before, after },
    children: text === '' ? [] : [run(text, style)],
  });
}

export function draftMark(): Paragraph {
  const border = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 };
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: { after: 120 },
    indent: { left: TEXT_WIDTH.portrait - convertMillimetersToTwip(32) },
    border: { top: border, bottom: border, left: border, right: border },
    children: [run('DỰ THẢO', { bold: true })],
  });
}

/** A short centred rule under a line (NĐ 30). */
function rule(indent: number): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: 120, line: 120 },
    indent: { left: indent, right: indent },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

export interface TableCellSpec {
  text: string;
  bold?: boolean;
  italic?: boolean;
  align?: 'left' | 'center';
  colSpan?: number;
  rowSpan?: number;
}

export type CellInput = string | TableCellSpec | null;

export interface TableSpec {
  /** Shares of the width, in percent. */
  widths: number[];
  header: CellInput[][];
  body: CellInput[][];
  size?: number;
  width?: number;
}

function cellOf(input: CellInput): TableCellSpec | null {
  if (input === null) return null;
  return typeof input === 'string' ? { text: input } : input;
}

const TABLE_MARK = '@@CAITIEN-TABLE:';

/**
 * A bordered table: header rows repeated on every page, rows kept whole, `null` cells covered by a
 * span from the left (`colSpan`) or from above (`rowSpan`). Written as WordprocessingML by the plan
 * renderer's `dataTableXml` (building big tables as `docx` objects costs seconds); the table rides
 * in a placeholder paragraph until {@link packDocx} puts it in place.
 */
export function dataTable(spec: TableSpec): Paragraph {
  const toCell = (input: CellInput, header: boolean): DocCell | null => {
    const cell = cellOf(input);
    if (cell === null) return null;
    return {
      text: safe(cell.text),
      bold: cell.bold ?? header,
      ...(cell.italic ? { italic: true } : {}),
      align: cell.align ?? (header ? 'center' : 'left'),
      ...(cell.colSpan && cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}),
      ...(cell.rowSpan && cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
    };
  };
  const table: DocTable = {
    columns: spec.widths.map((width, i) => ({ key: String(i), label: '', width, align: 'left' })),
    header: spec.header.map((cells) => ({
      kind: 'header',
      cells: cells.map((c) => toCell(c, true)),
    })),
    body: spec.body.map((cells) => ({ kind: 'item', cells: cells.map((c) => toCell(c, false)) })),
  };
  const xml = dataTableXml(
    table,
    spec.width ?? TEXT_WIDTH.portrait,
    spec.size ?? SIZE.table,
    codeSafeLineXml,
  );
  return new Paragraph({
    children: [new TextRun(`${TABLE_MARK}${Buffer.from(xml, 'utf8').toString('base64')}@@`)],
  });
}

/** A small paragraph after each table: Word needs one between two tables and before a section end. */
const AFTER_TABLE =
  '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:p>';

function spliceTables(xml: string): string {
  let out = xml;
  for (let at = out.indexOf(TABLE_MARK); at >= 0; at = out.indexOf(TABLE_MARK)) {
    const start = out.lastIndexOf('<w:p>', at);
    const close = out.indexOf('@@', at + TABLE_MARK.length);
    const end = out.indexOf('</w:p>', at);
    if (start < 0 || close < 0 || end < 0) throw new Error('docx: table placeholder broken');
    const tableXml = Buffer.from(out.slice(at + TABLE_MARK.length, close), 'base64').toString(
      'utf8',
    );
    out = out.slice(0, start) + tableXml + AFTER_TABLE + out.slice(end + '</w:p>'.length);
  }
  return out;
}

/** A table without borders (masthead, signatures, key–value lists). */
export function plainTable(
  widths: number[],
  rows: Paragraph[][][],
  width = TEXT_WIDTH.portrait,
): Table {
  const twips = widths.map((w) => Math.round((width * w) / 100));
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit: true,
          children: cells.map(
            (children, i) =>
              new TableCell({
                width: { size: twips[i] ?? 0, type: WidthType.DXA },
                borders: NO_BORDERS,
                children: children.length > 0 ? children : [new Paragraph({ children: [] })],
              }),
          ),
        }),
    ),
  });
}

export interface MastheadInput {
  parentAgency: string;
  schoolName: string;
  numberLine: string;
  dateLine: string;
}

/** The NĐ 30/2020 masthead: agency and school left, Quốc hiệu right; number and date below. */
export function masthead(m: MastheadInput): Table {
  return plainTable(
    [43, 57],
    [
      [
        [
          ...(m.parentAgency.trim()
            ? [centred(m.parentAgency.toUpperCase(), { size: SIZE.masthead })]
            : []),
          centred(m.schoolName.toUpperCase(), { size: SIZE.masthead, bold: true }),
          rule(Math.round(TEXT_WIDTH.portrait * 0.43 * 0.3)),
        ],
        [
          centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: SIZE.masthead, bold: true }),
          centred('Độc lập - Tự do - Hạnh phúc', { size: SIZE.motto, bold: true }),
          rule(Math.round(TEXT_WIDTH.portrait * 0.57 * 0.2)),
        ],
      ],
      [
        [centred(m.numberLine, { size: SIZE.motto }, 0, 60)],
        [centred(m.dateLine, { size: SIZE.motto, italic: true }, 0, 60)],
      ],
    ],
  );
}

/**
 * "02/01/2026" → "ngày 02 tháng 01 năm 2026"; NĐ 30/2020: a day below 10 and a month below 3 take
 * a leading zero ("ngày 05 tháng 5", "tháng 02"). Anything else is printed as typed; nothing → a blank date.
 */
export function dateWords(date: string): string {
  const words = (d: string, m: string, y: string) => {
    const day = Number(d);
    const month = Number(m);
    return `ngày ${day < 10 ? `0${day}` : day} tháng ${month < 3 ? `0${month}` : month} năm ${y}`;
  };
  const vn = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(date);
  if (vn) return words(vn[1] ?? '', vn[2] ?? '', vn[3] ?? '');
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(date);
  if (iso) return words(iso[3] ?? '', iso[2] ?? '', iso[1] ?? '');
  return date.trim() !== '' ? date.trim() : 'ngày …… tháng …… năm ……';
}

export function dateLine(place: string, date: string): string {
  return `${place.trim() !== '' ? place.trim() : '……'}, ${dateWords(date)}`;
}

/** The closing block: "Nơi nhận" left (when given), the signer right. */
export function signature(input: {
  recipients?: string[];
  /** The place and date line, in italics above the title. */
  date?: string;
  lines: string[];
  note?: string;
  name: string;
}): Table {
  const right: Paragraph[] = [
    ...(input.date ? [centred(input.date, { italic: true })] : []),
    ...input.lines.map((l) => centred(l, { bold: true })),
    ...(input.note ? [centred(input.note, { italic: true })] : []),
    ...Array.from({ length: 4 }, () => centred('')),
    centred(orBlank(input.name), { bold: true }),
  ];
  const left: Paragraph[] = input.recipients
    ? [
        new Paragraph({
          spacing: { before: 120 },
          children: [run('Nơi nhận:', { bold: true, italic: true, size: SIZE.masthead })],
        }),
        ...input.recipients.map(
          (r) => new Paragraph({ children: [run(`- ${r}`, { size: SIZE.small })] }),
        ),
      ]
    : [];
  return plainTable([45, 55], [[left, right]]);
}

/** The Mục lục: a TOC field Word updates, holding the headings as its current text. */
export interface TocEntry {
  text: string;
  level: 1 | 2 | 3;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * WordprocessingML of the table of contents: a `TOC \o "1-3"` field marked dirty (Word offers to
 * update it, with page numbers) whose stored result lists the headings, so LibreOffice and any
 * reader that does not update fields still show the contents.
 */
export function tocXml(entries: TocEntry[]): string {
  const rPr = `<w:rPr><w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}"/><w:sz w:val="26"/></w:rPr>`;
  const entryPara = (entry: TocEntry, i: number, last: boolean): string => {
    const indent = (entry.level - 1) * 360;
    const begin =
      i === 0
        ? `<w:r>${rPr}<w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r>${rPr}<w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r>${rPr}<w:fldChar w:fldCharType="separate"/></w:r>`
        : '';
    const end = last ? `<w:r>${rPr}<w:fldChar w:fldCharType="end"/></w:r>` : '';
    return (
      `<w:p><w:pPr><w:spacing w:before="0" w:after="40"/><w:ind w:left="${indent}"/></w:pPr>` +
      begin +
      `<w:r>${entry.level === 1 ? rPr.replace('<w:sz', '<w:b/><w:sz') : rPr}<w:t xml:space="preserve">${escapeXml(safe(entry.text))}</w:t></w:r>` +
      end +
      '</w:p>'
    );
  };
  if (entries.length === 0) return entryPara({ text: '', level: 1 }, 0, true);
  return entries.map((e, i) => entryPara(e, i, i === entries.length - 1)).join('');
}

const TOC_MARK = '@@CAITIEN-TOC@@';

/** The paragraph the table of contents replaces when the document is packed. */
export function tocPlaceholder(): Paragraph {
  return new Paragraph({ children: [new TextRun(TOC_MARK)] });
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ font: FONT, size: SIZE.body, children: [PageNumber.CURRENT] })],
      }),
    ],
  });
}

export type Block = Paragraph | Table;

export interface SectionSpec {
  orientation?: 'portrait' | 'landscape';
  children: Block[];
}

/**
 * Packs sections into DOCX bytes: A4, NĐ 30 margins, page numbers centred at the top from page 2,
 * headings 1–3 in the body font (black, bold) so Word's table of contents can list them; the
 * table of contents (if any) spliced in at its placeholder.
 */
export async function packDocx(input: {
  title: string;
  description: string;
  sections: SectionSpec[];
  toc?: TocEntry[];
}): Promise<Buffer> {
  const header = pageNumberHeader();
  const sections: ISectionOptions[] = input.sections.map((section, i) => ({
    properties: {
      page: {
        size: {
          width: A4.width,
          height: A4.height,
          orientation:
            section.orientation === 'landscape'
              ? PageOrientation.LANDSCAPE
              : PageOrientation.PORTRAIT,
        },
        margin: MARGIN,
      },
      ...(i === 0 ? { titlePage: true } : {}),
    },
    headers:
      i === 0 ? { default: header, first: new Header({ children: [] }) } : { default: header },
    children: section.children,
  }));
  const headingStyle = (id: string, name: string, level: number) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: FONT, size: SIZE.body, bold: true, color: '000000' },
    paragraph: { outlineLevel: level },
  });
  const document = new Document({
    creator: 'CaiTien',
    title: safe(input.title),
    description: input.description,
    styles: {
      default: { document: { run: { font: FONT, size: SIZE.body } } },
      paragraphStyles: [
        headingStyle('Heading1', 'Heading 1', 0),
        headingStyle('Heading2', 'Heading 2', 1),
        headingStyle('Heading3', 'Heading 3', 2),
      ],
    },
    sections,
  });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(document));
  if (input.toc) {
    // Word updates every field (the contents with its page numbers) when it opens the document.
    // LibreOffice ignores the setting (tested: `soffice --convert-to pdf` prints the stored entries).
    const settings = zip.file('word/settings.xml');
    if (settings) {
      const settingsXml = await settings.async('string');
      // CT_Settings is a sequence: updateFields goes before w:compat (or at the end).
      const at = settingsXml.includes('<w:compat>')
        ? settingsXml.indexOf('<w:compat>')
        : settingsXml.lastIndexOf('</w:settings>');
      if (!settingsXml.includes('<w:updateFields') && at >= 0)
        zip.file(
          'word/settings.xml',
          `${settingsXml.slice(0, at)}<w:updateFields w:val="true"/>${settingsXml.slice(at)}`,
        );
    }
  }
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('docx: word/document.xml missing');
  let xml = spliceTables(await file.async('string'));
  if (input.toc) {
    const at = xml.indexOf(TOC_MARK);
    const start = xml.lastIndexOf('<w:p>', at);
    const end = xml.indexOf('</w:p>', at);
    if (at < 0 || start < 0 || end < 0)
      throw new Error('docx: table of contents placeholder missing');
    xml = xml.slice(0, start) + tocXml(input.toc) + xml.slice(end + '</w:p>'.length);
  }
  zip.file('word/document.xml', xml);
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
}

/** Collects headings while a document is built, for its table of contents. */
export class Outline {
  readonly entries: TocEntry[] = [];
  heading(
    text: string,
    level: 1 | 2 | 3,
    options: { align?: 'left' | 'center'; pageBreak?: boolean } = {},
  ): Paragraph {
    this.entries.push({ text, level });
    return heading(text, level, options);
  }
}
