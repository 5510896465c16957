import type { CanonicalValue } from '@caitien/core';
import type { reviewRoundDetailSchema } from '@caitien/shared';
import type { z } from 'zod';

/**
 * What a submitted monitoring report seals (issue 14): the closed round — its label, dates,
 * conclusions and recommendations — and each row's review (status and percent as reviewed, result,
 * adjustment, reviewer) with the row's identity. Nothing that moves on after the round closed (the
 * rows' live progress, "today") is in it, so the same closed round always seals to the same hash.
 */
export function reviewRoundSnapshotContent(detail: z.infer<typeof reviewRoundDetailSchema>): {
  content: CanonicalValue;
  version: number;
} {
  const content = {
    kind: 'monitoring_report',
    round: {
      id: detail.id,
      planId: detail.planId,
      lineageId: detail.lineageId,
      position: detail.position,
      kind: detail.kind,
      label: detail.label,
      plannedDate: detail.plannedDate,
      openedAt: detail.openedAt,
      closedAt: detail.closedAt,
      conclusions: detail.conclusions,
      recommendations: detail.recommendations,
    },
    rows: detail.rows.map((r) => ({
      trackId: r.row.trackId,
      ordinal: r.row.ordinal,
      standardCode: r.row.standardCode,
      criterionCode: r.row.criterionCode,
      content: r.row.content,
      status: r.status,
      percent: r.percent,
      result: r.result,
      adjustment: r.adjustment,
      reviewer: r.reviewer,
    })),
  };
  return { content: content as unknown as CanonicalValue, version: detail.version };
}
