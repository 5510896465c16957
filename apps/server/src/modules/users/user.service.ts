import {
  comparePeopleNames,
  decide,
  decideRoleGrant,
  isAdmin,
  isErasedAccount,
  ROLE_LABELS,
  SCHOOL_ROLES,
  type Action,
  type Role,
} from '@caitien/core';
import {
  UniqueViolation,
  type AssignmentRecord,
  type Repositories,
  type UserRecord,
} from '@caitien/db';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { FORBIDDEN_MESSAGE, StaleWrite, withStaleCheck } from '../auth/authorize.ts';
import { listScope } from '../auth/list-scope.ts';
import { insertAccount } from './insert-account.ts';
import { auditContextOf, type ServiceContext } from '../auth/request-context.ts';
import { accountThrottleKey, generateTemporaryPassword } from '../auth/auth.service.ts';

const USER_NOT_FOUND = 'Không tìm thấy tài khoản này.';

type RoleGrant = { role: Role; unitId: string | null };

/** Accounts and their roles. */
export function createUserService(deps: {
  repositories: Repositories;
  authService: AuthService;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditWriter;
}) {
  const { repositories: repos, authService, clock, ids, audit } = deps;

  /** The 409 for a username or e-mail another account holds. */
  function duplicateAccount(
    column: 'username' | 'email',
    input: { username?: string; email?: string | null | undefined },
  ): AppError {
    if (column === 'username') {
      return new AppError('CONFLICT', `Tên đăng nhập “${input.username}” đã có người dùng.`, {
        fields: [{ field: 'username', message: 'Đã tồn tại' }],
      });
    }
    return new AppError(
      'CONFLICT',
      `Địa chỉ e-mail “${input.email}” đã được dùng cho tài khoản khác.`,
      { fields: [{ field: 'email', message: 'Đã tồn tại' }] },
    );
  }

  /**
   * Runs a write whose insert or update may lose a race for a username or e-mail: the repository's
   * UniqueViolation (the transaction is rolled back) becomes the same 409 as the check before it.
   */
  async function withDuplicateCheck<T>(
    input: { username: string; email: string | null },
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (
        error instanceof UniqueViolation &&
        (error.column === 'username' || error.column === 'email')
      ) {
        throw duplicateAccount(error.column, input);
      }
      throw error;
    }
  }

  function toApi(user: UserRecord, assignments: AssignmentRecord[], lockedOut = false) {
    return {
      id: user.id,
      username: user.username,
      email: user.email,
      displayName: user.displayName,
      personId: user.personId,
      isDisabled: user.isDisabled,
      mustChangePassword: user.mustChangePassword,
      isLockedOut: lockedOut,
      roles: assignments.map((a) => ({
        role: a.role,
        unitId: a.unitId,
        unitName: a.unitName,
        unitKind: a.unitKind,
      })),
      lastLoginAt: user.lastLoginAt,
      createdAt: user.createdAt,
      version: user.version,
    };
  }

  /**
   * An account is visible to a non-administrator who may `action` at one of its units, and
   * manageable only when every one of its roles sits in units where they may: a principal never
   * manages an administrator or an office account.
   */
  function checkTarget(
    ctx: ServiceContext,
    assignments: AssignmentRecord[],
    action: Action,
    all: boolean,
  ) {
    if (isAdmin(ctx.actor)) return;
    const notFound = () => new AppError('NOT_FOUND', USER_NOT_FOUND);
    if (assignments.length === 0 || assignments.some((a) => a.unitPath === null)) throw notFound();
    const decisions = assignments.map((a) => decide(ctx.actor, action, a.unitPath ?? ''));
    const visible = assignments.some(
      (a) => decide(ctx.actor, 'user.read', a.unitPath ?? '').allowed,
    );
    if (!visible) throw notFound();
    const ok = all ? decisions.every((d) => d.allowed) : decisions.some((d) => d.allowed);
    if (!ok) throw new AppError('FORBIDDEN', FORBIDDEN_MESSAGE, { action });
  }

  async function loadTarget(ctx: ServiceContext, userId: string, action: Action, all: boolean) {
    const user = await repos.users.findById(userId);
    if (!user) throw new AppError('NOT_FOUND', USER_NOT_FOUND);
    const assignments = (await repos.users.listAssignments([user.id])).get(user.id) ?? [];
    checkTarget(ctx, assignments, action, all);
    return { user, assignments };
  }

  /**
   * An account erased on request (NĐ 13/2023) stays erased: editing it (re-enabling it, giving
   * it roles) or issuing it a password would bring back an account its owner asked to remove.
   */
  function refuseErased(user: UserRecord): void {
    if (isErasedAccount(user)) {
      throw new AppError(
        'CONFLICT',
        'Tài khoản này đã được xoá dữ liệu cá nhân theo yêu cầu nên không sửa hay đặt lại mật khẩu được. Nếu người này cần dùng lại hệ thống, hãy tạo một tài khoản mới.',
      );
    }
  }

  /** Resolves and checks every grant; answers 404/403/400 like the rest of the API. */
  async function checkGrants(ctx: ServiceContext, grants: RoleGrant[]): Promise<void> {
    for (const grant of grants) {
      if (grant.role === 'admin') {
        if (grant.unitId !== null) {
          throw new AppError(
            'VALIDATION_ERROR',
            'Vai trò quản trị hệ thống không gắn với đơn vị nào.',
          );
        }
        if (!isAdmin(ctx.actor)) throw new AppError('FORBIDDEN', FORBIDDEN_MESSAGE);
        continue;
      }
      if (grant.unitId === null) {
        throw new AppError(
          'VALIDATION_ERROR',
          `Vai trò “${ROLE_LABELS[grant.role]}” cần chọn đơn vị.`,
        );
      }
      const unit = await repos.units.findById(grant.unitId);
      if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị của vai trò.');
      const isSchool = unit.kind === 'school';
      // School roles are held at a school, the others (office staff) at an office unit.
      if (SCHOOL_ROLES.includes(grant.role) !== isSchool) {
        throw new AppError(
          'VALIDATION_ERROR',
          isSchool
            ? 'Vai trò cán bộ phòng/sở/xã phải gắn với một cơ quan quản lý, không phải trường.'
            : `Vai trò “${ROLE_LABELS[grant.role]}” phải gắn với một trường.`,
        );
      }
      const decision = decideRoleGrant(ctx.actor, {
        role: grant.role,
        unitPath: unit.path,
        unitIsSchool: isSchool,
      });
      if (!decision.allowed) {
        throw decision.reason === 'not_found'
          ? new AppError('NOT_FOUND', 'Không tìm thấy đơn vị của vai trò.')
          : new AppError('FORBIDDEN', FORBIDDEN_MESSAGE);
      }
    }
  }

  async function checkPerson(
    ctx: ServiceContext,
    personId: string | null,
    grants: RoleGrant[],
  ): Promise<void> {
    if (personId === null) return;
    const schoolIds = grants.flatMap((g) => (g.unitId ? [g.unitId] : []));
    for (const schoolId of schoolIds) {
      if (await repos.people.findPerson(schoolId, personId)) return;
    }
    if (isAdmin(ctx.actor)) {
      // An administrator may link anyone who exists.
      const units = await repos.units.listUnder(null);
      for (const unit of units) if (await repos.people.findPerson(unit.id, personId)) return;
    }
    throw new AppError(
      'VALIDATION_ERROR',
      'Người được liên kết không thuộc trường của tài khoản.',
      {
        fields: [{ field: 'personId', message: 'Không tìm thấy trong danh sách nhân sự' }],
      },
    );
  }

  async function isLockedOut(user: UserRecord): Promise<boolean> {
    const throttle = await repos.auth.findThrottle(accountThrottleKey(user.id));
    return !!throttle?.lockedUntil && Date.parse(throttle.lockedUntil) > clock.now().getTime();
  }

  async function getUser(userId: string) {
    const user = await repos.users.findById(userId);
    if (!user) throw new AppError('NOT_FOUND', USER_NOT_FOUND);
    const assignments = (await repos.users.listAssignments([user.id])).get(user.id) ?? [];
    return toApi(user, assignments, await isLockedOut(user));
  }

  async function countAdmins(): Promise<number> {
    const all = await repos.users.listUnder(null);
    const assignments = await repos.users.listAssignments(all.map((u) => u.id));
    return all.filter(
      (u) => !u.isDisabled && (assignments.get(u.id) ?? []).some((a) => a.role === 'admin'),
    ).length;
  }

  return {
    async listUsers(ctx: ServiceContext, filter: { unitId?: string | undefined }) {
      const prefixes = await listScope(ctx, repos, 'user.read', filter.unitId);
      const users = await repos.users.listUnder(prefixes);
      const assignments = await repos.users.listAssignments(users.map((u) => u.id));
      // The scope is applied in SQL (`listUnder`: accounts with a role under one of the prefixes,
      // none system-wide), so every account listed is one `checkTarget` would let the caller read.
      const visible = [...users];
      // Vietnamese list order: by given name, then the rest (CONTRACTS.md "Text and data rules").
      visible.sort(
        (a, b) =>
          comparePeopleNames(a.displayName, b.displayName) || a.username.localeCompare(b.username),
      );
      return Promise.all(
        visible.map(async (u) => toApi(u, assignments.get(u.id) ?? [], await isLockedOut(u))),
      );
    },

    async getUser(ctx: ServiceContext, userId: string) {
      await loadTarget(ctx, userId, 'user.read', false);
      return getUser(userId);
    },

    async createUser(
      ctx: ServiceContext,
      input: {
        username: string;
        displayName: string;
        email: string | null;
        personId: string | null;
        roles: RoleGrant[];
      },
    ) {
      await checkGrants(ctx, input.roles);
      await checkPerson(ctx, input.personId, input.roles);
      const clash = await repos.users.findByUsernameOrEmail(input.username, input.email);
      if (clash.some((c) => c.username === input.username.toLowerCase())) {
        throw duplicateAccount('username', input);
      }
      if (input.email && clash.some((c) => c.email === input.email?.toLowerCase())) {
        throw duplicateAccount('email', input);
      }
      const temporaryPassword = generateTemporaryPassword();
      const passwordHash = await authService.hashPassword(temporaryPassword);
      const id = ids.next();
      // The check above answers the common case; a creation racing this one is caught by the
      // database's unique indexes and answered the same way (never a 500).
      await withDuplicateCheck(input, () =>
        repos.transaction(async (tx) => {
          const now = clock.now().toISOString();
          await insertAccount(
            tx,
            ids,
            {
              id,
              username: input.username,
              email: input.email,
              displayName: input.displayName,
              personId: input.personId,
              passwordHash,
              mustChangePassword: true,
              roles: input.roles,
            },
            now,
          );
          const firstUnit = input.roles.find((r) => r.unitId)?.unitId;
          const unit = firstUnit ? await tx.units.findById(firstUnit) : undefined;
          await audit(tx, auditContextOf(ctx), {
            action: 'user.create',
            entityType: 'user',
            entityId: id,
            unit: unit ? { id: unit.id, path: unit.path } : null,
            summary: `Tạo tài khoản “${input.username.toLowerCase()}”`,
            after: { ...input, username: input.username.toLowerCase() },
          });
        }),
      );
      return { user: await getUser(id), temporaryPassword };
    },

    async updateUser(
      ctx: ServiceContext,
      userId: string,
      input: {
        displayName?: string | undefined;
        email?: string | null | undefined;
        personId?: string | null | undefined;
        isDisabled?: boolean | undefined;
        roles?: RoleGrant[] | undefined;
        version: number;
      },
    ) {
      const { user, assignments } = await loadTarget(ctx, userId, 'user.manage', true);
      refuseErased(user);
      if (input.roles) await checkGrants(ctx, input.roles);
      if (input.personId !== undefined) {
        await checkPerson(
          ctx,
          input.personId,
          input.roles ?? assignments.map((a) => ({ role: a.role, unitId: a.unitId })),
        );
      }
      if (input.email) {
        const holder = await repos.users.findIdByEmail(input.email);
        if (holder !== undefined && holder !== user.id) throw duplicateAccount('email', input);
      }
      const losesAdmin =
        assignments.some((a) => a.role === 'admin') &&
        ((input.roles && !input.roles.some((r) => r.role === 'admin')) ||
          input.isDisabled === true);
      if (losesAdmin && (await countAdmins()) <= 1) {
        throw new AppError(
          'CONFLICT',
          'Không thể bỏ quyền hoặc khóa quản trị viên cuối cùng của hệ thống.',
        );
      }
      await withStaleCheck(
        () =>
          withDuplicateCheck({ username: user.username, email: input.email ?? null }, () =>
            repos.transaction(async (tx) => {
              const now = clock.now().toISOString();
              const ok = await tx.users.update(
                user.id,
                input.version,
                {
                  ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
                  ...(input.email !== undefined ? { email: input.email } : {}),
                  ...(input.personId !== undefined ? { personId: input.personId } : {}),
                  ...(input.isDisabled !== undefined ? { isDisabled: input.isDisabled } : {}),
                },
                now,
              );
              if (!ok) throw new StaleWrite();
              if (input.roles) {
                await tx.users.replaceAssignments(
                  user.id,
                  input.roles.map((r) => ({ ...r, id: ids.next() })),
                  now,
                );
              }
              if (input.isDisabled) await tx.auth.revokeAllSessions(user.id, now);
              const unit = assignments.find((a) => a.unitId && a.unitPath);
              await audit(tx, auditContextOf(ctx), {
                action: 'user.update',
                entityType: 'user',
                entityId: user.id,
                unit:
                  unit?.unitId && unit.unitPath ? { id: unit.unitId, path: unit.unitPath } : null,
                summary: `Sửa tài khoản “${user.username}”`,
                before: toApi(user, assignments),
                after: input,
              });
            }),
          ),
        () => getUser(user.id),
      );
      // Roles, state and name are part of every cached session of this user (session-cache.ts).
      await authService.forgetSessions([user.id]);
      return getUser(user.id);
    },

    /** A temporary password (forced change) or a one-time link, shown once to hand over. */
    async resetPassword(
      ctx: ServiceContext,
      userId: string,
      method: 'temporary_password' | 'link',
    ) {
      const { user, assignments } = await loadTarget(ctx, userId, 'user.resetPassword', true);
      refuseErased(user);
      const issued = await repos.transaction(async (tx) => {
        const result = await authService.issueReset(tx, user, method, ctx.actor.userId);
        const unit = assignments.find((a) => a.unitId && a.unitPath);
        await audit(tx, auditContextOf(ctx), {
          action: 'user.password.reset',
          entityType: 'user',
          entityId: user.id,
          unit: unit?.unitId && unit.unitPath ? { id: unit.unitId, path: unit.unitPath } : null,
          summary: `Đặt lại mật khẩu cho “${user.username}” (${method === 'link' ? 'liên kết một lần' : 'mật khẩu tạm thời'})`,
        });
        return result;
      });
      await authService.forgetSessions([user.id]);
      await repos.auth.clearThrottle(accountThrottleKey(user.id));
      return {
        method,
        temporaryPassword: issued.temporaryPassword,
        resetPath: issued.token ? `/dat-lai-mat-khau?token=${issued.token}` : null,
        expiresAt: issued.expiresAt,
      };
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
