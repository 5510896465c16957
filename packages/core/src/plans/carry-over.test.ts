import { describe, expect, it } from 'vitest';
import { isRowFinished } from './carry-over.ts';

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
