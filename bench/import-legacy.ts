/**
 * `npx tsx bench/import-legacy.ts`: importing a 60-row plan from a Word 97–2003 .doc (issue 16),
 * conversion included. The plan is rendered by the project's DOCX renderer (layout A) and saved
 * as .doc once by LibreOffice; then it is imported BENCH_RUNS times (default 5) through
 * - the warm pool (office-pool.ts `convertFile`: one LibreOffice kept running, as in the server),
 * - a cold pool each time (a new pool: LibreOffice starts for the one file, as the CLI does),
 * - the one-shot `soffice --convert-to` (what a machine without Python-UNO falls back to),
 * and prints the median and range of each, with the DOCX import of the same plan for comparison.
 * Also an .xls of the same plan (XLSX renderer) through the warm pool. Needs LibreOffice with
 * Calc (libreoffice-writer-nogui, libreoffice-calc-nogui) and python3-uno for the warm pool.
 */
import { buildPlanDocument } from '../packages/documents/src/render/plan-document.ts';
import {
  convertOfficeFileOneShot,
  createOfficePool,
} from '../packages/documents/src/render/office-pool.ts';
import { findSoffice } from '../packages/documents/src/render/pdf.ts';
import { renderDocx } from '../packages/documents/src/render/render-docx.ts';
import { renderXlsx } from '../packages/documents/src/render/render-xlsx.ts';
import { legacyOfficeConverter } from '../packages/documents/src/plan-import/legacy-office.ts';
import { importPlanFile } from '../packages/documents/src/plan-import/plan-import.ts';
import type { PlanImportOptions } from '../packages/documents/src/plan-import/plan-import.types.ts';
import { saveAsLegacy } from '../packages/documents/src/testing/legacy-office-files.ts';
import { syntheticPlan } from '../packages/documents/src/testing/sample-plans.ts';
import { formatRuns } from './stats.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const ROWS = 60;

/** Imports `bytes` and checks that every row came through. */
async function timed(bytes: Uint8Array, options: PlanImportOptions): Promise<number> {
  const started = performance.now();
  const result = await importPlanFile(bytes, options);
  const elapsed = performance.now() - started;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  if (result.plan.rows.length !== ROWS) {
    throw new Error(`expected ${ROWS} rows, read ${result.plan.rows.length}`);
  }
  return elapsed;
}

async function main(): Promise<void> {
  if (!findSoffice()) {
    console.error(
      'import-legacy: LibreOffice (soffice) is not installed; install libreoffice-writer-nogui libreoffice-calc-nogui python3-uno.',
    );
    process.exitCode = 1;
    return;
  }
  const model = buildPlanDocument(syntheticPlan('A', ROWS));
  const docx = new Uint8Array(await renderDocx(model));
  const doc = await saveAsLegacy(docx, 'doc');
  const xls = await saveAsLegacy(new Uint8Array(await renderXlsx(model)), 'xls');

  const fromDocx: number[] = [];
  for (let i = 0; i < RUNS; i += 1) fromDocx.push(await timed(docx, {}));

  const pool = createOfficePool({ idleMs: 60_000 });
  const warm: number[] = [];
  const warmXls: number[] = [];
  let firstOnPool: number;
  try {
    const convert = legacyOfficeConverter(pool);
    firstOnPool = await timed(doc, { convertLegacyOffice: convert }); // starts the worker
    for (let i = 0; i < RUNS; i += 1) warm.push(await timed(doc, { convertLegacyOffice: convert }));
    for (let i = 0; i < RUNS; i += 1) {
      warmXls.push(await timed(xls, { convertLegacyOffice: convert }));
    }
  } finally {
    await pool.close();
  }
  const mode = pool.stats().mode;

  const cold: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const fresh = createOfficePool();
    try {
      cold.push(await timed(doc, { convertLegacyOffice: legacyOfficeConverter(fresh) }));
    } finally {
      await fresh.close();
    }
  }

  const oneShot: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    oneShot.push(
      await timed(doc, {
        convertLegacyOffice: (bytes, kind) =>
          convertOfficeFileOneShot(bytes, { from: kind, soffice: findSoffice() }),
      }),
    );
  }

  const line = (label: string, figures: string) => console.log(`  ${label.padEnd(34)}${figures}`);
  console.log(`Import of a ${ROWS}-row plan (layout A), conversion included:`);
  line('.docx (no conversion)', formatRuns(fromDocx));
  line(`.doc, warm pool (${mode})`, formatRuns(warm));
  line('.doc, first on a new pool', `${firstOnPool.toFixed(0)} ms (LibreOffice starting)`);
  line('.doc, cold pool each time', formatRuns(cold));
  line('.doc, one-shot soffice', formatRuns(oneShot));
  line('.xls, warm pool', formatRuns(warmXls));
  line('sizes', `.docx ${docx.length} B, .doc ${doc.length} B, .xls ${xls.length} B`);
}

await main();
