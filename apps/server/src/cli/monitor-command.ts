import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  isCalendarDate,
  monitorPlan,
  PROGRESS_STATUS_LABELS,
  PROGRESS_STATUSES,
  type MonitoredRow,
  type MonitorResult,
} from '@caitien/core';
import { planInterchangeSchema, type PlanInterchange } from '@caitien/shared';
import { parseCommandLine, RefusedError, UsageError } from './cli-errors.ts';

/**
 * `monitor <plan.json> --at YYYY-MM-DD [--json]`: each row's state on that day, offline (no
 * database; issue 13 "Interfaces"). Input: the plan interchange JSON (version 2 carries each row's
 * progress; a version 1 file reads with every row "chưa bắt đầu"). With `--json`, stdout holds one
 * JSON document `{ rows: [{ ordinal, criterionCode, status, overdue, dueMonth, … }], summary }`;
 * without it, a table and the counts in Vietnamese. Exit 0 success, 1 the file was refused, 2 wrong
 * usage (also an `--at` that is not a calendar date) (CONTRACTS.md "CLI").
 */

export const MONITOR_USAGE = `  monitor <kế-hoạch.json> --at YYYY-MM-DD [--json]
                  Tình trạng từng dòng của kế hoạch vào ngày --at (trạng thái, quá hạn,
                  hạn hoàn thành, đến hạn / bắt đầu trong tháng), từ tệp JSON trao đổi
                  ("Xuất JSON"), không dùng cơ sở dữ liệu.`;

/** Plans are well under this; anything larger is not one (the import limit is 1,000 rows). */
const MAX_INPUT_BYTES = 20 * 1024 * 1024;

function readPlan(file: string): PlanInterchange {
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new RefusedError(`“${file}” không phải là tệp.`);
    if (stat.size > MAX_INPUT_BYTES) {
      throw new RefusedError(`Tệp “${file}” quá lớn (tối đa 20 MB).`);
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof RefusedError) throw error;
    throw new RefusedError(`Không tìm thấy hoặc không đọc được tệp “${file}”.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    throw new RefusedError(
      `Tệp “${file}” không phải JSON hợp lệ (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const parsed = planInterchangeSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(gốc)'}: ${issue.message}`);
    throw new RefusedError(
      `Tệp “${file}” không đúng định dạng kế hoạch (formatVersion 1 hoặc 2):\n  ${issues.join('\n  ')}`,
    );
  }
  return parsed.data;
}

/** "2026-01" → "01/2026"; a date → "31/01/2026". */
function vnDate(text: string | null): string {
  if (text === null) return '—';
  const [y, m, d] = text.split('-');
  return d ? `${d}/${m}/${y}` : `${m}/${y}`;
}

/** What the table says of a row's schedule, most urgent first. */
function scheduleNote(row: MonitoredRow): string {
  const notes: string[] = [];
  if (row.noDate) notes.push('chưa có thời gian');
  else if (row.dueDate === null) notes.push('không có hạn kết thúc');
  if (row.overdue) notes.push(`quá hạn ${-(row.daysLeft ?? 0)} ngày`);
  else if (row.dueSoon) notes.push(`còn ${row.daysLeft ?? 0} ngày`);
  if (row.dueThisMonth) notes.push('đến hạn tháng này');
  if (row.startsThisMonth) notes.push('bắt đầu tháng này');
  return notes.join('; ');
}

const width = (text: string) => [...text].length;

/** Cuts a cell to `max` characters on one line. */
function cell(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return width(flat) > max ? `${[...flat].slice(0, max - 1).join('')}…` : flat;
}

/** A plain-text table: columns padded to their widest cell. */
function formatTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c)))
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(header), rule, ...body.map(line)].join('\n');
}

function formatReport(result: MonitorResult): string {
  const body = result.rows.map((row) => [
    row.ordinal,
    row.criterionCode ?? (row.level4Key !== null ? `Mức 4 (${row.level4Key})` : ''),
    PROGRESS_STATUS_LABELS[row.status],
    `${row.percent}%`,
    vnDate(row.dueDate),
    scheduleNote(row),
    cell(row.content, 48),
  ]);
  const table = formatTable(
    ['TT', 'Tiêu chí', 'Trạng thái', '%', 'Hạn', 'Ghi chú', 'Nội dung'],
    body,
  );
  const s = result.summary;
  const statuses = PROGRESS_STATUSES.filter((status) => s.byStatus[status] > 0)
    .map((status) => `${PROGRESS_STATUS_LABELS[status].toLowerCase()} ${s.byStatus[status]}`)
    .join(', ');
  const lines = [
    `Tình trạng kế hoạch ngày ${vnDate(s.at)}: ${s.total} dòng${statuses ? ` (${statuses})` : ''}.`,
    `Quá hạn: ${s.overdue}; sắp đến hạn (trong 14 ngày): ${s.dueSoon}; đến hạn tháng này: ${s.dueThisMonth}; bắt đầu tháng này: ${s.startsThisMonth}; chưa có thời gian: ${s.noDate}; không có hạn kết thúc: ${s.openEnd}.`,
  ];
  return `${result.rows.length > 0 ? `${table}\n\n` : ''}${lines.join('\n')}\n`;
}

export function monitorCommand(args: string[]): number {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: { at: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('Cần đúng một tệp kế hoạch JSON.');
  if (values.at === undefined) throw new UsageError('Cần --at YYYY-MM-DD (ngày xem tình trạng).');
  if (!isCalendarDate(values.at)) {
    throw new UsageError(
      `Ngày không hợp lệ: “${values.at}” (cần dạng YYYY-MM-DD và là một ngày có thật).`,
    );
  }
  // `npm run` starts in the repository root; paths are the user's, relative to where they typed.
  const base = process.env.INIT_CWD ?? process.cwd();
  const plan = readPlan(path.resolve(base, file));
  if (plan.plan.schoolYear === null) {
    process.stderr.write(
      '⚠ Tệp không ghi năm học: các thời gian chỉ có tháng chưa xếp được vào năm nên chưa có hạn.\n',
    );
  }
  if (plan.formatVersion === 1) {
    process.stderr.write(
      '⚠ Tệp theo định dạng phiên bản 1 không có tiến độ: mọi dòng được tính là chưa bắt đầu.\n',
    );
  }
  const result = monitorPlan(plan, values.at);
  if (result.summary.noDate > 0) {
    const list = result.rows
      .filter((r) => r.noDate)
      .map((r) => r.ordinal)
      .join(', ');
    process.stderr.write(
      `⚠ ${result.summary.noDate} dòng chưa có thời gian hiểu được (TT ${list}): không tính hạn, không đoán.\n`,
    );
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  process.stdout.write(formatReport(result));
  return 0;
}
