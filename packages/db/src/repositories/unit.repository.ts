import {
  foldVietnamese,
  searchKey,
  UNIT_KINDS,
  type SchoolLevel,
  type UnitKind,
} from '@caitien/core';
import { sql, type Kysely } from 'kysely';
import type { Database, SchoolProfilesTable, UnitsTable } from '../database.types.ts';

/** A unit as the services use it. */
export interface UnitRecord {
  id: string;
  kind: UnitKind;
  name: string;
  parentId: string | null;
  path: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A school profile as the services use it (the official name is the unit's name). */
export interface SchoolProfileRecord {
  schoolId: string;
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
  updatedAt: string;
}

const toUnit = (row: UnitsTable): UnitRecord => ({
  id: row.id,
  kind: row.kind as UnitKind,
  name: row.name,
  parentId: row.parent_id,
  path: row.path,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toProfile = (row: SchoolProfilesTable): SchoolProfileRecord => ({
  schoolId: row.school_id,
  schoolLevels: JSON.parse(row.school_levels_json) as SchoolLevel[],
  governingBody: row.governing_body,
  placeName: row.place_name,
  documentSymbol: row.document_symbol,
  address: row.address,
  phone: row.phone,
  email: row.email,
  sites: JSON.parse(row.sites_json) as { name: string; address: string }[],
  supervisingUnitIds: JSON.parse(row.supervising_unit_ids_json) as string[],
  version: row.version,
  updatedAt: row.updated_at,
});

/** Which units one page of the unit tree holds (see `listPage`). */
export interface UnitPageFilter {
  /** Only the direct children of this unit. */
  parentId?: string | undefined;
  /** Only these units (the caller's roots). */
  ids?: readonly string[] | undefined;
  /** Only units with no parent (the administrator's roots). */
  topOnly?: boolean | undefined;
  /** Only units in the subtrees of these units (themselves included). */
  within?: readonly string[] | undefined;
  /** Every word must start a word of the unit's folded name ("phuong" finds "Phường"). */
  query?: string | undefined;
  kinds?: readonly UnitKind[] | undefined;
  limit: number;
  offset: number;
}

/** The root unit id of each materialised path prefix ("/so/xa/" → "xa"). */
export function subtreeRootsOf(prefixes: readonly string[]): string[] {
  return [...new Set(prefixes.flatMap((p) => p.split('/').filter(Boolean).slice(-1)))];
}

/** All SQL about units and school profiles. */
export function createUnitRepository(db: Kysely<Database>) {
  /** Writes the closure rows of `unitId` placed under `parentId` (null: a root) and of its subtree. */
  async function linkSubtree(unitId: string, parentId: string | null): Promise<void> {
    if (parentId === null) return;
    await db
      .insertInto('unit_ancestors')
      .columns(['ancestor_id', 'unit_id', 'depth'])
      .expression((eb) =>
        eb
          .selectFrom('unit_ancestors as p')
          .innerJoin('unit_ancestors as s', (j) => j.on('s.ancestor_id', '=', unitId))
          .where('p.unit_id', '=', parentId)
          .select((e) => [
            'p.ancestor_id',
            's.unit_id',
            sql<number>`${e.ref('p.depth')} + ${e.ref('s.depth')} + 1`.as('depth'),
          ]),
      )
      .execute();
  }

  return {
    /**
     * Ids of every unit in the subtrees of `rootIds` (the roots included), through the closure
     * table: an indexed lookup, not a scan of the paths.
     */
    subtreeIds(rootIds: readonly string[]) {
      return db
        .selectFrom('unit_ancestors')
        .select('unit_id')
        .where('ancestor_id', 'in', rootIds.length > 0 ? rootIds : ['']);
    },

    /** Whether `unitId` is `ancestorId` or under it. */
    async isInSubtree(ancestorId: string, unitId: string): Promise<boolean> {
      const row = await db
        .selectFrom('unit_ancestors')
        .select('depth')
        .where('ancestor_id', '=', ancestorId)
        .where('unit_id', '=', unitId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async findById(id: string): Promise<UnitRecord | undefined> {
      const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUnit(row) : undefined;
    },

    async findByIds(ids: string[]): Promise<UnitRecord[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('units').selectAll().where('id', 'in', ids).execute();
      return rows.map(toUnit);
    },

    /** Every unit under any of the given path prefixes (all units when `prefixes` is null). */
    async listUnder(prefixes: string[] | null): Promise<(UnitRecord & { childCount: number })[]> {
      let query = db
        .selectFrom('units as u')
        .selectAll('u')
        .select((eb) =>
          eb
            .selectFrom('units as c')
            .whereRef('c.parent_id', '=', 'u.id')
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('child_count'),
        );
      if (prefixes !== null) {
        if (prefixes.length === 0) return [];
        query = query.where((eb) =>
          eb(
            'u.id',
            'in',
            eb
              .selectFrom('unit_ancestors as a')
              .select('a.unit_id')
              .where('a.ancestor_id', 'in', subtreeRootsOf(prefixes)),
          ),
        );
      }
      const rows = await query.orderBy('u.path').execute();
      return rows.map((r) => ({ ...toUnit(r), childCount: Number(r.child_count ?? 0) }));
    },

    /**
     * One page of units, offices first (by kind, top down), then by folded name as Vietnamese reads
     * it without marks, with each unit's number of children and the total of the filter.
     */
    async listPage(
      filter: UnitPageFilter,
    ): Promise<{ items: (UnitRecord & { childCount: number })[]; total: number }> {
      let base = db.selectFrom('units as u');
      if (filter.parentId !== undefined) base = base.where('u.parent_id', '=', filter.parentId);
      if (filter.ids !== undefined)
        base = base.where('u.id', 'in', filter.ids.length > 0 ? [...filter.ids] : ['']);
      if (filter.topOnly) base = base.where('u.parent_id', 'is', null);
      if (filter.within !== undefined) {
        const roots = filter.within.length > 0 ? [...filter.within] : [''];
        base = base.where((eb) =>
          eb(
            'u.id',
            'in',
            eb
              .selectFrom('unit_ancestors as a')
              .select('a.unit_id')
              .where('a.ancestor_id', 'in', roots),
          ),
        );
      }
      if (filter.kinds !== undefined) base = base.where('u.kind', 'in', [...filter.kinds]);
      // Words match at the start of a word of the folded name (" " || name LIKE "% word%"), the
      // rule of matchesQuery in the web app. Search keys hold letters and digits only: no LIKE
      // wildcard can reach the pattern.
      for (const word of searchKey(filter.query ?? '')
        .split(' ')
        .filter(Boolean)) {
        base = base.where(sql<string>`' ' || u.name_folded`, 'like', `% ${word}%`);
      }
      const counted = await base
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const total = Number(counted.n);
      if (total === 0 || filter.offset >= total) return { items: [], total };
      const kindRank = sql<number>`case u.kind ${sql.join(
        UNIT_KINDS.map((kind, i) => sql`when ${sql.lit(kind)} then ${sql.lit(i)}`),
        sql` `,
      )} else ${sql.lit(UNIT_KINDS.length)} end`;
      const rows = await base
        .selectAll('u')
        .select((eb) =>
          eb
            .selectFrom('units as c')
            .whereRef('c.parent_id', '=', 'u.id')
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('child_count'),
        )
        .orderBy(kindRank)
        .orderBy('u.name_folded')
        .orderBy('u.name')
        .orderBy('u.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      return {
        items: rows.map((r) => ({ ...toUnit(r), childCount: Number(r.child_count ?? 0) })),
        total,
      };
    },

    async countChildren(id: string): Promise<number> {
      const row = await db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parent_id', '=', id)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async insert(unit: {
      id: string;
      kind: UnitKind;
      name: string;
      parentId: string | null;
      path: string;
      now: string;
    }): Promise<UnitRecord> {
      const row: UnitsTable = {
        id: unit.id,
        kind: unit.kind,
        name: unit.name,
        name_folded: foldVietnamese(unit.name),
        parent_id: unit.parentId,
        path: unit.path,
        version: 1,
        created_at: unit.now,
        updated_at: unit.now,
      };
      await db.insertInto('units').values(row).execute();
      await db
        .insertInto('unit_ancestors')
        .values({ ancestor_id: unit.id, unit_id: unit.id, depth: 0 })
        .execute();
      await linkSubtree(unit.id, unit.parentId);
      return toUnit(row);
    },

    /** Renames and/or moves a unit if its version is still `version`; moves carry the subtree along. */
    async update(
      id: string,
      version: number,
      changes: { name?: string; parentId?: string | null; path?: string },
      now: string,
    ): Promise<boolean> {
      const current = await db
        .selectFrom('units')
        .select(['path', 'parent_id'])
        .where('id', '=', id)
        .executeTakeFirst();
      const result = await db
        .updateTable('units')
        .set({
          ...(changes.name !== undefined
            ? { name: changes.name, name_folded: foldVietnamese(changes.name) }
            : {}),
          ...(changes.parentId !== undefined ? { parent_id: changes.parentId } : {}),
          ...(changes.path !== undefined ? { path: changes.path } : {}),
          version: version + 1,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      if (current && changes.path !== undefined && changes.path !== current.path) {
        const descendants = await db
          .selectFrom('units')
          .select(['id', 'path'])
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('unit_ancestors')
              .select('unit_id')
              .where('ancestor_id', '=', id)
              .where('depth', '>', 0),
          )
          .execute();
        // The closure: the subtree forgets its old ancestors above the moved unit and learns the
        // new parent's.
        await db
          .deleteFrom('unit_ancestors')
          .where('unit_id', 'in', (eb) =>
            eb
              .selectFrom('unit_ancestors as s')
              .select('s.unit_id')
              .where('s.ancestor_id', '=', id),
          )
          .where('ancestor_id', 'not in', (eb) =>
            eb
              .selectFrom('unit_ancestors as s')
              .select('s.unit_id')
              .where('s.ancestor_id', '=', id),
          )
          .execute();
        await linkSubtree(
          id,
          changes.parentId !== undefined ? changes.parentId : current.parent_id,
        );
        for (const d of descendants) {
          await db
            .updateTable('units')
            .set({ path: changes.path + d.path.slice(current.path.length) })
            .where('id', '=', d.id)
            .execute();
        }
      }
      return true;
    },

    async delete(id: string): Promise<void> {
      await db
        .deleteFrom('unit_ancestors')
        .where((eb) => eb.or([eb('unit_id', '=', id), eb('ancestor_id', '=', id)]))
        .execute();
      await db.deleteFrom('units').where('id', '=', id).execute();
    },

    /** How many people, accounts or groups still hang on a unit (a unit in use is not deleted). */
    async countDependents(id: string): Promise<number> {
      const [people, roles] = await Promise.all([
        db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('school_id', '=', id)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('role_assignments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_id', '=', id)
          .executeTakeFirstOrThrow(),
      ]);
      return Number(people.n) + Number(roles.n);
    },

    async findProfile(schoolId: string): Promise<SchoolProfileRecord | undefined> {
      const row = await db
        .selectFrom('school_profiles')
        .selectAll()
        .where('school_id', '=', schoolId)
        .executeTakeFirst();
      return row ? toProfile(row) : undefined;
    },

    async insertProfile(profile: Omit<SchoolProfileRecord, 'version'>): Promise<void> {
      await db
        .insertInto('school_profiles')
        .values({
          school_id: profile.schoolId,
          school_levels_json: JSON.stringify(profile.schoolLevels),
          governing_body: profile.governingBody,
          place_name: profile.placeName,
          document_symbol: profile.documentSymbol,
          address: profile.address,
          phone: profile.phone,
          email: profile.email,
          sites_json: JSON.stringify(profile.sites),
          supervising_unit_ids_json: JSON.stringify(profile.supervisingUnitIds),
          version: 1,
          updated_at: profile.updatedAt,
        })
        .execute();
    },

    /** Replaces the profile if its version is still `version`. */
    async updateProfile(
      profile: Omit<SchoolProfileRecord, 'version' | 'updatedAt'>,
      version: number,
      now: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('school_profiles')
        .set({
          school_levels_json: JSON.stringify(profile.schoolLevels),
          governing_body: profile.governingBody,
          place_name: profile.placeName,
          document_symbol: profile.documentSymbol,
          address: profile.address,
          phone: profile.phone,
          email: profile.email,
          sites_json: JSON.stringify(profile.sites),
          supervising_unit_ids_json: JSON.stringify(profile.supervisingUnitIds),
          version: version + 1,
          updated_at: now,
        })
        .where('school_id', '=', profile.schoolId)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Whether any account exists (first-run setup is allowed only when none does). */
    async countUnits(): Promise<number> {
      const row = await db
        .selectFrom('units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type UnitRepository = ReturnType<typeof createUnitRepository>;
