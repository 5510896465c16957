import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planInterchangeSchema } from '@caitien/shared';
import { describe, expect, it } from 'vitest';
import {
  docx,
  masthead,
  paragraph,
  signature,
  table,
  xlsx,
  type Cell,
} from './plan-files.fixtures.ts';
import { importPlanFile, importPlanTable } from './plan-import.ts';
import type { ImportedPlan, PlanImportOptions } from './plan-import.types.ts';

/**
 * Plans in shapes the importer was not written against: another program (LibreOffice), split
 * lead/coordinator columns, a two-row header, reordered and extra columns, a TT57 Biểu 2 table,
 * a table per standard, a workbook with the plan on its second sheet, pasted text.
 */

const NOW = new Date('2026-01-01T00:00:00Z');
const LOCAL_FIXTURES = fileURLToPath(new URL('../../test-fixtures/plans/', import.meta.url));

async function load(bytes: Uint8Array, options: PlanImportOptions = {}): Promise<ImportedPlan> {
  const result = await importPlanFile(bytes, { now: NOW, ...options });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  expect(planInterchangeSchema.safeParse(result.plan).success).toBe(true);
  return result.plan;
}

const LAYOUT_A_HEADER: Cell[] = [
  'TT',
  'Tiêu chuẩn, tiêu chí',
  'Kết quả cần đạt (so với hiện trạng)',
  'Công việc/giải pháp cần thực hiện',
  'Chủ trì và phối hợp thực hiện',
  'Thời gian thực hiện và hoàn thành',
  'Dự kiến kinh phí',
  'Điều kiện hỗ trợ khác',
  'Ghi chú',
];

describe('a DOCX written by LibreOffice', () => {
  it('imports its rows, split lead/coordinators, criterion variants and the header', async () => {
    const plan = await load(
      new Uint8Array(readFileSync(`${LOCAL_FIXTURES}libreoffice-plan-a.docx`)),
    );
    expect(plan.rows.map((r) => [r.criterionCode, r.standardCode, r.lead, r.coordinators])).toEqual(
      [
        ['1.1', '1', 'Hiệu trưởng', 'Phó hiệu trưởng; Tổ chuyên môn'],
        ['1.5', '1', 'Phó hiệu trưởng', ''],
        ['3.2', '3', 'Hiệu trưởng', 'Ban đại diện CMHS'],
      ],
    );
    expect(plan.rows[0]?.tasks).toBe('Rà soát, bổ sung\nLấy ý kiến hội đồng trường');
    expect(plan.rows[0]?.budget).toMatchObject({ text: '2.000.000', amount: 2_000_000 });
    expect(plan.rows[0]?.people.coordinators.map((c) => c.text)).toEqual([
      'Phó hiệu trưởng',
      'Tổ chuyên môn',
    ]);
    expect(plan.rows[1]?.time).toMatchObject({ start: '2024-09', end: '2025-05' });
    expect(plan.rows[2]?.time).toMatchObject({ text: '12/2024', start: '2024-12' });
    expect(plan.plan).toMatchObject({
      schoolYear: '2024-2025',
      regime: '2018',
      frameworkId: 'TT19',
      layout: 'A',
    });
    expect(plan.header).toMatchObject({
      governingBody: 'PHÒNG GD&ĐT THÀNH PHỐ HẢI DƯƠNG',
      schoolName: 'TRƯỜNG MẦM NON HOA SEN',
      documentNumber: '12/KH-MNHS',
      placeName: 'Hải Dương',
      documentDate: '2024-10-05',
      signerTitle: 'HIỆU TRƯỞNG',
      signerName: 'Nguyễn Thị Lan',
      recipients: ['Phòng GDĐT (để b/c);', 'Lưu: VT.'],
    });
    const report = plan.importReport;
    expect(report.columns.map((c) => c.field)).toEqual([
      'ordinal',
      'criterion',
      'target',
      'tasks',
      'lead',
      'coordinators',
      'time',
      'budget',
      'note',
    ]);
    expect(report.structureRows.map((s) => s.kind)).toEqual([
      'group',
      'standard',
      'standard',
      'level4-none',
    ]);
    expect(report.unmappedCells).toEqual([]);
  });
});

describe('column shapes', () => {
  it('two-row header: "Thời gian" split into "Bắt đầu" / "Kết thúc" keeps both cells', async () => {
    const header1: Cell[] = [
      { text: 'TT', vMerge: 'restart' },
      { text: 'Tiêu chí', vMerge: 'restart' },
      { text: 'Nội dung kế hoạch', vMerge: 'restart' },
      { text: 'Thời gian', span: 2 },
      { text: 'Người chịu trách nhiệm', vMerge: 'restart' },
      { text: 'Kết quả', vMerge: 'restart' },
    ];
    const header2: Cell[] = [
      { vMerge: 'continue' },
      { vMerge: 'continue' },
      { vMerge: 'continue' },
      'Bắt đầu',
      'Kết thúc',
      { vMerge: 'continue' },
      { vMerge: 'continue' },
    ];
    const bytes = docx([
      ...masthead({
        school: 'TRƯỜNG THCS AN BÌNH',
        subtitle: 'Cải tiến chất lượng giáo dục năm học 2025 - 2026',
      }),
      table([
        header1,
        header2,
        ['1', '1.1', 'Rà soát phương hướng', 'Tháng 9/2025', 'Tháng 12/2025', 'Hiệu trưởng', ''],
        ['2', '2.2', 'Bồi dưỡng giáo viên', '10/2025', '', 'Tổ chuyên môn', 'Đạt'],
      ]),
      ...signature('Lê Văn Tám'),
    ]);
    const plan = await load(bytes);
    const report = plan.importReport;
    expect(report.table.parts[0]?.headerRows).toEqual([1, 2]);
    expect(report.columns.map((c) => [c.header, c.field])).toEqual([
      ['TT', 'ordinal'],
      ['Tiêu chí', 'criterion'],
      ['Nội dung kế hoạch', 'content'],
      ['Thời gian / Bắt đầu', 'timeStart'],
      ['Thời gian / Kết thúc', 'timeEnd'],
      ['Người chịu trách nhiệm', 'lead'],
      ['Kết quả', 'result'],
    ]);
    expect(plan.rows[0]?.time).toMatchObject({
      text: 'Tháng 9/2025 – Tháng 12/2025',
      start: '2025-09',
      end: '2025-12',
    });
    expect(report.rows[0]?.splitCells).toEqual({
      timeStart: 'Tháng 9/2025',
      timeEnd: 'Tháng 12/2025',
    });
    expect(plan.rows[1]?.time).toMatchObject({ text: '10/2025', start: '2025-10', end: '2025-10' });
    expect(plan.plan.layout).toBe('B');
  });

  it('one header cell over two columns: "Thời gian" gives from / to, "Chủ trì và phối hợp" lead / coordinators', async () => {
    const bytes = docx([
      paragraph('Năm học 2025 - 2026'),
      table([
        [
          'TT',
          'Tiêu chí',
          'Kết quả cần đạt',
          'Giải pháp',
          { text: 'Chủ trì và phối hợp', span: 2 },
          { text: 'Thời gian', span: 2 },
        ],
        [{ text: 'MỨC 1, 2, 3', span: 8 }],
        ['1', '1.1', 'Mục tiêu', 'Giải pháp', 'Hiệu trưởng', 'Công đoàn', '09/2025', '12/2025'],
      ]),
    ]);
    const plan = await load(bytes);
    expect(plan.importReport.table.parts[0]?.headerRows).toEqual([1]);
    expect(plan.rows[0]).toMatchObject({ lead: 'Hiệu trưởng', coordinators: 'Công đoàn' });
    expect(plan.rows[0]?.time).toMatchObject({
      text: '09/2025 – 12/2025',
      start: '2025-09',
      end: '2025-12',
    });
    expect(plan.importReport.structureRows.map((s) => s.text)).toEqual(['MỨC 1, 2, 3']);
  });

  it('reordered columns, an extra "Minh chứng" column mapped and an unknown one kept in the report', async () => {
    const bytes = docx([
      ...masthead({
        school: 'TRƯỜNG TIỂU HỌC SỐ 2',
        subtitle: 'Cải tiến chất lượng giáo dục năm học 2018 - 2019',
      }),
      table([
        [
          'Thời gian dự kiến',
          'Ghi chú',
          'Tiêu chí',
          'Minh chứng',
          'Số lượng',
          'Kết quả cần đạt',
          'Giải pháp',
          'Người thực hiện',
        ],
        [
          'Tháng 11/2018',
          '',
          'Tiêu chí 2.3',
          '[H2-2.3-01]',
          '12 lớp',
          'Giáo viên đạt chuẩn',
          'Bồi dưỡng',
          'Tổ trưởng',
        ],
        [
          'Tháng 12/2018',
          'Ưu tiên',
          '5.1',
          '',
          '',
          'Kế hoạch giáo dục hoàn chỉnh',
          'Rà soát',
          'Phó hiệu trưởng',
        ],
      ]),
    ]);
    const plan = await load(bytes);
    expect(
      plan.rows.map((r) => [
        r.criterionCode,
        r.time.text,
        r.note,
        r.evidence,
        r.target,
        r.tasks,
        r.lead,
      ]),
    ).toEqual([
      ['2.3', 'Tháng 11/2018', '', '[H2-2.3-01]', 'Giáo viên đạt chuẩn', 'Bồi dưỡng', 'Tổ trưởng'],
      [
        '5.1',
        'Tháng 12/2018',
        'Ưu tiên',
        '',
        'Kế hoạch giáo dục hoàn chỉnh',
        'Rà soát',
        'Phó hiệu trưởng',
      ],
    ]);
    expect(plan.importReport.unmappedCells).toEqual([
      {
        position: { table: 2, row: 2, column: 5 },
        text: '12 lớp',
        header: 'Số lượng',
        reason: 'unmapped-column',
      },
    ]);
    expect(plan.plan.layout).toBe('A');
    expect(plan.plan.frameworkId).toBe('TT17');
  });

  it('a column mapping chosen by the user re-reads the same file', async () => {
    const rows: Cell[][] = [
      ['TT', 'Tiêu chí', 'Nội dung', 'Hiện trạng', 'Thời gian', 'Phụ trách', 'Diễn giải'],
      ['1', '1.1', 'Làm mới website', 'Website cũ', 'Tháng 9', 'Hiệu trưởng', 'Cần làm ngay'],
    ];
    const bytes = docx([paragraph('Năm học 2025-2026'), table(rows)]);
    const auto = await load(bytes);
    expect(auto.rows[0]).toMatchObject({
      content: 'Làm mới website',
      currentState: 'Website cũ',
      note: '',
    });
    expect(auto.importReport.unmappedCells.map((c) => c.text)).toEqual(['Cần làm ngay']);

    const chosen = await load(bytes, {
      mapping: [
        { column: 7, field: 'note' },
        { header: 'hien trang', field: null },
      ],
    });
    expect(chosen.rows[0]).toMatchObject({
      content: 'Làm mới website',
      currentState: '',
      note: 'Cần làm ngay',
    });
    expect(chosen.importReport.columns.find((c) => c.column === 7)).toMatchObject({
      field: 'note',
      source: 'override',
    });
    expect(chosen.importReport.unmappedCells.map((c) => [c.text, c.position.column])).toEqual([
      ['Website cũ', 4],
    ]);
  });

  it('keeps line breaks, paragraphs and tabs of a cell exactly', async () => {
    const bytes = docx([
      table([
        ['Tiêu chí', 'Nội dung kế hoạch', 'Thời gian', 'Người chịu trách nhiệm'],
        [
          '1.1',
          { paragraphs: ['Bước 1:\tkhảo sát', 'Bước 2: họp\nlấy ý kiến'] },
          'Tháng 9/2025',
          'Hiệu trưởng',
        ],
      ]),
    ]);
    const plan = await load(bytes, { schoolYear: '2025-2026' });
    expect(plan.rows[0]?.content).toBe('Bước 1:\tkhảo sát\nBước 2: họp\nlấy ý kiến');
  });
});

describe('TT57 Biểu 2', () => {
  it('reads the 10 columns, skips the column-number row and gives TT57 groups', async () => {
    const header: Cell[] = [
      'TT',
      'Nội dung cải tiến',
      'Mục tiêu',
      'Hoạt động, giải pháp',
      'Chỉ số đánh giá kết quả',
      'Thời gian',
      'Phụ trách',
      'Nguồn lực',
      'Minh chứng dự kiến',
      'Mức độ thực hiện',
    ];
    const bytes = docx([
      ...masthead({
        governingBody: 'UBND XÃ ĐỊNH HIỆP',
        school: 'TRƯỜNG TIỂU HỌC ĐỊNH PHƯỚC',
        number: '15/KH-THĐP',
        dateLine: 'Định Hiệp, ngày 15 tháng 9 năm 2026',
        subtitle: 'Cải tiến chất lượng giáo dục năm học 2026 - 2027',
      }),
      paragraph('V. KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG'),
      table([
        header,
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)'],
        [
          '1',
          'Tiêu chí 1.3: Nâng cao hiệu quả sinh hoạt chuyên môn',
          '100% tổ chuyên môn sinh hoạt theo nghiên cứu bài học',
          'Tổ chức chuyên đề hằng tháng',
          '0 → 4 chuyên đề/năm',
          '10 – 01',
          'Phó hiệu trưởng',
          'Ngân sách: 5.000.000',
          'Biên bản sinh hoạt',
          '',
        ],
        [
          '2',
          'Chuyển đổi số trong quản lý',
          'Dùng phần mềm quản lý',
          'Tập huấn',
          '80% giáo viên',
          'Học kỳ I',
          'Tổ văn phòng',
          'Xã hội hóa',
          '',
          'Đang thực hiện',
        ],
      ]),
      paragraph('VIII. CƠ CHẾ ĐÁNH GIÁ VÀ BÁO CÁO'),
      paragraph('Rà soát 02 lần/năm học.'),
      ...signature('Đỗ Văn Hênh'),
    ]);
    const plan = await load(bytes);
    expect(plan.plan).toMatchObject({
      schoolYear: '2026-2027',
      regime: '2026',
      frameworkId: 'TT57-PT',
      layout: 'bieu2',
    });
    expect(
      plan.rows.map((r) => [r.group, r.criterionCode, r.indicator, r.evidence, r.progress]),
    ).toEqual([
      ['tt57', '1.3', '0 → 4 chuyên đề/năm', 'Biên bản sinh hoạt', ''],
      ['tt57', null, '80% giáo viên', '', 'Đang thực hiện'],
    ]);
    expect(plan.rows[0]?.content).toBe('Tiêu chí 1.3: Nâng cao hiệu quả sinh hoạt chuyên môn');
    expect(plan.rows[0]?.time).toMatchObject({ start: '2026-10', end: '2027-01' });
    expect(plan.rows[0]?.budget.amount).toBe(5_000_000);
    expect(plan.importReport.structureRows.map((s) => s.kind)).toEqual(['column-numbers']);
    expect(plan.sections.map((s) => s.key)).toEqual(['plan', 'reporting', 'closing']);
    expect(plan.header.governingBody).toBe('UBND XÃ ĐỊNH HIỆP');
  });
});

describe('a plan split into tables', () => {
  it('reads a table per standard, with the standard and group given by paragraphs between them', async () => {
    const head: Cell[] = [
      'TT',
      'Tiêu chí',
      'Kết quả cần đạt',
      'Công việc/giải pháp',
      'Chủ trì và phối hợp',
      'Thời gian',
      'Kinh phí',
    ];
    const bytes = docx([
      ...masthead({
        school: 'TRƯỜNG THPT LÊ LỢI',
        subtitle: 'Cải tiến chất lượng giáo dục năm học 2024 - 2025',
      }),
      paragraph('III. NỘI DUNG KẾ HOẠCH'),
      paragraph('MỨC 1, 2, 3'),
      paragraph('Tiêu chuẩn 1: Tổ chức và quản lý nhà trường'),
      table([
        head,
        ['1', 'TC 1.2', 'Hội đồng trường hoạt động', 'Họp định kỳ', 'Hiệu trưởng', '09/2024', ''],
      ]),
      paragraph('Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh'),
      table([
        head,
        ['1', 'TC 2.1', 'Đội ngũ đạt chuẩn', 'Cử đi học', 'Hiệu trưởng', '10/2024', '5 triệu'],
        ['2', 'TC 2.2', 'Giáo viên giỏi', 'Thao giảng', 'Tổ trưởng', '11/2024', ''],
      ]),
      paragraph('MỨC 4'),
      // A continuation table without a header (same columns), as Word makes when a table is split.
      table([
        [
          '1',
          '1',
          'Kế hoạch giáo dục tham khảo quốc tế',
          'Nghiên cứu',
          'Hiệu trưởng',
          'Năm học 2024-2025',
          '',
        ],
      ]),
      paragraph('IV. TỔ CHỨC THỰC HIỆN'),
      paragraph('Các tổ thực hiện.'),
      ...signature('Trần Văn Ba'),
    ]);
    const plan = await load(bytes);
    expect(
      plan.rows.map((r) => [r.group, r.standardCode, r.criterionCode, r.level4Key, r.target]),
    ).toEqual([
      ['levels_1_3', '1', '1.2', null, 'Hội đồng trường hoạt động'],
      ['levels_1_3', '2', '2.1', null, 'Đội ngũ đạt chuẩn'],
      ['levels_1_3', '2', '2.2', null, 'Giáo viên giỏi'],
      ['level_4', null, null, '1', 'Kế hoạch giáo dục tham khảo quốc tế'],
    ]);
    expect(plan.importReport.table.parts.map((p) => [p.table, p.headerRows])).toEqual([
      [2, [1]],
      [3, [1]],
      [4, []],
    ]);
    expect(plan.importReport.structureRows.map((s) => s.text)).toEqual([
      'MỨC 1, 2, 3',
      'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường',
      'Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh',
      'MỨC 4',
    ]);
    expect(plan.sections.map((s) => s.key)).toEqual(['content', 'organisation', 'closing']);
    expect(plan.plan.frameworkId).toBe('TT18');
  });

  it('layout A with Mức 4 rows, criterion merged over two rows and a duplicated row reported', async () => {
    const bytes = docx([
      paragraph('Kế hoạch cải tiến chất lượng năm học 2025-2026 của Trường Tiểu học Hòa Bình'),
      table([
        LAYOUT_A_HEADER,
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)'],
        [{ text: 'MỨC 1, 2, 3', span: 9 }],
        [{ text: 'Tiêu chuẩn 3: Cơ sở vật chất', span: 9 }],
        [
          '1',
          { text: 'Tiêu chí 3.1: Khuôn viên', vMerge: 'restart' },
          'Trồng cây',
          'Vận động',
          'Hiệu trưởng',
          '10 – 01',
          '3 triệu đồng',
          '',
          '',
        ],
        [
          '2',
          { vMerge: 'continue' },
          'Sân chơi',
          'Sửa sân',
          'Kế toán',
          '10– 01',
          'Xã hội hóa',
          '',
          '',
        ],
        [
          '3',
          'Tiêu chí 3.2',
          'Phòng học',
          'Sửa mái',
          'Hiệu trưởng',
          'Tháng 6 đến tháng 9 hằng năm.',
          '7.000.000',
          '',
          '',
        ],
        [
          '4',
          'Tiêu chí 3.2',
          'Phòng học',
          'Sửa mái',
          'Hiệu trưởng',
          'Tháng 6 đến tháng 9 hằng năm.',
          '7.000.000',
          '',
          '',
        ],
        [{ text: 'MỨC 4', span: 9 }],
        [
          '1',
          'Yêu cầu 2',
          'Học sinh tự quản',
          'Câu lạc bộ',
          'Tổng phụ trách',
          'Cả năm học',
          'Không',
          '',
          '',
        ],
      ]),
    ]);
    const plan = await load(bytes);
    expect(plan.rows.map((r) => [r.group, r.criterionCode, r.level4Key, r.target])).toEqual([
      ['levels_1_3', '3.1', null, 'Trồng cây'],
      ['levels_1_3', '3.1', null, 'Sân chơi'],
      ['levels_1_3', '3.2', null, 'Phòng học'],
      ['levels_1_3', '3.2', null, 'Phòng học'],
      ['level_4', null, '2', 'Học sinh tự quản'],
    ]);
    expect(plan.importReport.duplicates).toEqual([
      expect.objectContaining({ rows: [2, 3], kind: 'exact' }),
    ]);
    expect(plan.plan.schoolYear).toBe('2025-2026');
    expect(plan.plan.frameworkId).toBe('TT17');
  });
});

describe('structure rows', () => {
  it('headings beside an ordinal, a criterion alone on its row, rows under a standard only, near duplicates', async () => {
    const bytes = docx([
      paragraph('năm học 2024-2025'),
      table([
        [
          'STT',
          'Tiêu chuẩn, tiêu chí',
          'Kết quả cần đạt',
          'Công việc/giải pháp',
          'Chủ trì và phối hợp',
          'Thời gian',
        ],
        ['A', 'MỨC 1, 2, 3', '', '', '', ''],
        ['I', 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', '', '', '', ''],
        ['', 'Tiêu chí 1.4: Tổ chuyên môn', '', '', '', ''],
        ['1', '', 'Sinh hoạt chuyên môn hiệu quả', 'Dự giờ', 'Tổ trưởng', '10 – 01'],
        ['2', '', 'Sinh hoạt chuyên môn hiệu quả', 'Dự giờ', 'Tổ trưởng', '10– 01'],
        ['II', 'Tiêu chuẩn 2', '', '', '', ''],
        ['1', '', 'Nhân viên đủ số lượng', 'Tuyển dụng', 'Hiệu trưởng', 'Tháng 8/2025'],
        ['', 'Ghi chú chung cho bảng', '', '', '', ''],
      ]),
    ]);
    const plan = await load(bytes);
    expect(plan.rows.map((r) => [r.standardCode, r.criterionCode, r.target])).toEqual([
      ['1', '1.4', 'Sinh hoạt chuyên môn hiệu quả'],
      ['1', '1.4', 'Sinh hoạt chuyên môn hiệu quả'],
      ['2', null, 'Nhân viên đủ số lượng'],
    ]);
    const report = plan.importReport;
    expect(report.structureRows.map((s) => [s.kind, s.text])).toEqual([
      ['group', 'A MỨC 1, 2, 3'],
      ['standard', 'I Tiêu chuẩn 1: Tổ chức và quản lý nhà trường'],
      ['criterion', 'Tiêu chí 1.4: Tổ chuyên môn'],
      ['standard', 'II Tiêu chuẩn 2'],
    ]);
    expect(report.duplicates).toEqual([expect.objectContaining({ rows: [0, 1], kind: 'near' })]);
    // Nothing lost: the stray note is listed with its position.
    expect(report.unmappedCells).toEqual([
      {
        position: { table: 1, row: 9, column: 2 },
        text: 'Ghi chú chung cho bảng',
        header: 'Tiêu chuẩn, tiêu chí',
        reason: 'unrecognised-row',
      },
    ]);
    expect(report.warnings.map((w) => w.code)).toContain('row.unrecognised');
  });
});

describe('Excel', () => {
  it('finds the table on the second sheet, below title rows, with merged group and criterion cells', async () => {
    const bytes = await xlsx([
      {
        name: 'Hướng dẫn',
        rows: [['Điền kế hoạch ở trang tính “KH 2025-2026”.'], ['Không sửa tên cột.']],
      },
      {
        name: 'KH 2025-2026',
        rows: [
          ['TRƯỜNG MẦM NON BÌNH MINH'],
          ['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025 - 2026'],
          [],
          [
            'STT',
            'Tiêu chuẩn',
            'Tiêu chí',
            'Nội dung cải tiến',
            'Biện pháp',
            'Đơn vị/người chủ trì',
            'Đơn vị phối hợp',
            'Từ',
            'Đến',
            'Kinh phí dự kiến (đồng)',
          ],
          ['MỨC 1, 2, 3'],
          [
            1,
            1,
            '1.1',
            'Phương hướng',
            'Rà soát',
            'Hiệu trưởng',
            'Chi bộ',
            '09/2025',
            '10/2025',
            2000000,
          ],
          [2, null, '1.2', 'Hội đồng', 'Họp', 'Hiệu trưởng', '', '11/2025', '', null],
          [
            3,
            2,
            '2.1',
            'Đội ngũ',
            'Bồi dưỡng',
            'Phó hiệu trưởng',
            'Tổ chuyên môn',
            '09/2025',
            '05/2026',
            'Không',
          ],
          ['Tổng cộng', null, null, null, null, null, null, null, null, 2000000],
          [],
          [null, null, null, null, null, null, null, 'HIỆU TRƯỞNG'],
          [null, null, null, null, null, null, null, 'Phạm Thị Hoa'],
        ],
        merges: ['A5:J5', 'B6:B7'],
      },
    ]);
    const plan = await load(bytes);
    const report = plan.importReport;
    expect(report.table.parts).toEqual([
      { table: 2, sheet: 'KH 2025-2026', headerRows: [4], bodyRows: 8 },
    ]);
    expect(report.unmappedCells.map((c) => c.position.ref)).toEqual(['A9', 'J9']);
    expect(report.warnings.map((w) => w.code)).toContain('row.total');
    expect(report.table.candidates.map((c) => c.score)).toEqual([0, 8]);
    expect(
      plan.rows.map((r) => [
        r.standardCode,
        r.criterionCode,
        r.lead,
        r.coordinators,
        r.time.text,
        r.budget.text,
      ]),
    ).toEqual([
      ['1', '1.1', 'Hiệu trưởng', 'Chi bộ', '09/2025 – 10/2025', '2000000'],
      ['1', '1.2', 'Hiệu trưởng', '', '11/2025', ''],
      ['2', '2.1', 'Phó hiệu trưởng', 'Tổ chuyên môn', '09/2025 – 05/2026', 'Không'],
    ]);
    expect(plan.rows[2]?.time).toMatchObject({ start: '2025-09', end: '2026-05' });
    expect(report.columns.map((c) => [c.letter, c.field])).toEqual([
      ['A', 'ordinal'],
      ['B', 'standard'],
      ['C', 'criterion'],
      ['D', 'content'],
      ['E', 'tasks'],
      ['F', 'lead'],
      ['G', 'coordinators'],
      ['H', 'timeStart'],
      ['I', 'timeEnd'],
      ['J', 'budget'],
    ]);
    expect(report.rows[0]?.position).toEqual({
      table: 2,
      sheet: 'KH 2025-2026',
      row: 6,
      column: 1,
      ref: 'A6',
    });
    expect(plan.header).toMatchObject({
      schoolName: 'TRƯỜNG MẦM NON BÌNH MINH',
      signerTitle: 'HIỆU TRƯỞNG',
      signerName: 'Phạm Thị Hoa',
    });
    expect(plan.plan).toMatchObject({ schoolYear: '2025-2026', frameworkId: 'TT19' });
  });

  it('a two-row header from merged cells, and the header repeated for each standard on one sheet', async () => {
    const header1 = [
      'TT',
      'Tiêu chí',
      'Nội dung kế hoạch',
      'Thời gian',
      null,
      'Người chịu trách nhiệm',
    ];
    const header2 = [null, null, null, 'Bắt đầu', 'Kết thúc', null];
    const bytes = await xlsx([
      {
        name: 'KH',
        rows: [
          ['Năm học 2025-2026'],
          header1,
          header2,
          ['Tiêu chuẩn 1'],
          [1, '1.1', 'Việc A', '09/2025', '10/2025', 'Hiệu trưởng'],
          [],
          header1,
          header2,
          ['Tiêu chuẩn 2'],
          [1, '2.1', 'Việc B', '11/2025', '12/2025', 'Tổ trưởng'],
        ],
        merges: [
          'A2:A3',
          'B2:B3',
          'C2:C3',
          'D2:E2',
          'F2:F3',
          'A4:F4',
          'A7:A8',
          'B7:B8',
          'C7:C8',
          'D7:E7',
          'F7:F8',
          'A9:F9',
        ],
      },
    ]);
    const plan = await load(bytes);
    expect(plan.importReport.table.parts[0]?.headerRows).toEqual([2, 3]);
    expect(
      plan.rows.map((r) => [r.standardCode, r.criterionCode, r.content, r.time.text, r.lead]),
    ).toEqual([
      ['1', '1.1', 'Việc A', '09/2025 – 10/2025', 'Hiệu trưởng'],
      ['2', '2.1', 'Việc B', '11/2025 – 12/2025', 'Tổ trưởng'],
    ]);
    expect(plan.importReport.structureRows.map((s) => s.kind)).toEqual([
      'standard',
      'repeated-header',
      'repeated-header',
      'standard',
    ]);
    expect(plan.importReport.unmappedCells).toEqual([]);
  });

  it('reports cells beside the table and unknown columns with their A1 reference', async () => {
    const bytes = await xlsx([
      {
        name: 'Sheet1',
        rows: [
          ['Tiêu chí', 'Kết quả cần đạt', 'Giải pháp', 'Thời gian', 'Mã số'],
          ['1.1', 'Mục tiêu A', 'Giải pháp A', 'Tháng 9/2025', 'X-01', null, 'ghi bên lề'],
        ],
      },
    ]);
    const plan = await load(bytes, { schoolYear: '2025-2026' });
    expect(plan.importReport.unmappedCells.map((c) => [c.position.ref, c.text, c.reason])).toEqual([
      ['E2', 'X-01', 'unmapped-column'],
      ['G2', 'ghi bên lề', 'outside-table'],
    ]);
  });
});

describe('pasted text', () => {
  it('reads tab-separated rows with quoted multi-line cells, without a school year', () => {
    const text = [
      'TT\tTiêu chí\tKết quả cần đạt\tCông việc/giải pháp\tThời gian\tDự kiến kinh phí',
      '1\t1.1\tMục tiêu\t"Bước 1\nBước 2"\t08 – 11\t3 triệu đồng',
      '2\tTC 5.2\t"Nói ""đúng"""\tLàm\tTháng 9/2025\t',
    ].join('\r\n');
    const result = importPlanTable(text, { now: NOW });
    if (!result.ok) throw new Error(result.error.message);
    const plan = result.plan;
    expect(plan.rows.map((r) => [r.criterionCode, r.target, r.tasks])).toEqual([
      ['1.1', 'Mục tiêu', 'Bước 1\nBước 2'],
      ['5.2', 'Nói "đúng"', 'Làm'],
    ]);
    expect(plan.plan.schoolYear).toBeNull();
    expect(plan.importReport.warnings.map((w) => w.code)).toContain('school-year.missing');
    // Month-only times wait for the school year; explicit years still parse.
    expect(plan.rows[0]?.time).toMatchObject({ text: '08 – 11', start: null, end: null });
    expect(plan.rows[1]?.time).toMatchObject({ start: '2025-09' });
    expect(plan.rows[0]?.budget.amount).toBe(3_000_000);

    const withYear = importPlanTable(text, { now: NOW, schoolYear: '2025-2026' });
    expect(withYear.ok && withYear.plan.rows[0]?.time).toMatchObject({
      start: '2025-08',
      end: '2025-11',
    });
  });
});
