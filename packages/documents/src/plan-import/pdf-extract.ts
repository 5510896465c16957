import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Text and ruling lines of a PDF, page by page, read with pdfjs-dist (legacy build: Node without a
 * browser; no canvas, fonts are never rendered). The parse runs in a worker thread with a heap limit
 * and is terminated after a timeout, so a damaged or hostile file can neither hang the server nor
 * take its memory: the answer is then an error code, never a throw.
 */

/** One text run as the PDF draws it; coordinates in points from the page's top-left corner. */
export interface PdfTextItem {
  text: string;
  /** Left edge and baseline. */
  x: number;
  y: number;
  width: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
}

/** A straight horizontal or vertical stroke (table borders), top-left coordinates. */
export interface PdfSegment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPageContent {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: PdfTextItem[];
  segments: PdfSegment[];
  /** Images painted on the page (a scan is one image a page and no text). */
  images: number;
}

export interface PdfExtractLimits {
  maxPages: number;
  /** Text items summed over all pages. */
  maxItems: number;
  /** Path segments summed over all pages. */
  maxSegments: number;
  timeoutMs: number;
  /** Heap of the worker thread. */
  maxHeapMb: number;
}

export const PDF_EXTRACT_LIMITS: PdfExtractLimits = {
  maxPages: 300,
  maxItems: 300_000,
  maxSegments: 300_000,
  timeoutMs: 30_000,
  maxHeapMb: 512,
};

export type PdfExtractResult =
  | { ok: true; pages: PdfPageContent[]; pageCount: number; truncated: boolean }
  | { ok: false; reason: 'encrypted' | 'corrupt' | 'timeout' | 'too-large' };

/**
 * The worker's code (plain JavaScript, run with `eval`): loads pdfjs from `workerData.pdfjs`, walks
 * the pages and posts `{ ok, pages }` back. Path coordinates go through the graphics state's matrix
 * (`save`/`restore`/`transform`), then through the page viewport to top-left coordinates.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loading = import(workerData.pdfjs);
parentPort.on('message', async ({ id, bytes, limits }) => {
  parentPort.postMessage({ id, result: await extract(await loading, bytes, limits) });
});
async function extract(pdfjs, bytes, limits) {
  const { OPS } = pdfjs;
  // [a b c d e f] matrices, as PDF writes them.
  const apply = (p, m) => [m[0] * p[0] + m[2] * p[1] + m[4], m[1] * p[0] + m[3] * p[1] + m[5]];
  const multiply = (m, n) => [
    m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
  ];
  let task;
  try {
    task = pdfjs.getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    });
    const doc = await task.promise;
    const pageCount = doc.numPages;
    const last = Math.min(pageCount, limits.maxPages);
    const pages = [];
    let items = 0;
    let segments = 0;
    let truncated = pageCount > last;
    const paintOps = new Set([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke,
      OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
    const strokeOps = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke,
      OPS.closeFillStroke, OPS.closeEOFillStroke]);
    const imageOps = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject,
      OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
    for (let n = 1; n <= last; n += 1) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const toPage = (x, y) => apply([x, y], viewport.transform);
      const content = await page.getTextContent({ disableNormalization: false });
      const pageItems = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        if (items >= limits.maxItems) { truncated = true; break; }
        const t = item.transform;
        const [x, y] = toPage(t[4], t[5]);
        const size = Math.hypot(t[2], t[3]) || Math.abs(t[3]) || item.height || 1;
        pageItems.push({ text: item.str, x, y, width: item.width, size });
        items += 1;
      }
      const pageSegments = [];
      let images = 0;
      const ops = await page.getOperatorList();
      const stack = [];
      let ctm = [1, 0, 0, 1, 0, 0];
      const push = (ax, ay, bx, by) => {
        if (segments >= limits.maxSegments) { truncated = true; return; }
        const a = toPage(...apply([ax, ay], ctm));
        const b = toPage(...apply([bx, by], ctm));
        const dx = Math.abs(a[0] - b[0]);
        const dy = Math.abs(a[1] - b[1]);
        if (Math.max(dx, dy) < 2) return;
        if (dx > 1.5 && dy > 1.5) return;
        pageSegments.push({ x0: Math.min(a[0], b[0]), y0: Math.min(a[1], b[1]),
          x1: Math.max(a[0], b[0]), y1: Math.max(a[1], b[1]) });
        segments += 1;
      };
      for (let i = 0; i < ops.fnArray.length; i += 1) {
        const fn = ops.fnArray[i];
        const args = ops.argsArray[i];
        if (fn === OPS.save) stack.push(ctm);
        else if (fn === OPS.restore) ctm = stack.pop() || [1, 0, 0, 1, 0, 0];
        else if (fn === OPS.transform) ctm = multiply(ctm, args);
        else if (imageOps.has(fn)) images += 1;
        else if (fn === OPS.constructPath && Array.isArray(args)) {
          const paint = args[0];
          const data = Array.isArray(args[1]) ? args[1][0] : null;
          const box = args[2];
          if (!paintOps.has(paint) || !data || !box) continue;
          if (strokeOps.has(paint)) {
            // Each straight piece of the path (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4).
            let k = 0; let sx = 0; let sy = 0; let cx = 0; let cy = 0;
            while (k < data.length) {
              const op = data[k];
              if (op === 0) { cx = sx = data[k + 1]; cy = sy = data[k + 2]; k += 3; }
              else if (op === 1) { push(cx, cy, data[k + 1], data[k + 2]); cx = data[k + 1]; cy = data[k + 2]; k += 3; }
              else if (op === 2) { cx = data[k + 5]; cy = data[k + 6]; k += 7; }
              else if (op === 3) { cx = data[k + 3]; cy = data[k + 4]; k += 5; }
              else if (op === 4) { push(cx, cy, sx, sy); cx = sx; cy = sy; k += 1; }
              else break;
            }
          } else {
            // A filled thin rectangle is a border too (Word draws its table borders so).
            const w = box[2] - box[0];
            const h = box[3] - box[1];
            if (w <= 2.5 && h > 2) push((box[0] + box[2]) / 2, box[1], (box[0] + box[2]) / 2, box[3]);
            else if (h <= 2.5 && w > 2) push(box[0], (box[1] + box[3]) / 2, box[2], (box[1] + box[3]) / 2);
          }
        }
      }
      pages.push({ number: n, width: viewport.width, height: viewport.height, items: pageItems,
        segments: pageSegments, images });
      page.cleanup();
    }
    await doc.destroy();
    return { ok: true, pages, pageCount, truncated };
  } catch (error) {
    const name = error && error.name;
    if (task) task.destroy().catch(() => {});
    return { ok: false, reason: name === "PasswordException" ? "encrypted" : "corrupt" };
  }
}
`;

function pdfjsUrl(): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
}

interface SharedWorker {
  worker: Worker;
  heapMb: number;
  jobs: Map<number, (result: PdfExtractResult) => void>;
}

/**
 * One worker serves the parses one after the other, so pdfjs is loaded and compiled once (a fresh
 * worker costs about 0.2 s to start and runs its first document cold). A parse that times out,
 * crashes or runs out of memory ends the worker; the next parse starts a new one. Idle, it does not
 * keep the process alive.
 */
let shared: SharedWorker | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextJob = 0;

function sharedWorker(limits: PdfExtractLimits): SharedWorker {
  if (shared && shared.heapMb === limits.maxHeapMb) return shared;
  if (shared) void shared.worker.terminate();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { pdfjs: pdfjsUrl() },
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    stdout: true,
    stderr: true,
  });
  const state: SharedWorker = { worker, heapMb: limits.maxHeapMb, jobs: new Map() };
  const fail = (reason: 'corrupt' | 'too-large') => {
    if (shared === state) shared = null;
    for (const answer of state.jobs.values()) answer({ ok: false, reason });
    state.jobs.clear();
    void worker.terminate();
  };
  worker.on('message', (message: { id: number; result: PdfExtractResult }) => {
    const answer = state.jobs.get(message.id);
    state.jobs.delete(message.id);
    answer?.(message.result);
  });
  worker.on('error', (error: Error & { code?: string }) =>
    fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too-large' : 'corrupt'),
  );
  worker.on('exit', () => fail('corrupt'));
  // After the listeners: adding a 'message' listener refs the worker again.
  worker.unref();
  shared = state;
  return state;
}

/** Reads the pages of a PDF; never throws, never runs past `limits.timeoutMs`. */
export function extractPdf(
  bytes: Uint8Array,
  limits: PdfExtractLimits = PDF_EXTRACT_LIMITS,
): Promise<PdfExtractResult> {
  const run = () =>
    new Promise<PdfExtractResult>((resolve) => {
      const state = sharedWorker(limits);
      const id = (nextJob += 1);
      const timer = setTimeout(() => {
        state.jobs.delete(id);
        resolve({ ok: false, reason: 'timeout' });
        if (shared === state) shared = null;
        void state.worker.terminate();
      }, limits.timeoutMs);
      state.jobs.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      // pdfjs detaches the buffer it is given: the worker gets a copy, the caller keeps its bytes.
      const copy = bytes.slice();
      state.worker.postMessage({ id, bytes: copy, limits }, [copy.buffer]);
    });
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
