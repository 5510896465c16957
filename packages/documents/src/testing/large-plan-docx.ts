import { docxEntries, documentXml, escapeXml } from '../plan-import/plan-files.fixtures.ts';
import { STAFF_IMPORT_DEFAULTS } from '../staff-import/staff-import.ts';
import {
  buildZip,
  STANDARD_HEADER,
  TITLE,
  workbookWith,
} from '../staff-import/staff-workbook.fixtures.ts';

/**
 * Test support (issue 11): about the heaviest plan DOCX the importer's limits accept — one plan
 * table of `rows` rows of eight cells, four of them a paragraph of `runsPerCell` text runs. With
 * the defaults the body is 7.9 MB of XML (the limit, `PLAN_IMPORT_LIMITS.maxDocumentXmlBytes`, is
 * 8 MiB) holding 116,000 runs (of 150,000) and 23,200 cells, 330 KB on disk; it imports as a plan
 * of 2,900 rows after 1.5–5 s of CPU: what the server must keep off its event loop.
 */
export function largestAcceptedPlanDocx(options: { rows?: number; runsPerCell?: number } = {}) {
  const rows = options.rows ?? 2_900;
  const runsPerCell = options.runsPerCell ?? 9;
  const cell = (runs: readonly string[]) =>
    `<w:tc><w:p>${runs.map((r) => `<w:r><w:t xml:space="preserve">${escapeXml(r)}</w:t></w:r>`).join('')}</w:p></w:tc>`;
  const header = [
    'TT',
    'Tiêu chí',
    'Kết quả cần đạt',
    'Giải pháp',
    'Chủ trì',
    'Phối hợp',
    'Thời gian bắt đầu',
    'Thời gian kết thúc',
  ];
  const body: string[] = [`<w:tr>${header.map((h) => cell([h])).join('')}</w:tr>`];
  for (let r = 1; r <= rows; r += 1) {
    const words = (prefix: string) =>
      Array.from({ length: runsPerCell }, (_, i) => `${prefix} ${r}.${i} `);
    body.push(
      '<w:tr>' +
        [
          cell([String(r)]),
          cell([`${(r % 5) + 1}.${(r % 9) + 1}`]),
          cell(words('Mục tiêu')),
          cell(words('Giải pháp')),
          cell(words('Hiệu trưởng')),
          cell(words('Tổ chuyên môn')),
          cell(['09/2025']),
          cell(['05/2026']),
        ].join('') +
        '</w:tr>',
    );
  }
  const xml = documentXml([
    '<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>',
    '<w:p><w:r><w:t>Cải tiến chất lượng giáo dục năm học 2025 - 2026</w:t></w:r></w:p>',
    `<w:tbl><w:tblPr/><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(8)}</w:tblGrid>${body.join('')}</w:tbl>`,
  ]);
  return buildZip(docxEntries(xml));
}

/**
 * Test support (issue 11): a staff list of `rows` people (2,000 is the importer's limit), in the
 * standard columns, each with a position, a subject group, an email and a phone number.
 */
export function largestStaffWorkbook(rows = STAFF_IMPORT_DEFAULTS.maxRows): Promise<Uint8Array> {
  const people = Array.from({ length: rows }, (_, i) => [
    i + 1,
    `Nguyễn Văn Thử ${i + 1}`,
    'Giáo viên',
    `Tổ ${(i % 12) + 1}`,
    `nguoi${i + 1}@truong.edu.vn`,
    `0912${String(i).padStart(6, '0')}`,
    'Ghi chú thử nghiệm',
  ]);
  return workbookWith([[TITLE], [...STANDARD_HEADER], ...people]);
}
