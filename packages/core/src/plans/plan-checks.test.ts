import { describe, expect, it } from 'vitest';
import { loadFrameworkCatalogue } from '../frameworks/catalogue.ts';
import type { FrameworkCode, FrameworkDefinition } from '../frameworks/framework.types.ts';
import { checkPlan, type CheckableRow } from './plan-checks.ts';
import { ROW_TEXT_FIELDS, type RowTextField } from './plan.types.ts';

// ---------------------------------------------------------------------------------------------
// Test-data builders: a complete, valid row and plan; each test states only what it changes.
// ---------------------------------------------------------------------------------------------

const catalogue = loadFrameworkCatalogue();

function framework(code: FrameworkCode): FrameworkDefinition {
  const newest = catalogue.filter((f) => f.code === code).sort((a, b) => b.version - a.version)[0];
  if (!newest) throw new Error(`no framework ${code}`);
  return newest;
}

let nextId = 0;

/** A row every check is happy with (a TT57 row under 1.3, 10/2026 – 01/2027, 20 triệu). */
function aRow(
  over: Partial<Omit<CheckableRow, 'texts'>> & {
    texts?: Partial<Record<RowTextField, string>>;
  } = {},
): CheckableRow {
  nextId += 1;
  const texts = Object.fromEntries(ROW_TEXT_FIELDS.map((f) => [f, ''])) as Record<
    RowTextField,
    string
  >;
  return {
    id: `row-${nextId}`,
    group: 'tt57',
    criterionCode: '1.3',
    level4Key: null,
    time: { start: '2026-10', end: '2027-01', issues: [] },
    budget: { amount: 20_000_000, source: 'state' },
    carried: false,
    ...over,
    texts: {
      ...texts,
      content: `Nội dung ${nextId}`,
      target: 'Có phần mềm quản lý dữ liệu',
      tasks: 'Triển khai phần mềm',
      time: 'Tháng 10/2026 – 01/2027',
      lead: 'Hiệu trưởng',
      budget: '20 triệu (ngân sách)',
      ...over.texts,
    },
  };
}

type CheckInput = Parameters<typeof checkPlan>[0];

/** A TT57 Biểu 2 plan of 2026-2027 with its two review rounds and one good row. */
function aTt57Plan(over: Partial<CheckInput> = {}): CheckInput {
  return {
    regime: '2026',
    framework: framework('TT57-PT'),
    rows: [aRow()],
    reviewRoundCount: 2,
    schoolYear: '2026-2027',
    layout: 'bieu2',
    carriedFromRegime: null,
    ...over,
  };
}

/** A 2018 layout-A plan of 2025-2026 (TT17), with a Mức 4 row so the section is there. */
function a2018Plan(over: Partial<CheckInput> = {}): CheckInput {
  return {
    regime: '2018',
    framework: framework('TT17'),
    rows: [
      aRow({ group: 'levels_1_3', criterionCode: '1.1' }),
      aRow({ group: 'level_4', criterionCode: null, level4Key: '1' }),
    ],
    reviewRoundCount: 0,
    schoolYear: '2025-2026',
    layout: 'A',
    ...over,
  };
}

const codesOf = (input: CheckInput) => checkPlan(input).checks.map((c) => c.code);

// ---------------------------------------------------------------------------------------------

describe('checkPlan', () => {
  it('finds nothing in a complete plan (TT57 and 2018)', () => {
    expect(codesOf(aTt57Plan())).toEqual([]);
    expect(codesOf(a2018Plan())).toEqual([]);
  });

  it('plan.empty: a plan without rows', () => {
    const [check] = checkPlan(aTt57Plan({ rows: [] })).checks;
    expect(check).toMatchObject({ code: 'plan.empty', severity: 'error', rowId: null });
  });

  it('row.no_tasks: neither tasks nor content; content alone is enough', () => {
    const empty = aRow({ texts: { tasks: ' ', content: '' } });
    const contentOnly = aRow({ texts: { tasks: '', content: 'Bồi dưỡng giáo viên' } });
    const { checks } = checkPlan(aTt57Plan({ rows: [empty, contentOnly] }));
    expect(checks.map((c) => [c.code, c.rowId, c.field])).toEqual([
      ['row.no_tasks', empty.id, 'tasks'],
    ]);
    expect(checks[0]?.message).toBe('Dòng 1 (tiêu chí 1.3): chưa có công việc, giải pháp.');
  });

  it('row.no_lead: nobody in charge', () => {
    const row = aRow({ texts: { lead: '' } });
    expect(checkPlan(aTt57Plan({ rows: [row] })).checks).toEqual([
      {
        code: 'row.no_lead',
        severity: 'error',
        message: 'Dòng 1 (tiêu chí 1.3): chưa có người chủ trì / phụ trách.',
        rowId: row.id,
        field: 'lead',
      },
    ]);
  });

  it('row.no_time and row.time_unparsed: no time, or a time not understood', () => {
    const none = aRow({ texts: { time: '' }, time: { start: null, end: null, issues: [] } });
    const odd = aRow({
      texts: { time: 'Khi có điều kiện' },
      time: { start: null, end: null, issues: [] },
    });
    const { checks } = checkPlan(aTt57Plan({ rows: [none, odd] }));
    expect(checks.map((c) => [c.code, c.severity, c.rowId])).toEqual([
      ['row.no_time', 'error', none.id],
      ['row.time_unparsed', 'warning', odd.id],
    ]);
    expect(checks[1]?.message).toContain('“Khi có điều kiện”');
  });

  it('row.time_outside_year: only the parser’s "ngoài năm học" issue becomes a finding', () => {
    const row = aRow({
      time: {
        start: '2028-01',
        end: '2028-03',
        issues: [
          { severity: 'warning', message: 'Thời gian nằm ngoài năm học 2026-2027.' },
          { severity: 'info', message: 'Hiểu “tháng 1” là tháng 01/2028.' },
        ],
      },
    });
    const { checks } = checkPlan(aTt57Plan({ rows: [row] }));
    expect(checks.map((c) => c.code)).toEqual(['row.time_outside_year']);
    expect(checks[0]?.message).toBe(
      'Dòng 1 (tiêu chí 1.3): Thời gian nằm ngoài năm học 2026-2027.',
    );
  });

  it('row.no_target: asked by layout A and Biểu 2, never by layout B (no such column)', () => {
    const rows = [
      aRow({ group: 'levels_1_3', criterionCode: '1.1', texts: { target: '' } }),
      aRow({ group: 'levels_1_3', criterionCode: '1.2', texts: { target: '' } }),
      aRow({ group: 'level_4', criterionCode: null, level4Key: '1' }),
    ];
    expect(codesOf(a2018Plan({ rows, layout: 'A' }))).toEqual(['row.no_target', 'row.no_target']);
    expect(codesOf(a2018Plan({ rows, layout: 'B' }))).toEqual([]);
    expect(codesOf(aTt57Plan({ rows: [aRow({ texts: { target: '' } })] }))).toEqual([
      'row.no_target',
    ]);
  });

  it('row.unknown_criterion and row.unknown_level4: codes the framework does not have', () => {
    const tt57Code = aRow({ group: 'levels_1_3', criterionCode: '5.6' });
    const level4 = aRow({ group: 'level_4', criterionCode: null, level4Key: '99' });
    const { checks } = checkPlan(a2018Plan({ rows: [tt57Code, level4] }));
    expect(checks.map((c) => [c.code, c.rowId, c.field])).toEqual([
      ['row.unknown_criterion', tt57Code.id, 'criterion'],
      ['row.unknown_level4', level4.id, 'criterion'],
    ]);
    expect(checks[0]?.message).toContain('tiêu chí “5.6” không có trong bộ tiêu chuẩn TT17');
    // Without a framework there is nothing to compare with.
    expect(codesOf(a2018Plan({ rows: [tt57Code, level4], framework: null }))).toEqual([]);
  });

  it('row.duplicate: the same texts and criterion twice, whatever the spacing or case', () => {
    const first = aRow({ texts: { content: 'Bồi dưỡng  giáo viên' } });
    const again = aRow({ texts: { content: 'bồi dưỡng giáo viên ' } });
    const { checks } = checkPlan(aTt57Plan({ rows: [first, again] }));
    expect(checks.map((c) => [c.code, c.rowId])).toEqual([['row.duplicate', again.id]]);
    expect(checks[0]?.message).toBe('Dòng 2 (tiêu chí 1.3) trùng với một dòng phía trên.');
  });

  it('plan.no_level4: a 2018 plan without its Mức 4 part (an info); never for TT57', () => {
    const rows = [aRow({ group: 'levels_1_3', criterionCode: '1.1' })];
    const { checks } = checkPlan(a2018Plan({ rows }));
    expect(checks.map((c) => [c.code, c.severity])).toEqual([['plan.no_level4', 'info']]);
    expect(codesOf(aTt57Plan())).not.toContain('plan.no_level4');
  });

  it('plan.reviews: a TT57 plan needs the two review rounds; a 2018 plan does not', () => {
    expect(codesOf(aTt57Plan({ reviewRoundCount: 1 }))).toEqual(['plan.reviews']);
    expect(codesOf(a2018Plan({ reviewRoundCount: 0 }))).toEqual([]);
  });

  it('row.carried_without_criterion: rows the 2018 → TT57 mapping left to the school', () => {
    const unmapped = aRow({ criterionCode: null, carried: true });
    const mapped = aRow({ criterionCode: '1.2', carried: true });
    const general = aRow({ criterionCode: null, carried: false });
    const rows = [unmapped, mapped, general];
    const { checks } = checkPlan(aTt57Plan({ rows, carriedFromRegime: '2018' }));
    expect(checks.map((c) => [c.code, c.severity, c.rowId, c.field])).toEqual([
      ['row.carried_without_criterion', 'warning', unmapped.id, 'criterion'],
    ]);
    expect(checks[0]?.message).toMatch(/^Dòng 1: chuyển từ kế hoạch theo quy định năm 2018/);
    // Carried within TT57, a row without a criterion is a general issue, not a gap.
    expect(codesOf(aTt57Plan({ rows, carriedFromRegime: '2026' }))).toEqual([]);
  });

  it('budget totals by source; every row without an amount is counted', () => {
    const rows = [
      aRow({ budget: { amount: 20_000_000, source: 'state' } }),
      aRow({ budget: { amount: 5_000_000, source: 'socialized' } }),
      aRow({ budget: { amount: 30_000_000, source: 'mixed' } }),
      aRow({ budget: { amount: 0, source: 'none' }, texts: { budget: 'Không' } }),
      aRow({ budget: { amount: null, source: 'unknown' }, texts: { budget: '' } }),
      aRow({ budget: { amount: null, source: 'socialized' }, texts: { budget: 'Xã hội hóa' } }),
      aRow({ budget: { amount: null, source: 'unknown' }, texts: { budget: '-5.000.000 đ' } }),
    ];
    expect(checkPlan(aTt57Plan({ rows })).budgetTotals).toEqual({
      state: 20_000_000,
      socialized: 5_000_000,
      mixed: 30_000_000,
      total: 55_000_000,
      rowsWithoutAmount: 3,
    });
  });

  it('plan.weak_criterion_without_row: a weak criterion of the assessment with no row', () => {
    const weak = [
      { criterionCode: '1.3', reason: 'Tiêu chí 1.3: không đạt Mức 1.' },
      { criterionCode: '2.1', reason: 'Tiêu chí 2.1: đạt Mức 1, chưa đạt Mức 2.' },
    ];
    const { checks } = checkPlan(aTt57Plan({ weakCriteria: weak }));
    expect(checks.map((c) => [c.code, c.severity, c.rowId])).toEqual([
      ['plan.weak_criterion_without_row', 'warning', null],
    ]);
    expect(checks[0]?.message).toBe(
      'Tiêu chí 2.1 cần cải tiến theo báo cáo tự đánh giá (Tiêu chí 2.1: đạt Mức 1, chưa đạt Mức 2) nhưng kế hoạch chưa có dòng nào cho tiêu chí này.',
    );
  });

  it('plan.weak_criterion_without_row: a Mức 4 row does not cover a criterion; no input, no check', () => {
    const weak = [{ criterionCode: '1.1', reason: 'Tiêu chí 1.1: có điểm yếu được nêu.' }];
    expect(codesOf(a2018Plan({ weakCriteria: weak }))).toEqual([]);
    const onlyLevel4 = a2018Plan({
      rows: [aRow({ group: 'level_4', criterionCode: null, level4Key: '1' })],
      weakCriteria: weak,
    });
    expect(codesOf(onlyLevel4)).toEqual(['plan.weak_criterion_without_row']);
    expect(codesOf(a2018Plan({ weakCriteria: [] }))).toEqual([]);
  });
});
