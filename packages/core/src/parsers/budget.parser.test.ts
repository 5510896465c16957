import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBudget, type BudgetPart, type FundingSource } from './budget.parser.ts';

interface Row {
  text: string;
  amount: number | null;
  source: FundingSource;
  /** Exactly the issue codes expected (none when omitted). */
  codes?: string[];
  parts?: BudgetPart[];
  range?: { min: number; max: number };
  /** `value` is null (empty cell or nothing understood). */
  noValue?: boolean;
  numericCell?: number;
}

function check(row: Row) {
  const result = parseBudget(
    row.text,
    row.numericCell === undefined ? undefined : { numericCell: row.numericCell },
  );
  expect(result.text).toBe(row.text);
  if (row.noValue) expect(result.value).toBeNull();
  else expect(result.value).not.toBeNull();
  expect(result.value?.amount ?? null).toBe(row.amount);
  expect(result.value?.source ?? 'unknown').toBe(row.source);
  expect(result.issues.map((i) => i.code).sort()).toEqual([...(row.codes ?? [])].sort());
  if (row.parts) expect(result.value?.parts).toEqual(row.parts);
  expect(result.value?.range).toEqual(row.range);
}

/**
 * docs/reference/PARSING.md, "Budget": every row, with its amount, source and notes.
 * "3 triệu đồng / 5 triệu" and "Không / Không có" are two rows each.
 */
const PARSING_ROWS: Row[] = [
  { text: '7.000.000', amount: 7_000_000, source: 'unknown' },
  { text: '100 triệu', amount: 100_000_000, source: 'unknown' },
  { text: '3 triệu đồng', amount: 3_000_000, source: 'unknown' },
  { text: '5 triệu', amount: 5_000_000, source: 'unknown' },
  { text: '1,5 tỷ', amount: 1_500_000_000, source: 'unknown' },
  { text: '2.000.000.000 đồng', amount: 2_000_000_000, source: 'unknown' },
  { text: '500.000đ', amount: 500_000, source: 'unknown' },
  { text: '15tr', amount: 15_000_000, source: 'unknown' },
  { text: '4.500.000 VNĐ', amount: 4_500_000, source: 'unknown' },
  { text: 'Không', amount: 0, source: 'none' },
  { text: 'Không có', amount: 0, source: 'none' },
  { text: '20 triệu (ngân sách xã)', amount: 20_000_000, source: 'state' },
  { text: 'Ngân sách Quận 5', amount: null, source: 'state' },
  { text: 'Xã hội hóa', amount: null, source: 'socialized' },
  { text: 'Nguồn từ ngân sách, XHHGD', amount: null, source: 'mixed' },
  {
    text: 'Ngân sách: 20.000.000; XHH: 10.000.000',
    amount: 30_000_000,
    source: 'mixed',
    parts: [
      { amount: 20_000_000, source: 'state', text: 'Ngân sách: 20.000.000' },
      { amount: 10_000_000, source: 'socialized', text: 'XHH: 10.000.000' },
    ],
  },
  { text: 'Hưởng lương từ ngân sách nhà nước', amount: 0, source: 'state' },
  {
    text: 'Tùy điều kiện thực tế tại đơn vị',
    amount: null,
    source: 'unknown',
    codes: ['budget.amount_not_stated'],
  },
  { text: '', amount: null, source: 'unknown', noValue: true },
  {
    text: 'khoảng 5-7 triệu',
    amount: null,
    source: 'unknown',
    codes: ['budget.range'],
    range: { min: 5_000_000, max: 7_000_000 },
  },
];

/**
 * Every budget cell of the seed plans ("Dự kiến kinh phí"; seed 000 and 002 also write "Không",
 * "Không có", "Xã hội hóa" beside it), as the fixtures and the wrapped PDF text give them.
 */
const SEED_ROWS: Row[] = [
  // Seed 000.
  {
    text: 'Tùy điều \nkiện thực \n\ntế tại đơn \nvị',
    amount: null,
    source: 'unknown',
    codes: ['budget.amount_not_stated'],
  },
  { text: 'Hưởng \n\nlương từ \nngân sách \nnhà nước', amount: 0, source: 'state' },
  { text: 'Không  ', amount: 0, source: 'none' },
  { text: 'Xã hội hóa  ', amount: null, source: 'socialized' },
  // Seed 002.
  { text: '7.000.000 ', amount: 7_000_000, source: 'unknown' },
  { text: 'Không \n\ncó', amount: 0, source: 'none' },
  // Seed 003.
  { text: '100 \n\ntriệu', amount: 100_000_000, source: 'unknown' },
  { text: '3 triệu \n\nđồng', amount: 3_000_000, source: 'unknown' },
  { text: 'Nguồn từ \n\nngân sách, \n\nXHHGD', amount: null, source: 'mixed' },
  // Seed 004: the budget column is empty throughout.
  { text: '  ', amount: null, source: 'unknown', noValue: true },
];

const OTHER_ROWS: Row[] = [
  // PARSING.md "Numbers": the one possible reading is taken, with an info; otherwise flagged.
  { text: '1.5 tỷ', amount: 1_500_000_000, source: 'unknown', codes: ['budget.number_format'] },
  { text: '1,500,000', amount: 1_500_000, source: 'unknown', codes: ['budget.number_format'] },
  { text: '1,5,0 triệu', amount: null, source: 'unknown', codes: ['budget.number_unreadable'] },
  { text: '1.500', amount: 1_500, source: 'unknown' },
  { text: '1.500,5', amount: null, source: 'unknown', codes: ['budget.fraction'] },
  { text: '2,5 triệu', amount: 2_500_000, source: 'unknown' },
  { text: '7 000 000 đ', amount: 7_000_000, source: 'unknown' },
  { text: '15', amount: null, source: 'unknown', codes: ['budget.no_unit'] },
  { text: '1 tỷ 200 triệu', amount: 1_200_000_000, source: 'unknown' },
  { text: '2 triệu 500 nghìn', amount: 2_500_000, source: 'unknown' },
  { text: '500k', amount: 500_000, source: 'unknown' },
  { text: '300 ngàn đồng', amount: 300_000, source: 'unknown' },
  { text: '0', amount: 0, source: 'none' },
  { text: '0 đồng', amount: 0, source: 'none' },
  { text: 'Không cần kinh phí', amount: 0, source: 'none' },
  { text: 'không phát sinh', amount: 0, source: 'none' },
  { text: 'NS', amount: null, source: 'state' },
  { text: 'NSNN: 12.000.000', amount: 12_000_000, source: 'state' },
  { text: '10.000.000 (tài trợ)', amount: 10_000_000, source: 'socialized' },
  { text: 'Huy động phụ huynh', amount: null, source: 'socialized' },
  { text: 'Ngân sách và xã hội hóa', amount: null, source: 'mixed' },
  { text: 'NS + XHH', amount: null, source: 'mixed' },
  { text: 'Ngân sách 10 triệu\nXHH 5 triệu', amount: 15_000_000, source: 'mixed' },
  { text: 'Ngân sách 10 triệu, XHH 5 triệu', amount: 15_000_000, source: 'mixed' },
  {
    text: 'Ngân sách: 20.000.000; XHH: chưa xác định',
    amount: null,
    source: 'mixed',
    codes: ['budget.partial_amount', 'budget.amount_not_stated'],
  },
  { text: 'Ngân sách năm 2025: 5 triệu', amount: 5_000_000, source: 'state' },
  { text: 'Theo dự toán', amount: null, source: 'unknown', codes: ['budget.amount_not_stated'] },
  { text: 'khoảng 5 triệu', amount: 5_000_000, source: 'unknown', codes: ['budget.approximate'] },
  {
    text: 'từ 5 đến 7 triệu',
    amount: null,
    source: 'unknown',
    codes: ['budget.range'],
    range: { min: 5_000_000, max: 7_000_000 },
  },
  {
    text: '20.000.000 - 30.000.000 (XHH)',
    amount: null,
    source: 'socialized',
    codes: ['budget.range'],
    range: { min: 20_000_000, max: 30_000_000 },
  },
  { text: '5 triệu/lớp', amount: null, source: 'unknown', codes: ['budget.per_unit'] },
  {
    text: '3 triệu đồng / 5 triệu',
    amount: null,
    source: 'unknown',
    codes: ['budget.several_amounts'],
  },
  { text: '999.999.999.999 tỷ', amount: null, source: 'unknown', codes: ['budget.too_large'] },
  // A negative amount is never read as the positive one (issue 11): no value, a warning.
  { text: '-5.000.000 đ', amount: null, source: 'unknown', codes: ['budget.negative'] },
  { text: 'Ngân sách: −5 triệu', amount: null, source: 'state', codes: ['budget.negative'] },
  { text: 'XHH: –2.000.000', amount: null, source: 'socialized', codes: ['budget.negative'] },
  { text: 'XHH – 2.000.000', amount: 2_000_000, source: 'socialized' },
  {
    text: 'Ngân sách: 20.000.000; XHH: -10.000.000',
    amount: null,
    source: 'mixed',
    codes: ['budget.negative', 'budget.partial_amount'],
  },
  // A dash between two numbers is a range, and a bullet dash before a space is not a sign.
  { text: '- 5 triệu', amount: 5_000_000, source: 'unknown' },
  {
    text: 'Sẽ bàn sau',
    amount: null,
    source: 'unknown',
    codes: ['budget.unrecognized'],
    noValue: true,
  },
  // A numeric Excel cell is an amount in đồng as it stands.
  { text: '7.000.000', numericCell: 7_000_000, amount: 7_000_000, source: 'unknown' },
  { text: '0', numericCell: 0, amount: 0, source: 'none' },
  { text: '', numericCell: 2_500_000, amount: 2_500_000, source: 'unknown' },
  {
    text: '1,5 triệu',
    numericCell: 1.5,
    amount: 1_500_000,
    source: 'unknown',
    codes: ['budget.numeric_cell'],
  },
  {
    text: '',
    numericCell: -5,
    amount: null,
    source: 'unknown',
    codes: ['budget.numeric_cell'],
    noValue: true,
  },
];

describe('parseBudget — PARSING.md table', () => {
  it.each(PARSING_ROWS)('$text → $amount ($source)', check);
});

describe('parseBudget — every budget cell of the seeds', () => {
  it.each(SEED_ROWS)('$text → $amount ($source)', check);
});

describe('parseBudget — other forms', () => {
  it.each(OTHER_ROWS)('$text → $amount ($source)', check);
});

describe('parseBudget — details', () => {
  it('flags a range as a warning and says so in Vietnamese', () => {
    const [issue] = parseBudget('khoảng 5-7 triệu').issues;
    expect(issue?.severity).toBe('warning');
    expect(issue?.message).toContain('khoảng');
  });

  it('gives the amount-not-stated note as an info', () => {
    expect(parseBudget('Tùy điều kiện thực tế tại đơn vị').issues[0]?.severity).toBe('info');
  });
});

// -----------------------------------------------------------------------------------------------
// Properties.
// -----------------------------------------------------------------------------------------------

const fragment = fc.oneof(
  fc.constantFrom(
    'triệu',
    'tr',
    'tỷ',
    'tỉ',
    'nghìn',
    'ngàn',
    'k',
    'đồng',
    'đ',
    'VNĐ',
    'Ngân sách',
    'NS',
    'XHH',
    'xã hội hóa',
    'tài trợ',
    'Không',
    'có',
    'khoảng',
    '-',
    'đến',
    ';',
    ',',
    '.',
    '+',
    '/',
    ':',
    '(',
    ')',
    '\n',
    ' ',
    'Quận',
    'năm',
    'lớp',
    'Hưởng lương',
    'Tùy điều kiện thực tế',
  ),
  fc.nat({ max: 1_000_000 }).map(String),
  fc.nat({ max: 999 }).map((n) => `${n}.000`),
  fc.nat({ max: 99 }).map((n) => `${n},5`),
  fc.constantFrom('1.5', '1,500,000', '9'.repeat(30), '1,5,0', '0,0001'),
);
const budgetTextArb = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fragment, { maxLength: 10 }).map((parts) => parts.join(' ')),
  fc.array(fragment, { maxLength: 10 }).map((parts) => parts.join('')),
);
const numericArb = fc.oneof(fc.constant(undefined), fc.double(), fc.integer(), fc.maxSafeNat());

const isAmount = (n: number | null) => n === null || (Number.isSafeInteger(n) && n >= 0);

/** "1234567" → "1.234.567" (PARSING.md: a dot groups thousands). */
const groupThousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/gu, '.');

describe('parseBudget — properties', () => {
  it('never throws, returns the text verbatim, and gives non-negative safe integer amounts', () => {
    fc.assert(
      fc.property(budgetTextArb, numericArb, (text, numericCell) => {
        const result = parseBudget(text, numericCell === undefined ? undefined : { numericCell });
        expect(result.text).toBe(text);
        const value = result.value;
        if (!value) return;
        expect(isAmount(value.amount)).toBe(true);
        for (const part of value.parts) expect(isAmount(part.amount)).toBe(true);
        if (value.range) {
          expect(isAmount(value.range.min) && isAmount(value.range.max)).toBe(true);
          expect(value.range.min <= value.range.max).toBe(true);
          expect(value.amount).toBeNull();
        }
        if (value.amount !== null && value.parts.length > 0) {
          expect(value.parts.reduce((sum, p) => sum + (p.amount ?? 0), 0)).toBe(value.amount);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads any amount written with dot groups, with or without "đồng"', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('', ' đồng', 'đ', ' VNĐ'),
        (n, unit) => {
          fc.pre(n === 0 || n >= 1000 || unit !== '');
          expect(parseBudget(`${groupThousands(n)}${unit}`).value?.amount).toBe(n);
        },
      ),
    );
  });

  it('reads "x triệu", "x tr", "x tỷ" with a decimal comma', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 9999 }),
        fc.nat({ max: 9 }),
        fc.constantFrom(['triệu', 1e6], ['tr', 1e6], ['tỷ', 1e9]),
        (whole, tenth, [word, mult]) => {
          const text = tenth === 0 ? `${whole} ${word}` : `${whole},${tenth} ${word}`;
          expect(parseBudget(text).value?.amount).toBe(
            whole * (mult as number) + tenth * ((mult as number) / 10),
          );
        },
      ),
    );
  });

  it('takes a numeric cell as đồng as it stands', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.string(), (n, text) => {
        expect(parseBudget(text, { numericCell: n }).value?.amount).toBe(n);
      }),
    );
  });
});
