import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { docxRunsBomb, richTextXlsx, sharedStringsBomb } from './hostile-xlsx.fixtures.ts';

/**
 * Issue 11: no upload under the size limit may cost more than ~64 MB or block the event loop for
 * more than ~200 ms. Each import runs in a child process of its own (measure-import.fixtures.ts), so
 * the peak resident size is that import's and nothing else of the test run.
 */

const MEASURE = fileURLToPath(new URL('./measure-import.fixtures.ts', import.meta.url));
const directory = mkdtempSync(path.join(tmpdir(), 'caitien-import-memory-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Measure {
  fileBytes: number;
  answer: string;
  rssGrowthMb: number;
  longestDelayMs: number;
  elapsedMs: number;
}

function measure(name: string, bytes: Uint8Array, importer: 'staff' | 'plan'): Measure {
  const file = path.join(directory, name.includes('docx') ? `${name}.docx` : `${name}.xlsx`);
  writeFileSync(file, bytes);
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', MEASURE, file, importer],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (child.status !== 0) throw new Error(`measure failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as Measure;
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe('bounded XLSX imports (measured in a child process)', () => {
  it.each(['staff', 'plan'] as const)(
    'refuses the 105 KB file of 1.7 million rich-text shared strings (%s import) cheaply',
    (importer) => {
      const bytes = sharedStringsBomb();
      expect(bytes.length).toBeLessThan(110_000);
      const result = measure(`bomb-${importer}`, bytes, importer);
      expect(result.answer).toMatch(/^TOO_LARGE: /);
      expect(result.answer).toMatch(VIETNAMESE);
      // Before issue 11: ~400–700 MB and a loop blocked for 1.5–3 s before a 400.
      expect(result.rssGrowthMb).toBeLessThan(64);
      expect(result.longestDelayMs).toBeLessThan(200);
    },
    150_000,
  );

  it('refuses a smaller bomb that stays under the expanded-size cap by counting the strings', () => {
    // 300,000 one-run strings: ~7 MB of XML, under maxReadBytes, so the count has to catch it.
    const result = measure('counted', sharedStringsBomb(300_000), 'staff');
    expect(result.answer).toMatch(/^TOO_LARGE: .*quá nhiều chuỗi văn bản/);
    expect(result.rssGrowthMb).toBeLessThan(64);
  }, 150_000);

  it('reads the largest workbook the limits accept within ~64 MB', () => {
    // At the limits: 30,000 cells, 16,000 distinct shared strings of two rich-text runs each.
    const bytes = richTextXlsx({ rows: 2_500, columns: 12, strings: 16_000, runsPerString: 2 });
    const result = measure('largest', bytes, 'staff');
    // The file has no “Họ và tên” column: it was read to the end and answered with a 400.
    expect(result.answer).toMatch(/^NO_TABLE: /);
    expect(result.rssGrowthMb).toBeLessThan(64);
  }, 150_000);

  it('refuses the DOCX form (1.7 million runs in ~100 KB) cheaply', () => {
    const bytes = docxRunsBomb();
    expect(bytes.length).toBeLessThan(110_000);
    const result = measure('bomb-docx', bytes, 'plan');
    // Before issue 11: ~300 MB and the loop blocked for the whole read (26 s on a busy machine).
    expect(result.answer).toMatch(/^TOO_LARGE: .*quá nhiều/);
    expect(result.rssGrowthMb).toBeLessThan(64);
    expect(result.longestDelayMs).toBeLessThan(200);
  }, 150_000);

  it('refuses a DOCX under the size cap with too many runs, by counting them', () => {
    // 300,000 runs: ~7 MB of XML, under maxDocumentXmlBytes.
    const result = measure('counted-docx', docxRunsBomb(300_000), 'plan');
    expect(result.answer).toMatch(/^TOO_LARGE: /);
    expect(result.rssGrowthMb).toBeLessThan(64);
  }, 150_000);
});
