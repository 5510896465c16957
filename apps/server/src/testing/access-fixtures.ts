import type { FastifyInstance } from 'fastify';
import type { SchoolLevel } from '@caitien/core';
import type { SchoolProfile } from '@caitien/shared';
import { call, ok, sessionCookieOf, signIn, type TestSession } from './api-client.ts';
import { schoolProfileBody, unitBody, userBody, type UnitBody, type UserBody } from './builders.ts';

/** The password every fixture account ends up with after its forced change. */
export const FIXTURE_PASSWORD = 'Mat-khau-thu-nghiem-2026';
export const ADMIN_PASSWORD = 'Quan-tri-he-thong-2026';

/** The roles the access matrix signs in as. */
export const MATRIX_ROLES = [
  'admin',
  'office',
  'principal',
  'council',
  'monitoring',
  'staff',
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/** One school's worth of objects the tests point at. */
export interface SchoolFixture {
  schoolId: string;
  personId: string;
  groupId: string;
  staffUserId: string;
}

export interface AccessFixtures {
  adminSession: TestSession;
  provinceId: string;
  communeId: string;
  /** The school the non-admin roles belong to. */
  own: SchoolFixture;
  /** A school under another province: invisible to everyone but the administrator. */
  foreign: SchoolFixture;
  logins: Record<MatrixRole, string>;
  signInAs(role: MatrixRole): Promise<TestSession>;
}

async function createUnit(
  app: FastifyInstance,
  admin: TestSession,
  kind: UnitBody['kind'],
  name: string,
  parentId: string | null,
) {
  return ok<{ id: string }>(
    await call(app, admin, {
      method: 'POST',
      url: '/api/units',
      payload: unitBody({ kind, name, parentId }),
    }),
  ).id;
}

/** Creates an account, then signs in with its temporary password and sets FIXTURE_PASSWORD. */
export async function createAccount(
  app: FastifyInstance,
  creator: TestSession,
  input: {
    username: string;
    displayName: string;
    roles: UserBody['roles'];
    personId?: string;
  },
): Promise<string> {
  const created = ok<{ user: { id: string }; temporaryPassword: string }>(
    await call(app, creator, {
      method: 'POST',
      url: '/api/users',
      payload: userBody(input),
    }),
  );
  const first = await signIn(app, input.username, created.temporaryPassword);
  ok(
    await call(app, first, {
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { currentPassword: created.temporaryPassword, newPassword: FIXTURE_PASSWORD },
    }),
  );
  return created.user.id;
}

async function createSchoolObjects(
  app: FastifyInstance,
  admin: TestSession,
  schoolId: string,
  suffix: string,
  schoolLevel: SchoolLevel,
): Promise<SchoolFixture> {
  const profile = ok<SchoolProfile>(
    await call(app, admin, { method: 'GET', url: `/api/schools/${schoolId}/profile` }),
  );
  ok(
    await call(app, admin, {
      method: 'PUT',
      url: `/api/schools/${schoolId}/profile`,
      payload: schoolProfileBody(profile, {
        schoolLevels: [schoolLevel],
        documentSymbol: `TH${suffix.toUpperCase()}`,
      }),
    }),
  );
  const person = ok<{ id: string }>(
    await call(app, admin, {
      method: 'POST',
      url: `/api/schools/${schoolId}/people`,
      payload: { fullName: `Nguyễn Thị Hoa ${suffix}`, position: 'Giáo viên' },
    }),
  );
  const group = ok<{ id: string }>(
    await call(app, admin, {
      method: 'POST',
      url: `/api/schools/${schoolId}/groups`,
      payload: {
        kind: 'council',
        name: 'Hội đồng tự đánh giá',
        members: [{ personId: person.id, memberRole: 'chair' }],
      },
    }),
  );
  const staffUserId = await createAccount(app, admin, {
    username: `nhanvien.${suffix}`,
    displayName: `Nhân viên ${suffix}`,
    roles: [{ role: 'staff', unitId: schoolId }],
  });
  return { schoolId, personId: person.id, groupId: group.id, staffUserId };
}

/**
 * The organisation every access test uses, built through the API as a person would:
 * Sở A → UBND xã A → Trường A (the roles' own school); Sở B → Trường B (foreign).
 */
export async function buildAccessFixtures(app: FastifyInstance): Promise<AccessFixtures> {
  const setup = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: { username: 'quantri', displayName: 'Quản trị viên', password: ADMIN_PASSWORD },
  });
  if (setup.statusCode !== 200) throw new Error(`setup failed: ${setup.body}`);
  const adminSession: TestSession = {
    cookie: sessionCookieOf(setup),
    csrfToken: (setup.json() as { csrfToken: string }).csrfToken,
    userId: (setup.json() as { user: { id: string } }).user.id,
  };
  const provinceId = await createUnit(
    app,
    adminSession,
    'province',
    'Sở Giáo dục và Đào tạo tỉnh A',
    null,
  );
  const communeId = await createUnit(app, adminSession, 'commune', 'UBND xã Định Hiệp', provinceId);
  const ownSchoolId = await createUnit(
    app,
    adminSession,
    'school',
    'Trường Tiểu học Định Hiệp',
    communeId,
  );
  const otherProvinceId = await createUnit(
    app,
    adminSession,
    'province',
    'Sở Giáo dục và Đào tạo tỉnh B',
    null,
  );
  const foreignSchoolId = await createUnit(
    app,
    adminSession,
    'school',
    'Trường THPT Bến Cát',
    otherProvinceId,
  );

  const own = await createSchoolObjects(app, adminSession, ownSchoolId, 'a', 'tieu_hoc');
  const foreign = await createSchoolObjects(app, adminSession, foreignSchoolId, 'b', 'thpt');

  const logins: Record<MatrixRole, string> = {
    admin: 'quantri',
    office: 'canbo.xa',
    principal: 'hieutruong.a',
    council: 'hoidong.a',
    monitoring: 'giamsat.a',
    staff: 'nhanvien.a',
  };
  await createAccount(app, adminSession, {
    username: logins.office,
    displayName: 'Cán bộ xã',
    roles: [{ role: 'office_staff', unitId: communeId }],
  });
  await createAccount(app, adminSession, {
    username: logins.principal,
    displayName: 'Hiệu trưởng A',
    roles: [{ role: 'principal', unitId: ownSchoolId }],
  });
  await createAccount(app, adminSession, {
    username: logins.council,
    displayName: 'Thành viên hội đồng A',
    roles: [{ role: 'council_member', unitId: ownSchoolId }],
  });
  await createAccount(app, adminSession, {
    username: logins.monitoring,
    displayName: 'Tổ giám sát A',
    roles: [{ role: 'monitoring_member', unitId: ownSchoolId }],
  });

  return {
    adminSession,
    provinceId,
    communeId,
    own,
    foreign,
    logins,
    signInAs: (role) =>
      signIn(app, logins[role], role === 'admin' ? ADMIN_PASSWORD : FIXTURE_PASSWORD),
  };
}
