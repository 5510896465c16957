import type { RouteQuery } from './http-client.ts';

/**
 * The one query-key factory (TanStack Query). Keys are hierarchical so a whole domain can be
 * invalidated at once: `queryClient.invalidateQueries({ queryKey: queryKeys.frameworks.all })`.
 */
export const queryKeys = {
  frameworks: {
    all: ['frameworks'] as const,
    lists: () => [...queryKeys.frameworks.all, 'list'] as const,
    list: (query: RouteQuery<'listFrameworks'>) =>
      [...queryKeys.frameworks.lists(), query] as const,
    details: () => [...queryKeys.frameworks.all, 'detail'] as const,
    /** `id` is a code ("TT17", its current version) or a version id ("TT17@1"). */
    detail: (id: string) => [...queryKeys.frameworks.details(), id] as const,
  },
  system: {
    all: ['system'] as const,
    health: () => [...queryKeys.system.all, 'health'] as const,
  },
  auth: {
    all: ['auth'] as const,
    /** The signed-in user and CSRF token; `null` when nobody is signed in. */
    me: () => [...queryKeys.auth.all, 'me'] as const,
    setupStatus: () => [...queryKeys.auth.all, 'setup'] as const,
    sessions: () => [...queryKeys.auth.all, 'sessions'] as const,
  },
  units: {
    all: ['units'] as const,
    list: () => [...queryKeys.units.all, 'list'] as const,
    /** One page question of `GET /api/units` (roots, children of a unit, or a search). */
    page: (query: RouteQuery<'listUnits'>) => [...queryKeys.units.all, 'page', query] as const,
    detail: (unitId: string) => [...queryKeys.units.all, 'detail', unitId] as const,
  },
  schools: {
    all: ['schools'] as const,
    profile: (schoolId: string) => [...queryKeys.schools.all, schoolId, 'profile'] as const,
    people: (schoolId: string) => [...queryKeys.schools.all, schoolId, 'people'] as const,
    groups: (schoolId: string) => [...queryKeys.schools.all, schoolId, 'groups'] as const,
  },
  users: {
    all: ['users'] as const,
    list: (query: RouteQuery<'listUsers'>) => [...queryKeys.users.all, 'list', query] as const,
  },
  plans: {
    all: ['plans'] as const,
    list: (schoolId: string) => [...queryKeys.plans.all, 'list', schoolId] as const,
    detail: (planId: string) => [...queryKeys.plans.all, 'detail', planId] as const,
    checks: (planId: string) => [...queryKeys.plans.all, 'checks', planId] as const,
    revisions: (planId: string) => [...queryKeys.plans.all, 'revisions', planId] as const,
    integrity: (planId: string) => [...queryKeys.plans.all, 'integrity', planId] as const,
  },
  assessments: {
    all: ['assessments'] as const,
    list: (schoolId: string) => [...queryKeys.assessments.all, 'list', schoolId] as const,
    detail: (assessmentId: string) =>
      [...queryKeys.assessments.all, 'detail', assessmentId] as const,
    history: (assessmentId: string, criterionCode: string) =>
      [...queryKeys.assessments.all, 'history', assessmentId, criterionCode] as const,
    revisions: (assessmentId: string) =>
      [...queryKeys.assessments.all, 'revisions', assessmentId] as const,
    integrity: (assessmentId: string) =>
      [...queryKeys.assessments.all, 'integrity', assessmentId] as const,
    whatIf: (assessmentId: string, body: unknown) =>
      [...queryKeys.assessments.all, 'what-if', assessmentId, body] as const,
    planBasis: (planId: string) => [...queryKeys.assessments.all, 'plan-basis', planId] as const,
    evidence: (assessmentId: string) =>
      [...queryKeys.assessments.all, 'evidence', assessmentId] as const,
    mentions: (assessmentId: string) =>
      [...queryKeys.assessments.all, 'mentions', assessmentId] as const,
  },
  audit: {
    all: ['audit'] as const,
    list: (unitId: string | null) => [...queryKeys.audit.all, 'list', unitId ?? 'all'] as const,
  },
  myTasks: {
    all: ['my-tasks'] as const,
    lists: () => [...queryKeys.myTasks.all, 'list'] as const,
    list: (show: 'open' | 'all') => [...queryKeys.myTasks.lists(), show] as const,
    /** One row's progress with its log (the update sheet). */
    row: (planId: string, rowId: string) =>
      [...queryKeys.myTasks.all, 'row', planId, rowId] as const,
  },
  notifications: {
    all: ['notifications'] as const,
    list: () => [...queryKeys.notifications.all, 'list'] as const,
    preferences: () => [...queryKeys.notifications.all, 'preferences'] as const,
    /** The administrator's view of the background jobs and the mail queue. */
    backgroundWork: () => [...queryKeys.notifications.all, 'background-work'] as const,
  },
} as const;

/** Keys of data that belongs to a signed-in user (dropped at sign-out or when another user signs in). */
export const privateQueryRoots = [
  queryKeys.units.all,
  queryKeys.schools.all,
  queryKeys.users.all,
  queryKeys.audit.all,
  queryKeys.plans.all,
  queryKeys.assessments.all,
  queryKeys.auth.sessions(),
  queryKeys.myTasks.all,
  queryKeys.notifications.all,
] as const;
