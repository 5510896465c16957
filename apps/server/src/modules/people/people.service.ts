import { comparePeopleNames, foldVietnamese, type GroupKind, type MemberRole } from '@caitien/core';
import type { GroupRecord, PersonRecord, Repositories } from '@caitien/db';
import { buildStaffTemplate } from '@caitien/documents';
import type { Group, Person } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import type { DocumentParsers } from '../../documents/document-parsers.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import { authorize, StaleWrite, withStaleCheck } from '../auth/authorize.ts';
import { auditContextOf, type ServiceContext } from '../auth/request-context.ts';
import type { UnitService } from '../units/unit.service.ts';

const PERSON_NOT_FOUND = 'Không tìm thấy người này trong danh sách của trường.';
const GROUP_NOT_FOUND = 'Không tìm thấy nhóm này.';

/** Name key for "the same person": NFC, case and diacritics kept apart only by folding. */
const nameKey = (name: string) =>
  name.normalize('NFC').trim().toLocaleLowerCase('vi').replace(/\s+/g, ' ');

type PersonFields = {
  fullName: string;
  position: string;
  email: string;
  phone: string;
  note: string;
};

/** The school's people directory and groups. */
export function createPeopleService(deps: {
  repositories: Repositories;
  unitService: UnitService;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditWriter;
  /** Reads the uploaded staff list (in the server: off the event loop, parse-pool.ts). */
  parsers: Pick<DocumentParsers, 'parseStaffWorkbook'>;
}) {
  const { repositories: repos, unitService, clock, ids, audit } = deps;

  async function schoolFor(
    ctx: ServiceContext,
    schoolId: string,
    action: 'people.read' | 'people.write',
  ) {
    const school = await unitService.loadSchool(ctx, schoolId);
    authorize(ctx.actor, action, school.path, 'Không tìm thấy trường này.');
    return school;
  }

  async function toApiPeople(schoolId: string, people: PersonRecord[]): Promise<Person[]> {
    const [memberships, users] = await Promise.all([
      repos.people.listMembershipsBySchool(schoolId),
      repos.users.findLinkedUsers(people.map((p) => p.id)),
    ]);
    return [...people]
      .sort((a, b) => comparePeopleNames(a.fullName, b.fullName))
      .map((p) => ({
        ...p,
        userId: users.get(p.id) ?? null,
        groups: memberships
          .filter((m) => m.person_id === p.id)
          .map((m) => ({
            groupId: m.group_id,
            name: m.name,
            memberRole: m.member_role as MemberRole,
          })),
      }));
  }

  async function toApiGroup(group: GroupRecord, people: PersonRecord[]): Promise<Group> {
    return {
      id: group.id,
      schoolId: group.schoolId,
      kind: group.kind,
      name: group.name,
      version: group.version,
      members: group.members.flatMap((m) => {
        const p = people.find((x) => x.id === m.personId);
        return p ? [{ ...m, fullName: p.fullName, position: p.position }] : [];
      }),
    };
  }

  async function checkMembers(schoolId: string, members: { personId: string }[]): Promise<void> {
    const people = await repos.people.listPeople(schoolId);
    const unknown = members.filter((m) => !people.some((p) => p.id === m.personId));
    if (unknown.length > 0) {
      throw new AppError(
        'VALIDATION_ERROR',
        'Có thành viên không thuộc danh sách nhân sự của trường.',
        {
          fields: [{ field: 'members', message: unknown.map((m) => m.personId).join(', ') }],
        },
      );
    }
    const seen = new Set<string>();
    for (const m of members) {
      if (seen.has(m.personId)) {
        throw new AppError('VALIDATION_ERROR', 'Một người được thêm vào nhóm hai lần.');
      }
      seen.add(m.personId);
    }
  }

  async function getPerson(schoolId: string, personId: string): Promise<Person> {
    const person = await repos.people.findPerson(schoolId, personId);
    if (!person) throw new AppError('NOT_FOUND', PERSON_NOT_FOUND);
    const [api] = await toApiPeople(schoolId, [person]);
    if (!api) throw new AppError('NOT_FOUND', PERSON_NOT_FOUND);
    return api;
  }

  async function getGroup(schoolId: string, groupId: string): Promise<Group> {
    const group = await repos.people.findGroup(schoolId, groupId);
    if (!group) throw new AppError('NOT_FOUND', GROUP_NOT_FOUND);
    return toApiGroup(group, await repos.people.listPeople(schoolId));
  }

  return {
    async listPeople(ctx: ServiceContext, schoolId: string): Promise<Person[]> {
      const school = await schoolFor(ctx, schoolId, 'people.read');
      return toApiPeople(school.id, await repos.people.listPeople(school.id));
    },

    async createPerson(
      ctx: ServiceContext,
      schoolId: string,
      input: PersonFields,
    ): Promise<Person> {
      const school = await schoolFor(ctx, schoolId, 'people.write');
      const id = ids.next();
      await repos.transaction(async (tx) => {
        await tx.people.insertPerson({
          ...input,
          id,
          schoolId: school.id,
          now: clock.now().toISOString(),
        });
        await audit(tx, auditContextOf(ctx), {
          action: 'person.create',
          entityType: 'person',
          entityId: id,
          unit: { id: school.id, path: school.path },
          summary: `Thêm “${input.fullName}” vào danh sách nhân sự`,
          after: input,
        });
      });
      return getPerson(school.id, id);
    },

    async updatePerson(
      ctx: ServiceContext,
      schoolId: string,
      personId: string,
      input: Partial<PersonFields> & { isActive?: boolean | undefined; version: number },
    ): Promise<Person> {
      const school = await schoolFor(ctx, schoolId, 'people.write');
      const before = await repos.people.findPerson(school.id, personId);
      if (!before) throw new AppError('NOT_FOUND', PERSON_NOT_FOUND);
      const { version, ...changes } = input;
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, v]) => v !== undefined),
      );
      await withStaleCheck(
        () =>
          repos.transaction(async (tx) => {
            const ok = await tx.people.updatePerson(
              personId,
              version,
              defined,
              clock.now().toISOString(),
            );
            if (!ok) throw new StaleWrite();
            await audit(tx, auditContextOf(ctx), {
              action: 'person.update',
              entityType: 'person',
              entityId: personId,
              unit: { id: school.id, path: school.path },
              summary: `Sửa thông tin “${before.fullName}”`,
              before,
              after: { ...before, ...defined },
            });
          }),
        () => getPerson(school.id, personId),
      );
      return getPerson(school.id, personId);
    },

    async deletePerson(ctx: ServiceContext, schoolId: string, personId: string): Promise<void> {
      const school = await schoolFor(ctx, schoolId, 'people.write');
      const before = await repos.people.findPerson(school.id, personId);
      if (!before) throw new AppError('NOT_FOUND', PERSON_NOT_FOUND);
      await repos.transaction(async (tx) => {
        await tx.people.deletePerson(personId);
        await audit(tx, auditContextOf(ctx), {
          action: 'person.delete',
          entityType: 'person',
          entityId: personId,
          unit: { id: school.id, path: school.path },
          summary: `Xóa “${before.fullName}” khỏi danh sách nhân sự`,
          before,
        });
      });
    },

    /** The Excel template for the staff list, for those who may import it. */
    async staffTemplate(ctx: ServiceContext, schoolId: string): Promise<Uint8Array> {
      await schoolFor(ctx, schoolId, 'people.write');
      return buildStaffTemplate();
    },

    async listGroups(ctx: ServiceContext, schoolId: string): Promise<Group[]> {
      const school = await schoolFor(ctx, schoolId, 'people.read');
      const [groups, people] = await Promise.all([
        repos.people.listGroups(school.id),
        repos.people.listPeople(school.id),
      ]);
      return Promise.all(groups.map((g) => toApiGroup(g, people)));
    },

    async createGroup(
      ctx: ServiceContext,
      schoolId: string,
      input: {
        kind: GroupKind;
        name: string;
        members: { personId: string; memberRole: MemberRole }[];
      },
    ): Promise<Group> {
      const school = await schoolFor(ctx, schoolId, 'people.write');
      await checkMembers(school.id, input.members);
      const id = ids.next();
      await repos.transaction(async (tx) => {
        await tx.people.insertGroup({
          id,
          schoolId: school.id,
          kind: input.kind,
          name: input.name,
          now: clock.now().toISOString(),
        });
        await tx.people.replaceMembers(id, input.members);
        await audit(tx, auditContextOf(ctx), {
          action: 'group.create',
          entityType: 'group',
          entityId: id,
          unit: { id: school.id, path: school.path },
          summary: `Tạo nhóm “${input.name}”`,
          after: input,
        });
      });
      return getGroup(school.id, id);
    },

    async updateGroup(
      ctx: ServiceContext,
      schoolId: string,
      groupId: string,
      input: {
        name?: string | undefined;
        members?: { personId: string; memberRole: MemberRole }[] | undefined;
        version: number;
      },
    ): Promise<Group> {
      const school = await schoolFor(ctx, schoolId, 'people.write');
      const before = await repos.people.findGroup(school.id, groupId);
      if (!before) throw new AppError('NOT_FOUND', GROUP_NOT_FOUND);
      if (input.members) await checkMembers(school.id, input.members);
      await withStaleCheck(
        () =>
          repos.transaction(async (tx) => {
            const ok = await tx.people.updateGroup(
              groupId,
              input.version,
              input.name !== undefined ? { name: input.name } : {},
              clock.now().toISOString(),
            );
            if (!ok) throw new StaleWrite();
            if (input.members) await tx.people.replaceMembers(groupId, input.members);
            await audit(tx, auditContextOf(ctx), {
              action: 'group.update',
              entityType: 'group',
              entityId: groupId,
              unit: { id: school.id, path: school.path },
              summary: `Sửa nhóm “${before.name}”`,
              before,
              after: { ...before, ...input },
            });
          }),
        () => getGroup(school.id, groupId),
      );
      return getGroup(school.id, groupId);
    },

    async deleteGroup(ctx: ServiceContext, schoolId: string, groupId: string): Promise<void> {
      const school = await schoolFor(ctx, schoolId, 'people.write');
      const before = await repos.people.findGroup(school.id, groupId);
      if (!before) throw new AppError('NOT_FOUND', GROUP_NOT_FOUND);
      await repos.transaction(async (tx) => {
        await tx.people.deleteGroup(groupId);
        await audit(tx, auditContextOf(ctx), {
          action: 'group.delete',
          entityType: 'group',
          entityId: groupId,
          unit: { id: school.id, path: school.path },
          summary: `Xóa nhóm “${before.name}”`,
          before,
        });
      });
    },

    /**
     * Reads a staff list (.xlsx). A dry run only reports; otherwise people not already in the
     * directory (same name) are created, with their subject groups, in one transaction.
     */
    async importPeople(ctx: ServiceContext, schoolId: string, data: Uint8Array, dryRun: boolean) {
      const school = await schoolFor(ctx, schoolId, 'people.write');
      const parsed = await deps.parsers.parseStaffWorkbook(data);
      if (!parsed.ok) {
        throw new AppError(
          parsed.error.code === 'TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_ERROR',
          parsed.error.message,
          { reason: parsed.error.code },
        );
      }
      const existing = await repos.people.listPeople(school.id);
      const byName = new Map(existing.map((p) => [nameKey(p.fullName), p.id]));
      const rows = parsed.rows.map((r) => ({
        rowNumber: r.rowNumber,
        fullName: r.fullName,
        position: r.position ?? '',
        groups: r.groups,
        email: r.email ?? '',
        phone: r.phone ?? '',
        note: r.note ?? '',
        existingPersonId: byName.get(nameKey(r.fullName)) ?? null,
      }));
      const toCreate = rows.filter((r) => r.existingPersonId === null);
      const result = {
        dryRun,
        sheetName: parsed.sheetName,
        rows,
        issues: parsed.issues.map((i) => ({
          rowNumber: i.rowNumber,
          severity: i.severity,
          message: i.message,
        })),
        unmappedColumns: parsed.unmappedColumns.map((c) => c.header),
        createdCount: 0,
        skippedExistingCount: rows.length - toCreate.length,
      };
      if (dryRun || toCreate.length === 0) return result;

      await repos.transaction(async (tx) => {
        const now = clock.now().toISOString();
        const groups = await tx.people.listGroups(school.id);
        const groupByName = new Map(groups.map((g) => [foldVietnamese(g.name), g]));
        const seenInFile = new Set<string>();
        for (const row of toCreate) {
          // The same name twice in one file is reported by the parser; create it once.
          if (seenInFile.has(nameKey(row.fullName))) continue;
          seenInFile.add(nameKey(row.fullName));
          const id = ids.next();
          await tx.people.insertPerson({
            id,
            schoolId: school.id,
            fullName: row.fullName,
            position: row.position,
            email: row.email,
            phone: row.phone,
            note: row.note,
            now,
          });
          result.createdCount += 1;
          for (const groupName of row.groups) {
            let group = groupByName.get(foldVietnamese(groupName));
            if (!group) {
              const groupId = ids.next();
              await tx.people.insertGroup({
                id: groupId,
                schoolId: school.id,
                kind: 'subject_group',
                name: groupName,
                now,
              });
              group = {
                id: groupId,
                schoolId: school.id,
                kind: 'subject_group',
                name: groupName,
                version: 1,
                members: [],
              };
              groupByName.set(foldVietnamese(groupName), group);
            }
            group.members.push({ personId: id, memberRole: 'member' });
            await tx.people.replaceMembers(group.id, group.members);
          }
        }
        await audit(tx, auditContextOf(ctx), {
          action: 'people.import',
          entityType: 'school',
          entityId: school.id,
          unit: { id: school.id, path: school.path },
          summary: `Nhập danh sách nhân sự từ Excel: thêm ${result.createdCount} người`,
          after: {
            created: result.createdCount,
            skippedExisting: result.skippedExistingCount,
            sheet: parsed.sheetName,
          },
        });
      });
      return result;
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
