import type { Role, RoleAssignment } from '@caitien/core';
import type { Kysely } from 'kysely';
import { subtreeRootsOf } from './unit.repository.ts';
import type { Database, UsersTable } from '../database.types.ts';
import { translateUniqueViolation } from '../unique-violation.ts';

/** An account (the password hash stays inside the repository and the auth service). */
export interface UserRecord {
  id: string;
  username: string;
  email: string | null;
  displayName: string;
  personId: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  isDisabled: boolean;
  passwordChangedAt: string;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
}

/** A role held at a unit, with the unit's name, kind and path. */
export interface AssignmentRecord extends RoleAssignment {
  unitName: string | null;
  unitKind: string | null;
}

/** The columns of `users` a unique violation can name (UniqueViolation.column). */
const USER_UNIQUE_COLUMNS = ['username', 'email'] as const;

const toUser = (row: UsersTable): UserRecord => ({
  id: row.id,
  username: row.username,
  email: row.email,
  displayName: row.display_name,
  personId: row.person_id,
  passwordHash: row.password_hash,
  mustChangePassword: row.must_change_password === 1,
  isDisabled: row.is_disabled === 1,
  passwordChangedAt: row.password_changed_at,
  lastLoginAt: row.last_login_at,
  version: row.version,
  createdAt: row.created_at,
});

/** All SQL about accounts and their roles. */
export function createUserRepository(db: Kysely<Database>) {
  return {
    async countUsers(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async findById(id: string): Promise<UserRecord | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },

    /** By username or e-mail, both compared lower-cased (they are stored lower-cased). */
    async findByLogin(login: string): Promise<UserRecord | undefined> {
      const key = login.trim().toLowerCase();
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where((eb) => eb.or([eb('username', '=', key), eb('email', '=', key)]))
        .executeTakeFirst();
      return row ? toUser(row) : undefined;
    },

    /** The account holding an e-mail address (compared lower-cased, as stored), if any. */
    async findIdByEmail(email: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row?.id;
    },

    async findByUsernameOrEmail(username: string, email: string | null) {
      return db
        .selectFrom('users')
        .select(['id', 'username', 'email'])
        .where((eb) =>
          eb.or([
            eb('username', '=', username.toLowerCase()),
            ...(email ? [eb('email', '=', email.toLowerCase())] : []),
          ]),
        )
        .execute();
    },

    async insert(user: {
      id: string;
      username: string;
      email: string | null;
      displayName: string;
      personId: string | null;
      passwordHash: string;
      mustChangePassword: boolean;
      now: string;
    }): Promise<void> {
      // A clash lost to a concurrent insert is a typed UniqueViolation('users', 'username' | 'email').
      await translateUniqueViolation('users', USER_UNIQUE_COLUMNS, () =>
        db
          .insertInto('users')
          .values({
            id: user.id,
            username: user.username.toLowerCase(),
            email: user.email ? user.email.toLowerCase() : null,
            display_name: user.displayName,
            person_id: user.personId,
            password_hash: user.passwordHash,
            must_change_password: user.mustChangePassword ? 1 : 0,
            is_disabled: 0,
            password_changed_at: user.now,
            last_login_at: null,
            version: 1,
            created_at: user.now,
            updated_at: user.now,
          })
          .execute(),
      );
    },

    async update(
      id: string,
      version: number,
      changes: {
        displayName?: string;
        email?: string | null;
        personId?: string | null;
        isDisabled?: boolean;
      },
      now: string,
    ): Promise<boolean> {
      // A new e-mail taken concurrently by another account is a typed UniqueViolation.
      const result = await translateUniqueViolation('users', USER_UNIQUE_COLUMNS, () =>
        db
          .updateTable('users')
          .set({
            ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
            ...(changes.email !== undefined
              ? { email: changes.email ? changes.email.toLowerCase() : null }
              : {}),
            ...(changes.personId !== undefined ? { person_id: changes.personId } : {}),
            ...(changes.isDisabled !== undefined
              ? { is_disabled: changes.isDisabled ? 1 : 0 }
              : {}),
            version: version + 1,
            updated_at: now,
          })
          .where('id', '=', id)
          .where('version', '=', version)
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },

    async setPassword(
      id: string,
      passwordHash: string,
      mustChange: boolean,
      now: string,
    ): Promise<void> {
      await db
        .updateTable('users')
        .set((eb) => ({
          password_hash: passwordHash,
          must_change_password: mustChange ? 1 : 0,
          password_changed_at: now,
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
    },

    async recordLogin(id: string, now: string): Promise<void> {
      await db.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute();
    },

    /** Users holding a role at a unit under any of the prefixes (all users when null). */
    async listUnder(prefixes: string[] | null): Promise<UserRecord[]> {
      let query = db.selectFrom('users').selectAll('users');
      if (prefixes !== null) {
        if (prefixes.length === 0) return [];
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('role_assignments as r')
              .innerJoin('unit_ancestors as a', 'a.unit_id', 'r.unit_id')
              .select('r.id')
              .whereRef('r.user_id', '=', 'users.id')
              .where('a.ancestor_id', 'in', subtreeRootsOf(prefixes)),
          ),
        );
        // A scoped list never shows an account holding a system-wide role (the administrator):
        // only the administrator sees those (the policy's rule, applied here in SQL).
        query = query.where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('role_assignments as s')
                .select('s.id')
                .whereRef('s.user_id', '=', 'users.id')
                .where('s.unit_id', 'is', null),
            ),
          ),
        );
      }
      const rows = await query.orderBy('display_name').orderBy('username').execute();
      return rows.map(toUser);
    },

    async listAssignments(userIds: string[]): Promise<Map<string, AssignmentRecord[]>> {
      const result = new Map<string, AssignmentRecord[]>();
      if (userIds.length === 0) return result;
      const rows = await db
        .selectFrom('role_assignments as r')
        .leftJoin('units as u', 'u.id', 'r.unit_id')
        .select(['r.user_id', 'r.role', 'r.unit_id', 'u.name', 'u.kind', 'u.path'])
        .where('r.user_id', 'in', userIds)
        .orderBy('r.created_at')
        .orderBy('r.id')
        .execute();
      for (const row of rows) {
        const list = result.get(row.user_id) ?? [];
        list.push({
          role: row.role as Role,
          unitId: row.unit_id,
          unitPath: row.path ?? null,
          unitName: row.name ?? null,
          unitKind: row.kind ?? null,
        });
        result.set(row.user_id, list);
      }
      return result;
    },

    async replaceAssignments(
      userId: string,
      grants: { id: string; role: Role; unitId: string | null }[],
      now: string,
    ): Promise<void> {
      await db.deleteFrom('role_assignments').where('user_id', '=', userId).execute();
      if (grants.length === 0) return;
      await db
        .insertInto('role_assignments')
        .values(
          grants.map((g) => ({
            id: g.id,
            user_id: userId,
            role: g.role,
            unit_id: g.unitId,
            created_at: now,
          })),
        )
        .execute();
    },

    async findByPerson(personId: string) {
      return db
        .selectFrom('users')
        .select(['id', 'person_id'])
        .where('person_id', '=', personId)
        .execute();
    },

    async findLinkedUsers(personIds: string[]): Promise<Map<string, string>> {
      const map = new Map<string, string>();
      if (personIds.length === 0) return map;
      const rows = await db
        .selectFrom('users')
        .select(['id', 'person_id'])
        .where('person_id', 'in', personIds)
        .execute();
      for (const r of rows) if (r.person_id) map.set(r.person_id, r.id);
      return map;
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
