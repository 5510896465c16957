import { ROW_TEXT_FIELDS, type PlanLayout } from '@caitien/core';
import { interchangeRowText, type PlanInterchange } from '@caitien/shared';
import type { DocumentFramework } from './render/plan-document.ts';
import { describe, expect, it } from 'vitest';
import { importPlanFile } from './plan-import/plan-import.ts';
import { buildPlanDocument } from './render/plan-document.ts';
import { renderDocx } from './render/render-docx.ts';
import { renderXlsx } from './render/render-xlsx.ts';
import { sampleBieu2Plan, syntheticPlan } from './testing/sample-plans.ts';
import {
  frameworkOf,
  interchangeFromListing,
  readListing,
  seedFixtures,
} from './testing/seed-plans.ts';

/**
 * Issue 7 "Round trips": plan → DOCX (issue 6) → import gives the same rows (the fields the layout
 * prints, CONTRACTS.md); plan → XLSX → import gives the same rows and parsed fields.
 */

type Row = PlanInterchange['rows'][number];

/**
 * What the document prints for each plan row: the cells of its table row (criterion, texts),
 * without the running number. Rows whose cells are all empty but the criterion read back as a
 * criterion heading, not a plan row, so they are left out on both sides.
 */
function printedRows(
  plan: PlanInterchange,
  layout: PlanLayout,
  framework: DocumentFramework | null,
) {
  const model = buildPlanDocument(plan, { layout, framework });
  const table = model.parts
    .flatMap((p) => p.blocks)
    .find((b) => b.kind === 'table' && b.role === 'plan');
  if (table?.kind !== 'table') throw new Error('no plan table');
  const keys = table.table.columns.map((c) => c.key);
  return table.table.body
    .filter((r) => r.kind === 'item')
    .map((r) =>
      Object.fromEntries(
        r.cells
          .map((c, i) => [keys[i], c?.text ?? '(merged)'] as const)
          .filter(([key]) => key !== 'tt' && key !== 'standard'),
      ),
    )
    .filter((cells) =>
      Object.entries(cells).some(
        ([key, value]) => key !== 'criterion' && value !== '' && value !== '(merged)',
      ),
    );
}

const text = interchangeRowText;

/** Where a row sits: criterion, or Mức 4 item, or nothing (TT57 general issue). */
const place = (row: Row): string =>
  row.group === 'level_4' ? `M4:${row.level4Key ?? ''}` : (row.criterionCode ?? '—');

const cases: Array<{ name: string; plan: PlanInterchange; layout: PlanLayout }> = [
  ...seedFixtures().map((fixture) => {
    const listing = readListing(fixture.listingPath);
    return { name: fixture.id, plan: interchangeFromListing(listing), layout: listing.layout };
  }),
  { name: 'Biểu 2 sample', plan: sampleBieu2Plan(), layout: 'bieu2' as const },
  { name: '60 rows, layout A', plan: syntheticPlan('A', 60), layout: 'A' as const },
  { name: '60 rows, layout B', plan: syntheticPlan('B', 60), layout: 'B' as const },
];

describe('plan → DOCX → import', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const framework = c.plan.plan.frameworkId ? frameworkOfId(c.plan.plan.frameworkId) : null;
    const docx = await renderDocx(buildPlanDocument(c.plan, { layout: c.layout, framework }));
    const result = await importPlanFile(docx, { fileName: 'ke-hoach.docx' });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    expect(result.plan.plan.layout).toBe(c.layout);
    expect(result.plan.plan.schoolYear).toBe(c.plan.plan.schoolYear);
    expect(printedRows(result.plan, c.layout, framework)).toEqual(
      printedRows(c.plan, c.layout, framework),
    );
    expect(result.plan.header.documentNumber).toBe(c.plan.header.documentNumber.trim());
    expect(result.plan.header.signerName).toBe(c.plan.header.signerName);
  });
});

describe('plan → XLSX → import', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const xlsx = await renderXlsx(buildPlanDocument(c.plan, { layout: c.layout }));
    const result = await importPlanFile(xlsx, {
      fileName: 'ke-hoach.xlsx',
      ...(c.plan.plan.schoolYear ? { schoolYear: c.plan.plan.schoolYear } : {}),
    });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    const back = result.plan.rows;
    // A row with nothing but its criterion reads back as a criterion heading (see printedRows).
    const originals = c.plan.rows.filter((row) => ROW_TEXT_FIELDS.some((f) => text(row, f) !== ''));
    expect(back.map(place)).toEqual(originals.map(place));
    // Every text field comes back exactly, and the parsed fields with it.
    back.forEach((row, i) => {
      const original = originals[i] as Row;
      for (const field of ROW_TEXT_FIELDS) {
        expect(text(row, field), `row ${i + 1} ${field}`).toBe(text(original, field));
      }
      expect({ start: row.time.start, end: row.time.end }).toEqual({
        start: original.time.start,
        end: original.time.end,
      });
      expect({ amount: row.budget.amount, source: row.budget.source }).toEqual({
        amount: original.budget.amount,
        source: original.budget.source,
      });
    });
  });
});

function frameworkOfId(id: string) {
  return frameworkOf({ framework: id } as Parameters<typeof frameworkOf>[0]);
}
