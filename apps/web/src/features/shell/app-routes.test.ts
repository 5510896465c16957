import { describe, expect, test } from 'vitest';
import { hrefs, matchRoute, routeAudience, safeNext } from './app-routes.ts';

describe('app routes', () => {
  test('every screen has its Vietnamese path, and links lead back to it', () => {
    expect(matchRoute('/')).toEqual({ name: 'frameworks' });
    expect(matchRoute('/thiet-lap')).toEqual({ name: 'setup' });
    expect(matchRoute('/dang-nhap/')).toEqual({ name: 'login' });
    expect(matchRoute('/dat-lai-mat-khau')).toEqual({ name: 'resetPassword' });
    expect(matchRoute(hrefs.units)).toEqual({ name: 'units' });
    expect(matchRoute(hrefs.users)).toEqual({ name: 'users' });
    expect(matchRoute(hrefs.backgroundWork)).toEqual({ name: 'backgroundWork' });
    expect(matchRoute(hrefs.school('abc', 'nhan-su'))).toEqual({
      name: 'school',
      schoolId: 'abc',
      tab: 'nhan-su',
    });
    expect(matchRoute('/truong/abc')).toEqual({ name: 'school', schoolId: 'abc', tab: 'ho-so' });
    expect(matchRoute('/truong/abc/khong-co')).toEqual({ name: 'notFound' });
    expect(matchRoute(hrefs.plans('abc'))).toEqual({
      name: 'school',
      schoolId: 'abc',
      tab: 'ke-hoach',
    });
    expect(matchRoute(hrefs.plan('p1'))).toEqual({ name: 'plan', planId: 'p1' });
    expect(matchRoute('/ke-hoach/p1/them')).toEqual({ name: 'notFound' });
    expect(matchRoute('/khong-co')).toEqual({ name: 'notFound' });
    expect(matchRoute(hrefs.myTasks())).toEqual({ name: 'myTasks' });
    expect(hrefs.myTasks({ planId: 'p1', rowId: 'r1' })).toBe('/viec-cua-toi?dong=p1%3Ar1');
    expect(matchRoute(hrefs.notificationSettings)).toEqual({ name: 'notificationSettings' });
    expect(routeAudience({ name: 'myTasks' })).toBe('session');
  });

  test('the self-assessment: its tab, its page and the parts of it a link opens', () => {
    expect(matchRoute(hrefs.school('abc', 'tu-danh-gia'))).toEqual({
      name: 'school',
      schoolId: 'abc',
      tab: 'tu-danh-gia',
    });
    expect(matchRoute(hrefs.assessment('a1'))).toEqual({ name: 'assessment', assessmentId: 'a1' });
    expect(hrefs.assessment('a1', { section: 'tieu-chi', criterion: '1.10' })).toBe(
      '/tu-danh-gia/a1?muc=tieu-chi&tc=1.10',
    );
    expect(hrefs.assessment('a 1', { section: 'minh-chung', evidence: 'e1' })).toBe(
      '/tu-danh-gia/a%201?muc=minh-chung&mc=e1',
    );
    expect(matchRoute('/tu-danh-gia/a1/them')).toEqual({ name: 'notFound' });
    expect(routeAudience({ name: 'assessment', assessmentId: 'a1' })).toBe('session');
  });

  test('who may open what', () => {
    expect(routeAudience({ name: 'frameworks' })).toBe('public');
    expect(routeAudience({ name: 'login' })).toBe('guest');
    expect(routeAudience({ name: 'school', schoolId: 'x', tab: 'ho-so' })).toBe('session');
  });

  test('"next" after sign-in stays inside the app', () => {
    expect(safeNext(`?next=${encodeURIComponent('/truong/a/ho-so?x=1')}`)).toBe(
      '/truong/a/ho-so?x=1',
    );
    expect(safeNext('?next=//evil.example/x')).toBeNull();
    expect(safeNext('?next=https://evil.example')).toBeNull();
    expect(safeNext('?next=/\\evil.example')).toBeNull();
    expect(safeNext('')).toBeNull();
    expect(hrefs.login('/quan-tri/don-vi')).toBe('/dang-nhap?next=%2Fquan-tri%2Fdon-vi');
  });
});
