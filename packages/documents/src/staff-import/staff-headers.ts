import { foldVietnamese } from '@caitien/core';

/** A field of the staff list that a column can hold. */
export type StaffField =
  'fullName' | 'position' | 'groups' | 'email' | 'phone' | 'note' | 'ordinal';

/**
 * What a header cell names: a field, or one half of a name split over two columns ("Họ và tên đệm"
 * + "Tên"), which are joined with a space.
 */
export type HeaderRole = StaffField | 'nameFirstPart' | 'nameLastPart';

/**
 * Header names as schools write them, normalised by {@link normaliseHeader}. Matching is exact on the
 * normalised text (after dropping trailing qualifiers), so "Chức vụ Đảng", "Chức danh nghề nghiệp" or
 * "Chức vụ kiêm nhiệm" — other columns that lists often carry — are never read as "Chức vụ".
 */
const HEADER_NAMES: Record<HeaderRole, readonly string[]> = {
  fullName: ['ho va ten', 'ho ten', 'ho va ten khai sinh'],
  nameFirstPart: [
    'ho va ten dem',
    'ho ten dem',
    'ho dem',
    'ho va dem',
    'ho',
    'ho lot',
    'ho va ten lot',
    'ho va chu lot',
    'ho va chu dem',
  ],
  nameLastPart: ['ten', 'ten goi'],
  position: [
    'chuc vu',
    'chuc danh',
    'vi tri viec lam',
    'chuc vu chuc danh',
    'chuc danh chuc vu',
    'chuc vu vi tri viec lam',
    'vi tri',
  ],
  groups: [
    'to chuyen mon',
    'to',
    'bo phan',
    'to cm',
    'to bo phan',
    'to chuyen mon bo phan',
    'to bo mon',
    'to cong tac',
    'thuoc to',
  ],
  email: [
    'email',
    'e mail',
    'mail',
    'gmail',
    'thu dien tu',
    'hop thu',
    'dia chi email',
    'dia chi e mail',
    'dia chi thu dien tu',
  ],
  phone: [
    'so dien thoai',
    'dien thoai',
    'sdt',
    'so dt',
    'dt',
    'dtdd',
    'dt dd',
    'so dtdd',
    'di dong',
  ],
  note: ['ghi chu'],
  ordinal: ['stt', 'tt', 'so tt', 'so thu tu'],
};

/**
 * Words schools append to a header without changing its meaning ("Họ và tên cán bộ", "Số điện thoại
 * di động", "Email công vụ", "Chức vụ hiện nay"). Dropped from the end, one at a time.
 */
const TRAILING_QUALIFIERS = [
  'hien nay',
  'hien tai',
  'chinh quyen',
  'can bo',
  'giao vien',
  'nhan vien',
  'cbgvnv',
  'cb',
  'gv',
  'nv',
  'lien he',
  'lien lac',
  'di dong',
  'ca nhan',
  'cong vu',
];

const ROLE_BY_NAME = new Map<string, HeaderRole>(
  Object.entries(HEADER_NAMES).flatMap(([role, names]) =>
    names.map((name) => [name, role as HeaderRole] as const),
  ),
);

/**
 * Folds a header for matching: no diacritics, lowercase, text in brackets dropped ("Email (*)"),
 * punctuation as spaces ("Họ, tên" → "ho ten", "E-mail" → "e mail", "SĐT" → "sdt").
 */
export function normaliseHeader(text: string): string {
  return foldVietnamese(text)
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The role a header cell names, or null when it names none of the staff fields. */
export function matchHeader(text: string): HeaderRole | null {
  let words = normaliseHeader(text);
  for (;;) {
    const role = ROLE_BY_NAME.get(words);
    if (role) return role;
    const qualifier = TRAILING_QUALIFIERS.find((q) => words.endsWith(` ${q}`));
    if (!qualifier) return null;
    words = words.slice(0, -(qualifier.length + 1));
  }
}
