import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { interchangeFromListing, readListing, seedFixtures } from '@caitien/documents/testing';
import { PLAN_INTERCHANGE_FORMAT_VERSION, type PlanInterchange } from '@caitien/shared';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';
import { latestRound, renderMonitoringReportFromInterchange } from './monitoring-report-command.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-monitoring-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Seed 001 (TH Thanh Luông, 2025-2026, layout B). */
const seed001 = interchangeFromListing(
  readListing(seedFixtures().find((s) => s.id === 'seed001')?.listingPath ?? ''),
);

type Round = NonNullable<PlanInterchange['reviewRounds']>[number];

function round(over: Partial<Round> = {}): Round {
  return {
    kind: 'semester1',
    label: 'Sơ kết học kỳ I',
    status: 'closed',
    plannedDate: '2026-01-15',
    conclusions: 'Nhà trường thực hiện đúng tiến độ phần lớn nội dung.\nCòn 01 nội dung chậm.',
    recommendations: 'Đề nghị bổ sung kinh phí.',
    rows: [],
    ...over,
  };
}

/** Version 2 of seed 001: progress on the row of criterion 1.2, and two rounds. */
function withRounds(plan: PlanInterchange, rounds: Round[]): PlanInterchange {
  const at = plan.rows.findIndex((r) => r.criterionCode === '1.2');
  const rows = plan.rows.map((row, i) =>
    i === at
      ? {
          ...row,
          monitoring: {
            status: 'done' as const,
            percent: 100,
            result: 'Đã thực hiện xong',
            entries: [
              {
                entryDate: '2025-11-20',
                recordedAt: '2025-11-20T03:00:00.000Z',
                authorName: 'Nguyễn Thị Lan',
                status: 'done' as const,
                percent: 100,
                result: 'Đã thực hiện xong',
                note: '',
                spent: { amount: 3_500_000, source: 'state' as const, text: '3,5 triệu' },
              },
            ],
          },
        }
      : row,
  );
  return {
    ...plan,
    formatVersion: PLAN_INTERCHANGE_FORMAT_VERSION,
    rows,
    reviewRounds: rounds.map((r) => ({
      ...r,
      rows: r.rows.map((x) => ({ ...x, rowIndex: x.rowIndex < 0 ? at : x.rowIndex })),
    })),
  };
}

async function textOf(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

describe('latestRound', () => {
  it('takes the last opened or closed round, else the last scheduled one, else none', () => {
    const a = round({ label: 'A', status: 'closed' });
    const b = round({ label: 'B', status: 'open' });
    const c = round({ label: 'C', status: 'planned' });
    expect(latestRound([a, b, c])?.label).toBe('B');
    expect(latestRound([c])?.label).toBe('C');
    expect(latestRound([])).toBeNull();
    expect(latestRound(undefined)).toBeNull();
  });
});

describe('the monitoring report from a plan file', () => {
  it('reports the latest round: its reviews, conclusions and every row', async () => {
    const plan = withRounds(seed001, [
      round({
        rows: [
          {
            rowIndex: -1,
            ordinal: '2',
            status: 'done',
            percent: 100,
            result: 'Đạt yêu cầu.\nĐã lưu hồ sơ.',
            adjustment: '',
            reviewer: 'Trần Văn Bình',
          },
        ],
      }),
      round({ kind: 'year_end', label: 'Tổng kết năm học', status: 'planned', rows: [] }),
    ]);
    const report = await renderMonitoringReportFromInterchange(plan, '2026-01-20');
    expect(report.round).toBe('Sơ kết học kỳ I');
    expect(report.rows).toBe(seed001.rows.length);
    expect(report.fileBaseName).toContain('Sơ kết học kỳ I 2025-2026');
    const xml = await textOf(report.docx);
    for (const text of [
      'BÁO CÁO',
      'Kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục sơ kết học kỳ I năm học 2025-2026',
      'ngày 20 tháng 01 năm 2026',
      'Đạt yêu cầu.',
      'Đã lưu hồ sơ.',
      'Trần Văn Bình',
      'Còn 01 nội dung chậm.',
      'Kinh phí đã chi: 3.500.000 đồng',
    ])
      expect(xml, text).toContain(text);
    expect(xml).not.toContain('DỰ THẢO');
    // Every row of the plan is in the table, as typed.
    for (const row of seed001.rows.slice(0, 5)) {
      const first = (row.content.trim() || row.tasks).split('\n')[0]?.trim() ?? '';
      if (first) expect(xml).toContain(first.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    }
  });

  it('without rounds gives a summary of every row’s progress (a version 1 file too)', async () => {
    const report = await renderMonitoringReportFromInterchange(seed001, '2026-06-01');
    expect(report.round).toBeNull();
    const xml = await textOf(report.docx);
    expect(xml).toContain(
      'Kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục năm học 2025-2026',
    );
    expect(xml).toContain('Chưa bắt đầu');
  });

  it('signs for the monitoring team when asked', async () => {
    const report = await renderMonitoringReportFromInterchange(
      seed001,
      '2026-06-01',
      'monitoring_lead',
    );
    const xml = await textOf(report.docx);
    expect(xml).toContain('TM. TỔ GIÁM SÁT');
    expect(xml).toContain('TỔ TRƯỞNG');
    await expect(
      renderMonitoringReportFromInterchange(seed001, '2026-06-01', 'ai'),
    ).rejects.toThrow(/Người ký không hợp lệ/);
  });

  it('refuses a missing or impossible --at', async () => {
    await expect(renderMonitoringReportFromInterchange(seed001, undefined)).rejects.toThrow(
      /Cần --at/,
    );
    await expect(renderMonitoringReportFromInterchange(seed001, '2026-02-30')).rejects.toThrow(
      /Ngày không hợp lệ/,
    );
  });
});

function cli(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: path.join(work, 'no-database'), INIT_CWD: work },
      input: '',
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli -- render --document monitoring-report', () => {
  it(
    'writes the DOCX and describes it with --json; a bad date is a usage error (exit 2)',
    { timeout: 120_000 },
    async () => {
      writeFileSync(
        path.join(work, 'ke-hoach.json'),
        JSON.stringify(withRounds(seed001, [round({ status: 'open' })])),
      );
      const run = cli([
        'render',
        path.join(work, 'ke-hoach.json'),
        '--document',
        'monitoring-report',
        '--at',
        '2026-01-15',
        '--format',
        'docx',
        '--out',
        path.join(work, 'bao-cao.docx'),
        '--json',
      ]);
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(summary).toMatchObject({
        document: 'monitoring-report',
        format: 'docx',
        at: '2026-01-15',
        round: 'Sơ kết học kỳ I',
        rows: seed001.rows.length,
      });
      const xml = await textOf(readFileSync(path.join(work, 'bao-cao.docx')));
      expect(xml).toContain('DỰ THẢO');
      expect(xml).toContain('Nhà trường thực hiện đúng tiến độ phần lớn nội dung.');

      const bad = cli([
        'render',
        path.join(work, 'ke-hoach.json'),
        '--document',
        'monitoring-report',
        '--at',
        '15/01/2026',
        '--format',
        'xlsx',
        '--out',
        path.join(work, 'x.xlsx'),
      ]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('chỉ xuất được docx, pdf');
    },
  );
});
