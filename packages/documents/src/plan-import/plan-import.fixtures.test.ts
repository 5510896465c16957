import { readFileSync } from 'node:fs';
import {
  interchangeRowTexts,
  planInterchangeSchema,
  type PlanInterchangeRow,
} from '@caitien/shared';
import { describe, expect, it } from 'vitest';
import { importPlanFile } from './plan-import.ts';
import type { ImportedPlan } from './plan-import.types.ts';
import {
  interchangeFromListing,
  readListing,
  PLAN_FIXTURES_DIR,
  type PlanListing,
} from '../testing/seed-plans.ts';

/**
 * The three seed plan fixtures of packages/documents/test-fixtures/plans import to exactly the rows
 * their `.expected.json` lists (test-fixtures/README.md): criterion and every text, in order, no
 * extra rows.
 */

/** Placement and every text of a row: what the listing states of each row. */
function placedTexts(row: PlanInterchangeRow) {
  return {
    group: row.group,
    criterionCode: row.criterionCode,
    level4Key: row.level4Key,
    ...interchangeRowTexts(row),
  };
}

async function importFixture(name: string): Promise<{ plan: ImportedPlan; listing: PlanListing }> {
  const listing = readListing(`${PLAN_FIXTURES_DIR}${name}.expected.json`);
  const file = ['seed003-titled'].includes(name) ? `${name}.xlsx` : `${name}.docx`;
  const result = await importPlanFile(new Uint8Array(readFileSync(`${PLAN_FIXTURES_DIR}${file}`)), {
    fileName: file,
    now: new Date('2026-01-01T00:00:00Z'),
  });
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return { plan: result.plan, listing };
}

describe.each(['seed004-layout-a', 'seed001-layout-b', 'seed003-titled'])('fixture %s', (name) => {
  it('imports exactly the listed rows, in order', async () => {
    const { plan, listing } = await importFixture(name);
    // The listing's rows in the interchange form (layout A `solution` → tasks, B `responsible` → lead).
    expect(plan.rows.map(placedTexts)).toEqual(
      interchangeFromListing(listing).rows.map(placedTexts),
    );
  });

  it('reads the header, layout, school year and framework', async () => {
    const { plan, listing } = await importFixture(name);
    expect(plan.plan.layout).toBe(listing.layout);
    expect(plan.plan.schoolYear).toBe(listing.schoolYear);
    expect(plan.plan.frameworkId).toBe(listing.framework);
    expect(plan.plan.regime).toBe('2018');
    expect(plan.header.schoolName.toLocaleLowerCase('vi')).toBe(
      listing.school.toLocaleLowerCase('vi'),
    );
    expect(plan.header.documentNumber).toBe(listing.documentNumber ?? '');
    // The workbook holds the table and its title rows only; the listing's signer is the seed's.
    if (name !== 'seed003-titled') {
      expect(plan.header.signerTitle).toBe(listing.signer?.title ?? '');
      expect(plan.header.signerName).toBe(listing.signer?.name ?? '');
    }
  });

  it('is valid interchange JSON and loses no cell of the table', async () => {
    const { plan } = await importFixture(name);
    expect(planInterchangeSchema.safeParse(plan).success).toBe(true);
    expect(plan.importReport.unmappedCells).toEqual([]);
    expect(plan.importReport.rows).toHaveLength(plan.rows.length);
  });
});

describe('fixture details', () => {
  it('seed004: masthead, date, sections, recipients', async () => {
    const { plan } = await importFixture('seed004-layout-a');
    expect(plan.header).toMatchObject({
      governingBody: 'UBND HUYỆN DẦU TIẾNG',
      schoolName: 'TRƯỜNG TIỂU HỌC ĐỊNH PHƯỚC',
      documentNumber: '67/KH-THĐP',
      placeName: 'Định Hiệp',
      documentDate: '2022-11-29',
      title: 'KẾ HOẠCH',
      subtitle: 'Cải tiến chất lượng giáo dục năm học 2022 - 2023',
      recipients: ['Công khai (niêm yết, website);', 'Lưu: VT THĐP.'],
    });
    expect(plan.school.documentSymbol).toBe('THĐP');
    expect(plan.sections.map((s) => s.key)).toEqual([
      'purpose',
      'bases',
      'content',
      'organisation',
      'closing',
    ]);
    expect(plan.sections[3]?.body).toContain('- Triển khai kế hoạch đến tất cả cán bộ');
    expect(plan.importReport.structureRows.map((s) => s.kind)).toEqual([
      'group',
      'standard',
      'standard',
    ]);
    expect(plan.rows.map((r) => r.standardCode)).toEqual(['1', '1', '1', '1', '1', '1', '1', '2']);
  });

  it('seed001: vertical merges give each row its standard; ĐG Mức 4 rows are Mức 4 items', async () => {
    const { plan } = await importFixture('seed001-layout-b');
    expect(plan.rows.filter((r) => r.group === 'level_4').map((r) => r.level4Key)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(plan.rows.slice(0, 10).every((r) => r.standardCode === '1')).toBe(true);
    // A template's "Số:     /KH-" and "……, ngày … tháng … năm ……" are not filled in.
    expect(plan.header.documentNumber).toBe('');
    expect(plan.header.documentDate).toBeNull();
    const row = plan.rows[14];
    expect(row?.time).toMatchObject({ text: '10 – 01', start: '2025-10', end: '2026-01' });
  });

  it('seed003: title rows above the table, merged group rows, parsed budgets', async () => {
    const { plan } = await importFixture('seed003-titled');
    expect(plan.importReport.table.parts[0]).toMatchObject({ sheet: 'Kế hoạch', headerRows: [5] });
    expect(plan.rows[2]?.budget).toMatchObject({ text: '100 triệu', amount: 100_000_000 });
    expect(plan.header.title).toBe('KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC');
    expect(plan.importReport.structureRows.map((s) => s.text)).toEqual([
      'MỨC 1, 2, 3',
      'Tiêu chuẩn 1',
      'Tiêu chuẩn 2',
      'Tiêu chuẩn 3',
      'Tiêu chuẩn 4',
      'Tiêu chuẩn 5',
    ]);
  });
});
