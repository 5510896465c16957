import JSZip from 'jszip';

/**
 * Test support (issue 16): a Word plan whose table is typed in the TCVN3 font .VnTime, as older
 * plans are: the column headers are in Times New Roman, the row below in .VnTime, its text the
 * TCVN3 codes (read as Latin-1 they are mojibake). `LEGACY_FONT_ROW` is what the row says.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** The row's cells as typed in .VnTime (TCVN 5712:1993 codes). */
export const LEGACY_FONT_ROW_TYPED = {
  target: '§éi ngò gi¸o viªn ®¹t chuÈn',
  tasks: 'Båi d\u00adìng th\u00adêng xuyªn',
  lead: 'HiÖu tr\u00adëng',
  time: 'Th¸ng 9/2024',
};
/** The same cells in Unicode. */
export const LEGACY_FONT_ROW = {
  target: 'Đội ngũ giáo viên đạt chuẩn',
  tasks: 'Bồi dưỡng thường xuyên',
  lead: 'Hiệu trưởng',
  time: 'Tháng 9/2024',
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function cell(text: string, font: string): string {
  const fonts = `<w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}"/></w:rPr>`;
  return `<w:tc><w:p><w:r>${fonts}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p></w:tc>`;
}

export async function legacyFontDocx(): Promise<Buffer> {
  const header = [
    'TT',
    'Tiêu chí',
    'Kết quả cần đạt',
    'Công việc/giải pháp',
    'Người thực hiện',
    'Thời gian',
  ];
  const row = ['1', '1.1', ...Object.values(LEGACY_FONT_ROW_TYPED)];
  const tableXml =
    `<w:tbl>` +
    `<w:tr>${header.map((text) => cell(text, 'Times New Roman')).join('')}</w:tr>` +
    `<w:tr>${row.map((text) => cell(text, '.VnTime')).join('')}</w:tr>` +
    `</w:tbl>`;
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${tableXml}<w:sectPr/></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
