import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findFrameworkVersion,
  listCriteria,
  loadFrameworkCatalogue,
} from '../frameworks/catalogue.ts';
import type { FrameworkDefinition } from '../frameworks/framework.types.ts';
import {
  computeAssessmentResults,
  criterionLevel,
  criterionMaxLevel,
  indicatorMarkKey,
  schoolLevel,
  validateSchoolLevelInput,
} from './assessment-levels.ts';
import type { CriterionMarks } from './assessment.types.ts';

const catalogue = loadFrameworkCatalogue();
function framework(id: string): FrameworkDefinition {
  const found = findFrameworkVersion(catalogue, id);
  if (!found) throw new Error(`no framework ${id}`);
  return found;
}
const FRAMEWORKS_2018 = ['TT17@1', 'TT17@2', 'TT18@1', 'TT18@2', 'TT19@1', 'TT19@2'];
const FRAMEWORKS_TT57 = ['TT57-MN', 'TT57-PT', 'TT57-GDTX'];

/** Marks meeting every indicator in force up to `level` (the rest unmarked). */
function marksUpTo(f: FrameworkDefinition, code: string, level: number): CriterionMarks {
  const c = listCriteria(f).find((x) => x.code === code)!;
  const marks: CriterionMarks = {};
  for (const i of c.indicators) {
    if (i.repealed === null && i.level <= level) marks[indicatorMarkKey(i)] = true;
  }
  return marks;
}

/** Marks reaching exactly `level` (the next level's first indicator Không đạt). */
function marksExactly(f: FrameworkDefinition, code: string, level: number): CriterionMarks {
  const c = listCriteria(f).find((x) => x.code === code)!;
  const marks = marksUpTo(f, code, level);
  const next = c.indicators.find((i) => i.level === level + 1 && i.repealed === null);
  if (next) marks[indicatorMarkKey(next)] = false;
  return marks;
}

/** Criterion levels: every criterion at min(level, its highest). */
function levelsAll(f: FrameworkDefinition, level: number): Record<string, number> {
  return Object.fromEntries(
    listCriteria(f).map((c) => [c.code, Math.min(level, criterionMaxLevel(f, c.code))]),
  );
}

describe('indicatorMarkKey', () => {
  it.each([
    [{ level: 1, key: 'a' }, '1.a'],
    [{ level: 2, key: null }, '2'],
    [{ level: 3, key: 'c' }, '3.c'],
  ])('%j → %s', (indicator, key) => {
    expect(indicatorMarkKey(indicator)).toBe(key);
  });
});

describe('criterionLevel, 2018', () => {
  const tt17 = framework('TT17@1');
  it.each<[string, CriterionMarks, number | null, number, string[], string[]]>([
    // marks, level, atLeast, failed, unmarked
    ['nothing marked', {}, null, 0, [], ['1.a', '1.b', '1.c', '2', '3']],
    [
      'Mức 1 met, Mức 2 Không đạt',
      { '1.a': true, '1.b': true, '1.c': true, '2': false },
      1,
      1,
      ['2'],
      [],
    ],
    [
      '1.b Không đạt',
      { '1.a': true, '1.b': false, '1.c': true, '2': true, '3': true },
      0,
      0,
      ['1.b'],
      [],
    ],
    [
      'everything met',
      { '1.a': true, '1.b': true, '1.c': true, '2': true, '3': true },
      3,
      3,
      [],
      [],
    ],
    ['Mức 3 unmarked', { '1.a': true, '1.b': true, '1.c': true, '2': true }, null, 2, [], ['3']],
    ['1.a unmarked, 1.b Không đạt: 0 whatever 1.a is', { '1.b': false }, 0, 0, ['1.b'], []],
    [
      '1.a unmarked, Mức 2 Không đạt: 0 or 1',
      { '1.b': true, '1.c': true, '2': false },
      null,
      0,
      ['2'],
      ['1.a'],
    ],
  ])('1.1, %s', (_name, marks, level, atLeast, failed, unmarked) => {
    const result = criterionLevel(tt17, '1.1', marks);
    expect(result).toMatchObject({ level, atLeast, failed, unmarked, maxLevel: 3 });
    expect(result.reason.length).toBeGreaterThan(10);
  });

  it('a criterion without Mức 3 stays at its highest level, Mức 2', () => {
    const result = criterionLevel(tt17, '1.2', marksUpTo(tt17, '1.2', 3));
    expect(result).toMatchObject({ level: 2, maxLevel: 2, nextLevelNeeds: [] });
    expect(result.reason).toContain('không có yêu cầu từ Mức 3');
  });

  it('says what the next level needs', () => {
    const result = criterionLevel(tt17, '1.5', {
      '1.a': true,
      '1.b': true,
      '1.c': true,
      '2.a': true,
      '2.b': false,
    });
    expect(result).toMatchObject({ level: 1, failed: ['2.b'], nextLevelNeeds: ['2.b', '2.c'] });
    expect(result.reason).toBe('Đạt Mức 1; chưa đạt Mức 2 vì Mức 2 chỉ báo b không đạt.');
  });

  it('TT22/2024: a level whose requirements were all repealed is met once the level below is', () => {
    const tt17v2 = framework('TT17@2');
    const result = criterionLevel(tt17v2, '1.5', {
      '1.a': true,
      '1.b': true,
      '1.c': true,
      '2.a': false,
    });
    expect(result).toMatchObject({ level: 2, maxLevel: 2, ignored: ['2.a'] });
    expect(result.reason).toContain('bãi bỏ');
    // TT18@2 5.3: Mức 1 repealed, Mức 2 in force.
    const tt18v2 = framework('TT18@2');
    expect(criterionLevel(tt18v2, '5.3', {})).toMatchObject({
      level: null,
      atLeast: 1,
      unmarked: ['2'],
    });
    expect(criterionLevel(tt18v2, '5.3', { '2': true })).toMatchObject({ level: 2, maxLevel: 2 });
  });

  it('a repealed indicator inside a level is not required', () => {
    const tt17v2 = framework('TT17@2');
    const marks = { ...marksUpTo(tt17v2, '2.2', 3) };
    expect(marks['2.a']).toBeUndefined();
    expect(criterionLevel(tt17v2, '2.2', marks).level).toBe(3);
  });

  it('refuses an unknown criterion', () => {
    expect(() => criterionLevel(tt17, '9.9', {})).toThrow(RangeError);
  });
});

describe('criterionLevel, TT57', () => {
  it.each(FRAMEWORKS_TT57)('%s: Mức 2 is judged only once Mức 1 is Đạt', (id) => {
    const f = framework(id);
    expect(criterionLevel(f, '1.1', { '1': true, '2': true })).toMatchObject({
      level: 2,
      maxLevel: 2,
    });
    expect(criterionLevel(f, '1.1', { '1': true, '2': false })).toMatchObject({
      level: 1,
      failed: ['2'],
    });
    expect(criterionLevel(f, '1.1', { '1': true })).toMatchObject({
      level: null,
      atLeast: 1,
      unmarked: ['2'],
    });
    const notMet = criterionLevel(f, '1.1', { '1': false, '2': true });
    expect(notMet).toMatchObject({ level: 0, ignored: ['2'], nextLevelNeeds: ['1'] });
    expect(notMet.reason).toContain('Mức 2 chỉ được xét khi Mức 1 đạt');
    const early = criterionLevel(f, '1.1', { '2': true });
    expect(early).toMatchObject({ level: null, atLeast: 0, unmarked: ['1'], ignored: ['2'] });
  });
});

describe('schoolLevel, 2018', () => {
  describe.each(FRAMEWORKS_2018)('%s', (id) => {
    const f = framework(id);
    const items = f.level4Items.length;
    const codes = listCriteria(f).map((c) => c.code);
    const withLevel3 = codes.filter((c) => criterionMaxLevel(f, c) === 3);
    const withoutLevel3 = codes.filter((c) => criterionMaxLevel(f, c) < 3);

    it.each([0, 1, 2, 3])('every criterion at Mức %i (or its highest)', (n) => {
      const result = schoolLevel(f, levelsAll(f, n), Array(items).fill(false));
      expect(result.schoolLevel).toBe(n);
      expect(result.nextLevel).toBe(n + 1);
      expect(result.blockers.length).toBeGreaterThan(0);
    });

    it('Mức 4 when Mức 3 and every Mức 4 item is met', () => {
      const result = schoolLevel(f, levelsAll(f, 3), Array(items).fill(true));
      expect(result).toMatchObject({ schoolLevel: 4, nextLevel: null, blockers: [] });
    });

    it('one Mức 4 item not met keeps Mức 3 and is the blocker', () => {
      const level4 = Array(items).fill(true);
      level4[1] = false;
      const result = schoolLevel(f, levelsAll(f, 3), level4);
      expect(result.schoolLevel).toBe(3);
      expect(result.blockers).toEqual([
        expect.objectContaining({
          criterionCode: null,
          level4Key: f.level4Items[1]!.key,
          needed: 4,
        }),
      ]);
    });

    it('Mức 4 items do not count below Mức 3', () => {
      const levels = { ...levelsAll(f, 3), [withLevel3[0]!]: 2 };
      const result = schoolLevel(f, levels, Array(items).fill(true));
      expect(result.schoolLevel).toBe(2);
      expect(result.blockers.map((b) => b.criterionCode)).toEqual([withLevel3[0]]);
    });

    it('a criterion without Mức 3 counts at its highest, and blocks Mức 2 when below it', () => {
      expect(withoutLevel3.length).toBeGreaterThan(0);
      const levels = levelsAll(f, 3);
      expect(levels[withoutLevel3[0]!]).toBe(2);
      expect(schoolLevel(f, levels, []).schoolLevel).toBe(3);
      const result = schoolLevel(f, { ...levels, [withoutLevel3[0]!]: 1 }, []);
      expect(result.schoolLevel).toBe(1);
      expect(result.blockers).toEqual([
        expect.objectContaining({ criterionCode: withoutLevel3[0], level: 1, needed: 2 }),
      ]);
    });

    it('one criterion not at Mức 1 gives Mức 0 and names it', () => {
      const result = schoolLevel(f, { ...levelsAll(f, 3), [codes[4]!]: 0 }, []);
      expect(result.schoolLevel).toBe(0);
      expect(result.reason).toContain(codes[4]);
      expect(result.blockers).toHaveLength(1);
    });

    it('a missing criterion counts as not reaching any level', () => {
      const levels: Record<string, number> = levelsAll(f, 2);
      delete levels[codes[0]!];
      const result = schoolLevel(f, levels, []);
      expect(result.schoolLevel).toBe(0);
      expect(result.blockers[0]!.message).toContain('chưa đánh giá');
    });
  });
});

describe('schoolLevel, TT57', () => {
  describe.each(FRAMEWORKS_TT57)('%s', (id) => {
    const f = framework(id);
    const mandatory = listCriteria(f)
      .filter((c) => c.mandatory)
      .map((c) => c.code);
    const others = listCriteria(f)
      .filter((c) => !c.mandatory)
      .map((c) => c.code);

    it('has 8 mandatory and 7 other criteria', () => {
      expect([mandatory.length, others.length]).toEqual([8, 7]);
    });

    function levels(mandatoryLevel: number, otherLevels: number[]): Record<string, number> {
      return Object.fromEntries([
        ...mandatory.map((c) => [c, mandatoryLevel]),
        ...others.map((c, i) => [c, otherLevels[i] ?? 0]),
      ]);
    }

    it.each([
      // mandatory level, others' levels, school level
      [0, [1, 1, 1, 1, 1, 1, 1], 0],
      [1, [1, 1, 1, 1, 0, 0, 0], 0],
      [1, [1, 1, 1, 1, 1, 0, 0], 1],
      [1, [1, 1, 1, 1, 1, 1, 0], 1],
      [1, [2, 2, 2, 2, 2, 2, 2], 1],
      [2, [2, 2, 2, 2, 1, 1, 1], 1],
      [2, [2, 2, 2, 2, 2, 1, 1], 2],
      [2, [2, 2, 2, 2, 2, 2, 1], 2],
      [2, [2, 2, 2, 2, 2, 2, 2], 2],
      [2, [2, 2, 2, 2, 2, 0, 1], 1],
      [2, [2, 2, 2, 2, 0, 0, 0], 0],
    ])('mandatory at %i, others %j → Mức %i', (m, o, expected) => {
      expect(schoolLevel(f, levels(m, o)).schoolLevel).toBe(expected);
    });

    it('one mandatory criterion below Mức 1 blocks Mức 1 and is named', () => {
      const lv = { ...levels(1, [1, 1, 1, 1, 1, 1, 1]), [mandatory[2]!]: 0 };
      const result = schoolLevel(f, lv);
      expect(result.schoolLevel).toBe(0);
      expect(result.blockers).toEqual([
        expect.objectContaining({ criterionCode: mandatory[2], needed: 1 }),
      ]);
      expect(result.blockers[0]!.message).toContain('bắt buộc');
    });

    it('says how many more non-mandatory criteria are needed and which are closest', () => {
      const result = schoolLevel(f, levels(2, [2, 2, 2, 1, 1, 0, 1]));
      expect(result.schoolLevel).toBe(1);
      expect(result.nextLevel).toBe(2);
      expect(result.reason).toContain('cần thêm 2 tiêu chí không bắt buộc đạt Mức 2');
      const countBlockers = result.blockers.filter((b) => b.needed === 2);
      expect(countBlockers.map((b) => b.criterionCode)).toEqual([others[3], others[4]]);
      expect(countBlockers[0]!.message).toContain('Cần thêm 2 tiêu chí không bắt buộc đạt Mức 2');
      expect(result.blockers.filter((b) => b.needed === 1).map((b) => b.criterionCode)).toEqual([
        others[5],
      ]);
    });

    it('at 4 others the gap is one criterion', () => {
      const result = schoolLevel(f, levels(1, [1, 1, 1, 1, 0, 0, 0]));
      expect(result.schoolLevel).toBe(0);
      expect(result.reason).toContain('cần thêm 1 tiêu chí không bắt buộc đạt Mức 1');
      expect(result.blockers).toHaveLength(1);
    });

    it('ignores Mức 4 items', () => {
      expect(schoolLevel(f, levels(2, [2, 2, 2, 2, 2, 2, 2]), [false]).schoolLevel).toBe(2);
    });
  });
});

describe('computeAssessmentResults', () => {
  it('gives seed 001 summary lines for a TT17 school at Mức 3 with 3/5 Mức 4 items', () => {
    const f = framework('TT17@2');
    const criteria = listCriteria(f).map((c) => ({
      criterionCode: c.code,
      marks: marksUpTo(f, c.code, 3),
    }));
    const results = computeAssessmentResults(f, {
      criteria,
      level4: [false, true, false, true, true],
    });
    expect(results.school.schoolLevel).toBe(3);
    expect(results.unmarkedCount).toBe(0);
    expect(results.summary).toEqual([
      'Tổng số tiêu chuẩn được đánh giá: 05 tiêu chuẩn',
      'Mức 1: Tổng số 27 tiêu chí, trong đó số tiêu chí đạt 27/27, tỉ lệ 100%; tiêu chí không đạt: 0',
      'Mức 2: Tổng số 27 tiêu chí, trong đó số tiêu chí đạt 27/27, tỉ lệ 100%; tiêu chí không đạt: 0',
      'Mức 3: Tổng số 19 tiêu chí, trong đó số tiêu chí đạt 19/19, tỉ lệ 100%; tiêu chí không đạt: 0',
      'Mức 4: Tổng số 05 tiêu chí, trong đó số tiêu chí đạt 3/5, tỉ lệ 60% (tiêu chí 2, 4, 5); tiêu chí không đạt: 2/5, tỉ lệ 40% (tiêu chí 1, 3)',
      'Tự đánh giá đạt mức 3',
    ]);
  });

  it('counts unmarked criteria as not reaching a level and says so', () => {
    const f = framework('TT18@1');
    const criteria = listCriteria(f).map((c) => ({
      criterionCode: c.code,
      marks: c.code === '2.1' ? marksUpTo(f, c.code, 1) : marksExactly(f, c.code, 2),
    }));
    const results = computeAssessmentResults(f, { criteria, level4: [] });
    expect(results.criteria['2.1']).toMatchObject({ level: null, atLeast: 1 });
    expect(results.unmarkedCount).toBe(1);
    expect(results.school.schoolLevel).toBe(1);
    expect(results.school.blockers.map((b) => b.criterionCode)).toEqual(['2.1']);
    expect(results.school.reason).toContain('chưa đánh giá đủ');
    expect(results.summary[2]).toContain('chưa đánh giá: 1/28 (tiêu chí 2.1)');
  });

  it('what-if: changed marks give another result, the input is untouched', () => {
    const f = framework('TT57-PT');
    const criteria = listCriteria(f).map((c) => ({
      criterionCode: c.code,
      marks: { '1': true } as CriterionMarks,
    }));
    const before = computeAssessmentResults(f, { criteria, level4: [] });
    expect(before.school.schoolLevel).toBe(1);
    const changed = criteria.map((c) => ({ ...c, marks: { ...c.marks, '2': true } }));
    expect(computeAssessmentResults(f, { criteria: changed, level4: [] }).school.schoolLevel).toBe(
      2,
    );
    expect(criteria[0]!.marks).toEqual({ '1': true });
    expect(before.summary.at(-1)).toBe('Tự đánh giá đạt mức 1');
    expect(before.summary).toContain(
      'Trong đó tiêu chí bắt buộc đạt Mức 1: 8/8; tiêu chí không bắt buộc đạt Mức 1: 7/7',
    );
  });
});

describe('properties', () => {
  const ids = [...FRAMEWORKS_2018, ...FRAMEWORKS_TT57];
  const markArb = fc.constantFrom<boolean | undefined>(true, false, undefined);

  it('raising one mark never lowers the school level', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.array(markArb, { minLength: 200, maxLength: 200 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.nat(),
        (id, pool, level4, pick) => {
          const f = framework(id);
          let p = 0;
          const slots: { code: string; key: string }[] = [];
          const criteria = listCriteria(f).map((c) => {
            const marks: CriterionMarks = {};
            for (const i of c.indicators) {
              const key = indicatorMarkKey(i);
              slots.push({ code: c.code, key });
              const m = pool[p++ % pool.length];
              if (m !== undefined) marks[key] = m;
            }
            return { criterionCode: c.code, marks };
          });
          const l4 = level4.slice(0, f.level4Items.length);
          const before = computeAssessmentResults(f, { criteria, level4: l4 });
          const slot = slots[pick % slots.length]!;
          const raised = criteria.map((c) =>
            c.criterionCode === slot.code ? { ...c, marks: { ...c.marks, [slot.key]: true } } : c,
          );
          const after = computeAssessmentResults(f, { criteria: raised, level4: l4 });
          expect(after.school.schoolLevel).toBeGreaterThanOrEqual(before.school.schoolLevel);
          const cBefore = before.criteria[slot.code]!;
          const cAfter = after.criteria[slot.code]!;
          expect(cAfter.atLeast).toBeGreaterThanOrEqual(cBefore.atLeast);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('raising one criterion level (or one Mức 4 item) never lowers the school level', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 28, maxLength: 28 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.nat(),
        (id, raw, level4, pick) => {
          const f = framework(id);
          const codes = listCriteria(f).map((c) => c.code);
          const levels = Object.fromEntries(
            codes.map((c, i) => [c, Math.min(raw[i]!, criterionMaxLevel(f, c))]),
          );
          const l4 = level4.slice(0, f.level4Items.length);
          const before = schoolLevel(f, levels, l4).schoolLevel;
          const code = codes[pick % codes.length]!;
          const raisedLevels = {
            ...levels,
            [code]: Math.min(levels[code]! + 1, criterionMaxLevel(f, code)),
          };
          expect(schoolLevel(f, raisedLevels, l4).schoolLevel).toBeGreaterThanOrEqual(before);
          if (l4.length > 0) {
            const raisedL4 = l4.map((v, i) => v || i === pick % l4.length);
            expect(schoolLevel(f, levels, raisedL4).schoolLevel).toBeGreaterThanOrEqual(before);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('validateSchoolLevelInput', () => {
  const tt17 = framework('TT17');
  const full = levelsAll(tt17, 3);

  it('accepts a complete 2018 input and an id with a version', () => {
    const result = validateSchoolLevelInput({
      framework: 'TT19@2',
      criteria: levelsAll(framework('TT19@2'), 2),
      level4Met: [true, true, true, true, true, true],
    });
    expect(result.ok).toBe(true);
    const tt57 = validateSchoolLevelInput({
      framework: 'TT57-GDTX',
      criteria: levelsAll(framework('TT57-GDTX'), 1),
    });
    expect(tt57.ok).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['unknown framework', { framework: 'TT99', criteria: {} }, 'Bộ tiêu chuẩn "TT99" không có'],
    ['unknown version', { framework: 'TT17@9', criteria: {} }, 'Bộ tiêu chuẩn "TT17@9" không có'],
    ['no framework', { criteria: {} }, 'Thiếu "framework"'],
    ['not an object', [1, 2], 'đối tượng JSON'],
    [
      'missing criterion',
      { framework: 'TT17', criteria: { ...full, '1.1': undefined } },
      'Thiếu mức của tiêu chí: 1.1',
    ],
    [
      'unknown criterion',
      { framework: 'TT17', criteria: { ...full, '9.9': 1 } },
      'Tiêu chí 9.9 không có trong TT17',
    ],
    [
      'level the criterion has not',
      { framework: 'TT17', criteria: { ...full, '1.2': 3 } },
      'Tiêu chí 1.2 không có Mức 3',
    ],
    [
      'TT57 Mức 3',
      { framework: 'TT57-PT', criteria: { ...levelsAll(framework('TT57-PT'), 2), '1.1': 3 } },
      'Tiêu chí 1.1 không có Mức 3',
    ],
    ['negative level', { framework: 'TT17', criteria: { ...full, '1.1': -1 } }, 'số nguyên từ 0'],
    [
      'level4Met wrong length',
      { framework: 'TT17', criteria: full, level4Met: [true] },
      'có 1 giá trị nhưng TT17 có 5 yêu cầu Mức 4',
    ],
    [
      'level4Met on TT57',
      { framework: 'TT57-MN', criteria: levelsAll(framework('TT57-MN'), 2), level4Met: [] },
      'Thông tư 57 không có Mức 4',
    ],
  ])('refuses: %s', (_name, json, message) => {
    const result = validateSchoolLevelInput(JSON.parse(JSON.stringify(json)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join(' ')).toContain(message);
  });
});
