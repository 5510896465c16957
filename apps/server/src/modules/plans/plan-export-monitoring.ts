import {
  numberPlanRows,
  type OrderableRow,
  type FundingSource,
  type ProgressStatus,
  type ReviewRoundKind,
  type ReviewRoundStatus,
} from '@caitien/core';
import type { PlanRecord, Repositories } from '@caitien/db';
import type { PlanInterchange } from '@caitien/shared';

type RowMonitoring = NonNullable<PlanInterchange['rows'][number]['monitoring']>;
type ReviewRound = NonNullable<PlanInterchange['reviewRounds']>[number];

/**
 * What interchange version 2 adds to an export (issue 13): each row's progress with its dated log,
 * and the lineage's review rounds with their result per row. Progress hangs on the row's track
 * (DESIGN-13 "Identity: tracks"), so any revision of the plan exports the same progress; a round's
 * row points at the exported row of that track (rows of a track the plan no longer has are left
 * out). The statuses were validated when written; the response schema checks them again.
 */
export async function monitoringOfExport(
  repos: Pick<Repositories, 'progress' | 'reviewRounds'>,
  plan: Pick<PlanRecord, 'lineageId' | 'regime'>,
  rows: readonly (OrderableRow & { trackId: string })[],
): Promise<{ rows: RowMonitoring[]; reviewRounds: ReviewRound[] }> {
  const trackIds = [...new Set(rows.map((r) => r.trackId))];
  const [progress, entries, rounds] = await Promise.all([
    repos.progress.listProgressOfTracks(trackIds),
    repos.progress.listEntries(trackIds),
    repos.reviewRounds.listRounds([plan.lineageId]),
  ]);
  const progressOf = new Map(
    progress.filter((p) => p.lineageId === plan.lineageId).map((p) => [p.trackId, p]),
  );
  const entriesOf = new Map<string, RowMonitoring['entries']>();
  for (const e of entries) {
    if (e.lineageId !== plan.lineageId) continue;
    const list = entriesOf.get(e.trackId) ?? [];
    list.push({
      entryDate: e.entryDate,
      recordedAt: e.recordedAt,
      authorName: e.authorName,
      status: e.status as ProgressStatus | null,
      percent: e.percent,
      result: e.result,
      note: e.note,
      spent:
        e.spentAmount === null
          ? null
          : {
              amount: e.spentAmount,
              source: (e.spentSource ?? 'unknown') as FundingSource,
              text: e.spentText,
            },
    });
    entriesOf.set(e.trackId, list);
  }
  const rowMonitoring = rows.map((row): RowMonitoring => {
    const p = progressOf.get(row.trackId);
    return {
      status: (p?.status ?? 'not_started') as ProgressStatus,
      percent: p?.percent ?? 0,
      result: p?.result ?? '',
      entries: entriesOf.get(row.trackId) ?? [],
    };
  });

  // The round rows point by index into the exported rows; TT as the documents number them.
  const indexOfTrack = new Map(rows.map((r, i) => [r.trackId, i]));
  const ordinalOf = new Map(
    numberPlanRows(rows, plan.regime).map((n) => [n.index, String(n.number)]),
  );
  const reviewRounds: ReviewRound[] = [];
  for (const round of rounds) {
    const reviewed = await repos.reviewRounds.listRoundRows(round.id);
    const roundRows = reviewed.flatMap((r) => {
      const rowIndex = indexOfTrack.get(r.trackId);
      if (rowIndex === undefined) return [];
      return [
        {
          rowIndex,
          ordinal: ordinalOf.get(rowIndex) ?? String(rowIndex + 1),
          status: r.status as ProgressStatus | null,
          percent: r.percent,
          result: r.result,
          adjustment: r.adjustment,
          reviewer: r.reviewer,
        },
      ];
    });
    reviewRounds.push({
      kind: round.kind as ReviewRoundKind,
      label: round.label,
      status: round.status as ReviewRoundStatus,
      plannedDate: round.plannedDate,
      conclusions: round.conclusions,
      recommendations: round.recommendations,
      rows: roundRows.sort((a, b) => a.rowIndex - b.rowIndex),
    });
  }
  return { rows: rowMonitoring, reviewRounds };
}
