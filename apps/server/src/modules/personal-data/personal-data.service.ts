import {
  canSeeUnit,
  decide,
  erasedAccountName,
  erasedPersonName,
  isAdmin,
  isErasedAccount,
  LEGAL_BASES,
  PERSONAL_DATA_REGISTER,
  type ErasureEffect,
} from '@caitien/core';
import type { AssignmentRecord, BoundRepositories, Repositories } from '@caitien/db';
import type { PersonalDataErasure, PersonalDataExport } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { FORBIDDEN_MESSAGE } from '../auth/authorize.ts';
import { auditContextOf, type ServiceContext } from '../auth/request-context.ts';

const USER_NOT_FOUND = 'Không tìm thấy tài khoản này.';
const PERSON_NOT_FOUND = 'Không tìm thấy người này trong danh sách của trường.';
const SCHOOL_NOT_FOUND = 'Không tìm thấy trường này.';

/** The erasure effects that remove or replace data (the others keep an id or a sealed document). */
const ERASING: readonly ErasureEffect[] = ['pseudonymise', 'clear', 'delete_rows'];

/** The register as the export shows it: why each kind of field is kept, on what basis. */
const REGISTER_LINES = PERSONAL_DATA_REGISTER.map((f) => ({
  table: f.table,
  column: f.column,
  category: f.category,
  purpose: f.purpose,
  legalBasis: LEGAL_BASES[f.legalBasis],
  onErasure: f.onErasure,
}));

/** Register columns of a subject kind that erasure removes or replaces (for the audit entry). */
const erasedColumns = (subject: 'account' | 'person') =>
  PERSONAL_DATA_REGISTER.filter((f) => f.subject === subject && ERASING.includes(f.onErasure)).map(
    (f) => `${f.table}.${f.column}`,
  );

type Target = { userId: string | null; personId: string | null };

/**
 * Requests of data subjects (Nghị định 13/2023/NĐ-CP; issue 15): the export of everything held
 * about a person (Điều 9, Điều 14), allowed to the person and to those who manage their account or
 * directory entry, and erasure on request (Điều 16) by an administrator or the principal. Both are
 * audited; erasure leaves approved snapshots, sent submissions and publications as they were.
 */
export function createPersonalDataService(deps: {
  repositories: Repositories;
  authService: Pick<AuthService, 'forgetSessions'>;
  clock: Clock;
  audit: AuditWriter;
}) {
  const { repositories: repos, authService, clock, audit } = deps;

  /**
   * May the actor manage this account? Invisible (no role in a unit the actor sees) → 404; visible
   * but some role outside what the actor manages → 403 (the users module's rule).
   */
  function checkAccount(ctx: ServiceContext, assignments: AssignmentRecord[]): void {
    if (isAdmin(ctx.actor)) return;
    if (assignments.length === 0 || assignments.some((a) => a.unitPath === null)) {
      throw new AppError('NOT_FOUND', USER_NOT_FOUND);
    }
    if (!assignments.some((a) => canSeeUnit(ctx.actor, a.unitPath ?? ''))) {
      throw new AppError('NOT_FOUND', USER_NOT_FOUND);
    }
    if (!assignments.every((a) => decide(ctx.actor, 'user.manage', a.unitPath ?? '').allowed)) {
      throw new AppError('FORBIDDEN', FORBIDDEN_MESSAGE, { action: 'user.manage' });
    }
  }

  async function loadAccount(ctx: ServiceContext, userId: string, self: 'allowed' | 'refused') {
    const user = await repos.users.findById(userId);
    if (!user) throw new AppError('NOT_FOUND', USER_NOT_FOUND);
    const assignments = (await repos.users.listAssignments([user.id])).get(user.id) ?? [];
    if (user.id === ctx.actor.userId) {
      if (self === 'allowed') return { user, assignments };
      throw new AppError(
        'CONFLICT',
        'Không thể tự xoá dữ liệu cá nhân của chính mình: hãy gửi yêu cầu cho hiệu trưởng hoặc quản trị viên.',
      );
    }
    checkAccount(ctx, assignments);
    return { user, assignments };
  }

  async function loadPerson(
    ctx: ServiceContext,
    schoolId: string,
    personId: string,
    self: 'allowed' | 'refused',
  ) {
    const school = await repos.units.findById(schoolId);
    if (!school || school.kind !== 'school' || !canSeeUnit(ctx.actor, school.path)) {
      throw new AppError('NOT_FOUND', SCHOOL_NOT_FOUND);
    }
    const person = await repos.people.findPerson(school.id, personId);
    if (!person) throw new AppError('NOT_FOUND', PERSON_NOT_FOUND);
    const linkedUserId = (await repos.personalData.accountOfPerson(person.id)) ?? null;
    const isSelf = linkedUserId !== null && linkedUserId === ctx.actor.userId;
    if (!(isSelf && self === 'allowed')) {
      const decision = decide(ctx.actor, 'people.write', school.path);
      if (!decision.allowed) {
        throw new AppError('FORBIDDEN', FORBIDDEN_MESSAGE, { action: 'people.write' });
      }
    }
    return { school, person, linkedUserId, isSelf };
  }

  async function buildExport(target: Target): Promise<PersonalDataExport> {
    const pd = repos.personalData;
    const account = target.userId ? ((await pd.accountData(target.userId)) ?? null) : null;
    const personId = target.personId ?? account?.account.personId ?? null;
    const person = personId ? ((await pd.personData(personId)) ?? null) : null;
    const about = [
      ...(target.userId ? await pd.auditAbout('user', target.userId) : []),
      ...(personId ? await pd.auditAbout('person', personId) : []),
    ].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));
    const references = [
      ...(target.userId ? await pd.references('account', target.userId) : []),
      ...(personId ? await pd.references('person', personId) : []),
    ];
    const erased = account
      ? isErasedAccount(account.account)
      : person !== null && !person.isActive && person.fullName === erasedPersonName(person.id);
    return {
      formatVersion: 1,
      exportedAt: clock.now().toISOString(),
      subject: { userId: target.userId, personId, erased },
      account,
      person,
      auditAboutSubject: about,
      references,
      register: REGISTER_LINES,
    };
  }

  async function recordExport(
    ctx: ServiceContext,
    entity: { type: 'user' | 'person'; id: string },
    unit: { id: string; path: string } | null,
    name: string,
  ): Promise<void> {
    await repos.transaction(async (tx) => {
      await audit(tx, auditContextOf(ctx), {
        action: 'personal_data.export',
        entityType: entity.type,
        entityId: entity.id,
        unit,
        summary: `Xuất dữ liệu cá nhân của “${name}”`,
      });
    });
  }

  /**
   * Refuses an erasure that would leave the system without an active administrator or a school
   * without an active principal (who manages its accounts). Read inside the erasing transaction.
   */
  async function checkLastHolder(tx: BoundRepositories, userId: string): Promise<void> {
    const user = await tx.users.findById(userId);
    if (!user || user.isDisabled) return;
    const assignments = (await tx.users.listAssignments([userId])).get(userId) ?? [];
    for (const a of assignments) {
      if (a.role === 'admin') {
        if ((await tx.personalData.countOtherActiveHolders('admin', null, userId)) === 0) {
          throw new AppError(
            'CONFLICT',
            'Không thể xoá dữ liệu của quản trị viên cuối cùng còn hoạt động của hệ thống: hãy tạo hoặc giao quyền quản trị cho người khác trước.',
          );
        }
      }
      if (a.role === 'principal' && a.unitId) {
        if ((await tx.personalData.countOtherActiveHolders('principal', a.unitId, userId)) === 0) {
          throw new AppError(
            'CONFLICT',
            `Không thể xoá dữ liệu của hiệu trưởng cuối cùng còn hoạt động của “${a.unitName ?? 'trường'}”: hãy giao vai trò hiệu trưởng cho người khác trước.`,
          );
        }
      }
    }
  }

  async function erase(
    ctx: ServiceContext,
    target: Target,
    unit: { id: string; path: string } | null,
    reason: string,
  ): Promise<PersonalDataErasure> {
    const now = clock.now().toISOString();
    const displayName = target.userId
      ? erasedAccountName(target.userId)
      : erasedPersonName(target.personId ?? '');
    await repos.transaction(async (tx) => {
      await tx.personalData.lockForErasure();
      if (target.userId) {
        await checkLastHolder(tx, target.userId);
        await tx.personalData.eraseAccount(target.userId, now);
      }
      if (target.personId) await tx.personalData.erasePerson(target.personId, now);
      // The entry says what was erased and why, never the erased values (Điều 16).
      await audit(tx, auditContextOf(ctx), {
        action: 'personal_data.erase',
        entityType: target.userId ? 'user' : 'person',
        entityId: target.userId ?? target.personId,
        unit,
        summary: `Xoá dữ liệu cá nhân theo yêu cầu: ${displayName}`,
        after: {
          userId: target.userId,
          personId: target.personId,
          reason,
          erasedColumns: [
            ...(target.userId ? erasedColumns('account') : []),
            ...(target.personId ? erasedColumns('person') : []),
          ],
        },
      });
    });
    // The account's sessions are gone: forget cached ones and move the auth epoch (other processes).
    if (target.userId) await authService.forgetSessions([target.userId]);
    return { userId: target.userId, personId: target.personId, displayName, erasedAt: now };
  }

  const unitOf = (assignments: AssignmentRecord[]) => {
    const a = assignments.find((x) => x.unitId && x.unitPath);
    return a?.unitId && a.unitPath ? { id: a.unitId, path: a.unitPath } : null;
  };

  return {
    /** Everything held about an account (and its directory entry); audited. */
    async exportAccount(ctx: ServiceContext, userId: string): Promise<PersonalDataExport> {
      const { user, assignments } = await loadAccount(ctx, userId, 'allowed');
      const data = await buildExport({ userId: user.id, personId: null });
      await recordExport(ctx, { type: 'user', id: user.id }, unitOf(assignments), user.displayName);
      return data;
    },

    /** Erases an account and its linked directory entry. */
    async eraseAccount(
      ctx: ServiceContext,
      userId: string,
      reason: string,
    ): Promise<PersonalDataErasure> {
      const { user, assignments } = await loadAccount(ctx, userId, 'refused');
      if (isErasedAccount(user)) {
        throw new AppError('CONFLICT', 'Dữ liệu cá nhân của tài khoản này đã được xoá.');
      }
      return erase(ctx, { userId: user.id, personId: user.personId }, unitOf(assignments), reason);
    },

    /** Everything held about a directory entry (and the account linked to it); audited. */
    async exportPerson(
      ctx: ServiceContext,
      schoolId: string,
      personId: string,
    ): Promise<PersonalDataExport> {
      const { school, person, linkedUserId, isSelf } = await loadPerson(
        ctx,
        schoolId,
        personId,
        'allowed',
      );
      let userId = linkedUserId;
      if (userId && !isSelf) {
        // The account goes into the export only for those who may manage it.
        const assignments = (await repos.users.listAssignments([userId])).get(userId) ?? [];
        try {
          checkAccount(ctx, assignments);
        } catch {
          userId = null;
        }
      }
      const data = await buildExport({ userId, personId: person.id });
      await recordExport(
        ctx,
        { type: 'person', id: person.id },
        { id: school.id, path: school.path },
        person.fullName,
      );
      return data;
    },

    /** Erases a directory entry, and the account linked to it (the same person). */
    async erasePerson(
      ctx: ServiceContext,
      schoolId: string,
      personId: string,
      reason: string,
    ): Promise<PersonalDataErasure> {
      const { school, person, linkedUserId } = await loadPerson(ctx, schoolId, personId, 'refused');
      if (linkedUserId) await loadAccount(ctx, linkedUserId, 'refused');
      if (!person.isActive && person.fullName === erasedPersonName(person.id)) {
        throw new AppError('CONFLICT', 'Dữ liệu cá nhân của người này đã được xoá.');
      }
      return erase(
        ctx,
        { userId: linkedUserId, personId: person.id },
        { id: school.id, path: school.path },
        reason,
      );
    },
  };
}

export type PersonalDataService = ReturnType<typeof createPersonalDataService>;
