import { routes } from '@caitien/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './testing/test-app.ts';

describe('application shell', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    ctx = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('registers every route of the shared route table', () => {
    for (const [name, route] of Object.entries(routes)) {
      expect(ctx.app.hasRoute({ method: route.method, url: route.path }), name).toBe(true);
    }
  });

  it('answers the liveness and readiness probes', async () => {
    expect((await ctx.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await ctx.app.inject({ url: '/readyz' })).json()).toEqual({
      status: 'ready',
      database: 'sqlite',
    });
  });

  it('publishes an OpenAPI document with every API route and a docs page', async () => {
    const res = await ctx.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of Object.values(routes)) {
      const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
      expect(Object.keys(doc.paths)).toContain(openApiPath);
    }
    const docs = await ctx.app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API paths with the one error shape and a request id', async () => {
    const res = await ctx.app.inject({ url: '/api/khong-co' });
    expect(res.statusCode).toBe(404);
    const body = res.json() as { error: { code: string; message: string }; requestId: string };
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toContain('Không tìm thấy');
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('keeps a sane incoming request id and replaces an unsafe one', async () => {
    const kept = await ctx.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await ctx.app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    // Replaced by a fresh UUID (not `not.toContain('bad')`: "bad" is valid hex in a UUID).
    expect(replaced.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('sends security headers', async () => {
    const res = await ctx.app.inject({ url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('reports not ready, in Vietnamese, when the database is gone', async () => {
    const broken = await createTestApp('sqlite');
    await broken.database.close();
    const res = await broken.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toContain('cơ sở dữ liệu');
    await broken.app.close();
  });
});
