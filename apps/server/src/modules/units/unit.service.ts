import {
  ALLOWED_PARENT_KINDS,
  UNIT_KIND_LABELS,
  isAdmin,
  schoolYearOf,
  selectFrameworkCode,
  type SchoolLevel,
  type UnitKind,
} from '@caitien/core';
import type { Repositories, SchoolProfileRecord, UnitRecord } from '@caitien/db';
import type { SchoolProfile, Unit } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { authorize, StaleWrite, withStaleCheck } from '../auth/authorize.ts';
import { auditContextOf, type ServiceContext } from '../auth/request-context.ts';

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị này.';
const SCHOOL_NOT_FOUND = 'Không tìm thấy trường này.';

/** Ids along a materialised path, root first. */
function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Units and school profiles. */
export function createUnitService(deps: {
  repositories: Repositories;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditWriter;
  /** Cached sessions carry their units' names and paths: a renamed or moved unit forgets them. */
  sessions: Pick<AuthService, 'forgetSessions'>;
}) {
  const { repositories: repos, clock, ids, audit, sessions } = deps;

  async function toApiUnits(units: (UnitRecord & { childCount?: number })[]): Promise<Unit[]> {
    const ancestorIds = [...new Set(units.flatMap((u) => pathIds(u.path).slice(0, -1)))];
    const ancestors = new Map((await repos.units.findByIds(ancestorIds)).map((a) => [a.id, a]));
    return units.map((u) => ({
      id: u.id,
      kind: u.kind,
      name: u.name,
      parentId: u.parentId,
      ancestors: pathIds(u.path)
        .slice(0, -1)
        .flatMap((id) => {
          const a = ancestors.get(id);
          return a ? [{ id: a.id, name: a.name, kind: a.kind }] : [];
        }),
      childCount: u.childCount ?? 0,
      version: u.version,
      createdAt: u.createdAt,
      updatedAt: u.updatedAt,
    }));
  }

  async function loadUnit(ctx: ServiceContext, unitId: string): Promise<UnitRecord> {
    const unit = await repos.units.findById(unitId);
    if (!unit) throw new AppError('NOT_FOUND', UNIT_NOT_FOUND);
    authorize(ctx.actor, 'unit.read', unit.path, UNIT_NOT_FOUND);
    return unit;
  }

  async function loadSchool(ctx: ServiceContext, schoolId: string): Promise<UnitRecord> {
    const unit = await repos.units.findById(schoolId);
    if (!unit || unit.kind !== 'school') throw new AppError('NOT_FOUND', SCHOOL_NOT_FOUND);
    authorize(ctx.actor, 'school.read', unit.path, SCHOOL_NOT_FOUND);
    return unit;
  }

  function checkParentKind(kind: UnitKind, parent: UnitRecord | null): void {
    const allowed = ALLOWED_PARENT_KINDS[kind];
    if (!allowed.includes(parent ? parent.kind : null)) {
      const where = parent ? `trong “${UNIT_KIND_LABELS[parent.kind]}”` : 'ở cấp cao nhất';
      throw new AppError(
        'VALIDATION_ERROR',
        `Không thể đặt “${UNIT_KIND_LABELS[kind]}” ${where}.`,
        {
          fields: [{ field: 'parentId', message: 'Đơn vị cấp trên không phù hợp' }],
        },
      );
    }
  }

  async function toApiProfile(
    unit: UnitRecord,
    profile: SchoolProfileRecord,
  ): Promise<SchoolProfile> {
    const supervisors = await repos.units.findByIds(profile.supervisingUnitIds);
    return {
      schoolId: unit.id,
      officialName: unit.name,
      schoolLevels: profile.schoolLevels,
      governingBody: profile.governingBody,
      placeName: profile.placeName,
      documentSymbol: profile.documentSymbol,
      address: profile.address,
      phone: profile.phone,
      email: profile.email,
      sites: profile.sites,
      supervisingUnitIds: profile.supervisingUnitIds,
      supervisingUnits: profile.supervisingUnitIds.flatMap((id) => {
        const s = supervisors.find((x) => x.id === id);
        return s ? [{ id: s.id, name: s.name, kind: s.kind }] : [];
      }),
      // The right framework follows from the level and the school year (CONTRACTS.md).
      frameworks: profile.schoolLevels.map((schoolLevel) => {
        const schoolYear = schoolYearOf(clock.now());
        return {
          schoolLevel,
          schoolYear,
          frameworkCode: selectFrameworkCode({ schoolLevel, schoolYear }),
        };
      }),
      version: profile.version,
      updatedAt: profile.updatedAt,
    };
  }

  return {
    loadSchool,

    /**
     * One page of the units the caller can see (never the whole tree): their roots, the children
     * of a unit, or a search by name and/or kind under a unit or under their roots.
     */
    async listUnits(
      ctx: ServiceContext,
      query: {
        parentId?: string | undefined;
        q?: string | undefined;
        kind?: UnitKind[] | undefined;
        limit: number;
        offset: number;
      },
    ): Promise<{ items: Unit[]; total: number; nextOffset: number | null }> {
      const admin = isAdmin(ctx.actor);
      // The caller's roots: their assigned units, less those inside another of them.
      const paths = [
        ...new Set(ctx.actor.assignments.flatMap((a) => (a.unitPath ? [a.unitPath] : []))),
      ];
      const roots = paths
        .filter((p) => !paths.some((other) => other !== p && p.startsWith(other)))
        .flatMap((p) => pathIds(p).slice(-1));
      const parent = query.parentId ? await loadUnit(ctx, query.parentId) : undefined;
      const q = query.q?.trim() ? query.q : undefined;
      const search = q !== undefined || query.kind !== undefined;
      const page = { limit: query.limit, offset: query.offset };
      const { items, total } = await repos.units.listPage(
        search
          ? {
              ...page,
              query: q,
              kinds: query.kind,
              within: parent ? [parent.id] : admin ? undefined : roots,
            }
          : parent
            ? { ...page, parentId: parent.id }
            : admin
              ? { ...page, topOnly: true }
              : { ...page, ids: roots },
      );
      const next = query.offset + items.length;
      return {
        items: await toApiUnits(items),
        total,
        nextOffset: items.length > 0 && next < total ? next : null,
      };
    },

    async getUnit(ctx: ServiceContext, unitId: string): Promise<Unit> {
      const unit = await loadUnit(ctx, unitId);
      const [api] = await toApiUnits([
        { ...unit, childCount: await repos.units.countChildren(unit.id) },
      ]);
      if (!api) throw new AppError('NOT_FOUND', UNIT_NOT_FOUND);
      return api;
    },

    async createUnit(
      ctx: ServiceContext,
      input: { kind: UnitKind; name: string; parentId: string | null },
    ): Promise<Unit> {
      let parent: UnitRecord | null = null;
      if (input.parentId) {
        parent = (await repos.units.findById(input.parentId)) ?? null;
        if (!parent) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị cấp trên.');
        authorize(ctx.actor, 'unit.manage', parent.path, 'Không tìm thấy đơn vị cấp trên.');
      } else if (!isAdmin(ctx.actor)) {
        throw new AppError('FORBIDDEN', 'Chỉ quản trị viên được tạo đơn vị cấp cao nhất.');
      }
      checkParentKind(input.kind, parent);
      const id = ids.next();
      const now = clock.now().toISOString();
      const unit = await repos.transaction(async (tx) => {
        const created = await tx.units.insert({
          id,
          kind: input.kind,
          name: input.name,
          parentId: parent?.id ?? null,
          path: `${parent?.path ?? '/'}${id}/`,
          now,
        });
        if (input.kind === 'school') {
          await tx.units.insertProfile({
            schoolId: id,
            schoolLevels: [],
            // Default header line: the governing unit's name in capitals, as printed ("UBND XÃ …").
            governingBody: parent ? parent.name.toLocaleUpperCase('vi') : '',
            placeName: '',
            documentSymbol: '',
            address: '',
            phone: '',
            email: '',
            sites: [],
            supervisingUnitIds: [],
            updatedAt: now,
          });
        }
        await audit(tx, auditContextOf(ctx), {
          action: 'unit.create',
          entityType: 'unit',
          entityId: id,
          unit: { id, path: created.path },
          summary: `Tạo đơn vị “${input.name}” (${UNIT_KIND_LABELS[input.kind]})`,
          after: { kind: input.kind, name: input.name, parentId: parent?.id ?? null },
        });
        return created;
      });
      const [api] = await toApiUnits([unit]);
      if (!api) throw new Error('unit just created is missing');
      return api;
    },

    async updateUnit(
      ctx: ServiceContext,
      unitId: string,
      input: { name?: string | undefined; parentId?: string | null | undefined; version: number },
    ): Promise<Unit> {
      const unit = await loadUnit(ctx, unitId);
      authorize(ctx.actor, 'unit.manage', unit.path, UNIT_NOT_FOUND);
      let path: string | undefined;
      if (input.parentId !== undefined && input.parentId !== unit.parentId) {
        const parent = input.parentId ? await repos.units.findById(input.parentId) : null;
        if (input.parentId && !parent)
          throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị cấp trên.');
        if (parent)
          authorize(ctx.actor, 'unit.manage', parent.path, 'Không tìm thấy đơn vị cấp trên.');
        if (parent && parent.path.startsWith(unit.path)) {
          throw new AppError(
            'VALIDATION_ERROR',
            'Không thể chuyển một đơn vị vào bên trong chính nó.',
          );
        }
        checkParentKind(unit.kind, parent ?? null);
        path = `${parent?.path ?? '/'}${unit.id}/`;
      }
      const now = clock.now().toISOString();
      await withStaleCheck(
        () =>
          repos.transaction(async (tx) => {
            const ok = await tx.units.update(
              unit.id,
              input.version,
              {
                ...(input.name !== undefined ? { name: input.name } : {}),
                ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
                ...(path !== undefined ? { path } : {}),
              },
              now,
            );
            if (!ok) throw new StaleWrite();
            await audit(tx, auditContextOf(ctx), {
              action: 'unit.update',
              entityType: 'unit',
              entityId: unit.id,
              unit: { id: unit.id, path: path ?? unit.path },
              summary: `Sửa đơn vị “${unit.name}”`,
              before: { name: unit.name, parentId: unit.parentId },
              after: { name: input.name ?? unit.name, parentId: input.parentId ?? unit.parentId },
            });
          }),
        async () => {
          const current = await repos.units.findById(unit.id);
          return current ? (await toApiUnits([current]))[0] : null;
        },
      );
      await sessions.forgetSessions();
      const updated = await repos.units.findById(unit.id);
      if (!updated) throw new AppError('NOT_FOUND', UNIT_NOT_FOUND);
      const [api] = await toApiUnits([
        { ...updated, childCount: await repos.units.countChildren(unit.id) },
      ]);
      if (!api) throw new AppError('NOT_FOUND', UNIT_NOT_FOUND);
      return api;
    },

    async deleteUnit(ctx: ServiceContext, unitId: string): Promise<void> {
      const unit = await loadUnit(ctx, unitId);
      authorize(ctx.actor, 'unit.manage', unit.path, UNIT_NOT_FOUND);
      if ((await repos.units.countChildren(unit.id)) > 0) {
        throw new AppError(
          'CONFLICT',
          'Đơn vị còn đơn vị trực thuộc; hãy chuyển hoặc xóa chúng trước.',
        );
      }
      if ((await repos.units.countDependents(unit.id)) > 0) {
        throw new AppError(
          'CONFLICT',
          'Đơn vị còn nhân sự hoặc tài khoản gắn với nó; không thể xóa.',
        );
      }
      await repos.transaction(async (tx) => {
        await tx.units.delete(unit.id);
        await audit(tx, auditContextOf(ctx), {
          action: 'unit.delete',
          entityType: 'unit',
          entityId: unit.id,
          unit: { id: unit.id, path: unit.path },
          summary: `Xóa đơn vị “${unit.name}”`,
          before: { kind: unit.kind, name: unit.name, parentId: unit.parentId },
        });
      });
    },

    async getSchoolProfile(ctx: ServiceContext, schoolId: string): Promise<SchoolProfile> {
      const school = await loadSchool(ctx, schoolId);
      const profile = await repos.units.findProfile(school.id);
      if (!profile) throw new AppError('NOT_FOUND', SCHOOL_NOT_FOUND);
      return toApiProfile(school, profile);
    },

    async updateSchoolProfile(
      ctx: ServiceContext,
      schoolId: string,
      input: {
        officialName: string;
        schoolLevels: SchoolLevel[];
        governingBody: string;
        placeName: string;
        documentSymbol: string;
        address: string;
        phone: string;
        email: string;
        sites: { name: string; address: string }[];
        supervisingUnitIds: string[];
        version: number;
      },
    ): Promise<SchoolProfile> {
      const school = await loadSchool(ctx, schoolId);
      authorize(ctx.actor, 'school.update', school.path, SCHOOL_NOT_FOUND);
      const supervisors = await repos.units.findByIds(input.supervisingUnitIds);
      const invalid = input.supervisingUnitIds.filter(
        (id) => !supervisors.some((s) => s.id === id && s.kind !== 'school'),
      );
      if (invalid.length > 0) {
        throw new AppError(
          'VALIDATION_ERROR',
          'Đơn vị quản lý không tồn tại hoặc không phải cơ quan quản lý.',
          {
            fields: [{ field: 'supervisingUnitIds', message: invalid.join(', ') }],
          },
        );
      }
      const before = await repos.units.findProfile(school.id);
      const now = clock.now().toISOString();
      await withStaleCheck(
        () =>
          repos.transaction(async (tx) => {
            const ok = await tx.units.updateProfile(
              {
                schoolId: school.id,
                schoolLevels: [...new Set(input.schoolLevels)],
                governingBody: input.governingBody,
                placeName: input.placeName,
                documentSymbol: input.documentSymbol,
                address: input.address,
                phone: input.phone,
                email: input.email,
                sites: input.sites,
                supervisingUnitIds: [...new Set(input.supervisingUnitIds)],
              },
              input.version,
              now,
            );
            if (!ok) throw new StaleWrite();
            if (input.officialName !== school.name) {
              await tx.units.update(school.id, school.version, { name: input.officialName }, now);
            }
            await audit(tx, auditContextOf(ctx), {
              action: 'school.profile.update',
              entityType: 'school',
              entityId: school.id,
              unit: { id: school.id, path: school.path },
              summary: `Cập nhật hồ sơ trường “${input.officialName}”`,
              before: before ? { ...before, officialName: school.name } : null,
              after: { ...input, version: undefined },
            });
          }),
        async () => {
          const current = await repos.units.findProfile(school.id);
          return current ? toApiProfile(school, current) : null;
        },
      );
      return this.getSchoolProfile(ctx, school.id);
    },
  };
}

export type UnitService = ReturnType<typeof createUnitService>;
