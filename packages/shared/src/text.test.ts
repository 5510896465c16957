import { describe, expect, it } from 'vitest';
import { requiredName, userText } from './common.schemas.ts';
import { findBadCharacter, isInvisibleText, sanitizeImportedText } from './text.ts';

describe('text rules (issue 11)', () => {
  it('finds NUL, other controls and lone surrogates, not tab, line breaks or emoji', () => {
    expect(findBadCharacter('a\u0000b')).toEqual({ kind: 'nul', index: 1, codePoint: 0 });
    expect(findBadCharacter('a\u001Bb')?.kind).toBe('control');
    expect(findBadCharacter('a\u0085b')?.kind).toBe('control');
    expect(findBadCharacter('x\uD800')).toEqual({
      kind: 'lone_surrogate',
      index: 1,
      codePoint: 0xd800,
    });
    expect(findBadCharacter('\uDC00x')?.kind).toBe('lone_surrogate');
    expect(findBadCharacter('Tiến độ\tquý I\r\nđạt 😀')).toBeNull();
  });

  it('tells invisible-only text from text that says something', () => {
    for (const text of [
      '',
      ' ',
      '\u200B',
      '\u200C\u200D',
      '\u2060',
      '\uFEFF',
      '\u00A0',
      '\u3000',
      '\u00AD',
      '\u3164',
    ]) {
      expect(isInvisibleText(text)).toBe(true);
    }
    for (const text of ['a', '\u200BAn', '.', '😀', '-']) expect(isInvisibleText(text)).toBe(false);
  });

  it('removes controls, replaces lone surrogates and reports each, keeping the rest byte-exact', () => {
    const { text, replacements } = sanitizeImportedText('Lê\u0000 Văn\uD83D  An\t\n😀');
    expect(text).toBe('Lê Văn\uFFFD  An\t\n😀');
    expect(replacements).toEqual([
      { kind: 'nul', index: 2, codePoint: 0, replacement: '' },
      { kind: 'lone_surrogate', index: 7, codePoint: 0xd83d, replacement: '\uFFFD' },
    ]);
    expect(sanitizeImportedText('  đúng như gõ  ')).toEqual({
      text: '  đúng như gõ  ',
      replacements: [],
    });
  });

  it('gives zod schemas Vietnamese messages and keeps valid text as typed', () => {
    expect(userText(50).safeParse('  có\u00A0khoảng trắng  ').data).toBe(
      '  có\u00A0khoảng trắng  ',
    );
    const nul = userText(50).safeParse('a\u0000');
    expect(nul.error?.issues[0]?.message).toMatch(/NUL/);
    const invisible = requiredName(50).safeParse('\u200B\u00A0');
    expect(invisible.error?.issues[0]?.message).toMatch(/vô hình/);
    expect(requiredName(50).safeParse('').error?.issues[0]?.message).toBe('Không được để trống');
  });
});
