import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_ASSESSMENT_SETTINGS,
  findFrameworkVersion,
  frameworkVersionId,
  loadFrameworkCatalogue,
  type FrameworkCode,
} from '@caitien/core';
import { findSoffice } from '@caitien/documents';
import {
  ASSESSMENT_INTERCHANGE_FORMAT_VERSION,
  assessmentInterchangeSchema,
  type AssessmentInterchange,
} from '@caitien/shared';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../config.ts';
import { docxText } from '../testing/docx-text.ts';
import { RefusedError, UsageError } from './cli-errors.ts';
import { renderCommand } from './render-command.ts';

const work = mkdtempSync(path.join(tmpdir(), 'caitien-render-assessment-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A small assessment interchange file, made from the framework catalogue: every criterion of the
 * framework with empty texts, criterion 1.1 described with two evidence codes and marked Đạt at
 * Mức 1, two evidence items (one cited by 1.1 and 1.2).
 */
function interchange(code: FrameworkCode): AssessmentInterchange {
  const framework = findFrameworkVersion(loadFrameworkCatalogue(), code);
  if (!framework) throw new Error(`no framework ${code}`);
  const tt57 = framework.regime === '2026';
  const [first, second] = tt57 ? ['MC.1.1.01', 'MC.1.1.02'] : ['[H1-1.1-01]', '[H1-1.1-02]'];
  const level1 = Object.fromEntries(
    framework.standards[0]?.criteria[0]?.indicators
      .filter((i) => i.level === 1 && i.repealed === null)
      .map((i) => [i.key ? `1.${i.key}` : '1', true]) ?? [],
  );
  const description = `Nhà trường có kế hoạch chiến lược được phê duyệt ${tt57 ? `(${first}, ${second})` : `${first}, ${second}`}.`;
  const file: AssessmentInterchange = {
    formatVersion: ASSESSMENT_INTERCHANGE_FORMAT_VERSION,
    generator: 'render-assessment-command.test',
    exportedAt: '2027-05-14T08:00:00.000Z',
    assessment: {
      schoolYear: tt57 ? '2031-2032' : '2024-2025',
      regime: framework.regime,
      frameworkCode: framework.code,
      frameworkId: frameworkVersionId(framework.code, framework.version),
      status: 'draft',
      revisionNumber: 1,
      snapshotHash: null,
    },
    school: { name: 'Trường Tiểu học Hòa Bình' },
    council: { members: [], groups: [], decisionNumber: '', decisionDate: '' },
    workPlan: {
      number: '',
      date: '',
      purpose: '',
      scope: '',
      tools: '',
      training: '',
      resources: '',
      consultants: '',
      steps: [],
    },
    settings: DEFAULT_ASSESSMENT_SETTINGS,
    report: {
      context: 'Trường có 24 lớp, 812 học sinh.',
      purpose: '',
      process: '',
      conclusion: '',
      recommendations: '',
    },
    standards: framework.standards.map((s) => ({
      standardCode: s.code,
      intro: '',
      conclusion: '',
      strengths: '',
      limitations: '',
      causes: '',
      trend: '',
      priorities: '',
    })),
    criteria: framework.standards.flatMap((s) =>
      s.criteria.map((c, i) => ({
        criterionCode: c.code,
        standardCode: s.code,
        marks: s === framework.standards[0] && i === 0 ? level1 : {},
        description: !tt57 && c.code === '1.1' ? description : '',
        levelDescriptions: (tt57 && c.code === '1.1' ? { '1': description } : {}) as Record<
          string,
          string
        >,
        strengths: '',
        weaknesses: '',
        improvementPlan: '',
        assigneeMemberId: null,
        assigneeGroupId: null,
      })),
    ),
    level4: framework.level4Items.map((item) => ({ key: item.key, met: null, description: '' })),
    evidence: [
      {
        code: first,
        box: tt57 ? null : 1,
        primaryCriterionCode: '1.1',
        sequence: 1,
        name: 'Kế hoạch chiến lược phát triển nhà trường giai đoạn 2025-2030',
        issued: 'Số 20/KH-THHB ngày 15/9/2025',
        issuer: 'Trường Tiểu học Hòa Bình',
        note: '',
        link: '',
        criterionCodes: ['1.1'],
        previousCode: null,
        files: [],
      },
      {
        code: second,
        box: tt57 ? null : 1,
        primaryCriterionCode: '1.1',
        sequence: 2,
        name: 'Nghị quyết Hội đồng trường thông qua kế hoạch chiến lược',
        issued: '',
        issuer: 'Hội đồng trường',
        note: '',
        link: 'https://example.edu.vn/nghi-quyet',
        criterionCodes: ['1.1', '1.2'],
        previousCode: null,
        files: [],
      },
    ],
  };
  return assessmentInterchangeSchema.parse(file);
}

const tt17File = path.join(work, 'tt17.json');
const tt57File = path.join(work, 'tt57.json');
writeFileSync(tt17File, JSON.stringify(interchange('TT17')));
writeFileSync(tt57File, JSON.stringify(interchange('TT57-PT')));

/** Runs the command in this process, its stdout and stderr captured. */
async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await renderCommand(args);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}
afterEach(() => vi.restoreAllMocks());

describe('render --document assessment-report | evidence-list', () => {
  it('writes the 2018 report with the criterion text, the evidence codes and list', async () => {
    const out = path.join(work, 'bao-cao-tt17.docx');
    const result = await run([
      tt17File,
      '--document',
      'assessment-report',
      '--format',
      'docx',
      '--out',
      out,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      document: 'assessment-report',
      format: 'docx',
      framework: 'TT17',
      evidence: 2,
      suggestedName: 'Báo cáo tự đánh giá 2024-2025 - Trường Tiểu học Hòa Bình (dự thảo).docx',
    });
    const text = await docxText(readFileSync(out));
    expect(text).toContain(
      'Nhà trường có kế hoạch chiến lược được phê duyệt [H1-1.1-01], [H1-1.1-02].',
    );
    expect(text).toContain('Kế hoạch chiến lược phát triển nhà trường giai đoạn 2025-2030');
    expect(text).toContain('Trường có 24 lớp, 812 học sinh.');
    expect(text).toContain('DỰ THẢO');
  });

  it('writes the TT57 report (Biểu 1) and the evidence list as DOCX and XLSX', async () => {
    const report = path.join(work, 'bao-cao-tt57.docx');
    const done = await run([
      tt57File,
      '--document',
      'assessment-report',
      '--format',
      'docx',
      '--out',
      report,
    ]);
    expect(done.code).toBe(0);
    expect(done.stdout).toBe('');
    expect(done.stderr).toContain('TT57-PT, 2 minh chứng');
    const text = await docxText(readFileSync(report));
    expect(text).toContain('(MC.1.1.01, MC.1.1.02)');

    const listDocx = path.join(work, 'danh-muc.docx');
    expect(
      (await run([tt57File, '--document', 'evidence-list', '--format', 'docx', '--out', listDocx]))
        .code,
    ).toBe(0);
    const list = await docxText(readFileSync(listDocx));
    expect(list).toContain('MC.1.1.02');
    expect(list).toContain('Nghị quyết Hội đồng trường thông qua kế hoạch chiến lược');

    const listXlsx = path.join(work, 'danh-muc.xlsx');
    expect(
      (await run([tt17File, '--document', 'evidence-list', '--format', 'xlsx', '--out', listXlsx]))
        .code,
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(listXlsx) as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))),
    );
    expect(cells).toContain('[H1-1.1-01]');
    expect(cells).toContain('Kế hoạch chiến lược phát triển nhà trường giai đoạn 2025-2030');
  });

  it('refuses a file that is not an assessment, or a format the document has not, in Vietnamese', async () => {
    const out = path.join(work, 'x.docx');
    const planShaped = path.join(work, 'plan-shaped.json');
    writeFileSync(planShaped, JSON.stringify({ formatVersion: 1, plan: {} }));
    await expect(
      run([planShaped, '--document', 'assessment-report', '--format', 'docx', '--out', out]),
    ).rejects.toThrow(RefusedError);
    await expect(
      run([planShaped, '--document', 'assessment-report', '--format', 'docx', '--out', out]),
    ).rejects.toThrow(/không đúng định dạng báo cáo tự đánh giá/);
    const unknownFramework = path.join(work, 'unknown-framework.json');
    const data = interchange('TT17');
    writeFileSync(
      unknownFramework,
      JSON.stringify({ ...data, assessment: { ...data.assessment, frameworkCode: 'TT99' } }),
    );
    await expect(
      run([unknownFramework, '--document', 'evidence-list', '--format', 'xlsx', '--out', out]),
    ).rejects.toThrow(RefusedError);
    await expect(
      run([tt17File, '--document', 'assessment-report', '--format', 'xlsx', '--out', out]),
    ).rejects.toThrow(new UsageError('--document assessment-report chỉ xuất được docx, pdf.'));
    await expect(
      run([tt17File, '--document', 'minutes', '--format', 'docx', '--out', out]),
    ).rejects.toThrow(UsageError);
    await expect(
      run([
        tt17File,
        '--document',
        'assessment-report',
        '--format',
        'docx',
        '--layout',
        'A',
        '--out',
        out,
      ]),
    ).rejects.toThrow(/--layout chỉ dùng cho kế hoạch/);
  });

  it('warns about a criterion the framework does not have, and still renders', async () => {
    const data = interchange('TT57-PT');
    const extra = data.criteria[0];
    if (!extra) throw new Error('no criterion');
    const file = path.join(work, 'unknown-criterion.json');
    writeFileSync(
      file,
      JSON.stringify({ ...data, criteria: [...data.criteria, { ...extra, criterionCode: '9.9' }] }),
    );
    const out = path.join(work, 'unknown-criterion.docx');
    const done = await run([
      file,
      '--document',
      'assessment-report',
      '--format',
      'docx',
      '--out',
      out,
    ]);
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('Tiêu chí không có trong bộ tiêu chuẩn TT57-PT: 9.9');
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  // Two CLI processes, each a cold tsx start: the limit only guards against a hang.
  it(
    'exits 1 on a refused file and 2 on wrong usage; PDF without LibreOffice says what to install',
    { timeout: 180_000 },
    () => {
      const cli = (args: string[], env: Record<string, string> = {}) => {
        const result = spawnSync(
          process.execPath,
          ['--import', 'tsx', 'apps/server/src/cli/main.ts', ...args],
          {
            cwd: REPO_ROOT,
            env: { ...process.env, DATA_DIR: path.join(work, 'no-database-here'), ...env },
            input: '',
            encoding: 'utf8',
          },
        );
        return { code: result.status, stdout: result.stdout, stderr: result.stderr };
      };
      const pdf = cli(
        [
          'render',
          tt57File,
          '--document',
          'assessment-report',
          '--format',
          'pdf',
          '--out',
          path.join(work, 'x.pdf'),
        ],
        { SOFFICE_PATH: '/nonexistent/soffice' },
      );
      expect(pdf.code).toBe(1);
      expect(pdf.stderr).toContain('LibreOffice');
      const usage = cli([
        'render',
        tt57File,
        '--document',
        'evidence-list',
        '--format',
        'html',
        '--out',
        path.join(work, 'x.html'),
      ]);
      expect(usage.code).toBe(2);
      expect(usage.stdout).toBe('');
    },
  );

  it('writes a PDF when LibreOffice is installed', { timeout: 120_000 }, async (context) => {
    if (findSoffice() === null) return context.skip();
    const out = path.join(work, 'bao-cao.pdf');
    const done = await run([
      tt57File,
      '--document',
      'assessment-report',
      '--format',
      'pdf',
      '--out',
      out,
    ]);
    expect(done.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
