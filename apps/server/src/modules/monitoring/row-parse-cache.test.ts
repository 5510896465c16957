import { parsePeople, parseTime } from '@caitien/core';
import { describe, expect, it } from 'vitest';
import { rowPeopleValue, rowTimeValue } from './row-parse-cache.ts';

describe('row parse cache', () => {
  it('answers what the parsers answer, the same object when asked again', () => {
    const first = rowTimeValue('10 – 01', '2025-2026');
    expect(first).toEqual(parseTime('10 – 01', { schoolYear: '2025-2026' }).value);
    expect(rowTimeValue('10 – 01', '2025-2026')).toBe(first);
    // Another school year is another key.
    expect(rowTimeValue('10 – 01', '2026-2027')?.start).toBe('2026-10');
    expect(rowTimeValue('10 – 01', null)).toEqual({ ...first, start: null, end: null });
  });

  it('never answers from an older directory: a teacher added later finds their row', () => {
    const before = { people: [], groups: [] };
    const after = {
      people: [{ id: 'p-binh', fullName: 'Trần Văn Bình', position: 'Giáo viên' }],
      groups: [],
    };
    expect(rowPeopleValue('Trần Văn Bình', '', before)?.lead?.personIds ?? []).toEqual([]);
    const found = rowPeopleValue('Trần Văn Bình', 'Lê Thị Cúc', after);
    expect(found).toEqual(
      parsePeople('Trần Văn Bình', after, { coordinatorsText: 'Lê Thị Cúc' }).value,
    );
    expect(found?.lead?.personIds).toEqual(['p-binh']);
    // An equal directory read again by the next request hits the same entry.
    expect(rowPeopleValue('Trần Văn Bình', 'Lê Thị Cúc', structuredClone(after))).toBe(found);
  });
});
