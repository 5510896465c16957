import { foldVietnamese, type GroupKind, type MemberRole } from '@caitien/core';
import type { Kysely } from 'kysely';
import type { Database, PeopleTable } from '../database.types.ts';

/** A person of a school's directory. */
export interface PersonRecord {
  id: string;
  schoolId: string;
  fullName: string;
  position: string;
  email: string;
  phone: string;
  note: string;
  isActive: boolean;
  version: number;
}

/** A group of a school, with its members in order. */
export interface GroupRecord {
  id: string;
  schoolId: string;
  kind: GroupKind;
  name: string;
  version: number;
  members: { personId: string; memberRole: MemberRole }[];
}

const toPerson = (row: PeopleTable): PersonRecord => ({
  id: row.id,
  schoolId: row.school_id,
  fullName: row.full_name,
  position: row.position,
  email: row.email,
  phone: row.phone,
  note: row.note,
  isActive: row.is_active === 1,
  version: row.version,
});

type PersonFields = Pick<PersonRecord, 'fullName' | 'position' | 'email' | 'phone' | 'note'>;

/** All SQL about people and groups. */
export function createPeopleRepository(db: Kysely<Database>) {
  async function membersOf(groupIds: string[]) {
    if (groupIds.length === 0) return [];
    return db
      .selectFrom('group_members')
      .selectAll()
      .where('group_id', 'in', groupIds)
      .orderBy('group_id')
      .orderBy('position')
      .execute();
  }

  return {
    async listPeople(schoolId: string): Promise<PersonRecord[]> {
      const rows = await db
        .selectFrom('people')
        .selectAll()
        .where('school_id', '=', schoolId)
        .execute();
      return rows.map(toPerson);
    },

    async findPerson(schoolId: string, personId: string): Promise<PersonRecord | undefined> {
      const row = await db
        .selectFrom('people')
        .selectAll()
        .where('school_id', '=', schoolId)
        .where('id', '=', personId)
        .executeTakeFirst();
      return row ? toPerson(row) : undefined;
    },

    async insertPerson(
      person: PersonFields & { id: string; schoolId: string; now: string },
    ): Promise<PersonRecord> {
      const row: PeopleTable = {
        id: person.id,
        school_id: person.schoolId,
        full_name: person.fullName,
        full_name_folded: foldVietnamese(person.fullName),
        position: person.position,
        email: person.email,
        phone: person.phone,
        note: person.note,
        is_active: 1,
        version: 1,
        created_at: person.now,
        updated_at: person.now,
      };
      await db.insertInto('people').values(row).execute();
      return toPerson(row);
    },

    async updatePerson(
      personId: string,
      version: number,
      changes: Partial<PersonFields> & { isActive?: boolean },
      now: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('people')
        .set({
          ...(changes.fullName !== undefined
            ? { full_name: changes.fullName, full_name_folded: foldVietnamese(changes.fullName) }
            : {}),
          ...(changes.position !== undefined ? { position: changes.position } : {}),
          ...(changes.email !== undefined ? { email: changes.email } : {}),
          ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
          ...(changes.note !== undefined ? { note: changes.note } : {}),
          ...(changes.isActive !== undefined ? { is_active: changes.isActive ? 1 : 0 } : {}),
          version: version + 1,
          updated_at: now,
        })
        .where('id', '=', personId)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async deletePerson(personId: string): Promise<void> {
      await db.deleteFrom('people').where('id', '=', personId).execute();
    },

    /** Group memberships of the school's people (person → groups). */
    async listMembershipsBySchool(schoolId: string) {
      return db
        .selectFrom('group_members as m')
        .innerJoin('school_groups as g', 'g.id', 'm.group_id')
        .select(['m.person_id', 'm.group_id', 'm.member_role', 'g.name'])
        .where('g.school_id', '=', schoolId)
        .orderBy('g.name')
        .execute();
    },

    async listGroups(schoolId: string): Promise<GroupRecord[]> {
      const groups = await db
        .selectFrom('school_groups')
        .selectAll()
        .where('school_id', '=', schoolId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const members = await membersOf(groups.map((g) => g.id));
      return groups.map((g) => ({
        id: g.id,
        schoolId: g.school_id,
        kind: g.kind as GroupKind,
        name: g.name,
        version: g.version,
        members: members
          .filter((m) => m.group_id === g.id)
          .map((m) => ({ personId: m.person_id, memberRole: m.member_role as MemberRole })),
      }));
    },

    async findGroup(schoolId: string, groupId: string): Promise<GroupRecord | undefined> {
      const groups = await this.listGroups(schoolId);
      return groups.find((g) => g.id === groupId);
    },

    async insertGroup(group: {
      id: string;
      schoolId: string;
      kind: GroupKind;
      name: string;
      now: string;
    }): Promise<void> {
      await db
        .insertInto('school_groups')
        .values({
          id: group.id,
          school_id: group.schoolId,
          kind: group.kind,
          name: group.name,
          version: 1,
          created_at: group.now,
          updated_at: group.now,
        })
        .execute();
    },

    async updateGroup(groupId: string, version: number, changes: { name?: string }, now: string) {
      const result = await db
        .updateTable('school_groups')
        .set({
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          version: version + 1,
          updated_at: now,
        })
        .where('id', '=', groupId)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async replaceMembers(
      groupId: string,
      members: { personId: string; memberRole: MemberRole }[],
    ): Promise<void> {
      await db.deleteFrom('group_members').where('group_id', '=', groupId).execute();
      if (members.length === 0) return;
      await db
        .insertInto('group_members')
        .values(
          members.map((m, position) => ({
            group_id: groupId,
            person_id: m.personId,
            member_role: m.memberRole,
            position,
          })),
        )
        .execute();
    },

    async deleteGroup(groupId: string): Promise<void> {
      await db.deleteFrom('school_groups').where('id', '=', groupId).execute();
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
