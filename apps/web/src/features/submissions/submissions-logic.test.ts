import { describe, expect, test } from 'vitest';
import { hrefs, matchRoute, routeAudience } from '../shell/app-routes.ts';
import {
  hasFilters,
  inboxQuery,
  inboxSearch,
  pageCount,
  parseInboxFilters,
  schoolYearChoices,
  shortHash,
  stateTone,
} from './submissions-logic.ts';

describe('submissions on the web', () => {
  test('the addresses the notifications link to open the inbox and the school tab', () => {
    expect(matchRoute('/hop-van-ban')).toEqual({ name: 'officeInbox' });
    expect(hrefs.officeInbox('s 1')).toBe('/hop-van-ban?van-ban=s%201');
    expect(matchRoute('/truong/abc/van-ban-da-gui')).toEqual({
      name: 'school',
      schoolId: 'abc',
      tab: 'van-ban-da-gui',
    });
    expect(routeAudience({ name: 'officeInbox' })).toBe('session');
  });

  test('filters survive the address bar, unknown values are dropped, other parameters kept', () => {
    const filters = parseInboxFilters(
      '?van-ban=s1&trang-thai=unread&cap-hoc=thcs&nam-hoc=2026-2027&loai=plan&xa=c1&trang=3&moi-nhat=1',
    );
    expect(filters).toEqual({
      unitId: null,
      communeId: 'c1',
      schoolLevel: 'thcs',
      schoolYear: '2026-2027',
      state: 'unread',
      kind: 'plan',
      latestOnly: true,
      page: 3,
    });
    expect(hasFilters(filters)).toBe(true);
    const bad = parseInboxFilters('?trang-thai=deleted&cap-hoc=dai-hoc&nam-hoc=2026&trang=-2');
    expect(bad).toMatchObject({ state: null, schoolLevel: null, schoolYear: null, page: 1 });
    expect(hasFilters(bad)).toBe(false);

    const next = inboxSearch('?van-ban=s1&trang=3', { ...filters, state: 'read', page: 1 });
    const params = new URLSearchParams(next);
    expect(params.get('van-ban')).toBe('s1');
    expect(params.get('trang-thai')).toBe('read');
    expect(params.has('trang')).toBe(false);
    expect(parseInboxFilters(next)).toEqual({ ...filters, state: 'read', page: 1 });
  });

  test('the API query leaves out what is not filtered', () => {
    expect(inboxQuery(parseInboxFilters(''), 25)).toEqual({
      unitId: undefined,
      communeId: undefined,
      schoolLevel: undefined,
      schoolYear: undefined,
      state: undefined,
      kind: undefined,
      latestOnly: undefined,
      page: 1,
      pageSize: 25,
    });
    expect(inboxQuery(parseInboxFilters('?moi-nhat=1&trang=2'), 10)).toMatchObject({
      latestOnly: 'true',
      page: 2,
    });
  });

  test('hashes, tones, pages and school years', () => {
    expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`);
    expect(shortHash('abc')).toBe('abc');
    expect(stateTone('unread')).toBe('warning');
    expect(stateTone('accepted')).toBe('success');
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(51, 25)).toBe(3);
    // 20 October 2026 is in 2026-2027.
    expect(schoolYearChoices(new Date('2026-10-20T03:00:00Z'), ['2019-2020', 'x'])).toEqual([
      '2027-2028',
      '2026-2027',
      '2025-2026',
      '2024-2025',
      '2019-2020',
    ]);
  });
});
