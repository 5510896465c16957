import { docxEntries, documentXml } from '../plan-import/plan-files.fixtures.ts';
import { buildZip } from '../staff-import/staff-workbook.fixtures.ts';

/**
 * Test fixtures: hostile but well-formed XLSX (and DOCX) files, small on disk and huge once parsed, built part
 * by part so a test states exactly what a file holds. Every part is deflated (as Excel does), so
 * the files stay far below the upload limit.
 */

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a workbook with one sheet, around a given sheet body and shared strings. */
export function xlsxFromParts(parts: { sheetData: string; sharedStrings?: string }): Uint8Array {
  const entries = [
    {
      name: '[Content_Types].xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/' +
          'package/2006/content-types"><Default Extension="rels" ContentType="application/' +
          'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ' +
          'ContentType="application/xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}"><Relationship ` +
          `Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}">` +
          '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS}">` +
          `<Relationship Id="rId1" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="${DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>` +
          '</Relationships>',
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>` +
          `${parts.sheetData}</sheetData></worksheet>`,
      ),
    },
  ];
  if (parts.sharedStrings !== undefined) {
    entries.push({ name: 'xl/sharedStrings.xml', data: text(parts.sharedStrings) });
  }
  return buildZip(entries.map((entry) => ({ ...entry, deflate: true })));
}

/**
 * The attack of issue 11: about 100 KB on disk, `count` shared strings of one rich-text run each
 * (1.7 million by default: ~40 MB of XML that exceljs turned into ~400 MB of objects), and one
 * cell using the first of them.
 */
export function sharedStringsBomb(count = 1_700_000): Uint8Array {
  const sharedStrings =
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${count}" ` +
    `uniqueCount="${count}">${'<si><r><t>a</t></r></si>'.repeat(count)}</sst>`;
  return xlsxFromParts({
    sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
    sharedStrings,
  });
}

/** One run of a rich-text shared string, in Excel's markup. */
function run(value: string): string {
  return `<r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t xml:space="preserve">${value}</t></r>`;
}

/**
 * A big but honest workbook, to measure what an accepted upload costs: `rows` rows of `columns`
 * cells (at most 26), the cells using `strings` distinct shared strings in turn, each of
 * `runsPerString` rich-text runs.
 */
export function richTextXlsx(options: {
  rows: number;
  columns: number;
  strings: number;
  runsPerString: number;
}): Uint8Array {
  const { rows, columns, runsPerString } = options;
  const strings = Array.from(
    { length: options.strings },
    (_, index) => `<si>${run(`Nội dung ${index} `).repeat(runsPerString)}</si>`,
  );
  const sheetRows: string[] = [];
  let next = 0;
  for (let r = 1; r <= rows; r += 1) {
    const cells: string[] = [];
    for (let c = 0; c < columns; c += 1) {
      cells.push(`<c r="${String.fromCharCode(65 + c)}${r}" t="s"><v>${next}</v></c>`);
      next = (next + 1) % options.strings;
    }
    sheetRows.push(`<row r="${r}">${cells.join('')}</row>`);
  }
  const sharedStrings =
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${strings.length}" ` +
    `uniqueCount="${strings.length}">${strings.join('')}</sst>`;
  return xlsxFromParts({ sheetData: sheetRows.join(''), sharedStrings });
}

/** The DOCX form of the attack: one paragraph of `count` one-letter runs (~100 KB on disk). */
export function docxRunsBomb(count = 1_700_000): Uint8Array {
  const runs = '<w:r><w:t>ạ</w:t></w:r>'.repeat(count);
  return buildZip(docxEntries(documentXml([`<w:p>${runs}</w:p>`])));
}
