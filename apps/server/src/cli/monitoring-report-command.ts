import {
  isCalendarDate,
  monitorPlan,
  parseBudget,
  plannedAmountsBySource,
  type PlanHeader,
} from '@caitien/core';
import { monitoringReportFileBaseName, renderMonitoringReportDocx } from '@caitien/documents';
import type { PlanInterchange } from '@caitien/shared';
import {
  buildMonitoringReportInput,
  type ReportSourceReview,
  type ReportSourceRound,
} from '../modules/monitoring/monitoring-report-input.ts';
import { UsageError } from './cli-errors.ts';

/**
 * `render <plan.json> --document monitoring-report --at YYYY-MM-DD --format docx|pdf --out F`:
 * the báo cáo kết quả thực hiện kế hoạch cải tiến from a plan in the interchange format (version
 * 2 carries each row's progress and the review rounds), offline. The report is of the file's
 * latest round (the last one opened or closed; else the last one scheduled); a file without rounds
 * gives a summary report of every row's progress. `--at` is the day the report speaks of (overdue
 * rows, the date line), so the same file always gives the same document.
 */

export const MONITORING_REPORT_USAGE = `  render <kế-hoạch.json> --document monitoring-report --at YYYY-MM-DD --format docx|pdf --out <tệp>
         [--signer principal|monitoring_lead] [--json]
                  Xuất báo cáo kết quả thực hiện kế hoạch cải tiến của đợt rà soát mới nhất
                  trong tệp (không có đợt rà soát: báo cáo tổng hợp tiến độ mọi nội dung);
                  người ký: hiệu trưởng (mặc định) hoặc tổ trưởng tổ giám sát.`;

/** The round the report is of: the last opened or closed one, else the last one; or none. */
export function latestRound(
  rounds: PlanInterchange['reviewRounds'],
): NonNullable<PlanInterchange['reviewRounds']>[number] | null {
  const all = rounds ?? [];
  const started = all.filter((r) => r.status !== 'planned');
  return started.at(-1) ?? all.at(-1) ?? null;
}

/** The report's DOCX bytes, its suggested file name and a summary for `--json`. */
export async function renderMonitoringReportFromInterchange(
  plan: PlanInterchange,
  at: string | undefined,
  signer: string = 'principal',
): Promise<{ docx: Buffer; fileBaseName: string; round: string | null; rows: number }> {
  if (signer !== 'principal' && signer !== 'monitoring_lead')
    throw new UsageError(
      `Người ký không hợp lệ: “${signer}” (chọn principal hoặc monitoring_lead).`,
    );
  if (at === undefined) throw new UsageError('Cần --at YYYY-MM-DD (ngày lập báo cáo).');
  if (!isCalendarDate(at))
    throw new UsageError(`Ngày không hợp lệ: “${at}” (cần dạng YYYY-MM-DD, ví dụ 2027-01-15).`);
  const monitored = monitorPlan(plan, at);
  const round = latestRound(plan.reviewRounds);
  const reviews = new Map<string, ReportSourceReview>(
    (round?.rows ?? []).map((r) => [String(r.rowIndex), r]),
  );
  const reportRound: ReportSourceRound | null = round
    ? {
        label: round.label,
        status: round.status,
        conclusions: round.conclusions,
        recommendations: round.recommendations,
        closedOn: null,
      }
    : null;
  const input = buildMonitoringReportInput({
    regime: plan.plan.regime === '2026' ? 'TT57' : '2018',
    schoolYear: plan.plan.schoolYear ?? '',
    header: plan.header as PlanHeader,
    schoolName: plan.school.name,
    round: reportRound,
    today: at,
    signer:
      signer === 'principal'
        ? { role: 'principal', name: plan.header.signerName }
        : { role: 'monitoring_lead', name: '' },
    reviews,
    rows: monitored.rows.map((m) => {
      const row = plan.rows[m.rowIndex];
      const spentBySource: Record<string, number> = {};
      for (const entry of row?.monitoring?.entries ?? []) {
        if (!entry.spent) continue;
        spentBySource[entry.spent.source] =
          (spentBySource[entry.spent.source] ?? 0) + entry.spent.amount;
      }
      return {
        trackId: String(m.rowIndex),
        ordinal: m.ordinal,
        criterionCode: m.criterionCode,
        content: m.content,
        timeText: m.timeText,
        leadText: row?.lead ?? '',
        coordinatorsText: row?.coordinators ?? '',
        status: m.status,
        percent: m.percent,
        result: m.result,
        dueDate: m.dueDate,
        plannedAmount: row?.budget.amount ?? null,
        plannedSource: row?.budget.source ?? 'unknown',
        // The file keeps the cell's text: its parts by source are read again, as the server does.
        plannedBySource: plannedAmountsBySource(parseBudget(row?.budget.text ?? '').value),
        spentBySource,
      };
    }),
  });
  return {
    docx: await renderMonitoringReportDocx(input),
    fileBaseName: monitoringReportFileBaseName({
      roundLabel: input.roundLabel,
      schoolYear: input.schoolYear,
      schoolName: input.school.name,
    }),
    round: round?.label ?? null,
    rows: input.rows.length,
  };
}
