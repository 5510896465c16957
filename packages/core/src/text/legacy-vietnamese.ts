/**
 * Vietnamese typed in the pre-Unicode 8-bit encodings, read back as Unicode (issue 16).
 *
 * Documents typed before Unicode keyboards became the norm use fonts whose glyphs sit at the byte
 * values of an 8-bit Vietnamese encoding: TCVN3 (TCVN 5712:1993 VN3, the "ABC" fonts `.VnTime`,
 * `.VnArial`, … and their all-capital "H" variants `.VnTimeH`, `.VnArialH`) and VNI (VNI-Windows,
 * fonts `VNI-Times`, `VNI-Helve`, …). Word and Excel store those bytes as the Windows-1252/Latin-1
 * characters of the same value, so the text reads as mojibake ("Tr­êng", "Tröôøng") once the font
 * is gone. Which encoding a text is in is told by its font, never guessed from the text.
 *
 * Decisions (the importer relies on them):
 * - Only characters of the legacy repertoire are converted (TCVN3: the Latin-1 code points of its
 *   table; VNI: the Latin-1 letters and marks it uses); ASCII, digits, punctuation and everything
 *   else stay as they are. That is what the font shows: the glyphs of those code points.
 * - A text that already holds a Vietnamese letter outside Latin-1 (ă, đ, ơ, ư, ĩ, ũ, ạ … ỹ) cannot
 *   have been typed in the legacy encoding: it is Unicode typed (or converted) under an old font
 *   name, and it is returned unchanged (`á` there is a Unicode á, not TCVN3 "ó").
 * - Characters a symbol-flagged font stores in the private use area (U+F020–U+F0FF, the byte plus
 *   U+F000) are read as their byte.
 * - The result is NFC.
 */

/** The two legacy 8-bit encodings of Vietnamese fonts. */
export type LegacyVietnameseEncoding = 'tcvn3' | 'vni';

/**
 * TCVN3 (VN3 / ABC): each code point (the byte, as Latin-1) → the Vietnamese letter its glyph shows
 * in the lower-case fonts. The capitals with a tone mark have no code: upper-case text is typed
 * with the same codes in an "H" font, whose glyphs are all capitals.
 */
const TCVN3_PAIRS: readonly (readonly [number, string])[] = [
  [0xa1, 'Ă'],
  [0xa2, 'Â'],
  [0xa3, 'Ê'],
  [0xa4, 'Ô'],
  [0xa5, 'Ơ'],
  [0xa6, 'Ư'],
  [0xa7, 'Đ'],
  [0xa8, 'ă'],
  [0xa9, 'â'],
  [0xaa, 'ê'],
  [0xab, 'ô'],
  [0xac, 'ơ'],
  [0xad, 'ư'],
  [0xae, 'đ'],
  [0xb5, 'à'],
  [0xb6, 'ả'],
  [0xb7, 'ã'],
  [0xb8, 'á'],
  [0xb9, 'ạ'],
  [0xbb, 'ằ'],
  [0xbc, 'ẳ'],
  [0xbd, 'ẵ'],
  [0xbe, 'ắ'],
  [0xc6, 'ặ'],
  [0xc7, 'ầ'],
  [0xc8, 'ẩ'],
  [0xc9, 'ẫ'],
  [0xca, 'ấ'],
  [0xcb, 'ậ'],
  [0xcc, 'è'],
  [0xce, 'ẻ'],
  [0xcf, 'ẽ'],
  [0xd0, 'é'],
  [0xd1, 'ẹ'],
  [0xd2, 'ề'],
  [0xd3, 'ể'],
  [0xd4, 'ễ'],
  [0xd5, 'ế'],
  [0xd6, 'ệ'],
  [0xd7, 'ì'],
  [0xd8, 'ỉ'],
  [0xdc, 'ĩ'],
  [0xdd, 'í'],
  [0xde, 'ị'],
  [0xdf, 'ò'],
  [0xe1, 'ỏ'],
  [0xe2, 'õ'],
  [0xe3, 'ó'],
  [0xe4, 'ọ'],
  [0xe5, 'ồ'],
  [0xe6, 'ổ'],
  [0xe7, 'ỗ'],
  [0xe8, 'ố'],
  [0xe9, 'ộ'],
  [0xea, 'ờ'],
  [0xeb, 'ở'],
  [0xec, 'ỡ'],
  [0xed, 'ớ'],
  [0xee, 'ợ'],
  [0xef, 'ù'],
  [0xf1, 'ủ'],
  [0xf2, 'ũ'],
  [0xf3, 'ú'],
  [0xf4, 'ụ'],
  [0xf5, 'ừ'],
  [0xf6, 'ử'],
  [0xf7, 'ữ'],
  [0xf8, 'ứ'],
  [0xf9, 'ự'],
  [0xfa, 'ỳ'],
  [0xfb, 'ỷ'],
  [0xfc, 'ỹ'],
  [0xfd, 'ý'],
  [0xfe, 'ỵ'],
];

const TCVN3 = new Map<string, string>(
  TCVN3_PAIRS.map(([code, letter]) => [String.fromCharCode(code), letter]),
);

const ACUTE = '\u0301';
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT_BELOW = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';

/**
 * VNI-Windows: a toned vowel is its base letter followed by a mark character (a + ù = á, a + â = â,
 * a + á = ấ, a + é = ắ), so each mark maps to the Unicode combining marks it stands for and NFC
 * composes them with the letter before it. The marks have an upper-case form used after capitals;
 * both are read. ơ, ư, đ and the toned i are single characters of their own.
 */
const VNI_LOWER: Readonly<Record<string, string>> = {
  // Letters of their own.
  ô: 'ơ',
  ö: 'ư',
  ñ: 'đ',
  í: 'í',
  ì: 'ì',
  æ: 'ỉ',
  ó: 'ĩ',
  ò: 'ị',
  // Tone marks.
  ù: ACUTE,
  ø: GRAVE,
  û: HOOK,
  õ: TILDE,
  ï: DOT_BELOW,
  // The dot below drawn for y (ỵ = y + î).
  î: DOT_BELOW,
  // Vowel marks, alone and with a tone.
  â: CIRCUMFLEX,
  á: CIRCUMFLEX + ACUTE,
  à: CIRCUMFLEX + GRAVE,
  å: CIRCUMFLEX + HOOK,
  ã: CIRCUMFLEX + TILDE,
  ä: CIRCUMFLEX + DOT_BELOW,
  ê: BREVE,
  é: BREVE + ACUTE,
  è: BREVE + GRAVE,
  ú: BREVE + HOOK,
  ü: BREVE + TILDE,
  ë: BREVE + DOT_BELOW,
};

const VNI = new Map<string, string>();
for (const [code, meaning] of Object.entries(VNI_LOWER)) {
  VNI.set(code, meaning);
  // The upper-case code (Ô, Ö, Ñ, Í, Ù, Â, …) stands for the capital letter, or the same mark.
  VNI.set(code.toUpperCase(), meaning.toUpperCase());
}

/** Vietnamese letters outside Latin-1: their presence means the text is Unicode already. */
const UNICODE_VIETNAMESE =
  /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/u;
/** A byte stored by a symbol-flagged font in the private use area (U+F000 + byte). */
const PRIVATE_USE_BYTE = /[\uf020-\uf0ff]/gu;

function fontFamily(fontName: string): string {
  return fontName.trim().replace(/^["']|["']$/g, '');
}

/**
 * The legacy encoding a font's glyphs follow, from its name: `.Vn…` fonts (`.VnTime`, `.VnTimeH`,
 * `.VnArial`, …) are TCVN3, `VNI-…` fonts (`VNI-Times`, `VNI-Helve`, …) are VNI; any other font
 * (Unicode fonts such as Times New Roman) gives null.
 */
export function legacyEncodingOfFont(
  fontName: string | null | undefined,
): LegacyVietnameseEncoding | null {
  if (typeof fontName !== 'string') return null;
  const family = fontFamily(fontName);
  if (/^\.vn\S/i.test(family)) return 'tcvn3';
  if (/^vni[-_ ]\S/i.test(family)) return 'vni';
  return null;
}

/**
 * Whether a legacy font shows every letter as a capital: the TCVN3 "H" fonts (`.VnTimeH`,
 * `.VnArialH`, `.VnArial NarrowH`), whose lower-case code points hold capital glyphs.
 */
export function isUpperCaseLegacyFont(fontName: string | null | undefined): boolean {
  if (typeof fontName !== 'string') return false;
  const family = fontFamily(fontName);
  return legacyEncodingOfFont(family) === 'tcvn3' && /H$/.test(family);
}

/**
 * Converts text typed in a legacy Vietnamese encoding to Unicode (NFC). `upperCase` reads the text
 * as a TCVN3 "H" font shows it (all capitals). Text that already holds Vietnamese letters outside
 * Latin-1 is Unicode and comes back unchanged; characters outside the encoding's repertoire
 * (ASCII, digits, punctuation) are kept.
 *
 * @example decodeLegacyVietnamese('Tr\u00adêng TiÓu häc', 'tcvn3') === 'Trường Tiểu học'
 * @example decodeLegacyVietnamese('Tröôøng Tieåu hoïc', 'vni') === 'Trường Tiểu học'
 */
export function decodeLegacyVietnamese(
  text: string,
  encoding: LegacyVietnameseEncoding,
  options: { upperCase?: boolean } = {},
): string {
  if (text === '' || isUnicodeVietnamese(text)) return text;
  const bytes = text.replace(PRIVATE_USE_BYTE, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - 0xf000),
  );
  const table = encoding === 'tcvn3' ? TCVN3 : VNI;
  let decoded = '';
  for (const ch of bytes) decoded += table.get(ch) ?? ch;
  if (options.upperCase) decoded = decoded.toUpperCase();
  return decoded.normalize('NFC');
}

/** Whether the text holds a Vietnamese letter no legacy 8-bit encoding stores as such. */
export function isUnicodeVietnamese(text: string): boolean {
  return UNICODE_VIETNAMESE.test(text);
}

/**
 * The text as a legacy font shows it: decoded when `fontName` is a TCVN3 or VNI font (capitals for
 * the "H" fonts), unchanged otherwise.
 */
export function decodeLegacyFontText(text: string, fontName: string | null | undefined): string {
  const encoding = legacyEncodingOfFont(fontName);
  if (!encoding) return text;
  return decodeLegacyVietnamese(text, encoding, { upperCase: isUpperCaseLegacyFont(fontName) });
}
