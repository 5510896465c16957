import { describe, expect, test } from 'vitest';
import { frameworkHref, parseFrameworkLocation } from './framework-url.ts';

describe('framework screen URL', () => {
  test('reads framework, criterion and search from the query string', () => {
    expect(parseFrameworkLocation('?framework=TT17%401&criterion=1.1&q=phuong+huong')).toEqual({
      framework: 'TT17@1',
      criterion: '1.1',
      q: 'phuong huong',
    });
    expect(parseFrameworkLocation('')).toEqual({ framework: null, criterion: null, q: '' });
  });

  test('writes shareable links, dropping empty parts', () => {
    expect(frameworkHref({ framework: 'TT17', criterion: '1.1', q: '' })).toBe(
      '?framework=TT17&criterion=1.1',
    );
    expect(frameworkHref({ framework: 'TT17@1', criterion: null, q: 'đội ngũ' })).toBe(
      '?framework=TT17%401&q=%C4%91%E1%BB%99i+ng%C5%A9',
    );
    expect(frameworkHref({ framework: null, criterion: '1.1', q: 'x' })).toBe('/');
  });

  test('round-trips', () => {
    const state = { framework: 'TT57-PT', criterion: '2.1', q: 'an toàn' };
    expect(parseFrameworkLocation(frameworkHref(state))).toEqual(state);
  });
});
