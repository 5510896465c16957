/**
 * Issues 6 and 7: the time to produce a 60-row plan's documents, in process, as the API does it —
 * view model + DOCX, view model + XLSX (targets: median ≤ 100 ms each), the PDF conversion through
 * LibreOffice (reported) — and to import a 60-row DOCX or XLSX (target: median ≤ 150 ms).
 * Run alone: `npx tsx bench/documents.ts`.
 */
import { findFrameworkVersion, loadFrameworkCatalogue, type PlanLayout } from '@caitien/core';
import {
  buildPlanDocument,
  convertDocxToPdf,
  createOfficePool,
  findPythonUno,
  findSoffice,
  importPlanFile,
  renderDocx,
  renderXlsx,
} from '@caitien/documents';
import { syntheticPlan } from '@caitien/documents/testing';

export interface Timing {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
}

function summarise(name: string, samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    name,
    runs: samples.length,
    medianMs: Number(at(0.5).toFixed(1)),
    p95Ms: Number(at(0.95).toFixed(1)),
  };
}

async function time(name: string, runs: number, task: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 5; i += 1) await task(); // warm-up: JIT, module caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  return summarise(name, samples);
}

export async function measureDocuments(runs = 40): Promise<Timing[]> {
  const catalogue = loadFrameworkCatalogue();
  const results: Timing[] = [];
  for (const layout of ['A', 'B', 'bieu2'] as PlanLayout[]) {
    const plan = syntheticPlan(layout, 60);
    const framework = plan.plan.frameworkId
      ? findFrameworkVersion(catalogue, plan.plan.frameworkId)
      : null;
    results.push(
      await time(`DOCX, 60 rows, layout ${layout}`, runs, async () =>
        renderDocx(buildPlanDocument(plan, { framework })),
      ),
    );
    results.push(
      await time(`XLSX, 60 rows, layout ${layout}`, runs, async () =>
        renderXlsx(buildPlanDocument(plan, { framework })),
      ),
    );
  }
  // Issue 7: importing a 60-row plan (target: median ≤ 150 ms), from the DOCX and XLSX we write.
  for (const layout of ['A', 'B'] as PlanLayout[]) {
    const model = buildPlanDocument(syntheticPlan(layout, 60));
    const docx = await renderDocx(model);
    const xlsx = await renderXlsx(model);
    results.push(
      await time(`Import DOCX, 60 rows, layout ${layout}`, runs, async () => {
        const result = await importPlanFile(docx, { fileName: 'ke-hoach.docx' });
        if (!result.ok || result.plan.rows.length !== 60) throw new Error('import failed');
      }),
    );
    results.push(
      await time(`Import XLSX, 60 rows, layout ${layout}`, runs, async () => {
        const result = await importPlanFile(xlsx, { fileName: 'ke-hoach.xlsx' });
        if (!result.ok || result.plan.rows.length !== 60) throw new Error('import failed');
      }),
    );
  }
  if (findSoffice()) {
    const docx = await renderDocx(buildPlanDocument(syntheticPlan('A', 60)));
    const samples: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await convertDocxToPdf(docx);
      samples.push(performance.now() - started);
    }
    results.push(
      summarise('PDF from the DOCX (LibreOffice, fresh profile), 60 rows, layout A', samples),
    );
    // Issue 15: the warm, supervised LibreOffice the server uses (target: median ≤ 400 ms).
    if (await findPythonUno()) {
      const pool = createOfficePool();
      try {
        const started = performance.now();
        await pool.convert(docx);
        results.push(
          summarise('PDF, warm pool: first document (starts LibreOffice)', [
            performance.now() - started,
          ]),
        );
        results.push(
          await time('PDF from the DOCX (warm LibreOffice pool), 60 rows, layout A', 15, () =>
            pool.convert(docx),
          ),
        );
        const large = await renderDocx(buildPlanDocument(syntheticPlan('A', 1000)));
        const cold1000: number[] = [];
        const started1000 = performance.now();
        await convertDocxToPdf(large);
        cold1000.push(performance.now() - started1000);
        results.push(summarise('PDF, 1,000 rows, fresh LibreOffice', cold1000));
        const warm1000: number[] = [];
        for (let i = 0; i < 3; i += 1) {
          const at = performance.now();
          await pool.convert(large);
          warm1000.push(performance.now() - at);
        }
        results.push(summarise('PDF, 1,000 rows, warm pool', warm1000));
      } finally {
        await pool.close();
      }
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const t of await measureDocuments()) {
    console.log(`${t.name}: median ${t.medianMs} ms, p95 ${t.p95Ms} ms (${t.runs} runs)`);
  }
}
