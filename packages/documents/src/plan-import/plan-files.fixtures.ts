import ExcelJS from 'exceljs';
import { buildZip, type RawZipEntry } from '../staff-import/staff-workbook.fixtures.ts';

/**
 * Test support: Word and Excel plans in shapes the importer was not written against, built here
 * from WordprocessingML (so every merge, break and tab is exactly what the test says) and with
 * exceljs.
 */

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A run's properties naming its font (all three slots), or none. */
function runProperties(font: string | undefined): string {
  if (font === undefined) return '';
  const name = escapeXml(font).replace(/"/g, '&quot;');
  return `<w:rPr><w:rFonts w:ascii="${name}" w:hAnsi="${name}" w:cs="${name}"/></w:rPr>`;
}

/** Runs of a paragraph: "\n" → `<w:br/>`, "\t" → `<w:tab/>`; `font` names the run's font. */
function runs(text: string, font?: string): string {
  const pieces: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (i > 0) pieces.push('<w:br/>');
    for (const [j, part] of line.split('\t').entries()) {
      if (j > 0) pieces.push('<w:tab/>');
      if (part !== '') pieces.push(`<w:t xml:space="preserve">${escapeXml(part)}</w:t>`);
    }
  }
  return `<w:r>${runProperties(font)}${pieces.join('')}</w:r>`;
}

/** A body paragraph; "\n" inside becomes a line break; `font` names its run's font. */
export function paragraph(text: string, font?: string): string {
  return `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${text === '' ? '' : runs(text, font)}</w:p>`;
}

export interface CellSpec {
  /** Paragraphs of the cell; "\n" inside one becomes `<w:br/>`. */
  paragraphs?: string[];
  text?: string;
  span?: number;
  vMerge?: 'restart' | 'continue';
  /** The font its runs name (`w:rFonts`); the table's `font` by default. */
  font?: string;
}

export type Cell = string | CellSpec;

function cellXml(cell: Cell, font: string | undefined): string {
  const spec: CellSpec = typeof cell === 'string' ? { text: cell } : cell;
  const runFont = spec.font ?? font;
  const paragraphs = spec.paragraphs ?? (spec.text !== undefined ? spec.text.split('\n') : ['']);
  const props = [
    spec.span && spec.span > 1 ? `<w:gridSpan w:val="${spec.span}"/>` : '',
    spec.vMerge === 'restart'
      ? '<w:vMerge w:val="restart"/>'
      : spec.vMerge === 'continue'
        ? '<w:vMerge/>'
        : '',
  ].join('');
  const body = paragraphs
    .map((p) => (p === '' ? '<w:p/>' : `<w:p>${runs(p, runFont)}</w:p>`))
    .join('');
  return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${props}</w:tcPr>${body}</w:tc>`;
}

/**
 * A table; each row is a list of cells (text, or a spec with span / vMerge / paragraphs / font);
 * `options.font` names the font of every cell's runs.
 */
export function table(rows: readonly (readonly Cell[])[], options: { font?: string } = {}): string {
  const width = Math.max(
    ...rows.map((row) =>
      row.reduce<number>((n, c) => n + (typeof c === 'string' ? 1 : (c.span ?? 1)), 0),
    ),
  );
  const grid = Array.from({ length: width }, () => '<w:gridCol w:w="1000"/>').join('');
  const body = rows
    .map((row) => `<w:tr>${row.map((cell) => cellXml(cell, options.font)).join('')}</w:tr>`)
    .join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${body}</w:tbl>`;
}

/** The document XML of a body made of paragraphs and tables. */
export function documentXml(blocks: readonly string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<w:document xmlns:w="${W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">` +
    `<w:body>${blocks.join('')}<w:sectPr/></w:body></w:document>`
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** The ZIP entries of a minimal DOCX holding `xml` as its document (and `stylesXml` as its styles). */
export function docxEntries(xml: string, stylesXml?: string): RawZipEntry[] {
  const encode = (text: string) => new TextEncoder().encode(text);
  return [
    { name: '[Content_Types].xml', data: encode(CONTENT_TYPES), deflate: true },
    { name: '_rels/.rels', data: encode(ROOT_RELS), deflate: true },
    { name: 'word/document.xml', data: encode(xml), deflate: true },
    ...(stylesXml === undefined
      ? []
      : [{ name: 'word/styles.xml', data: encode(stylesXml), deflate: true }]),
  ];
}

/** A DOCX whose body is the given paragraphs and tables (and `options.stylesXml` its styles part). */
export function docx(blocks: readonly string[], options: { stylesXml?: string } = {}): Uint8Array {
  return buildZip(docxEntries(documentXml(blocks), options.stylesXml));
}

/**
 * A `word/styles.xml`: the document defaults' font and paragraph styles (`id` → font, based on
 * another style); the first one is the default paragraph style.
 */
export function stylesXml(input: {
  defaultFont?: string;
  paragraphStyles?: readonly { id: string; font?: string; basedOn?: string }[];
}): string {
  const fonts = (font: string | undefined) =>
    font === undefined
      ? ''
      : `<w:rPr><w:rFonts w:ascii="${escapeXml(font)}" w:hAnsi="${escapeXml(font)}"/></w:rPr>`;
  const styles = (input.paragraphStyles ?? [])
    .map(
      (style, i) =>
        `<w:style w:type="paragraph"${i === 0 ? ' w:default="1"' : ''} w:styleId="${escapeXml(style.id)}">` +
        `<w:name w:val="${escapeXml(style.id)}"/>` +
        (style.basedOn ? `<w:basedOn w:val="${escapeXml(style.basedOn)}"/>` : '') +
        `<w:pPr><w:spacing w:after="0"/></w:pPr>${fonts(style.font)}</w:style>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault>${fonts(input.defaultFont)}</w:rPrDefault></w:docDefaults>${styles}</w:styles>`
  );
}

/** The masthead of a school plan (NĐ 30/2020): a borderless two-column table, then the title. */
export function masthead(input: {
  governingBody?: string;
  school: string;
  number?: string;
  dateLine?: string;
  subtitle: string;
}): string[] {
  return [
    table([
      [
        { paragraphs: [input.governingBody ?? '', input.school] },
        { paragraphs: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] },
      ],
      [`Số: ${input.number ?? '     /KH-'}`, input.dateLine ?? '……, ngày … tháng … năm ……'],
    ]),
    paragraph(''),
    paragraph('KẾ HOẠCH'),
    paragraph(input.subtitle),
  ];
}

/** The end of a plan: closing sentence, recipients and signature as paragraphs. */
export function signature(name: string, recipients: string[] = ['Lưu: VT.']): string[] {
  return [
    paragraph('Trên đây là kế hoạch cải tiến chất lượng giáo dục của nhà trường./.'),
    paragraph('Nơi nhận:'),
    ...recipients.map((r) => paragraph(`- ${r}`)),
    paragraph('HIỆU TRƯỞNG'),
    paragraph(name),
  ];
}

export type SheetRows = readonly (readonly (
  string | number | ExcelJS.CellRichTextValue | null
)[])[];

/**
 * An XLSX with the given sheets (rows from row 1), merges applied per sheet; `font` names the font
 * of every cell of the sheet (rich text runs name their own).
 */
export async function xlsx(
  sheets: readonly { name: string; rows: SheetRows; merges?: string[]; font?: string }[],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    for (const [i, row] of spec.rows.entries()) {
      for (const [j, value] of row.entries()) {
        if (value === null) continue;
        const cell = sheet.getCell(i + 1, j + 1);
        cell.value = value;
        if (spec.font !== undefined) cell.font = { name: spec.font, size: 12 };
      }
    }
    for (const merge of spec.merges ?? []) sheet.mergeCells(merge);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
