import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPlan } from '../testing/index.ts';
import { findSoffice, PdfConversionError } from './pdf.ts';
import { createOfficePool, findPythonUno, type PdfConverter } from './office-pool.ts';
import { buildPlanDocument } from './plan-document.ts';
import { renderDocx } from './render-docx.ts';
import { hasPoppler, squash } from '../testing/libreoffice-harness.ts';

/**
 * The warm LibreOffice pool (issue 15): one LibreOffice converts document after document, a hang
 * is killed at the time limit and the next document gets a fresh one, a LibreOffice that dies
 * during a document is replaced and the document converted, and each conversion's folder is gone
 * after it. Needs LibreOffice, Python-UNO and poppler-utils; in CI (CI=true) they must be there.
 */
const python = await findPythonUno();
const available = findSoffice() !== null && python !== null && hasPoppler;
const inCi = process.env['CI'] === 'true';
if (!available && !inCi) {
  console.warn(
    'office-pool.test.ts: LibreOffice, python3-uno or poppler-utils missing; skipped (apt-get install libreoffice-writer-nogui python3-uno poppler-utils).',
  );
}

/** A plan DOCX whose school is `school`, so each document is told from the others by its text. */
async function planDocx(school: string, rows: number, layout: 'A' | 'B' = 'A'): Promise<Buffer> {
  const plan = syntheticPlan(layout, rows);
  plan.header.schoolName = school.toLocaleUpperCase('vi');
  return renderDocx(buildPlanDocument(plan));
}

/** The PDF's text, squashed and lower-cased (the header prints the school in capitals). */
function pdfText(pdf: Buffer, dir: string, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', [file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return squash(text).toLocaleLowerCase('vi');
}

/** The live processes of a process group (zombies waiting for this sandbox's init do not count). */
function groupMembers(pgid: number): Array<{ pid: number; command: string }> {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,comm='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => Number(cols[1]) === pgid && !(cols[2] ?? '').startsWith('Z'))
    .map((cols) => ({ pid: Number(cols[0]), command: cols[3] ?? '' }));
}

function workerGroups(): number[] {
  // The bridge runs as `python3 -u -c <source> …`: its pid is its group (detached).
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[0] === cols[1] && (cols[2] ?? '').includes('python') && cols[3] === '-u')
    .map((cols) => Number(cols[0]));
}

describe.runIf(available || inCi)('warm LibreOffice pool', () => {
  let work: string;
  let docx60: Buffer;
  let docx300: Buffer;
  let docx1000: Buffer;
  let pool: PdfConverter;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'caitien-office-test-'));
    docx60 = await planDocx('Trường Tiểu học Sáu Mươi', 60);
    docx300 = await planDocx('Trường THCS Ba Trăm', 300);
    docx1000 = await planDocx('Trường THPT Một Nghìn', 1000);
    pool = createOfficePool({ workDir: work });
  });

  afterAll(async () => {
    await pool?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('converts document after document with one LibreOffice, leaving no job folder behind', async () => {
    const first = await pool.convert(docx60);
    const second = await pool.convert(docx300);
    expect(pdfText(first, work, 'warm-60')).toContain('trường tiểu học sáu mươi');
    expect(pdfText(second, work, 'warm-300')).toContain('trường thcs ba trăm');
    expect(pool.stats()).toMatchObject({ mode: 'warm', workers: 1, started: 1, converted: 2 });
    // Only the worker's profile folder stays; every conversion's own folder is gone.
    const left = readdirSync(work).filter((name) => name.startsWith('caitien-'));
    expect(left.filter((name) => name.startsWith('caitien-pdf-'))).toEqual([]);
    expect(left.filter((name) => name.startsWith('caitien-office-'))).toHaveLength(1);
    expect(statSync(join(work, left[0]!)).mode & 0o077).toBe(0);
  });

  it('queues conversions asked at once and answers each its own document', async () => {
    const small = await planDocx('Trường Mầm non Hoa Sen', 3, 'B');
    const [a, b, c] = await Promise.all([
      pool.convert(docx60),
      pool.convert(small),
      pool.convert(docx300),
    ]);
    expect(pdfText(a!, work, 'queued-a')).toContain('trường tiểu học sáu mươi');
    expect(pdfText(b!, work, 'queued-b')).toContain('trường mầm non hoa sen');
    expect(pdfText(b!, work, 'queued-b')).not.toContain('sáu mươi');
    expect(pdfText(c!, work, 'queued-c')).toContain('trường thcs ba trăm');
    expect(pool.stats()).toMatchObject({ started: 1, queued: 0, busy: 0 });
  });

  it('kills a conversion past its time limit, and the next document gets a fresh LibreOffice', async () => {
    const before = pool.stats();
    const groupsBefore = workerGroups();
    await expect(pool.convert(docx1000, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'PDF_CONVERSION_FAILED',
      message: expect.stringContaining('sau 0 giây') as unknown,
    });
    expect(pool.stats().timeouts).toBe(before.timeouts + 1);
    // The whole group is gone: no LibreOffice is left running the abandoned document.
    await expect.poll(() => groupsBefore.flatMap(groupMembers)).toEqual([]);
    const after = await pool.convert(docx60);
    expect(after.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pool.stats().started).toBe(before.started + 1);
  });

  it('replaces a LibreOffice that dies during a document and converts the document', async () => {
    await pool.convert(docx60); // a started worker
    const before = pool.stats();
    const [group] = workerGroups();
    expect(group).toBeDefined();
    const converting = pool.convert(docx300);
    // Once LibreOffice has the document, it dies.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const office = groupMembers(group!).filter((p) => p.command.startsWith('soffice'));
    expect(office.length).toBeGreaterThan(0);
    for (const p of office) process.kill(p.pid, 'SIGKILL');
    const pdf = await converting;
    expect(pdfText(pdf, work, 'after-crash')).toContain('trường thcs ba trăm');
    expect(pool.stats().crashes).toBe(before.crashes + 1);
    expect(pool.stats().started).toBe(before.started + 1);
  }, 120_000);

  it('says a conversion fails for a file LibreOffice cannot read, and goes on', async () => {
    await expect(pool.convert(Buffer.from('PK\u0003\u0004 not a document'))).rejects.toBeInstanceOf(
      PdfConversionError,
    );
    expect((await pool.convert(docx60)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses conversions once closed and leaves no LibreOffice behind', async () => {
    const others = new Set(workerGroups());
    const own = createOfficePool({ workDir: work });
    await own.convert(docx60);
    const groups = workerGroups().filter((g) => !others.has(g));
    expect(groups).toHaveLength(1);
    await own.close();
    expect(own.stats().workers).toBe(0);
    await expect.poll(() => groups.flatMap(groupMembers)).toEqual([]);
    await expect(own.convert(docx60)).rejects.toMatchObject({ code: 'PDF_CONVERSION_FAILED' });
  });
});

describe('pool without LibreOffice', () => {
  it('says what to install', async () => {
    const pool = createOfficePool({ soffice: null });
    await expect(pool.convert(Buffer.from('x'))).rejects.toMatchObject({
      code: 'PDF_CONVERTER_MISSING',
      message: expect.stringContaining('libreoffice-writer-nogui') as unknown,
    });
    expect(pool.stats().mode).toBe('missing');
    await pool.close();
  });

  it.runIf(findSoffice() !== null && hasPoppler)(
    'converts one-shot when Python-UNO is missing',
    async () => {
      const pool = createOfficePool({ python: null });
      const pdf = await pool.convert(await renderDocx(buildPlanDocument(syntheticPlan('B', 5))));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pool.stats()).toMatchObject({ mode: 'one-shot', started: 0 });
      await pool.close();
    },
    60_000,
  );
});
