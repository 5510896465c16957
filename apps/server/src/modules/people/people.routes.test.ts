import { buildStaffTemplate } from '@caitien/documents';
import { testDialects } from '@caitien/db/testing';
import type { SchoolProfile } from '@caitien/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, ok } from '../../testing/api-client.ts';
import { buildAccessFixtures, type AccessFixtures } from '../../testing/access-fixtures.ts';
import { schoolProfileBody } from '../../testing/builders.ts';
import { createTestApp } from '../../testing/test-app.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(testDialects())('people directory on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  beforeAll(async () => {
    ctx = await createTestApp(dialect);
    fx = await buildAccessFixtures(ctx.app);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('keeps names exactly as typed and sorts by given name', async () => {
    const principal = await fx.signInAs('principal');
    const url = `/api/schools/${fx.own.schoolId}/people`;
    const names = ['Trần Thị Ánh', 'Nguyễn Văn Bảo', 'Lê  Thị\nAn', 'Đặng Minh Ân'];
    for (const fullName of names)
      ok(await call(ctx.app, principal, { method: 'POST', url, payload: { fullName } }));
    const list = ok<{ items: { fullName: string }[] }>(
      await call(ctx.app, principal, { method: 'GET', url }),
    );
    const got = list.items.map((p) => p.fullName).filter((n) => names.includes(n));
    // By the last word in the Vietnamese alphabet (A < Ă < Â, tones after letters): An, Ánh, Ân,
    // Bảo; the double space and the line break are kept.
    expect(got).toEqual(['Lê  Thị\nAn', 'Trần Thị Ánh', 'Đặng Minh Ân', 'Nguyễn Văn Bảo']);
  });

  it('rejects blank and over-long names with field errors in Vietnamese', async () => {
    const principal = await fx.signInAs('principal');
    const url = `/api/schools/${fx.own.schoolId}/people`;
    const blank = await call(ctx.app, principal, {
      method: 'POST',
      url,
      payload: { fullName: '   ' },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details.fields[0]).toMatchObject({
      field: 'fullName',
      message: 'Không được để trống',
    });
    const long = await call(ctx.app, principal, {
      method: 'POST',
      url,
      payload: { fullName: 'a'.repeat(201) },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('fullName');
  });

  it('answers 409 with the current person when two people save the same field', async () => {
    const principal = await fx.signInAs('principal');
    const admin = fx.adminSession;
    const created = ok<{ id: string; version: number }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/people`,
        payload: { fullName: 'Võ Thị Mai' },
      }),
    );
    const url = `/api/schools/${fx.own.schoolId}/people/${created.id}`;
    const first = await call(ctx.app, principal, {
      method: 'PATCH',
      url,
      payload: { position: 'Tổ trưởng', version: created.version },
    });
    expect(first.statusCode).toBe(200);
    const second = await call(ctx.app, admin, {
      method: 'PATCH',
      url,
      payload: { position: 'Giáo viên', version: created.version },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details.current).toMatchObject({
      position: 'Tổ trưởng',
      version: created.version + 1,
    });
  });

  it('keeps the council with its member roles, and refuses members from another school', async () => {
    const principal = await fx.signInAs('principal');
    const url = `/api/schools/${fx.own.schoolId}/groups`;
    const people = ok<{ items: { id: string }[] }>(
      await call(ctx.app, principal, {
        method: 'GET',
        url: `/api/schools/${fx.own.schoolId}/people`,
      }),
    );
    const [a, b, c] = people.items;
    const council = ok<{ id: string; members: { memberRole: string }[] }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url,
        payload: {
          kind: 'council',
          name: 'Hội đồng tự đánh giá năm học 2026-2027',
          members: [
            { personId: a?.id, memberRole: 'chair' },
            { personId: b?.id, memberRole: 'secretary' },
            { personId: c?.id, memberRole: 'member' },
          ],
        },
      }),
    );
    expect(council.members.map((m) => m.memberRole)).toEqual(['chair', 'secretary', 'member']);
    const foreignMember = await call(ctx.app, principal, {
      method: 'POST',
      url,
      payload: {
        kind: 'council',
        name: 'Sai',
        members: [{ personId: fx.foreign.personId, memberRole: 'member' }],
      },
    });
    expect(foreignMember.statusCode).toBe(400);
  });

  it('imports a staff list: preview first, then create, without duplicates', async () => {
    const principal = await fx.signInAs('principal');
    const url = `/api/schools/${fx.own.schoolId}/people/import`;
    const file = Buffer.from(await buildStaffTemplate());
    const preview = ok<{ dryRun: boolean; rows: { fullName: string }[]; createdCount: number }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `${url}?dryRun=true`,
        payload: file,
        headers: { 'content-type': XLSX },
      }),
    );
    expect(preview.dryRun).toBe(true);
    expect(preview.rows.length).toBeGreaterThan(0);
    expect(preview.createdCount).toBe(0);
    const before = ok<{ items: unknown[] }>(
      await call(ctx.app, principal, {
        method: 'GET',
        url: `/api/schools/${fx.own.schoolId}/people`,
      }),
    );
    const done = ok<{ createdCount: number }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `${url}?dryRun=false`,
        payload: file,
        headers: { 'content-type': XLSX },
      }),
    );
    expect(done.createdCount).toBe(preview.rows.length);
    const after = ok<{ items: unknown[] }>(
      await call(ctx.app, principal, {
        method: 'GET',
        url: `/api/schools/${fx.own.schoolId}/people`,
      }),
    );
    expect(after.items.length).toBe(before.items.length + preview.rows.length);
    const again = ok<{ createdCount: number; skippedExistingCount: number }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `${url}?dryRun=false`,
        payload: file,
        headers: { 'content-type': XLSX },
      }),
    );
    expect(again.createdCount).toBe(0);
    expect(again.skippedExistingCount).toBe(preview.rows.length);
  });

  it('offers the template for download, and it imports cleanly', async () => {
    const principal = await fx.signInAs('principal');
    const res = await call(ctx.app, principal, {
      method: 'GET',
      url: `/api/schools/${fx.own.schoolId}/people/import-template`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const preview = ok<{ rows: unknown[] }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/people/import?dryRun=true`,
        payload: res.rawPayload,
        headers: { 'content-type': XLSX },
      }),
    );
    expect(preview.rows.length).toBeGreaterThan(0);
  });

  it('refuses files that are not Excel, too large, or of the wrong type — nothing written', async () => {
    const principal = await fx.signInAs('principal');
    const url = `/api/schools/${fx.own.schoolId}/people/import?dryRun=false`;
    const count = async () =>
      ok<{ items: unknown[] }>(
        await call(ctx.app, principal, {
          method: 'GET',
          url: `/api/schools/${fx.own.schoolId}/people`,
        }),
      ).items.length;
    const before = await count();
    const pdf = await call(ctx.app, principal, {
      method: 'POST',
      url,
      payload: Buffer.from('%PDF-1.4 không phải excel'),
      headers: { 'content-type': XLSX },
    });
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.message).toMatch(/[Ee]xcel|xlsx/);
    const huge = await call(ctx.app, principal, {
      method: 'POST',
      url,
      payload: Buffer.alloc(11 * 1024 * 1024, 1),
      headers: { 'content-type': XLSX },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toContain('dung lượng');
    const json = await call(ctx.app, principal, { method: 'POST', url, payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
    expect(await count()).toBe(before);
  });

  it('records every change in the audit log, before → after, visible to the principal', async () => {
    const principal = await fx.signInAs('principal');
    const created = ok<{ id: string; version: number }>(
      await call(ctx.app, principal, {
        method: 'POST',
        url: `/api/schools/${fx.own.schoolId}/people`,
        payload: { fullName: 'Hồ Văn Kiểm', position: 'Bảo vệ' },
      }),
    );
    ok(
      await call(ctx.app, principal, {
        method: 'PATCH',
        url: `/api/schools/${fx.own.schoolId}/people/${created.id}`,
        payload: { position: 'Nhân viên bảo vệ', version: created.version },
      }),
    );
    const audit = ok<{
      items: {
        action: string;
        entityId: string;
        actorName: string;
        before: { position?: string } | null;
        after: { position?: string } | null;
      }[];
    }>(
      await call(ctx.app, principal, {
        method: 'GET',
        url: `/api/audit?unitId=${fx.own.schoolId}&limit=5`,
      }),
    );
    const update = audit.items.find(
      (e) => e.action === 'person.update' && e.entityId === created.id,
    );
    expect(update?.before?.position).toBe('Bảo vệ');
    expect(update?.after?.position).toBe('Nhân viên bảo vệ');
    expect(update?.actorName).toContain('hieutruong.a');
    // Pagination with the cursor.
    const page1 = ok<{ items: { id: string }[]; nextCursor: string | null }>(
      await call(ctx.app, principal, {
        method: 'GET',
        url: `/api/audit?unitId=${fx.own.schoolId}&limit=2`,
      }),
    );
    expect(page1.nextCursor).not.toBeNull();
    const page2 = ok<{ items: { id: string }[] }>(
      await call(ctx.app, principal, {
        method: 'GET',
        url: `/api/audit?unitId=${fx.own.schoolId}&limit=2&cursor=${encodeURIComponent(page1.nextCursor ?? '')}`,
      }),
    );
    expect(page2.items.map((e) => e.id)).not.toContain(page1.items[0]?.id);
  });

  it('fills the school profile and derives the framework from the level and year', async () => {
    const principal = await fx.signInAs('principal');
    const url = `/api/schools/${fx.own.schoolId}/profile`;
    const current = ok<SchoolProfile>(await call(ctx.app, principal, { method: 'GET', url }));
    const saved = ok<{
      officialName: string;
      governingBody: string;
      frameworks: { frameworkCode: string }[];
      documentSymbol: string;
    }>(
      await call(ctx.app, principal, {
        method: 'PUT',
        url,
        payload: schoolProfileBody(current, {
          officialName: 'Trường Tiểu học Định Hiệp',
          governingBody: 'UBND XÃ ĐỊNH HIỆP',
          documentSymbol: 'THĐP',
          address: 'Ấp 1, xã Định Hiệp',
          sites: [
            { name: 'Điểm chính', address: 'Ấp 1' },
            { name: 'Điểm lẻ Hòa Cường', address: 'Ấp 3' },
          ],
          supervisingUnitIds: [fx.provinceId],
        }),
      }),
    );
    expect(saved.documentSymbol).toBe('THĐP');
    // The fixed clock is 23/11/2026: school year 2026-2027, so tiểu học follows TT57 phổ thông.
    expect(saved.frameworks).toEqual([
      { schoolLevel: 'tieu_hoc', schoolYear: '2026-2027', frameworkCode: 'TT57-PT' },
    ]);
    const staff = await fx.signInAs('staff');
    // Staff may read the profile but not change it.
    expect(
      (await call(ctx.app, staff, { method: 'PUT', url, payload: { ...saved } })).statusCode,
    ).toBe(403);
  });
});
