import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isCalendarDate,
  lastDayOfMonth,
  monthOf,
  schoolDateOf,
  weekStartOf,
} from './school-clock.ts';

/**
 * "Today" is the date in Việt Nam (UTC+7): a UTC evening from 17:00 on is already the next day
 * there, and the machine's own zone never matters (the instants below are absolute).
 */
describe('schoolDateOf — the date in Asia/Ho_Chi_Minh', () => {
  it.each([
    // [instant, date in Việt Nam]
    ['2025-11-30T16:59:59.999Z', '2025-11-30'],
    ['2025-11-30T17:00:00.000Z', '2025-12-01'],
    ['2025-12-31T16:59:59.999Z', '2025-12-31'],
    ['2025-12-31T17:00:00.000Z', '2026-01-01'], // 31/12 → 1/1: a new calendar year
    ['2025-12-31T23:30:00.000Z', '2026-01-01'],
    ['2026-01-01T00:00:00.000Z', '2026-01-01'],
    ['2026-02-28T16:59:59.000Z', '2026-02-28'],
    ['2026-02-28T17:00:00.000Z', '2026-03-01'], // 2026 is not a leap year
    ['2028-02-28T17:00:00.000Z', '2028-02-29'], // 2028 is
    ['2028-02-29T17:00:00.000Z', '2028-03-01'],
    ['2024-02-28T20:00:00.000Z', '2024-02-29'],
    ['2026-05-31T17:00:00.000Z', '2026-06-01'], // end of the teaching year
    ['2026-07-31T17:00:00.000Z', '2026-08-01'], // end of the year window
    ['2026-06-30T18:00:00.000Z', '2026-07-01'],
  ])('%s is %s in Việt Nam', (instant, date) => {
    expect(schoolDateOf(new Date(instant))).toBe(date);
  });

  it('reads an instant written with its own offset (the CAITIEN_NOW form)', () => {
    expect(schoolDateOf(new Date('2026-02-15T09:00:00+07:00'))).toBe('2026-02-15');
    expect(schoolDateOf(new Date('2026-01-01T00:00:00+07:00'))).toBe('2026-01-01');
    expect(schoolDateOf(new Date('2025-12-31T23:59:59+07:00'))).toBe('2025-12-31');
    // Midnight in Paris on New Year's Eve is 06:00 on 1/1 in Việt Nam.
    expect(schoolDateOf(new Date('2026-01-01T00:00:00+01:00'))).toBe('2026-01-01');
    // 20:00 on 31/12 in New York is 08:00 on 1/1 in Việt Nam.
    expect(schoolDateOf(new Date('2025-12-31T20:00:00-05:00'))).toBe('2026-01-01');
  });

  it('every UTC hour of a day maps to that day before 17:00 and to the next from 17:00', () => {
    for (const day of ['2025-11-30', '2025-12-31', '2026-02-28', '2028-02-29', '2026-05-31']) {
      for (let hour = 0; hour < 24; hour += 1) {
        const instant = new Date(`${day}T${String(hour).padStart(2, '0')}:30:00Z`);
        expect(schoolDateOf(instant)).toBe(hour < 17 ? day : addDays(day, 1));
      }
    }
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2025-11', '2025-11-30'],
    ['2025-12', '2025-12-31'],
    ['2026-01', '2026-01-31'],
    ['2026-02', '2026-02-28'],
    ['2028-02', '2028-02-29'],
    ['2024-02', '2024-02-29'],
    ['2100-02', '2100-02-28'], // divisible by 100, not by 400
    ['2000-02', '2000-02-29'],
    ['2026-04', '2026-04-30'],
    ['2026-05', '2026-05-31'],
  ])('the last day of %s is %s', (month, day) => {
    expect(lastDayOfMonth(month)).toBe(day);
  });

  it('adds and counts days across month ends and the new year', () => {
    expect(addDays('2025-11-30', 1)).toBe('2025-12-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-05-17', 14)).toBe('2026-05-31');
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2025-12-31')).toBe(-1);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2025-09-05', '2026-05-31')).toBe(268);
    expect(daysBetween('2026-03-29', '2026-03-30')).toBe(1); // a European DST night: no effect
  });

  it('finds the Monday of a week, also across the new year', () => {
    expect(weekStartOf('2026-01-01')).toBe('2025-12-29'); // a Thursday
    expect(weekStartOf('2025-12-29')).toBe('2025-12-29'); // a Monday
    expect(weekStartOf('2026-01-04')).toBe('2025-12-29'); // a Sunday
    expect(weekStartOf('2028-03-01')).toBe('2028-02-28');
  });

  it('knows real calendar dates and months', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('01/01/2026')).toBe(false);
    expect(monthOf('2026-01-01')).toBe('2026-01');
  });
});
