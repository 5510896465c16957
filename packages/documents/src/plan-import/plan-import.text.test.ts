import { findBadCharacter, planInterchangeSchema } from '@caitien/shared';
import { describe, expect, it } from 'vitest';
import { buildZip } from '../staff-import/staff-workbook.fixtures.ts';
import { xlsxFromParts } from '../xlsx/hostile-xlsx.fixtures.ts';
import { decodeXmlText } from './docx-reader.ts';
import {
  docxEntries,
  documentXml,
  masthead,
  paragraph,
  table,
  type Cell,
} from './plan-files.fixtures.ts';
import { importPlanFile, importPlanTable } from './plan-import.ts';
import type { ImportedPlan } from './plan-import.types.ts';

/**
 * Issue 11, item 7: imported text the database or the documents cannot hold (NUL — PostgreSQL
 * refuses it —, other control characters, lone surrogates) is removed or replaced with U+FFFD,
 * every change reported with its position; all other text stays as written.
 */

const NOW = new Date('2026-01-01T00:00:00Z');

const HEADER: Cell[] = [
  'TT',
  'Tiêu chuẩn, tiêu chí',
  'Kết quả cần đạt (so với hiện trạng)',
  'Công việc/giải pháp cần thực hiện',
  'Chủ trì và phối hợp thực hiện',
  'Thời gian thực hiện và hoàn thành',
  'Dự kiến kinh phí',
];

async function load(bytes: Uint8Array): Promise<ImportedPlan> {
  const result = await importPlanFile(bytes, { now: NOW });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  expect(planInterchangeSchema.safeParse(result.plan).success).toBe(true);
  return result.plan;
}

/** Every string in the imported plan: none may hold what PostgreSQL or XML cannot store. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** A DOCX whose XML has `{0}`, `{1}`… replaced by raw markup (character references). */
function docxWithReferences(blocks: string[], references: string[]): Uint8Array {
  let xml = documentXml(blocks);
  references.forEach((reference, index) => {
    xml = xml.replace(`{${index}}`, reference);
  });
  return buildZip(docxEntries(xml));
}

describe('decodeXmlText: character references XML does not allow', () => {
  it('decodes them to what they name, for the importer to clean and report', () => {
    expect(decodeXmlText('a&#0;b')).toBe('a\u0000b');
    expect(decodeXmlText('a&#x7;b')).toBe('a\u0007b');
    expect(decodeXmlText('a&#xD800;b')).toBe('a\uD800b');
    expect(decodeXmlText('a&#56320;b')).toBe('a\uDC00b');
    expect(decodeXmlText('a&#x110000;b&#99999999;c')).toBe('a\uFFFDb\uFFFDc');
    expect(decodeXmlText('&#x1F600; &amp; &bogus;')).toBe('😀 & &bogus;');
  });
});

describe('imported text that cannot be stored', () => {
  it('DOCX: removes &#0; and control characters, replaces surrogate references, reports each', async () => {
    const bytes = docxWithReferences(
      [
        ...masthead({
          school: 'TRƯỜNG THCS AN{0} BÌNH',
          subtitle: 'Cải tiến chất lượng giáo dục năm học 2025 - 2026',
        }),
        table([
          HEADER,
          ['1', '1.1', 'Đạt{1} mức 2', 'Rà soát{2} phương hướng', 'Hiệu trưởng', '9/2025', ''],
          ['2', '1.2', 'Kết quả{3}', '  Bồi dưỡng  giáo viên\t', 'Tổ{4} chuyên môn', '10/2025', ''],
        ]),
        paragraph('Nơi nhận{5}:'),
      ],
      ['&#0;', '&#x0;&#x1;', '&#xD800;', '&#56320;&#x110000;', '&#7;', '&#0;'],
    );
    const plan = await load(bytes);
    for (const text of strings(plan)) expect(findBadCharacter(text)).toBeNull();

    expect(plan.rows.map((row) => [row.target, row.tasks, row.lead])).toEqual([
      ['Đạt mức 2', 'Rà soát\uFFFD phương hướng', 'Hiệu trưởng'],
      // Everything else as the importer always reads it (inner spacing kept).
      ['Kết quả\uFFFD\uFFFD', 'Bồi dưỡng  giáo viên', 'Tổ chuyên môn'],
    ]);
    const warnings = plan.importReport.warnings.filter(
      (warning) => warning.code === 'text.invalid-characters',
    );
    const messages = warnings.map((warning) => warning.message).join('\n');
    expect(messages).toMatch(/NUL \(U\+0000\) đã bị xóa/);
    expect(messages).toMatch(/ký tự điều khiển U\+0001 đã bị xóa/);
    expect(messages).toMatch(/ký tự hỏng U\+D800 đã được thay bằng/);
    expect(messages).toMatch(/ký tự hỏng U\+DC00/);
    // One warning per cell or paragraph, with its position: the masthead cell, four table cells
    // (C3, D3, C4, E4) and the paragraph.
    expect(warnings).toHaveLength(6);
    const tableCells = warnings
      .map((warning) => warning.position)
      .filter((position) => position !== undefined && position.table > 1)
      .map((position) => [position?.row, position?.column]);
    expect(tableCells).toEqual([
      [2, 3],
      [2, 4],
      [3, 3],
      [3, 5],
    ]);
  });

  it('XLSX: removes the NUL and control characters Excel writes as _x0000_, replaces lone surrogates', async () => {
    const texts = [
      ...HEADER,
      'Đạt_x0000_ mức 2',
      'Rà soát_xD800_ phương hướng',
      'Hiệu_x0007_ trưởng',
    ].map((text) => `<si><t xml:space="preserve">${typeof text === 'string' ? text : ''}</t></si>`);
    const cell = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
    const bytes = xlsxFromParts({
      sheetData:
        `<row r="1">${HEADER.map((_, i) => cell(`${String.fromCharCode(65 + i)}1`, i)).join('')}</row>` +
        `<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>1.1</t></is></c>` +
        `${cell('C2', 7)}${cell('D2', 8)}${cell('E2', 9)}</row>`,
      sharedStrings: `<sst>${texts.join('')}</sst>`,
    });
    const plan = await load(bytes);
    for (const text of strings(plan)) expect(findBadCharacter(text)).toBeNull();
    expect(plan.rows[0]).toMatchObject({
      target: 'Đạt mức 2',
      tasks: 'Rà soát\uFFFD phương hướng',
      lead: 'Hiệu trưởng',
    });
    const warnings = plan.importReport.warnings.filter(
      (warning) => warning.code === 'text.invalid-characters',
    );
    expect(warnings.map((warning) => warning.position?.ref)).toEqual(['C2', 'D2', 'E2']);
    expect(warnings[0]?.message).toMatch(/trang tính “Danh sách”, ô C2: ký tự rỗng NUL/);
  });

  it('XLSX: a character reference XML forbids (&#0;) is a damaged file: a clear 400, not a crash', async () => {
    const bytes = xlsxFromParts({
      sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>a&#0;b</t></is></c></row>',
    });
    const result = await importPlanFile(bytes, { now: NOW });
    expect(result).toMatchObject({ ok: false, error: { code: 'CORRUPT' } });
  });

  it('pasted text: the same cleaning and report', () => {
    const result = importPlanTable(
      `${HEADER.join('\t')}\n1\t1.1\tĐạt\u0000\tRà soát\uDBFF\tHiệu trưởng\t9/2025\t`,
      { now: NOW },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.plan.rows[0]).toMatchObject({ target: 'Đạt', tasks: 'Rà soát\uFFFD' });
    expect(
      result.plan.importReport.warnings.filter((w) => w.code === 'text.invalid-characters'),
    ).toHaveLength(2);
  });
});
