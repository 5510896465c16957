import {
  FUNDING_SOURCE_LABELS,
  FUNDING_SOURCES,
  PROGRESS_STATUS_LABELS,
  PROGRESS_STATUSES,
  type FundingSource,
  type ProgressStatus,
} from '@caitien/core';
import {
  BLANK,
  centred,
  dataTable,
  dateWords,
  draftMark,
  masthead,
  packDocx,
  para,
  signature,
  SIZE,
  TEXT_WIDTH,
  type Block,
  type CellInput,
} from '../assessment/docx-kit.ts';
import { formatDateLine, formatNumberLine } from '../render/plan-document.ts';

/**
 * The monitoring report of one review round (issue 13): "BÁO CÁO Kết quả thực hiện kế hoạch cải
 * tiến chất lượng giáo dục <đợt> năm học …", in the NĐ 30/2020 layout (quốc hiệu, tiêu ngữ, cơ
 * quan, số/ký hiệu, địa danh – ngày), with I. the summary (rows by status, overdue, budget planned
 * against spent), II. the table of every row as reviewed in the round, III. the conclusions and
 * recommendations, then Nơi nhận and the signer. Texts are printed exactly as typed.
 */

/** One row of the plan as the round reviewed it. */
export interface MonitoringReportRow {
  /** TT as the plan numbers it ("1", "2"…). */
  ordinal: string;
  criterionCode: string | null;
  /** Nội dung (or the tasks when the layout has no content column), as typed. */
  content: string;
  timeText: string;
  leadText: string;
  coordinatorsText: string;
  status: ProgressStatus;
  percent: number;
  /** The result written in the round (or, without a review, the progress result). */
  result: string;
  adjustment: string;
  reviewer: string;
  /**
   * Whether the round has a review of this row. Without it, a row counts as reviewed when it has a
   * result, adjustment or reviewer — but `result` falls back to the progress result, so builders
   * that know the reviews set it (a progress result alone is not a review).
   */
  reviewed?: boolean;
  overdue: boolean;
  /** Planned amount in đồng (null: not given or not understood) and its source. */
  plannedAmount: number | null;
  plannedSource: FundingSource;
  /**
   * The planned amount split by source (core `plannedAmountsBySource`: a cell naming "Ngân sách" and
   * "XHH" parts counts each under its own source); absent: all of it under `plannedSource`.
   */
  plannedBySource?: Partial<Record<FundingSource, number>>;
  /** Spent so far in đồng, by source. */
  spent: Partial<Record<FundingSource, number>>;
}

export interface MonitoringReportInput {
  regime: string;
  schoolYear: string;
  school: {
    governingBody: string;
    name: string;
    /** For the number line's blank ("…/BC-THĐP"). */
    shortName: string;
    placeName: string;
  };
  /** The plan reported on: "Kế hoạch số 67/KH-THĐP ngày 29/11/2022" (empty: not cited). */
  planReference: string;
  /** The round's label ("Cuối học kỳ I", "Sơ kết học kỳ I"…); empty for a summary of all rows. */
  roundLabel: string;
  /** The report's number as the văn thư writes it ("12/BC-THĐP"); empty: a blank to fill. */
  documentNumber: string;
  /** The report's date (YYYY-MM-DD) or null (blanks to fill). */
  date: string | null;
  /** The day the counts and the overdue flags were computed for (YYYY-MM-DD). */
  asOf: string;
  conclusions: string;
  recommendations: string;
  rows: MonitoringReportRow[];
  /** "DỰ THẢO" while the round is not closed. */
  draft: boolean;
  /** Who signs: the principal (default) or the head of the monitoring team. */
  signer: { role: 'principal' | 'monitoring_lead'; name: string };
  /** Nơi nhận; defaults to the usual list. */
  recipients?: string[];
}

/** Counts and amounts of section I. */
export interface MonitoringReportSummary {
  total: number;
  byStatus: Record<ProgressStatus, number>;
  overdue: number;
  reviewed: number;
  planned: { total: number; bySource: Partial<Record<FundingSource, number>> };
  spent: { total: number; bySource: Partial<Record<FundingSource, number>> };
  /** Rows whose planned amount was not given or not understood. */
  plannedUnknown: number;
}

/** Section I's figures from the rows. Pure. */
export function summariseMonitoringRows(
  rows: readonly MonitoringReportRow[],
): MonitoringReportSummary {
  const byStatus = Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as Record<
    ProgressStatus,
    number
  >;
  const planned: MonitoringReportSummary['planned'] = { total: 0, bySource: {} };
  const spent: MonitoringReportSummary['spent'] = { total: 0, bySource: {} };
  let overdue = 0;
  let reviewed = 0;
  let plannedUnknown = 0;
  for (const row of rows) {
    byStatus[row.status] += 1;
    if (row.overdue) overdue += 1;
    if (
      row.reviewed ??
      (row.result.trim() !== '' || row.adjustment.trim() !== '' || row.reviewer.trim() !== '')
    )
      reviewed += 1;
    if (row.plannedAmount === null) plannedUnknown += 1;
    else {
      planned.total += row.plannedAmount;
      const split = row.plannedBySource ?? { [row.plannedSource]: row.plannedAmount };
      for (const source of FUNDING_SOURCES) {
        const amount = split[source] ?? 0;
        if (amount !== 0) planned.bySource[source] = (planned.bySource[source] ?? 0) + amount;
      }
    }
    for (const source of FUNDING_SOURCES) {
      const amount = row.spent[source] ?? 0;
      if (amount === 0) continue;
      spent.total += amount;
      spent.bySource[source] = (spent.bySource[source] ?? 0) + amount;
    }
  }
  return { total: rows.length, byStatus, overdue, reviewed, planned, spent, plannedUnknown };
}

/** "12.500.000 đồng": dots between thousands, as Vietnamese documents write amounts. */
export function formatDong(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(amount)));
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

/** "Cuối học kỳ I" → the title's second line. */
export function monitoringReportTitle(roundLabel: string, schoolYear: string): string {
  const label = roundLabel.trim();
  // Only the first letter is lowered: "Cuối học kỳ I" → "cuối học kỳ I" (the numeral stays).
  const round = label === '' ? '' : ` ${label.charAt(0).toLocaleLowerCase('vi')}${label.slice(1)}`;
  return `Kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục${round} năm học ${schoolYear}`;
}

/** The file name (without extension) of a round's report: diacritics kept, no path characters. */
export function monitoringReportFileBaseName(input: {
  roundLabel: string;
  schoolYear: string;
  schoolName: string;
}): string {
  const round = input.roundLabel.trim() === '' ? '' : ` ${input.roundLabel.trim()}`;
  return (
    `Báo cáo kết quả thực hiện kế hoạch cải tiến${round} ${input.schoolYear} - ${input.schoolName}`
      // eslint-disable-next-line no-control-regex
      .replace(/[\\/:*?"<>|\u0000-\u001F\u007F-\u009F]/g, '-')
      .replace(/[\uD800-\uDFFF]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function responsible(row: MonitoringReportRow): string {
  const lead = row.leadText.trim();
  const coordinators = row.coordinatorsText.trim();
  if (lead === '') return coordinators === '' ? '' : `Phối hợp: ${row.coordinatorsText}`;
  return coordinators === '' ? row.leadText : `${row.leadText}\nPhối hợp: ${row.coordinatorsText}`;
}

function contentCell(row: MonitoringReportRow): string {
  return row.criterionCode ? `Tiêu chí ${row.criterionCode}:\n${row.content}` : row.content;
}

function statusCell(row: MonitoringReportRow): string {
  const label = PROGRESS_STATUS_LABELS[row.status];
  return row.overdue ? `${label}\n(quá hạn)` : label;
}

function summaryBlocks(input: MonitoringReportInput, s: MonitoringReportSummary): Block[] {
  const line = (text: string): Block[] => para(text, { indent: true });
  const status = (key: ProgressStatus) =>
    `- ${PROGRESS_STATUS_LABELS[key]}: ${s.byStatus[key]} nội dung;`;
  const sources = (bySource: Partial<Record<FundingSource, number>>): string =>
    FUNDING_SOURCES.filter((k) => (bySource[k] ?? 0) !== 0)
      .map((k) => `${FUNDING_SOURCE_LABELS[k]} ${formatDong(bySource[k] ?? 0)}`)
      .join('; ');
  const plannedSources = sources(s.planned.bySource);
  const spentSources = sources(s.spent.bySource);
  return [
    ...para('I. KHÁI QUÁT CHUNG', { bold: true, before: 240 }),
    ...line(
      `${input.planReference.trim() !== '' ? `${input.planReference} có` : 'Kế hoạch cải tiến chất lượng có'} ${s.total} nội dung cải tiến. Tình hình thực hiện tính đến ${dateWords(input.asOf)}:`,
    ),
    ...PROGRESS_STATUSES.flatMap((key) => line(status(key))),
    ...line(`- Quá hạn (đã hết thời gian dự kiến mà chưa hoàn thành): ${s.overdue} nội dung.`),
    ...(input.roundLabel.trim() !== ''
      ? line(`Tổ giám sát đã rà soát, đánh giá ${s.reviewed}/${s.total} nội dung trong đợt này.`)
      : []),
    ...line(
      `Kinh phí dự kiến: ${formatDong(s.planned.total)}${plannedSources !== '' ? ` (${plannedSources})` : ''}${s.plannedUnknown > 0 ? `; ${s.plannedUnknown} nội dung chưa ghi rõ kinh phí` : ''}.`,
    ),
    ...line(
      `Kinh phí đã chi: ${formatDong(s.spent.total)}${spentSources !== '' ? ` (${spentSources})` : ''}.`,
    ),
  ];
}

const TABLE_HEADER = [
  'TT',
  'Nội dung',
  'Thời gian',
  'Phụ trách',
  'Trạng thái',
  'Mức độ (%)',
  'Kết quả thực hiện',
  'Điều chỉnh (nếu có)',
  'Người đánh giá',
];
/** Shares of the landscape width, percent. */
const TABLE_WIDTHS = [5, 20, 9, 12, 10, 7, 17, 12, 8];

function rowsTable(input: MonitoringReportInput): Block {
  const body: CellInput[][] = input.rows.map((row) => [
    { text: row.ordinal, align: 'center' },
    contentCell(row),
    row.timeText,
    responsible(row),
    statusCell(row),
    { text: String(row.percent), align: 'center' },
    row.result,
    row.adjustment,
    row.reviewer,
  ]);
  if (body.length === 0) {
    body.push([
      { text: '(Kế hoạch chưa có nội dung cải tiến nào.)', colSpan: 9, italic: true },
      ...Array.from({ length: 8 }, () => null),
    ]);
  }
  return dataTable({
    widths: TABLE_WIDTHS,
    header: [TABLE_HEADER, TABLE_HEADER.map((_, i) => ({ text: `(${i + 1})`, italic: true }))],
    body,
    width: TEXT_WIDTH.landscape,
    size: SIZE.small,
  });
}

function signerLinesOf(role: MonitoringReportInput['signer']['role']): string[] {
  return role === 'principal' ? ['HIỆU TRƯỞNG'] : ['TM. TỔ GIÁM SÁT', 'TỔ TRƯỞNG'];
}

function defaultRecipients(input: MonitoringReportInput): string[] {
  return [
    ...(input.signer.role === 'monitoring_lead' ? ['Hiệu trưởng (để báo cáo);'] : []),
    ...(input.school.governingBody.trim() !== ''
      ? [`${input.school.governingBody.trim()} (để báo cáo);`]
      : []),
    'Các tổ chuyên môn, tổ văn phòng;',
    'Lưu: VT.',
  ];
}

/**
 * The monitoring report as DOCX bytes: a portrait first part (masthead, title, I), the table of
 * rows on landscape pages (II), then portrait again (III, Nơi nhận, signer). Pure apart from the
 * zip packing.
 */
export async function renderMonitoringReportDocx(input: MonitoringReportInput): Promise<Buffer> {
  const school = input.school;
  const summary = summariseMonitoringRows(input.rows);
  const number = input.documentNumber.trim();
  const first: Block[] = [
    ...(input.draft ? [draftMark()] : []),
    masthead({
      parentAgency: school.governingBody,
      schoolName: school.name,
      numberLine:
        number !== ''
          ? formatNumberLine(number)
          : `Số:      /BC-${school.shortName.trim() !== '' ? school.shortName.trim() : '……'}`,
      dateLine: formatDateLine(school.placeName, input.date),
    }),
    centred('BÁO CÁO', { bold: true }, 0, 360),
    centred(monitoringReportTitle(input.roundLabel, input.schoolYear), { bold: true }, 240),
    ...summaryBlocks(input, summary),
  ];
  const table: Block[] = [
    ...para('II. KẾT QUẢ THỰC HIỆN TỪNG NỘI DUNG CẢI TIẾN', { bold: true, before: 120 }),
    rowsTable(input),
    // The section's properties ride on its last paragraph: never the table's placeholder.
    ...para(''),
  ];
  const closing: Block[] = [
    ...para('III. KẾT LUẬN VÀ KIẾN NGHỊ', { bold: true, before: 120 }),
    ...para('1. Kết luận', { bold: true, italic: true }),
    ...para(input.conclusions.trim() !== '' ? input.conclusions : BLANK, { indent: true }),
    ...para('2. Kiến nghị, đề xuất', { bold: true, italic: true }),
    ...para(input.recommendations.trim() !== '' ? input.recommendations : BLANK, {
      indent: true,
    }),
    ...para(''),
    signature({
      recipients: input.recipients ?? defaultRecipients(input),
      lines: signerLinesOf(input.signer.role),
      name: input.signer.name,
    }),
  ];
  return packDocx({
    title: `Báo cáo ${monitoringReportTitle(input.roundLabel, input.schoolYear)}`,
    description: 'Báo cáo kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục',
    sections: [
      { children: first },
      { orientation: 'landscape', children: table },
      { children: closing },
    ],
  });
}
