import { testDialects } from '@caitien/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The value of one sample line (`name{labels} value`) in Prometheus text, or undefined. */
function sample(text: string, line: RegExp): number | undefined {
  for (const l of text.split('\n')) {
    const m = l.match(line);
    if (m) return Number(l.slice(l.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe.each(testDialects())('GET /metrics on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('counts requests by route pattern, never by raw URL, with their latency', async () => {
    t = await createTestApp(dialect);
    await t.app.inject({ method: 'GET', url: '/api/frameworks' });
    await t.app.inject({ method: 'GET', url: '/api/frameworks' });
    await t.app.inject({ method: 'GET', url: '/api/frameworks/TT18' });
    await t.app.inject({ method: 'GET', url: '/api/frameworks/KHONG-CO' });
    await t.app.inject({ method: 'GET', url: '/api/khong-co/nguyen-van-a@truong.edu.vn' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(
      sample(
        text,
        /^caitien_http_requests_total\{method="GET",route="\/api\/frameworks",status_code="200"\}/,
      ),
    ).toBe(2);
    expect(
      sample(
        text,
        /^caitien_http_requests_total\{method="GET",route="\/api\/frameworks\/:id",status_code="200"\}/,
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        /^caitien_http_requests_total\{method="GET",route="\/api\/frameworks\/:id",status_code="404"\}/,
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        /^caitien_http_requests_total\{method="GET",route="unmatched",status_code="404"\}/,
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        /^caitien_http_request_duration_seconds_count\{method="GET",route="\/api\/frameworks"\}/,
      ),
    ).toBe(2);
    // No raw path, id or address reaches a label.
    expect(text).not.toContain('TT18');
    expect(text).not.toContain('nguyen-van-a');
    // The queue gauges answer from the database; Node's process metrics are off in tests.
    expect(sample(text, /^caitien_mail_outbox_messages\{status="pending"\}/)).toBe(0);
    expect(sample(text, /^caitien_jobs_overdue /)).toBe(0);
    // Roll-up marks waiting to be folded into the tallies (none: nothing written yet).
    expect(sample(text, /^caitien_rollup_marks_pending /)).toBe(0);
    // The job queue's depth per queue (nothing waiting in a fresh app).
    expect(sample(text, /^caitien_job_queue_jobs\{queue="plan-export",state="waiting"\}/)).toBe(0);
    expect(sample(text, /^caitien_job_queue_jobs\{queue="mail",state="failed"\}/)).toBe(0);
    expect(text).not.toContain('process_cpu_seconds_total');
    if (dialect === 'postgres') {
      expect(sample(text, /^caitien_db_pool_max_connections /)).toBe(4);
      expect(sample(text, /^caitien_db_pool_connections\{state="total"\}/)).toBeGreaterThan(0);
    } else {
      expect(text).not.toContain('caitien_db_pool');
    }
  });

  it('asks for the token when METRICS_TOKEN is set, in Vietnamese', async () => {
    t = await createTestApp(dialect, {
      metrics: { token: 'mot-ma-rat-dai-2026-12-05', processMetrics: true },
    });
    const none = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('METRICS_TOKEN') },
    });
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer mot-ma-rat-dai-2026-12-06' },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer mot-ma-rat-dai-2026-12-05' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('process_cpu_seconds_total');
    expect(right.body).toContain('nodejs_eventloop_lag_seconds');
  });
});
