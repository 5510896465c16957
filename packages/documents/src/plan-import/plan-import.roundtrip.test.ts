import { describe, expect, it } from 'vitest';
import { buildPlanDocument, type PlanDocumentModel } from '../render/plan-document.ts';
import { renderDocx } from '../render/render-docx.ts';
import { sampleBieu2Plan, syntheticPlan } from '../testing/sample-plans.ts';
import { importPlanFile } from './plan-import.ts';

/**
 * Round trip through the project's own DOCX: a plan rendered in each layout imports back to a plan
 * that prints the same table (CONTRACTS.md: round trips compare the fields the layout prints), with
 * the same masthead, signer and recipients; Biểu 2 also keeps its focus issues and review rounds.
 */

function printedRows(model: PlanDocumentModel, role: 'plan' | 'focus' | 'review'): string[][] {
  const rows: string[][] = [];
  for (const block of model.parts.flatMap((part) => part.blocks)) {
    if (block.kind !== 'table' || block.role !== role) continue;
    for (const row of block.table.body) rows.push(row.cells.map((cell) => cell?.text ?? ''));
  }
  return rows;
}

describe.each([
  ['A', () => syntheticPlan('A', 60)],
  ['B', () => syntheticPlan('B', 60)],
  ['bieu2', () => sampleBieu2Plan()],
] as const)('layout %s rendered to DOCX', (layout, makePlan) => {
  it('imports back to a plan that prints the same', async () => {
    const original = makePlan();
    const before = buildPlanDocument(original);
    const bytes = new Uint8Array(await renderDocx(before));
    const result = await importPlanFile(bytes, { now: new Date(0) });
    if (!result.ok) throw new Error(result.error.message);
    const imported = result.plan;
    expect(imported.plan.layout).toBe(layout);
    expect(imported.plan.schoolYear).toBe(original.plan.schoolYear);
    expect(imported.rows).toHaveLength(original.rows.length);
    const after = buildPlanDocument(imported);
    expect(printedRows(before, 'plan').length).toBeGreaterThanOrEqual(original.rows.length);
    expect(printedRows(after, 'plan')).toEqual(printedRows(before, 'plan'));
    expect(after.masthead).toEqual(before.masthead);
    expect(after.signer).toEqual(before.signer);
    expect(after.recipients).toEqual(before.recipients);
    if (layout === 'bieu2') {
      expect(imported.focusIssues).toEqual(original.focusIssues);
      expect(imported.reviews).toEqual(original.reviews);
    }
    expect(imported.importReport.unmappedCells).toEqual([]);
  });
});
