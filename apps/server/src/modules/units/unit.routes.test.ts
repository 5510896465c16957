import { foldVietnamese } from '@caitien/core';
import { testDialects } from '@caitien/db/testing';
import type { Unit } from '@caitien/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccessFixtures,
  createAccount,
  FIXTURE_PASSWORD,
  type AccessFixtures,
} from '../../testing/access-fixtures.ts';
import { call, ok, signIn, type TestSession } from '../../testing/api-client.ts';
import { createTestApp } from '../../testing/test-app.ts';

interface UnitPage {
  items: Unit[];
  total: number;
  nextOffset: number | null;
}

const BIG_SCHOOLS = 2000;

describe.each(testDialects())('the unit tree, one page at a time, on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  let admin: TestSession;
  let office: TestSession; // officer of xã Định Hiệp (the fixtures' commune)
  let otherOffice: TestSession; // officer of another xã of the same Sở
  let principal: TestSession;
  let otherCommune: string;
  let ward: string;
  let bigCommune: string;

  const get = (session: TestSession, url: string) => call(ctx.app, session, { method: 'GET', url });
  const page = async (session: TestSession, query = '') =>
    ok<UnitPage>(await get(session, `/api/units${query}`));
  const create = async (kind: string, name: string, parentId: string | null) =>
    ok<Unit>(
      await call(ctx.app, admin, {
        method: 'POST',
        url: '/api/units',
        payload: { kind, name, parentId },
      }),
    );

  beforeAll(async () => {
    ctx = await createTestApp(dialect);
    fx = await buildAccessFixtures(ctx.app);
    admin = fx.adminSession;
    otherCommune = (await create('commune', 'UBND xã An Lập', fx.provinceId)).id;
    ward = (await create('commune', 'UBND phường Mỹ Phước', fx.provinceId)).id;
    await create('school', 'Trường Mầm non Hoa Sen', otherCommune);
    await create('school', 'Trường THCS Mỹ Phước', ward);
    await createAccount(ctx.app, admin, {
      username: 'canbo.anlap',
      displayName: 'Cán bộ xã An Lập',
      roles: [{ role: 'office_staff', unitId: otherCommune }],
    });
    otherOffice = await signIn(ctx.app, 'canbo.anlap', FIXTURE_PASSWORD);
    office = await fx.signInAs('office');
    principal = await fx.signInAs('principal');

    // A commune of BIG_SCHOOLS schools, inserted straight into the tables (the closure included).
    bigCommune = (await create('commune', 'UBND xã Lớn', fx.provinceId)).id;
    const now = '2026-11-23T08:00:00.000Z';
    const schools = Array.from({ length: BIG_SCHOOLS }, (_, i) => {
      const id = `big-${String(i).padStart(5, '0')}`;
      const name = `Trường Tiểu học Số ${i + 1}`;
      return { id, name };
    });
    for (let start = 0; start < schools.length; start += 250) {
      const chunk = schools.slice(start, start + 250);
      await ctx.database.db
        .insertInto('units')
        .values(
          chunk.map((s) => ({
            id: s.id,
            kind: 'school',
            name: s.name,
            name_folded: foldVietnamese(s.name),
            parent_id: bigCommune,
            path: `/${fx.provinceId}/${bigCommune}/${s.id}/`,
            version: 1,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await ctx.database.db
        .insertInto('unit_ancestors')
        .values(
          chunk.flatMap((s) => [
            { ancestor_id: s.id, unit_id: s.id, depth: 0 },
            { ancestor_id: bigCommune, unit_id: s.id, depth: 1 },
            { ancestor_id: fx.provinceId, unit_id: s.id, depth: 2 },
          ]),
        )
        .execute();
    }
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('answers the administrator’s top units, not the tree, each with its number of children', async () => {
    const roots = await page(admin);
    expect(roots.items.map((u) => u.name)).toEqual([
      'Sở Giáo dục và Đào tạo tỉnh A',
      'Sở Giáo dục và Đào tạo tỉnh B',
    ]);
    expect(roots.total).toBe(2);
    expect(roots.nextOffset).toBeNull();
    expect(roots.items[0]?.childCount).toBe(4);
    expect(roots.items[0]?.ancestors).toEqual([]);
    const offices = await page(admin, `?kind=province,commune&parentId=${fx.provinceId}`);
    expect(offices.items.map((u) => u.kind)).toEqual([
      'province',
      'commune',
      'commune',
      'commune',
      'commune',
    ]);
    const unknown = await get(admin, '/api/units?kind=village');
    expect(unknown.statusCode).toBe(400);
  });

  it('answers the children of a unit, offices by name, then pages on', async () => {
    const children = await page(admin, `?parentId=${fx.provinceId}`);
    expect(children.items.map((u) => u.name)).toEqual([
      'UBND phường Mỹ Phước',
      'UBND xã An Lập',
      'UBND xã Định Hiệp',
      'UBND xã Lớn',
    ]);
    expect(children.items.map((u) => u.childCount)).toEqual([1, 1, 1, BIG_SCHOOLS]);
    expect(children.items[0]?.ancestors).toEqual([
      { id: fx.provinceId, name: 'Sở Giáo dục và Đào tạo tỉnh A', kind: 'province' },
    ]);

    const first = await page(admin, `?parentId=${fx.provinceId}&limit=3`);
    expect(first.items).toHaveLength(3);
    expect(first).toMatchObject({ total: 4, nextOffset: 3 });
    const second = await page(admin, `?parentId=${fx.provinceId}&limit=3&offset=3`);
    expect(second.items.map((u) => u.name)).toEqual(['UBND xã Lớn']);
    expect(second.nextOffset).toBeNull();
    expect((await page(admin, `?parentId=${fx.provinceId}&offset=40`)).items).toEqual([]);
  });

  it('keeps every answer small, even under a commune of 2,000 schools', async () => {
    const res = await get(admin, `/api/units?parentId=${bigCommune}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as UnitPage;
    expect(body.items).toHaveLength(200);
    expect(body).toMatchObject({ total: BIG_SCHOOLS, nextOffset: 200 });
    // 200 schools with their trail: about 100 kB, nowhere near the whole tree.
    expect(res.body.length).toBeLessThan(200_000);
    const widest = await get(admin, `/api/units?parentId=${bigCommune}&limit=500&offset=1900`);
    expect((widest.json() as UnitPage).items).toHaveLength(100);
    expect((await get(admin, '/api/units')).body.length).toBeLessThan(2_000);
    // Searching every school of the province answers one page too.
    const schools = await get(admin, `/api/units?kind=school&parentId=${fx.provinceId}`);
    expect((schools.json() as UnitPage).total).toBe(BIG_SCHOOLS + 3);
    expect(schools.body.length).toBeLessThan(200_000);
    // Paging walks every child exactly once, in a stable order.
    const seen = new Set<string>();
    let offset: number | null = 0;
    while (offset !== null) {
      const next: UnitPage = await page(
        admin,
        `?parentId=${bigCommune}&limit=500&offset=${offset}`,
      );
      for (const unit of next.items) seen.add(unit.id);
      offset = next.nextOffset;
    }
    expect(seen.size).toBe(BIG_SCHOOLS);
  });

  it('refuses a page over the limit in Vietnamese', async () => {
    const res = await get(admin, '/api/units?limit=501');
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêệếềểễôốồổỗộơớờởỡợưứừửữựđ]/u);
  });

  it('finds units by name without diacritics, with their trail', async () => {
    expect((await page(admin, '?q=phuong')).items.map((u) => u.name)).toEqual([
      'UBND phường Mỹ Phước',
    ]);
    const found = await page(admin, '?q=my%20phuoc');
    expect(found.items.map((u) => u.name)).toEqual([
      'UBND phường Mỹ Phước',
      'Trường THCS Mỹ Phước',
    ]);
    expect(found.items[1]?.ancestors.map((a) => a.name)).toEqual([
      'Sở Giáo dục và Đào tạo tỉnh A',
      'UBND phường Mỹ Phước',
    ]);
    expect((await page(admin, '?q=dinh%20hiep')).items.map((u) => u.name)).toEqual([
      'UBND xã Định Hiệp',
      'Trường Tiểu học Định Hiệp',
    ]);
    expect((await page(admin, '?q=ĐỊNH')).total).toBe(2);
    expect((await page(admin, '?q=khong%20co%20truong%20nay')).total).toBe(0);
    const schools = await page(admin, `?q=so%2012&kind=school&parentId=${bigCommune}&limit=5`);
    expect(schools.items.map((u) => u.name)).toEqual([
      'Trường Tiểu học Số 12',
      'Trường Tiểu học Số 120',
      'Trường Tiểu học Số 1200',
      'Trường Tiểu học Số 1201',
      'Trường Tiểu học Số 1202',
    ]);
    // Words match at the start of words: “12” is not found inside “112”.
    expect(schools.total).toBe(111);
  });

  it('shows an office its own units only: another xã’s units are a 404 and never found', async () => {
    const roots = await page(office);
    expect(roots.items.map((u) => u.id)).toEqual([fx.communeId]);
    expect(roots.items[0]?.childCount).toBe(1);
    const children = await page(office, `?parentId=${fx.communeId}`);
    expect(children.items.map((u) => u.id)).toEqual([fx.own.schoolId]);
    expect((await page(office, '?kind=school')).items.map((u) => u.id)).toEqual([fx.own.schoolId]);
    expect((await page(office, '?q=truong')).items.map((u) => u.id)).toEqual([fx.own.schoolId]);
    expect((await page(office, '?q=an%20lap')).total).toBe(0);
    expect((await page(office, '?q=phuong')).total).toBe(0);

    for (const hidden of [otherCommune, fx.provinceId, fx.foreign.schoolId, bigCommune]) {
      expect((await get(office, `/api/units?parentId=${hidden}`)).statusCode).toBe(404);
      expect((await get(office, `/api/units/${hidden}`)).statusCode).toBe(404);
    }
    expect((await get(otherOffice, `/api/units?parentId=${fx.communeId}`)).statusCode).toBe(404);
    expect((await get(otherOffice, `/api/units/${fx.own.schoolId}`)).statusCode).toBe(404);
    expect((await page(otherOffice)).items.map((u) => u.name)).toEqual(['UBND xã An Lập']);
    expect((await page(otherOffice, '?q=dinh%20hiep')).total).toBe(0);
  });

  it('shows a school role its school only', async () => {
    const roots = await page(principal);
    expect(roots.items.map((u) => u.id)).toEqual([fx.own.schoolId]);
    expect(roots.items[0]?.ancestors.map((a) => a.name)).toEqual([
      'Sở Giáo dục và Đào tạo tỉnh A',
      'UBND xã Định Hiệp',
    ]);
    expect((await page(principal, `?parentId=${fx.own.schoolId}`)).items).toEqual([]);
    expect((await get(principal, `/api/units?parentId=${fx.communeId}`)).statusCode).toBe(404);
    expect((await page(principal, '?q=xa')).total).toBe(0);
  });

  it('answers one unit with its breadcrumb and number of children', async () => {
    const unit = ok<Unit>(await get(office, `/api/units/${fx.own.schoolId}`));
    expect(unit.ancestors.map((a) => a.id)).toEqual([fx.provinceId, fx.communeId]);
    expect(unit.childCount).toBe(0);
    expect(ok<Unit>(await get(admin, `/api/units/${bigCommune}`)).childCount).toBe(BIG_SCHOOLS);
  });

  it('creates, renames, moves and deletes units; the pages follow', async () => {
    const school = await create('school', 'Trường Tiểu học Tạm', ward);
    expect((await page(admin, `?parentId=${ward}`)).total).toBe(2);
    const wrong = await call(ctx.app, admin, {
      method: 'POST',
      url: '/api/units',
      payload: { kind: 'commune', name: 'Xã trong trường', parentId: school.id },
    });
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as { error: { message: string } }).error.message).toContain(
      'Không thể đặt',
    );

    const renamed = ok<Unit>(
      await call(ctx.app, admin, {
        method: 'PATCH',
        url: `/api/units/${school.id}`,
        payload: { name: 'Trường Tiểu học Phước Hòa', version: school.version },
      }),
    );
    expect((await page(admin, '?q=phuoc%20hoa')).items.map((u) => u.id)).toEqual([school.id]);

    const moved = ok<Unit>(
      await call(ctx.app, admin, {
        method: 'PATCH',
        url: `/api/units/${school.id}`,
        payload: { parentId: otherCommune, version: renamed.version },
      }),
    );
    expect(moved.ancestors.map((a) => a.id)).toEqual([fx.provinceId, otherCommune]);
    expect((await page(admin, `?parentId=${ward}`)).total).toBe(1);
    expect((await page(otherOffice, '?kind=school')).items.map((u) => u.id)).toContain(school.id);
    expect((await page(office, '?q=phuoc%20hoa')).total).toBe(0);

    const stale = await call(ctx.app, admin, {
      method: 'PATCH',
      url: `/api/units/${school.id}`,
      payload: { name: 'Cũ', version: renamed.version },
    });
    expect(stale.statusCode).toBe(409);

    const busy = await call(ctx.app, admin, { method: 'DELETE', url: `/api/units/${ward}` });
    expect(busy.statusCode).toBe(409);
    ok(await call(ctx.app, admin, { method: 'DELETE', url: `/api/units/${school.id}` }));
    expect((await get(admin, `/api/units/${school.id}`)).statusCode).toBe(404);
    expect((await page(otherOffice, '?q=phuoc%20hoa')).total).toBe(0);
    expect(ok<Unit>(await get(admin, `/api/units/${otherCommune}`)).childCount).toBe(1);
  });
});
