import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MonitorResult } from '@caitien/core';
import { interchangeFromListing, readListing, seedFixtures } from '@caitien/documents/testing';
import { PLAN_INTERCHANGE_FORMAT_VERSION, type PlanInterchange } from '@caitien/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-monitor-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const noDatabase = path.join(work, 'no-database-here');

function cli(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', ...args],
    {
      cwd: REPO_ROOT,
      // No database: monitor must not need (or create) one; paths are relative to INIT_CWD.
      env: { ...process.env, DATA_DIR: noDatabase, INIT_CWD: work },
      input: '',
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writePlan(name: string, json: unknown): string {
  writeFileSync(path.join(work, name), typeof json === 'string' ? json : JSON.stringify(json));
  return name;
}

/** Seed 001 (TH Thanh Luông, 2025-2026, layout B): 27 rows of MỨC 1-3 and 5 of MỨC 4. */
const seed001 = interchangeFromListing(
  readListing(seedFixtures().find((s) => s.id === 'seed001')?.listingPath ?? ''),
);

/** Version 2 of seed 001 with progress on three rows (found by criterion) and one review round. */
function withProgress(plan: PlanInterchange): PlanInterchange {
  const index = (code: string) => plan.rows.findIndex((r) => r.criterionCode === code);
  const rows = plan.rows.map((row) => ({ ...row }));
  const progress = {
    // "09 – 12" style rows due 31/12/2025.
    '1.2': { status: 'done', percent: 100, result: 'Đã thực hiện xong' },
    '1.3': { status: 'in_progress', percent: 50, result: 'Đã triển khai một phần' },
    '3.1': { status: 'delayed', percent: 10, result: '' },
  } as const;
  for (const [code, p] of Object.entries(progress)) {
    const row = rows[index(code)];
    if (!row) throw new Error(`no row ${code}`);
    row.monitoring = {
      ...p,
      entries: [
        {
          entryDate: '2025-11-20',
          recordedAt: '2025-11-20T03:00:00.000Z',
          authorName: 'Nguyễn Thị Lan',
          status: p.status,
          percent: p.percent,
          result: p.result,
          note: 'Cập nhật từ điện thoại',
          spent: null,
        },
      ],
    };
  }
  return {
    ...plan,
    formatVersion: PLAN_INTERCHANGE_FORMAT_VERSION,
    rows,
    reviewRounds: [
      {
        kind: 'semester1',
        label: 'Sơ kết học kỳ I',
        status: 'open',
        plannedDate: '2026-01-15',
        conclusions: '',
        recommendations: '',
        rows: [
          {
            rowIndex: index('1.2'),
            ordinal: '2',
            status: 'done',
            percent: 100,
            result: 'Đạt',
            adjustment: '',
            reviewer: 'Tổ giám sát',
          },
        ],
      },
    ],
  };
}

describe('npm run cli -- monitor', () => {
  it(
    'prints every row’s state on the day as one JSON document (version 2 with progress)',
    { timeout: 90_000 },
    () => {
      const file = writePlan('ke-hoach-v2.json', withProgress(seed001));
      const run = cli(['monitor', file, '--at', '2026-01-01', '--json']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      const result = JSON.parse(run.stdout) as MonitorResult;
      expect(result.rows).toHaveLength(32);
      expect(result.rows.map((r) => r.ordinal).slice(0, 3)).toEqual(['1', '2', '3']);
      const byCode = new Map(result.rows.map((r) => [r.criterionCode, r]));
      // 1.2 and 1.3 are due 31/12/2025: on 1/1 the done one is not overdue, the other is.
      expect(byCode.get('1.2')).toMatchObject({
        ordinal: '2',
        status: 'done',
        percent: 100,
        result: 'Đã thực hiện xong',
        dueMonth: '2025-12',
        overdue: false,
      });
      expect(byCode.get('1.3')).toMatchObject({
        status: 'in_progress',
        percent: 50,
        dueMonth: '2025-12',
        overdue: true,
      });
      // 3.1 is "10 – 01": due at the end of January, delayed but not overdue yet.
      expect(byCode.get('3.1')).toMatchObject({
        status: 'delayed',
        dueMonth: '2026-01',
        dueThisMonth: true,
        overdue: false,
      });
      expect(result.summary).toMatchObject({
        at: '2026-01-01',
        total: 32,
        byStatus: { not_started: 29, in_progress: 1, done: 1, delayed: 1, cancelled: 0 },
        overdue: 13,
        noDate: 0,
      });
      expect(existsSync(noDatabase)).toBe(false);
    },
  );

  it(
    'reads a version 1 file (no progress: every row not started) and prints a table',
    { timeout: 90_000 },
    () => {
      const file = writePlan('ke-hoach-v1.json', {
        ...seed001,
        formatVersion: 1,
        importReport: { ignored: true },
      });
      const run = cli(['monitor', file, '--at', '2025-12-31']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('phiên bản 1 không có tiến độ');
      const lines = run.stdout.split('\n');
      expect(lines[0]).toMatch(/^TT\s+│ Tiêu chí\s+│ Trạng thái\s+│ %\s+│ Hạn\s+│ Ghi chú/u);
      expect(lines.find((l) => /^2\s+│ 1\.2 /u.test(l))).toMatch(
        /Chưa bắt đầu │ 0%\s+│ 31\/12\/2025 │ còn 0 ngày; đến hạn tháng này/u,
      );
      expect(run.stdout).toContain('Mức 4 (');
      expect(run.stdout).toContain(
        'Tình trạng kế hoạch ngày 31/12/2025: 32 dòng (chưa bắt đầu 32).',
      );
      expect(run.stdout).toMatch(/Quá hạn: \d+; sắp đến hạn \(trong 14 ngày\): \d+/u);
    },
  );

  it('lists rows without a time as "no date", never guessed', { timeout: 90_000 }, () => {
    const rows = seed001.rows.slice(0, 2).map((row) => ({ ...row }));
    const first = rows[0];
    if (!first) throw new Error('no row');
    first.time = {
      text: 'Sau khi có kinh phí',
      start: null,
      end: null,
      issues: [],
    };
    const run = cli([
      'monitor',
      writePlan('khong-ro.json', { ...seed001, rows }),
      '--at',
      '2030-01-01',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('1 dòng chưa có thời gian hiểu được (TT 1)');
    const result = JSON.parse(run.stdout) as MonitorResult;
    expect(result.rows[0]).toMatchObject({ noDate: true, dueMonth: null, overdue: false });
    expect(result.rows[1]).toMatchObject({ noDate: false, overdue: true });
  });

  // Each case is a cold CLI start; the limit only guards against a hang.
  it('refuses bad files with exit 1 and wrong usage with exit 2', { timeout: 300_000 }, () => {
    const valid = writePlan('hop-le.json', seed001);
    const refused: [string[], RegExp][] = [
      [['monitor', 'khong-co.json', '--at', '2026-01-01'], /Không tìm thấy hoặc không đọc được/u],
      [
        ['monitor', writePlan('hong.json', '{"formatVersion": 2,'), '--at', '2026-01-01'],
        /không phải JSON hợp lệ/u,
      ],
      [
        ['monitor', writePlan('v3.json', { ...seed001, formatVersion: 3 }), '--at', '2026-01-01'],
        /không đúng định dạng kế hoạch \(formatVersion 1 hoặc 2\):\n {2}formatVersion/u,
      ],
      [
        [
          'monitor',
          writePlan('vong-sai.json', {
            ...withProgress(seed001),
            reviewRounds: [
              {
                kind: 'year_end',
                label: 'Tổng kết năm học',
                status: 'planned',
                plannedDate: null,
                conclusions: '',
                recommendations: '',
                rows: [
                  {
                    rowIndex: 99,
                    ordinal: '100',
                    status: null,
                    percent: null,
                    result: '',
                    adjustment: '',
                    reviewer: '',
                  },
                ],
              },
            ],
          }),
          '--at',
          '2026-01-01',
        ],
        /reviewRounds\.0\.rows\.0\.rowIndex: Dòng 99 không có trong kế hoạch/u,
      ],
    ];
    for (const [args, message] of refused) {
      const run = cli(args);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
    }
    const usage: [string[], RegExp][] = [
      [['monitor', valid], /Cần --at YYYY-MM-DD/u],
      [['monitor', valid, '--at', '2026-02-29'], /Ngày không hợp lệ: “2026-02-29”/u],
      [['monitor', '--at', '2026-01-01'], /Cần đúng một tệp kế hoạch JSON/u],
      [['monitor', valid, '--at', '2026-01-01', '--nope'], /--nope/u],
    ];
    for (const [args, message] of usage) {
      const run = cli(args);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
    }
  });
});
