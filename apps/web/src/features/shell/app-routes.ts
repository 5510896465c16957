/**
 * The app's screens and their URLs (Vietnamese paths, shareable, the back button works). The
 * public "Tra cứu tiêu chuẩn" keeps `/` and its query string (`/?framework=TT17&criterion=1.1`).
 * A tiny matcher is all the app needs; no router library.
 */

/** The tabs of a school's pages. */
export const SCHOOL_TABS = [
  'ho-so',
  'ke-hoach',
  'tu-danh-gia',
  'nhan-su',
  'nhom',
  'tai-khoan',
  'nhat-ky',
  'van-ban-da-gui',
] as const;
export type SchoolTab = (typeof SCHOOL_TABS)[number];

export type AppRoute =
  | { name: 'frameworks' }
  | { name: 'setup' }
  | { name: 'login' }
  | { name: 'resetPassword' }
  | { name: 'changePassword' }
  | { name: 'sessions' }
  | { name: 'units' }
  | { name: 'users' }
  | { name: 'backgroundWork' }
  | { name: 'schools' }
  | { name: 'school'; schoolId: string; tab: SchoolTab }
  | { name: 'plan'; planId: string }
  | { name: 'assessment'; assessmentId: string }
  | { name: 'audit' }
  | { name: 'myTasks' }
  | { name: 'notificationSettings' }
  | { name: 'notFound' }
  | { name: 'publicPlan'; slug: string }
  | { name: 'library' }
  // Issue 14: the offices' roll-up (`unitId` null: the user's office unit, or a choice).
  | { name: 'rollup'; unitId: string | null }
  | { name: 'officeInbox' };

export type RouteName = AppRoute['name'];

/**
 * Who may open a screen: anyone (`public`), people who are not signed in (`guest`: sign-in, first
 * run, reset link), or signed-in users (`session`; the server still decides what they see).
 */
export function routeAudience(route: AppRoute): 'public' | 'guest' | 'session' {
  switch (route.name) {
    case 'frameworks':
    case 'notFound':
    case 'publicPlan':
      return 'public';
    case 'setup':
    case 'login':
    case 'resetPassword':
      return 'guest';
    case 'changePassword':
    case 'sessions':
    case 'units':
    case 'users':
    case 'backgroundWork':
    case 'schools':
    case 'school':
    case 'plan':
    case 'assessment':
    case 'audit':
    case 'myTasks':
    case 'notificationSettings':
    case 'library':
    case 'rollup':
    case 'officeInbox':
      return 'session';
  }
}

function isSchoolTab(value: string | undefined): value is SchoolTab {
  return (SCHOOL_TABS as readonly string[]).includes(value ?? '');
}

/** Screens at a one-segment path. */
const SINGLE_SEGMENT_ROUTES: Record<string, AppRoute | undefined> = {
  'thiet-lap': { name: 'setup' },
  'dang-nhap': { name: 'login' },
  'dat-lai-mat-khau': { name: 'resetPassword' },
  'doi-mat-khau': { name: 'changePassword' },
  'phien-dang-nhap': { name: 'sessions' },
  truong: { name: 'schools' },
  'nhat-ky': { name: 'audit' },
  'quan-tri': { name: 'units' },
  'viec-cua-toi': { name: 'myTasks' },
  'thong-bao': { name: 'notificationSettings' },
  'thu-vien-giai-phap': { name: 'library' },
  'tong-hop': { name: 'rollup', unitId: null },
  'hop-van-ban': { name: 'officeInbox' },
};

/** The screen a path opens (trailing slashes ignored). */
export function matchRoute(pathname: string): AppRoute {
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  const [first, second, third] = parts;
  if (parts.length === 0) return { name: 'frameworks' };
  if (parts.length === 1 && first !== undefined) {
    const single = SINGLE_SEGMENT_ROUTES[first];
    return single ? { ...single } : { name: 'notFound' };
  }
  if (first === 'quan-tri' && parts.length === 2) {
    if (second === 'don-vi') return { name: 'units' };
    if (second === 'tai-khoan') return { name: 'users' };
    if (second === 'tac-vu-nen') return { name: 'backgroundWork' };
  }
  if (first === 'ke-hoach' && second && parts.length === 2) return { name: 'plan', planId: second };
  if (first === 'cong-khai' && second && parts.length === 2)
    return { name: 'publicPlan', slug: second };
  if (first === 'tong-hop' && second && parts.length === 2)
    return { name: 'rollup', unitId: second };
  if (first === 'tu-danh-gia' && second && parts.length === 2)
    return { name: 'assessment', assessmentId: second };
  if (first === 'truong' && second && parts.length <= 3) {
    if (third === undefined) return { name: 'school', schoolId: second, tab: 'ho-so' };
    if (isSchoolTab(third)) return { name: 'school', schoolId: second, tab: third };
  }
  return { name: 'notFound' };
}

/** Links to every screen. */
export const hrefs = {
  frameworks: '/',
  setup: '/thiet-lap',
  /** `next`: where to go after signing in (a path of this app). */
  login: (next?: string | null) =>
    next && next !== '/' ? `/dang-nhap?next=${encodeURIComponent(next)}` : '/dang-nhap',
  changePassword: (next?: string | null) =>
    next && next !== '/' ? `/doi-mat-khau?next=${encodeURIComponent(next)}` : '/doi-mat-khau',
  sessions: '/phien-dang-nhap',
  units: '/quan-tri/don-vi',
  users: '/quan-tri/tai-khoan',
  backgroundWork: '/quan-tri/tac-vu-nen',
  schools: '/truong',
  school: (schoolId: string, tab: SchoolTab = 'ho-so') =>
    `/truong/${encodeURIComponent(schoolId)}/${tab}`,
  plans: (schoolId: string) => `/truong/${encodeURIComponent(schoolId)}/ke-hoach`,
  plan: (planId: string) => `/ke-hoach/${encodeURIComponent(planId)}`,
  /**
   * A self-assessment; `section`, `criterion` and `evidence` open a part of it
   * (`?muc=tieu-chi&tc=1.1`, `?muc=minh-chung&mc=<evidence id>`).
   */
  assessment: (
    assessmentId: string,
    options: { section?: string | null; criterion?: string | null; evidence?: string | null } = {},
  ) => {
    const search = new URLSearchParams();
    if (options.section) search.set('muc', options.section);
    if (options.criterion) search.set('tc', options.criterion);
    if (options.evidence) search.set('mc', options.evidence);
    const query = search.toString();
    return `/tu-danh-gia/${encodeURIComponent(assessmentId)}${query ? `?${query}` : ''}`;
  },
  /** Việc của tôi; `row` opens one row's update sheet (`?dong=<planId>:<rowId>`). */
  myTasks: (row?: { planId: string; rowId: string } | null) =>
    row
      ? `/viec-cua-toi?dong=${encodeURIComponent(`${row.planId}:${row.rowId}`)}`
      : '/viec-cua-toi',
  notificationSettings: '/thong-bao',
  audit: (unitId?: string | null) =>
    unitId ? `/nhat-ky?unitId=${encodeURIComponent(unitId)}` : '/nhat-ky',
  /** The public page of a published plan (issue 14). */
  publicPlan: (slug: string) => `/cong-khai/${encodeURIComponent(slug)}`,
  /** Thư viện giải pháp (issue 14); its search lives in the query string. */
  library: '/thu-vien-giai-phap',
  /** The roll-up of a unit (none: the user's office unit); `schoolYear` as `?nam=`. */
  rollup: (unitId?: string | null, schoolYear?: string | null) =>
    `/tong-hop${unitId ? `/${encodeURIComponent(unitId)}` : ''}${
      schoolYear ? `?nam=${encodeURIComponent(schoolYear)}` : ''
    }`,
  /** The offices' inbox; `submissionId` opens one document (`?van-ban=<id>`). */
  officeInbox: (submissionId?: string | null) =>
    submissionId ? `/hop-van-ban?van-ban=${encodeURIComponent(submissionId)}` : '/hop-van-ban',
} as const;

/**
 * A `next` value from the query string, kept only when it is a path of this app (never another
 * site: `//evil.example` or `https://…` are dropped).
 */
export function safeNext(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  return next;
}
