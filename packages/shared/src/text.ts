/**
 * What text the application can store and print, decided once (issue 11: bad text never reaches a
 * 500). PostgreSQL refuses NUL in text, XML (DOCX, XLSX) cannot hold most control characters, and a
 * lone UTF-16 surrogate cannot be encoded as UTF-8 at all; so typed text carrying them is refused
 * with a 400 (`common.schemas.ts`), and imported text has them replaced and reported
 * ({@link sanitizeImportedText}). Everything else is kept exactly as typed (CONTRACTS.md "Store
 * text exactly as typed"). Zod-free: the documents package and the web use it too.
 */

/** C0 and C1 control characters, DEL, and lone surrogates. Tab, LF and CR are not in it. */
const BAD_CHARACTER =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Characters that show nothing on their own: white space (including U+00A0, U+3000), format
 * characters (zero-width space/joiners U+200B–U+200D, word joiner U+2060, BOM U+FEFF, soft hyphen,
 * bidi marks), Hangul fillers, the braille blank and variation selectors.
 */
const INVISIBLE_ONLY =
  /^(?:[\s\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\u115F\u1160\u2800\u3164\uFFA0]|\u034F|\u17B4|\u17B5|\p{Variation_Selector})*$/u;

/** The kinds of character {@link findBadCharacter} reports. */
export type BadCharacterKind = 'nul' | 'control' | 'lone_surrogate';

/** A character that cannot be stored or printed, and where it is (UTF-16 index). */
export interface BadCharacter {
  kind: BadCharacterKind;
  /** Index of the character in the string (UTF-16 code units). */
  index: number;
  /** The code point, e.g. 0 for NUL, 0xD800 for a lone high surrogate. */
  codePoint: number;
}

function describe(match: RegExpExecArray): BadCharacter {
  const codePoint = match[0].charCodeAt(0);
  const kind: BadCharacterKind =
    codePoint === 0 ? 'nul' : codePoint >= 0xd800 ? 'lone_surrogate' : 'control';
  return { kind, index: match.index, codePoint };
}

/** The first character of `text` that cannot be stored (NUL, other controls, lone surrogates). */
export function findBadCharacter(text: string): BadCharacter | null {
  const pattern = new RegExp(BAD_CHARACTER.source, 'g');
  const match = pattern.exec(text);
  return match ? describe(match) : null;
}

/** Whether `text` shows nothing: empty, or only white space and invisible characters. */
export function isInvisibleText(text: string): boolean {
  return INVISIBLE_ONLY.test(text);
}

/** Formats a code point as Unicode writes it: U+0000, U+D800. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The Vietnamese message for a typed character that cannot be kept. */
export function badCharacterMessage(bad: BadCharacter): string {
  switch (bad.kind) {
    case 'nul':
      return `Có ký tự rỗng (NUL, U+0000) ở vị trí ${bad.index + 1}; hãy xóa ký tự này rồi lưu lại.`;
    case 'control':
      return (
        `Có ký tự điều khiển không in được (${codePointLabel(bad.codePoint)}) ở vị trí ` +
        `${bad.index + 1}; hãy xóa ký tự này rồi lưu lại.`
      );
    case 'lone_surrogate':
      return (
        `Có ký tự hỏng (${codePointLabel(bad.codePoint)}, nửa của một ký tự Unicode) ở vị trí ` +
        `${bad.index + 1}; hãy gõ lại đoạn chữ này.`
      );
  }
}

/** One replacement made by {@link sanitizeImportedText}. */
export interface TextReplacement extends BadCharacter {
  /** What was put instead: nothing (NUL, controls) or U+FFFD (a lone surrogate). */
  replacement: '' | '\uFFFD';
}

/**
 * Makes imported text storable: removes NUL and other control characters (tab, LF, CR are kept)
 * and replaces each lone surrogate with U+FFFD (the replacement character, so the reader sees where
 * something was lost). Everything else is kept byte for byte. Returns the text and what was changed
 * (indexes refer to the original text), for the import report.
 */
export function sanitizeImportedText(text: string): {
  text: string;
  replacements: TextReplacement[];
} {
  const replacements: TextReplacement[] = [];
  const cleaned = text.replace(new RegExp(BAD_CHARACTER.source, 'g'), (match, index: number) => {
    const codePoint = match.charCodeAt(0);
    const kind: BadCharacterKind =
      codePoint === 0 ? 'nul' : codePoint >= 0xd800 ? 'lone_surrogate' : 'control';
    const replacement = kind === 'lone_surrogate' ? '\uFFFD' : '';
    replacements.push({ kind, index, codePoint, replacement });
    return replacement;
  });
  return { text: cleaned, replacements };
}

/** Vietnamese description of a replacement, for import reports: "ký tự NUL (U+0000) đã bị xóa". */
export function replacementLabel(replacement: TextReplacement): string {
  const code = codePointLabel(replacement.codePoint);
  switch (replacement.kind) {
    case 'nul':
      return `ký tự rỗng NUL (${code}) đã bị xóa`;
    case 'control':
      return `ký tự điều khiển ${code} đã bị xóa`;
    case 'lone_surrogate':
      return `ký tự hỏng ${code} đã được thay bằng “\uFFFD”`;
  }
}
