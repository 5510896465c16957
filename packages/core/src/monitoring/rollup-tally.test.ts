import { describe, expect, it } from 'vitest';
import { summarizePlanForRollup } from './plan-rollup-summary.ts';
import {
  addTally,
  isEmptyTally,
  readRollupTally,
  schoolYearTally,
  tallyDelta,
  tallyEntries,
  writeRollupTally,
} from './rollup-tally.ts';

const summary = summarizePlanForRollup({
  rows: [
    { standardCode: '1', criterionCode: '1.1', status: 'done', time: null },
    {
      standardCode: '1',
      criterionCode: '1.1',
      status: null,
      time: { end: '2026-10' },
    },
    { standardCode: '2', criterionCode: null, status: 'in_progress', time: null },
  ],
  planned: [
    { source: 'state', amount: 20_000_000 },
    { source: 'socialized', amount: 5_000_000 },
  ],
  spent: [{ source: 'state', amount: 4_000_000 }],
});

describe('schoolYearTally', () => {
  it('counts a school with an approved plan and assessment', () => {
    const tally = schoolYearTally({
      hasPlan: true,
      hasApprovedPlan: true,
      hasApprovedAssessment: true,
      plans: [{ regime: '2026', frameworkId: 'TT57-PT@1', summary }],
      assessments: [
        { regime: '2026', frameworkId: 'TT57-PT@1', schoolLevel: 2, weakCriteria: ['1.2', '3.1'] },
      ],
    });
    expect(tally['plan.approved']).toBe(1);
    expect(tally['plan.notApproved']).toBeUndefined();
    expect(tally['assessment.approved']).toBe(1);
    expect(tallyEntries(tally, 'level')).toEqual([[['2026', '2'], 1]]);
    expect(tallyEntries(tally, 'weak').sort()).toEqual([
      [['TT57-PT@1', '1.2'], 1],
      [['TT57-PT@1', '3.1'], 1],
    ]);
    expect(tallyEntries(tally, 'rows').sort()).toEqual([
      [['2026', '1', 'done'], 1],
      [['2026', '1', 'not_started'], 1],
      [['2026', '2', 'in_progress'], 1],
    ]);
    // The open row keeps its due date (the last day of October), overdue is the reader's.
    expect(tallyEntries(tally, 'open')).toEqual([[['2026', '1', '2026-10-31'], 1]]);
    expect(tallyEntries(tally, 'planned').sort()).toEqual([
      [['socialized'], 5_000_000],
      [['state'], 20_000_000],
    ]);
    expect(tallyEntries(tally, 'spent')).toEqual([[['state'], 4_000_000]]);
    expect(tallyEntries(tally, 'critRows')).toEqual([[['TT57-PT@1', '1.1'], 2]]);
    expect(tallyEntries(tally, 'critSchools')).toEqual([[['TT57-PT@1', '1.1'], 1]]);
  });

  it('counts a criterion once per school however many plans name it', () => {
    const plan = { regime: '2018', frameworkId: 'TT17@1', summary };
    const tally = schoolYearTally({
      hasPlan: true,
      hasApprovedPlan: true,
      hasApprovedAssessment: false,
      plans: [plan, plan],
      assessments: [],
    });
    expect(tally['critSchools\u001fTT17@1\u001f1.1']).toBe(1);
    expect(tally['critRows\u001fTT17@1\u001f1.1']).toBe(4);
    // Any regime but 2026 reads as 2018, as the roll-up always did.
    expect(tallyEntries(tally, 'rows').every(([[regime]]) => regime === '2018')).toBe(true);
  });

  it('gives a school with a draft only its "not approved" count, and nothing for no plan', () => {
    const none = {
      hasApprovedPlan: false,
      hasApprovedAssessment: false,
      plans: [],
      assessments: [],
    };
    expect(schoolYearTally({ ...none, hasPlan: true })).toEqual({ 'plan.notApproved': 1 });
    expect(isEmptyTally(schoolYearTally({ ...none, hasPlan: false }))).toBe(true);
  });
});

describe('tally arithmetic', () => {
  it('adds, subtracts back to nothing, and moves by the difference', () => {
    const a = { 'plan.approved': 1, 'planned\u001fstate': 1_500_000 };
    const b = { 'plan.notApproved': 1 };
    const sum = addTally(addTally({}, a), b);
    expect(sum).toEqual({ ...a, ...b });
    expect(addTally(addTally({}, sum), a, -1)).toEqual(b);
    expect(isEmptyTally(addTally(addTally({}, a), a, -1))).toBe(true);
    // The unit above moves by next − previous, and lands on next.
    const unit = addTally({}, a);
    addTally(unit, tallyDelta(a, b));
    expect(unit).toEqual(b);
  });

  it('stores with sorted keys and refuses what is not a tally', () => {
    const text = writeRollupTally({ b: 2, a: 1 });
    expect(text).toBe('{"a":1,"b":2}');
    expect(readRollupTally(text)).toEqual({ a: 1, b: 2 });
    expect(readRollupTally('[1]')).toBeNull();
    expect(readRollupTally('{"a":"1"}')).toBeNull();
    expect(readRollupTally('not json')).toBeNull();
  });
});
