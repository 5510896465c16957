import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCitedCodes,
  convertEvidenceCode2018ToTt57,
  convertEvidenceCodes2018ToTt57,
  findEvidenceCodes,
  formatEvidenceCode,
  nextEvidenceCode,
  parseEvidenceCode,
  planRenumbering,
  renumberingRenames,
  rewriteEvidenceCodes,
} from './evidence-codes.ts';

describe('formatEvidenceCode', () => {
  it.each([
    ['2018', { box: 1, criterionCode: '1.1', sequence: 1 }, '[H1-1.1-01]'],
    ['2018', { box: 15, criterionCode: '1.8', sequence: 2 }, '[H15-1.8-02]'],
    ['2018', { box: 2, criterionCode: '5.10', sequence: 100 }, '[H2-5.10-100]'],
    ['2018', { box: null, criterionCode: '3.4', sequence: 7 }, '[H3-3.4-07]'],
    ['2026', { box: null, criterionCode: '1.3', sequence: 1 }, 'MC.1.3.01'],
    ['2026', { box: null, criterionCode: '4.2', sequence: 12 }, 'MC.4.2.12'],
    ['2026', { box: null, criterionCode: '2.1', sequence: 105 }, 'MC.2.1.105'],
  ] as const)('%s %j → %s', (regime, parts, code) => {
    expect(formatEvidenceCode(regime, parts)).toBe(code);
  });
});

describe('parseEvidenceCode', () => {
  it.each([
    ['[H1-1.1-01]', '2018', 1, '1.1', 1, '[H1-1.1-01]', 0],
    ['H1-1.1-01', '2018', 1, '1.1', 1, '[H1-1.1-01]', 0],
    ['[H15-1.8-02]', '2018', 15, '1.8', 2, '[H15-1.8-02]', 0],
    ['  [h1 - 1.1 - 01] ', '2018', 1, '1.1', 1, '[H1-1.1-01]', 1],
    ['[H1-1.01-01]', '2018', 1, '1.1', 1, '[H1-1.1-01]', 1],
    ['[H1–1.1–03]', '2018', 1, '1.1', 3, '[H1-1.1-03]', 1],
    ['H3.3.2.15', '2018', 3, '3.2', 15, '[H3-3.2-15]', 1],
    ['[H2-2.3-1]', '2018', 2, '2.3', 1, '[H2-2.3-01]', 1],
    ['[H1-5.10-123]', '2018', 1, '5.10', 123, '[H1-5.10-123]', 0],
    ['MC.1.1.01', '2026', null, '1.1', 1, 'MC.1.1.01', 0],
    ['(MC.1.3.02)', '2026', null, '1.3', 2, 'MC.1.3.02', 0],
    ['mc.1.1.01', '2026', null, '1.1', 1, 'MC.1.1.01', 1],
    ['MC 1.1.01', '2026', null, '1.1', 1, 'MC.1.1.01', 1],
    ['MC.1.1-01', '2026', null, '1.1', 1, 'MC.1.1.01', 1],
    ['MC1.01.01', '2026', null, '1.1', 1, 'MC.1.1.01', 1],
  ] as const)('%j', (text, regime, box, criterionCode, sequence, code, noteCount) => {
    const parsed = parseEvidenceCode(text);
    expect(parsed).toMatchObject({ regime, box, criterionCode, sequence, code });
    expect(parsed?.notes).toHaveLength(noteCount);
  });

  it('says how a zero-padded criterion was read', () => {
    expect(parseEvidenceCode('[H1-1.01-01]')?.notes[0]).toContain('tiêu chí 1.1');
  });

  it.each(['', 'H1', 'MC.1.1', '[H1-1.1-00]', 'MC.0.1.01', 'TH1-1.1-01', 'H1-1.1-01x', 'abc'])(
    'refuses %j',
    (text) => {
      expect(parseEvidenceCode(text)).toBeNull();
    },
  );
});

describe('findEvidenceCodes', () => {
  it('finds 2018 codes after statements, several in one bracket', () => {
    const text =
      'Nhà trường có kế hoạch chiến lược [H1-1.1-01]; được công khai trên website [H1-1.1-02; H1-1.1-03].';
    const found = findEvidenceCodes(text);
    expect(found.map((f) => f.code)).toEqual(['[H1-1.1-01]', '[H1-1.1-02]', '[H1-1.1-03]']);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(found[2]!.text).toBe('H1-1.1-03');
  });

  it('finds TT57 citations in round brackets separated by commas', () => {
    const text = 'Nhà trường ban hành quy chế (MC.1.1.01, MC.1.1.02). Tỉ lệ đạt 100% (MC.2.1.10).';
    expect(findEvidenceCodes(text).map((f) => f.code)).toEqual([
      'MC.1.1.01',
      'MC.1.1.02',
      'MC.2.1.10',
    ]);
  });

  it('never matches inside other words or numbers', () => {
    const text = 'TH1-1.1-01 xMC.1.1.01 MC.1.1.012.3 H1-1.1-01a 1.1.01 mức 1.1 [H1-1.1-01]';
    expect(findEvidenceCodes(text).map((f) => f.code)).toEqual(['[H1-1.1-01]']);
  });

  it('reads loosely typed codes and notes them', () => {
    const found = findEvidenceCodes('Hồ sơ [H1-1.01-01], biên bản (mc.1.1.2).');
    expect(found.map((f) => f.code)).toEqual(['[H1-1.1-01]', 'MC.1.1.02']);
    expect(found.every((f) => f.notes.length > 0)).toBe(true);
  });

  it('keeps offsets right after multi-byte Vietnamese text and line breaks', () => {
    const text = 'Đội ngũ giáo viên đạt chuẩn\r\ntrình độ đào tạo (MC.2.2.01).';
    const [f] = findEvidenceCodes(text);
    expect(text.slice(f!.start, f!.end)).toBe('MC.2.2.01');
  });
});

describe('rewriteEvidenceCodes', () => {
  it('renames every citation and keeps the rest byte for byte', () => {
    const text = 'Kế hoạch [H1-1.1-02]; quyết định [H1-1.1-01; H1-1.1-02].\nBiên bản [H2-2.1-01].';
    const renamed = rewriteEvidenceCodes(text, new Map([['[H1-1.1-02]', '[H1-1.1-05]']]));
    expect(renamed).toBe(
      'Kế hoạch [H1-1.1-05]; quyết định [H1-1.1-01; H1-1.1-05].\nBiên bản [H2-2.1-01].',
    );
  });

  it('swaps two codes', () => {
    const text = '(MC.1.1.01, MC.1.1.02)';
    const swapped = rewriteEvidenceCodes(
      text,
      new Map([
        ['MC.1.1.01', 'MC.1.1.02'],
        ['MC.1.1.02', 'MC.1.1.01'],
      ]),
    );
    expect(swapped).toBe('(MC.1.1.02, MC.1.1.01)');
  });

  it('accepts keys written loosely and renames loosely written citations', () => {
    const text = 'Hồ sơ [h1 - 1.01 - 1].';
    expect(rewriteEvidenceCodes(text, new Map([['H1-1.1-01', '[H1-1.1-03]']]))).toBe(
      'Hồ sơ [H1-1.1-03].',
    );
  });

  it('turns a 2018 bracket into a TT57 citation when the regime changes', () => {
    const text = 'Kế hoạch chiến lược [H1-1.1-01]. Hồ sơ [H1-1.1-01; H1-1.2-01].';
    const renames = new Map([
      ['[H1-1.1-01]', 'MC.1.1.01'],
      ['[H1-1.2-01]', 'MC.1.2.01'],
    ]);
    expect(rewriteEvidenceCodes(text, renames)).toBe(
      'Kế hoạch chiến lược (MC.1.1.01). Hồ sơ (MC.1.1.01, MC.1.2.01).',
    );
  });

  it('keeps a bracket when only some of its codes change regime', () => {
    const text = 'Hồ sơ [H1-1.1-01; H1-1.2-01] và [ghi chú H1-1.1-01].';
    expect(rewriteEvidenceCodes(text, new Map([['[H1-1.1-01]', 'MC.1.1.01']]))).toBe(
      'Hồ sơ [MC.1.1.01; H1-1.2-01] và [ghi chú MC.1.1.01].',
    );
  });

  const code2018Arb = fc
    .tuple(
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 120 }),
    )
    .map(([box, s, c, n]) =>
      formatEvidenceCode('2018', { box, criterionCode: `${s}.${c}`, sequence: n }),
    );
  const codeTt57Arb = fc
    .tuple(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 120 }),
    )
    .map(([s, c, n]) =>
      formatEvidenceCode('2026', { box: null, criterionCode: `${s}.${c}`, sequence: n }),
    );
  /** Codes of one regime (a regime change reshapes brackets on purpose). */
  const regimeCodesArb = fc.oneof(
    fc.uniqueArray(code2018Arb, { minLength: 1, maxLength: 6 }),
    fc.uniqueArray(codeTt57Arb, { minLength: 1, maxLength: 6 }),
  );
  const fillerArb = fc.constantFrom(
    ' ',
    'Nhà trường có kế hoạch ',
    '\r\n',
    '; ',
    ', ',
    '. ',
    'Đạt 100% ',
    '(',
    ')',
    '\n- ',
    'tỉ lệ 1.1 ',
  );
  const citationArb = (code: string): string => (code.startsWith('[') ? code : `(${code})`);

  it('rewriting then rewriting back is the identity (property)', () => {
    fc.assert(
      fc.property(
        regimeCodesArb,
        fc.array(fc.tuple(fillerArb, fc.nat()), { maxLength: 12 }),
        fc.nat(),
        (codes, pieces, shift) => {
          const text = pieces.map(([f, i]) => f + citationArb(codes[i % codes.length]!)).join('');
          const k = (shift % codes.length) + 1;
          const perm = new Map(codes.map((c, i) => [c, codes[(i + k) % codes.length]!]));
          const inverse = new Map([...perm].map(([a, b]) => [b, a]));
          expect(rewriteEvidenceCodes(rewriteEvidenceCodes(text, perm), inverse)).toBe(text);
        },
      ),
    );
  });

  it('leaves the text outside codes unchanged (property)', () => {
    fc.assert(
      fc.property(
        regimeCodesArb,
        fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.nat()), { maxLength: 8 }),
        (codes, picks) => {
          const pieces = picks.map(([f, i]) => [f, codes[i % codes.length]!] as const);
          const replacement = codes[0]!;
          const text = pieces.map(([f, c]) => `${f} ${citationArb(c)} `).join('');
          const renames = new Map(pieces.map(([, c]) => [c, replacement]));
          const strip = (t: string): string => {
            let out = '';
            let at = 0;
            for (const f of findEvidenceCodes(t)) {
              out += t.slice(at, f.start);
              at = f.end;
            }
            return out + t.slice(at);
          };
          expect(strip(rewriteEvidenceCodes(text, renames))).toBe(strip(text));
        },
      ),
    );
  });
});

describe('planRenumbering', () => {
  const order = ['1.1', '1.2', '1.3', '2.1', '2.2'];

  it('numbers per primary criterion in order, the first citing criterion in the framework', () => {
    const result = planRenumbering(
      '2018',
      [
        {
          id: 'a',
          code: '[H1-1.1-03]',
          box: 1,
          primaryCriterionCode: '1.1',
          criterionCodes: ['1.1'],
        },
        {
          id: 'b',
          code: '[H1-1.2-07]',
          box: 1,
          primaryCriterionCode: '1.2',
          criterionCodes: ['1.2', '1.1'],
        },
        {
          id: 'c',
          code: '[H2-2.1-01]',
          box: 2,
          primaryCriterionCode: '2.1',
          criterionCodes: ['2.1', '2.2'],
        },
        {
          id: 'd',
          code: '[H1-1.2-09]',
          box: 1,
          primaryCriterionCode: '1.2',
          criterionCodes: ['1.2'],
        },
        {
          id: 'e',
          code: '[H2-2.2-04]',
          box: null,
          primaryCriterionCode: '2.2',
          criterionCodes: [],
        },
      ],
      order,
    );
    expect(result.map((r) => [r.id, r.code, r.changed])).toEqual([
      ['a', '[H1-1.1-01]', true],
      ['b', '[H1-1.1-02]', true],
      ['c', '[H2-2.1-01]', false],
      ['d', '[H1-1.2-01]', true],
      ['e', '[H2-2.2-01]', true],
    ]);
    const renames = renumberingRenames(result);
    expect(renames.get('[H1-1.2-07]')).toBe('[H1-1.1-02]');
    expect(renames.has('[H2-2.1-01]')).toBe(false);
  });

  it('renumbers TT57 codes and the texts follow', () => {
    const result = planRenumbering(
      '2026',
      [
        {
          id: 'a',
          code: 'MC.1.1.02',
          box: null,
          primaryCriterionCode: '1.1',
          criterionCodes: ['1.1'],
        },
        {
          id: 'b',
          code: 'MC.1.1.01',
          box: null,
          primaryCriterionCode: '1.1',
          criterionCodes: ['1.1'],
        },
      ],
      order,
    );
    expect(result.map((r) => r.code)).toEqual(['MC.1.1.01', 'MC.1.1.02']);
    expect(rewriteEvidenceCodes('(MC.1.1.01, MC.1.1.02)', renumberingRenames(result))).toBe(
      '(MC.1.1.02, MC.1.1.01)',
    );
  });
});

describe('nextEvidenceCode', () => {
  it.each([
    ['2018', [], '1.1', 1, '[H1-1.1-01]'],
    ['2018', ['[H1-1.1-01]', '[H1-1.1-04]', '[H1-1.2-09]'], '1.1', 1, '[H1-1.1-05]'],
    ['2018', ['[H3-1.1-02]'], '1.1', null, '[H1-1.1-03]'],
    ['2026', ['MC.1.1.01', 'MC.1.1.99'], '1.1', null, 'MC.1.1.100'],
    ['2026', ['[H1-1.1-05]'], '1.1', null, 'MC.1.1.01'],
  ] as const)('%s %j %s → %s', (regime, existing, criterion, box, code) => {
    expect(nextEvidenceCode(regime, existing, criterion, box)).toBe(code);
  });
});

describe('convertEvidenceCode2018ToTt57', () => {
  it('maps the criterion, keeps the number and the old code', () => {
    const result = convertEvidenceCode2018ToTt57({ code: '[H1-1.1-02]', from: 'TT17' });
    expect(result).toMatchObject({
      code: 'MC.1.1.02',
      previousCode: '[H1-1.1-02]',
      criterionCode: '1.1',
    });
  });

  it('takes the next free number when two old criteria meet', () => {
    const taken = new Set<string>(['MC.1.1.02']);
    const result = convertEvidenceCode2018ToTt57({ code: '[H1-1.1-02]', from: 'TT17', taken });
    expect(result.code).toBe('MC.1.1.03');
    expect(taken.has('MC.1.1.03')).toBe(true);
  });

  it('gives a reason when the criterion has no counterpart', () => {
    const result = convertEvidenceCode2018ToTt57({ code: '[H9-9.9-01]', from: 'TT18' });
    expect(result.code).toBeNull();
    expect(result).toHaveProperty('reason');
  });

  it('refuses a code that is not 2018', () => {
    const result = convertEvidenceCode2018ToTt57({ code: 'MC.1.1.01', from: 'TT18' });
    expect(result.code).toBeNull();
  });
});

describe('convertEvidenceCodes2018ToTt57', () => {
  it('converts a list without collisions and the texts follow', () => {
    const { results, renames } = convertEvidenceCodes2018ToTt57({
      codes: ['[H1-1.1-01]', '[H1-1.1-02]', 'H2-1.1-01', '[H9-9.9-01]'],
      from: 'TT17',
    });
    expect(results.map((r) => r.code)).toEqual(['MC.1.1.01', 'MC.1.1.02', 'MC.1.1.03', null]);
    expect(results.map((r) => r.previousCode)).toEqual([
      '[H1-1.1-01]',
      '[H1-1.1-02]',
      'H2-1.1-01',
      '[H9-9.9-01]',
    ]);
    expect(
      rewriteEvidenceCodes('Kế hoạch [H1-1.1-01]; hồ sơ [H1-1.1-02; H2-1.1-01].', renames),
    ).toBe('Kế hoạch (MC.1.1.01); hồ sơ (MC.1.1.02, MC.1.1.03).');
  });
});

describe('checkCitedCodes', () => {
  it('warns about unknown and loosely written codes, in Vietnamese', () => {
    const warnings = checkCitedCodes('Hồ sơ (MC.1.1.01, MC.1.1.07) và (mc.1.1.1).', ['MC.1.1.01']);
    expect(warnings.map((w) => [w.code, w.message])).toEqual([
      ['MC.1.1.07', 'Mã minh chứng MC.1.1.07 không có trong danh mục minh chứng.'],
      ['MC.1.1.01', expect.stringContaining('một chữ số')],
    ]);
  });

  it('is silent when every code is known', () => {
    expect(checkCitedCodes('[H1-1.1-01; H1-1.1-02]', ['[H1-1.1-01]', 'H1-1.1-02'])).toEqual([]);
  });
});
