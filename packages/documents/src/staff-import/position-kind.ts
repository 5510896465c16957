import { foldVietnamese } from '@caitien/core';

/**
 * The kinds of position (chức vụ) a school's people directory distinguishes, with their Vietnamese
 * labels, in order of precedence: when a cell names several roles ("Phó hiệu trưởng kiêm Tổ trưởng"),
 * the first kind in this list that the text names wins.
 */
export const POSITION_KINDS = [
  { kind: 'principal', label: 'Hiệu trưởng' },
  { kind: 'vice_principal', label: 'Phó hiệu trưởng' },
  { kind: 'group_leader', label: 'Tổ trưởng' },
  { kind: 'group_deputy', label: 'Tổ phó' },
  { kind: 'youth_leader', label: 'Tổng phụ trách Đội' },
  { kind: 'accountant', label: 'Kế toán' },
  { kind: 'teacher', label: 'Giáo viên' },
  { kind: 'staff', label: 'Nhân viên' },
  { kind: 'other', label: 'Khác' },
] as const;

export type PositionKind = (typeof POSITION_KINDS)[number]['kind'];

/**
 * Word sequences (folded: no diacritics, lowercase, punctuation as spaces) that name each kind. Only
 * clear names and the abbreviations schools actually write; anything else is 'other'.
 */
const PATTERNS: Record<Exclude<PositionKind, 'other'>, readonly string[]> = {
  principal: ['hieu truong', 'ht', 'quyen hieu truong', 'q hieu truong'],
  vice_principal: ['pho hieu truong', 'p hieu truong', 'pho ht', 'p ht', 'pht', 'hieu pho'],
  group_leader: ['to truong', 'to truong chuyen mon', 'ttcm', 'tt cm'],
  group_deputy: ['to pho', 'pho to truong', 'to pho chuyen mon', 'tpcm', 'tp cm'],
  youth_leader: ['tong phu trach', 'tong phu trach doi', 'tpt', 'tpt doi', 'gv tpt', 'gvtpt'],
  accountant: ['ke toan'],
  teacher: ['giao vien', 'gv', 'gvcn', 'gvbm'],
  staff: [
    'nhan vien',
    'nv',
    'nvvp',
    'van thu',
    'y te',
    'thu quy',
    'bao ve',
    'thu vien',
    'thiet bi',
    'tap vu',
    'phuc vu',
    'lao cong',
    'giao vu',
    'cap duong',
    'nau an',
  ],
};

/**
 * Roles whose words contain a pattern above but are not that position: the trade-union group
 * leader (tổ trưởng công đoàn) is not a professional group leader.
 */
const NOT_POSITIONS = [/\bto (truong|pho) (to )?(cong doan|nu cong|thanh tra nhan dan)\b/g];

/** Every pattern as words, longest first, so "phó hiệu trưởng" is read before "hiệu trưởng". */
const WORD_PATTERNS = Object.entries(PATTERNS)
  .flatMap(([kind, patterns]) =>
    patterns.map((pattern) => ({ kind: kind as PositionKind, words: pattern.split(' ') })),
  )
  .sort((a, b) => b.words.length - a.words.length);

const PRECEDENCE: readonly PositionKind[] = POSITION_KINDS.map(({ kind }) => kind);

function toWords(text: string): string[] {
  let folded = foldVietnamese(text).replace(/[^a-z0-9]+/g, ' ');
  for (const pattern of NOT_POSITIONS) folded = folded.replace(pattern, ' ');
  return folded.split(' ').filter((word) => word !== '');
}

/** Kinds named in the text, reading left to right and taking the longest pattern at each word. */
function namedKinds(words: readonly string[]): Set<PositionKind> {
  const kinds = new Set<PositionKind>();
  for (let at = 0; at < words.length;) {
    const match = WORD_PATTERNS.find((pattern) =>
      pattern.words.every((word, offset) => words[at + offset] === word),
    );
    if (match) kinds.add(match.kind);
    at += match ? match.words.length : 1;
  }
  return kinds;
}

/**
 * Maps a position as typed ("Phó Hiệu trưởng", "P.HT", "GV dạy Toán", "TPT Đội") to its kind, or null
 * when the cell is empty. Text that names no known role is 'other': never guessed. When several roles
 * are named, the first in {@link POSITION_KINDS} wins.
 *
 * @example classifyPosition('P.HT') === 'vice_principal'
 * @example classifyPosition('Tổ trưởng chuyên môn, GV') === 'group_leader'
 * @example classifyPosition('Chủ tịch công đoàn') === 'other'
 */
export function classifyPosition(text: string | null | undefined): PositionKind | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  const kinds = namedKinds(toWords(text));
  return PRECEDENCE.find((kind) => kinds.has(kind)) ?? 'other';
}

/** The Vietnamese label of a kind. */
export function positionKindLabel(kind: PositionKind): string {
  return POSITION_KINDS.find((entry) => entry.kind === kind)?.label ?? kind;
}
