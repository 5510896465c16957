/**
 * The people cell of a plan row ("Chủ trì và phối hợp thực hiện", "Người chịu trách nhiệm",
 * TT57 "Phụ trách") → the lead and the coordinators, matched to the school's directory where that
 * is certain. The text is cut into parts (",", ";", line breaks, " và ", "/"); every part becomes
 * one reference, never dropped (CONVENTIONS.md §10: keep everything, never guess):
 * - a full name → that person (NFC, case-insensitive, diacritics significant: "Nguyễn Thị Hà" is
 *   not "Nguyễn Thị Hạ"; only the placement of a tone mark, "Thuỳ"/"Thùy", is not a difference);
 * - a position ("Hiệu trưởng", "PHT") → whoever holds it; staff words ("giáo viên", "GVCN",
 *   "nhân viên", "toàn thể CB-GV-NV") → the people they cover;
 * - group words ("BGH", "tổ chuyên môn", "Tổ 1", "HĐTĐG", "Tổ giám sát") → directory groups;
 * - bodies outside the school ("Phòng Giáo dục và Đào tạo", "UBND xã", "Công đoàn") → units;
 * - anything else → `unknown`, with a warning.
 */
import { foldVietnamese, searchKey } from '../text/fold.ts';
import { foldWithOffsets, sourceSlice, type FoldedText } from './folded-text.ts';
import type { ParseIssue, ParseResult } from './parse.types.ts';

/** A person of the school's directory, as the parser needs it. */
export interface DirectoryPerson {
  id: string;
  fullName: string;
  /** Free text, e.g. "Hiệu trưởng", "Phó hiệu trưởng", "Giáo viên", "Kế toán". */
  position: string;
}

/** A group of the school's directory (Ban giám hiệu, tổ chuyên môn, Hội đồng tự đánh giá…). */
export interface DirectoryGroup {
  id: string;
  name: string;
  /** leadership | subject_group | council | monitoring_team | office_group | other. */
  kind: string;
  memberIds: string[];
}

/** One person, group, position or unit named in a people cell. */
export interface PersonRef {
  /** The part as typed. */
  text: string;
  /** `unit`: a body outside the school (no ids); `unknown`: not understood (with a warning). */
  kind: 'person' | 'group' | 'position' | 'unit' | 'unknown';
  /** The directory people the part stands for (a group's members, a position's holders). */
  personIds: string[];
  groupId: string | null;
}

/** The lead ("chủ trì") and the coordinators ("phối hợp") of a row. */
export interface PeopleValue {
  lead: PersonRef | null;
  coordinators: PersonRef[];
}

/** The directory the parser matches against. */
export interface PeopleDirectory {
  people: DirectoryPerson[];
  groups: DirectoryGroup[];
}

const issue = (code: string, severity: ParseIssue['severity'], message: string): ParseIssue => ({
  code,
  severity,
  message,
});

// ---------------------------------------------------------------------------------------------
// Names: NFC, lowercase, whitespace collapsed; the old and new placements of a tone mark
// ("hòa"/"hoà", "thùy"/"thuỳ") compare equal, every other diacritic is significant.
// ---------------------------------------------------------------------------------------------

const TONE = '[\u0300\u0301\u0303\u0309\u0323]';
const TONE_ON_O = new RegExp(`o(${TONE})([ae])(?![\u0300-\u036f])`, 'gu');
const TONE_ON_U = new RegExp(`u(${TONE})(y)(?![\u0300-\u036f])`, 'gu');

/** The comparison key of a full name. */
export function personNameKey(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .replace(TONE_ON_O, 'o$2$1')
    .replace(TONE_ON_U, 'u$2$1')
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Positions.
// ---------------------------------------------------------------------------------------------

/** Abbreviations and variants of positions, on search keys (folded, punctuation → space). */
const POSITION_ALIASES: Record<string, string> = {
  ht: 'hieu truong',
  'thay hieu truong': 'hieu truong',
  'co hieu truong': 'hieu truong',
  pht: 'pho hieu truong',
  'p ht': 'pho hieu truong',
  'pho ht': 'pho hieu truong',
  'cac pho hieu truong': 'pho hieu truong',
  ttcm: 'to truong chuyen mon',
  'to truong to chuyen mon': 'to truong chuyen mon',
  'to truong cm': 'to truong chuyen mon',
  'to truong to cm': 'to truong chuyen mon',
  'to pho to chuyen mon': 'to pho chuyen mon',
  'to pho cm': 'to pho chuyen mon',
  'to truong to van phong': 'to truong van phong',
  tpt: 'tong phu trach doi',
  'tpt doi': 'tong phu trach doi',
  'tong phu trach': 'tong phu trach doi',
  'gv tpt doi': 'tong phu trach doi',
  kt: 'ke toan',
  'y te': 'y te hoc duong',
  'nhan vien y te': 'y te hoc duong',
};

const positionKey = (position: string) => {
  const key = searchKey(position);
  return POSITION_ALIASES[key] ?? key;
};

/** Positions known without the directory (directory.types.ts COMMON_POSITIONS and a few more). */
const KNOWN_POSITIONS = new Set(
  [
    'Hiệu trưởng',
    'Phó hiệu trưởng',
    'Tổ trưởng chuyên môn',
    'Tổ phó chuyên môn',
    'Tổ trưởng văn phòng',
    'Giáo viên',
    'Tổng phụ trách Đội',
    'Kế toán',
    'Văn thư',
    'Thủ quỹ',
    'Y tế học đường',
    'Thư viện',
    'Thiết bị',
    'Nhân viên',
    'Bảo vệ',
    'Phục vụ',
    'Cấp dưỡng',
    'Bí thư Chi đoàn',
    'Bí thư Chi bộ',
    'Chủ tịch Công đoàn',
  ].map(positionKey),
);

/** Non-teaching staff positions: "nhân viên" covers them. */
const STAFF_POSITION =
  /nhan vien|^(?:ke toan|van thu|thu quy|y te|thu vien|thiet bi|bao ve|phuc vu|cap duong)/u;
const TEACHER_POSITION = /giao vien|^(?:to truong chuyen mon|to pho chuyen mon)$/u;

// ---------------------------------------------------------------------------------------------
// Vocabulary, on the search key of a part (folded, punctuation → space).
// ---------------------------------------------------------------------------------------------

const ALL_STAFF =
  /^(?:cb gv nv(?: nld| hs)?|cbgvnv|cb gv va nv|can bo giao vien(?: va)? nhan vien(?: nguoi lao dong)?|tap the su pham|vien chuc(?: va)?(?: nguoi lao dong)?|nguoi lao dong|toan truong|nha truong|toan the nha truong)$/u;
const LEADERSHIP =
  /^(?:bgh|ban giam hieu|ban lanh dao(?: nha truong)?|lanh dao nha truong|lanh dao truong|cbql|can bo quan ly)$/u;
const COUNCIL = /^(?:hoi dong tu danh gia|hd tdg|hdtdg|hoi dong tdg|hd tu danh gia)$/u;
const MONITORING = /^(?:to giam sat|ban giam sat)(?: ke hoach.*| thuc hien.*)?$/u;
const OFFICE = /^(?:to van phong|to hanh chinh(?: van phong)?|to vp)$/u;
const SUBJECT_GROUPS = /^(?:to chuyen mon|to cm|tcm|to khoi|to chuyen mon cac khoi)$/u;
const SUBJECT_GROUP_NAMED = /^(?:to chuyen mon|to cm|to khoi|to|khoi) (.+)$/u;
const TEACHERS = /^(?:giao vien|gv|giao vien cac (?:khoi|lop|to|bo mon))$/u;
const HOMEROOM = /^(?:gvcn|giao vien chu nhiem|gv chu nhiem)$/u;
const SUBJECT_TEACHERS = /^(?:gvbm|giao vien bo mon|gv bo mon)$/u;
const STAFF = /^(?:nhan vien|nv)$/u;
const STAFF_OF = /^(?:nhan vien|nv) (.+)$/u;
const HEAD_OF = /^(?:to truong|to pho|nhom truong|truong ban|pho ban|truong khoi)(?: .+)?$/u;
/** Bodies outside the school's directory (PARSING brief: units, no ids). */
const UNIT =
  /^(?:phong|so|bo|ubnd|uy ban|ban dai dien|bdd|ban ph|hoi(?! dong)|cong doan|doan thanh nien|doan tn|chi doan|doan truong|lien doi|doi tntp|doi thieu nien|chi bo|chi uy|dang uy|dang bo|tram|trung tam|cong an|mat tran|ban nganh|doan the|to chuc|ca nhan|nha tai tro|doanh nghiep|cha me hoc sinh|phu huynh|cmhs|hoc sinh|hs|pgd|pgddt|sgd|sgddt|chinh quyen|dia phuong|ban chi huy|quan doi|bien phong|y te xa|benh vien)(?![a-z0-9])/u;
/** "Trường …" (another school) — with its diacritics, so "Trưởng ban" is not taken for it. */
const OTHER_SCHOOL = /^trường\s/u;
const GROUP_WORD = /^(?:hoi dong|ban|to|nhom|doi|cau lac bo|clb) /u;

/** Prefixes that do not change what a part names ("các thành viên Hội đồng …", "toàn thể giáo viên"). */
const QUANTIFIER =
  /^(?:(?:cac|toan the|tat ca|tat ca cac|moi) )?(?:(?:cac )?thanh vien(?: cua)? )?/u;
/** Titles allowed before or after a name ("Cô Nguyễn Thị Hà", "Trần Văn B (PHT)"). */
const TITLES = new Set([
  'thay',
  'co',
  'ong',
  'ba',
  'anh',
  'chi',
  'd c',
  'dc',
  'dong chi',
  'co giao',
  'thay giao',
  'gv',
  'giao vien',
  'nv',
  'nhan vien',
]);

// ---------------------------------------------------------------------------------------------
// Cutting the text.
// ---------------------------------------------------------------------------------------------

/** "Chủ trì: …", "Chịu trách nhiệm: …", "Phụ trách: …" name the lead; "Phối hợp: …" the coordinators. */
const LABEL =
  /(?:(nguoi\s+)?(?:chu\s+tri|chiu\s+trach\s+nhiem(?:\s+chinh)?|phu\s+trach(?:\s+chinh)?)|(phoi\s+hop(?:\s+thuc\s+hien)?(?:\s+voi)?|ho\s+tro|tham\s+gia))\s*:/gu;
const SEPARATOR = /[,;/]|\s+va\s+/gu;
/** Names of bodies that contain a separator and must not be cut ("Phòng Giáo dục và Đào tạo"). */
const PROTECTED = [
  /(?:phong|so|bo)\s+(?:giao\s+duc\s+va\s+dao\s+tao|gd\s*(?:&|va|\/|-)?\s*dt)/gu,
  /lao\s+dong\s*-?\s*thuong\s+binh\s+va\s+xa\s+hoi/gu,
  /van\s+hoa\s*(?:va|-|\/)\s*(?:thong\s+tin|xa\s+hoi)/gu,
  /tai\s+nguyen\s+va\s+moi\s+truong/gu,
  /khoa\s+hoc\s+va\s+cong\s+nghe/gu,
  /tai\s+chinh\s*(?:-|va|\/)\s*ke\s+hoach/gu,
  /thi\s+dua\s*[,-]?\s*khen\s+thuong/gu,
  /\b(?:cb|can\s+bo)\s*(?:[-,/]|\s+va\s+)?\s*(?:gv|giao\s+vien)\s*(?:[-,/]|\s+va\s+)\s*(?:nv|nhan\s+vien)(?:\s*(?:[-,/]|\s+va\s+)\s*(?:nld|nguoi\s+lao\s+dong|hs|hoc\s+sinh))?/gu,
  /vien\s+chuc\s+va\s+nguoi\s+lao\s+dong/gu,
  // "Đ/c" (đồng chí) before a name.
  /(?<![a-z])d\s*\/\s*c(?![a-z])/gu,
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

type Span = [number, number];

/** Intervals of the folded text that separators must not cut. */
function protectedSpans(text: FoldedText, groups: DirectoryGroup[]): Span[] {
  const spans: Span[] = [];
  const patterns = [...PROTECTED];
  for (const group of groups) {
    const folded = foldVietnamese(group.name);
    if (/[,;/]|\sva\s/u.test(folded)) {
      patterns.push(new RegExp(folded.split(/\s+/u).map(escapeRegExp).join('\\s+'), 'gu'));
    }
  }
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text.folded); m; m = pattern.exec(text.folded)) {
      spans.push([m.index, m.index + m[0].length]);
      if (m[0].length === 0) pattern.lastIndex += 1;
    }
  }
  return spans;
}

/** Cuts [from, to) at separators outside protected spans; empty pieces are dropped (they hold nothing). */
function cutAt(
  text: FoldedText,
  from: number,
  to: number,
  separator: RegExp,
  keep: Span[],
): Span[] {
  const pieces: Span[] = [];
  const slice = text.folded.slice(from, to);
  const pattern = new RegExp(separator.source, 'gu');
  let start = from;
  for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
    const at = from + m.index;
    if (keep.some(([a, b]) => at >= a && at < b)) continue;
    pieces.push([start, at]);
    start = at + m[0].length;
  }
  pieces.push([start, to]);
  return pieces.map((span) => trimSpan(text, span)).filter(([a, b]) => b > a);
}

/** Trims spaces, bullets and stray punctuation from both ends of a span. */
function trimSpan(text: FoldedText, [from, to]: Span): Span {
  let a = from;
  let b = to;
  while (a < b && /[\s\-+*•.:,;()]/u.test(text.folded[a] ?? '')) a += 1;
  while (b > a && /[\s\-+*•.:,;]/u.test(text.folded[b - 1] ?? '')) b -= 1;
  // Keep a closing parenthesis that closes one opened inside ("Trần Văn B (PHT)").
  if (b < to && text.folded[b] === ')' && text.folded.slice(a, b).includes('(')) b += 1;
  return [a, b];
}

// ---------------------------------------------------------------------------------------------
// Classifying one part.
// ---------------------------------------------------------------------------------------------

interface Classified {
  ref: PersonRef;
  issues: ParseIssue[];
}

interface Index {
  people: DirectoryPerson[];
  /** `positionKey` of each person's position, by id (computed once per call). */
  positionOf: Map<string, string>;
  positionKeys: Set<string>;
  byName: Map<string, DirectoryPerson[]>;
  byFoldedName: Map<string, DirectoryPerson[]>;
  groups: DirectoryGroup[];
}

function buildIndex(directory: PeopleDirectory): Index {
  const byName = new Map<string, DirectoryPerson[]>();
  const byFoldedName = new Map<string, DirectoryPerson[]>();
  const add = (map: Map<string, DirectoryPerson[]>, key: string, person: DirectoryPerson) => {
    if (key === '') return;
    map.set(key, [...(map.get(key) ?? []), person]);
  };
  for (const person of directory.people) {
    add(byName, personNameKey(person.fullName), person);
    add(byFoldedName, searchKey(person.fullName), person);
  }
  const positionOf = new Map(directory.people.map((p) => [p.id, positionKey(p.position)]));
  return {
    people: directory.people,
    positionOf,
    positionKeys: new Set(positionOf.values()),
    byName,
    byFoldedName,
    groups: directory.groups,
  };
}

const unique = (ids: string[]) => [...new Set(ids)];

/** A part as quoted in a message: on one line. */
const quote = (text: string) => `“${text.replace(/\s+/gu, ' ').trim()}”`;

function classify(text: string, index: Index): Classified {
  const ref = (
    kind: PersonRef['kind'],
    personIds: string[] = [],
    groupId: string | null = null,
  ): PersonRef => ({
    text,
    kind,
    personIds: unique(personIds),
    groupId,
  });
  const issues: ParseIssue[] = [];
  const done = (r: PersonRef): Classified => ({ ref: r, issues });
  const key = searchKey(text);
  const stripped = key.replace(QUANTIFIER, '');

  // A full name, alone or with a title ("Cô …", "… (PHT)").
  const person = matchName(text, index);
  if (person.kind === 'one') return done(ref('person', [person.person.id]));
  if (person.kind === 'several') {
    issues.push(
      issue(
        'people.ambiguous_name',
        'warning',
        `Có ${person.count} người tên ${quote(text)} trong danh bạ; hãy chọn đúng người.`,
      ),
    );
    return done(ref('person'));
  }

  // A group of the directory by its own name ("Ban Quản trị website" when the school keeps one).
  const named = index.groups.filter((g) => {
    const groupKey = searchKey(g.name);
    return groupKey === key || groupKey === stripped;
  });
  if (named.length === 1 && named[0]) return done(groupRef(text, named[0]));
  if (named.length > 1) {
    issues.push(
      issue(
        'people.ambiguous_group',
        'warning',
        `Có ${named.length} nhóm tên ${quote(text)} trong danh bạ.`,
      ),
    );
    return done(ref('group'));
  }

  const positionOf = (p: DirectoryPerson) => index.positionOf.get(p.id) ?? '';
  const holders = (wanted: string) => index.people.filter((p) => positionOf(p) === wanted);
  const byPosition = (wanted: string, label: string, reportSeveral: boolean): Classified => {
    const found = holders(wanted);
    if (found.length === 0) {
      issues.push(
        issue(
          'people.position_vacant',
          'info',
          `Chưa có ai trong danh bạ giữ chức vụ ${quote(label)}.`,
        ),
      );
    } else if (found.length > 1 && reportSeveral) {
      issues.push(
        issue(
          'people.several_holders',
          'info',
          `${found.length} người giữ chức vụ ${quote(label)} trong danh bạ; ghi nhận tất cả.`,
        ),
      );
    }
    return done(
      ref(
        'position',
        found.map((p) => p.id),
      ),
    );
  };
  const byFilter = (filter: (position: string) => boolean, label: string): Classified => {
    const found = index.people.filter((p) => filter(positionOf(p)));
    if (found.length === 0) {
      issues.push(
        issue('people.position_vacant', 'info', `Chưa có ai trong danh bạ thuộc ${quote(label)}.`),
      );
    }
    return done(
      ref(
        'position',
        found.map((p) => p.id),
      ),
    );
  };

  // Staff words: the whole staff, teachers, homeroom teachers, non-teaching staff.
  if (ALL_STAFF.test(stripped) || ALL_STAFF.test(key))
    return done(
      ref(
        'position',
        index.people.map((p) => p.id),
      ),
    );
  if (TEACHERS.test(stripped)) return byFilter((p) => TEACHER_POSITION.test(p), text);
  if (HOMEROOM.test(stripped)) return byFilter((p) => p.includes('chu nhiem'), text);
  if (SUBJECT_TEACHERS.test(stripped)) return byFilter((p) => p.includes('bo mon'), text);
  if (STAFF.test(stripped)) return byFilter((p) => STAFF_POSITION.test(p), text);

  // Groups by kind: BGH, HĐTĐG, Tổ giám sát, Tổ văn phòng, the subject groups.
  if (LEADERSHIP.test(stripped)) return leadershipRef(text, index, issues);
  if (COUNCIL.test(stripped)) return groupOfKind(text, index, 'council', /tu danh gia/u, issues);
  if (MONITORING.test(stripped))
    return groupOfKind(text, index, 'monitoring_team', /giam sat/u, issues);
  if (OFFICE.test(stripped))
    return groupOfKind(text, index, 'office_group', /van phong|hanh chinh/u, issues);
  if (SUBJECT_GROUPS.test(stripped)) {
    const groups = index.groups.filter((g) => g.kind === 'subject_group');
    if (groups.length === 1 && groups[0]) return done(groupRef(text, groups[0]));
    if (groups.length === 0) {
      issues.push(issue('people.group_not_found', 'info', `Danh bạ chưa có tổ chuyên môn nào.`));
      return done(ref('group'));
    }
    // "tổ chuyên môn" with several subject groups: all of them (an info says so).
    issues.push(
      issue(
        'people.all_subject_groups',
        'info',
        `${quote(text)} được hiểu là cả ${groups.length} tổ chuyên môn của trường.`,
      ),
    );
    return done(
      ref(
        'group',
        groups.flatMap((g) => g.memberIds),
      ),
    );
  }

  // Positions: the directory's own, the usual ones, "Tổ trưởng …", "nhân viên thư viện".
  const wanted = POSITION_ALIASES[stripped] ?? stripped;
  if (index.positionKeys.has(wanted)) {
    return byPosition(wanted, text, true);
  }
  const staffOf = STAFF_OF.exec(stripped);
  if (staffOf?.[1]) {
    const wantedParts = foldVietnamese(text)
      .replace(/^(?:cac |toan the )?(?:nhan vien|nv)\s+/u, '')
      .split(/\s*(?:[-–—/&]|\bva\b)\s*/u)
      .map(searchKey)
      .filter((p) => p !== '');
    return byFilter(
      (p) => wantedParts.some((w) => p === w || p === `nhan vien ${w}` || p.includes(w)),
      text,
    );
  }
  if (KNOWN_POSITIONS.has(wanted) || HEAD_OF.test(wanted)) return byPosition(wanted, text, true);

  // A subject group by name: "Tổ 1", "tổ khối 3", "Tổ Toán".
  const subject = SUBJECT_GROUP_NAMED.exec(stripped);
  if (subject?.[1]) {
    const wantedName = subjectGroupName(stripped);
    const groups = index.groups.filter(
      (g) => g.kind === 'subject_group' && subjectGroupName(searchKey(g.name)) === wantedName,
    );
    if (groups.length === 1 && groups[0]) return done(groupRef(text, groups[0]));
    if (groups.length > 1) {
      issues.push(
        issue(
          'people.ambiguous_group',
          'warning',
          `Có ${groups.length} tổ trùng tên ${quote(text)} trong danh bạ.`,
        ),
      );
      return done(ref('group'));
    }
  }

  // Bodies outside the school.
  if (
    UNIT.test(stripped) ||
    UNIT.test(key) ||
    OTHER_SCHOOL.test(text.normalize('NFC').toLowerCase())
  ) {
    return done(ref('unit'));
  }

  // A group word not found in the directory ("Ban Quản trị website", "Hội đồng thi đua, khen thưởng").
  if (GROUP_WORD.test(stripped)) {
    issues.push(
      issue(
        'people.group_not_found',
        'warning',
        `Không tìm thấy ${quote(text)} trong danh bạ nhóm của trường.`,
      ),
    );
    return done(ref('group'));
  }

  // A name not in the directory; say so, and point at a spelling without the same diacritics.
  if (looksLikeName(text)) {
    const near = index.byFoldedName.get(key) ?? [];
    issues.push(
      issue(
        'people.not_in_directory',
        'warning',
        near.length > 0
          ? `${quote(text)} không có trong danh bạ (có ${near.map((p) => p.fullName).join(', ')}, khác dấu); chưa ghép.`
          : `${quote(text)} không có trong danh bạ.`,
      ),
    );
    return done(ref('unknown'));
  }
  issues.push(
    issue(
      'people.unrecognized',
      'warning',
      `Chưa hiểu ${quote(text)} là người, nhóm hay đơn vị nào.`,
    ),
  );
  return done(ref('unknown'));
}

type NameMatch =
  { kind: 'none' } | { kind: 'one'; person: DirectoryPerson } | { kind: 'several'; count: number };

/** A full name, possibly with a title before it or a position after it. */
function matchName(text: string, index: Index): NameMatch {
  const full = personNameKey(text);
  const words = full.split(' ');
  const candidates: string[] = [full];
  // Peel titles off the front ("Cô", "Đ/c", "Phó hiệu trưởng") and the back ("(PHT)", "- Kế toán");
  // no title is longer than five words ("giáo viên tổng phụ trách đội").
  for (let cut = 1; cut < Math.min(words.length, 6); cut += 1) {
    const head = searchKey(words.slice(0, cut).join(' '));
    if (isTitle(head, index)) candidates.push(words.slice(cut).join(' '));
    const tail = searchKey(words.slice(words.length - cut).join(' '));
    if (isTitle(tail, index)) {
      candidates.push(
        words
          .slice(0, words.length - cut)
          .join(' ')
          .replace(/[\s\-–:,(]+$/u, ''),
      );
    }
  }
  for (const candidate of candidates) {
    const found = index.byName.get(candidate);
    if (found && found.length === 1 && found[0]) return { kind: 'one', person: found[0] };
    if (found && found.length > 1) return { kind: 'several', count: found.length };
  }
  return { kind: 'none' };
}

function isTitle(key: string, index: Index): boolean {
  if (key === '') return false;
  const wanted = POSITION_ALIASES[key] ?? key;
  return TITLES.has(key) || KNOWN_POSITIONS.has(wanted) || index.positionKeys.has(wanted);
}

/** Two to six capitalised words of letters: how a Vietnamese full name looks. */
function looksLikeName(text: string): boolean {
  const words = text.normalize('NFC').trim().split(/\s+/u);
  return (
    words.length >= 2 && words.length <= 6 && words.every((w) => /^\p{Lu}[\p{L}\p{M}]*$/u.test(w))
  );
}

/** "Tổ 1", "Tổ chuyên môn 1", "tổ khối 1" → "1"; "Tổ Toán - Tin" → "toan tin". */
function subjectGroupName(key: string): string {
  return key.replace(/^(?:to )?(?:chuyen mon |cm )?(?:khoi )?/u, '').trim();
}

function groupRef(text: string, group: DirectoryGroup): PersonRef {
  return { text, kind: 'group', personIds: unique(group.memberIds), groupId: group.id };
}

/** The groups of a kind; with several, the one whose name says so (e.g. "… tự đánh giá"). */
function groupOfKind(
  text: string,
  index: Index,
  kind: string,
  nameHint: RegExp,
  issues: ParseIssue[],
): Classified {
  let groups = index.groups.filter((g) => g.kind === kind);
  if (groups.length > 1) groups = groups.filter((g) => nameHint.test(searchKey(g.name)));
  if (groups.length === 1 && groups[0]) return { ref: groupRef(text, groups[0]), issues };
  issues.push(
    groups.length === 0
      ? issue(
          'people.group_not_found',
          'warning',
          `Không tìm thấy ${quote(text)} trong danh bạ nhóm của trường.`,
        )
      : issue(
          'people.ambiguous_group',
          'warning',
          `Có ${groups.length} nhóm có thể là ${quote(text)} trong danh bạ.`,
        ),
  );
  return { ref: { text, kind: 'group', personIds: [], groupId: null }, issues };
}

/**
 * "BGH" / "Ban giám hiệu" → the leadership group. Without one in the directory, the Ban giám hiệu
 * is by definition the principal and the vice-principals (Điều lệ trường), so their holders are
 * given, with an info.
 */
function leadershipRef(text: string, index: Index, issues: ParseIssue[]): Classified {
  const groups = index.groups.filter((g) => g.kind === 'leadership');
  if (groups.length === 1 && groups[0]) return { ref: groupRef(text, groups[0]), issues };
  if (groups.length > 1) {
    issues.push(
      issue('people.ambiguous_group', 'warning', `Danh bạ có ${groups.length} nhóm ban giám hiệu.`),
    );
    return { ref: { text, kind: 'group', personIds: [], groupId: null }, issues };
  }
  const ids = index.people
    .filter((p) => ['hieu truong', 'pho hieu truong'].includes(index.positionOf.get(p.id) ?? ''))
    .map((p) => p.id);
  issues.push(
    issue(
      'people.group_missing',
      'info',
      `Danh bạ chưa có nhóm Ban giám hiệu; ${quote(text)} được hiểu là hiệu trưởng và các phó hiệu trưởng.`,
    ),
  );
  return { ref: { text, kind: 'group', personIds: unique(ids), groupId: null }, issues };
}

// ---------------------------------------------------------------------------------------------
// Parts, roles and the whole cell.
// ---------------------------------------------------------------------------------------------

type Role = 'lead' | 'coordinator' | 'unlabelled';

interface Part {
  span: Span;
  role: Role;
  /** "(chủ trì)" written on the part itself. */
  markedLead: boolean;
}

const LEAD_MARK = /\s*(?:\(\s*chu\s+tri\s*\)|-\s*chu\s+tri|\s+chu\s+tri)\s*$/u;
const COORDINATOR_MARK = /^\s*phoi\s+hop(?:\s+voi)?\s+/u;
const COORDINATOR_MARK_AFTER = /\s*\(\s*phoi\s+hop\s*\)\s*$/u;

/** The parts of a text, with the role its labels give them. */
function partsOf(text: FoldedText, groups: DirectoryGroup[], defaultRole: Role): Part[] {
  const keep = protectedSpans(text, groups);
  const segments: { span: Span; role: Role }[] = [];
  const labels = [...text.folded.matchAll(LABEL)];
  let start = 0;
  let role: Role = defaultRole;
  for (const label of labels) {
    segments.push({ span: [start, label.index], role });
    role = label[2] ? 'coordinator' : defaultRole === 'coordinator' ? 'coordinator' : 'lead';
    start = label.index + label[0].length;
  }
  segments.push({ span: [start, text.folded.length], role });

  const parts: Part[] = [];
  for (const segment of segments) {
    for (const span of cutAt(text, segment.span[0], segment.span[1], SEPARATOR, keep)) {
      let [a, b] = span;
      let partRole = segment.role;
      let markedLead = false;
      const slice = text.folded.slice(a, b);
      const lead = LEAD_MARK.exec(slice);
      if (lead && lead.index > 0) {
        b = a + lead.index;
        markedLead = true;
      }
      const coordinator = COORDINATOR_MARK.exec(text.folded.slice(a, b));
      if (coordinator && coordinator[0].length < b - a) {
        a += coordinator[0].length;
        partRole = 'coordinator';
      }
      const after = COORDINATOR_MARK_AFTER.exec(text.folded.slice(a, b));
      if (after && after.index > 0) {
        b = a + after.index;
        partRole = 'coordinator';
      }
      [a, b] = trimSpan(text, [a, b]);
      if (b > a) parts.push({ span: [a, b], role: partRole, markedLead });
    }
  }
  return parts;
}

/**
 * Classifies a part. A part that holds line breaks may be several items or one cell wrapped
 * mid-name ("Hiệu \ntrưởng"): it is read line by line when every line makes sense alone (known,
 * or shaped like a full name), as one when the whole does, line by line when some line does, and
 * as one otherwise — so a wrapped name is never cut into words.
 */
function classifyPart(
  text: FoldedText,
  part: Part,
  index: Index,
): { refs: Classified[]; part: Part } {
  const [a, b] = part.span;
  const whole = sourceSlice(text, a, b).trim();
  const joined = classify(whole, index);
  if (!text.folded.slice(a, b).includes('\n')) return { refs: [joined], part };
  const lineTexts = cutAt(text, a, b, /\n/u, []).map(([x, y]) => sourceSlice(text, x, y).trim());
  const lines = lineTexts.map((line) => classify(line, index));
  const makesSense = (c: Classified, t: string) => c.ref.kind !== 'unknown' || looksLikeName(t);
  const sensible = lines.map((l, i) => makesSense(l, lineTexts[i] ?? ''));
  if (sensible.every(Boolean)) return { refs: lines, part };
  if (makesSense(joined, whole)) return { refs: [joined], part };
  if (sensible.some(Boolean)) return { refs: lines, part };
  return { refs: [joined], part };
}

/**
 * Parses a people cell into the lead and the coordinators, matched to the directory
 * (CONVENTIONS.md §10; PRODUCT.md §4 "people").
 *
 * - Parts are cut at ",", ";", line breaks, " và " and "/", except inside names of bodies such as
 *   "Phòng Giáo dục và Đào tạo" or "Hội đồng thi đua, khen thưởng". No part is ever dropped.
 * - The first part is the lead unless the text says otherwise: "Chủ trì: …; Phối hợp: …",
 *   "Chịu trách nhiệm: …", "Phụ trách: …", "X (chủ trì)", "phối hợp với Y".
 * - `options.coordinatorsText`: split columns — the lead comes from `text`, the coordinators from
 *   this text (and from any further parts of `text`).
 * - Empty text (and no coordinators text) gives `value: null` and no issue. Never throws.
 *
 * @example parsePeople('Hiệu trưởng, Phòng Giáo dục và Đào tạo', directory).value?.coordinators[0]?.kind === 'unit'
 */
export function parsePeople(
  text: string,
  directory: PeopleDirectory,
  options?: { coordinatorsText?: string },
): ParseResult<PeopleValue> {
  try {
    return parsePeopleUnsafe(text, directory, options);
  } catch {
    // Defensive only: a parser never throws (CONVENTIONS.md §10).
    return {
      text,
      value: null,
      issues: [
        issue(
          'people.unrecognized',
          'warning',
          'Chưa đọc được ô người thực hiện; nội dung vẫn được giữ nguyên.',
        ),
      ],
    };
  }
}

function parsePeopleUnsafe(
  text: string,
  directory: PeopleDirectory,
  options?: { coordinatorsText?: string },
): ParseResult<PeopleValue> {
  const index = buildIndex(directory);
  const main = foldWithOffsets(text);
  const coordinatorsFolded =
    options?.coordinatorsText === undefined ? null : foldWithOffsets(options.coordinatorsText);
  const mainParts = partsOf(main, directory.groups, 'unlabelled').map((p) =>
    classifyPart(main, p, index),
  );
  const extraParts = coordinatorsFolded
    ? partsOf(coordinatorsFolded, directory.groups, 'coordinator').map((p) =>
        classifyPart(coordinatorsFolded, p, index),
      )
    : [];
  if (mainParts.length === 0 && extraParts.length === 0) return { text, value: null, issues: [] };

  const issues: ParseIssue[] = [];
  type Entry = { ref: PersonRef; role: Role; markedLead: boolean };
  const entries: Entry[] = [];
  for (const { refs, part } of [...mainParts, ...extraParts]) {
    refs.forEach((classified, i) => {
      issues.push(...classified.issues);
      entries.push({
        ref: classified.ref,
        role: part.role,
        markedLead: part.markedLead && i === 0,
      });
    });
  }

  // The lead: a part marked "(chủ trì)", else the first part labelled "Chủ trì:", else the first
  // unlabelled part of the main text. Nothing labelled lead and everything labelled "Phối hợp:"
  // → no lead.
  const mainCount = mainParts.reduce((n, p) => n + p.refs.length, 0);
  let leadAt = entries.findIndex((e) => e.markedLead);
  if (leadAt < 0) leadAt = entries.findIndex((e) => e.role === 'lead');
  if (leadAt < 0) leadAt = entries.findIndex((e, i) => e.role === 'unlabelled' && i < mainCount);
  const namedLeads = entries.filter((e) => e.markedLead || e.role === 'lead').length;
  if (namedLeads > 1) {
    issues.push(
      issue(
        'people.several_leads',
        'info',
        `Có ${namedLeads} người/đơn vị được ghi là chủ trì; người đầu tiên được lấy làm chủ trì, những người sau là phối hợp.`,
      ),
    );
  }
  const lead = leadAt >= 0 ? (entries[leadAt]?.ref ?? null) : null;
  const coordinators = entries.filter((_, i) => i !== leadAt).map((e) => e.ref);
  return { text, value: { lead, coordinators }, issues };
}
