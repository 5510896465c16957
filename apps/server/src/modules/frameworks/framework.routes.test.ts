import { createFrameworkRepository } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import {
  errorResponseSchema,
  frameworkDetailSchema,
  listFrameworksResponseSchema,
  type FrameworkDetail,
} from '@caitien/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, createTestApp } from '../../testing/test-app.ts';
import { createFrameworkService } from './framework.service.ts';

describe.each(testDialects())('framework catalogue API on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    ctx = await createTestApp(dialect);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('GET /api/frameworks lists the current version of every framework with criteria counts', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/frameworks' });
    expect(res.statusCode).toBe(200);
    const body = listFrameworksResponseSchema.parse(res.json());
    const byCode = Object.fromEntries(body.items.map((f) => [f.code, f]));
    expect(Object.keys(byCode).sort()).toEqual(
      ['TT17', 'TT18', 'TT19', 'TT57-GDTX', 'TT57-MN', 'TT57-PT'].sort(),
    );
    expect(byCode.TT19?.criterionCount).toBe(25);
    expect(byCode.TT17?.criterionCount).toBe(27);
    expect(byCode.TT18?.criterionCount).toBe(28);
    for (const code of ['TT57-MN', 'TT57-PT', 'TT57-GDTX'] as const) {
      expect(byCode[code]).toMatchObject({
        criterionCount: 15,
        standardCount: 4,
        mandatoryCriterionCount: 8,
        levels: [1, 2],
        regime: '2026',
      });
    }
    expect(byCode.TT17).toMatchObject({ id: 'TT17@2', isCurrent: true, levels: [1, 2, 3] });
    expect(byCode.TT17?.level4ItemCount).toBe(5);
  });

  it('lists superseded versions on request and filters by school level', async () => {
    const all = listFrameworksResponseSchema.parse(
      (await ctx.app.inject({ url: '/api/frameworks?allVersions=true' })).json(),
    );
    expect(all.items.map((f) => f.id)).toContain('TT17@1');
    expect(all.items.find((f) => f.id === 'TT17@1')?.isCurrent).toBe(false);
    const thcs = listFrameworksResponseSchema.parse(
      (await ctx.app.inject({ url: '/api/frameworks?schoolLevel=thcs' })).json(),
    );
    expect(thcs.items.map((f) => f.code).sort()).toEqual(['TT18', 'TT57-PT']);
  });

  it('answers malformed query parameters with 400 naming the field, in Vietnamese', async () => {
    for (const url of ['/api/frameworks?allVersions=yes', '/api/frameworks?schoolLevel=daihoc']) {
      const res = await ctx.app.inject({ url });
      expect(res.statusCode).toBe(400);
      const body = errorResponseSchema.parse(res.json());
      expect(body.error.code).toBe('VALIDATION_ERROR');
      const field = url.includes('allVersions') ? 'allVersions' : 'schoolLevel';
      expect(body.error.message).toContain(field);
      expect(body.error.message).toMatch(/không hợp lệ/);
      expect(body.requestId).toBe(res.headers['x-request-id']);
    }
  });

  it('GET /api/frameworks/:id returns standards → criteria → requirements by level', async () => {
    const res = await ctx.app.inject({ url: '/api/frameworks/TT17' });
    expect(res.statusCode).toBe(200);
    const body: FrameworkDetail = frameworkDetailSchema.parse(res.json());
    expect(body.id).toBe('TT17@2');
    expect(body.standards).toHaveLength(5);
    const c11 = body.standards[0]?.criteria[0];
    expect(c11?.code).toBe('1.1');
    expect(c11?.title).toBe('Phương hướng, chiến lược xây dựng và phát triển nhà trường');
    const level1 = c11?.levels.find((l) => l.level === 1);
    expect(level1?.indicators.map((i) => i.key)).toEqual(['a', 'b', 'c']);
    expect(level1?.indicators[1]?.text).toBe(
      'Được xác định bằng văn bản và cấp có thẩm quyền phê duyệt;',
    );
    // TT22/2024 repealed 2.2 a) at Mức 2 in version 2, and the text stays.
    const c22 = body.standards[1]?.criteria.find((c) => c.code === '2.2');
    const a2 = c22?.levels.find((l) => l.level === 2)?.indicators.find((i) => i.key === 'a');
    expect(a2?.repealed?.by).toContain('22/2024');
    expect(a2?.text.length).toBeGreaterThan(10);
    // 1.2 has no Mức 3 requirement.
    const c12 = body.standards[0]?.criteria.find((c) => c.code === '1.2');
    expect(c12?.levels.find((l) => l.level === 3)?.hasRequirements).toBe(false);
    expect(body.level4Items).toHaveLength(5);
  });

  it('serves an older version by its id, and TT57 with its mandatory criteria', async () => {
    const v1 = frameworkDetailSchema.parse(
      (await ctx.app.inject({ url: '/api/frameworks/TT17@1' })).json(),
    );
    expect(v1.isCurrent).toBe(false);
    const allIndicators = v1.standards.flatMap((s) =>
      s.criteria.flatMap((c) => c.levels.flatMap((l) => l.indicators)),
    );
    expect(allIndicators.every((i) => i.repealed === null)).toBe(true);

    const pt = frameworkDetailSchema.parse(
      (await ctx.app.inject({ url: '/api/frameworks/TT57-PT' })).json(),
    );
    const mandatory = pt.standards.flatMap((s) =>
      s.criteria.filter((c) => c.mandatory).map((c) => c.code),
    );
    expect(mandatory).toEqual(['1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2']);
    expect(pt.levels).toEqual([1, 2]);
    const c14 = pt.standards[0]?.criteria.find((c) => c.code === '1.4');
    expect(c14?.titleVariants.length).toBeGreaterThan(0);
  });

  it('answers an unknown framework with 404 and a Vietnamese message', async () => {
    for (const id of ['TT99', 'TT17@9', 'khong-ton-tai', '%00']) {
      const res = await ctx.app.inject({ url: `/api/frameworks/${encodeURIComponent(id)}` });
      expect(res.statusCode).toBe(404);
      const body = errorResponseSchema.parse(res.json());
      expect(body.error.code).toBe('NOT_FOUND');
      expect(body.error.message).toContain('Không tìm thấy bộ tiêu chuẩn');
    }
  });

  it('searches without diacritics with ?q=', async () => {
    const res = await ctx.app.inject({ url: '/api/frameworks/TT17?q=phuong%20huong' });
    expect(res.statusCode).toBe(200);
    const body = frameworkDetailSchema.parse(res.json());
    const codes = body.standards.flatMap((s) => s.criteria.map((c) => c.code));
    expect(codes).toContain('1.1');
    expect(codes.length).toBeLessThan(27);
    const none = frameworkDetailSchema.parse(
      (await ctx.app.inject({ url: '/api/frameworks/TT17?q=zzzkhongco' })).json(),
    );
    expect(none.standards).toEqual([]);
    const tooLong = await ctx.app.inject({ url: `/api/frameworks/TT17?q=${'a'.repeat(201)}` });
    expect(tooLong.statusCode).toBe(400);
  });

  it('supports conditional requests with an ETag', async () => {
    const first = await ctx.app.inject({ url: '/api/frameworks/TT19' });
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const second = await ctx.app.inject({
      url: '/api/frameworks/TT19',
      headers: { 'if-none-match': String(etag) },
    });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
  });

  it('keeps a used version immutable: a correction makes a new version', async () => {
    const repository = createFrameworkRepository(ctx.database.db);
    const service = createFrameworkService({
      frameworkRepository: repository,
      clock: fixedClock(),
    });

    // Unused version: corrected in place.
    const inPlace = await service.correctFramework(
      'TT57-GDTX',
      (f) => ({ ...f, name: `${f.name} — hiệu chỉnh` }),
      'Hiệu chỉnh tên',
    );
    expect(inPlace).toBe('TT57-GDTX@1');

    // Used version: locked, so the correction becomes version 2 and version 1 stays as it was.
    await service.lockFramework('TT57-GDTX');
    const before = (await ctx.app.inject({ url: '/api/frameworks/TT57-GDTX@1' })).json();
    const next = await service.correctFramework(
      'TT57-GDTX',
      (f) => {
        const first = f.standards[0]?.criteria[0];
        if (first) first.title = `${first.title} (đã sửa)`;
        return f;
      },
      'Sửa tên tiêu chí 1.1',
    );
    expect(next).toBe('TT57-GDTX@2');
    const after = (await ctx.app.inject({ url: '/api/frameworks/TT57-GDTX@1' })).json();
    expect({ ...after, isCurrent: true }).toEqual({ ...before, isCurrent: true });
    expect(after.isLocked).toBe(true);
    const current = frameworkDetailSchema.parse(
      (await ctx.app.inject({ url: '/api/frameworks/TT57-GDTX' })).json(),
    );
    expect(current.id).toBe('TT57-GDTX@2');
    expect(current.changeNote).toBe('Sửa tên tiêu chí 1.1');
    expect(current.standards[0]?.criteria[0]?.title).toContain('(đã sửa)');
  });
});
