/**
 * `npx tsx bench/import-pdf.ts`: importing a 60-row plan from PDF (issue 16), in process. The plan
 * is rendered by the project's DOCX renderer (layout A, landscape table over many pages) and turned
 * into PDF once by LibreOffice; then the PDF is read (`readPdfSource`: pdfjs in a worker thread,
 * table rebuilt from the borders) and imported (`readSource`) BENCH_RUNS times (default 7). Prints
 * the median and the range of each step, and of the DOCX import of the same plan for comparison.
 * Needs LibreOffice (soffice) on PATH.
 */
import { buildPlanDocument } from '../packages/documents/src/render/plan-document.ts';
import { convertDocxToPdf, findSoffice } from '../packages/documents/src/render/pdf.ts';
import { renderDocx } from '../packages/documents/src/render/render-docx.ts';
import { readPdfSource } from '../packages/documents/src/plan-import/pdf-reader.ts';
import { importPlanFile, readSource } from '../packages/documents/src/plan-import/plan-import.ts';
import { syntheticPlan } from '../packages/documents/src/testing/sample-plans.ts';
import { formatRuns } from './stats.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);

async function main(): Promise<void> {
  if (!findSoffice()) {
    console.error(
      'import-pdf: LibreOffice (soffice) is not installed; install libreoffice-writer-nogui.',
    );
    process.exitCode = 1;
    return;
  }
  const docx = new Uint8Array(await renderDocx(buildPlanDocument(syntheticPlan('A', 60))));
  const pdf = new Uint8Array(await convertDocxToPdf(docx));
  const read: number[] = [];
  const imported: number[] = [];
  const total: number[] = [];
  const fromDocx: number[] = [];
  let pages = 0;
  let rows = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const t0 = performance.now();
    const source = await readPdfSource(pdf);
    const t1 = performance.now();
    if (!source.ok) throw new Error(source.error.message);
    const result = readSource(source.source, { now: new Date(0) });
    const t2 = performance.now();
    if (!result.ok) throw new Error(result.error.message);
    pages = source.pages.length;
    rows = result.plan.rows.length;
    read.push(t1 - t0);
    imported.push(t2 - t1);
    total.push(t2 - t0);
    const t3 = performance.now();
    await importPlanFile(docx, { now: new Date(0) });
    fromDocx.push(performance.now() - t3);
  }
  console.log(
    `PDF import of a ${rows}-row plan (${pages} pages, ${(pdf.length / 1024).toFixed(0)} KB):`,
  );
  console.log(`  read PDF (readPdfSource):   ${formatRuns(read)}`);
  console.log(`  import rows (readSource):   ${formatRuns(imported)}`);
  console.log(`  total:                      ${formatRuns(total)}`);
  console.log(`  same plan from DOCX:        ${formatRuns(fromDocx)}`);
}

await main();
