import {
  CLOSED_PROGRESS_STATUSES,
  FUNDING_SOURCES,
  PROGRESS_STATUSES,
  type FundingSource,
  type PlanHeader,
  type ProgressStatus,
} from '@caitien/core';
import type { MonitoringReportInput, MonitoringReportRow } from '@caitien/documents';

/**
 * What the monitoring report prints, from a plan's header, its rows' progress and one round's
 * reviews (issue 13). Pure, shared by the API (review-round.service.ts) and the CLI's
 * `render --document monitoring-report`, so both print the same report from the same data.
 */

/** A row as the report needs it: the plan's texts and the row's progress (RowProgress-like). */
export interface ReportSourceRow {
  trackId: string;
  ordinal: string;
  criterionCode: string | null;
  content: string;
  timeText: string;
  leadText: string;
  coordinatorsText: string;
  status: ProgressStatus;
  percent: number;
  result: string;
  /** The row's due date (YYYY-MM-DD) or null (no date: never overdue). */
  dueDate: string | null;
  plannedAmount: number | null;
  plannedSource: FundingSource;
  plannedBySource?: Partial<Record<FundingSource, number>>;
  spentBySource: Partial<Record<string, number>>;
}

/** A row's review in the round (absent: not reviewed). */
export interface ReportSourceReview {
  status: string | null;
  percent: number | null;
  result: string;
  adjustment: string;
  reviewer: string;
}

export interface ReportSourceRound {
  label: string;
  status: 'planned' | 'open' | 'closed';
  conclusions: string;
  recommendations: string;
  /** YYYY-MM-DD of the closing (school date), or null. */
  closedOn: string | null;
}

const isStatus = (s: string | null): s is ProgressStatus =>
  s !== null && (PROGRESS_STATUSES as readonly string[]).includes(s);

/** "67/KH-THĐP" → "THĐP" (the school's abbreviation for the report's own number), else "". */
export function schoolAbbreviationOf(documentNumber: string): string {
  return /\/\s*[\p{Lu}]+\s*-\s*([\p{L}\p{N}]+)\s*$/u.exec(documentNumber)?.[1] ?? '';
}

/** "Kế hoạch số 67/KH-THĐP ngày 29/11/2025" from the plan's header ("" without a number). */
export function planReferenceOf(header: Pick<PlanHeader, 'documentNumber' | 'documentDate'>) {
  const number = header.documentNumber.replace(/^\s*số\s*:\s*/iu, '').trim();
  if (number === '' || /^\/|^…/u.test(number)) return '';
  const date = header.documentDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(header.documentDate) : null;
  return `Kế hoạch số ${number}${date ? ` ngày ${date[3]}/${date[2]}/${date[1]}` : ''}`;
}

export function buildMonitoringReportInput(input: {
  regime: string;
  schoolYear: string;
  header: PlanHeader;
  /** The school's name in the directory (when the header has none). */
  schoolName: string;
  /** The round, or null for a summary of every row's progress without a round. */
  round: ReportSourceRound | null;
  rows: readonly ReportSourceRow[];
  reviews: ReadonlyMap<string, ReportSourceReview>;
  /** Today (school date): the report's date while the round is not closed. */
  today: string;
  signer?: MonitoringReportInput['signer'];
}): MonitoringReportInput {
  const { header, round } = input;
  // A closed round reports as of its closing; an open one (or none) as of today.
  const asOf = round?.closedOn ?? input.today;
  const rows: MonitoringReportRow[] = input.rows.map((row) => {
    const review = input.reviews.get(row.trackId);
    const status = review && isStatus(review.status) ? review.status : row.status;
    const percent = review?.percent ?? row.percent;
    const spent: Partial<Record<FundingSource, number>> = {};
    for (const [source, amount] of Object.entries(row.spentBySource)) {
      if (!amount) continue;
      const key = (FUNDING_SOURCES as readonly string[]).includes(source)
        ? (source as FundingSource)
        : 'unknown';
      spent[key] = (spent[key] ?? 0) + amount;
    }
    return {
      ordinal: row.ordinal,
      criterionCode: row.criterionCode,
      content: row.content,
      timeText: row.timeText,
      leadText: row.leadText,
      coordinatorsText: row.coordinatorsText,
      status,
      percent,
      result: review && review.result.trim() !== '' ? review.result : row.result,
      adjustment: review?.adjustment ?? '',
      reviewer: review?.reviewer ?? '',
      reviewed: review !== undefined,
      overdue:
        !CLOSED_PROGRESS_STATUSES.includes(status) && row.dueDate !== null && row.dueDate < asOf,
      plannedAmount: row.plannedAmount,
      plannedSource: row.plannedSource,
      ...(row.plannedBySource ? { plannedBySource: row.plannedBySource } : {}),
      spent,
    };
  });
  return {
    regime: input.regime,
    schoolYear: input.schoolYear,
    school: {
      governingBody: header.governingBody,
      name: header.schoolName.trim() !== '' ? header.schoolName : input.schoolName,
      shortName: schoolAbbreviationOf(header.documentNumber),
      placeName: header.placeName,
    },
    planReference: planReferenceOf(header),
    roundLabel: round?.label ?? '',
    documentNumber: '',
    date: asOf,
    asOf,
    conclusions: round?.conclusions ?? '',
    recommendations: round?.recommendations ?? '',
    rows,
    draft: round === null ? false : round.status !== 'closed',
    signer: input.signer ?? { role: 'principal', name: header.signerName },
  };
}
