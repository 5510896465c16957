import {
  decideReviewRoundTransition,
  canReviewRows,
  isReviewRoundEditable,
  REVIEW_ROUND_CLOSED_MESSAGE,
  REVIEW_ROUND_NOT_OPEN_MESSAGE,
  reviewRoundLabel,
  schoolDateOf,
  suggestedReviewRounds,
  type ReviewRoundKind,
  type ReviewRoundStatus,
} from '@caitien/core';
import type { ReviewRoundRecord, ReviewRoundRowRecord, Repositories } from '@caitien/db';
import {
  monitoringReportFileBaseName,
  PdfConversionError,
  renderMonitoringReportDocx,
  type PdfConverter,
} from '@caitien/documents';
import { MEDIA_TYPES, type RowProgress } from '@caitien/shared';
import type { z } from 'zod';
import type {
  createReviewRoundBodySchema,
  reviewRoundDetailSchema,
  reviewRoundListSchema,
  reviewRoundSchema,
  saveReviewRoundRowBodySchema,
  updateReviewRoundBodySchema,
} from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import { isUniqueViolation } from '../../kernel/unique-violation.ts';
import { StaleWrite, type VersionedWriter } from '../../kernel/versioned-write.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { assertPlanAccess } from '../plans/plan-access.ts';
import type { RenderedDocument } from '../plans/plan-document.service.ts';
import type { MonitoringReader, MonitoringScope } from './monitoring-reader.ts';
import { buildMonitoringReportInput, type ReportSourceRow } from './monitoring-report-input.ts';

type ReviewRound = z.infer<typeof reviewRoundSchema>;
type ReviewRoundDetail = z.infer<typeof reviewRoundDetailSchema>;
type ReviewRoundList = z.infer<typeof reviewRoundListSchema>;
type CreateBody = z.infer<typeof createReviewRoundBodySchema>;
type UpdateBody = z.infer<typeof updateReviewRoundBodySchema>;
type SaveRowBody = z.infer<typeof saveReviewRoundRowBodySchema>;

export const ROUND_NOT_FOUND = 'Không tìm thấy đợt rà soát này.';
const MONITOR_FORBIDDEN =
  'Chỉ tổ giám sát, hiệu trưởng (và quản trị hệ thống) được mở, đánh giá và kết thúc đợt rà soát.';
const NOT_APPROVED =
  'Kế hoạch chưa được phê duyệt nên chưa thể mở đợt rà soát. Hãy phê duyệt kế hoạch trước.';
const ROW_NOT_IN_PLAN = 'Không tìm thấy nội dung này trong kế hoạch đang theo dõi.';
const CONCURRENT_CREATE =
  'Một đợt rà soát khác vừa được tạo cùng lúc. Hãy tải lại danh sách rồi thử lại.';

/**
 * The monitoring team's review rounds (issue 13; TT57 Biểu 2 mục VI): list with the rounds the
 * regime asks for, open or schedule one, review each row (its result, adjustment and reviewer; its
 * status and percent copied from the progress at that moment), write the conclusions, close (and
 * reopen) it, and the round's report (báo cáo kết quả thực hiện kế hoạch cải tiến) as DOCX or PDF.
 * Rounds hang on the plan's lineage and rows on their track, so a revision keeps them. Readers of
 * the plan read; the monitoring team, the principal and the administrator write
 * (`decidePlan(actor, 'progress', …)` on the approved revision); a closed round is read-only.
 */
export function createReviewRoundService(deps: {
  repositories: Repositories;
  reader: MonitoringReader;
  write: VersionedWriter;
  clock: Clock;
  ids: IdGenerator;
  /** The warm LibreOffice pool (office-pool.ts), shared by every document service. */
  pdf: PdfConverter;
}) {
  const repos = deps.repositories;
  const reader = deps.reader;
  const now = () => deps.clock.now().toISOString();

  function toRound(record: ReviewRoundRecord, reviewed: number, total: number): ReviewRound {
    return {
      id: record.id,
      lineageId: record.lineageId,
      planId: record.planId,
      position: record.position,
      kind: record.kind as ReviewRoundKind,
      label: record.label,
      status: record.status as ReviewRoundStatus,
      plannedDate: record.plannedDate,
      openedAt: record.openedAt,
      conclusions: record.conclusions,
      recommendations: record.recommendations,
      closedAt: record.closedAt,
      reviewedRows: reviewed,
      totalRows: total,
      version: record.version,
      fieldVersions: record.fieldVersions,
    };
  }

  /** The monitoring right on the approved revision: 403 without it, 409 before any approval. */
  function assertMonitor(ctx: ServiceContext, scope: MonitoringScope): void {
    assertPlanAccess(
      ctx.actor,
      'progress',
      { schoolPath: scope.school.path, status: scope.shown.status },
      MONITOR_FORBIDDEN,
    );
    if (!scope.monitored) throw new AppError('CONFLICT', NOT_APPROVED);
  }

  async function findRoundIn(scope: MonitoringScope, roundId: string): Promise<ReviewRoundRecord> {
    const round = await repos.reviewRounds.findRound(roundId);
    if (!round || round.lineageId !== scope.lineageId)
      throw new AppError('NOT_FOUND', ROUND_NOT_FOUND);
    return round;
  }

  async function detailOf(
    ctx: ServiceContext,
    scope: MonitoringScope,
    round: ReviewRoundRecord,
  ): Promise<ReviewRoundDetail> {
    const [rows, reviews] = await Promise.all([
      reader.rowsOf(ctx, scope),
      repos.reviewRounds.listRoundRows(round.id),
    ]);
    const byTrack = new Map(reviews.map((r) => [r.trackId, r]));
    const reviewed = rows.filter((r) => byTrack.has(r.trackId)).length;
    return {
      ...toRound(round, reviewed, rows.length),
      today: reader.today(),
      canEdit: reader.canMonitor(ctx, scope) && isReviewRoundEditable(round.status as never),
      rows: rows.map((row) => {
        const review = byTrack.get(row.trackId);
        return {
          row,
          status: (review?.status ?? null) as RowProgress['status'] | null,
          percent: review?.percent ?? null,
          result: review?.result ?? '',
          adjustment: review?.adjustment ?? '',
          reviewer: review?.reviewer ?? '',
          version: review?.version ?? 0,
          updatedAt: review?.updatedAt ?? null,
        };
      }),
    };
  }

  /** The detail of a round as it is now (a 409's `current`), read outside the transaction. */
  const currentDetail = (ctx: ServiceContext, scope: MonitoringScope, roundId: string) => () =>
    repos.reviewRounds
      .findRound(roundId)
      .then((round) => (round ? detailOf(ctx, scope, round) : null));

  const auditUnit = (scope: MonitoringScope) => ({
    id: scope.school.id,
    path: scope.school.path,
  });

  return {
    async list(ctx: ServiceContext, planId: string): Promise<ReviewRoundList> {
      const scope = await reader.loadScope(ctx, planId);
      const rounds = await repos.reviewRounds.listRounds([scope.lineageId]);
      const [counts, rows] = await Promise.all([
        repos.reviewRounds.countReviewedRows(rounds.map((r) => r.id)),
        repos.plans.listRows(scope.shown.id),
      ]);
      return {
        today: reader.today(),
        canManage: reader.canMonitor(ctx, scope),
        rounds: rounds.map((r) => toRound(r, counts.get(r.id) ?? 0, rows.length)),
        suggested: suggestedReviewRounds(
          scope.shown.regime === '2026' ? 'TT57' : '2018',
          scope.shown.schoolYear,
          rounds.map((r) => r.kind as ReviewRoundKind),
        ),
      };
    },

    async get(ctx: ServiceContext, planId: string, roundId: string): Promise<ReviewRoundDetail> {
      const scope = await reader.loadScope(ctx, planId);
      return detailOf(ctx, scope, await findRoundIn(scope, roundId));
    },

    async create(
      ctx: ServiceContext,
      planId: string,
      body: CreateBody,
    ): Promise<ReviewRoundDetail> {
      const scope = await reader.loadScope(ctx, planId);
      assertMonitor(ctx, scope);
      const monitored = scope.monitored as NonNullable<MonitoringScope['monitored']>;
      // After the year is closed its results are final: no new round (the existing ones stay).
      if (scope.closure)
        throw new AppError(
          'CONFLICT',
          `Năm học ${monitored.schoolYear} đã kết thúc nên không mở thêm đợt rà soát được.`,
          { closedAt: scope.closure.closedAt },
        );
      const regime = monitored.regime === '2026' ? 'TT57' : '2018';
      const label = body.label?.trim() ? body.label : reviewRoundLabel(body.kind, regime);
      // The two rounds TT57 / the 2018 circulars require happen once a year: a second "Cuối học
      // kỳ I" (a double tap, two members at once) would split the reviews between two rounds and
      // two reports. Extra rounds ("extra") may repeat.
      if (body.kind !== 'extra') {
        const existing = (await repos.reviewRounds.listRounds([scope.lineageId])).find(
          (r) => r.kind === body.kind,
        );
        if (existing)
          throw new AppError(
            'CONFLICT',
            `Năm học này đã có đợt rà soát “${existing.label}”. Hãy mở lại đợt đó để rà soát tiếp, hoặc tạo một đợt rà soát bổ sung.`,
            { roundId: existing.id },
          );
      }
      const plannedDate =
        body.plannedDate !== undefined
          ? body.plannedDate
          : (suggestedReviewRounds(regime, monitored.schoolYear, []).find(
              (s) => s.kind === body.kind,
            )?.plannedDate ?? null);
      const at = now();
      const id = deps.ids.next();
      try {
        await deps.write(ctx, async (tx, record) => {
          const round = await tx.reviewRounds.insertRound({
            id,
            lineageId: scope.lineageId,
            schoolId: scope.school.id,
            planId: monitored.id,
            kind: body.kind,
            label,
            status: body.open ? 'open' : 'planned',
            plannedDate,
            openedAt: body.open ? at : null,
            openedByUserId: body.open ? ctx.actor.userId : null,
            conclusions: '',
            recommendations: '',
            closedAt: null,
            closedByUserId: null,
            createdAt: at,
            updatedAt: at,
          });
          await record({
            action: 'plan.review_round.create',
            entityType: 'review_round',
            entityId: id,
            unit: auditUnit(scope),
            summary: `${body.open ? 'Mở' : 'Lên lịch'} đợt rà soát "${label}" của kế hoạch năm học ${monitored.schoolYear}`,
            after: { ...round, planId: monitored.id },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', CONCURRENT_CREATE);
        throw error;
      }
      const created = await repos.reviewRounds.findRound(id);
      return detailOf(ctx, scope, created as ReviewRoundRecord);
    },

    async update(
      ctx: ServiceContext,
      planId: string,
      roundId: string,
      body: UpdateBody,
    ): Promise<ReviewRoundDetail> {
      const scope = await reader.loadScope(ctx, planId);
      await findRoundIn(scope, roundId);
      assertMonitor(ctx, scope);
      const { version, ...changes } = body;
      const fields = Object.entries(changes)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k);
      await deps.write(
        ctx,
        async (tx, record) => {
          const at = now();
          const saved = await tx.reviewRounds.saveRound(
            roundId,
            version,
            fields,
            (current) => {
              const from = current.status as ReviewRoundStatus;
              const to = changes.status ?? from;
              // A closed round is read-only: only reopening it is accepted (decided under its lock).
              if (!isReviewRoundEditable(from) && to === from)
                throw new AppError('CONFLICT', REVIEW_ROUND_CLOSED_MESSAGE);
              const transition = decideReviewRoundTransition(from, to);
              if (!transition.ok) throw new AppError('CONFLICT', transition.message);
              return {
                ...(changes.label !== undefined ? { label: changes.label } : {}),
                ...(changes.plannedDate !== undefined ? { plannedDate: changes.plannedDate } : {}),
                ...(changes.conclusions !== undefined ? { conclusions: changes.conclusions } : {}),
                ...(changes.recommendations !== undefined
                  ? { recommendations: changes.recommendations }
                  : {}),
                ...(transition.change === 'none' ? {} : { status: to }),
                ...(transition.change === 'open'
                  ? { openedAt: at, openedByUserId: ctx.actor.userId }
                  : {}),
                ...(transition.change === 'close'
                  ? { closedAt: at, closedByUserId: ctx.actor.userId }
                  : {}),
                ...(transition.change === 'reopen' ? { closedAt: null, closedByUserId: null } : {}),
              };
            },
            at,
          );
          if (saved.outcome !== 'saved') {
            if (saved.outcome === 'missing') throw new AppError('NOT_FOUND', ROUND_NOT_FOUND);
            throw new StaleWrite();
          }
          const { before, after } = saved;
          const statusChange =
            before && before.status !== after.status
              ? after.status === 'closed'
                ? 'Kết thúc'
                : before.status === 'closed'
                  ? 'Mở lại'
                  : 'Mở'
              : 'Cập nhật';
          await record({
            action: 'plan.review_round.update',
            entityType: 'review_round',
            entityId: roundId,
            unit: auditUnit(scope),
            summary: `${statusChange} đợt rà soát "${after.label}"`,
            before: before ? pick(before, fields) : null,
            after: pick(after, fields),
          });
        },
        currentDetail(ctx, scope, roundId),
      );
      return detailOf(ctx, scope, (await repos.reviewRounds.findRound(roundId)) as never);
    },

    async saveRow(
      ctx: ServiceContext,
      planId: string,
      roundId: string,
      trackId: string,
      body: SaveRowBody,
    ): Promise<ReviewRoundDetail> {
      const scope = await reader.loadScope(ctx, planId);
      await findRoundIn(scope, roundId);
      assertMonitor(ctx, scope);
      const rows = await reader.rowsOf(ctx, scope);
      const row = rows.find((r) => r.trackId === trackId || r.rowId === trackId);
      if (!row) throw new AppError('NOT_FOUND', ROW_NOT_IN_PLAN);
      const { version, ...texts } = body;
      const fields = Object.entries(texts)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k);
      let reviewer = texts.reviewer;
      if (reviewer === undefined && version === 0) {
        // The first review names its author unless told otherwise.
        reviewer = (await repos.users.findById(ctx.actor.userId))?.displayName ?? '';
        fields.push('reviewer');
      }
      await deps.write(
        ctx,
        async (tx, record) => {
          const round = await tx.reviewRounds.lockRound(roundId);
          if (!round) throw new AppError('NOT_FOUND', ROUND_NOT_FOUND);
          const status = round.status as ReviewRoundStatus;
          if (!isReviewRoundEditable(status))
            throw new AppError('CONFLICT', REVIEW_ROUND_CLOSED_MESSAGE);
          if (!canReviewRows(status)) throw new AppError('CONFLICT', REVIEW_ROUND_NOT_OPEN_MESSAGE);
          let saved: Awaited<ReturnType<typeof tx.reviewRounds.saveRoundRow>>;
          try {
            saved = await tx.reviewRounds.saveRoundRow(
              roundId,
              row.trackId,
              version,
              fields,
              {
                // The row's state when reviewed: copied, not versioned (two reviewers of one row
                // writing different fields both succeed).
                status: row.status,
                percent: row.percent,
                ...(texts.result !== undefined ? { result: texts.result } : {}),
                ...(texts.adjustment !== undefined ? { adjustment: texts.adjustment } : {}),
                ...(reviewer !== undefined ? { reviewer } : {}),
                reviewerUserId: ctx.actor.userId,
              },
              now(),
            );
          } catch (error) {
            // Two first reviews of one row at once: the second is a stale write.
            if (isUniqueViolation(error)) throw new StaleWrite();
            throw error;
          }
          if (saved.outcome !== 'saved') throw new StaleWrite();
          await record({
            action: 'plan.review_round.row',
            entityType: 'review_round_row',
            entityId: `${roundId}:${row.trackId}`,
            unit: auditUnit(scope),
            summary: `Đánh giá nội dung ${row.ordinal} trong đợt rà soát "${round.label}"`,
            before: saved.before ? reviewView(saved.before) : null,
            after: reviewView(saved.after),
          });
        },
        currentDetail(ctx, scope, roundId),
      );
      return detailOf(ctx, scope, (await repos.reviewRounds.findRound(roundId)) as never);
    },

    async report(
      ctx: ServiceContext,
      planId: string,
      roundId: string,
      format: 'docx' | 'pdf',
      signer: 'principal' | 'monitoring_lead' = 'principal',
    ): Promise<RenderedDocument> {
      const scope = await reader.loadScope(ctx, planId);
      const round = await findRoundIn(scope, roundId);
      const [rows, reviews] = await Promise.all([
        reader.rowsOf(ctx, scope),
        repos.reviewRounds.listRoundRows(round.id),
      ]);
      const input = buildMonitoringReportInput({
        regime: scope.shown.regime === '2026' ? 'TT57' : '2018',
        schoolYear: scope.shown.schoolYear,
        header: scope.shown.header,
        schoolName: scope.school.name,
        round: {
          label: round.label,
          status: round.status as ReviewRoundStatus,
          conclusions: round.conclusions,
          recommendations: round.recommendations,
          closedOn: round.closedAt ? schoolDateOf(new Date(round.closedAt)) : null,
        },
        rows: rows.map(reportRowOf),
        reviews: new Map(reviews.map((r) => [r.trackId, r])),
        today: reader.today(),
        // The team's head signs by hand: the name is left blank for them (the principal's is the plan's signer).
        signer:
          signer === 'principal'
            ? { role: 'principal', name: scope.shown.header.signerName }
            : { role: 'monitoring_lead', name: '' },
      });
      const docx = await renderMonitoringReportDocx(input);
      let bytes = docx;
      if (format === 'pdf') {
        try {
          bytes = await deps.pdf.convert(docx);
        } catch (error) {
          if (error instanceof PdfConversionError)
            throw new AppError('SERVICE_UNAVAILABLE', error.message, { code: error.code });
          throw error;
        }
      }
      const base = monitoringReportFileBaseName({
        roundLabel: round.label,
        schoolYear: scope.shown.schoolYear,
        schoolName: input.school.name,
      });
      return {
        bytes,
        contentType: MEDIA_TYPES[format],
        fileName: `${base}.${format}`,
        warnings: [],
      };
    },
  };
}

/** A RowProgress as the report reads it. */
export function reportRowOf(row: RowProgress): ReportSourceRow {
  return {
    trackId: row.trackId,
    ordinal: row.ordinal,
    criterionCode: row.criterionCode,
    content: row.content,
    timeText: row.timeText,
    leadText: row.leadText,
    coordinatorsText: row.coordinatorsText,
    status: row.status,
    percent: row.percent,
    result: row.result,
    dueDate: row.schedule.dueDate,
    plannedAmount: row.plannedBudget.amount,
    plannedSource: row.plannedBudget.source,
    plannedBySource: row.plannedBudget.bySource,
    spentBySource: row.spent.bySource,
  };
}

function reviewView(r: ReviewRoundRowRecord) {
  return {
    status: r.status,
    percent: r.percent,
    result: r.result,
    adjustment: r.adjustment,
    reviewer: r.reviewer,
    version: r.version,
  };
}

function pick(record: ReviewRoundRecord, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { version: record.version };
  for (const f of fields) out[f] = (record as unknown as Record<string, unknown>)[f];
  if (fields.includes('status')) {
    out['closedAt'] = record.closedAt;
    out['openedAt'] = record.openedAt;
  }
  return out;
}

export type ReviewRoundService = ReturnType<typeof createReviewRoundService>;
