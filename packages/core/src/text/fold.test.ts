import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchesQuery } from './fold.ts';

describe('foldVietnamese', () => {
  it.each([
    ['Phương hướng', 'phuong huong'],
    ['ĐỘI NGŨ', 'doi ngu'],
    ['  Cán bộ   quản lý,\tgiáo viên\n', 'can bo quan ly, giao vien'],
    ['Tiêu chí 1.4: Tự đánh giá', 'tieu chi 1.4: tu danh gia'],
    ['đường Đồng Khởi', 'duong dong khoi'],
    // Partly decomposed input, as in the 2018 transcription ("các tổ chức").
    ['ca\u0301c tô\u0309 chư\u0301c', 'cac to chuc'],
    ['', ''],
  ])('%j → %j', (text, folded) => {
    expect(foldVietnamese(text)).toBe(folded);
  });

  it('folds NFC and NFD spellings alike', () => {
    const text = 'Kế hoạch cải tiến chất lượng giáo dục';
    expect(foldVietnamese(text.normalize('NFD'))).toBe(foldVietnamese(text.normalize('NFC')));
  });

  it('strips a mark that lowercasing produces ("İ" → "i" + U+0307)', () => {
    expect(foldVietnamese('İ')).toBe('i');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = foldVietnamese(text);
        expect(foldVietnamese(once)).toBe(once);
      }),
    );
  });
});

/** Vietnamese-looking text: letters with every diacritic, both cases, digits, punctuation, spaces. */
const vietnameseText = fc
  .array(
    fc.constantFrom(
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵÁÀỌỨỰ0129.,;:-/()'.split(
        '',
      ),
      ' ',
      ' ',
      '\t',
      '\n',
      '\u00a0',
    ),
    { maxLength: 60 },
  )
  .map((chars) => chars.join(''));

describe('matchesQuery', () => {
  it('matches words without diacritics, in any order and case', () => {
    const haystack = foldVietnamese('Phương hướng, chiến lược xây dựng và phát triển nhà trường');
    expect(matchesQuery(haystack, 'phuong huong')).toBe(true);
    expect(matchesQuery(haystack, 'NHÀ trường phát')).toBe(true);
    expect(matchesQuery(haystack, 'Phương   hướng')).toBe(true);
    expect(matchesQuery(haystack, 'phuong doi')).toBe(false);
    expect(matchesQuery(haystack, '')).toBe(true);
    expect(matchesQuery(haystack, '   ')).toBe(true);
  });

  it('matches any text with a query made of one of its own words', () => {
    const check = (text: string, pick: number) => {
      const words = text.split(/\s+/u).filter((w) => foldVietnamese(w) !== '');
      fc.pre(words.length > 0);
      const word = words[pick % words.length] as string;
      expect(matchesQuery(foldVietnamese(text), word)).toBe(true);
    };
    fc.assert(fc.property(vietnameseText, fc.nat(), check));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.nat(), check));
  });

  it('matches a text with its own folded copy, and an NFD query with NFC text', () => {
    fc.assert(
      fc.property(vietnameseText, (text) => {
        expect(matchesQuery(foldVietnamese(text), text)).toBe(true);
        expect(matchesQuery(foldVietnamese(text.normalize('NFC')), text.normalize('NFD'))).toBe(
          true,
        );
      }),
    );
  });
});
