import { randomUUID } from 'node:crypto';
import type { Database } from '@caitien/db';
import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { JobLogger } from './job-runner.ts';
import {
  createPoller,
  depthsFrom,
  errorText,
  type JobQueue,
  type JobState,
  type QueueDefinition,
  type QueuedJob,
  type RunPendingOptions,
  type SendOptions,
} from './job-queue.ts';

interface PgBossRow {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  singleton_key: string | null;
  retry_count: number;
  retry_limit: number;
  output: unknown;
  created_on: Date;
  started_on: Date | null;
  start_after: Date;
  completed_on: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS =
  'id, name, state, data, singleton_key, retry_count, retry_limit, output, created_on, started_on, start_after, completed_on';

/** pg-boss keeps a failure as `{ message, … }` (ours) or `{ value: { message } }` (its timeouts). */
function messageOf(output: unknown): string | null {
  if (typeof output !== 'object' || output === null) return null;
  const o = output as { message?: unknown; value?: { message?: unknown } };
  if (typeof o.message === 'string') return o.message;
  if (typeof o.value?.message === 'string') return o.value.message;
  return null;
}

function toJob(r: PgBossRow): QueuedJob {
  const failed = r.state === 'retry' || r.state === 'failed';
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    data: r.data,
    singletonKey: r.singleton_key,
    // pg-boss counts retries when a retried job is fetched; a job once started has run once more.
    attempts: r.retry_count + (r.started_on ? 1 : 0),
    retryLimit: r.retry_limit,
    lastError: failed ? messageOf(r.output) : null,
    output: failed ? null : (r.output ?? null),
    createdOn: r.created_on.toISOString(),
    startedOn: r.started_on ? r.started_on.toISOString() : null,
    startAfter: r.start_after.toISOString(),
    completedOn: r.completed_on ? r.completed_on.toISOString() : null,
  };
}

/** pg-boss's database access over one of our connections (no second pool). */
function adapterOf(db: Kysely<Database>): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] };
    },
  };
}

/**
 * The PostgreSQL job queue: pg-boss (https://github.com/timgit/pg-boss, 10.x) in its own schema —
 * `pgboss`, or `<schema>_pgboss` when the app's tables live in another schema (the tests' per-test
 * schemas) — so our migrations and schema snapshot never see its tables. It talks to the database
 * through the app's Kysely pool. pg-boss takes jobs with `FOR UPDATE SKIP LOCKED` (two instances
 * never take one job), retries with exponential backoff and jitter, and with `maintenance` fails
 * and retries jobs whose run outlived `expireInSeconds` and deletes old ones. Jobs are fetched and
 * finished by our `runPending` (pg-boss `fetch`, `complete`, `fail`) rather than its `work`
 * timers, so the tests run the queue deterministically, as on SQLite.
 */
export function createPgBossJobQueue(deps: {
  db: Kysely<Database>;
  logger: JobLogger;
  /** pg-boss's supervision (expiry, retention); on when the app's background jobs run. */
  maintenance?: boolean;
  pollMs?: number;
}): JobQueue {
  const queues = new Map<string, QueueDefinition<never>>();
  const created = new Set<string>();
  const adapter = adapterOf(deps.db);
  let started: Promise<{ boss: PgBoss; schema: string }> | null = null;

  async function init(): Promise<{ boss: PgBoss; schema: string }> {
    const { rows } = await adapter.executeSql('select current_schema() as s', []);
    const current = String((rows[0] as { s: string }).s);
    const schema = current === 'public' ? 'pgboss' : `${current}_pgboss`;
    const boss = new PgBoss({
      db: adapter,
      schema,
      migrate: true,
      supervise: deps.maintenance ?? false,
      schedule: false,
    });
    boss.on('error', (err) => deps.logger.error({ err }, 'pg-boss error'));
    await boss.start();
    return { boss, schema };
  }

  /** Starts pg-boss (creating its schema) on first use, and creates the queue if needed. */
  async function ready(name?: string): Promise<{ boss: PgBoss; schema: string }> {
    started ??= init();
    const handle = await started.catch((e: unknown) => {
      started = null;
      throw e;
    });
    if (name !== undefined && !created.has(name)) {
      const def = definition(name);
      const options = {
        name,
        policy: 'standard' as const,
        retryLimit: def.retryLimit,
        retryDelay: def.retryDelaySeconds,
        retryBackoff: def.retryBackoff,
        expireInSeconds: def.expireInSeconds,
      };
      await handle.boss.createQueue(name, options);
      // A queue made by an older version of the app gets today's policy.
      await handle.boss.updateQueue(name, options);
      created.add(name);
    }
    return handle;
  }

  function definition(name: string): QueueDefinition<never> {
    const queue = queues.get(name);
    if (!queue) throw new Error(`unknown job queue "${name}"`);
    return queue;
  }

  async function runOne(name: string, includeDelayed: boolean): Promise<boolean> {
    const { boss } = await ready(name);
    const jobs = await boss.fetch(name, {
      batchSize: 1,
      includeMetadata: true,
      ignoreStartAfter: includeDelayed,
    });
    const job = jobs[0];
    if (!job) return false;
    const attempt = job.retryCount + 1;
    let output: unknown;
    try {
      output = await definition(name).handler(job.data as never, { id: job.id, attempt });
    } catch (e) {
      const error = errorText(e);
      const permanent = definition(name).isPermanent?.(e) ?? false;
      if (permanent) {
        // pg-boss retries while retry_count < retry_limit: no retries left, so fail() fails for good.
        const { schema } = await ready(name);
        await adapter.executeSql(
          `update ${schema}.job set retry_limit = retry_count where name = $1 and id = $2`,
          [name, job.id],
        );
      }
      await boss.fail(name, job.id, { message: error });
      const final = permanent || attempt > job.retryLimit;
      const log = { job: name, jobId: job.id, attempt, error };
      if (final) deps.logger.error(log, 'job failed after its last attempt');
      else deps.logger.warn(log, 'job failed; will retry');
      return true;
    }
    await boss.complete(
      name,
      job.id,
      typeof output === 'object' && output !== null ? output : { value: output ?? null },
    );
    return true;
  }

  let chain: Promise<unknown> = Promise.resolve();
  async function runPending(options: RunPendingOptions): Promise<number> {
    const limit = options.limit ?? 1000;
    let runs = 0;
    let ran = true;
    while (ran && runs < limit) {
      ran = false;
      for (const name of queues.keys()) {
        if (runs >= limit) break;
        if (await runOne(name, options.includeDelayed ?? false)) {
          runs += 1;
          ran = true;
        }
      }
    }
    return runs;
  }

  async function sendJob(name: string, data: object, options: SendOptions): Promise<string> {
    const { schema } = await ready(name);
    const send = async (db: PgBoss.Db) => {
      const { boss } = await ready(name);
      const id = await boss.send(name, data, {
        id: randomUUID(),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        db,
      });
      if (!id) throw new Error(`pg-boss did not accept a job for "${name}"`);
      return id;
    };
    const key = options.singletonKey;
    if (!key) return send(adapter);
    // Idempotent enqueue: in one transaction, under a lock on (queue, key), keep a waiting job.
    return deps.db.transaction().execute(async (trx) => {
      const tx = adapterOf(trx);
      await tx.executeSql('select pg_advisory_xact_lock(hashtext($1))', [`${name}:${key}`]);
      const { rows } = await tx.executeSql(
        `select id from ${schema}.job where name = $1 and singleton_key = $2 and state < 'active' limit 1`,
        [name, key],
      );
      const existing = rows[0] as { id: string } | undefined;
      return existing ? existing.id : send(tx);
    });
  }

  const queue: JobQueue = {
    engine: 'pg-boss',
    work(def) {
      queues.set(def.name, def as QueueDefinition<never>);
    },
    async send(name, data, options = {}) {
      const id = await sendJob(name, data, options);
      if (!options.startAfter || options.startAfter.getTime() <= Date.now()) poller.wake();
      return id;
    },
    async getJob(id) {
      if (!UUID.test(id)) return null;
      const { schema } = await ready();
      const { rows } = await adapter.executeSql(
        `select ${COLUMNS} from ${schema}.job where id = $1
         union all select ${COLUMNS} from ${schema}.archive where id = $1`,
        [id],
      );
      const row = rows[0] as PgBossRow | undefined;
      return row ? toJob(row) : null;
    },
    async listJobs({ states, limit }) {
      if (states.length === 0) return [];
      const { schema } = await ready();
      const { rows } = await adapter.executeSql(
        `select ${COLUMNS} from ${schema}.job where state::text = any($1::text[])
         order by created_on desc, id desc limit $2`,
        [states, limit],
      );
      return (rows as PgBossRow[]).map(toJob);
    },
    async depths() {
      const { schema } = await ready();
      const { rows } = await adapter.executeSql(
        `select name, state::text as state, count(*)::int as n from ${schema}.job group by 1, 2`,
        [],
      );
      const counts = rows as { name: string; state: JobState; n: number }[];
      return depthsFrom(
        queues.keys(),
        counts.map((c) => ({ name: c.name, state: c.state, count: c.n })),
      );
    },
    runPending(options = {}) {
      const run = chain.then(() => runPending(options));
      chain = run.catch(() => undefined);
      return run;
    },
    async start() {
      await ready();
      poller.start();
    },
    async stop() {
      await poller.stop();
      if (!started) return;
      const handle = await started.catch(() => null);
      started = null;
      await handle?.boss.stop({ graceful: false, close: false, wait: true });
    },
  };
  const poller = createPoller(() => queue.runPending(), deps.pollMs ?? 5_000, deps.logger);
  return queue;
}
