/**
 * The access matrix (issue 4): EVERY route of the shared route table, called as each role for its
 * own school and for a foreign one, must be allowed or denied exactly as the table below says.
 * The table is keyed by route name, so a new route without an entry fails this test.
 * Denied = 401 / 403 / 404. Every request is valid for its route's zod schemas (checked here before
 * it is sent), so an allowed caller's answer is a success — the request reached the service and did
 * its work — unless the entry names the one refusal the service gives by design (`expect`, e.g. the
 * setup once an administrator exists). A 500 always fails.
 */
import { readFileSync } from 'node:fs';
import { buildStaffTemplate } from '@caitien/documents';
import { PLAN_FIXTURES_DIR } from '@caitien/documents/testing';
import { routes, type RouteDefinition, type RouteName, type SchoolProfile } from '@caitien/shared';
import { testDialects } from '@caitien/db/testing';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { call, ok, signIn, type TestSession } from './testing/api-client.ts';
import {
  buildAccessFixtures,
  createAccount,
  FIXTURE_PASSWORD,
  MATRIX_ROLES,
  type AccessFixtures,
  type MatrixRole,
  type SchoolFixture,
} from './testing/access-fixtures.ts';
import {
  interchangeRow,
  rowBody,
  schoolProfileBody,
  seedAssessment,
  seedPlan,
  unitBody,
  userBody,
} from './testing/builders.ts';
import { createTestApp } from './testing/test-app.ts';
import { REPO_ROOT } from './config.ts';

type Who = MatrixRole | 'anonymous';
type Scope = 'own' | 'foreign';
type Request = InjectOptions & { method: string; url: string };

interface MatrixEntry {
  /** Roles allowed on their own school (or, for unscoped routes, at all). */
  allowed: readonly Who[] | 'everyone' | 'signed-in';
  /** Whether the route points at a school's objects (else it is only called once, as "own"). */
  scoped: boolean;
  /** Builds a fresh request (creating what it needs as the administrator). */
  build(ctx: BuildContext): Promise<Request>;
  /**
   * What an allowed caller gets when it is not a success: a refusal of the service itself (status
   * and a fragment of its Vietnamese message), never the schema's.
   */
  expect?: { status: number; message: string };
}

interface BuildContext {
  fx: AccessFixtures;
  who: Who;
  /** A fresh session of the caller (to revoke one of its own sessions). */
  secondSession(): Promise<TestSession | null>;
  school: SchoolFixture;
  admin: TestSession;
  post<T>(url: string, payload: unknown): Promise<T>;
  get<T>(url: string): Promise<T>;
}

const SCHOOL_WRITERS = ['admin', 'principal'] as const;
const SCHOOL_READERS = ['admin', 'office', 'principal', 'council', 'monitoring', 'staff'] as const;
const PEOPLE_READERS = ['admin', 'office', 'principal', 'council', 'monitoring'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PLAN_EDITORS = ['admin', 'principal', 'council'] as const;
/** Who may open a draft plan (staff read approved plans only). */
const DRAFT_READERS = ['admin', 'office', 'principal', 'council', 'monitoring'] as const;

/** Next unused school year per school (one plan per school and year); reset for each engine. */
const yearCounters = new Map<string, number>();
const usedYears = new Map<string, Set<number>>();
/**
 * A school year no earlier call handed out for that kind of record at that school. Plans and
 * self-assessments live in different tables, so each kind counts on its own (plans from 2026, so
 * that they are TT57 plans with Biểu 2's review rows; assessments from 2000): the school-year schema
 * stops at 2100, and the two kinds together need more fresh years per school than one range holds. A year taken for both (a plan and an assessment of
 * one year, for "propose plan rows": `nextYearForBoth`) is marked used in both.
 */
function nextYear(schoolId: string, kind: 'plan' | 'assessment' = 'plan'): string {
  const key = `${kind}:${schoolId}`;
  const used = usedYears.get(key) ?? new Set<number>();
  usedYears.set(key, used);
  let year = (yearCounters.get(key) ?? (kind === 'plan' ? 2025 : 1999)) + 1;
  while (used.has(year)) year += 1;
  yearCounters.set(key, year);
  used.add(year);
  return `${year}-${year + 1}`;
}

/** A school year free for both a plan and an assessment at the school, then used by both. */
function nextYearForBoth(schoolId: string): string {
  const plans = usedYears.get(`plan:${schoolId}`) ?? new Set<number>();
  usedYears.set(`plan:${schoolId}`, plans);
  let schoolYear = nextYear(schoolId, 'assessment');
  while (plans.has(Number(schoolYear.slice(0, 4)))) schoolYear = nextYear(schoolId, 'assessment');
  plans.add(Number(schoolYear.slice(0, 4)));
  return schoolYear;
}

/** A fresh plan (with one row) for a school, made by the administrator, in a year of its own. */
async function freshPlan(ctx: BuildContext, options: { approved?: boolean } = {}) {
  return seedPlan(appForBuild(), ctx.admin, ctx.school.schoolId, {
    schoolYear: nextYear(ctx.school.schoolId),
    rows: [
      rowBody({ criterionCode: '1.1', cells: { tasks: 'Rà soát kế hoạch', time: 'Tháng 10' } }),
    ],
    approve: options.approved,
  });
}

/**
 * One approved plan per school that the monitoring routes share where a call may repeat (reads,
 * notes, extra review rounds): a fresh plan per call would use up the schools' years (issue 13).
 */
const sharedApprovedPlans = new Map<string, Awaited<ReturnType<typeof freshPlan>>>();
/** A PDF export job asked for by the caller (by the administrator for an anonymous caller). */
async function ownExportJob(ctx: BuildContext): Promise<string> {
  const session = (await ctx.secondSession()) ?? ctx.admin;
  const { planId } = await sharedApprovedPlan(ctx);
  return ok<{ jobId: string }>(
    await call(appForBuild(), session, {
      method: 'POST',
      url: `/api/plans/${planId}/exports`,
      payload: { format: 'pdf' },
    }),
  ).jobId;
}

async function sharedApprovedPlan(ctx: BuildContext) {
  const known = sharedApprovedPlans.get(ctx.school.schoolId);
  if (known) return known;
  const plan = await freshPlan(ctx, { approved: true });
  sharedApprovedPlans.set(ctx.school.schoolId, plan);
  return plan;
}

/** One draft plan per school that read and row routes share (it is never approved). */
const sharedPlans = new Map<string, string>();
async function sharedPlan(ctx: BuildContext): Promise<string> {
  const known = sharedPlans.get(ctx.school.schoolId);
  if (known) return known;
  const { planId } = await freshPlan(ctx);
  sharedPlans.set(ctx.school.schoolId, planId);
  return planId;
}

/** A new row in the shared plan. */
async function sharedRow(ctx: BuildContext) {
  const planId = await sharedPlan(ctx);
  const row = await ctx.post<{ id: string; version: number }>(
    `/api/plans/${planId}/rows`,
    rowBody({ cells: { tasks: unique('Dòng ') } }),
  );
  return { planId, rowId: row.id, rowVersion: row.version };
}

/** Who may open a draft self-assessment (the council, the principal, office staff; issue 12). */
const DRAFT_ASSESSMENT_READERS = ['admin', 'office', 'principal', 'council'] as const;

/** A fresh assessment for a school, made by the administrator, in a year of its own. */
async function freshAssessment(
  ctx: BuildContext,
  options: { approved?: boolean; frameworkCode?: string; schoolYear?: string } = {},
) {
  // The framework is named, so that what a case meets does not depend on which year it drew.
  const frameworkCode =
    options.frameworkCode ?? (ctx.school.schoolId === ctx.fx.own.schoolId ? 'TT17' : 'TT18');
  return seedAssessment(appForBuild(), ctx.admin, ctx.school.schoolId, {
    schoolYear: options.schoolYear ?? nextYear(ctx.school.schoolId, 'assessment'),
    frameworkCode,
    approve: options.approved,
  });
}

/** One draft assessment per school that read and edit routes share (never approved). */
const sharedAssessments = new Map<string, string>();
async function sharedAssessment(ctx: BuildContext): Promise<string> {
  const known = sharedAssessments.get(ctx.school.schoolId);
  if (known) return known;
  const { assessmentId } = await freshAssessment(ctx);
  sharedAssessments.set(ctx.school.schoolId, assessmentId);
  return assessmentId;
}

/** The shared assessment's id and current version (and its first criterion's). */
async function sharedAssessmentState(ctx: BuildContext) {
  const id = await sharedAssessment(ctx);
  const detail = await ctx.get<{
    version: number;
    criteria: { criterionCode: string; version: number }[];
    standards: { standardCode: string; version: number }[];
  }>(`/api/assessments/${id}`);
  return { id, detail };
}

/** Who follows an approved plan's progress and runs its review rounds (issue 13). */
const MONITORS = ['admin', 'principal', 'monitoring'] as const;

/** A new open (extra) review round in the school's shared approved plan, made by the administrator. */
async function freshReviewRound(ctx: BuildContext) {
  const { planId } = await sharedApprovedPlan(ctx);
  const round = await ctx.post<{
    id: string;
    version: number;
    rows: { row: { trackId: string } }[];
  }>(`/api/plans/${planId}/review-rounds`, { kind: 'extra' });
  return { planId, round, base: `/api/plans/${planId}/review-rounds/${round.id}` };
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${(counter += 1)}`;

const EVIDENCE_LIST_FILE = `${REPO_ROOT}/packages/documents/test-fixtures/evidence-lists/dmmc-7col-merged.xlsx`;
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

/** A fresh evidence in the shared assessment (cited by 1.1 and 1.2), made by the administrator. */
async function freshEvidence(ctx: BuildContext, options: { file?: boolean } = {}) {
  const assessmentId = await sharedAssessment(ctx);
  const base = `/api/assessments/${assessmentId}/evidence`;
  let evidence = await ctx.post<{ id: string; version: number; files: { id: string }[] }>(base, {
    name: unique('Minh chứng '),
    criterionCodes: ['1.1', '1.2'],
  });
  if (options.file) {
    evidence = ok(
      await call(appForBuild(), ctx.admin, {
        method: 'POST',
        url: `${base}/${evidence.id}/files?fileName=ban-chup.pdf`,
        headers: { 'content-type': 'application/pdf' },
        payload: PDF_BYTES,
      }),
    );
  }
  return { assessmentId, base, evidence };
}

/** Who records progress on a row they are not on (issue 13): the monitoring team, the principal. */
const PROGRESS_WRITERS = ['admin', 'principal', 'monitoring'] as const;

/** A progress update on the row of a fresh approved plan, recorded by the administrator. */
async function freshProgressEntry(ctx: BuildContext) {
  const p = await sharedApprovedPlan(ctx);
  const base = `/api/plans/${p.planId}/rows/${p.rows[0]!.id}/progress`;
  const detail = await ctx.post<{ entries: { id: string }[] }>(base, {
    version: 0,
    entryDate: '2026-11-01',
    note: 'Ảnh buổi họp',
  });
  return { planId: p.planId, url: `${base}/${detail.entries[0]!.id}` };
}

// ——— Submissions to the offices (issue 14, part A) ———

/** The school's parent unit (its xã, or its Sở), made the school's supervising unit once. */
const supervisedSchools = new Map<string, string>();
async function supervisingUnit(ctx: BuildContext): Promise<string> {
  const known = supervisedSchools.get(ctx.school.schoolId);
  if (known) return known;
  const unit = await ctx.get<{ parentId: string }>(`/api/units/${ctx.school.schoolId}`);
  const profile = await ctx.get<SchoolProfile>(`/api/schools/${ctx.school.schoolId}/profile`);
  ok(
    await call(appForBuild(), ctx.admin, {
      method: 'PUT',
      url: `/api/schools/${ctx.school.schoolId}/profile`,
      payload: schoolProfileBody(profile, { supervisingUnitIds: [unit.parentId] }),
    }),
  );
  supervisedSchools.set(ctx.school.schoolId, unit.parentId);
  return unit.parentId;
}

/** A new submission of a fresh approved plan, sent by the administrator. */
async function freshSubmission(ctx: BuildContext) {
  const unitId = await supervisingUnit(ctx);
  const { planId } = await freshPlan(ctx, { approved: true });
  const sent = await ctx.post<{ id: string; recipients: { unitId: string; version: number }[] }>(
    `/api/schools/${ctx.school.schoolId}/submissions`,
    { kind: 'plan', documentId: planId },
  );
  return { id: sent.id, unitId, version: sent.recipients[0]!.version };
}

/** One submission per school shared by the reads (sent once). */
const sharedSubmissions = new Map<string, Awaited<ReturnType<typeof freshSubmission>>>();
async function sharedSubmission(ctx: BuildContext) {
  const known = sharedSubmissions.get(ctx.school.schoolId);
  if (known) return known;
  const sent = await freshSubmission(ctx);
  sharedSubmissions.set(ctx.school.schoolId, sent);
  return sent;
}

const SUBMISSION_READERS = ['admin', 'office', 'principal'] as const;
const OFFICE_REVIEWERS = ['admin', 'office'] as const;

const MATRIX: Record<RouteName, MatrixEntry> = {
  health: {
    allowed: 'everyone',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/healthz' }),
  },
  ready: {
    allowed: 'everyone',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/readyz' }),
  },
  metrics: {
    allowed: 'everyone',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/metrics' }),
  },
  listFrameworks: {
    allowed: 'everyone',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/api/frameworks' }),
  },
  getFramework: {
    allowed: 'everyone',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/api/frameworks/TT17' }),
  },
  setupStatus: {
    allowed: 'everyone',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/api/setup' }),
  },
  // Public, but refused with 409 once an administrator exists (checked below): not an access denial.
  setup: {
    allowed: 'everyone',
    scoped: false,
    expect: { status: 409, message: 'Hệ thống đã có quản trị viên' },
    build: async () => ({
      method: 'POST',
      url: '/api/setup',
      payload: { username: unique('khac'), displayName: 'Khác', password: 'Mat-khau-dai-2026' },
    }),
  },
  login: {
    allowed: 'everyone',
    scoped: false,
    build: async () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'giamsat.a', password: 'Mat-khau-thu-nghiem-2026' },
    }),
  },
  resetPasswordWithToken: {
    allowed: 'everyone',
    scoped: false,
    // An unknown token: the service looks it up and refuses it.
    expect: { status: 400, message: 'không hợp lệ hoặc đã hết hạn' },
    build: async () => ({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: {
        token: 'khong-hop-le-khong-hop-le-khong-hop-le',
        newPassword: 'Mat-khau-dai-2026',
      },
    }),
  },
  me: {
    allowed: 'signed-in',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/api/auth/me' }),
  },
  logout: {
    allowed: 'signed-in',
    scoped: false,
    build: async () => ({ method: 'POST', url: '/api/auth/logout' }),
  },
  logoutEverywhere: {
    allowed: 'signed-in',
    scoped: false,
    build: async () => ({ method: 'POST', url: '/api/auth/logout-all' }),
  },
  changePassword: {
    allowed: 'signed-in',
    scoped: false,
    // A wrong current password: the service refuses it, so no fixture password changes.
    expect: { status: 400, message: 'Mật khẩu hiện tại không đúng' },
    build: async () => ({
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { currentPassword: 'khong-dung-dau', newPassword: 'Mat-khau-moi-2026' },
    }),
  },
  listSessions: {
    allowed: 'signed-in',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/api/auth/sessions' }),
  },
  revokeSession: {
    allowed: 'signed-in',
    scoped: false,
    // One of the caller's own other sessions (another user's session id is a 404: auth tests).
    build: async ({ secondSession }) => {
      const second = await secondSession();
      if (!second) return { method: 'DELETE', url: '/api/auth/sessions/khong-co' };
      const list = ok<{ items: { id: string; isCurrent: boolean }[] }>(
        await call(appForBuild(), second, { method: 'GET', url: '/api/auth/sessions' }),
      );
      const id = list.items.find((s) => s.isCurrent)?.id ?? 'khong-co';
      return { method: 'DELETE', url: `/api/auth/sessions/${id}` };
    },
  },
  listUnits: {
    // The children of a school (none): a unit the caller may not see is a 404, like getUnit. The
    // caller's roots and searches are checked in 'lists never leak another school'.
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async ({ school }) => ({ method: 'GET', url: `/api/units?parentId=${school.schoolId}` }),
  },
  createUnit: {
    allowed: ['admin'],
    scoped: true,
    build: async ({ school, get }) => {
      const unit = await get<{ parentId: string }>(`/api/units/${school.schoolId}`);
      return {
        method: 'POST',
        url: '/api/units',
        payload: unitBody({ parentId: unit.parentId }),
      };
    },
  },
  getUnit: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async ({ school }) => ({ method: 'GET', url: `/api/units/${school.schoolId}` }),
  },
  updateUnit: {
    allowed: ['admin'],
    scoped: true,
    build: async ({ school, get }) => {
      const unit = await get<{ version: number; name: string }>(`/api/units/${school.schoolId}`);
      return {
        method: 'PATCH',
        url: `/api/units/${school.schoolId}`,
        payload: { name: unit.name, version: unit.version },
      };
    },
  },
  deleteUnit: {
    allowed: ['admin'],
    scoped: true,
    build: async ({ school, get, post }) => {
      const unit = await get<{ parentId: string }>(`/api/units/${school.schoolId}`);
      const fresh = await post<{ id: string }>('/api/units', unitBody({ parentId: unit.parentId }));
      return { method: 'DELETE', url: `/api/units/${fresh.id}` };
    },
  },
  getSchoolProfile: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async ({ school }) => ({
      method: 'GET',
      url: `/api/schools/${school.schoolId}/profile`,
    }),
  },
  updateSchoolProfile: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school, get }) => {
      const p = await get<SchoolProfile>(`/api/schools/${school.schoolId}/profile`);
      return {
        method: 'PUT',
        url: `/api/schools/${school.schoolId}/profile`,
        payload: schoolProfileBody(p),
      };
    },
  },
  listPeople: {
    allowed: PEOPLE_READERS,
    scoped: true,
    build: async ({ school }) => ({ method: 'GET', url: `/api/schools/${school.schoolId}/people` }),
  },
  createPerson: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school }) => ({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/people`,
      payload: { fullName: unique('Lê Văn An ') },
    }),
  },
  updatePerson: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school, post }) => {
      const p = await post<{ id: string; version: number }>(
        `/api/schools/${school.schoolId}/people`,
        { fullName: unique('Phạm Thị Lan ') },
      );
      return {
        method: 'PATCH',
        url: `/api/schools/${school.schoolId}/people/${p.id}`,
        payload: { note: 'Ghi chú', version: p.version },
      };
    },
  },
  deletePerson: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school, post }) => {
      const p = await post<{ id: string }>(`/api/schools/${school.schoolId}/people`, {
        fullName: unique('Đỗ Văn Minh '),
      });
      return { method: 'DELETE', url: `/api/schools/${school.schoolId}/people/${p.id}` };
    },
  },
  importPeople: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school }) => ({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/people/import?dryRun=true`,
      payload: Buffer.from(await buildStaffTemplate()),
      headers: { 'content-type': XLSX },
    }),
  },
  downloadStaffTemplate: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school }) => ({
      method: 'GET',
      url: `/api/schools/${school.schoolId}/people/import-template`,
    }),
  },
  listGroups: {
    allowed: PEOPLE_READERS,
    scoped: true,
    build: async ({ school }) => ({ method: 'GET', url: `/api/schools/${school.schoolId}/groups` }),
  },
  createGroup: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school }) => ({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/groups`,
      payload: { kind: 'subject_group', name: unique('Tổ ') },
    }),
  },
  updateGroup: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school, post }) => {
      const g = await post<{ id: string; version: number }>(
        `/api/schools/${school.schoolId}/groups`,
        { kind: 'other', name: unique('Nhóm ') },
      );
      return {
        method: 'PATCH',
        url: `/api/schools/${school.schoolId}/groups/${g.id}`,
        payload: { name: unique('Nhóm đổi '), version: g.version },
      };
    },
  },
  deleteGroup: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school, post }) => {
      const g = await post<{ id: string }>(`/api/schools/${school.schoolId}/groups`, {
        kind: 'other',
        name: unique('Nhóm xóa '),
      });
      return { method: 'DELETE', url: `/api/schools/${school.schoolId}/groups/${g.id}` };
    },
  },
  listUsers: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school }) => ({ method: 'GET', url: `/api/users?unitId=${school.schoolId}` }),
  },
  createUser: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school }) => ({
      method: 'POST',
      url: '/api/users',
      payload: userBody({ roles: [{ role: 'staff', unitId: school.schoolId }] }),
    }),
  },
  getUser: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school }) => ({ method: 'GET', url: `/api/users/${school.staffUserId}` }),
  },
  updateUser: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school, fx, get }) => {
      const id = await createAccount(appForBuild(), fx.adminSession, {
        username: unique('sua.'),
        displayName: 'Sẽ sửa',
        roles: [{ role: 'staff', unitId: school.schoolId }],
      });
      const u = await get<{ version: number }>(`/api/users/${id}`);
      return {
        method: 'PATCH',
        url: `/api/users/${id}`,
        payload: { displayName: 'Đã sửa', version: u.version },
      };
    },
  },
  resetUserPassword: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school }) => ({
      method: 'POST',
      url: `/api/users/${school.staffUserId}/password-reset`,
      payload: { method: 'link' },
    }),
  },
  exportUserPersonalData: {
    // `staffUserId` is the staff login itself: the person may export their own data (NĐ 13 Điều 14).
    allowed: [...SCHOOL_WRITERS, 'staff'],
    scoped: true,
    build: async ({ school }) => ({
      method: 'GET',
      url: `/api/users/${school.staffUserId}/personal-data`,
    }),
  },
  eraseUserPersonalData: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school, post }) => {
      const created = await post<{ user: { id: string } }>(
        '/api/users',
        userBody({ username: unique('xoa.'), roles: [{ role: 'staff', unitId: school.schoolId }] }),
      );
      return {
        method: 'POST',
        url: `/api/users/${created.user.id}/personal-data/erase`,
        payload: { reason: 'Theo đơn đề nghị' },
      };
    },
  },
  exportPersonPersonalData: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school }) => ({
      method: 'GET',
      url: `/api/schools/${school.schoolId}/people/${school.personId}/personal-data`,
    }),
  },
  erasePersonPersonalData: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school, post }) => {
      const p = await post<{ id: string }>(`/api/schools/${school.schoolId}/people`, {
        fullName: unique('Lê Thị Xoá '),
      });
      return {
        method: 'POST',
        url: `/api/schools/${school.schoolId}/people/${p.id}/personal-data/erase`,
        payload: { reason: 'Theo đơn đề nghị' },
      };
    },
  },
  listAudit: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async ({ school }) => ({ method: 'GET', url: `/api/audit?unitId=${school.schoolId}` }),
  },
  listPlans: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async ({ school }) => ({ method: 'GET', url: `/api/schools/${school.schoolId}/plans` }),
  },
  createPlan: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async ({ school }) => ({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/plans`,
      payload: { schoolYear: nextYear(school.schoolId) },
    }),
  },
  getPlan: {
    allowed: DRAFT_READERS,
    scoped: true,
    build: async (c) => ({ method: 'GET', url: `/api/plans/${await sharedPlan(c)}` }),
  },
  updatePlan: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const id = await sharedPlan(c);
      const plan = await c.get<{ version: number }>(`/api/plans/${id}`);
      return {
        method: 'PATCH',
        url: `/api/plans/${id}`,
        payload: { layout: 'bieu2', version: plan.version },
      };
    },
  },
  addPlanRow: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/plans/${await sharedPlan(c)}/rows`,
      payload: rowBody({ cells: { tasks: 'Thêm dòng' } }),
    }),
  },
  updatePlanRow: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const p = await sharedRow(c);
      return {
        method: 'PATCH',
        url: `/api/plans/${p.planId}/rows/${p.rowId}`,
        payload: { target: 'Đạt Mức 2', version: p.rowVersion },
      };
    },
  },
  deletePlanRow: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const p = await sharedRow(c);
      return { method: 'DELETE', url: `/api/plans/${p.planId}/rows/${p.rowId}` };
    },
  },
  duplicatePlanRow: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const p = await sharedRow(c);
      return { method: 'POST', url: `/api/plans/${p.planId}/rows/${p.rowId}/duplicate` };
    },
  },
  reorderPlanRows: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const id = await sharedPlan(c);
      const plan = await c.get<{ version: number; rows: { id: string }[] }>(`/api/plans/${id}`);
      return {
        method: 'PUT',
        url: `/api/plans/${id}/row-order`,
        payload: { rowIds: [...plan.rows.map((r) => r.id)].reverse(), version: plan.version },
      };
    },
  },
  checkPlan: {
    allowed: DRAFT_READERS,
    scoped: true,
    build: async (c) => ({ method: 'GET', url: `/api/plans/${await sharedPlan(c)}/checks` }),
  },
  submitPlan: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const p = await freshPlan(c);
      return {
        method: 'POST',
        url: `/api/plans/${p.planId}/submit`,
        payload: { version: p.planVersion },
      };
    },
  },
  approvePlan: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async (c) => {
      const p = await freshPlan(c);
      return {
        method: 'POST',
        url: `/api/plans/${p.planId}/approve`,
        payload: { version: p.planVersion },
      };
    },
  },
  verifyPlan: {
    allowed: DRAFT_READERS,
    scoped: true,
    build: async (c) => ({ method: 'GET', url: `/api/plans/${await sharedPlan(c)}/integrity` }),
  },
  createRevision: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/plans/${(await freshPlan(c, { approved: true })).planId}/revisions`,
      payload: { reason: 'Bổ sung nội dung' },
    }),
  },
  carryOverPlan: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/plans/${await sharedPlan(c)}/carry-over`,
      payload: { schoolYear: nextYear(c.school.schoolId) },
    }),
  },
  updatePlanReview: {
    // Progress roles too: review rounds stay editable by the monitoring team (CONTRACTS.md).
    allowed: ['admin', 'principal', 'council', 'monitoring'],
    scoped: true,
    build: async (c) => {
      const id = await sharedPlan(c);
      const plan = await c.get<{ reviews: { id: string; version: number }[] }>(`/api/plans/${id}`);
      const review = plan.reviews[0];
      return {
        method: 'PATCH',
        url: `/api/plans/${id}/reviews/${review?.id}`,
        payload: { result: unique('Đã rà soát '), version: review?.version },
      };
    },
  },
  addFocusIssue: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/plans/${await sharedPlan(c)}/focus-issues`,
      payload: { standardCode: '2', criterionCode: '2.2', limitation: 'Thiếu giáo viên' },
    }),
  },
  updateFocusIssue: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const id = await sharedPlan(c);
      const plan = await c.post<{ focusIssues: { id: string; version: number }[] }>(
        `/api/plans/${id}/focus-issues`,
        { cause: 'Nguyên nhân' },
      );
      const issue = plan.focusIssues.at(-1);
      return {
        method: 'PATCH',
        url: `/api/plans/${id}/focus-issues/${issue?.id}`,
        payload: { cause: 'Đã rõ', version: issue?.version },
      };
    },
  },
  deleteFocusIssue: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const id = await sharedPlan(c);
      const plan = await c.post<{ focusIssues: { id: string }[] }>(
        `/api/plans/${id}/focus-issues`,
        { cause: 'Xóa' },
      );
      return {
        method: 'DELETE',
        url: `/api/plans/${id}/focus-issues/${plan.focusIssues.at(-1)?.id}`,
      };
    },
  },
  exportPlanJson: {
    allowed: DRAFT_READERS,
    scoped: true,
    build: async (c) => ({ method: 'GET', url: `/api/plans/${await sharedPlan(c)}/export.json` }),
  },
  downloadPlanDocument: {
    allowed: DRAFT_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/plans/${await sharedPlan(c)}/document?format=xlsx`,
    }),
  },
  requestPlanExport: {
    allowed: DRAFT_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/plans/${await sharedPlan(c)}/exports`,
      payload: { format: 'pdf' },
    }),
  },
  // A job is its requester's alone (anyone else gets 404: plan-export-job.routes.test.ts), so the
  // caller asks for it first, on the approved plan every role of the school may read.
  getJob: {
    allowed: 'signed-in',
    scoped: false,
    build: async (c) => ({ method: 'GET', url: `/api/jobs/${await ownExportJob(c)}` }),
  },
  downloadJobResult: {
    allowed: 'signed-in',
    scoped: false,
    build: async (c) => ({ method: 'GET', url: `/api/jobs/${await ownExportJob(c)}/download` }),
    // The queue is not run here: the file is not made yet.
    expect: { status: 409, message: 'chưa sẵn sàng' },
  },
  appendPlanRows: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/plans/${await sharedPlan(c)}/rows/import`,
      payload: {
        rows: [interchangeRow({ cells: { tasks: unique('Dòng nhập '), time: 'Tháng 10/2026' } })],
      },
    }),
  },
  previewPlanImport: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/schools/${c.school.schoolId}/plans/import-file?fileName=ke-hoach.docx`,
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      payload: readFileSync(`${PLAN_FIXTURES_DIR}seed001-layout-b.docx`),
    }),
  },
  requestPlanImportPreview: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/schools/${c.school.schoolId}/plans/import-jobs?fileName=ke-hoach.docx`,
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      payload: readFileSync(`${PLAN_FIXTURES_DIR}seed001-layout-b.docx`),
    }),
  },
  importPlanJson: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const doc = await c.get<{ plan: Record<string, unknown> }>(
        `/api/plans/${await sharedPlan(c)}/export.json`,
      );
      return {
        method: 'POST',
        url: `/api/schools/${c.school.schoolId}/plans/import-json`,
        payload: { ...doc, plan: { ...doc.plan, schoolYear: nextYear(c.school.schoolId) } },
      };
    },
  },
  listRevisions: {
    allowed: DRAFT_READERS,
    scoped: true,
    build: async (c) => ({ method: 'GET', url: `/api/plans/${await sharedPlan(c)}/revisions` }),
  },
  listAssessments: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async ({ school }) => ({
      method: 'GET',
      url: `/api/schools/${school.schoolId}/assessments`,
    }),
  },
  createAssessment: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async ({ school }) => ({
      method: 'POST',
      url: `/api/schools/${school.schoolId}/assessments`,
      payload: { schoolYear: nextYear(school.schoolId, 'assessment') },
    }),
  },
  importAssessmentJson: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const doc = await c.get<{ assessment: Record<string, unknown> }>(
        `/api/assessments/${await sharedAssessment(c)}/export.json`,
      );
      return {
        method: 'POST',
        url: `/api/schools/${c.school.schoolId}/assessments/import-json`,
        payload: {
          ...doc,
          assessment: { ...doc.assessment, schoolYear: nextYear(c.school.schoolId, 'assessment') },
        },
      };
    },
  },
  getAssessment: {
    allowed: DRAFT_ASSESSMENT_READERS,
    scoped: true,
    build: async (c) => ({ method: 'GET', url: `/api/assessments/${await sharedAssessment(c)}` }),
  },
  updateAssessmentCriterion: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { id, detail } = await sharedAssessmentState(c);
      const criterion = detail.criteria[0];
      return {
        method: 'PATCH',
        url: `/api/assessments/${id}/criteria/${criterion?.criterionCode}`,
        payload: { strengths: unique('Điểm mạnh '), version: criterion?.version },
      };
    },
  },
  getCriterionHistory: {
    allowed: DRAFT_ASSESSMENT_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/assessments/${await sharedAssessment(c)}/criteria/1.1/history`,
    }),
  },
  updateAssessmentStandard: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { id, detail } = await sharedAssessmentState(c);
      const standard = detail.standards[0];
      return {
        method: 'PATCH',
        url: `/api/assessments/${id}/standards/${standard?.standardCode}`,
        payload: { strengths: unique('Điểm mạnh nổi bật '), version: standard?.version },
      };
    },
  },
  updateAssessmentLevel4: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      // Mức 4 items exist under the 2018 frameworks only.
      const { assessmentId } = await freshAssessment(c, { frameworkCode: 'TT17' });
      const detail = await c.get<{ level4: { key: string; version: number }[] }>(
        `/api/assessments/${assessmentId}`,
      );
      const item = detail.level4[0];
      return {
        method: 'PATCH',
        url: `/api/assessments/${assessmentId}/level4/${item?.key}`,
        payload: { description: 'Mô tả mục Mức 4', version: item?.version },
      };
    },
  },
  updateAssessmentCouncil: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { id, detail } = await sharedAssessmentState(c);
      return {
        method: 'PUT',
        url: `/api/assessments/${id}/council`,
        payload: {
          council: {
            members: [
              {
                id: 'm1',
                personId: null,
                name: unique('Nguyễn Văn '),
                positionTitle: 'Hiệu trưởng',
                role: 'chu_tich',
                duty: 'Chủ tịch hội đồng',
              },
            ],
            groups: [],
            decisionNumber: '01/QĐ-THKĐ',
            decisionDate: '02/01/2042',
          },
          version: detail.version,
        },
      };
    },
  },
  updateAssessmentWorkPlan: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { id, detail } = await sharedAssessmentState(c);
      return {
        method: 'PUT',
        url: `/api/assessments/${id}/work-plan`,
        payload: {
          workPlan: {
            number: '02/KH-THKĐ',
            date: '',
            purpose: unique('Mục đích '),
            scope: '',
            tools: '',
            training: '',
            resources: '',
            consultants: '',
            steps: [
              { id: 's1', time: 'Tuần 1 tháng 9', activity: 'Thành lập hội đồng', done: false },
            ],
          },
          version: detail.version,
        },
      };
    },
  },
  updateAssessmentSettings: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { id, detail } = await sharedAssessmentState(c);
      return {
        method: 'PUT',
        url: `/api/assessments/${id}/settings`,
        payload: { settings: { requireEvidenceForMet: true }, version: detail.version },
      };
    },
  },
  updateAssessmentReport: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { id, detail } = await sharedAssessmentState(c);
      return {
        method: 'PATCH',
        url: `/api/assessments/${id}/report`,
        payload: { report: { context: unique('Bối cảnh ') }, version: detail.version },
      };
    },
  },
  submitAssessment: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const a = await freshAssessment(c);
      return {
        method: 'POST',
        url: `/api/assessments/${a.assessmentId}/submit`,
        payload: { version: a.version },
      };
    },
  },
  approveAssessment: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async (c) => {
      const a = await freshAssessment(c);
      return {
        method: 'POST',
        url: `/api/assessments/${a.assessmentId}/approve`,
        payload: { version: a.version },
      };
    },
  },
  verifyAssessment: {
    // On an approved assessment: staff and the monitoring team read it too.
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/assessments/${(await freshAssessment(c, { approved: true })).assessmentId}/integrity`,
    }),
  },
  reviseAssessment: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/assessments/${(await freshAssessment(c, { approved: true })).assessmentId}/revisions`,
      payload: { reason: 'Bổ sung minh chứng' },
    }),
  },
  listAssessmentRevisions: {
    allowed: DRAFT_ASSESSMENT_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/assessments/${await sharedAssessment(c)}/revisions`,
    }),
  },
  whatIfAssessment: {
    allowed: DRAFT_ASSESSMENT_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/assessments/${await sharedAssessment(c)}/what-if`,
      payload: { criteria: { '1.1': { '1.a': true } } },
    }),
  },
  proposeAssessmentPlanRows: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const schoolYear = nextYearForBoth(c.school.schoolId);
      await seedPlan(appForBuild(), c.admin, c.school.schoolId, { schoolYear });
      const a = await freshAssessment(c, { schoolYear });
      return {
        method: 'POST',
        url: `/api/assessments/${a.assessmentId}/plan-rows`,
        payload: { dryRun: true },
      };
    },
  },
  exportAssessmentJson: {
    allowed: DRAFT_ASSESSMENT_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/assessments/${await sharedAssessment(c)}/export.json`,
    }),
  },
  downloadAssessmentDocument: {
    allowed: DRAFT_ASSESSMENT_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/assessments/${await sharedAssessment(c)}/document?document=summary`,
    }),
  },
  getPlanAssessmentBasis: {
    allowed: DRAFT_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/plans/${await sharedPlan(c)}/assessment-basis`,
    }),
  },
  applyPlanAssessmentBasis: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      // A draft plan and an approved assessment of one fresh year of their own.
      const schoolYear = nextYearForBoth(c.school.schoolId);
      const { planId } = await seedPlan(appForBuild(), c.admin, c.school.schoolId, { schoolYear });
      await freshAssessment(c, { schoolYear, approved: true });
      const plan = await c.get<{ version: number }>(`/api/plans/${planId}`);
      return {
        method: 'POST',
        url: `/api/plans/${planId}/assessment-basis/apply`,
        payload: { version: plan.version },
      };
    },
  },
  listEvidence: {
    allowed: DRAFT_ASSESSMENT_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/assessments/${await sharedAssessment(c)}/evidence?q=minh%20chung`,
    }),
  },
  createEvidence: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/assessments/${await sharedAssessment(c)}/evidence`,
      payload: { name: unique('Quyết định '), criterionCodes: ['2.1'] },
    }),
  },
  evidenceMentions: {
    allowed: DRAFT_ASSESSMENT_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/assessments/${await sharedAssessment(c)}/evidence/mentions`,
    }),
  },
  renumberEvidence: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/assessments/${await sharedAssessment(c)}/evidence/renumber`,
      payload: { dryRun: true },
    }),
  },
  importEvidenceList: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/assessments/${await sharedAssessment(c)}/evidence/import?fileName=danh-muc.xlsx`,
      headers: { 'content-type': XLSX },
      payload: readFileSync(EVIDENCE_LIST_FILE),
    }),
  },
  downloadEvidenceList: {
    allowed: DRAFT_ASSESSMENT_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/assessments/${await sharedAssessment(c)}/evidence/document?format=xlsx`,
    }),
  },
  getEvidence: {
    allowed: DRAFT_ASSESSMENT_READERS,
    scoped: true,
    build: async (c) => {
      const { base, evidence } = await freshEvidence(c);
      return { method: 'GET', url: `${base}/${evidence.id}` };
    },
  },
  updateEvidence: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { base, evidence } = await freshEvidence(c);
      return {
        method: 'PATCH',
        url: `${base}/${evidence.id}`,
        payload: { version: evidence.version, note: 'Bản gốc lưu tại văn phòng' },
      };
    },
  },
  deleteEvidence: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { base, evidence } = await freshEvidence(c);
      for (const code of ['1.1', '1.2'])
        ok(
          await call(appForBuild(), c.admin, {
            method: 'DELETE',
            url: `${base}/${evidence.id}/citations/${code}`,
          }),
        );
      return { method: 'DELETE', url: `${base}/${evidence.id}` };
    },
  },
  citeEvidence: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { base, evidence } = await freshEvidence(c);
      return {
        method: 'POST',
        url: `${base}/${evidence.id}/citations`,
        payload: { criterionCode: '1.3' },
      };
    },
  },
  unciteEvidence: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { base, evidence } = await freshEvidence(c);
      return { method: 'DELETE', url: `${base}/${evidence.id}/citations/1.2` };
    },
  },
  uploadEvidenceFile: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { base, evidence } = await freshEvidence(c);
      return {
        method: 'POST',
        url: `${base}/${evidence.id}/files?fileName=${encodeURIComponent('Biên bản.pdf')}`,
        headers: { 'content-type': 'application/pdf' },
        payload: PDF_BYTES,
      };
    },
  },
  downloadEvidenceFile: {
    allowed: DRAFT_ASSESSMENT_READERS,
    scoped: true,
    build: async (c) => {
      const { base, evidence } = await freshEvidence(c, { file: true });
      return { method: 'GET', url: `${base}/${evidence.id}/files/${evidence.files[0]!.id}` };
    },
  },
  deleteEvidenceFile: {
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { base, evidence } = await freshEvidence(c, { file: true });
      return { method: 'DELETE', url: `${base}/${evidence.id}/files/${evidence.files[0]!.id}` };
    },
  },
  listReviewRounds: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async (c) => {
      const { planId } = await sharedApprovedPlan(c);
      return { method: 'GET', url: `/api/plans/${planId}/review-rounds` };
    },
  },
  createReviewRound: {
    allowed: MONITORS,
    scoped: true,
    build: async (c) => {
      const { planId } = await sharedApprovedPlan(c);
      return {
        method: 'POST',
        url: `/api/plans/${planId}/review-rounds`,
        payload: { kind: 'extra' },
      };
    },
  },
  getReviewRound: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async (c) => ({ method: 'GET', url: (await freshReviewRound(c)).base }),
  },
  updateReviewRound: {
    allowed: MONITORS,
    scoped: true,
    build: async (c) => {
      const { base, round } = await freshReviewRound(c);
      return {
        method: 'PATCH',
        url: base,
        payload: { version: round.version, conclusions: unique('Kết luận ') },
      };
    },
  },
  saveReviewRoundRow: {
    allowed: MONITORS,
    scoped: true,
    build: async (c) => {
      const { base, round } = await freshReviewRound(c);
      return {
        method: 'PUT',
        url: `${base}/rows/${round.rows[0]!.row.trackId}`,
        payload: { version: 0, result: unique('Kết quả ') },
      };
    },
  },
  downloadMonitoringReport: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `${(await freshReviewRound(c)).base}/report?format=docx`,
    }),
  },
  // Notifications are the caller's own (no school in the URL); the mail queue is the administrator's.
  listNotifications: {
    allowed: 'signed-in',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/api/me/notifications?unreadOnly=true' }),
  },
  markNotificationsRead: {
    allowed: 'signed-in',
    scoped: false,
    build: async () => ({ method: 'POST', url: '/api/me/notifications/read', payload: {} }),
  },
  getNotificationPreferences: {
    allowed: 'signed-in',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/api/me/notification-preferences' }),
  },
  updateNotificationPreferences: {
    allowed: 'signed-in',
    scoped: false,
    build: async () => ({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: { kinds: [{ kind: 'weekly_digest', inApp: true, email: false }] },
    }),
  },
  getMailOutbox: {
    allowed: ['admin'],
    scoped: false,
    build: async () => ({ method: 'GET', url: '/api/admin/mail-outbox' }),
  },
  // ——— Progress of the plan (issue 13, helper "progress") ———
  getPlanProgress: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/plans/${(await sharedApprovedPlan(c)).planId}/progress`,
    }),
  },
  getRowProgress: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async (c) => {
      const p = await sharedApprovedPlan(c);
      return { method: 'GET', url: `/api/plans/${p.planId}/rows/${p.rows[0]!.id}/progress` };
    },
  },
  addRowProgress: {
    // Nobody of the fixtures is on the row: those who follow the plan's progress only.
    allowed: PROGRESS_WRITERS,
    scoped: true,
    build: async (c) => {
      const p = await sharedApprovedPlan(c);
      return {
        method: 'POST',
        url: `/api/plans/${p.planId}/rows/${p.rows[0]!.id}/progress`,
        payload: { version: 0, entryDate: '2026-11-01', note: 'Đã họp tổ' },
      };
    },
  },
  uploadProgressFile: {
    allowed: PROGRESS_WRITERS,
    scoped: true,
    build: async (c) => {
      const { url } = await freshProgressEntry(c);
      return {
        method: 'POST',
        url: `${url}/files?fileName=${encodeURIComponent('Biên bản.pdf')}`,
        headers: { 'content-type': 'application/pdf' },
        payload: PDF_BYTES,
      };
    },
  },
  downloadProgressFile: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async (c) => {
      const { planId, url } = await freshProgressEntry(c);
      const entry = ok<{ files: { id: string }[] }>(
        await call(appForBuild(), c.admin, {
          method: 'POST',
          url: `${url}/files?fileName=anh.pdf`,
          headers: { 'content-type': 'application/pdf' },
          payload: PDF_BYTES,
        }),
      );
      return { method: 'GET', url: `/api/plans/${planId}/progress-files/${entry.files[0]!.id}` };
    },
  },
  getPlanDashboard: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/plans/${(await sharedApprovedPlan(c)).planId}/dashboard`,
    }),
  },
  closePlanYear: {
    allowed: PROGRESS_WRITERS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/plans/${(await freshPlan(c, { approved: true })).planId}/close-year`,
      payload: { confirm: true },
    }),
  },
  listMyTasks: {
    allowed: 'signed-in',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/api/me/tasks' }),
  },
  // ——— Submissions to the offices (issue 14, part A) ———
  sendSubmission: {
    allowed: ['admin', 'principal'],
    scoped: true,
    build: async (c) => {
      await supervisingUnit(c);
      // Only an allowed caller's send must succeed (a seal is sent once): fresh plans for them.
      const mayPass = c.who === 'admin' || (c.who === 'principal' && c.school === c.fx.own);
      const { planId } = mayPass
        ? await freshPlan(c, { approved: true })
        : await sharedApprovedPlan(c);
      return {
        method: 'POST',
        url: `/api/schools/${c.school.schoolId}/submissions`,
        payload: { kind: 'plan', documentId: planId },
      };
    },
  },
  listSchoolSubmissions: {
    allowed: SUBMISSION_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/schools/${c.school.schoolId}/submissions?kind=plan`,
    }),
  },
  getSubmission: {
    allowed: SUBMISSION_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/submissions/${(await sharedSubmission(c)).id}`,
    }),
  },
  openSubmission: {
    allowed: SUBMISSION_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/submissions/${(await sharedSubmission(c)).id}/open`,
    }),
  },
  acceptSubmission: {
    allowed: OFFICE_REVIEWERS,
    scoped: true,
    build: async (c) => {
      const mayPass = c.who === 'admin' || (c.who === 'office' && c.school === c.fx.own);
      const sent = mayPass ? await freshSubmission(c) : await sharedSubmission(c);
      return {
        method: 'POST',
        url: `/api/submissions/${sent.id}/recipients/${sent.unitId}/accept`,
        payload: { version: sent.version },
      };
    },
  },
  downloadSubmissionSnapshot: {
    allowed: SUBMISSION_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/submissions/${(await sharedSubmission(c)).id}/snapshot`,
    }),
  },
  downloadSubmissionDocument: {
    allowed: SUBMISSION_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/submissions/${(await sharedSubmission(c)).id}/document`,
    }),
  },
  listOfficeInbox: {
    allowed: OFFICE_REVIEWERS,
    scoped: false,
    build: async () => ({ method: 'GET', url: '/api/office/submissions?state=unread' }),
  },
  listOfficeDeadlines: {
    allowed: OFFICE_REVIEWERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/units/${await supervisingUnit(c)}/deadlines?schoolYear=2026-2027`,
    }),
  },
  setOfficeDeadline: {
    allowed: OFFICE_REVIEWERS,
    scoped: true,
    build: async (c) => ({
      method: 'PUT',
      url: `/api/units/${await supervisingUnit(c)}/deadlines`,
      payload: { schoolYear: '2026-2027', kind: 'plan', dueDate: '2026-10-30' },
    }),
  },
  listLateSchools: {
    allowed: OFFICE_REVIEWERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/units/${await supervisingUnit(c)}/late-schools?schoolYear=2026-2027&kind=plan`,
    }),
  },
  // The offices' comments (issue 14): readers of the approved plan read; office staff start;
  // office staff and the school's principal, council and monitoring team reply and resolve.
  listCommentThreads: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/comments/plan/${(await sharedApprovedPlan(c)).planId}`,
    }),
  },
  createCommentThread: {
    allowed: ['admin', 'office'],
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/comments/plan/${(await sharedApprovedPlan(c)).planId}`,
      payload: { target: 'document', body: 'Đề nghị bổ sung nguồn lực thực hiện.' },
    }),
  },
  replyCommentThread: {
    allowed: ['admin', 'office', 'principal', 'council', 'monitoring'],
    scoped: true,
    build: async (c) => ({
      method: 'POST',
      url: `/api/comment-threads/${(await officeThread(c)).id}/comments`,
      payload: { body: 'Nhà trường đã tiếp thu.' },
    }),
  },
  updateCommentThread: {
    allowed: ['admin', 'office', 'principal', 'council', 'monitoring'],
    scoped: true,
    build: async (c) => {
      const thread = await officeThread(c);
      return {
        method: 'PATCH',
        url: `/api/comment-threads/${thread.id}`,
        payload: { status: 'resolved', version: thread.version },
      };
    },
  },
  // ——— Public disclosure (issue 14, helper "public") ———
  getPlanPublication: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/plans/${(await publishedPlan(c)).planId}/publication`,
    }),
  },
  publishPlan: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async (c) => {
      // Only a caller who may publish needs a plan of its own (each plan takes a school year).
      const { planId } = mayPublish(c)
        ? await freshPlan(c, { approved: true })
        : await publishedPlan(c);
      return {
        method: 'POST',
        url: `/api/plans/${planId}/publication`,
        payload: { includeAssessment: false },
      };
    },
  },
  withdrawPlanPublication: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async (c) => {
      if (!mayPublish(c))
        return {
          method: 'DELETE',
          url: `/api/plans/${(await publishedPlan(c)).planId}/publication`,
        };
      const { planId } = await freshPlan(c, { approved: true });
      await c.post(`/api/plans/${planId}/publication`, { includeAssessment: false });
      return { method: 'DELETE', url: `/api/plans/${planId}/publication` };
    },
  },
  getPublicPlan: {
    allowed: 'everyone',
    scoped: false,
    build: async (c) => ({ method: 'GET', url: `/api/public/plans/${await publishedSlug(c)}` }),
  },
  downloadPublicPlan: {
    allowed: 'everyone',
    scoped: false,
    build: async (c) => ({
      method: 'GET',
      url: `/api/public/plans/${await publishedSlug(c)}/document?format=docx`,
    }),
  },
  verifyPublicPlan: {
    allowed: 'everyone',
    scoped: false,
    build: async (c) => ({
      method: 'POST',
      url: `/api/public/plans/${await publishedSlug(c)}/verify`,
      headers: { 'content-type': 'application/pdf' },
      payload: PDF_BYTES,
    }),
  },
  // The solution library (issue 14): everyone signed in searches within what they may see.
  searchSolutions: {
    allowed: 'signed-in',
    scoped: false,
    build: async () => ({ method: 'GET', url: '/api/solutions?q=ra%20soat' }),
  },
  useSolutionInPlan: {
    // A solution of the school (its approved plan) into the school's draft: the plan's editors.
    allowed: PLAN_EDITORS,
    scoped: true,
    build: async (c) => {
      const { rows } = await sharedApprovedPlan(c);
      return {
        method: 'POST',
        url: `/api/solutions/${rows[0]?.id ?? 'none'}/use`,
        payload: { planId: await sharedPlan(c), criterionCode: '1.1' },
      };
    },
  },
  getPlanLibraryShare: {
    allowed: SCHOOL_READERS,
    scoped: true,
    build: async (c) => ({
      method: 'GET',
      url: `/api/plans/${(await sharedApprovedPlan(c)).planId}/library-share`,
    }),
  },
  updatePlanLibraryShare: {
    allowed: SCHOOL_WRITERS,
    scoped: true,
    build: async (c) => ({
      method: 'PUT',
      url: `/api/plans/${(await sharedApprovedPlan(c)).planId}/library-share`,
      payload: { unitId: null },
    }),
  },
  // Issue 14: the roll-up of the school's commune (office staff of it or above, administrator).
  getUnitRollup: {
    allowed: ['admin', 'office'],
    scoped: true,
    build: async ({ school, get }) => {
      const unit = await get<{ parentId: string }>(`/api/units/${school.schoolId}`);
      return { method: 'GET', url: `/api/units/${unit.parentId}/rollup?schoolYear=2026-2027` };
    },
  },
  exportUnitRollup: {
    allowed: ['admin', 'office'],
    scoped: true,
    build: async ({ school, get }) => {
      const unit = await get<{ parentId: string }>(`/api/units/${school.schoolId}`);
      return {
        method: 'GET',
        url: `/api/units/${unit.parentId}/rollup/xlsx?schoolYear=2026-2027`,
      };
    },
  },
};

/** An office account over each school (issue 14), made once per app: the matrix's thread starter. */
const officeSessions = new WeakMap<object, Map<string, TestSession>>();
async function officeOf(c: BuildContext): Promise<TestSession> {
  const app = appForBuild();
  const known = officeSessions.get(app) ?? new Map<string, TestSession>();
  officeSessions.set(app, known);
  const cached = known.get(c.school.schoolId);
  if (cached) return cached;
  const school = await c.get<{ parentId: string | null }>(`/api/units/${c.school.schoolId}`);
  const username = unique('gopy.');
  await createAccount(app, c.admin, {
    username,
    displayName: 'Cán bộ góp ý',
    roles: [{ role: 'office_staff', unitId: school.parentId ?? '' }],
  });
  const session = await signIn(app, username, FIXTURE_PASSWORD);
  known.set(c.school.schoolId, session);
  return session;
}

/** A fresh thread on the school's shared approved plan, started by its office. */
async function officeThread(c: BuildContext): Promise<{ id: string; version: number }> {
  const plan = await sharedApprovedPlan(c);
  return ok<{ id: string; version: number }>(
    await call(appForBuild(), await officeOf(c), {
      method: 'POST',
      url: `/api/comments/plan/${plan.planId}`,
      payload: { target: 'document', body: unique('Góp ý ') },
    }),
  );
}

/** A plan of the caller's school published by the administrator; its public slug. */
async function publishedSlug(c: BuildContext): Promise<string> {
  return (await publishedPlan(c)).slug;
}

/**
 * One approved plan per school published by the administrator, shared by the publication routes
 * where a call need not publish (each fresh plan takes a school year of its own, and the matrix
 * would run out of the years the API accepts).
 */
const publishedPlans = new Map<string, { planId: string; slug: string }>();
async function publishedPlan(c: BuildContext): Promise<{ planId: string; slug: string }> {
  const known = publishedPlans.get(c.school.schoolId);
  if (known) return known;
  const { planId } = await freshPlan(c, { approved: true });
  const state = await c.post<{ live: { slug: string } }>(`/api/plans/${planId}/publication`, {
    includeAssessment: false,
  });
  const published = { planId, slug: state.live.slug };
  publishedPlans.set(c.school.schoolId, published);
  return published;
}

/** Whether the caller may publish in the school the call is about (admin, its own principal). */
function mayPublish(c: BuildContext): boolean {
  return c.who === 'admin' || (c.who === 'principal' && c.school === c.fx.own);
}

/** The route's path parameters read from a URL (`/api/plans/:planId` → `{ planId }`), or null. */
function paramsOf(pattern: string, url: string): Record<string, string> | null {
  const names: string[] = [];
  const source = pattern.replace(/:([A-Za-z]+)/gu, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${source}$`, 'u').exec(url.split('?')[0] ?? '');
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
}

/**
 * Checks a request against its route's zod schemas (path, query, JSON body), as the server will:
 * an allowed caller's request must reach the service, not stop at validation.
 */
function schemaProblems(name: RouteName, request: Request): string[] {
  const route = routes[name] as RouteDefinition;
  if (request.method !== route.method) return [`method ${request.method}, route ${route.method}`];
  const params = paramsOf(route.path, request.url);
  if (!params) return [`${request.url} is not ${route.path}`];
  const query = Object.fromEntries(new URL(request.url, 'http://test').searchParams);
  const parts: [string, z.ZodType | undefined, unknown][] = [
    ['params', route.params, params],
    ['querystring', route.querystring, query],
  ];
  // Raw uploads (a file as the body) are read by the service, not by a schema.
  if (!Buffer.isBuffer(request.payload)) parts.push(['body', route.body, request.payload]);
  return parts.flatMap(([part, schema, value]) => {
    if (!schema) return [];
    const result = schema.safeParse(value);
    return result.success
      ? []
      : result.error.issues.map((i) => `${part}.${i.path.join('.')}: ${i.message}`);
  });
}

let currentApp: Awaited<ReturnType<typeof createTestApp>>['app'] | undefined;
const appForBuild = () => {
  if (!currentApp) throw new Error('no app');
  return currentApp;
};

function expectedAllowed(entry: MatrixEntry, who: Who, scope: Scope): boolean {
  if (entry.allowed === 'everyone') return true;
  if (who === 'anonymous') return false;
  if (entry.allowed === 'signed-in') return true;
  if (scope === 'foreign') return who === 'admin';
  return entry.allowed.includes(who);
}

describe('the matrix covers the route table', () => {
  it('has an entry for every route and no entry for a route that does not exist', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(routes).sort());
  });
});

describe.each(testDialects())('access matrix on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  let builder: () => Promise<TestSession>;
  beforeAll(async () => {
    ctx = await createTestApp(dialect, { authSettings: { maxFailuresPerAddress: 100_000 } });
    currentApp = ctx.app;
    fx = await buildAccessFixtures(ctx.app);
    yearCounters.clear();
    usedYears.clear();
    sharedPlans.clear();
    sharedApprovedPlans.clear();
    sharedAssessments.clear();
    supervisedSchools.clear();
    sharedSubmissions.clear();
    // Requests are prepared by a second administrator, whom no matrix call signs out.
    await createAccount(ctx.app, fx.adminSession, {
      username: 'quantri.chuanbi',
      displayName: 'Quản trị chuẩn bị dữ liệu',
      roles: [{ role: 'admin', unitId: null }],
    });
    builder = () => signIn(ctx.app, 'quantri.chuanbi', FIXTURE_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await ctx.close();
  });

  const cases = (Object.keys(routes) as RouteName[]).flatMap((name) =>
    (['anonymous', ...MATRIX_ROLES] as Who[]).flatMap((who) =>
      (MATRIX[name].scoped ? (['own', 'foreign'] as Scope[]) : (['own'] as Scope[])).map(
        (scope) => ({ name, who, scope }),
      ),
    ),
  );

  it.each(cases)('$name as $who ($scope school)', async ({ name, who, scope }) => {
    const entry = MATRIX[name];
    const school = scope === 'own' ? fx.own : fx.foreign;
    const admin = await builder();
    const request = await entry.build({
      fx: { ...fx, adminSession: admin },
      who,
      secondSession: async () => (who === 'anonymous' ? null : fx.signInAs(who)),
      school,
      admin,
      post: async (url, payload) =>
        ok(
          await call(ctx.app, admin, {
            method: 'POST',
            url,
            payload: payload as Record<string, unknown>,
          }),
        ),
      get: async (url) => ok(await call(ctx.app, admin, { method: 'GET', url })),
    });
    expect(schemaProblems(name, request), `${request.method} ${request.url}`).toEqual([]);
    const session = who === 'anonymous' ? null : await fx.signInAs(who);
    const res = await call(ctx.app, session, request);
    expect(res.statusCode, res.body).toBeLessThan(500);
    const denied = [401, 403, 404].includes(res.statusCode);
    const allowed = expectedAllowed(entry, who, scope);
    const answer = `${request.method} ${request.url} → ${res.statusCode} ${res.body.slice(0, 300)}`;
    expect(denied ? 'denied' : 'allowed', answer).toBe(allowed ? 'allowed' : 'denied');
    if (allowed) {
      // Allowed means served: a success, or exactly the service's own refusal the entry names.
      if (entry.expect) {
        expect(res.statusCode, answer).toBe(entry.expect.status);
        expect(res.json().error.message, answer).toContain(entry.expect.message);
      } else {
        expect(res.statusCode, answer).toBeGreaterThanOrEqual(200);
        expect(res.statusCode, answer).toBeLessThan(300);
      }
    }
    if (denied && who !== 'anonymous' && scope === 'foreign') {
      // Another school's objects are not even acknowledged.
      expect(res.statusCode).toBe(404);
    }
    if (who === 'anonymous' && denied) expect(res.statusCode).toBe(401);
  });

  it('lists never leak another school: units, users, audit', async () => {
    for (const who of ['office', 'principal', 'council', 'monitoring', 'staff'] as const) {
      const session = await fx.signInAs(who);
      for (const url of ['/api/units?kind=school', '/api/units?q=truong']) {
        const units = ok<{ items: { id: string }[] }>(
          await call(ctx.app, session, { method: 'GET', url }),
        );
        expect(units.items.map((u) => u.id)).toContain(fx.own.schoolId);
        expect(units.items.map((u) => u.id)).not.toContain(fx.foreign.schoolId);
      }
      const roots = ok<{ items: { id: string }[] }>(
        await call(ctx.app, session, { method: 'GET', url: '/api/units' }),
      );
      expect(roots.items.map((u) => u.id)).toEqual([
        who === 'office' ? fx.communeId : fx.own.schoolId,
      ]);
    }
    const principal = await fx.signInAs('principal');
    const users = ok<{ items: { id: string }[] }>(
      await call(ctx.app, principal, { method: 'GET', url: '/api/users' }),
    );
    expect(users.items.map((u) => u.id)).toContain(fx.own.staffUserId);
    expect(users.items.map((u) => u.id)).not.toContain(fx.foreign.staffUserId);
    expect(users.items.map((u) => u.id)).not.toContain(fx.adminSession.userId);
    const audit = ok<{ items: { entityId: string | null; unitId: string | null }[] }>(
      await call(ctx.app, principal, { method: 'GET', url: '/api/audit' }),
    );
    expect(audit.items.length).toBeGreaterThan(0);
    expect(audit.items.every((e) => e.unitId === fx.own.schoolId)).toBe(true);
  });

  it('an office user can read its schools but writing into one is 403', async () => {
    const office = await fx.signInAs('office');
    const res = await call(ctx.app, office, {
      method: 'POST',
      url: `/api/schools/${fx.own.schoolId}/people`,
      payload: { fullName: 'Không được thêm' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('không có quyền');
  });
});
