import {
  decideFieldSave,
  decideRowProgress,
  FUNDING_SOURCES,
  PROGRESS_STATUS_LABELS,
  type FundingSource,
  type ProgressStatus,
} from '@caitien/core';
import type {
  BoundRepositories,
  PlanRecord,
  PlanRowRecord,
  ProgressEntryRecord,
  Repositories,
  RowProgressRecord,
} from '@caitien/db';
import type { AddProgressBody, RowProgress } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { isUniqueViolation } from '../../kernel/unique-violation.ts';
import { StaleWrite, type VersionedWriter } from '../../kernel/versioned-write.ts';
import { PLAN_NOT_FOUND } from '../plans/plan-access.ts';
import type { PlanProgress, ProgressEntry, RowProgressDetail } from './monitoring-api.types.ts';
import {
  statusCountsOf,
  type MonitoringReader,
  type MonitoringScope,
} from './monitoring-reader.ts';
import { refreshPlanRollupSummaries } from '../rollup/plan-rollup-summaries.ts';

export const NOT_APPROVED_MESSAGE = 'Kế hoạch chưa được phê duyệt nên chưa thể cập nhật tiến độ.';
export const YEAR_CLOSED_MESSAGE =
  'Năm học đã kết thúc (đã chốt kết quả thực hiện kế hoạch) nên không thể cập nhật tiến độ nữa.';
export const ROW_FORBIDDEN_MESSAGE =
  'Bạn không phụ trách hay phối hợp thực hiện nội dung này nên không thể cập nhật tiến độ của nó.';
export const FUTURE_DATE_MESSAGE = 'Ngày cập nhật không được sau hôm nay.';
export const DONE_PERCENT_MESSAGE =
  'Nội dung đã “Hoàn thành” thì mức hoàn thành là 100%. Hãy chọn 100% hoặc trạng thái “Đang thực hiện”.';

export const ENTRY_NOT_FOUND = 'Không tìm thấy lần cập nhật tiến độ này.';

/** The progress fields an update may change (versioned each on its own). */
const PROGRESS_FIELDS = ['status', 'percent', 'result'] as const;

/** Short content for a label ("… (tiến độ: Tổ chức hội thảo…)"). */
export function shortText(text: string, max = 60): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

const asSource = (source: string | null): FundingSource =>
  source !== null && (FUNDING_SOURCES as readonly string[]).includes(source)
    ? (source as FundingSource)
    : 'unknown';

/**
 * Reading and recording the progress of a plan's rows (issue 13 "Progress per row"): the rows of
 * the lineage's approved revision with their state today, one row's log (and the logs of the rows
 * it was carried from), an update (one log entry plus the row's versioned state, in one
 * transaction with its audit entry, under the approved plan's lock).
 */
export function createProgressUseCases(deps: {
  repositories: Repositories;
  reader: MonitoringReader;
  write: VersionedWriter;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { repositories: repos, reader, write, clock, ids } = deps;

  /** Entries as the API answers them, with their files and the codes those became. */
  async function toEntries(entries: readonly ProgressEntryRecord[]): Promise<ProgressEntry[]> {
    if (entries.length === 0) return [];
    const files = await repos.progress.listFiles(entries.map((e) => e.id));
    const codes = await repos.progress.evidenceCodes(
      files.flatMap((f) => (f.evidenceId ? [f.evidenceId] : [])),
    );
    const filesOf = new Map<string, ProgressEntry['files']>();
    for (const f of files) {
      const list = filesOf.get(f.entryId) ?? [];
      list.push({
        id: f.id,
        fileName: f.fileName,
        mediaType: f.mediaType,
        sizeBytes: f.sizeBytes,
        evidenceId: f.evidenceId,
        evidenceCode: f.evidenceId ? (codes.get(f.evidenceId) ?? null) : null,
        assessmentId: f.assessmentId,
        createdAt: f.createdAt,
      });
      filesOf.set(f.entryId, list);
    }
    return entries.map((e) => ({
      id: e.id,
      trackId: e.trackId,
      planId: e.planId,
      entryDate: e.entryDate,
      recordedAt: e.recordedAt,
      authorUserId: e.authorUserId,
      authorName: e.authorName,
      status: e.status as ProgressStatus | null,
      percent: e.percent,
      result: e.result,
      note: e.note,
      spent:
        e.spentAmount === null
          ? null
          : { amount: e.spentAmount, source: asSource(e.spentSource), text: e.spentText },
      files: filesOf.get(e.id) ?? [],
      clientId: e.clientId,
    }));
  }

  /** The rows of the lineage carried before this row, in earlier years, with their logs. */
  async function earlierYearsOf(
    row: PlanRowRecord,
    scope: MonitoringScope,
  ): Promise<RowProgressDetail['earlierYears']> {
    const originId = row.originRowId;
    if (!originId) return [];
    const family = (await repos.progress.listOriginFamily(originId)).filter(
      (r) => r.schoolYear < scope.shown.schoolYear && r.lineageId !== scope.lineageId,
    );
    // One entry per (lineage, track): the revisions of one year's plan share the track.
    const byTrack = new Map<string, (typeof family)[number]>();
    for (const r of family) {
      const key = `${r.lineageId}/${r.trackId}`;
      if (!byTrack.has(key)) byTrack.set(key, r);
    }
    const out: RowProgressDetail['earlierYears'] = [];
    for (const r of [...byTrack.values()].sort((a, b) =>
      a.schoolYear.localeCompare(b.schoolYear),
    )) {
      const [progress, entries] = await Promise.all([
        repos.progress.findProgress(r.trackId),
        repos.progress.listEntries([r.trackId]),
      ]);
      out.push({
        schoolYear: r.schoolYear,
        planId: r.planId,
        rowId: r.rowId,
        status: (progress?.status ?? 'not_started') as ProgressStatus,
        percent: progress?.percent ?? 0,
        result: progress?.result ?? '',
        entries: await toEntries(entries),
      });
    }
    return out;
  }

  async function detailOf(
    ctx: ServiceContext,
    scope: MonitoringScope,
    row: PlanRowRecord,
  ): Promise<RowProgressDetail> {
    const rows = await reader.rowsOf(ctx, scope);
    const answered = rows.find((r) => r.trackId === row.trackId);
    if (!answered) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    const [entries, earlierYears] = await Promise.all([
      repos.progress.listEntries([row.trackId]).then(toEntries),
      earlierYearsOf(row, scope),
    ]);
    return { today: reader.today(), row: answered, entries, earlierYears };
  }

  /** The caller's row (with its access decided: 404 invisible, 403 not theirs). */
  async function loadRowForUpdate(ctx: ServiceContext, planId: string, rowId: string) {
    const scope = await reader.loadScope(ctx, planId);
    const row = await reader.resolveRow(scope, rowId);
    const rows = await reader.rowsOf(ctx, scope);
    const answered = rows.find((r) => r.trackId === row.trackId)!;
    const decision = decideRowProgress(
      ctx.actor,
      { schoolPath: scope.school.path, status: scope.shown.status },
      answered.myRole !== null,
    );
    if (!decision.allowed) {
      if (decision.reason === 'not_found') throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
      throw new AppError('FORBIDDEN', ROW_FORBIDDEN_MESSAGE, { action: 'plan.progress' });
    }
    return { scope, row, answered };
  }

  /** The monitored plan, or 409 unless progress can be recorded (approved revision, year open). */
  function openPlanOf(scope: MonitoringScope): PlanRecord {
    if (!scope.monitored) throw new AppError('CONFLICT', NOT_APPROVED_MESSAGE);
    if (scope.closure) throw new AppError('CONFLICT', YEAR_CLOSED_MESSAGE);
    return scope.monitored;
  }

  async function authorNameOf(ctx: ServiceContext): Promise<string> {
    const user = await repos.users.findById(ctx.actor.userId);
    return user?.displayName ?? ctx.audit.actorName;
  }

  return {
    loadRowForUpdate,
    openPlanOf,
    detailOf,
    toEntries,

    async getPlanProgress(ctx: ServiceContext, planId: string): Promise<PlanProgress> {
      const scope = await reader.loadScope(ctx, planId);
      const rows = await reader.rowsOf(ctx, scope);
      const closure = scope.closure;
      return {
        planId: scope.shown.id,
        lineageId: scope.lineageId,
        schoolYear: scope.shown.schoolYear,
        today: reader.today(),
        open: reader.isOpen(scope),
        canMonitor: reader.canMonitor(ctx, scope),
        rows,
        summary: statusCountsOf(rows),
        closure: closure ? toClosure(closure) : null,
      };
    },

    async getRowProgress(
      ctx: ServiceContext,
      planId: string,
      rowId: string,
    ): Promise<RowProgressDetail> {
      const scope = await reader.loadScope(ctx, planId);
      const row = await reader.resolveRow(scope, rowId);
      return detailOf(ctx, scope, row);
    },

    /**
     * Records an update (DESIGN "Progress rules"): a resend of a `clientId` answers the current
     * state and writes nothing; a change of status, percent or result that another update changed
     * since the client's version → 409 with the current detail; a note or spending alone is always
     * appended.
     */
    async addRowProgress(
      ctx: ServiceContext,
      planId: string,
      rowId: string,
      body: AddProgressBody,
    ): Promise<RowProgressDetail> {
      const { scope, row } = await loadRowForUpdate(ctx, planId, rowId);
      if (body.clientId && (await repos.progress.findEntryByClientId(body.clientId)))
        return detailOf(ctx, scope, row);
      const monitored = openPlanOf(scope);
      const today = reader.today();
      if (body.entryDate > today)
        throw new AppError('VALIDATION_ERROR', FUTURE_DATE_MESSAGE, {
          entryDate: body.entryDate,
          today,
        });
      if (body.status === 'done' && body.percent !== undefined && body.percent < 100)
        throw new AppError('VALIDATION_ERROR', DONE_PERCENT_MESSAGE, { percent: body.percent });
      const percent = body.percent ?? (body.status === 'done' ? 100 : undefined);
      const requested = { status: body.status, percent, result: body.result };
      const authorName = await authorNameOf(ctx);
      const now = clock.now().toISOString();
      const entryId = ids.next();
      try {
        await write(
          ctx,
          async (tx: BoundRepositories, record) => {
            // The approved revision under its lock: updates of one plan queue behind each other
            // and behind a revision's approval or the year's closing.
            const locked = await tx.plans.lockPlan(monitored.id, 'save');
            if (!locked) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
            if (await tx.progress.findClosure(scope.lineageId))
              throw new AppError('CONFLICT', YEAR_CLOSED_MESSAGE);
            const current = await tx.progress.lockProgress(row.trackId);
            const base: RowProgressRecord = current ?? {
              trackId: row.trackId,
              schoolId: scope.school.id,
              lineageId: scope.lineageId,
              status: 'not_started',
              percent: 0,
              result: '',
              fieldVersions: {},
              version: 0,
              updatedByUserId: null,
              updatedAt: now,
            };
            const changed = PROGRESS_FIELDS.filter(
              (f) => requested[f] !== undefined && requested[f] !== base[f],
            );
            let after = base;
            if (changed.length > 0) {
              const decision = decideFieldSave(base, body.version, changed);
              if (!decision.ok) throw new StaleWrite();
              after = {
                ...base,
                status: requested.status ?? base.status,
                percent: requested.percent ?? base.percent,
                result: requested.result ?? base.result,
                fieldVersions: decision.fieldVersions,
                version: decision.next,
                updatedByUserId: ctx.audit.actorUserId,
                updatedAt: now,
              };
              if (!current) await tx.progress.insertProgress(after);
              else if (!(await tx.progress.updateProgress(row.trackId, current.version, after)))
                throw new StaleWrite();
            }
            await tx.progress.insertEntry({
              id: entryId,
              trackId: row.trackId,
              schoolId: scope.school.id,
              lineageId: scope.lineageId,
              planId: monitored.id,
              entryDate: body.entryDate,
              recordedAt: now,
              authorUserId: ctx.audit.actorUserId,
              authorName,
              status: body.status ?? null,
              percent: percent ?? null,
              result: body.result ?? null,
              note: body.note,
              spentAmount: body.spent?.amount ?? null,
              spentSource: body.spent?.source ?? null,
              spentText: body.spent?.text ?? '',
              clientId: body.clientId ?? null,
            });
            // A status or a spending moves the offices' roll-up: the lineage's summary follows.
            if (changed.includes('status') || body.spent)
              await refreshPlanRollupSummaries(tx, [scope.lineageId], now);
            const parts = [
              changed.includes('status')
                ? `trạng thái “${PROGRESS_STATUS_LABELS[after.status as ProgressStatus]}”`
                : null,
              changed.includes('percent') ? `${after.percent}%` : null,
              changed.includes('result') ? 'kết quả' : null,
              body.note ? 'ghi chú' : null,
              body.spent ? `chi ${body.spent.amount.toLocaleString('vi-VN')} đồng` : null,
            ].filter((p): p is string => p !== null);
            await record({
              action: 'plan.progress.update',
              entityType: 'plan_row',
              entityId: row.id,
              unit: { id: scope.school.id, path: scope.school.path },
              summary: `Cập nhật tiến độ “${shortText(row.content || row.tasks)}” (${body.entryDate})${parts.length ? `: ${parts.join(', ')}` : ''}`,
              before: current
                ? { status: base.status, percent: base.percent, result: base.result }
                : null,
              after: {
                entryId,
                status: after.status,
                percent: after.percent,
                result: after.result,
                note: body.note,
                spent: body.spent ?? null,
              },
            });
          },
          () => detailOf(ctx, scope, row),
        );
      } catch (error) {
        // A resend that raced the first send: the first one is kept, this one answers it.
        if (body.clientId && isUniqueViolation(error)) return detailOf(ctx, scope, row);
        throw error;
      }
      return detailOf(ctx, scope, row);
    },
  };
}

/** The closure as the API answers it. */
export function toClosure(closure: {
  planId: string;
  schoolYear: string;
  closedAt: string;
  closedByUserId: string | null;
  summary: unknown;
}) {
  const summary = closure.summary as {
    counts: PlanProgress['summary'];
    unfinishedTrackIds: string[];
  };
  return {
    planId: closure.planId,
    schoolYear: closure.schoolYear,
    closedAt: closure.closedAt,
    closedByUserId: closure.closedByUserId,
    counts: summary.counts,
    unfinishedTrackIds: summary.unfinishedTrackIds,
  };
}

export type ProgressUseCases = ReturnType<typeof createProgressUseCases>;
export type { RowProgress };
