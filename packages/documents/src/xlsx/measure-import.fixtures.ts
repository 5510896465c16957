import { readFileSync } from 'node:fs';
import { parseStaffWorkbook } from '../staff-import/staff-import.ts';
import { importPlanFile } from '../plan-import/plan-import.ts';
import { richTextXlsx } from './hostile-xlsx.fixtures.ts';

/**
 * Run as a child process (`node --expose-gc --import tsx measure-import.fixtures.ts <file> <importer>`)
 * by the memory test, so the figures are this import's alone (the test writes the file: building it
 * here would count the generator). Prints one JSON line: the importer's answer, how far the import
 * raised the process's peak resident size (`maxRSS`, sampled before and after) and the longest delay
 * of a 10 ms timer while it ran.
 */

type Importer = 'staff' | 'plan';

async function run(bytes: Uint8Array, importer: Importer): Promise<string> {
  switch (importer) {
    case 'staff': {
      const result = await parseStaffWorkbook(bytes);
      return result.ok ? 'OK' : `${result.error.code}: ${result.error.message}`;
    }
    case 'plan': {
      const result = await importPlanFile(bytes, {});
      return result.ok ? 'OK' : `${result.error.code}: ${result.error.message}`;
    }
  }
}

const [path = '', importer = 'staff'] = process.argv.slice(2) as [string?, Importer?];
const bytes = new Uint8Array(readFileSync(path));
// Warm up: load exceljs and the importers' code, so what follows is the import alone.
await run(richTextXlsx({ rows: 2, columns: 2, strings: 4, runsPerString: 1 }), importer);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.resourceUsage().maxRSS * 1024;
let longestDelay = 0;
let last = performance.now();
const timer = setInterval(() => {
  const now = performance.now();
  longestDelay = Math.max(longestDelay, now - last - 10);
  last = now;
}, 10);
const started = performance.now();
const answer = await run(bytes, importer);
const elapsed = performance.now() - started;
await new Promise((resolve) => setTimeout(resolve, 20));
clearInterval(timer);
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  JSON.stringify({
    fileBytes: bytes.length,
    answer,
    rssGrowthMb: Math.round(((peak - before) / (1024 * 1024)) * 10) / 10,
    longestDelayMs: Math.round(longestDelay),
    elapsedMs: Math.round(elapsed),
  }) + '\n',
);
