import { emptyPlanHeader } from '@caitien/core';
import { summariseMonitoringRows } from '@caitien/documents';
import { describe, expect, it } from 'vitest';
import { buildMonitoringReportInput, type ReportSourceRow } from './monitoring-report-input.ts';

function sourceRow(over: Partial<ReportSourceRow>): ReportSourceRow {
  return {
    trackId: 't1',
    ordinal: '1',
    criterionCode: '1.1',
    content: 'Rà soát kế hoạch',
    timeText: 'Tháng 9/2026 - tháng 12/2026',
    leadText: 'Võ Thị Thu',
    coordinatorsText: '',
    status: 'in_progress',
    percent: 50,
    result: '',
    dueDate: '2026-12-31',
    plannedAmount: null,
    plannedSource: 'unknown',
    spentBySource: {},
    ...over,
  };
}

describe('buildMonitoringReportInput', () => {
  // QA: a row the round never reviewed but whose progress has a result was printed as reviewed
  // ("đã rà soát, đánh giá 3/7" while the round showed 2/7).
  it('counts as reviewed only the rows the round reviewed, not those with a progress result', () => {
    const input = buildMonitoringReportInput({
      regime: '2026',
      schoolYear: '2026-2027',
      header: emptyPlanHeader(),
      schoolName: 'Trường THCS An Phú',
      round: {
        label: 'Cuối học kỳ I',
        status: 'open',
        conclusions: '',
        recommendations: '',
        closedOn: null,
      },
      rows: [
        sourceRow({ trackId: 't1' }),
        sourceRow({ trackId: 't2', ordinal: '2', result: 'Kết quả\ncó xuống dòng' }),
        sourceRow({ trackId: 't3', ordinal: '3' }),
      ],
      reviews: new Map([
        [
          't1',
          {
            status: null,
            percent: null,
            result: 'Đã thực hiện một phần',
            adjustment: '',
            reviewer: 'Phạm Thị Mai',
          },
        ],
      ]),
      today: '2027-01-10',
    });
    expect(input.rows.map((r) => r.reviewed)).toEqual([true, false, false]);
    // The unreviewed row still shows its progress result, line break kept.
    expect(input.rows[1]?.result).toBe('Kết quả\ncó xuống dòng');
    expect(summariseMonitoringRows(input.rows).reviewed).toBe(1);
  });
});
