/**
 * Prometheus metrics at `GET /metrics` (issue 15): requests and their latency by route pattern (never
 * the raw URL: no ids, no personal data, bounded label values), the e-mail outbox, overdue jobs and
 * the job queue's depth per queue,
 * PostgreSQL's connection pool, and — in the server process — Node's own (CPU, memory, event-loop
 * delay, GC). Each app has its own registry, so tests and several apps in one process never mix.
 */
import { timingSafeEqual } from 'node:crypto';
import type { DatabaseHandle, Repositories } from '@caitien/db';
import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../../clock.ts';
import { sendError } from '../../plugins/error-handler.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';

export interface MetricsOptions {
  /** When set, `/metrics` answers only `Authorization: Bearer <token>` (METRICS_TOKEN). */
  token?: string | null;
  /** Node's process metrics (the server turns them on; tests building many apps do not). */
  processMetrics?: boolean;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerMetrics(
  app: FastifyInstance,
  deps: {
    database: DatabaseHandle;
    repositories: Pick<Repositories, 'notifications' | 'rollupTallies'>;
    clock: Clock;
    options: MetricsOptions;
    /** The job queue, whose depth per queue is a gauge (issue 15 "Background jobs"). */
    jobQueue?: Pick<JobQueue, 'depths'>;
  },
): Registry {
  const registry = new Registry();
  if (deps.options.processMetrics) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'caitien_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'caitien_http_request_duration_seconds',
    help: 'Time from the request to the end of the answer, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    // The route's pattern (/api/plans/:planId), or one label for every path no route matched.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status_code: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });

  new Gauge({
    name: 'caitien_mail_outbox_messages',
    help: 'E-mails in the outbox by status (pending, sending, failed, sent)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await deps.repositories.notifications.outboxCountsByStatus();
      for (const status of ['pending', 'sending', 'failed', 'sent']) {
        this.set({ status }, counts[status] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'caitien_jobs_overdue',
    help: 'Background jobs due and not running (stays at 0 or 1 while a runner is alive)',
    registers: [registry],
    async collect() {
      this.set(
        await deps.repositories.notifications.overdueJobCount(deps.clock.now().toISOString()),
      );
    },
  });
  new Gauge({
    name: 'caitien_rollup_marks_pending',
    help: 'Roll-up marks (school, school year) written and not yet folded into the stored tallies',
    registers: [registry],
    async collect() {
      this.set(await deps.repositories.rollupTallies.countDirty());
    },
  });
  const { jobQueue } = deps;
  if (jobQueue) {
    new Gauge({
      name: 'caitien_job_queue_jobs',
      help: 'Jobs in each queue of the job queue by state (waiting: queued or waiting to retry; active; failed for good)',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const depth of await jobQueue.depths()) {
          this.set({ queue: depth.name, state: 'waiting' }, depth.waiting);
          this.set({ queue: depth.name, state: 'active' }, depth.active);
          this.set({ queue: depth.name, state: 'failed' }, depth.failed);
        }
      },
    });
  }
  const { poolStats } = deps.database;
  if (poolStats) {
    new Gauge({
      name: 'caitien_db_pool_connections',
      help: 'PostgreSQL pool connections: total open, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = poolStats();
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
    new Gauge({
      name: 'caitien_db_pool_max_connections',
      help: 'PostgreSQL pool size limit',
      registers: [registry],
      collect() {
        this.set(poolStats().max);
      },
    });
  }

  const token = deps.options.token ?? null;
  app.withTypeProvider<ZodTypeProvider>().route({
    ...routeOptions(routes.metrics),
    logLevel: 'warn',
    handler: async (request, reply) => {
      if (token) {
        const header = request.headers.authorization ?? '';
        const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
        if (!sameToken(given, token)) {
          return sendError(
            reply,
            request,
            'UNAUTHENTICATED',
            'Cần mã truy cập số liệu giám sát (Authorization: Bearer <METRICS_TOKEN>).',
          );
        }
      }
      const body = await registry.metrics();
      // Prometheus text: the route's schemas cover only the JSON error answer.
      return reply.header('content-type', registry.contentType).send(body as never);
    },
  });
  return registry;
}
