import type { Kysely } from 'kysely';
import type { Database, QueuedJobsTable } from '../database.types.ts';
import { uniqueViolationText } from '../unique-violation.ts';

/** A job's state, as pg-boss names them (the SQLite queue has no 'cancelled'). */
export type QueuedJobState = 'created' | 'retry' | 'active' | 'completed' | 'failed';

/** One job of the SQLite job queue (`queued_jobs`). */
export interface QueuedJobRecord {
  id: string;
  name: string;
  data: unknown;
  state: QueuedJobState;
  singletonKey: string | null;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** Runs started so far (the one in progress included). */
  attempts: number;
  startAfter: string;
  startedOn: string | null;
  lockedUntil: string | null;
  lockedBy: string | null;
  completedOn: string | null;
  lastError: string | null;
  output: unknown;
  createdOn: string;
}

export type NewQueuedJob = Pick<
  QueuedJobRecord,
  | 'id'
  | 'name'
  | 'data'
  | 'singletonKey'
  | 'retryLimit'
  | 'retryDelaySeconds'
  | 'retryBackoff'
  | 'startAfter'
  | 'createdOn'
>;

const WAITING = ['created', 'retry'] as const;

function toJob(r: QueuedJobsTable): QueuedJobRecord {
  return {
    id: r.id,
    name: r.name,
    data: JSON.parse(r.data_json) as unknown,
    state: r.state as QueuedJobState,
    singletonKey: r.singleton_key,
    retryLimit: r.retry_limit,
    retryDelaySeconds: r.retry_delay_seconds,
    retryBackoff: r.retry_backoff === 1,
    attempts: r.attempts,
    startAfter: r.start_after,
    startedOn: r.started_on,
    lockedUntil: r.locked_until,
    lockedBy: r.locked_by,
    completedOn: r.completed_on,
    lastError: r.last_error,
    output: r.output_json === null ? null : (JSON.parse(r.output_json) as unknown),
    createdOn: r.created_on,
  };
}

const affected = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
  Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);

/**
 * The SQLite job queue's table (issue 15 "Background jobs"). Every change of state is one
 * conditional UPDATE whose affected-row count says who won, so two processes on one database never
 * take one job twice, and a finished run is recorded only by the process that holds its lease.
 */
export function createQueuedJobRepository(db: Kysely<Database>) {
  async function findWaiting(name: string, singletonKey: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('queued_jobs')
      .select('id')
      .where('name', '=', name)
      .where('singleton_key', '=', singletonKey)
      .where('state', 'in', WAITING)
      .executeTakeFirst();
    return row?.id;
  }

  return {
    /**
     * Adds a job; with a singleton key, a job of that name and key still waiting (created or retry)
     * is kept instead and its id returned (the unique index settles a race between two senders).
     */
    async insert(job: NewQueuedJob): Promise<{ id: string; created: boolean }> {
      if (job.singletonKey !== null) {
        const existing = await findWaiting(job.name, job.singletonKey);
        if (existing) return { id: existing, created: false };
      }
      try {
        await db
          .insertInto('queued_jobs')
          .values({
            id: job.id,
            name: job.name,
            data_json: JSON.stringify(job.data ?? {}),
            state: 'created',
            singleton_key: job.singletonKey,
            retry_limit: job.retryLimit,
            retry_delay_seconds: job.retryDelaySeconds,
            retry_backoff: job.retryBackoff ? 1 : 0,
            attempts: 0,
            start_after: job.startAfter,
            started_on: null,
            locked_until: null,
            locked_by: null,
            completed_on: null,
            last_error: null,
            output_json: null,
            created_on: job.createdOn,
          })
          .execute();
        return { id: job.id, created: true };
      } catch (error) {
        if (job.singletonKey !== null && uniqueViolationText(error) !== undefined) {
          const existing = await findWaiting(job.name, job.singletonKey);
          if (existing) return { id: existing, created: false };
        }
        throw error;
      }
    },

    /**
     * Takes the oldest job of one of `names` that is due (waiting and its start has come, or
     * `includeDelayed`), or active with an expired lease (its process died): one conditional UPDATE
     * makes it active under `owner` and counts the attempt. Undefined when there is none.
     */
    async claimNext(options: {
      names: readonly string[];
      now: string;
      lockedUntil: string;
      owner: string;
      includeDelayed?: boolean;
    }): Promise<QueuedJobRecord | undefined> {
      if (options.names.length === 0) return undefined;
      for (let tries = 0; tries < 10; tries += 1) {
        const candidate = await db
          .selectFrom('queued_jobs')
          .select(['id', 'state', 'locked_until'])
          .where('name', 'in', options.names)
          .where((eb) =>
            eb.or([
              options.includeDelayed
                ? eb('state', 'in', WAITING)
                : eb.and([eb('state', 'in', WAITING), eb('start_after', '<=', options.now)]),
              eb.and([eb('state', '=', 'active'), eb('locked_until', '<=', options.now)]),
            ]),
          )
          .orderBy('created_on')
          .orderBy('id')
          .limit(1)
          .executeTakeFirst();
        if (!candidate) return undefined;
        const result = await db
          .updateTable('queued_jobs')
          .set((eb) => ({
            state: 'active',
            attempts: eb('attempts', '+', 1),
            started_on: options.now,
            locked_until: options.lockedUntil,
            locked_by: options.owner,
          }))
          .where('id', '=', candidate.id)
          .where('state', '=', candidate.state)
          .where((eb) =>
            candidate.locked_until === null
              ? eb('locked_until', 'is', null)
              : eb('locked_until', '=', candidate.locked_until),
          )
          .executeTakeFirst();
        if (affected(result) === 1) {
          const row = await db
            .selectFrom('queued_jobs')
            .selectAll()
            .where('id', '=', candidate.id)
            .executeTakeFirstOrThrow();
          return toJob(row);
        }
        // Another process took it between the read and the update: look again.
      }
      return undefined;
    },

    /** Records a finished run, if `owner` still holds the job. True when recorded. */
    async complete(id: string, owner: string, now: string, output: unknown): Promise<boolean> {
      const result = await db
        .updateTable('queued_jobs')
        .set({
          state: 'completed',
          completed_on: now,
          locked_until: null,
          output_json: output === undefined ? null : JSON.stringify(output),
        })
        .where('id', '=', id)
        .where('state', '=', 'active')
        .where('locked_by', '=', owner)
        .executeTakeFirst();
      return affected(result) === 1;
    },

    /**
     * Records a failed run: `retry` (again from `startAfter`) or `failed` for good, with the
     * error's text, if `owner` still holds the job.
     */
    async fail(
      id: string,
      owner: string,
      outcome: { state: 'retry' | 'failed'; startAfter: string; error: string; now: string },
    ): Promise<boolean> {
      const result = await db
        .updateTable('queued_jobs')
        .set({
          state: outcome.state,
          start_after: outcome.startAfter,
          last_error: outcome.error,
          locked_until: null,
          completed_on: outcome.state === 'failed' ? outcome.now : null,
        })
        .where('id', '=', id)
        .where('state', '=', 'active')
        .where('locked_by', '=', owner)
        .executeTakeFirst();
      return affected(result) === 1;
    },

    async find(id: string): Promise<QueuedJobRecord | undefined> {
      const row = await db
        .selectFrom('queued_jobs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toJob(row) : undefined;
    },

    /** The latest jobs in the given states, newest first (the administrator's view). */
    async list(states: readonly QueuedJobState[], limit: number): Promise<QueuedJobRecord[]> {
      if (states.length === 0) return [];
      const rows = await db
        .selectFrom('queued_jobs')
        .selectAll()
        .where('state', 'in', states)
        .orderBy('created_on', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toJob);
    },

    /** How many jobs each queue holds in each state. */
    async counts(): Promise<{ name: string; state: QueuedJobState; count: number }[]> {
      const rows = await db
        .selectFrom('queued_jobs')
        .select(['name', 'state', (eb) => eb.fn.countAll<number | string>().as('n')])
        .groupBy(['name', 'state'])
        .execute();
      return rows.map((r) => ({
        name: r.name,
        state: r.state as QueuedJobState,
        count: Number(r.n),
      }));
    },

    /** Deletes jobs completed (or failed) before `before`; how many. */
    async deleteFinishedBefore(before: string): Promise<number> {
      const result = await db
        .deleteFrom('queued_jobs')
        .where('state', 'in', ['completed', 'failed'])
        .where('completed_on', '<', before)
        .executeTakeFirst();
      return affected(result);
    },
  };
}

export type QueuedJobRepository = ReturnType<typeof createQueuedJobRepository>;
