import { decodeLegacyVietnamese, type LegacyVietnameseEncoding } from '@caitien/core';

/**
 * Test support: Unicode Vietnamese typed as it is stored under a legacy font (TCVN3 `.VnTime`, VNI
 * `VNI-Times`), to build plan files "typed in" those fonts. The encoders are the inverse of the
 * core decoder (whose tables are checked against the encodings' layout in core's own tests); every
 * text a fixture encodes is decoded back here, so a letter the encoding lacks fails loudly.
 */

const LATIN_1 = Array.from({ length: 0xff - 0xa0 }, (_, i) => String.fromCharCode(0xa1 + i));
const VNI_BASES = ['a', 'e', 'i', 'o', 'u', 'y', 'ô', 'ö'];

function inverse(encoding: LegacyVietnameseEncoding): Map<string, string> {
  const codes = new Map<string, string>();
  // Single codes first: a letter with a code of its own (VNI í, ơ) is typed with it.
  for (const code of LATIN_1) {
    const letter = decodeLegacyVietnamese(code, encoding);
    if (letter !== code && [...letter].length === 1 && !codes.has(letter)) codes.set(letter, code);
  }
  if (encoding === 'vni') {
    for (const base of [...VNI_BASES, ...VNI_BASES.map((b) => b.toUpperCase())]) {
      const upper = base === base.toUpperCase();
      for (const mark of LATIN_1) {
        // Marks in the case of their letter; the dot below is î after y, ï after any other vowel.
        if (mark !== (upper ? mark.toUpperCase() : mark.toLowerCase())) continue;
        const isY = base === 'y' || base === 'Y';
        if (/[îÎ]/.test(mark) !== isY && /[îÎïÏ]/.test(mark)) continue;
        const letter = decodeLegacyVietnamese(base + mark, encoding);
        if ([...letter].length === 1 && !codes.has(letter)) codes.set(letter, base + mark);
      }
    }
  }
  return codes;
}

const INVERSES = { tcvn3: inverse('tcvn3'), vni: inverse('vni') };

/**
 * `text` as typed in a legacy font. TCVN3 has no toned capitals: those are typed in lower case (as
 * in the "H" fonts, which show them as capitals), so use TCVN3 text in a .VnTimeH font or keep
 * toned letters lower case.
 */
export function encodeLegacy(text: string, encoding: LegacyVietnameseEncoding): string {
  const codes = INVERSES[encoding];
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const lower = ch.toLowerCase();
    out += codes.get(ch) ?? (encoding === 'tcvn3' ? codes.get(lower) : undefined) ?? ch;
  }
  const expected = encoding === 'tcvn3' ? null : text.normalize('NFC');
  if (expected !== null && decodeLegacyVietnamese(out, encoding) !== expected) {
    throw new Error(`encodeLegacy: “${text}” cannot be typed in ${encoding}`);
  }
  if (
    encoding === 'tcvn3' &&
    decodeLegacyVietnamese(out, encoding).toUpperCase() !== text.toUpperCase()
  ) {
    throw new Error(`encodeLegacy: “${text}” cannot be typed in ${encoding}`);
  }
  return out;
}
