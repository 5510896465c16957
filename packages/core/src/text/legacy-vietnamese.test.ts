import { describe, expect, it } from 'vitest';
import {
  decodeLegacyFontText,
  decodeLegacyVietnamese,
  isUnicodeVietnamese,
  isUpperCaseLegacyFont,
  legacyEncodingOfFont,
} from './legacy-vietnamese.ts';

/**
 * The legacy tables are checked against encoders written here from the encodings' own layout (not
 * from the module's tables): every Vietnamese vowel with every tone, in both cases, plus đ, goes
 * through each encoder and comes back; real sentences typed in both encodings read as Unicode.
 */

const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'] as const; // none, huyền, hỏi, ngã, sắc, nặng
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;

/** Every toned lower-case vowel (72) as NFC text, with its vowel and tone index. */
const LETTERS = VOWELS.flatMap((vowel) =>
  TONES.map((tone, toneIndex) => ({
    vowel,
    toneIndex,
    letter: (vowel + tone).normalize('NFC'),
  })),
);

/**
 * TCVN 5712:1993 (VN3), laid out as the standard's table: per vowel, the code of the plain vowel
 * then huyền, hỏi, ngã, sắc, nặng.
 */
const TCVN3_GRID: Record<(typeof VOWELS)[number], readonly number[]> = {
  a: [0x61, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9],
  ă: [0xa8, 0xbb, 0xbc, 0xbd, 0xbe, 0xc6],
  â: [0xa9, 0xc7, 0xc8, 0xc9, 0xca, 0xcb],
  e: [0x65, 0xcc, 0xce, 0xcf, 0xd0, 0xd1],
  ê: [0xaa, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6],
  i: [0x69, 0xd7, 0xd8, 0xdc, 0xdd, 0xde],
  o: [0x6f, 0xdf, 0xe1, 0xe2, 0xe3, 0xe4],
  ô: [0xab, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9],
  ơ: [0xac, 0xea, 0xeb, 0xec, 0xed, 0xee],
  u: [0x75, 0xef, 0xf1, 0xf2, 0xf3, 0xf4],
  ư: [0xad, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9],
  y: [0x79, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe],
};
/** The capitals TCVN3 has codes for (no tone): Ă Â Ê Ô Ơ Ư Đ. */
const TCVN3_CAPITALS: Record<string, number> = {
  Ă: 0xa1,
  Â: 0xa2,
  Ê: 0xa3,
  Ô: 0xa4,
  Ơ: 0xa5,
  Ư: 0xa6,
  Đ: 0xa7,
};

/**
 * Encodes Vietnamese to TCVN3 (the code points Word keeps for a .VnTime run): lower case, the
 * toneless capitals it has, ASCII capitals.
 */
function encodeTcvn3(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === 'đ') {
      out += '\u00ae';
      continue;
    }
    const capital = TCVN3_CAPITALS[ch];
    if (capital !== undefined) {
      out += String.fromCharCode(capital);
      continue;
    }
    const found = LETTERS.find((l) => l.letter === ch);
    out += found ? String.fromCharCode(TCVN3_GRID[found.vowel][found.toneIndex] ?? 0) : ch;
  }
  return out;
}

/** VNI tone keys after a plain vowel, and the combined codes after â/ê/ô (circumflex) and ă (breve). */
const VNI_TONE = ['', 'ø', 'û', 'õ', 'ù', 'ï'];
const VNI_CIRCUMFLEX = ['â', 'à', 'å', 'ã', 'á', 'ä'];
const VNI_BREVE = ['ê', 'è', 'ú', 'ü', 'é', 'ë'];
const VNI_I = ['i', 'ì', 'æ', 'ó', 'í', 'ò'];

/** Encodes Vietnamese (either case) to VNI-Windows, as a VNI keyboard types it. */
function encodeVni(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    let code: string;
    const found = LETTERS.find((l) => l.letter === lower);
    if (lower === 'đ') code = 'ñ';
    else if (!found) code = lower;
    else {
      const t = found.toneIndex;
      switch (found.vowel) {
        case 'i':
          code = VNI_I[t] ?? '';
          break;
        case 'â':
        case 'ê':
        case 'ô':
          code = `${found.vowel === 'â' ? 'a' : found.vowel === 'ê' ? 'e' : 'o'}${VNI_CIRCUMFLEX[t]}`;
          break;
        case 'ă':
          code = `a${VNI_BREVE[t]}`;
          break;
        case 'ơ':
          code = `ô${VNI_TONE[t]}`;
          break;
        case 'ư':
          code = `ö${VNI_TONE[t]}`;
          break;
        case 'y':
          code = `y${t === 5 ? 'î' : VNI_TONE[t]}`;
          break;
        case 'a':
        case 'e':
        case 'o':
        case 'u':
          code = `${found.vowel}${VNI_TONE[t]}`;
      }
    }
    out += upper ? code.toUpperCase() : code;
  }
  return out;
}

describe('legacyEncodingOfFont', () => {
  it.each([
    ['.VnTime', 'tcvn3'],
    ['.VnTimeH', 'tcvn3'],
    ['.VnArial', 'tcvn3'],
    ['.VnArialH', 'tcvn3'],
    ['.VnArial NarrowH', 'tcvn3'],
    ['.vntime', 'tcvn3'],
    [' .VnCentury Schoolbook ', 'tcvn3'],
    ['VNI-Times', 'vni'],
    ['VNI-Helve', 'vni'],
    ['vni-aptima', 'vni'],
    ['Times New Roman', null],
    ['Arial', null],
    ['VnTime', null],
    ['.Vn', null],
    ['VNIMAGE', null],
    ['', null],
    [null, null],
    [undefined, null],
  ] as const)('%j → %j', (font, expected) => {
    expect(legacyEncodingOfFont(font)).toBe(expected);
  });

  it('knows the upper-case "H" fonts of TCVN3', () => {
    expect(isUpperCaseLegacyFont('.VnTimeH')).toBe(true);
    expect(isUpperCaseLegacyFont('.VnArial NarrowH')).toBe(true);
    expect(isUpperCaseLegacyFont('.VnTime')).toBe(false);
    expect(isUpperCaseLegacyFont('.VnSouth')).toBe(false);
    expect(isUpperCaseLegacyFont('Arial H')).toBe(false);
    expect(isUpperCaseLegacyFont('VNI-Times')).toBe(false);
  });
});

describe('decodeLegacyVietnamese — TCVN3', () => {
  it('decodes every vowel with every tone (72 letters) and đ', () => {
    expect(LETTERS).toHaveLength(72);
    for (const { letter } of LETTERS) {
      expect(decodeLegacyVietnamese(encodeTcvn3(letter), 'tcvn3')).toBe(letter);
    }
    expect(decodeLegacyVietnamese('\u00ae', 'tcvn3')).toBe('đ');
  });

  it('gives 72 distinct letters for the 72 codes (no two codes alike)', () => {
    const decoded = new Set(
      LETTERS.map(({ letter }) => decodeLegacyVietnamese(encodeTcvn3(letter), 'tcvn3')),
    );
    expect(decoded.size).toBe(72);
  });

  it('decodes the toneless capitals it has codes for', () => {
    for (const [letter, code] of Object.entries(TCVN3_CAPITALS)) {
      expect(decodeLegacyVietnamese(String.fromCharCode(code), 'tcvn3')).toBe(letter);
    }
  });

  it('reads every letter as a capital in the "H" fonts', () => {
    for (const { letter } of LETTERS) {
      expect(decodeLegacyVietnamese(encodeTcvn3(letter), 'tcvn3', { upperCase: true })).toBe(
        letter.toUpperCase(),
      );
    }
    expect(decodeLegacyFontText('tr\u00adêng tiÓu häc §Þnh hiÖp', '.VnTimeH')).toBe(
      'TRƯỜNG TIỂU HỌC ĐỊNH HIỆP',
    );
  });

  it.each([
    [
      'KÕ ho¹ch c¶i tiÕn chÊt l\u00adîng gi¸o dôc n¨m häc 2024-2025',
      'Kế hoạch cải tiến chất lượng giáo dục năm học 2024-2025',
    ],
    ['Tr\u00adêng TiÓu häc §Þnh HiÖp', 'Trường Tiểu học Định Hiệp'],
    ['§¶ng ñy', 'Đảng ủy'],
    ['Céng hßa x· héi chñ nghÜa ViÖt Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
    ['§éc lËp - Tù do - H¹nh phóc', 'Độc lập - Tự do - Hạnh phúc'],
  ])('%s', (typed, unicode) => {
    expect(decodeLegacyVietnamese(typed, 'tcvn3')).toBe(unicode);
    expect(encodeTcvn3(unicode)).toBe(typed);
  });
});

describe('decodeLegacyVietnamese — VNI', () => {
  it('decodes every vowel with every tone, both cases (144 letters), and đ/Đ', () => {
    for (const { letter } of LETTERS) {
      expect(decodeLegacyVietnamese(encodeVni(letter), 'vni')).toBe(letter);
      expect(decodeLegacyVietnamese(encodeVni(letter.toUpperCase()), 'vni')).toBe(
        letter.toUpperCase(),
      );
    }
    expect(decodeLegacyVietnamese('ñ', 'vni')).toBe('đ');
    expect(decodeLegacyVietnamese('Ñ', 'vni')).toBe('Đ');
  });

  it('reads a lower-case mark after a capital (and the other way round) by the letter’s case', () => {
    expect(decodeLegacyVietnamese('Aù', 'vni')).toBe('Á');
    expect(decodeLegacyVietnamese('aÙ', 'vni')).toBe('á');
    expect(decodeLegacyVietnamese('Eá', 'vni')).toBe('Ế');
  });

  it.each([
    [
      'Keá hoaïch caûi tieán chaát löôïng giaùo duïc naêm hoïc 2024-2025',
      'Kế hoạch cải tiến chất lượng giáo dục năm học 2024-2025',
    ],
    ['Tröôøng Tieåu hoïc Ñònh Hieäp', 'Trường Tiểu học Định Hiệp'],
    ['TRÖÔØNG TIEÅU HOÏC ÑÒNH HIEÄP', 'TRƯỜNG TIỂU HỌC ĐỊNH HIỆP'],
    ['Ñaûng uûy', 'Đảng ủy'],
    ['Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
    [
      'Söï kieän naêm hoïc; yù kieán; kyõ naêng; thuûy; möôøi',
      'Sự kiện năm học; ý kiến; kỹ năng; thủy; mười',
    ],
  ])('%s', (typed, unicode) => {
    expect(decodeLegacyVietnamese(typed, 'vni')).toBe(unicode);
    expect(encodeVni(unicode)).toBe(typed);
  });
});

describe('decodeLegacyVietnamese — what it leaves alone', () => {
  const plain =
    'ASCII text, digits 0123456789 and punctuation: (a) [b] {c} "d" 50% - 1.000.000 d/m/y\t!';

  it.each(['tcvn3', 'vni'] as const)('keeps ASCII, digits and punctuation (%s)', (encoding) => {
    expect(decodeLegacyVietnamese(plain, encoding)).toBe(plain);
    expect(decodeLegacyVietnamese('', encoding)).toBe('');
    expect(decodeLegacyVietnamese('line 1\nline 2\r\n\tline 3', encoding)).toBe(
      'line 1\nline 2\r\n\tline 3',
    );
  });

  it.each(['tcvn3', 'vni'] as const)('returns Unicode Vietnamese unchanged (%s)', (encoding) => {
    const unicode = 'Kế hoạch cải tiến chất lượng giáo dục năm học 2024-2025; Đảng ủy; cá, là, ý';
    expect(isUnicodeVietnamese(unicode)).toBe(true);
    expect(decodeLegacyVietnamese(unicode, encoding)).toBe(unicode);
    expect(decodeLegacyVietnamese(unicode, encoding, { upperCase: true })).toBe(unicode);
  });

  it('keeps Latin-1 characters outside the TCVN3 table', () => {
    expect(decodeLegacyVietnamese('25°C ± 2² ³', 'tcvn3')).toBe('25°C ± 2² ³');
  });

  it('reads private-use codes (symbol-flagged fonts) as their byte', () => {
    expect(decodeLegacyVietnamese('Tr\uf0ad\uf0eang', 'tcvn3')).toBe('Trường');
  });

  it('returns NFC', () => {
    const decoded = decodeLegacyVietnamese('Tröôøng hoïc', 'vni');
    expect(decoded).toBe(decoded.normalize('NFC'));
    expect(decoded.length).toBe('Trường học'.length);
  });

  it('leaves text in a font that is not legacy as it is', () => {
    expect(decodeLegacyFontText('Tr\u00adêng', 'Times New Roman')).toBe('Tr\u00adêng');
    expect(decodeLegacyFontText('Tr\u00adêng', '.VnTime')).toBe('Trường');
    expect(decodeLegacyFontText('Tröôøng', 'VNI-Times')).toBe('Trường');
  });
});
