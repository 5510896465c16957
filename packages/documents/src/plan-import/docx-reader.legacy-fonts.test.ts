import { describe, expect, it } from 'vitest';
import { readDocxBody, type DocxBody, type DocxFontOptions } from './docx-reader.ts';
import { readDocxStyleFonts, runFont } from './docx-styles.ts';
import { encodeLegacy } from './legacy-fonts.fixtures.ts';
import { stylesXml } from './plan-files.fixtures.ts';

/**
 * The DOCX reader reads runs typed in legacy Vietnamese fonts (issue 16) in the font each run is
 * shown in — its own, its style's, the document defaults' — and counts them; with the conversion
 * off the text stays exactly as typed.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const LIMITS = { maxTables: 10, maxRows: 100, maxCells: 1000 };

function body(paragraphsXml: string, options: DocxFontOptions = {}): DocxBody {
  const xml = `<w:document xmlns:w="${W}"><w:body>${paragraphsXml}</w:body></w:document>`;
  return readDocxBody(xml, LIMITS, 64, options);
}
function texts(result: DocxBody): string[] {
  return result.blocks.map((block) => (block.kind === 'paragraph' ? block.text : '#table'));
}
function fonts(font: string, slots: readonly string[] = ['ascii', 'hAnsi']): string {
  return `<w:rFonts ${slots.map((slot) => `w:${slot}="${font}"`).join(' ')}/>`;
}
function run(text: string, rPr = ''): string {
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
}

const SCHOOL = 'Trường Tiểu học Định Hiệp';
const SCHOOL_TCVN3 = encodeLegacy(SCHOOL, 'tcvn3');
const SCHOOL_VNI = encodeLegacy(SCHOOL, 'vni');

describe('runs in legacy fonts', () => {
  it('converts a run by its own font, TCVN3 and VNI, and counts it per font', () => {
    expect(SCHOOL_TCVN3).toBe('Tr\u00adêng TiÓu häc §Þnh HiÖp');
    expect(SCHOOL_VNI).toBe('Tröôøng Tieåu hoïc Ñònh Hieäp');
    const result = body(
      `<w:p>${run(SCHOOL_TCVN3, fonts('.VnTime'))}</w:p>` +
        `<w:p>${run(SCHOOL_VNI, fonts('VNI-Times'))}</w:p>` +
        `<w:p>${run(SCHOOL_VNI, fonts('Times New Roman'))}</w:p>`,
    );
    expect(texts(result)).toEqual([SCHOOL, SCHOOL, SCHOOL_VNI]);
    expect(result.legacyFonts).toEqual([
      { font: '.VnTime', encoding: 'tcvn3', count: 1 },
      { font: 'VNI-Times', encoding: 'vni', count: 1 },
    ]);
  });

  it('keeps the text exactly as typed when the conversion is off, and still counts it', () => {
    const result = body(`<w:p>${run(SCHOOL_TCVN3, fonts('.VnTime'))}</w:p>`, { convert: false });
    expect(texts(result)).toEqual([SCHOOL_TCVN3]);
    expect(result.legacyFonts).toEqual([{ font: '.VnTime', encoding: 'tcvn3', count: 1 }]);
  });

  it('reads the hAnsi font (the one Vietnamese letters are shown in), then ascii, then cs', () => {
    const typed = encodeLegacy('Đảng ủy', 'tcvn3');
    const result = body(
      `<w:p>${run(typed, '<w:rFonts w:ascii="Times New Roman" w:hAnsi=".VnTime"/>')}</w:p>` +
        `<w:p>${run(typed, '<w:rFonts w:ascii=".VnTime" w:hAnsi="Times New Roman"/>')}</w:p>` +
        `<w:p>${run(typed, '<w:rFonts w:ascii=".VnTime"/>')}</w:p>` +
        `<w:p>${run(typed, '<w:rFonts w:cs=".VnTime"/>')}</w:p>` +
        `<w:p>${run(typed, '<w:rFonts w:hAnsiTheme="minorHAnsi" w:cs=".VnTime"/>')}</w:p>`,
    );
    expect(texts(result)).toEqual(['Đảng ủy', typed, 'Đảng ủy', 'Đảng ủy', typed]);
  });

  it('reads a VNI letter split between two runs of the font as one letter', () => {
    // "Trường": Word split the run between the vowel and its tone key (an edit, a spell check).
    const result = body(
      `<w:p>${run('Tröô', fonts('VNI-Times'))}${run('øng ', fonts('VNI-Times'))}${run('2024', fonts('VNI-Times'))}</w:p>`,
    );
    expect(texts(result)).toEqual(['Trường 2024']);
    expect(result.legacyFonts).toEqual([{ font: 'VNI-Times', encoding: 'vni', count: 2 }]);
  });

  it('keeps line breaks and tabs, and reads a soft hyphen in a TCVN3 run as ư', () => {
    const result = body(
      `<w:p><w:r><w:rPr>${fonts('.VnTime')}</w:rPr><w:t>Tr</w:t><w:softHyphen/><w:t>êng</w:t><w:br/><w:t>häc</w:t><w:tab/><w:t>sinh</w:t></w:r></w:p>` +
        `<w:p><w:r><w:t>co</w:t><w:softHyphen/><w:t>operate</w:t></w:r></w:p>`,
    );
    expect(texts(result)).toEqual(['Trường\nhọc\tsinh', 'cooperate']);
  });

  it('shows the "H" fonts in capitals', () => {
    const result = body(
      `<w:p>${run(encodeLegacy('kế hoạch cải tiến chất lượng', 'tcvn3'), fonts('.VnTimeH'))}</w:p>`,
    );
    expect(texts(result)).toEqual(['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG']);
  });

  it('leaves Unicode text under a legacy font name as it is (and does not count it)', () => {
    const unicode = 'Trường học có ý kiến; cá, là';
    const result = body(
      `<w:p>${run(unicode, fonts('.VnTime'))}${run(' - ', fonts('.VnTime'))}${run(encodeLegacy('đạt', 'tcvn3'), fonts('.VnTime'))}</w:p>`,
    );
    expect(texts(result)).toEqual([`${unicode} - đạt`]);
    expect(result.legacyFonts).toEqual([{ font: '.VnTime', encoding: 'tcvn3', count: 1 }]);
  });

  it('leaves ASCII-only runs in a legacy font uncounted', () => {
    const result = body(`<w:p>${run('2024 - 2025', fonts('.VnTime'))}</w:p>`);
    expect(texts(result)).toEqual(['2024 - 2025']);
    expect(result.legacyFonts).toBeUndefined();
  });

  it('ignores the paragraph mark’s font and a tracked change’s old font', () => {
    const result = body(
      `<w:p><w:pPr><w:rPr>${fonts('.VnTime')}</w:rPr></w:pPr>${run(SCHOOL_TCVN3)}</w:p>` +
        `<w:p>${run(SCHOOL_TCVN3, `${fonts('Arial')}<w:rPrChange w:id="1" w:author="x"><w:rPr>${fonts('.VnTime')}</w:rPr></w:rPrChange>`)}</w:p>`,
    );
    expect(texts(result)).toEqual([SCHOOL_TCVN3, SCHOOL_TCVN3]);
  });

  it('reads cells of a table', () => {
    const result = body(
      `<w:tbl><w:tr><w:tc><w:p>${run(SCHOOL_VNI, fonts('VNI-Helve'))}</w:p><w:p>${run('Ñaûng uûy', fonts('VNI-Helve'))}</w:p></w:tc></w:tr></w:tbl>`,
    );
    expect(result.tables[0]?.rows[0]?.cells[0]?.paragraphs).toEqual([SCHOOL, 'Đảng ủy']);
  });
});

describe('fonts from the styles part', () => {
  const styles = readDocxStyleFonts(
    stylesXml({
      defaultFont: 'Times New Roman',
      paragraphStyles: [
        { id: 'Normal', font: '.VnTime' },
        { id: 'Heading', basedOn: 'Normal' },
        { id: 'Modern', font: 'Arial' },
      ],
    }),
  );

  it('reads defaults, styles and what they are based on', () => {
    expect(styles.defaults).toEqual({ ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
    expect(styles.defaultParagraphStyle).toBe('Normal');
    expect(styles.styles.get('Heading')).toMatchObject({ basedOn: 'Normal', fonts: {} });
    const font = (paragraphStyle: string | null) =>
      runFont(styles, { direct: {}, characterStyle: null, paragraphStyle });
    expect(font(null)).toBe('.VnTime');
    expect(font('Heading')).toBe('.VnTime');
    expect(font('Modern')).toBe('Arial');
    expect(font('Missing')).toBe('Times New Roman');
  });

  it('converts runs whose font comes from the paragraph style or the default style', () => {
    const result = body(
      `<w:p>${run(SCHOOL_TCVN3)}</w:p>` +
        `<w:p><w:pPr><w:pStyle w:val="Heading"/></w:pPr>${run(SCHOOL_TCVN3)}</w:p>` +
        `<w:p><w:pPr><w:pStyle w:val="Modern"/></w:pPr>${run(SCHOOL_TCVN3)}</w:p>` +
        `<w:p>${run(SCHOOL_TCVN3, fonts('Times New Roman'))}</w:p>`,
      { styles },
    );
    expect(texts(result)).toEqual([SCHOOL, SCHOOL, SCHOOL_TCVN3, SCHOOL_TCVN3]);
    expect(result.legacyFonts).toEqual([{ font: '.VnTime', encoding: 'tcvn3', count: 2 }]);
  });

  it('converts runs whose font comes from a character style or the document defaults', () => {
    const own = readDocxStyleFonts(
      `<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr>${fonts('VNI-Times')}</w:rPr></w:rPrDefault></w:docDefaults>` +
        `<w:style w:type="character" w:styleId="Old"><w:rPr>${fonts('.VnArial')}</w:rPr></w:style>` +
        `<w:style w:type="table" w:styleId="Grid"><w:tblStylePr w:type="firstRow"><w:rPr>${fonts('.VnTime')}</w:rPr></w:tblStylePr></w:style></w:styles>`,
    );
    const result = body(
      `<w:p>${run(SCHOOL_VNI)}</w:p><w:p>${run(SCHOOL_TCVN3, '<w:rStyle w:val="Old"/>')}</w:p>`,
      { styles: own },
    );
    expect(texts(result)).toEqual([SCHOOL, SCHOOL]);
    expect(own.styles.get('Grid')?.fonts).toEqual({});
  });

  it('reads nothing from a styles part it cannot understand', () => {
    expect(readDocxStyleFonts('not xml at all')).toEqual({
      styles: new Map(),
      defaults: {},
      defaultParagraphStyle: null,
    });
  });
});
