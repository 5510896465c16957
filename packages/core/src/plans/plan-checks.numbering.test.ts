import { describe, expect, it } from 'vitest';
import { checkPlan, type CheckableRow } from './plan-checks.ts';
import { ROW_TEXT_FIELDS, type RowTextField } from './plan.types.ts';

const texts = (extra: Partial<Record<RowTextField, string>>) =>
  ({
    ...Object.fromEntries(ROW_TEXT_FIELDS.map((f) => [f, ''])),
    ...extra,
  }) as Record<RowTextField, string>;

function row(id: string, criterionCode: string, position: number, lead: string): CheckableRow {
  return {
    id,
    group: 'levels_1_3',
    standardCode: criterionCode.split('.')[0] ?? null,
    criterionCode,
    level4Key: null,
    position,
    texts: texts({ tasks: 'Việc', time: 'Tháng 10/2024', target: 'Đạt', lead }),
    time: { start: '2024-10', end: '2024-10', issues: [] },
    budget: { amount: null, source: 'unknown' },
  };
}

describe('checkPlan row numbers', () => {
  it('names rows by the TT the editor and the documents show (rows grouped by standard)', () => {
    // Stored order: 1.1, 3.1, then a row added later under Tiêu chuẩn 2 — printed second.
    const rows = [row('a', '1.1', 0, 'HT'), row('c', '3.1', 1, 'HT'), row('b', '2.2', 2, '')];
    const { checks } = checkPlan({
      regime: '2018',
      framework: null,
      rows,
      reviewRoundCount: 0,
      schoolYear: '2024-2025',
      layout: 'A',
    });
    const noLead = checks.find((c) => c.code === 'row.no_lead');
    expect(noLead).toMatchObject({ rowId: 'b' });
    expect(noLead?.message).toMatch(/^Dòng 2 \(tiêu chí 2\.2\)/);
  });
});
