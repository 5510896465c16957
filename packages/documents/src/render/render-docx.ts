import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Header,
  ImageRun,
  Packer,
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
import type { DocBlock, DocCell, DocPart, DocTable, PlanDocumentModel } from './plan-document.ts';
import { PUBLICATION_LINES, type DocumentPublication } from './publication.ts';

/**
 * The plan as a DOCX in the NĐ 30/2020 layout (issue 6 "Layout rules"; NOTES.md §5):
 * A4, portrait for the text and landscape for the plan table; margins top/bottom 20 mm, left 30 mm,
 * right 15 mm; Times New Roman 14 for the text, 12 (Biểu 2: 11) in the table; two-column masthead;
 * page numbers centred in the top margin from page 2; the table header repeated on every page and
 * rows kept whole; "Nơi nhận" left and the signature block right.
 */

const FONT = 'Times New Roman';
/** Half-points. */
const SIZE = {
  body: 28,
  /** Governing body, school name, Quốc hiệu: NĐ 30/2020 allows 12–13. */
  masthead: 24,
  motto: 26,
  numberLine: 26,
  recipientsTitle: 24,
  recipients: 22,
} as const;
/** The masthead may reach a little into the side margins, as schools lay it out. */
const MASTHEAD_OUTDENT = convertMillimetersToTwip(8);
const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) };
const MARGIN = {
  top: convertMillimetersToTwip(20),
  bottom: convertMillimetersToTwip(20),
  left: convertMillimetersToTwip(30),
  right: convertMillimetersToTwip(15),
  header: convertMillimetersToTwip(10),
  footer: convertMillimetersToTwip(10),
};
const TEXT_WIDTH = {
  portrait: A4.width - MARGIN.left - MARGIN.right,
  landscape: A4.height - MARGIN.left - MARGIN.right,
};
const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};
const FIRST_LINE_INDENT = convertMillimetersToTwip(12.7);

interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
}

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    ...(style.size ? { size: style.size } : {}),
    ...(style.bold ? { bold: true } : {}),
    ...(style.italic ? { italics: true } : {}),
  });
}

/** One paragraph per line the user typed, so Word shows the line breaks as written. */
function lines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** A short centred rule under a line (NĐ 30: 1/3–1/2 of the text above it). */
function rule(indentTwips: number): Paragraph {
  return new Paragraph({
    spacing: { before: 0, after: 120, line: 120 },
    indent: { left: indentTwips, right: indentTwips },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

function centred(text: string, style: RunStyle, after = 0, before = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before, after },
    children: [run(text, style)],
  });
}

function masthead(model: PlanDocumentModel): Table {
  const m = model.masthead;
  const total = TEXT_WIDTH.portrait + 2 * MASTHEAD_OUTDENT;
  const leftWidth = Math.round(total * 0.43);
  const rightWidth = total - leftWidth;
  const cell = (width: number, children: Paragraph[]): TableCell =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: NO_BORDERS,
      margins: { left: 0, right: 0 },
      children,
    });
  const top = new TableRow({
    children: [
      cell(leftWidth, [
        ...(m.governingBody ? [centred(m.governingBody, { size: SIZE.masthead })] : []),
        centred(m.schoolName, { size: SIZE.masthead, bold: true }),
        rule(Math.round(leftWidth * 0.3)),
      ]),
      cell(rightWidth, [
        centred(m.nationalTitle, { size: SIZE.masthead, bold: true }),
        centred(m.motto, { size: SIZE.motto, bold: true }),
        rule(Math.round(rightWidth * 0.2)),
      ]),
    ],
  });
  const bottom = new TableRow({
    children: [
      cell(leftWidth, [centred(m.numberLine, { size: SIZE.numberLine }, 0, 60)]),
      cell(rightWidth, [centred(m.dateLine, { size: SIZE.numberLine, italic: true }, 0, 60)]),
    ],
  });
  return new Table({
    width: { size: total, type: WidthType.DXA },
    indent: { size: -MASTHEAD_OUTDENT, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [top, bottom],
  });
}

function titleBlock(model: PlanDocumentModel): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 0 },
      keepNext: true,
      children: [run(model.title, { bold: true, size: SIZE.body })],
    }),
  ];
  for (const line of lines(model.subtitle)) {
    if (line.trim() !== '') out.push(centred(line, { bold: true, size: SIZE.body }));
  }
  if (model.revisionLine) out.push(centred(model.revisionLine, { italic: true, size: SIZE.body }));
  out.push(rule(Math.round(TEXT_WIDTH.portrait * 0.35)));
  return out;
}

function draftMark(): Paragraph {
  const border = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 };
  return new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: { after: 120 },
    indent: { left: TEXT_WIDTH.portrait - convertMillimetersToTwip(32) },
    border: { top: border, bottom: border, left: border, right: border },
    children: [run('DỰ THẢO', { bold: true, size: SIZE.body })],
  });
}

function blockParagraphs(block: Exclude<DocBlock, { kind: 'table' }>): Paragraph[] {
  if (block.kind === 'heading') {
    return [
      new Paragraph({
        spacing: { before: 120, after: 120 },
        keepNext: true,
        children: [run(block.text, { bold: true, size: SIZE.body })],
      }),
    ];
  }
  return [
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing: { before: 0, after: 120, line: 300 },
      indent: { firstLine: FIRST_LINE_INDENT },
      children: [run(block.text, { size: SIZE.body, ...(block.italic ? { italic: true } : {}) })],
    }),
  ];
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const SINGLE = 'w:val="single" w:sz="4" w:space="0" w:color="000000"';

/**
 * WordprocessingML of a data table, written directly: the plan table is most of the document, and
 * building it as `docx` objects costs several times more than the rest of the file. The output
 * has the same structure the library writes: fixed layout, a grid, repeated header rows
 * (`w:tblHeader`), rows that do not split (`w:cantSplit`), `w:gridSpan` and `w:vMerge` merges.
 */
export function dataTableXml(
  table: DocTable,
  width: number,
  size: number,
  /** The run content of one line of a cell (default: the escaped text in one `w:t`). */
  lineXml: (line: string) => string = (line) =>
    `<w:t xml:space="preserve">${escapeXml(line)}</w:t>`,
): string {
  const columnWidths = table.columns.map((c) => Math.round((width * c.width) / 100));
  const total = columnWidths.reduce((a, b) => a + b, 0);
  const rPr = (cell: DocCell): string =>
    `<w:rPr><w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:eastAsia="${FONT}" w:cs="${FONT}"/>${cell.bold ? '<w:b/><w:bCs/>' : ''}${cell.italic ? '<w:i/><w:iCs/>' : ''}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
  const paragraphs = (cell: DocCell): string => {
    const jc = cell.align === 'center' ? 'center' : 'left';
    const props = rPr(cell);
    return lines(cell.text)
      .map(
        (line) =>
          `<w:p><w:pPr><w:spacing w:before="20" w:after="20"/><w:jc w:val="${jc}"/></w:pPr>` +
          (line === '' ? '' : `<w:r>${props}${lineXml(line)}</w:r>`) +
          '</w:p>',
      )
      .join('');
  };
  const continueCell = (widthTwips: number, span: number): string =>
    `<w:tc><w:tcPr><w:tcW w:w="${widthTwips}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}<w:vMerge/><w:vAlign w:val="center"/></w:tcPr><w:p/></w:tc>`;
  // Cells merged from above: column → remaining rows and the span of the merged cell.
  const pending = new Map<number, { rows: number; span: number }>();
  const rowXml = (cells: Array<DocCell | null>, header: boolean): string => {
    let out = `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>`;
    let col = 0;
    while (col < cells.length) {
      const above = pending.get(col);
      if (above) {
        const cellWidth = columnWidths.slice(col, col + above.span).reduce((a, b) => a + b, 0);
        out += continueCell(cellWidth, above.span);
        above.rows -= 1;
        if (above.rows === 0) pending.delete(col);
        col += above.span;
        continue;
      }
      const cell = cells[col];
      if (cell === null || cell === undefined) {
        col += 1; // covered by a span from the left
        continue;
      }
      const span = cell.colSpan ?? 1;
      const rowSpan = cell.rowSpan ?? 1;
      const cellWidth = columnWidths.slice(col, col + span).reduce((a, b) => a + b, 0);
      out +=
        `<w:tc><w:tcPr><w:tcW w:w="${cellWidth}" w:type="dxa"/>` +
        (span > 1 ? `<w:gridSpan w:val="${span}"/>` : '') +
        (rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : '') +
        '<w:vAlign w:val="center"/></w:tcPr>' +
        paragraphs(cell) +
        '</w:tc>';
      if (rowSpan > 1) pending.set(col, { rows: rowSpan - 1, span });
      col += span;
    }
    return `${out}</w:tr>`;
  };
  const grid = columnWidths.map((w) => `<w:gridCol w:w="${w}"/>`).join('');
  return (
    '<w:tbl><w:tblPr>' +
    `<w:tblW w:w="${total}" w:type="dxa"/>` +
    `<w:tblBorders><w:top ${SINGLE}/><w:left ${SINGLE}/><w:bottom ${SINGLE}/><w:right ${SINGLE}/><w:insideH ${SINGLE}/><w:insideV ${SINGLE}/></w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/>' +
    '<w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="60" w:type="dxa"/><w:bottom w:w="20" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>' +
    `</w:tblPr><w:tblGrid>${grid}</w:tblGrid>` +
    table.header.map((r) => rowXml(r.cells, true)).join('') +
    table.body.map((r) => rowXml(r.cells, false)).join('') +
    '</w:tbl>'
  );
}

/** The text of the paragraph that stands in for data table `n` until the XML is spliced in. */
const placeholder = (n: number): string => `@@CAITIEN-TABLE-${n}@@`;

/**
 * Issue 14: the QR code of the plan's public page (about 30 mm) and its address beside it, after
 * the signature block; the row is kept whole on one page.
 */
function publicationBlock(publication: DocumentPublication): Array<Paragraph | Table> {
  const qrWidth = convertMillimetersToTwip(34);
  const textWidth = TEXT_WIDTH.portrait - qrWidth;
  const qrPixels = 113; // ≈ 30 mm at 96 dpi
  return [
    new Paragraph({ spacing: { before: 240, after: 0 }, children: [] }),
    new Table({
      width: { size: TEXT_WIDTH.portrait, type: WidthType.DXA },
      columnWidths: [qrWidth, textWidth],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: qrWidth, type: WidthType.DXA },
              borders: NO_BORDERS,
              children: [
                new Paragraph({
                  children: [
                    new ImageRun({
                      type: 'png',
                      data: publication.qrPng,
                      transformation: { width: qrPixels, height: qrPixels },
                      altText: {
                        name: 'QR',
                        title: 'Mã QR trang công khai',
                        description: publication.url,
                      },
                    }),
                  ],
                }),
              ],
            }),
            new TableCell({
              width: { size: textWidth, type: WidthType.DXA },
              borders: NO_BORDERS,
              children: [
                new Paragraph({
                  spacing: { before: 120, after: 0 },
                  children: [run(PUBLICATION_LINES.title, { italic: true, size: SIZE.recipients })],
                }),
                new Paragraph({
                  spacing: { before: 0, after: 60 },
                  children: [run(publication.url, { bold: true, size: SIZE.recipients })],
                }),
                new Paragraph({
                  spacing: { before: 0, after: 0 },
                  children: [run(PUBLICATION_LINES.note, { italic: true, size: 20 })],
                }),
              ],
            }),
          ],
        }),
      ],
    }),
  ];
}

function closingBlock(model: PlanDocumentModel): Table {
  const leftWidth = Math.round(TEXT_WIDTH.portrait * 0.45);
  const rightWidth = TEXT_WIDTH.portrait - leftWidth;
  const recipients = model.recipients
    .filter((r) => r.trim() !== '')
    .map(
      (r) =>
        new Paragraph({
          spacing: { before: 0, after: 0 },
          children: [run(/^\s*-/.test(r) ? r : `- ${r}`, { size: SIZE.recipients })],
        }),
    );
  const signer = model.signer;
  const right: Paragraph[] = [
    ...signer.lines.map((l) => centred(l, { bold: true, size: SIZE.body })),
    ...(signer.signNote ? [centred(signer.signNote, { italic: true, size: SIZE.body })] : []),
    ...Array.from({ length: 4 }, () => centred('', { size: SIZE.body })),
    centred(signer.name, { bold: true, size: SIZE.body }),
  ];
  return new Table({
    width: { size: TEXT_WIDTH.portrait, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: leftWidth, type: WidthType.DXA },
            borders: NO_BORDERS,
            children: [
              new Paragraph({
                spacing: { before: 120, after: 0 },
                children: [
                  run('Nơi nhận:', { bold: true, italic: true, size: SIZE.recipientsTitle }),
                ],
              }),
              ...recipients,
            ],
          }),
          new TableCell({
            width: { size: rightWidth, type: WidthType.DXA },
            borders: NO_BORDERS,
            children: right,
          }),
        ],
      }),
    ],
  });
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

function partChildren(
  part: DocPart,
  tableSize: number,
  tables: string[],
): Array<Paragraph | Table> {
  const width = TEXT_WIDTH[part.orientation];
  const out: Array<Paragraph | Table> = [];
  for (const block of part.blocks) {
    if (block.kind === 'table') {
      tables.push(dataTableXml(block.table, width, block.role === 'plan' ? tableSize : 24));
      out.push(new Paragraph({ children: [new TextRun(placeholder(tables.length - 1))] }));
      // Word needs a paragraph between a table and what follows (and at the end of a section).
      out.push(new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }));
    } else {
      out.push(...blockParagraphs(block));
    }
  }
  return out;
}

/**
 * The `docx` Document of a plan model, with one placeholder paragraph per data table, and the
 * tables' XML to put in their place.
 */
export function buildDocxDocument(model: PlanDocumentModel): {
  document: Document;
  tables: string[];
} {
  const tableSize = model.layout === 'bieu2' ? 22 : 24;
  const tables: string[] = [];
  const header = pageNumberHeader();
  const sections: ISectionOptions[] = model.parts.map((part, i) => {
    const children = partChildren(part, tableSize, tables);
    if (i === 0) {
      children.unshift(
        ...(model.draft ? [draftMark()] : []),
        masthead(model),
        ...titleBlock(model),
      );
    }
    if (i === model.parts.length - 1) {
      children.push(closingBlock(model));
      if (model.publication) children.push(...publicationBlock(model.publication));
    }
    return {
      properties: {
        page: {
          size: {
            width: A4.width,
            height: A4.height,
            orientation:
              part.orientation === 'landscape'
                ? PageOrientation.LANDSCAPE
                : PageOrientation.PORTRAIT,
          },
          margin: MARGIN,
        },
        // NĐ 30/2020: no page number on the first page.
        ...(i === 0 ? { titlePage: true } : {}),
      },
      headers:
        i === 0 ? { default: header, first: new Header({ children: [] }) } : { default: header },
      children,
    };
  });
  if (sections.length === 0) {
    // A model always has at least one part; keep Word happy if a caller builds one by hand.
    sections.push({
      properties: {},
      children: [masthead(model), ...titleBlock(model), closingBlock(model)],
    });
  }
  const document = new Document({
    creator: 'CaiTien',
    title: `${model.title} ${model.subtitle}`.trim(),
    description: 'Kế hoạch cải tiến chất lượng giáo dục',
    styles: {
      default: { document: { run: { font: FONT, size: SIZE.body } } },
    },
    sections,
  });
  return { document, tables };
}

/** Renders the plan model to DOCX bytes. */
export async function renderDocx(model: PlanDocumentModel): Promise<Buffer> {
  const { document, tables } = buildDocxDocument(model);
  const zip = await JSZip.loadAsync(await Packer.toBuffer(document));
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('docx: word/document.xml missing');
  let xml = await file.async('string');
  tables.forEach((tableXml, n) => {
    const marker = placeholder(n);
    const at = xml.indexOf(marker);
    const start = xml.lastIndexOf('<w:p>', at);
    const end = xml.indexOf('</w:p>', at);
    if (at < 0 || start < 0 || end < 0) throw new Error(`docx: table placeholder ${n} missing`);
    xml = xml.slice(0, start) + tableXml + xml.slice(end + '</w:p>'.length);
  });
  zip.file('word/document.xml', xml);
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
}
