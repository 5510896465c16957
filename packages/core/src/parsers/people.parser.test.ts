import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parsePeople,
  personNameKey,
  type DirectoryGroup,
  type DirectoryPerson,
  type PersonRef,
} from './people.parser.ts';

/** A small school: names from seed 001, positions as the directory offers them. */
const people: DirectoryPerson[] = [
  { id: 'thao', fullName: 'Nguyễn Phương Thảo', position: 'Hiệu trưởng' },
  { id: 'ha', fullName: 'Lường Thị Hà', position: 'Phó hiệu trưởng' },
  { id: 'hung', fullName: 'Trần Quang Hưng', position: 'Phó Hiệu trưởng' },
  { id: 'duong', fullName: 'Lò Thị Thùy Dương', position: 'Giáo viên' },
  { id: 'dao', fullName: 'Bùi Thị Đào', position: 'Tổ trưởng chuyên môn' },
  { id: 'tuyen', fullName: 'Hà Lâm Tuyền', position: 'Kế toán' },
  { id: 'loan', fullName: 'Nguyễn Thị Loan', position: 'Giáo viên chủ nhiệm' },
  { id: 'nhan', fullName: 'Vũ Thị Nhàn', position: 'Nhân viên thư viện' },
  { id: 'ha2', fullName: 'Nguyễn Thị Hà', position: 'Giáo viên' },
  { id: 'ha3', fullName: 'Nguyễn Thị Hạ', position: 'Văn thư' },
];
const groups: DirectoryGroup[] = [
  { id: 'bgh', name: 'Ban giám hiệu', kind: 'leadership', memberIds: ['thao', 'ha', 'hung'] },
  { id: 'to1', name: 'Tổ 1', kind: 'subject_group', memberIds: ['dao', 'duong'] },
  { id: 'to3', name: 'Tổ khối 3', kind: 'subject_group', memberIds: ['loan', 'ha2'] },
  { id: 'hdtdg', name: 'Hội đồng tự đánh giá', kind: 'council', memberIds: ['thao', 'ha', 'dao'] },
  { id: 'tgs', name: 'Tổ giám sát', kind: 'monitoring_team', memberIds: ['hung', 'tuyen'] },
  { id: 'tvp', name: 'Tổ văn phòng', kind: 'office_group', memberIds: ['tuyen', 'nhan', 'ha3'] },
];
const directory = { people, groups };

const TEACHERS = ['duong', 'dao', 'loan', 'ha2'];
const STAFF = ['tuyen', 'nhan', 'ha3'];
const EVERYONE = people.map((p) => p.id);

type Expected = [text: string, kind: PersonRef['kind'], ids?: string[], groupId?: string | null];
const ref = ([text, kind, ids = [], groupId = null]: Expected): PersonRef => ({
  text,
  kind,
  personIds: ids,
  groupId,
});

interface Row {
  text: string;
  lead: Expected | null;
  coordinators?: Expected[];
  codes?: string[];
  coordinatorsText?: string;
}

function check(row: Row) {
  const options =
    row.coordinatorsText === undefined ? undefined : { coordinatorsText: row.coordinatorsText };
  const result = parsePeople(row.text, directory, options);
  expect(result.text).toBe(row.text);
  const sortIds = (r: PersonRef | null | undefined) =>
    r ? { ...r, personIds: [...r.personIds].sort() } : r;
  if (row.lead === null && !row.coordinators) {
    // Nothing written: no value, no issue (CONVENTIONS.md §10).
    expect(result.value).toBeNull();
  } else {
    expect(sortIds(result.value?.lead)).toEqual(sortIds(row.lead ? ref(row.lead) : null));
    expect(result.value?.coordinators.map(sortIds)).toEqual(
      (row.coordinators ?? []).map((c) => sortIds(ref(c))),
    );
  }
  expect(result.issues.map((i) => i.code).sort()).toEqual([...(row.codes ?? [])].sort());
}

/** PRODUCT.md §4's people examples, then every other people cell of the seeds' fixtures. */
const SEED_ROWS: Row[] = [
  {
    text: 'Hiệu trưởng, phó hiệu trưởng',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [['phó hiệu trưởng', 'position', ['ha', 'hung']]],
    codes: ['people.several_holders'],
  },
  {
    text: 'BGH, tổ chuyên môn, giáo viên',
    lead: ['BGH', 'group', ['thao', 'ha', 'hung'], 'bgh'],
    coordinators: [
      ['tổ chuyên môn', 'group', ['dao', 'duong', 'loan', 'ha2']],
      ['giáo viên', 'position', TEACHERS],
    ],
    codes: ['people.all_subject_groups'],
  },
  {
    text: 'Nguyễn Phương Thảo; Lường Thị Hà',
    lead: ['Nguyễn Phương Thảo', 'person', ['thao']],
    coordinators: [['Lường Thị Hà', 'person', ['ha']]],
  },
  {
    text: 'Hiệu trưởng, Phòng Giáo dục và Đào tạo, Phòng Nội vụ Quận 4',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [
      ['Phòng Giáo dục và Đào tạo', 'unit'],
      ['Phòng Nội vụ Quận 4', 'unit'],
    ],
  },
  // Seed 000, as the PDF wraps it.
  {
    text: 'Hiệu trưởng,  \n\nPhòng Giáo \ndục và Đào \n\ntạo, Phòng \n\nNội vụ Quận \n4   ',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [
      ['Phòng Giáo \ndục và Đào \n\ntạo', 'unit'],
      ['Phòng \n\nNội vụ Quận \n4', 'unit'],
    ],
  },
  {
    text: 'Hiệu \n\ntrưởng và \n\nphó hiệu \n\ntrưởng',
    lead: ['Hiệu \n\ntrưởng', 'position', ['thao']],
    coordinators: [['phó hiệu \n\ntrưởng', 'position', ['ha', 'hung']]],
    codes: ['people.several_holders'],
  },
  {
    text: 'Hiệu trưởng, phó hiệu trưởng, nhân viên thư viện – thiết bị, tổng phụ trách đội, bí thư chi đoàn',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [
      ['phó hiệu trưởng', 'position', ['ha', 'hung']],
      ['nhân viên thư viện – thiết bị', 'position', ['nhan']],
      ['tổng phụ trách đội', 'position'],
      ['bí thư chi đoàn', 'position'],
    ],
    codes: ['people.several_holders', 'people.position_vacant', 'people.position_vacant'],
  },
  // Seed 001: names, one or two, separated by ";" or ",".
  { text: 'Nguyễn Phương Thảo', lead: ['Nguyễn Phương Thảo', 'person', ['thao']] },
  {
    text: 'Trần Quang Hưng, Lâm Thị Ngọc Thảo',
    lead: ['Trần Quang Hưng', 'person', ['hung']],
    coordinators: [['Lâm Thị Ngọc Thảo', 'unknown']],
    codes: ['people.not_in_directory'],
  },
  {
    text: 'TRần Quang \nHưng, Lê \nMinh \nThắng',
    lead: ['TRần Quang \nHưng', 'person', ['hung']],
    coordinators: [['Lê \nMinh \nThắng', 'unknown']],
    codes: ['people.not_in_directory'],
  },
  {
    text: 'Bùi Thị Đào; Lò Văn Minh',
    lead: ['Bùi Thị Đào', 'person', ['dao']],
    coordinators: [['Lò Văn Minh', 'unknown']],
    codes: ['people.not_in_directory'],
  },
  // "Thuỳ" (seed) and "Thùy" (directory): only the tone mark's placement differs.
  { text: 'Lò Thị Thuỳ Dương', lead: ['Lò Thị Thuỳ Dương', 'person', ['duong']] },
  { text: 'Vũ Thị Nhàn', lead: ['Vũ Thị Nhàn', 'person', ['nhan']] },
  { text: 'Nguyễn Thị Loan', lead: ['Nguyễn Thị Loan', 'person', ['loan']] },
  {
    text: 'Hà Lâm Tuyền; Trần Thị Thịnh',
    lead: ['Hà Lâm Tuyền', 'person', ['tuyen']],
    coordinators: [['Trần Thị Thịnh', 'unknown']],
    codes: ['people.not_in_directory'],
  },
  // Seed 003.
  {
    text: 'BGH, Hội đồng TĐG, Ban đại diện CMHS',
    lead: ['BGH', 'group', ['thao', 'ha', 'hung'], 'bgh'],
    coordinators: [
      ['Hội đồng TĐG', 'group', ['thao', 'ha', 'dao'], 'hdtdg'],
      ['Ban đại diện CMHS', 'unit'],
    ],
  },
  {
    text: 'Chi uỷ, BGH, các ban ngành',
    lead: ['Chi uỷ', 'unit'],
    coordinators: [
      ['BGH', 'group', ['thao', 'ha', 'hung'], 'bgh'],
      ['các ban ngành', 'unit'],
    ],
  },
  // The PDF's typo for the same cell ("," typed as "m"): the line break still separates "BGH";
  // the unknown part is kept and flagged.
  {
    text: 'Chi uỷm \n\nBGH, các ban ngành',
    lead: ['Chi uỷm', 'unknown'],
    coordinators: [
      ['BGH', 'group', ['thao', 'ha', 'hung'], 'bgh'],
      ['các ban ngành', 'unit'],
    ],
    codes: ['people.unrecognized'],
  },
  // A name not in the directory, wrapped over lines, stays one part.
  {
    text: 'Lò Văn \nMinh; Nguyễn \nPhương \nThảo',
    lead: ['Lò Văn \nMinh', 'unknown'],
    coordinators: [['Nguyễn \nPhương \nThảo', 'person', ['thao']]],
    codes: ['people.not_in_directory'],
  },
  {
    text: 'Hiệu trưởng, Kế toán, GVCN',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [
      ['Kế toán', 'position', ['tuyen']],
      ['GVCN', 'position', ['loan']],
    ],
  },
  {
    text: 'Hiệu trưởng, kế toán, GVCN',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [
      ['kế toán', 'position', ['tuyen']],
      ['GVCN', 'position', ['loan']],
    ],
  },
  {
    text: 'BGH, Giáo viên',
    lead: ['BGH', 'group', ['thao', 'ha', 'hung'], 'bgh'],
    coordinators: [['Giáo viên', 'position', TEACHERS]],
  },
  {
    text: 'BGH, GV',
    lead: ['BGH', 'group', ['thao', 'ha', 'hung'], 'bgh'],
    coordinators: [['GV', 'position', TEACHERS]],
  },
  {
    text: 'BGH, tổ chuyên môn',
    lead: ['BGH', 'group', ['thao', 'ha', 'hung'], 'bgh'],
    coordinators: [['tổ chuyên môn', 'group', ['dao', 'duong', 'loan', 'ha2']]],
    codes: ['people.all_subject_groups'],
  },
  {
    text: 'BGH, tổ chuyên môn, nhân viên',
    lead: ['BGH', 'group', ['thao', 'ha', 'hung'], 'bgh'],
    coordinators: [
      ['tổ chuyên môn', 'group', ['dao', 'duong', 'loan', 'ha2']],
      ['nhân viên', 'position', STAFF],
    ],
    codes: ['people.all_subject_groups'],
  },
  // Seed 004.
  { text: 'Hiệu trưởng', lead: ['Hiệu trưởng', 'position', ['thao']] },
  {
    text: 'Hiệu trưởng và Ban Quản trị website',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [['Ban Quản trị website', 'group']],
    codes: ['people.group_not_found'],
  },
  {
    text: 'Hiệu trưởng và các thành viên Hội đồng Thi đua, khen thưởng',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [['các thành viên Hội đồng Thi đua, khen thưởng', 'group']],
    codes: ['people.group_not_found'],
  },
  {
    text: 'Hiệu trưởng phân công viên chức phụ trách website',
    lead: ['Hiệu trưởng phân công viên chức phụ trách website', 'unknown'],
    codes: ['people.unrecognized'],
  },
  {
    text: 'Hiệu trưởng, Phó Hiệu trưởng, Tổ trưởng Tổ Chuyên môn',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [
      ['Phó Hiệu trưởng', 'position', ['ha', 'hung']],
      ['Tổ trưởng Tổ Chuyên môn', 'position', ['dao']],
    ],
    codes: ['people.several_holders'],
  },
  {
    text: 'Hiệu trưởng, Phó hiệu trưởng; Tổ trưởng Chuyên môn và Tổ trưởng Văn phòng',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [
      ['Phó hiệu trưởng', 'position', ['ha', 'hung']],
      ['Tổ trưởng Chuyên môn', 'position', ['dao']],
      ['Tổ trưởng Văn phòng', 'position'],
    ],
    codes: ['people.several_holders', 'people.position_vacant'],
  },
];

/** The rules of the import issue, one by one. */
const RULE_ROWS: Row[] = [
  { text: '', lead: null },
  { text: '  \n ', lead: null },
  // Labels say who leads.
  {
    text: 'Chủ trì: Hiệu trưởng; Phối hợp: Tổ 1, tổ khối 3, Công đoàn',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [
      ['Tổ 1', 'group', ['dao', 'duong'], 'to1'],
      ['tổ khối 3', 'group', ['loan', 'ha2'], 'to3'],
      ['Công đoàn', 'unit'],
    ],
  },
  {
    text: 'Phối hợp: Đoàn thanh niên; Chủ trì: Phó HT',
    lead: ['Phó HT', 'position', ['ha', 'hung']],
    coordinators: [['Đoàn thanh niên', 'unit']],
    codes: ['people.several_holders'],
  },
  {
    text: 'Chịu trách nhiệm: Nguyễn Phương Thảo',
    lead: ['Nguyễn Phương Thảo', 'person', ['thao']],
  },
  { text: 'Phối hợp: Liên đội', lead: null, coordinators: [['Liên đội', 'unit']] },
  {
    text: 'Chủ trì: Hiệu trưởng, Kế toán',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [['Kế toán', 'position', ['tuyen']]],
    codes: ['people.several_leads'],
  },
  {
    text: 'PHT (chủ trì), Công đoàn',
    lead: ['PHT', 'position', ['ha', 'hung']],
    coordinators: [['Công đoàn', 'unit']],
    codes: ['people.several_holders'],
  },
  {
    text: 'Công đoàn, Hiệu trưởng (chủ trì)',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [['Công đoàn', 'unit']],
  },
  {
    text: 'Hiệu trưởng chủ trì, phối hợp với Hội cha mẹ học sinh',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [['Hội cha mẹ học sinh', 'unit']],
  },
  // Split columns: the lead from the text, the coordinators from the other column.
  {
    text: 'Hiệu trưởng',
    coordinatorsText: 'Tổ 1; Kế toán',
    lead: ['Hiệu trưởng', 'position', ['thao']],
    coordinators: [
      ['Tổ 1', 'group', ['dao', 'duong'], 'to1'],
      ['Kế toán', 'position', ['tuyen']],
    ],
  },
  {
    text: '',
    coordinatorsText: 'Công đoàn',
    lead: null,
    coordinators: [['Công đoàn', 'unit']],
  },
  // Separators: "/", " và ", line breaks.
  {
    text: 'HĐTĐG/Tổ giám sát',
    lead: ['HĐTĐG', 'group', ['thao', 'ha', 'dao'], 'hdtdg'],
    coordinators: [['Tổ giám sát', 'group', ['hung', 'tuyen'], 'tgs']],
  },
  {
    text: 'Nguyễn Phương Thảo\nLường Thị Hà',
    lead: ['Nguyễn Phương Thảo', 'person', ['thao']],
    coordinators: [['Lường Thị Hà', 'person', ['ha']]],
  },
  // Names: case-insensitive, NFC, diacritics significant, titles allowed.
  { text: 'NGUYỄN PHƯƠNG THẢO', lead: ['NGUYỄN PHƯƠNG THẢO', 'person', ['thao']] },
  {
    text: 'Nguyễn Phương Thảo'.normalize('NFD'),
    lead: ['Nguyễn Phương Thảo'.normalize('NFD'), 'person', ['thao']],
  },
  { text: 'Nguyễn Thị Hạ', lead: ['Nguyễn Thị Hạ', 'person', ['ha3']] },
  { text: 'Nguyễn Thị Hà', lead: ['Nguyễn Thị Hà', 'person', ['ha2']] },
  { text: 'Nguyễn Thị Ha', lead: ['Nguyễn Thị Ha', 'unknown'], codes: ['people.not_in_directory'] },
  { text: 'Cô Nguyễn Thị Hạ', lead: ['Cô Nguyễn Thị Hạ', 'person', ['ha3']] },
  { text: 'Đ/c Lường Thị Hà', lead: ['Đ/c Lường Thị Hà', 'person', ['ha']] },
  { text: 'Trần Quang Hưng (PHT)', lead: ['Trần Quang Hưng (PHT)', 'person', ['hung']] },
  {
    text: 'Phó hiệu trưởng Trần Quang Hưng',
    lead: ['Phó hiệu trưởng Trần Quang Hưng', 'person', ['hung']],
  },
  // Group words.
  { text: 'Ban giám hiệu', lead: ['Ban giám hiệu', 'group', ['thao', 'ha', 'hung'], 'bgh'] },
  {
    text: 'Hội đồng tự đánh giá',
    lead: ['Hội đồng tự đánh giá', 'group', ['thao', 'ha', 'dao'], 'hdtdg'],
  },
  { text: 'Tổ Giám sát', lead: ['Tổ Giám sát', 'group', ['hung', 'tuyen'], 'tgs'] },
  { text: 'Tổ văn phòng', lead: ['Tổ văn phòng', 'group', STAFF, 'tvp'] },
  { text: 'Tổ 2', lead: ['Tổ 2', 'group'], codes: ['people.group_not_found'] },
  { text: 'Tổ chuyên môn 1', lead: ['Tổ chuyên môn 1', 'group', ['dao', 'duong'], 'to1'] },
  // Staff words.
  { text: 'toàn thể CB-GV-NV', lead: ['toàn thể CB-GV-NV', 'position', EVERYONE] },
  {
    text: 'Cán bộ, giáo viên, nhân viên',
    lead: ['Cán bộ, giáo viên, nhân viên', 'position', EVERYONE],
  },
  { text: 'Giáo viên chủ nhiệm', lead: ['Giáo viên chủ nhiệm', 'position', ['loan']] },
  { text: 'Nhân viên văn thư', lead: ['Nhân viên văn thư', 'position', ['ha3']] },
  { text: 'Hiệu trưởng', lead: ['Hiệu trưởng', 'position', ['thao']] },
  { text: 'HT', lead: ['HT', 'position', ['thao']] },
  // Units outside the school.
  {
    text: 'UBND xã, Phòng GD&ĐT, Sở Giáo dục và Đào tạo, Trường THCS Pom Lót',
    lead: ['UBND xã', 'unit'],
    coordinators: [
      ['Phòng GD&ĐT', 'unit'],
      ['Sở Giáo dục và Đào tạo', 'unit'],
      ['Trường THCS Pom Lót', 'unit'],
    ],
  },
  // Anything else: unknown, with a warning, never dropped.
  { text: 'Theo phân công', lead: ['Theo phân công', 'unknown'], codes: ['people.unrecognized'] },
];

describe('parsePeople — the seeds', () => {
  it.each(SEED_ROWS)('$text', check);
});

describe('parsePeople — rules', () => {
  it.each(RULE_ROWS)('$text', check);

  it('finds no one for a position the directory lacks, and says so', () => {
    const result = parsePeople('Hiệu trưởng', { people: [], groups: [] });
    expect(result.value?.lead).toEqual(ref(['Hiệu trưởng', 'position']));
    expect(result.issues.map((i) => i.code)).toEqual(['people.position_vacant']);
  });

  it('reads "BGH" as the principal and vice-principals when the directory has no leadership group', () => {
    const result = parsePeople('BGH', { people, groups: [] });
    expect(result.value?.lead).toEqual(ref(['BGH', 'group', ['thao', 'ha', 'hung']]));
    expect(result.issues.map((i) => i.code)).toEqual(['people.group_missing']);
  });

  it('does not pick one of two people with the same name', () => {
    const twins = [
      ...people,
      { id: 'thao2', fullName: 'Nguyễn Phương Thảo', position: 'Giáo viên' },
    ];
    const result = parsePeople('Nguyễn Phương Thảo', { people: twins, groups });
    expect(result.value?.lead).toEqual(ref(['Nguyễn Phương Thảo', 'person']));
    expect(result.issues.map((i) => i.code)).toEqual(['people.ambiguous_name']);
  });

  it('compares names with the tone mark in either place', () => {
    expect(personNameKey('Lò Thị Thuỳ Dương')).toBe(personNameKey('lò thị thùy  dương'));
    expect(personNameKey('Hoà')).toBe(personNameKey('Hòa'));
    expect(personNameKey('Hà')).not.toBe(personNameKey('Hạ'));
  });
});

// -----------------------------------------------------------------------------------------------
// Properties.
// -----------------------------------------------------------------------------------------------

/** Parts the parser understands, each standing alone. */
const KNOWN_PARTS = [
  'Hiệu trưởng',
  'phó hiệu trưởng',
  'PHT',
  'BGH',
  'tổ chuyên môn',
  'Tổ 1',
  'tổ khối 3',
  'giáo viên',
  'GVCN',
  'nhân viên',
  'Kế toán',
  'Hội đồng TĐG',
  'Tổ giám sát',
  'Phòng Giáo dục và Đào tạo',
  'Phòng Nội vụ Quận 4',
  'UBND xã',
  'Hội cha mẹ học sinh',
  'Công đoàn',
  'Đoàn thanh niên',
  'Liên đội',
  'Nguyễn Phương Thảo',
  'Lường Thị Hà',
  'Bùi Thị Đào',
  'toàn thể CB-GV-NV',
  'Ban Quản trị website',
  'Lâm Thị Ngọc Thảo',
];

describe('parsePeople — properties', () => {
  it('never throws, returns the text verbatim, and every reference is a piece of the text', () => {
    const pieces = fc.oneof(
      fc.constantFrom(
        ...KNOWN_PARTS,
        'Theo phân công',
        ',',
        ';',
        '/',
        ' và ',
        '\n',
        'Chủ trì:',
        'Phối hợp:',
        '(chủ trì)',
        ' ',
      ),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.array(pieces, { maxLength: 10 }).map((p) => p.join('')),
        ),
        fc.option(fc.string(), { nil: undefined }),
        (text, coordinatorsText) => {
          const result = parsePeople(
            text,
            directory,
            coordinatorsText === undefined ? undefined : { coordinatorsText },
          );
          expect(result.text).toBe(text);
          const refs = [result.value?.lead, ...(result.value?.coordinators ?? [])].filter(
            (r) => r != null,
          );
          for (const r of refs) {
            expect(text.includes(r.text) || (coordinatorsText ?? '').includes(r.text)).toBe(true);
            expect(r.text.trim()).toBe(r.text);
            if (r.kind === 'unit' || r.kind === 'unknown') expect(r.personIds).toEqual([]);
            expect(r.personIds.every((id) => EVERYONE.includes(id))).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never drops a part: one reference per part, in order, the first as lead', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...KNOWN_PARTS), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(', ', '; ', ' / ', ' và ', '\n', ',', ';'), {
          minLength: 6,
          maxLength: 6,
        }),
        (parts, separators) => {
          const text = parts.map((p, i) => (i === 0 ? p : `${separators[i] ?? ', '}${p}`)).join('');
          const value = parsePeople(text, directory).value;
          const refs = [value?.lead, ...(value?.coordinators ?? [])];
          expect(refs.map((r) => r?.text)).toEqual(parts);
        },
      ),
    );
  });
});
