import { describe, expect, it } from 'vitest';
import {
  decideCarryOver,
  describeCarryOver,
  isRowFinished,
  type CarryOverSourceRow,
} from './carry-over.ts';

describe('isRowFinished', () => {
  it.each([
    ['Hoàn thành', '', true],
    ['Đã hoàn thành', '', true],
    ['', 'Đạt', true],
    ['100%', '', true],
    ['Hoàn thành 70%', '', false],
    ['Chưa hoàn thành', '', false],
    ['Đang thực hiện', '', false],
    ['', '', false],
    ['', 'Không đạt', false],
    ['Đang thực hiện', 'Hoàn thành', true],
  ])('progress “%s”, result “%s” → %s', (progress, result, expected) => {
    expect(isRowFinished(progress, result)).toBe(expected);
  });
});

/** A 2018 row under a criterion, unfinished unless said otherwise. */
function row(id: string, criterionCode: string | null, over: Partial<CarryOverSourceRow> = {}) {
  return {
    id,
    group: 'levels_1_3' as const,
    standardCode: criterionCode?.split('.')[0] ?? null,
    criterionCode,
    level4Key: null,
    progress: '',
    result: '',
    ...over,
  };
}

const TT17 = { regime: '2018', frameworkCode: 'TT17' } as const;
const TT57_PT = { regime: '2026', frameworkCode: 'TT57-PT' } as const;

describe('decideCarryOver', () => {
  it('follows the recorded progress status when there is one, the texts otherwise (issue 13)', () => {
    const decision = decideCarryOver({
      rows: [
        row('done', '1.1', { progressStatus: 'done', progress: 'Đang thực hiện' }),
        row('moved', '1.2', { progressStatus: 'cancelled', progress: 'Hoàn thành' }),
        row('late', '1.3', { progressStatus: 'delayed' }),
        row('text-done', '1.4', { progress: 'Đã hoàn thành' }),
        row('text-open', '1.5', { progressStatus: null, progress: 'Đang thực hiện' }),
      ],
      from: TT17,
      to: TT17,
    });
    expect(decision.rows.map((r) => r.sourceRowId)).toEqual(['moved', 'late', 'text-open']);
    expect(decision.finished.map((r) => r.sourceRowId)).toEqual(['done', 'text-done']);
  });

  it('maps 2018 criteria through the mapping, not by code number, and orders by the new code', () => {
    const decision = decideCarryOver({
      rows: [row('a', '5.5'), row('b', '1.4'), row('c', '3.2')],
      from: TT17,
      to: TT57_PT,
    });
    expect(
      decision.rows.map((r) => [r.sourceRowId, r.group, r.standardCode, r.criterionCode]),
    ).toEqual([
      ['b', 'tt57', '1', '1.2'],
      ['a', 'tt57', '3', '3.5'],
      ['c', 'tt57', '4', '4.1'],
    ]);
    const b = decision.rows[0];
    expect(b?.outcome).toBe('mapped');
    expect(b?.confidence).toBe('inferred');
    expect(b?.from).toEqual({
      criterionCode: '1.4',
      level4Key: null,
      title: 'Hiệu trưởng, phó hiệu trưởng, tổ chuyên môn và tổ văn phòng',
    });
    expect(b?.toTitle).toBe('Cơ cấu tổ chức, phân công nhiệm vụ và phối hợp nội bộ');
    expect(b?.sourceNumber).toBe(2);
    expect(decision.regimeChange?.mapping?.from).toBe('TT17');
  });

  it('leaves without a criterion what has no counterpart: no-target entries, Mức 4, no code', () => {
    const decision = decideCarryOver({
      rows: [
        row('party', '1.3'),
        row('m4', null, { group: 'level_4', level4Key: '2' }),
        row('general', null),
        row('odd', '9.9'),
      ],
      from: TT17,
      to: TT57_PT,
    });
    expect(decision.rows.every((r) => r.outcome === 'unmapped')).toBe(true);
    expect(decision.rows.every((r) => r.criterionCode === null && r.standardCode === null)).toBe(
      true,
    );
    expect(decision.rows.every((r) => r.group === 'tt57' && r.level4Key === null)).toBe(true);
    const party = decision.rows.find((r) => r.sourceRowId === 'party');
    expect(party?.candidates).toEqual(['1.2']);
    expect(party?.note).toMatch(/tổ chức Đảng/);
    expect(decision.rows.find((r) => r.sourceRowId === 'm4')?.note).toMatch(/Mức 4/);
    expect(decision.rows.find((r) => r.sourceRowId === 'odd')?.note).toMatch(/“9.9”/);
  });

  it('never carries a finished row, even when named, and reports rows that are not in the plan', () => {
    const decision = decideCarryOver({
      rows: [row('done', '1.1', { progress: 'Hoàn thành' }), row('open', '1.1'), row('x', '2.2')],
      rowIds: ['done', 'open', 'ghost'],
      from: TT17,
      to: TT57_PT,
    });
    expect(decision.rows.map((r) => r.sourceRowId)).toEqual(['open']);
    expect(decision.finished).toEqual([{ sourceRowId: 'done', sourceNumber: 1 }]);
    expect(decision.unknownRowIds).toEqual(['ghost']);
  });

  it('keeps codes, groups and order within one circular', () => {
    const decision = decideCarryOver({
      rows: [row('a', '5.5'), row('b', null, { group: 'level_4', level4Key: '3' })],
      from: TT17,
      to: { regime: '2018', frameworkCode: 'TT17' },
    });
    expect(decision.regimeChange).toBeNull();
    expect(decision.rows.map((r) => [r.outcome, r.group, r.criterionCode, r.level4Key])).toEqual([
      ['kept', 'levels_1_3', '5.5', null],
      ['kept', 'level_4', null, '3'],
    ]);
  });

  it('leaves every row to choose when no mapping is kept for the pair', () => {
    const decision = decideCarryOver({
      rows: [row('a', '1.1')],
      from: { regime: '2018', frameworkCode: 'TT18' },
      to: { regime: '2026', frameworkCode: 'TT57-GDTX' },
    });
    expect(decision.regimeChange?.mapping).toBeNull();
    expect(decision.rows[0]?.outcome).toBe('unmapped');
    expect(decision.rows[0]?.note).toMatch(/TT18 sang TT57-GDTX/);
    expect(describeCarryOver(decision, '2026-2027', '2026')).toBe(
      'Kế hoạch năm học 2026-2027 theo Thông tư 57/2026: chưa có bảng đối chiếu tiêu chí từ TT18 sang TT57-GDTX, nên các dòng được chuyển sang chưa có tiêu chí. 1 dòng chưa có tiêu chí tương ứng: nhà trường chọn tiêu chí cho các dòng này.',
    );
  });
});

describe('describeCarryOver', () => {
  it('says the circular changes and counts mapped, unmapped and finished rows', () => {
    const decision = decideCarryOver({
      rows: [row('a', '1.4'), row('b', '1.3'), row('c', '2.2', { result: 'Đạt' })],
      from: TT17,
      to: TT57_PT,
    });
    expect(describeCarryOver(decision, '2026-2027', '2026')).toBe(
      'Kế hoạch năm học 2026-2027 theo Thông tư 57/2026: các tiêu chí được chuyển theo bảng đối chiếu TT17 → TT57-PT (suy luận từ tên tiêu chí; chưa có bảng đối chiếu chính thức). 1 dòng đã có tiêu chí mới. 1 dòng chưa có tiêu chí tương ứng: nhà trường chọn tiêu chí cho các dòng này. 1 dòng đã hoàn thành không chuyển.',
    );
  });

  it('within one circular says the criteria are kept', () => {
    const decision = decideCarryOver({ rows: [row('a', '1.4')], from: TT17, to: TT17 });
    expect(describeCarryOver(decision, '2025-2026', '2018')).toBe(
      'Kế hoạch năm học 2025-2026: 1 dòng chưa hoàn thành được chuyển sang, giữ nguyên tiêu chí.',
    );
  });
});
