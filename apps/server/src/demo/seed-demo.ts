/**
 * The demo province (issue 14 "Demo data"): a Sở → communes (UBND xã/phường) → schools of every
 * level (mầm non, tiểu học, THCS under the communes; THPT and GDTX directly under the Sở), each
 * with its profile, people and accounts, and for K school years ending at the current one: a
 * self-assessment (marks, texts, sealed when approved), a plan of about 40 rows in the year's regime
 * (the 2018 circulars before 2026-2027, TT57 from it; sealed when approved with the kernel's seal,
 * so "Kiểm tra bản đã phê duyệt" answers intact) and progress with spending. Then every registered
 * DemoExtension writes its part (budget parts, library, submissions, comments).
 *
 * Deterministic: ids and chance come from seeded generators, times from the school year (clamped to
 * `now`), so two runs of the same size give the same ids and the same seal hashes. Written in one
 * transaction with multi-row inserts; the extensions run after it, and a marker (an audit entry
 * `demo.seed` naming the size and counts) is written last: a database holding the demo province
 * without it is a run that did not finish.
 */
import {
  addDays,
  DEFAULT_ASSESSMENT_SETTINGS,
  DEFAULT_LAYOUTS,
  EMPTY_DIRECTORY,
  FRAMEWORK_REGIMES,
  foldVietnamese,
  formatSchoolYear,
  indicatorMarkKey,
  loadFrameworkCatalogue,
  parseRowCells,
  parseTime,
  schoolDateOf,
  schoolYearStartOf,
  selectFrameworkCode,
  spreadPosition,
  summarizePlanForRollup,
  type FrameworkCode,
  type FrameworkDefinition,
  type SchoolLevel,
} from '@caitien/core';
import {
  budgetPartsOf,
  createFrameworkRepository,
  toAssessment,
  toCriterion,
  toLevel4,
  toPlan,
  toRow,
  toStandard,
  type AssessmentCriteriaTable,
  type AssessmentLevel4Table,
  type AssessmentStandardsTable,
  type AssessmentsTable,
  type Database,
  type PlanRowsTable,
  type PlansTable,
} from '@caitien/db';
import { CompiledQuery, PostgresAdapter, type Insertable, type Kysely } from 'kysely';
import { assessmentOutcomeOf } from '../modules/assessments/assessment-outcome.ts';
import { sealAssessment } from '../modules/assessments/assessment-seal.ts';
import {
  DEFAULT_REVIEW_ROUNDS,
  defaultHeader,
  defaultSections,
} from '../modules/plans/plan-defaults.ts';
import { sealPlan } from '../modules/plans/plan-seal.ts';
import type {
  DemoAssessment,
  DemoExtension,
  DemoOfficeUser,
  DemoPlan,
  DemoSchool,
  DemoSeedContext,
} from './demo-extension.ts';
import { picker, seededIds, seededRandom } from './demo-random.ts';
import {
  BUDGET_TEXTS,
  COMMUNE_NAMES,
  CRITERION_IMPROVEMENTS,
  CRITERION_STRENGTHS,
  CRITERION_WEAKNESSES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  level4Texts,
  MIDDLE_NAMES,
  MINISTRY_NAME,
  PEOPLE_TEXTS,
  PROGRESS_NOTES,
  PROVINCE_NAME,
  PROVINCE_PLACE,
  PROVINCE_PLACES,
  rowTexts,
  SCHOOL_NAMES,
  timeTexts,
} from './demo-texts.ts';

/** The demo province's id: the mark of demo data (a well-known id, never made by `uuidv7`). */
export const DEMO_PROVINCE_ID = 'c0de0000-de70-4000-8000-000000000001';
/** The demo ministry's id (national form, `--provinces P`): the root above the demo provinces. */
export const DEMO_MINISTRY_ID = 'c0de0000-de70-4000-8000-000000000000';
/** The ministry's demo officer (national form only): reads the national roll-up. */
export const DEMO_MINISTRY_ACCOUNT = 'demo.bo';
/** The one documented password of every demo account (README "Dữ liệu mẫu"). */
export const DEMO_PASSWORD = 'CaiTien-Demo-2026';
/** The audit action of the marker written when a seeding finished. */
export const DEMO_MARKER_ACTION = 'demo.seed';

/** The documented accounts (README): office, first school, administrator. */
export const DEMO_ACCOUNTS = {
  admin: 'demo.quantri',
  province: 'demo.so',
  commune: 'demo.xa',
  principal: 'demo.hieutruong',
  council: 'demo.hoidong',
  monitoring: 'demo.giamsat',
  staff: 'demo.giaovien',
} as const;

export interface SeedDemoOptions {
  /** Schools in all: spread evenly over the provinces (and their communes). */
  schools: number;
  /** Communes in all (at least one per province). */
  communes: number;
  /**
   * The national form: a ministry (Bộ GD&ĐT) above this many provinces, the first of which is the
   * demo province (Minh Hòa, `demo.so`). Undefined: the single-province form, the Sở as the root.
   */
  provinces?: number;
  years: number;
  /** Seed beside data that is not demo data. */
  force: boolean;
}

export interface SeedDemoResult {
  provinceId: string;
  schoolYear: string;
  counts: Record<string, number>;
  /** False when the same demo province was already there (nothing written). */
  created: boolean;
}

/** The database holds something the demo must not write beside (exit 1, message in Vietnamese). */
export class DemoRefusal extends Error {}

/** Default communes for a number of schools: about 20 schools per commune. */
export const defaultCommunes = (schools: number) => Math.max(1, Math.ceil(schools / 20));

/**
 * The levels schools take in turn: the first five cover every level; per 20 schools 7 tiểu học,
 * 6 mầm non, 4 THCS, 2 THPT, 1 GDTX.
 */
const LEVEL_CYCLE: readonly SchoolLevel[] = [
  'tieu_hoc',
  'mam_non',
  'thcs',
  'thpt',
  'gdtx',
  'tieu_hoc',
  'mam_non',
  'thcs',
  'tieu_hoc',
  'mam_non',
  'thcs',
  'tieu_hoc',
  'mam_non',
  'thpt',
  'tieu_hoc',
  'mam_non',
  'thcs',
  'tieu_hoc',
  'mam_non',
  'tieu_hoc',
];

const LEVEL_NAME: Record<SchoolLevel, string> = {
  mam_non: 'Trường Mầm non',
  tieu_hoc: 'Trường Tiểu học',
  thcs: 'Trường THCS',
  thpt: 'Trường THPT',
  nhieu_cap: 'Trường Phổ thông nhiều cấp học',
  gdtx: 'Trung tâm GDNN-GDTX',
};
const LEVEL_SYMBOL: Record<SchoolLevel, string> = {
  mam_non: 'MN',
  tieu_hoc: 'TH',
  thcs: 'THCS',
  thpt: 'THPT',
  nhieu_cap: 'PT',
  gdtx: 'GDTX',
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** INSERT texts by table, columns and row count: built once, run with new values (no AST per call). */
const insertTexts = new Map<string, string>();

/**
 * Multi-row inserts of plain values, as few statements as the engines' parameter limits allow. The
 * SQL text of a shape (table, columns, rows) is built once; Kysely only runs it.
 */
async function insertMany<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const size = Math.max(1, Math.min(500, Math.floor(15_000 / columns.length)));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const key = `${postgres ? 'pg' : 'sqlite'}\u0000${table}\u0000${columns.join(',')}\u0000${chunk.length}`;
    let text = insertTexts.get(key);
    if (!text) {
      let n = 0;
      const tuple = () => `(${columns.map(() => (postgres ? `$${(n += 1)}` : '?')).join(', ')})`;
      text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${chunk
        .map(tuple)
        .join(', ')}`;
      insertTexts.set(key, text);
    }
    const parameters: unknown[] = [];
    for (const row of chunk) {
      const values = row as Record<string, unknown>;
      for (const column of columns) parameters.push(values[column] ?? null);
    }
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

/** The state of the database before seeding. */
async function inspect(db: Kysely<Database>) {
  const marker = await db
    .selectFrom('audit_log')
    .select(['after_json'])
    .where('action', '=', DEMO_MARKER_ACTION)
    .where('entity_id', '=', DEMO_PROVINCE_ID)
    .orderBy('occurred_at', 'desc')
    .executeTakeFirst();
  const province = await db
    .selectFrom('units')
    .select('id')
    .where('id', '=', DEMO_PROVINCE_ID)
    .executeTakeFirst();
  const units = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const users = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    marker: marker?.after_json
      ? (JSON.parse(marker.after_json) as {
          provinces?: number;
          schools: number;
          communes: number;
          years: number;
          schoolYear: string;
          counts: Record<string, number>;
        })
      : null,
    province: province !== undefined,
    units: Number(units.n),
    users: Number(users.n),
  };
}

interface DemoProvince {
  id: string;
  place: string;
  path: string;
  /** Index of its first school (schools are spread evenly over the provinces, in order). */
  firstSchool: number;
  communes: { id: string; name: string; place: string; path: string }[];
}

interface FrameworkInfo {
  id: string;
  definition: FrameworkDefinition;
}

/** One dated instant of a school year, as text, never after `now`. */
function at(iso: string, now: Date): string {
  return Date.parse(iso) > now.getTime() ? now.toISOString() : iso;
}

/**
 * Builds the demo province. Refuses (DemoRefusal) a database with data that is not demo data unless
 * `force`, a demo province of another size, or one whose seeding did not finish.
 */
export async function seedDemo(
  db: Kysely<Database>,
  options: SeedDemoOptions,
  deps: {
    now: Date;
    /** The hash of DEMO_PASSWORD (one for every demo account). */
    passwordHash: () => Promise<string>;
    extensions: readonly DemoExtension[];
    /** Progress lines (stderr in the CLI). */
    log?: (line: string) => void;
  },
): Promise<SeedDemoResult> {
  const { now } = deps;
  const log = deps.log ?? (() => undefined);
  if (options.provinces !== undefined && options.communes < options.provinces)
    throw new Error('seed-demo: at least one commune per province');
  const currentStart = schoolYearStartOf(now);
  const schoolYear = formatSchoolYear(currentStart);
  const state = await inspect(db);
  if (state.marker) {
    const m = state.marker;
    if (
      (m.provinces ?? null) === (options.provinces ?? null) &&
      m.schools === options.schools &&
      m.communes === options.communes &&
      m.years === options.years &&
      m.schoolYear === schoolYear
    ) {
      return { provinceId: DEMO_PROVINCE_ID, schoolYear, counts: m.counts, created: false };
    }
    throw new DemoRefusal(
      `Cơ sở dữ liệu đã có tỉnh mẫu khác (${m.provinces ? `${m.provinces} tỉnh, ` : ''}${m.schools} trường, ${m.communes} xã/phường, ${m.years} năm học đến ${m.schoolYear}); ` +
        'không ghi gì. Hãy dùng một cơ sở dữ liệu trống để tạo tỉnh mẫu kích thước khác.',
    );
  }
  if (state.province) {
    throw new DemoRefusal(
      'Cơ sở dữ liệu có tỉnh mẫu của một lần tạo chưa hoàn tất; không ghi gì. Hãy dùng một cơ sở dữ liệu trống.',
    );
  }
  if ((state.units > 0 || state.users > 0) && !options.force) {
    throw new DemoRefusal(
      `Cơ sở dữ liệu đang có dữ liệu không phải dữ liệu mẫu (${state.units} đơn vị, ${state.users} tài khoản); ` +
        'không ghi gì. Dùng cơ sở dữ liệu trống, hoặc thêm --force để tạo tỉnh mẫu bên cạnh dữ liệu đang có.',
    );
  }
  const taken = await db
    .selectFrom('users')
    .select('username')
    .where('username', 'like', 'demo.%')
    .executeTakeFirst();
  if (taken) {
    throw new DemoRefusal(
      `Tên đăng nhập “${taken.username}” đã có trong cơ sở dữ liệu; tỉnh mẫu cần các tên demo.*. Không ghi gì.`,
    );
  }

  // Frameworks: the version a new plan gets today (the head), and its definition.
  const catalogue = loadFrameworkCatalogue();
  const frameworkRepository = createFrameworkRepository(db);
  const frameworks = new Map<FrameworkCode, FrameworkInfo>();
  for (const code of ['TT17', 'TT18', 'TT19', 'TT57-MN', 'TT57-PT', 'TT57-GDTX'] as const) {
    const head = await frameworkRepository.findVersionHead(code);
    if (!head) throw new Error(`seed-demo: framework ${code} is not loaded (migrate first)`);
    const definition = catalogue.find((f) => `${f.code}@${f.version}` === head.id);
    if (!definition) throw new Error(`seed-demo: framework ${head.id} not in the catalogue`);
    frameworks.set(code, { id: head.id, definition });
  }

  const frameworkById = new Map(
    [...frameworks.values()].map((info) => [info.id, info.definition] as const),
  );
  const random = seededRandom(20_260_914);
  const newId = seededIds(14_2026);
  const pick = picker(random);
  const nowIso = now.toISOString();
  const today = schoolDateOf(now);
  const passwordHash = await deps.passwordHash();
  const started = performance.now();
  let budgetPartsWritten = 0;

  const counts = {
    units: 0,
    communes: 0,
    schools: 0,
    people: 0,
    users: 0,
    assessments: 0,
    approvedAssessments: 0,
    assessmentCriteria: 0,
    plans: 0,
    approvedPlans: 0,
    planRows: 0,
    progressEntries: 0,
  };
  const demoSchools: DemoSchool[] = [];
  const demoPlans: DemoPlan[] = [];
  const demoAssessments: DemoAssessment[] = [];
  const officeUsers: DemoOfficeUser[] = [];

  // Parsing is the costly part of a row; time, budget and people parse independently and come
  // from small pools, so each part is parsed once (through the one parser entry point).
  const partCache = new Map<string, unknown>();
  const part = <T>(key: string, compute: () => T): T => {
    let value = partCache.get(key) as T | undefined;
    if (value === undefined) {
      value = compute();
      partCache.set(key, value);
    }
    return value;
  };
  const parse = (
    time: string,
    budget: string,
    lead: string,
    coordinators: string,
    year: string,
  ) => {
    const cells = (texts: { time: string; budget: string; lead: string; coordinators: string }) =>
      parseRowCells(texts, { schoolYear: year, directory: EMPTY_DIRECTORY });
    const blank = { time: '', budget: '', lead: '', coordinators: '' };
    return {
      time: part(`t\u0000${year}\u0000${time}`, () => cells({ ...blank, time }).time),
      budget: part(`b\u0000${budget}`, () => cells({ ...blank, budget }).budget),
      people: part(
        `p\u0000${lead}\u0000${coordinators}`,
        () => cells({ ...blank, lead, coordinators }).people,
      ),
    };
  };

  const personName = () => `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES)} ${pick(GIVEN_NAMES)}`;

  {
    const user = (
      id: string,
      username: string,
      displayName: string,
      personId: string | null,
    ): Insertable<Database['users']> => ({
      id,
      username,
      email: null,
      display_name: displayName,
      person_id: personId,
      password_hash: passwordHash,
      must_change_password: 0,
      is_disabled: 0,
      password_changed_at: nowIso,
      last_login_at: null,
      version: 1,
      created_at: nowIso,
      updated_at: nowIso,
    });
    const unit = (
      id: string,
      kind: string,
      name: string,
      parentId: string | null,
      path: string,
    ): Insertable<Database['units']> => ({
      id,
      kind,
      name,
      name_folded: foldVietnamese(name),
      parent_id: parentId,
      path,
      version: 1,
      created_at: nowIso,
      updated_at: nowIso,
    });
    const role = (userId: string, roleName: string, unitId: string | null) => ({
      id: newId(),
      user_id: userId,
      role: roleName,
      unit_id: unitId,
      created_at: nowIso,
    });

    // The ministry (national form), the Sở(s), their communes and their office accounts. The
    // single-province form draws its ids and names in the same order as before the national form.
    const national = options.provinces !== undefined;
    const provinceCount = options.provinces ?? 1;
    const rootPath = national ? `/${DEMO_MINISTRY_ID}/` : '/';
    const units: Insertable<Database['units']>[] = [];
    const users: Insertable<Database['users']>[] = [];
    const roles: Insertable<Database['role_assignments']>[] = [];
    const adminId = newId();
    users.push(user(adminId, DEMO_ACCOUNTS.admin, 'Quản trị hệ thống (mẫu)', null));
    roles.push(role(adminId, 'admin', null));
    if (national) {
      units.push(unit(DEMO_MINISTRY_ID, 'ministry', MINISTRY_NAME, null, rootPath));
      const ministryUserId = newId();
      users.push(user(ministryUserId, DEMO_MINISTRY_ACCOUNT, `${personName()} (Bộ GD&ĐT)`, null));
      roles.push(role(ministryUserId, 'office_staff', DEMO_MINISTRY_ID));
    }
    const provinces: DemoProvince[] = [];
    for (let p = 0; p < provinceCount; p += 1) {
      const id = p === 0 ? DEMO_PROVINCE_ID : newId();
      const place =
        p === 0
          ? PROVINCE_PLACE
          : p < PROVINCE_PLACES.length
            ? (PROVINCE_PLACES[p] ?? PROVINCE_PLACE)
            : `${PROVINCE_PLACES[p % PROVINCE_PLACES.length] ?? PROVINCE_PLACE} ${Math.floor(p / PROVINCE_PLACES.length) + 1}`;
      const path = `${rootPath}${id}/`;
      const name = p === 0 ? PROVINCE_NAME : `Sở Giáo dục và Đào tạo tỉnh ${place} (dữ liệu mẫu)`;
      units.push(unit(id, 'province', name, national ? DEMO_MINISTRY_ID : null, path));
      const userId = newId();
      const username =
        p === 0 ? DEMO_ACCOUNTS.province : `${DEMO_ACCOUNTS.province}.${pad(p + 1, 2)}`;
      users.push(
        user(userId, username, `${personName()} (Sở GD&ĐT${p === 0 ? '' : ` ${place}`})`, null),
      );
      roles.push(role(userId, 'office_staff', id));
      if (p === 0) officeUsers.push({ unitId: id, userId });
      // The first school of the province (schools are spread evenly, in order).
      provinces.push({
        id,
        place,
        path,
        firstSchool: Math.ceil((p * options.schools) / provinceCount),
        communes: [],
      });
    }
    for (let c = 0; c < options.communes; c += 1) {
      const province = provinces[Math.floor((c * provinceCount) / options.communes)];
      if (!province) throw new Error('seed-demo: no province');
      const base = COMMUNE_NAMES[c % COMMUNE_NAMES.length] ?? 'Xã';
      const round = Math.floor(c / COMMUNE_NAMES.length);
      const name = round === 0 ? base : `${base} ${round + 1}`;
      const id = newId();
      const path = `${province.path}${id}/`;
      province.communes.push({ id, name, place: name.replace(/^(Xã|Phường) /u, ''), path });
      units.push(unit(id, 'commune', `UBND ${name}`, province.id, path));
      const userId = newId();
      const username =
        c === 0 ? DEMO_ACCOUNTS.commune : `${DEMO_ACCOUNTS.commune}.${pad(c + 1, 3)}`;
      users.push(user(userId, username, `${personName()} (UBND ${name})`, null));
      roles.push(role(userId, 'office_staff', id));
      if (province.id === DEMO_PROVINCE_ID) officeUsers.push({ unitId: id, userId });
    }
    counts.communes = options.communes;
    await db.transaction().execute(async (trx) => {
      await insertMany(trx, 'units', units);
      await insertMany(trx, 'users', users);
      await insertMany(trx, 'role_assignments', roles);
    });
    counts.units += units.length;
    counts.users += users.length;

    const startYears = Array.from(
      { length: options.years },
      (_, i) => currentStart - options.years + 1 + i,
    );
    const usedNames = new Map<string, number>();
    const CHUNK = 50;
    for (let from = 0; from < options.schools; from += CHUNK) {
      const to = Math.min(options.schools, from + CHUNK);
      const chunkUnits: Insertable<Database['units']>[] = [];
      const profiles: Insertable<Database['school_profiles']>[] = [];
      const people: Insertable<Database['people']>[] = [];
      const chunkUsers: Insertable<Database['users']>[] = [];
      const chunkRoles: Insertable<Database['role_assignments']>[] = [];
      const assessments: Insertable<Database['assessments']>[] = [];
      const criteria: Insertable<Database['assessment_criteria']>[] = [];
      const standards: Insertable<Database['assessment_standards']>[] = [];
      const level4: Insertable<Database['assessment_level4']>[] = [];
      const plans: Insertable<Database['plans']>[] = [];
      const planRows: Insertable<Database['plan_rows']>[] = [];
      const reviews: Insertable<Database['plan_reviews']>[] = [];
      const progress: Insertable<Database['row_progress']>[] = [];
      const entries: Insertable<Database['progress_entries']>[] = [];
      const budgetParts: Insertable<Database['plan_row_budget_parts']>[] = [];
      const summaries: Insertable<Database['plan_rollup_summaries']>[] = [];
      const toSealPlans: { id: string; approvedAt: string; approver: string }[] = [];
      const toSealAssessments: { id: string; approvedAt: string; approver: string }[] = [];

      for (let s = from; s < to; s += 1) {
        const level = LEVEL_CYCLE[s % LEVEL_CYCLE.length] ?? 'tieu_hoc';
        const direct = level === 'thpt' || level === 'gdtx';
        const province = provinces[Math.floor((s * provinceCount) / options.schools)];
        if (!province) throw new Error('seed-demo: no province');
        const communes = province.communes;
        const commune = communes[(s - province.firstSchool) % communes.length] ?? communes[0];
        if (!commune) throw new Error('seed-demo: no commune');
        // Only the demo province's schools are handed to the extensions (library, submissions,
        // comments) in the national form: see SeedDemoResult.sample.
        const sampled = province.id === DEMO_PROVINCE_ID;
        const baseName =
          level === 'gdtx'
            ? `${LEVEL_NAME[level]} ${commune.place}`
            : `${LEVEL_NAME[level]} ${pick(SCHOOL_NAMES)}`;
        const seen = (usedNames.get(baseName) ?? 0) + 1;
        usedNames.set(baseName, seen);
        const schoolName = seen === 1 ? baseName : `${baseName} số ${seen}`;
        const schoolId = newId();
        const parentPath = direct ? province.path : commune.path;
        chunkUnits.push(
          unit(
            schoolId,
            'school',
            schoolName,
            direct ? province.id : commune.id,
            `${parentPath}${schoolId}/`,
          ),
        );
        const governingBody = direct
          ? `SỞ GD&ĐT ${province.place.toLocaleUpperCase('vi')}`
          : `UBND ${commune.name.toLocaleUpperCase('vi')}`;
        const supervising = direct ? [province.id] : [commune.id, province.id];
        profiles.push({
          school_id: schoolId,
          school_levels_json: JSON.stringify([level]),
          governing_body: governingBody,
          place_name: commune.place,
          document_symbol: LEVEL_SYMBOL[level],
          address: `Thôn ${1 + (s % 9)}, ${commune.name}, tỉnh ${province.place}`,
          phone: `0203 ${pad(3_000_000 + s * 37, 7)}`.slice(0, 13),
          email: '',
          sites_json: '[]',
          supervising_unit_ids_json: JSON.stringify(supervising),
          version: 1,
          updated_at: nowIso,
        });

        // People: the principal, the vice principal, the council member, the monitoring member,
        // a teacher and the accountant; four of them sign in.
        const staff = [
          'Hiệu trưởng',
          'Phó hiệu trưởng',
          'Tổ trưởng chuyên môn',
          'Giáo viên',
          'Giáo viên',
          'Kế toán',
        ].map((position) => ({ id: newId(), name: personName(), position }));
        for (const p of staff) {
          people.push({
            id: p.id,
            school_id: schoolId,
            full_name: p.name,
            full_name_folded: foldVietnamese(p.name),
            position: p.position,
            email: '',
            phone: '',
            note: '',
            is_active: 1,
            version: 1,
            created_at: nowIso,
            updated_at: nowIso,
          });
        }
        const first = s === 0;
        const accounts: [string, number, string][] = [
          ['principal', 0, first ? DEMO_ACCOUNTS.principal : `demo.t${pad(s + 1, 4)}.ht`],
          ['council_member', 2, first ? DEMO_ACCOUNTS.council : `demo.t${pad(s + 1, 4)}.hd`],
          ['monitoring_member', 3, first ? DEMO_ACCOUNTS.monitoring : `demo.t${pad(s + 1, 4)}.gs`],
          ['staff', 4, first ? DEMO_ACCOUNTS.staff : `demo.t${pad(s + 1, 4)}.gv`],
        ];
        const accountIds: string[] = [];
        for (const [roleName, personIndex, username] of accounts) {
          const person = staff[personIndex];
          if (!person) throw new Error('seed-demo: no person');
          const userId = newId();
          accountIds.push(userId);
          chunkUsers.push(user(userId, username, person.name, person.id));
          chunkRoles.push(role(userId, roleName, schoolId));
        }
        const principalUserId = accountIds[0] ?? '';
        const monitoringUserId = accountIds[2] ?? '';
        const principal = staff[0];
        const monitor = staff[3];
        if (sampled)
          demoSchools.push({
            schoolId,
            communeId: direct ? null : commune.id,
            provinceId: province.id,
            principalUserId,
          });

        for (const y of startYears) {
          const year = formatSchoolYear(y);
          const current = y === currentStart;
          // What this school did this year: the first school has everything approved.
          const roll = random();
          const assessmentStatus = first
            ? 'approved'
            : current
              ? roll < 0.65
                ? 'approved'
                : roll < 0.75
                  ? 'submitted'
                  : roll < 0.9
                    ? 'draft'
                    : null
              : roll < 0.96
                ? 'approved'
                : null;
          const roll2 = random();
          let planStatus: string | null = first
            ? 'approved'
            : current
              ? roll2 < 0.78
                ? 'approved'
                : roll2 < 0.85
                  ? 'submitted'
                  : roll2 < 0.93
                    ? 'draft'
                    : null
              : roll2 < 0.96
                ? 'approved'
                : null;

          // The self-assessment.
          const aCode: FrameworkCode =
            selectFrameworkCode({ schoolLevel: level, schoolYear: year }) ?? 'TT57-GDTX';
          const aFramework = frameworks.get(aCode);
          if (!aFramework) throw new Error(`seed-demo: no ${aCode}`);
          if (assessmentStatus) {
            const id = newId();
            const createdAt = at(`${y}-08-12T02:00:00.000Z`, now);
            let status = assessmentStatus;
            const approvedAt = at(`${y}-09-${pad(10 + (s % 15), 2)}T03:00:00.000Z`, now);
            if (status === 'approved' && approvedAt === nowIso && current) status = 'submitted';
            const submittedAt =
              status === 'draft' ? null : at(`${y}-09-0${1 + (s % 9)}T02:00:00.000Z`, now);
            assessments.push({
              id,
              lineage_id: id,
              revision_number: 0,
              school_id: schoolId,
              school_year: year,
              regime: FRAMEWORK_REGIMES[aCode],
              framework_id: aFramework.id,
              framework_reason: '',
              status,
              settings_json: JSON.stringify({ ...DEFAULT_ASSESSMENT_SETTINGS }),
              council_json: JSON.stringify({
                members: [],
                groups: [],
                decisionNumber: `${pad(10 + (s % 80), 2)}/QĐ-${LEVEL_SYMBOL[level]}`,
                decisionDate: `${y}-08-15`,
              }),
              work_plan_json: JSON.stringify({
                number: '',
                date: '',
                purpose: '',
                scope: '',
                tools: '',
                training: '',
                resources: '',
                consultants: '',
                steps: [],
              }),
              report_json: JSON.stringify({
                context: `${schoolName} thuộc ${direct ? 'Sở GD&ĐT' : `UBND ${commune.name}`}, tỉnh ${province.place}.`,
                purpose:
                  'Nhà trường tự đánh giá để không ngừng cải tiến, nâng cao chất lượng giáo dục.',
                process: '',
                conclusion: '',
                recommendations: '',
              }),
              field_versions_json: '{}',
              carried_fields_json: '[]',
              carried_from_assessment_id: null,
              submitted_at: submittedAt,
              approved_at: status === 'approved' ? approvedAt : null,
              approved_by_user_id: status === 'approved' ? principalUserId : null,
              version: 1,
              content_seq: 1,
              created_by_user_id: principalUserId,
              created_at: createdAt,
              updated_at: status === 'approved' ? approvedAt : createdAt,
            });
            for (const standard of aFramework.definition.standards) {
              standards.push({
                id: newId(),
                assessment_id: id,
                standard_code: standard.code,
                intro: '',
                conclusion: '',
                strengths: '',
                limitations: '',
                causes: '',
                trend: '',
                priorities: '',
                field_versions_json: '{}',
                version: 1,
              });
              for (const criterion of standard.criteria) {
                // The level this criterion reaches: weak (Mức 1 not met) now and then.
                const r = random();
                const reach = r < 0.08 ? 0 : r < 0.35 ? 1 : r < 0.75 ? 2 : 3;
                const marks: Record<string, boolean> = {};
                for (const levelNo of aFramework.definition.levels) {
                  const keys = criterion.indicators
                    .filter((i) => i.level === levelNo && i.repealed === null)
                    .map(indicatorMarkKey);
                  if (levelNo <= reach) for (const k of keys) marks[k] = true;
                  else if (levelNo === reach + 1) {
                    keys.forEach((k, i) => {
                      marks[k] = i !== 0;
                    });
                  }
                }
                const weak = reach < 2;
                criteria.push({
                  id: newId(),
                  assessment_id: id,
                  standard_code: standard.code,
                  criterion_code: criterion.code,
                  marks_json: JSON.stringify(marks),
                  description: `Nhà trường đã thực hiện các yêu cầu của tiêu chí ${criterion.code}.`,
                  level_descriptions_json: '{}',
                  strengths: pick(CRITERION_STRENGTHS),
                  weaknesses: weak ? pick(CRITERION_WEAKNESSES) : '',
                  improvement_plan: weak ? pick(CRITERION_IMPROVEMENTS) : '',
                  assignee_member_id: null,
                  assignee_group_id: null,
                  carried_fields_json: '[]',
                  field_versions_json: '{}',
                  version: 1,
                  updated_at: createdAt,
                });
              }
            }
            for (const item of aFramework.definition.level4Items) {
              level4.push({
                id: newId(),
                assessment_id: id,
                item_key: item.key,
                met: random() < 0.3 ? 1 : 0,
                description: '',
                carried_fields_json: '[]',
                field_versions_json: '{}',
                version: 1,
              });
            }
            if (status === 'approved')
              toSealAssessments.push({ id, approvedAt, approver: principalUserId });
            if (sampled)
              demoAssessments.push({ assessmentId: id, schoolId, schoolYear: year, status });
          }

          // The plan.
          if (!planStatus) continue;
          const code = selectFrameworkCode({ schoolLevel: level, schoolYear: year });
          const framework = code ? frameworks.get(code) : undefined;
          // GDTX before 2026-2027 has no 2018 framework: its plan is kept without one and names
          // its criteria in words (the TT57-GDTX titles).
          const textFramework = framework ?? frameworks.get('TT57-GDTX');
          if (!textFramework) throw new Error('seed-demo: no text framework');
          const regime = code ? FRAMEWORK_REGIMES[code] : y >= 2026 ? '2026' : '2018';
          const planId = newId();
          const createdAt = at(`${y}-09-05T02:00:00.000Z`, now);
          const submittedAt = at(`${y}-09-2${s % 8}T02:00:00.000Z`, now);
          const approvedAt = at(`${y}-10-0${1 + (s % 9)}T03:00:00.000Z`, now);
          if (planStatus === 'approved' && approvedAt === nowIso && current)
            planStatus = submittedAt === nowIso ? 'draft' : 'submitted';
          if (planStatus === 'submitted' && submittedAt === nowIso && current) planStatus = 'draft';
          const header = defaultHeader({
            governingBody,
            schoolName,
            documentSymbol: LEVEL_SYMBOL[level],
            placeName: commune.place,
            schoolYear: year,
            principalName: principal?.name ?? '',
            recipients: direct
              ? ['Sở GD&ĐT']
              : [`UBND ${commune.name} (Phòng Văn hóa – Xã hội)`, 'Sở GD&ĐT'],
          });
          plans.push({
            id: planId,
            lineage_id: planId,
            revision_number: 0,
            school_id: schoolId,
            school_year: year,
            regime,
            framework_id: framework?.id ?? null,
            framework_reason: '',
            status: planStatus,
            layout: DEFAULT_LAYOUTS[regime],
            hidden_columns_json: '[]',
            header_json: JSON.stringify({
              ...header,
              documentNumber: `${pad(20 + (s % 70), 2)}/KH-${LEVEL_SYMBOL[level]}`,
              documentDate: planStatus === 'approved' ? approvedAt.slice(0, 10) : null,
            }),
            sections_json: JSON.stringify(
              defaultSections({ regime, frameworkCode: code, schoolYear: year }),
            ),
            carried_from_plan_id: null,
            submitted_at: planStatus === 'draft' ? null : submittedAt,
            approved_at: planStatus === 'approved' ? approvedAt : null,
            approved_by_user_id: planStatus === 'approved' ? principalUserId : null,
            version: planStatus === 'approved' ? 3 : planStatus === 'submitted' ? 2 : 1,
            content_seq: 1,
            created_by_user_id: principalUserId,
            created_at: createdAt,
            updated_at: planStatus === 'approved' ? approvedAt : createdAt,
          });
          if (regime === '2026') {
            DEFAULT_REVIEW_ROUNDS.forEach((roundLabel, position) =>
              reviews.push({
                id: newId(),
                plan_id: planId,
                position,
                round_label: roundLabel,
                content: '',
                result: '',
                adjustment: '',
                reviewer: '',
                version: 1,
              }),
            );
          }

          // Rows: every criterion once, some twice or three times, to about 40; Mức 4 rows (2018).
          const definition = textFramework.definition;
          const criteriaList = definition.standards.flatMap((st, theme) =>
            st.criteria.map((c) => ({ standard: st.code, code: c.code, title: c.title, theme })),
          );
          const level4Items = framework ? definition.level4Items : [];
          const wanted = 37 + Math.floor(random() * 7) - level4Items.length;
          const perCriterion = criteriaList.map(() => 1);
          for (let extra = criteriaList.length; extra < wanted; extra += 1) {
            const i = Math.floor(random() * criteriaList.length);
            perCriterion[i] = (perCriterion[i] ?? 1) + 1;
          }
          const times = timeTexts(y);
          const rowsOfPlan: string[] = [];
          const addRow = (row: Omit<PlanRowsTable, 'id' | 'plan_id' | 'position' | 'track_id'>) => {
            const id = newId();
            planRows.push({
              ...row,
              id,
              plan_id: planId,
              position: spreadPosition(rowsOfPlan.length),
              track_id: id,
            });
            rowsOfPlan.push(id);
            return id;
          };
          const rowBase = (
            time: string,
            budget: string,
            people: { lead: string; coordinators: string },
          ) => {
            const parsed = parse(time, budget, people.lead, people.coordinators, year);
            return {
              time_text: time,
              time_start: parsed.time.start,
              time_end: parsed.time.end,
              lead_text: people.lead,
              coordinators_text: people.coordinators,
              parsed_json: JSON.stringify(parsed),
              budget_text: budget,
              budget_amount: parsed.budget.amount,
              budget_source: parsed.budget.source,
              support: '',
              progress: '',
              result: '',
              note: '',
              field_versions_json: '{}',
              origin_row_id: null,
              source_assessment_id: null,
              carry_count: 0,
              version: 1,
              created_at: createdAt,
              updated_at: createdAt,
            };
          };
          const rowMeta: {
            id: string;
            start: string | null;
            end: string | null;
            amount: number | null;
            source: string;
            standardCode: string | null;
            criterionCode: string | null;
            timeText: string;
          }[] = [];
          // The row's budget parts by source, written here as the plan's writes would
          // (budgetPartsOf), instead of re-reading every row afterwards.
          const addParts = (rowId: string, base: ReturnType<typeof rowBase>) => {
            const parts = part(
              `bp\u0000${base.budget_text}\u0000${base.budget_amount}\u0000${base.budget_source}`,
              () =>
                budgetPartsOf({
                  budgetText: base.budget_text,
                  budgetAmount: base.budget_amount,
                  budgetSource: base.budget_source,
                }),
            );
            parts.forEach((p, i) =>
              budgetParts.push({
                row_id: rowId,
                plan_id: planId,
                part_index: i,
                source: p.source,
                amount: p.amount,
              }),
            );
            return parts;
          };
          const planned: { source: string; amount: number }[] = [];
          criteriaList.forEach((c, index) => {
            for (let k = 0; k < (perCriterion[index] ?? 1); k += 1) {
              const texts = rowTexts(pick, c.theme, c.title, c.code);
              const base = rowBase(pick(times), pick(BUDGET_TEXTS), pick(PEOPLE_TEXTS));
              const id = addRow({
                ...base,
                row_group: regime === '2026' ? 'tt57' : 'levels_1_3',
                standard_code: framework ? c.standard : null,
                criterion_code: framework ? c.code : null,
                level4_key: null,
                current_state: texts.currentState,
                content: framework ? texts.content : `${c.code}. ${texts.content}`,
                target: texts.target,
                tasks: texts.tasks,
                indicator: texts.indicator,
                evidence: texts.evidence,
              });
              for (const p of addParts(id, base))
                if (p.amount !== null) planned.push({ source: p.source, amount: p.amount });
              rowMeta.push({
                id,
                start: base.time_start,
                end: base.time_end,
                amount: base.budget_amount,
                source: base.budget_source,
                standardCode: framework ? c.standard : null,
                criterionCode: framework ? c.code : null,
                timeText: base.time_text,
              });
            }
          });
          for (const item of level4Items) {
            const texts = level4Texts(pick, item.text);
            const base = rowBase(pick(times), pick(BUDGET_TEXTS), pick(PEOPLE_TEXTS));
            const id = addRow({
              ...base,
              row_group: 'level_4',
              standard_code: null,
              criterion_code: null,
              level4_key: item.key,
              current_state: texts.currentState,
              content: texts.content,
              target: texts.target,
              tasks: texts.tasks,
              indicator: 'Đạt yêu cầu Mức 4',
              evidence: pick(['Biên bản, báo cáo', 'Kế hoạch, báo cáo kết quả']),
            });
            for (const p of addParts(id, base))
              if (p.amount !== null) planned.push({ source: p.source, amount: p.amount });
            rowMeta.push({
              id,
              start: base.time_start,
              end: base.time_end,
              amount: base.budget_amount,
              source: base.budget_source,
              standardCode: null,
              criterionCode: null,
              timeText: base.time_text,
            });
          }
          if (sampled)
            demoPlans.push({
              planId,
              schoolId,
              schoolYear: year,
              status: planStatus,
              rowIds: rowsOfPlan,
            });

          // Progress of an approved plan, up to today (or the end of that school year).
          if (planStatus !== 'approved') continue;
          toSealPlans.push({ id: planId, approvedAt, approver: principalUserId });
          const cutoff = current ? today : `${y + 1}-07-31`;
          const cutoffMonth = cutoff.slice(0, 7);
          const approvedDate = approvedAt.slice(0, 10);
          const firstProgress = progress.length;
          const firstEntry = entries.length;
          for (const row of rowMeta) {
            const r = random();
            let status: string;
            let percent: number;
            if (row.end && row.end < cutoffMonth) {
              [status, percent] =
                r < 0.78
                  ? ['done', 100]
                  : r < 0.9
                    ? ['delayed', 60 + 10 * Math.floor(random() * 3)]
                    : r < 0.94
                      ? ['cancelled', 0]
                      : ['in_progress', 80];
            } else if (row.start && row.start <= cutoffMonth) {
              [status, percent] =
                r < 0.7
                  ? ['in_progress', 20 + 10 * Math.floor(random() * 6)]
                  : r < 0.8
                    ? ['delayed', 10]
                    : ['not_started', 0];
            } else continue;
            if (status === 'not_started') continue;
            let entryDate =
              status === 'done' && row.end
                ? `${row.end}-25`
                : addDays(cutoff, -Math.floor(random() * 20));
            if (entryDate > cutoff) entryDate = cutoff;
            if (entryDate < approvedDate) entryDate = approvedDate;
            const recordedAt = `${entryDate}T09:30:00.000Z`;
            const result =
              status === 'done'
                ? 'Đã hoàn thành theo kế hoạch'
                : status === 'cancelled'
                  ? 'Dừng thực hiện do điều chỉnh kế hoạch'
                  : status === 'delayed'
                    ? 'Chậm tiến độ, đang khắc phục'
                    : 'Đang triển khai';
            const spends =
              row.amount !== null && row.amount > 0 && status !== 'cancelled' && random() < 0.8;
            const share = status === 'done' ? 0.8 + random() * 0.2 : 0.3 + random() * 0.3;
            progress.push({
              track_id: row.id,
              school_id: schoolId,
              lineage_id: planId,
              status,
              percent,
              result,
              field_versions_json: JSON.stringify({ status: 1, percent: 1, result: 1 }),
              version: 1,
              updated_by_user_id: monitoringUserId,
              updated_at: recordedAt,
            });
            entries.push({
              id: newId(),
              track_id: row.id,
              school_id: schoolId,
              lineage_id: planId,
              plan_id: planId,
              entry_date: entryDate,
              recorded_at: recordedAt,
              author_user_id: monitoringUserId,
              author_name: monitor?.name ?? '',
              status,
              percent,
              result,
              note: pick(PROGRESS_NOTES),
              spent_amount: spends
                ? Math.round(((row.amount ?? 0) * share) / 100_000) * 100_000
                : null,
              spent_source: spends
                ? row.source === 'state' || row.source === 'socialized'
                  ? row.source
                  : 'mixed'
                : null,
              spent_text: '',
              client_id: null,
            });
          }

          // The plan's roll-up summary, as its approval and progress would have stored it
          // (core summarizePlanForRollup on the rows, their statuses, budget parts and spending);
          // seed-demo.test.ts checks it equals a recount.
          const statusOf = new Map(
            progress.slice(firstProgress).map((x) => [x.track_id, x.status]),
          );
          const summary = summarizePlanForRollup({
            rows: rowMeta.map((row) => ({
              standardCode: row.standardCode,
              criterionCode: row.criterionCode,
              status: statusOf.get(row.id) ?? null,
              time: part(
                `pt\u0000${year}\u0000${row.timeText}`,
                () => parseTime(row.timeText, { schoolYear: year }).value,
              ),
            })),
            planned,
            spent: entries
              .slice(firstEntry)
              .flatMap((e) =>
                e.spent_amount === null || e.spent_amount === undefined
                  ? []
                  : [{ source: e.spent_source ?? 'unknown', amount: Number(e.spent_amount) }],
              ),
          });
          summaries.push({
            lineage_id: planId,
            plan_id: planId,
            school_id: schoolId,
            school_year: year,
            summary_json: JSON.stringify(summary),
            refreshed_at: nowIso,
          });
        }
      }

      // Seals: the content as the repositories read it back (their own row mappers), sealed as
      // the approval seals it, so the verification of a demo plan or assessment answers intact.
      const rowsByPlan = new Map<string, PlanRowsTable[]>();
      for (const row of planRows) {
        const list = rowsByPlan.get(row.plan_id) ?? [];
        list.push(row as PlanRowsTable);
        rowsByPlan.set(row.plan_id, list);
      }
      const planSnapshots: Insertable<Database['plan_snapshots']>[] = [];
      for (const p of toSealPlans) {
        const plan = plans.find((candidate) => candidate.id === p.id) as PlansTable;
        const seal = sealPlan(toPlan(plan), (rowsByPlan.get(p.id) ?? []).map(toRow), []);
        planSnapshots.push({
          plan_id: p.id,
          content_json: seal.json,
          content_hash: seal.hash,
          approved_at: p.approvedAt,
          approved_by_user_id: p.approver,
        });
      }
      const group = <R extends { assessment_id: string }>(items: readonly R[]) => {
        const map = new Map<string, R[]>();
        for (const item of items) {
          const list = map.get(item.assessment_id) ?? [];
          list.push(item);
          map.set(item.assessment_id, list);
        }
        return map;
      };
      const criteriaOf = group(criteria as AssessmentCriteriaTable[]);
      const standardsOf = group(standards as AssessmentStandardsTable[]);
      const level4Of = group(level4 as AssessmentLevel4Table[]);
      const assessmentSnapshots: Insertable<Database['assessment_snapshots']>[] = [];
      const outcomes: Insertable<Database['assessment_outcomes']>[] = [];
      const outcomeCriteria: Insertable<Database['assessment_outcome_criteria']>[] = [];
      for (const a of toSealAssessments) {
        const row = assessments.find((candidate) => candidate.id === a.id) as AssessmentsTable;
        const record = toAssessment(row);
        const criteriaRecords = (criteriaOf.get(a.id) ?? []).map(toCriterion);
        const level4Records = (level4Of.get(a.id) ?? []).map(toLevel4);
        const seal = sealAssessment({
          assessment: record,
          criteria: criteriaRecords,
          standards: (standardsOf.get(a.id) ?? []).map(toStandard),
          level4: level4Records,
          evidence: [],
        });
        // The approved assessment's stored levels (migration 0009), as its approval computes them
        // (assessmentOutcomeOf), instead of the per-assessment rebuild afterwards.
        const definition = frameworkById.get(record.frameworkId);
        if (definition) {
          const outcome = assessmentOutcomeOf(definition, record, criteriaRecords, level4Records);
          outcomes.push({
            assessment_id: outcome.assessmentId,
            school_id: outcome.schoolId,
            school_year: outcome.schoolYear,
            regime: outcome.regime,
            framework_code: outcome.frameworkCode,
            school_level: outcome.schoolLevel,
          });
          for (const c of outcome.criteria)
            outcomeCriteria.push({
              assessment_id: outcome.assessmentId,
              criterion_code: c.criterionCode,
              standard_code: c.standardCode,
              level: c.level,
              max_level: c.maxLevel,
              weak: c.weak ? 1 : 0,
            });
        }
        assessmentSnapshots.push({
          assessment_id: a.id,
          content_json: seal.json,
          content_hash: seal.hash,
          approved_at: a.approvedAt,
          approved_by_user_id: a.approver,
        });
      }
      // One transaction per group of schools: a failed run leaves no marker and is refused on
      // the next one (DemoRefusal), so nothing is gained by one transaction for millions of rows.
      await db.transaction().execute(async (trx) => {
        await insertMany(trx, 'units', chunkUnits);
        await insertMany(trx, 'school_profiles', profiles);
        await insertMany(trx, 'people', people);
        await insertMany(trx, 'users', chunkUsers);
        await insertMany(trx, 'role_assignments', chunkRoles);
        await insertMany(trx, 'assessments', assessments);
        await insertMany(trx, 'assessment_standards', standards);
        await insertMany(trx, 'assessment_criteria', criteria);
        await insertMany(trx, 'assessment_level4', level4);
        await insertMany(trx, 'plans', plans);
        await insertMany(trx, 'plan_rows', planRows);
        await insertMany(trx, 'plan_reviews', reviews);
        await insertMany(trx, 'row_progress', progress);
        await insertMany(trx, 'progress_entries', entries);
        await insertMany(trx, 'plan_row_budget_parts', budgetParts);
        await insertMany(trx, 'plan_rollup_summaries', summaries);
        await insertMany(trx, 'plan_snapshots', planSnapshots);
        await insertMany(trx, 'assessment_snapshots', assessmentSnapshots);
        await insertMany(trx, 'assessment_outcomes', outcomes);
        await insertMany(trx, 'assessment_outcome_criteria', outcomeCriteria);
      });
      budgetPartsWritten += budgetParts.length;

      counts.units += chunkUnits.length;
      counts.schools += chunkUnits.length;
      counts.people += people.length;
      counts.users += chunkUsers.length;
      counts.assessments += assessments.length;
      counts.approvedAssessments += assessmentSnapshots.length;
      counts.assessmentCriteria += criteria.length;
      counts.plans += plans.length;
      counts.approvedPlans += planSnapshots.length;
      counts.planRows += planRows.length;
      counts.progressEntries += entries.length;
      if (to % 500 === 0 || to === options.schools)
        log(
          `  … ${to}/${options.schools} trường (${Math.round((performance.now() - started) / 1000)} giây)`,
        );
    }
  }
  // The versions used are locked from now on, as a plan or assessment using them locks them.
  for (const info of frameworks.values()) await frameworkRepository.lockVersion(info.id, nowIso);

  // The extensions, on the committed data, with the same seeded chance and ids.
  // In the national form they get the demo province's schools only (the sample): the solution
  // library's word index alone would be ≈ 240 M words at 45,000 schools × 3 years (BENCHMARKS.md).
  const context: DemoSeedContext = {
    db,
    now,
    newId,
    random,
    schools: demoSchools,
    plans: demoPlans,
    assessments: demoAssessments,
    officeUsers,
    budgetPartsWritten,
  };
  const all: Record<string, number> = { ...counts };
  if (options.provinces !== undefined) {
    all.provinces = options.provinces;
    all.sampleSchools = demoSchools.length;
    log(
      `  … thư viện giải pháp, gửi kế hoạch và góp ý: chỉ tỉnh mẫu đầu tiên (${demoSchools.length} trường, ${demoPlans.length} kế hoạch)`,
    );
  }
  for (const extension of deps.extensions) {
    const began = performance.now();
    log(`  … ${extension.name}`);
    const written = await extension.seed(context);
    for (const [key, value] of Object.entries(written)) all[key] = (all[key] ?? 0) + value;
    log(`    ${extension.name}: ${Math.round((performance.now() - began) / 1000)} giây`);
  }
  // Fresh statistics for the query planner after a bulk load (both engines know ANALYZE): the
  // roll-up's plans depend on them (a fresh SQLite file has none).
  log('  … ANALYZE');
  await db.executeQuery(CompiledQuery.raw('ANALYZE'));

  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      occurred_at: nowIso,
      actor_user_id: null,
      actor_name: 'Dòng lệnh (seed-demo)',
      action: DEMO_MARKER_ACTION,
      entity_type: 'demo',
      entity_id: DEMO_PROVINCE_ID,
      unit_id: DEMO_PROVINCE_ID,
      unit_path: `/${DEMO_PROVINCE_ID}/`,
      summary: `Tạo tỉnh mẫu: ${options.provinces === undefined ? '' : `${options.provinces} tỉnh, `}${options.schools} trường, ${counts.communes} xã/phường, ${options.years} năm học đến ${schoolYear}`,
      before_json: null,
      after_json: JSON.stringify({
        ...(options.provinces === undefined ? {} : { provinces: options.provinces }),
        schools: options.schools,
        communes: options.communes,
        years: options.years,
        schoolYear,
        counts: all,
      }),
      request_id: null,
    })
    .execute();
  return { provinceId: DEMO_PROVINCE_ID, schoolYear, counts: all, created: true };
}
