import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docx, table, xlsx } from '../plan-import/plan-files.fixtures.ts';
import {
  EvidenceListImportError,
  parseEvidenceList,
  readCriterionCode,
  type EvidenceListImport,
} from './evidence-import.ts';
import { EVIDENCE_FIXTURES } from './evidence-list.fixtures.ts';

const DIR = join(import.meta.dirname, '../../test-fixtures/evidence-lists');

function load(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DIR, file)));
}

function withoutSource(result: EvidenceListImport) {
  return result.entries.map(({ source: _source, ...rest }) => rest);
}

async function rejects(bytes: Uint8Array, name = 'x.xlsx'): Promise<EvidenceListImportError> {
  try {
    await parseEvidenceList(bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(EvidenceListImportError);
    return error as EvidenceListImportError;
  }
  throw new Error('no error thrown');
}

describe('parseEvidenceList on the fixture files', () => {
  for (const fixture of EVIDENCE_FIXTURES) {
    it(`${fixture.file}: every entry, texts exact (${fixture.what})`, async () => {
      const result = await parseEvidenceList(load(fixture.file), fixture.file);
      expect(withoutSource(result)).toEqual(fixture.expected);
      const listed = JSON.parse(readFileSync(join(DIR, `${fixture.file}.expected.json`), 'utf8'));
      expect(listed.entries).toEqual(fixture.expected);
    });
  }

  it('the checked-in files are what the generator writes', async () => {
    for (const fixture of EVIDENCE_FIXTURES) {
      const fresh = await parseEvidenceList(await fixture.build(), fixture.file);
      const stored = await parseEvidenceList(load(fixture.file), fixture.file);
      expect(fresh.entries).toEqual(stored.entries);
    }
  });

  it('7-column XLSX: sources, the header cell holding a code, duplicates reported', async () => {
    const result = await parseEvidenceList(load('dmmc-7col-merged.xlsx'), 'a.xlsx');
    expect(result.entries[0]?.source).toBe('Sheet1!C2');
    expect(result.warnings.join('\n')).toContain('“[H1-1.4-04]” thay cho “Mã minh chứng”');
    expect(result.warnings.join('\n')).toMatch(
      /Mã \[H1-1\.3-01\] được ghi 2 lần dưới tiêu chí 1\.3/,
    );
    // A code reused under another criterion is a citation, not a problem.
    expect(result.warnings.join('\n')).not.toMatch(/\[H1-1\.1-02\] được ghi/);
    expect(
      result.entries.filter((x) => x.code === '[H1-1.1-02]').map((x) => x.criterionCode),
    ).toEqual(['1.1', '1.2']);
  });

  it('DOCX: sources name the table and row; the masthead table is not read', async () => {
    const result = await parseEvidenceList(load('dmmc-7col-vmerge.docx'), 'b.docx');
    expect(result.entries[0]?.source).toBe('bảng 2, dòng 4');
    expect(result.entries[1]?.name).toBe(
      'Biên bản niêm yết công khai kế hoạch chiến lược\n- tại bảng tin nhà trường\n- trên trang thông tin điện tử',
    );
  });

  it('headerless list: says the columns were guessed; the float 8.1999999999999993 is 8.2', async () => {
    const result = await parseEvidenceList(load('dmmc-noheader-3col.xlsx'), 'c.xlsx');
    expect(result.warnings.join('\n')).toContain('không có dòng tiêu đề cột');
    expect(result.entries.filter((x) => x.criterionCode === '8.2')).toHaveLength(2);
  });

  it('HTML saved as .doc is read and said so', async () => {
    const result = await parseEvidenceList(load('dsmc-html-saved-as.doc'), 'd.doc');
    expect(result.warnings[0]).toContain('trang web (HTML)');
    expect(result.entries[2]?.source).toBe('bảng 1, dòng 5');
  });
});

describe('readCriterionCode', () => {
  it.each([
    ['1.1', '1.1'],
    ['Tiêu chí 1.10', '1.10'],
    ['TC 3.2', '3.2'],
    ['tiêu chí 2.3: Đối với giáo viên', '2.3'],
    ['8.1999999999999993', '8.2'],
    ['5.0999999999999996', '5.1'],
    ['Tiêu chuẩn 1', null],
    ['abc', null],
  ])('%s → %s', (text, code) => {
    expect(readCriterionCode(text)).toBe(code);
  });
});

describe('parseEvidenceList on shapes made here', () => {
  it('a row without a code is kept and reported; an odd code is kept as written', async () => {
    const bytes = docx([
      table([
        ['TT', 'Mã minh chứng', 'Tên minh chứng', 'Ghi chú'],
        ['1', '[H1-1.1-01]', 'Quyết định A', ''],
        ['2', '', 'Biên bản B', ''],
        ['3', 'HS-01', 'Sổ C', ''],
      ]),
    ]);
    const result = await parseEvidenceList(bytes, 'e.docx');
    expect(result.entries.map((x) => [x.code, x.name, x.criterionCode])).toEqual([
      ['[H1-1.1-01]', 'Quyết định A', '1.1'],
      ['', 'Biên bản B', null],
      ['HS-01', 'Sổ C', null],
    ]);
    const warnings = result.warnings.join('\n');
    expect(warnings).toContain('“Biên bản B” chưa có mã');
    expect(warnings).toContain('mã “HS-01” không đúng dạng');
  });

  it('a code with two different names is reported, both rows kept', async () => {
    const bytes = docx([
      table([
        ['Tiêu chí', 'Mã minh chứng', 'Tên minh chứng'],
        ['1.1', '[H1-1.1-01]', 'Kế hoạch được công khai tại trường'],
        ['1.2', '[H1-1.1-01]', 'Kế hoạch được xông khai tại trường'],
      ]),
    ]);
    const result = await parseEvidenceList(bytes, 'f.docx');
    expect(result.entries).toHaveLength(2);
    expect(result.warnings.join('\n')).toContain('mang hai tên khác nhau');
  });
});

describe('parseEvidenceList refuses what it cannot read, in Vietnamese', () => {
  it('empty file', async () => {
    const error = await rejects(new Uint8Array(0));
    expect(error.code).toBe('EMPTY_FILE');
    expect(error.message).toContain('rỗng');
  });

  it('oversized file', async () => {
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const error = await rejects(big);
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/Tệp quá lớn/);
  });

  it('PDF, legacy and random bytes', async () => {
    const pdf = await rejects(new TextEncoder().encode('%PDF-1.7 ...'), 'x.pdf');
    expect(pdf.code).toBe('UNSUPPORTED_FORMAT');
    expect(pdf.message).toContain('PDF');
    const random = await rejects(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), 'x.bin');
    expect(random.code).toBe('UNSUPPORTED_FORMAT');
    expect(random.message).not.toContain('kế hoạch');
  });

  it('a corrupt zip', async () => {
    const error = await rejects(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2]));
    expect(error.code).toBe('CORRUPT');
  });

  it('a document with no evidence table', async () => {
    const bytes = docx([
      table([
        ['Họ và tên', 'Chức vụ'],
        ['Nguyễn Văn A', 'Hiệu trưởng'],
      ]),
    ]);
    const error = await rejects(bytes, 'g.docx');
    expect(error.code).toBe('NO_EVIDENCE_TABLE');
    expect(error.message).toContain('Mã minh chứng');
  });
});

describe('criterion numbers Excel shortened', () => {
  it('1.1 after 1.9 in a worksheet is 1.10 (headings and merged criterion cells), and said so', async () => {
    const headings = await xlsx([
      {
        name: 'DM',
        rows: [
          ['TT', 'Mã minh chứng', 'Tên minh chứng'],
          [1.9, 'Thực hiện quy chế dân chủ cơ sở', null],
          [null, '[H1-1.9-01]', 'Sổ theo dõi dân chủ'],
          [1.1, 'Đảm bảo an ninh trật tự, an toàn trường học', null],
          [null, '[H1-1.10-01]', 'Phương án an ninh trật tự'],
        ],
      },
    ]);
    const a = await parseEvidenceList(headings, 'a.xlsx');
    expect(a.entries.map((e) => e.criterionCode)).toEqual(['1.9', '1.10']);
    expect(a.warnings.join('\n')).toContain('được hiểu là tiêu chí 1.10');

    const column = await xlsx([
      {
        name: 'DM',
        rows: [
          ['Tiêu chí', 'Mã minh chứng', 'Tên minh chứng'],
          [1.1, '[H1-1.1-01]', 'Kế hoạch chiến lược'],
          [1.9, '[H1-1.9-01]', 'Sổ theo dõi dân chủ'],
          [1.1, '[H1-1.10-01]', 'Phương án an ninh trật tự'],
          [null, '[H1-1.10-02]', 'Biên bản diễn tập'],
          [2.1, '[H2-2.1-01]', 'Hồ sơ hiệu trưởng'],
        ],
        merges: ['A4:A5'],
      },
    ]);
    const b = await parseEvidenceList(column, 'b.xlsx');
    expect(b.entries.map((e) => e.criterionCode)).toEqual(['1.1', '1.9', '1.10', '1.10', '2.1']);
  });

  it('a Word table keeps 1.1 as written', async () => {
    const bytes = docx([
      table([
        ['Tiêu chí', 'Mã minh chứng', 'Tên minh chứng'],
        ['1.9', '[H1-1.9-01]', 'Sổ theo dõi'],
        ['1.1', '[H1-1.1-01]', 'Kế hoạch'],
      ]),
    ]);
    const result = await parseEvidenceList(bytes, 'c.docx');
    expect(result.entries.map((e) => e.criterionCode)).toEqual(['1.9', '1.1']);
  });
});

describe('HTML saved as .doc past the limits', () => {
  it('too many rows → TOO_LARGE in Vietnamese', async () => {
    const rows = '<tr><td>1</td><td>[H1-1.1-01]</td><td>x</td></tr>'.repeat(12_001);
    const page = new TextEncoder().encode(`<html><body><table>${rows}</table></body></html>`);
    const error = await rejects(page, 'big.doc');
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain('quá nhiều bảng hoặc dòng');
  });
});
