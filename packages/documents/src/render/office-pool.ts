import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { OFFICE_BRIDGE_SOURCE } from './office-bridge.ts';
import {
  convertDocxToPdf,
  findSoffice,
  PDF_CONVERTER_MISSING_MESSAGE,
  PdfConversionError,
  type PdfOptions,
} from './pdf.ts';

/**
 * PDF through a warm, supervised LibreOffice (issue 15). A fresh `soffice --convert-to` pays
 * LibreOffice's start on every document (≈ 1–2 s here for a 60-row plan); a worker started once
 * converts the same document in a few hundred milliseconds. Each worker is one Python-UNO bridge
 * (office-bridge.ts) with its own LibreOffice, its own profile and its own private pipe, in a
 * process group of its own; the pool:
 *
 * - starts a worker on the first conversion (a server that never prints a PDF pays nothing) and
 *   stops it after `idleMs` without work, or after `maxJobsPerWorker` documents (LibreOffice's
 *   memory only grows);
 * - gives each conversion its own folder (mode 0700), removed after it;
 * - kills the whole group when a conversion passes `timeoutMs` (a hang) and answers a clear error;
 *   a worker that dies during a job is replaced and the job tried once more on the new one;
 * - falls back to the one-shot conversion (pdf.ts) where Python-UNO is not installed, so a machine
 *   with LibreOffice alone still prints, only slower.
 */

export interface OfficePoolOptions {
  /** LibreOffice's program; `null` means none is installed (every conversion says so). */
  soffice?: string | null;
  /** A Python 3 that can `import uno` (default: the first of CAITIEN_PYTHON, /usr/bin/python3, python3). */
  python?: string | null;
  /** Workers at most (default 1: each LibreOffice holds ~150 MB and converts one document at a time). */
  size?: number;
  /** A conversion longer than this has its worker killed (default 120 s). */
  timeoutMs?: number;
  /** A worker that has not connected to its LibreOffice after this long is killed (default 60 s). */
  startTimeoutMs?: number;
  /** A worker is replaced after this many documents (default 200). */
  maxJobsPerWorker?: number;
  /** An idle worker stops after this long (default 5 minutes). */
  idleMs?: number;
  /** Where the workers' profiles and each conversion's own folder go (default: the OS temp folder). */
  workDir?: string;
  /** Jobs waiting at most; past that a conversion is refused as busy (default 32). */
  maxQueue?: number;
  logger?: {
    warn(details: object, message: string): void;
    info?(details: object, message: string): void;
  };
}

export interface ConvertOptions {
  /** Update the tables of contents before export (see PdfOptions.updateIndexes). */
  updateIndexes?: boolean;
  /** This conversion's own time limit (ms), instead of the pool's. */
  timeoutMs?: number;
}

/** What the services use to make PDFs: the warm pool, or in tests anything with this shape. */
export interface PdfConverter {
  convert(docx: Uint8Array, options?: ConvertOptions): Promise<Buffer>;
  /** Stops the workers; later conversions are refused. */
  close(): Promise<void>;
  stats(): OfficePoolStats;
}

/** A Word/Excel 97–2003 file to turn into its OOXML twin (the plan importer, issue 16). */
export interface OfficeFileConversion {
  from: 'doc' | 'xls';
  /** This conversion's own time limit (ms), instead of the pool's. */
  timeoutMs?: number;
  /** A result larger than this is refused (reason 'too-large'). */
  maxOutputBytes?: number;
}

export type OfficeConversionReason =
  'missing' | 'busy' | 'closing' | 'timeout' | 'crashed' | 'failed' | 'too-large';

/**
 * Why a {@link OfficePool.convertFile} failed; the caller words it for its user (the importer's
 * Vietnamese messages are in plan-import/legacy-office.ts). `detail` is LibreOffice's own words.
 */
export class OfficeConversionError extends Error {
  constructor(
    readonly reason: OfficeConversionReason,
    readonly detail: string = '',
  ) {
    super(`LibreOffice conversion failed (${reason})${detail ? `: ${detail}` : ''}`);
    this.name = 'OfficeConversionError';
  }
}

/** The warm pool: PDFs, and .doc/.xls turned into .docx/.xlsx by the same workers. */
export interface OfficePool extends PdfConverter {
  /** `.doc` → `.docx` bytes, `.xls` → `.xlsx`. Throws {@link OfficeConversionError}. */
  convertFile(bytes: Uint8Array, conversion: OfficeFileConversion): Promise<Buffer>;
}

/** LibreOffice's export filter and the output's extension for each target. */
const TARGETS = {
  pdf: { filter: 'writer_pdf_Export', extension: 'pdf' },
  docx: { filter: 'MS Word 2007 XML', extension: 'docx' },
  xlsx: { filter: 'Calc MS Excel 2007 XML', extension: 'xlsx' },
} as const;
type Target = keyof typeof TARGETS;

export interface OfficePoolStats {
  /** 'warm' once a worker has started, 'one-shot' when Python-UNO is missing, 'unknown' before. */
  mode: 'warm' | 'one-shot' | 'unknown' | 'missing';
  workers: number;
  busy: number;
  queued: number;
  /** Workers started so far (restarts included). */
  started: number;
  converted: number;
  timeouts: number;
  crashes: number;
}

/** What a job's waiter hears when its worker dies under it. */
const EXITED = '\u0000exited';

const DEFAULTS = {
  timeoutMs: 120_000,
  startTimeoutMs: 60_000,
  maxJobsPerWorker: 200,
  idleMs: 5 * 60_000,
  maxQueue: 32,
};

export const OFFICE_MESSAGES = {
  busy: 'Máy chủ đang tạo nhiều tệp PDF khác. Vui lòng thử lại sau ít phút, hoặc tải bản DOCX.',
  closing: 'Máy chủ đang dừng nên chưa tạo được PDF. Vui lòng thử lại sau ít phút.',
  timeout: (seconds: number) =>
    `LibreOffice không chuyển xong tài liệu sang PDF sau ${seconds} giây nên đã bị dừng. Hãy thử lại, hoặc tải bản DOCX.`,
  crashed:
    'LibreOffice gặp sự cố khi chuyển tài liệu sang PDF (đã khởi động lại). Hãy thử lại, hoặc tải bản DOCX.',
  failed: (detail: string) => `LibreOffice không chuyển được tài liệu sang PDF (${detail}).`,
  noOutput: 'LibreOffice không tạo ra tệp PDF; hãy thử lại hoặc tải bản DOCX.',
};

interface Job {
  /** The input's bytes (a DOCX for a PDF). */
  docx: Uint8Array;
  /** The input's extension and what it becomes. */
  from: 'docx' | 'doc' | 'xls';
  target: Target;
  options: ConvertOptions & { maxOutputBytes?: number };
  attempts: number;
  /** The job's error for a reason: PDF jobs keep their Vietnamese PdfConversionError. */
  error(reason: OfficeConversionReason, detail?: string): Error;
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

/** The errors of a PDF job (unchanged since issue 15). */
function pdfError(reason: OfficeConversionReason, detail = '', limitMs = 0): PdfConversionError {
  switch (reason) {
    case 'missing':
      return new PdfConversionError('PDF_CONVERTER_MISSING', PDF_CONVERTER_MISSING_MESSAGE);
    case 'busy':
      return new PdfConversionError('PDF_CONVERSION_FAILED', OFFICE_MESSAGES.busy);
    case 'closing':
      return new PdfConversionError('PDF_CONVERSION_FAILED', OFFICE_MESSAGES.closing);
    case 'timeout':
      return new PdfConversionError(
        'PDF_CONVERSION_FAILED',
        OFFICE_MESSAGES.timeout(Math.round(limitMs / 1000)),
      );
    case 'crashed':
      return new PdfConversionError('PDF_CONVERSION_FAILED', OFFICE_MESSAGES.crashed);
    case 'failed':
      return new PdfConversionError('PDF_CONVERSION_FAILED', OFFICE_MESSAGES.failed(detail));
    case 'too-large':
      return new PdfConversionError('PDF_CONVERSION_FAILED', OFFICE_MESSAGES.noOutput);
  }
}

/**
 * One-shot `soffice --convert-to` of a .doc/.xls (where Python-UNO is missing): its own folder
 * and profile, its own process group killed whole on the time limit.
 */
export async function convertOfficeFileOneShot(
  bytes: Uint8Array,
  conversion: OfficeFileConversion & { soffice: string | null; workDir?: string },
): Promise<Buffer> {
  const { soffice } = conversion;
  if (!soffice) throw new OfficeConversionError('missing');
  const target: Target = conversion.from === 'doc' ? 'docx' : 'xlsx';
  const work = await mkdtemp(join(conversion.workDir ?? tmpdir(), 'caitien-convert-'));
  try {
    const input = join(work, `tai-lieu.${conversion.from}`);
    const outDir = join(work, 'out');
    await writeFile(input, bytes, { mode: 0o600 });
    await seedOfflineProfile(join(work, 'profile'));
    const limit = conversion.timeoutMs ?? DEFAULTS.timeoutMs;
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
          '--headless',
          '--invisible',
          '--norestore',
          '--nolockcheck',
          '--nodefault',
          '--nologo',
          '--convert-to',
          `${TARGETS[target].extension}:${TARGETS[target].filter}`,
          '--outdir',
          outDir,
          input,
        ],
        {
          detached: true,
          cwd: work,
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, HOME: work, SAL_USE_VCLPLUGIN: 'svp' },
        },
      );
      track(child);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-2_000);
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child);
      }, limit);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new OfficeConversionError('failed', error.message));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        killGroup(child); // what LibreOffice left behind
        if (timedOut) reject(new OfficeConversionError('timeout'));
        else if (code !== 0) reject(new OfficeConversionError('failed', stderr.trim()));
        else resolve();
      });
    });
    const output = join(outDir, `tai-lieu.${target}`);
    if (!existsSync(output)) throw new OfficeConversionError('failed', 'no output');
    const size = (await stat(output)).size;
    if (conversion.maxOutputBytes !== undefined && size > conversion.maxOutputBytes) {
      throw new OfficeConversionError('too-large');
    }
    return await readFile(output);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface Worker {
  process: ChildProcess;
  profileDir: string;
  ready: Promise<void>;
  /** Set from the moment a job is handed over until its folder is removed. */
  busy: boolean;
  idleTimer: NodeJS.Timeout | null;
  converted: number;
  ending: boolean;
  waiters: Map<number, (answer: { ok: boolean; error?: string }) => void>;
}

/**
 * LibreOffice settings written into every profile before it starts: no network for what a
 * document links to (a .doc's INCLUDEPICTURE "http://…" is otherwise fetched while it loads):
 * every proxy is set by hand (ooInetProxyType 1) to the discard port of the loopback, so a fetch
 * goes nowhere (plan-import.legacy.test.ts counts requests); external links without a referer
 * are blocked too, and macros get the highest security (the bridge never runs them anyway).
 */
const OFFLINE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
${[
  ['Office.Common/Security/Scripting', 'BlockUntrustedRefererLinks', 'true'],
  ['Office.Common/Security/Scripting', 'MacroSecurityLevel', '3'],
  ['Office.Common/Security/Scripting', 'DisableMacrosExecution', 'true'],
  ['Inet/Settings', 'ooInetProxyType', '1'],
  ['Inet/Settings', 'ooInetNoProxy', ''],
  ...['HTTP', 'HTTPS', 'FTP'].flatMap((scheme) => [
    ['Inet/Settings', `ooInet${scheme}ProxyName`, '127.0.0.1'],
    ['Inet/Settings', `ooInet${scheme}ProxyPort`, '9'],
  ]),
]
  .map(
    ([path, name, value]) =>
      `<item oor:path="/org.openoffice.${path}"><prop oor:name="${name}" oor:op="fuse"><value>${value}</value></prop></item>`,
  )
  .join('\n')}
</oor:items>
`;

/** Seeds a LibreOffice profile folder (`-env:UserInstallation`) with {@link OFFLINE_SETTINGS}. */
export async function seedOfflineProfile(profile: string): Promise<void> {
  await mkdir(join(profile, 'user'), { recursive: true, mode: 0o700 });
  await writeFile(join(profile, 'user', 'registrymodifications.xcu'), OFFLINE_SETTINGS, {
    mode: 0o600,
  });
}

/** Whether `python` can import LibreOffice's UNO bridge (checked once per program). */
const unoChecks = new Map<string, Promise<boolean>>();
export function pythonHasUno(python: string): Promise<boolean> {
  let check = unoChecks.get(python);
  if (!check) {
    check = new Promise((resolve) => {
      execFile(python, ['-c', 'import uno'], { timeout: 10_000 }, (error) => resolve(!error));
    });
    unoChecks.set(python, check);
  }
  return check;
}

/** The Python to run the bridge with: CAITIEN_PYTHON, or Debian's own (where python3-uno lives). */
export async function findPythonUno(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const candidates = env['CAITIEN_PYTHON']
    ? [env['CAITIEN_PYTHON']]
    : ['/usr/bin/python3', 'python3'].filter((p) => !p.startsWith('/') || existsSync(p));
  for (const python of candidates) {
    if (await pythonHasUno(python)) return python;
  }
  return null;
}

/**
 * Kills the worker's process group: Python, LibreOffice and whatever LibreOffice started (it runs
 * gpgconf/gpg at start). Also after the bridge itself has exited, for what it leaves behind.
 */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Groups still alive, killed if the process exits without closing its pools. */
const liveGroups = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  liveGroups.add(child);
  child.once('exit', () => liveGroups.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const group of liveGroups) killGroup(group);
    });
  }
}

/** Starts a pool (no LibreOffice yet: the first conversion starts one). */
export function createOfficePool(options: OfficePoolOptions = {}): OfficePool {
  const size = Math.max(1, options.size ?? 1);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULTS.startTimeoutMs;
  const maxJobs = options.maxJobsPerWorker ?? DEFAULTS.maxJobsPerWorker;
  const idleMs = options.idleMs ?? DEFAULTS.idleMs;
  const maxQueue = options.maxQueue ?? DEFAULTS.maxQueue;
  // Found again for each conversion (cheap), so an installation or SOFFICE_PATH change applies.
  const sofficeNow = (): string | null =>
    options.soffice === undefined ? findSoffice() : options.soffice;
  const workers = new Set<Worker>();
  const queue: Job[] = [];
  const counters = { started: 0, converted: 0, timeouts: 0, crashes: 0 };
  let mode: OfficePoolStats['mode'] = 'unknown';
  let python: Promise<string | null> | null = null;
  let closed = false;
  let nextId = 1;

  const bridgePython = (): Promise<string | null> => {
    python ??= (
      options.python !== undefined ? Promise.resolve(options.python) : findPythonUno()
    ).then(async (found) => {
      const usable = found && (await pythonHasUno(found)) ? found : null;
      if (!usable) {
        mode = 'one-shot';
        options.logger?.warn(
          {},
          'Python-UNO (python3-uno) not found: PDFs are converted by a fresh LibreOffice each time',
        );
      }
      return usable;
    });
    return python;
  };

  function retire(worker: Worker): void {
    if (worker.ending) return;
    worker.ending = true;
    workers.delete(worker);
    if (worker.idleTimer) clearTimeout(worker.idleTimer);
    if (worker.process.stdin?.writable) {
      worker.process.stdin.end(`${JSON.stringify({ quit: true })}\n`);
      // LibreOffice ends on its own within a moment; a stuck one is killed.
      setTimeout(() => killGroup(worker.process), 5_000).unref();
    } else {
      killGroup(worker.process);
    }
  }

  function spawnWorker(pythonPath: string, sofficePath: string, profileDir: string): Worker {
    const pipe = `caitien-${process.pid}-${randomBytes(6).toString('hex')}`;
    const child = spawn(
      pythonPath,
      [
        '-u',
        '-c',
        OFFICE_BRIDGE_SOURCE,
        sofficePath,
        pathToFileURL(join(profileDir, 'profile')).href,
        pipe,
        String(Math.ceil(startTimeoutMs / 1000)),
      ],
      {
        detached: true, // its own process group: a timeout kills Python and LibreOffice together
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, HOME: profileDir, SAL_USE_VCLPLUGIN: 'svp' },
      },
    );
    track(child);
    counters.started += 1;
    // A write to a worker that has just died must not become an uncaught 'error' event.
    child.stdin?.on('error', () => undefined);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2_000);
    });
    const worker: Worker = {
      process: child,
      profileDir,
      ready: Promise.resolve(),
      busy: false,
      idleTimer: null,
      converted: 0,
      ending: false,
      waiters: new Map(),
    };
    worker.ready = new Promise<void>((resolve, reject) => {
      const startTimer = setTimeout(() => {
        reject(new Error('LibreOffice did not start in time'));
        retire(worker);
        killGroup(child);
      }, startTimeoutMs + 2_000);
      const lines = createInterface({ input: child.stdout! });
      let readySeen = false;
      lines.on('line', (line) => {
        let answer: { ready?: boolean; id?: number; ok?: boolean; error?: string };
        try {
          answer = JSON.parse(line) as typeof answer;
        } catch {
          return; // not ours (LibreOffice never writes here, but be safe)
        }
        if (!readySeen && answer.ready !== undefined) {
          readySeen = true;
          clearTimeout(startTimer);
          if (answer.ready) resolve();
          else reject(new Error(answer.error ?? 'LibreOffice did not start'));
          return;
        }
        if (answer.id !== undefined) {
          const waiter = worker.waiters.get(answer.id);
          worker.waiters.delete(answer.id);
          waiter?.({ ok: answer.ok === true, ...(answer.error ? { error: answer.error } : {}) });
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(startTimer);
        if (!readySeen)
          reject(
            new Error(
              `LibreOffice exited before it was ready (${code ?? signal}): ${stderr.trim()}`,
            ),
          );
        const wasEnding = worker.ending;
        worker.ending = true;
        workers.delete(worker);
        if (worker.idleTimer) clearTimeout(worker.idleTimer);
        killGroup(child); // what LibreOffice left behind
        void rm(profileDir, { recursive: true, force: true });
        for (const waiter of worker.waiters.values()) waiter({ ok: false, error: EXITED });
        worker.waiters.clear();
        if (!wasEnding && readySeen) {
          options.logger?.warn(
            { code, signal, stderr: stderr.trim() },
            'LibreOffice worker exited',
          );
        }
        pump();
      });
    });
    // A failed start must not be an unhandled rejection; run() awaits it and handles it.
    worker.ready.catch(() => undefined);
    workers.add(worker);
    return worker;
  }

  async function oneShot(job: Job): Promise<void> {
    try {
      if (job.target !== 'pdf') {
        job.resolve(
          await convertOfficeFileOneShot(job.docx, {
            from: job.from === 'xls' ? 'xls' : 'doc',
            soffice: sofficeNow(),
            timeoutMs: job.options.timeoutMs ?? timeoutMs,
            ...(job.options.maxOutputBytes !== undefined
              ? { maxOutputBytes: job.options.maxOutputBytes }
              : {}),
            ...(options.workDir !== undefined ? { workDir: options.workDir } : {}),
          }),
        );
        return;
      }
      const pdfOptions: PdfOptions = { soffice: sofficeNow() };
      if (job.options.updateIndexes) pdfOptions.updateIndexes = true;
      pdfOptions.timeoutMs = job.options.timeoutMs ?? timeoutMs;
      job.resolve(await convertDocxToPdf(job.docx, pdfOptions));
    } catch (error) {
      job.reject(error as Error);
    }
  }

  async function run(worker: Worker, job: Job): Promise<void> {
    const id = nextId++;
    const limit = job.options.timeoutMs ?? timeoutMs;
    const timeoutError = () => job.error('timeout');
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    let folder: string | null = null;
    // Settled only once the job's folder is gone, so nothing of it outlives the answer.
    let outcome: { pdf: Buffer } | { error: Error } | 'retry' | 'one-shot';
    try {
      folder = await mkdtemp(join(options.workDir ?? tmpdir(), 'caitien-pdf-'));
      const input = join(folder, `tai-lieu.${job.from}`);
      const output = join(folder, `tai-lieu.${TARGETS[job.target].extension}`);
      await writeFile(input, job.docx, { mode: 0o600 });
      // The limit counts from a started LibreOffice: its own start has its own limit, and on a
      // busy machine it alone can take longer than a small limit without being the file's fault.
      await worker.ready;
      timer = setTimeout(() => {
        timedOut = true;
        counters.timeouts += 1;
        options.logger?.warn(
          { timeoutMs: limit },
          'LibreOffice conversion timed out; worker killed',
        );
        worker.ending = true;
        killGroup(worker.process);
      }, limit);
      const answer = await new Promise<{ ok: boolean; error?: string }>((resolve) => {
        if (worker.process.exitCode !== null || worker.process.signalCode !== null) {
          resolve({ ok: false, error: EXITED });
          return;
        }
        worker.waiters.set(id, resolve);
        worker.process.stdin!.write(
          `${JSON.stringify({ id, input, output, updateIndexes: job.options.updateIndexes === true, filter: TARGETS[job.target].filter })}\n`,
        );
      });
      clearTimeout(timer);
      if (timedOut) outcome = { error: timeoutError() };
      else if (answer.error === EXITED) {
        counters.crashes += 1;
        outcome = job.attempts < 2 ? 'retry' : { error: job.error('crashed') };
      } else if (!answer.ok) {
        outcome = { error: job.error('failed', answer.error ?? '') };
      } else if (!existsSync(output)) {
        outcome = {
          error:
            job.target === 'pdf'
              ? new PdfConversionError('PDF_CONVERSION_FAILED', OFFICE_MESSAGES.noOutput)
              : job.error('failed', 'no output'),
        };
      } else if (
        job.options.maxOutputBytes !== undefined &&
        (await stat(output)).size > job.options.maxOutputBytes
      ) {
        outcome = { error: job.error('too-large') };
      } else {
        counters.converted += 1;
        outcome = { pdf: await readFile(output) };
      }
    } catch (error) {
      clearTimeout(timer);
      if (timedOut) outcome = { error: timeoutError() };
      else {
        // The worker could not start (or the folder could not be written): one-shot instead.
        options.logger?.warn({ err: error }, 'LibreOffice worker unavailable; converting one-shot');
        retire(worker);
        outcome = 'one-shot';
      }
    }
    if (folder) await rm(folder, { recursive: true, force: true });
    worker.busy = false;
    worker.converted += 1;
    if (!worker.ending && worker.converted >= maxJobs) retire(worker);
    if (!worker.ending) {
      worker.idleTimer = setTimeout(() => retire(worker), idleMs);
      worker.idleTimer.unref();
    }
    if (outcome === 'retry') requeue(job);
    else if (outcome === 'one-shot') void oneShot(job);
    else if ('pdf' in outcome) job.resolve(outcome.pdf);
    else job.reject(outcome.error);
    pump();
  }

  function requeue(job: Job): void {
    job.attempts += 1;
    queue.unshift(job);
  }

  let pumping = false;
  function pump(): void {
    if (pumping || closed) return;
    pumping = true;
    void (async () => {
      try {
        while (queue.length > 0) {
          const pythonPath = await bridgePython();
          const soffice = sofficeNow();
          if (!pythonPath || !soffice) {
            const job = queue.shift()!;
            void oneShot(job);
            continue;
          }
          let worker = [...workers].find((w) => !w.busy && !w.ending);
          if (!worker && workers.size < size) {
            const profileDir = await mkdtemp(join(options.workDir ?? tmpdir(), 'caitien-office-'));
            await seedOfflineProfile(join(profileDir, 'profile'));
            worker = spawnWorker(pythonPath, soffice, profileDir);
            mode = 'warm';
          }
          if (!worker) return; // all busy: the next finished job pumps again
          if (worker.idleTimer) clearTimeout(worker.idleTimer);
          worker.idleTimer = null;
          const job = queue.shift()!;
          worker.busy = true; // claimed now, so this loop does not hand it a second job
          void run(worker, job);
        }
      } finally {
        pumping = false;
      }
    })();
  }

  function submit(
    input: Uint8Array,
    from: Job['from'],
    target: Target,
    jobOptions: Job['options'],
    error: Job['error'],
  ): Promise<Buffer> {
    if (closed) return Promise.reject(error('closing'));
    if (!sofficeNow()) {
      mode = 'missing';
      return Promise.reject(error('missing'));
    }
    if (queue.length >= maxQueue) return Promise.reject(error('busy'));
    return new Promise<Buffer>((resolve, reject) => {
      queue.push({
        docx: input,
        from,
        target,
        options: jobOptions,
        attempts: 1,
        error,
        resolve,
        reject,
      });
      pump();
    });
  }

  return {
    convert(docx, convertOptions = {}) {
      const limit = convertOptions.timeoutMs ?? timeoutMs;
      return submit(docx, 'docx', 'pdf', convertOptions, (reason, detail) =>
        pdfError(reason, detail, limit),
      );
    },
    convertFile(bytes, conversion) {
      return submit(
        bytes,
        conversion.from,
        conversion.from === 'doc' ? 'docx' : 'xlsx',
        {
          ...(conversion.timeoutMs !== undefined ? { timeoutMs: conversion.timeoutMs } : {}),
          ...(conversion.maxOutputBytes !== undefined
            ? { maxOutputBytes: conversion.maxOutputBytes }
            : {}),
        },
        (reason, detail) => new OfficeConversionError(reason, detail),
      );
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(job.error('closing'));
      const exits = [...workers].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.process.exitCode !== null || worker.process.signalCode !== null) resolve();
            else worker.process.once('exit', () => resolve());
          }),
      );
      for (const worker of [...workers]) {
        if (worker.busy) killGroup(worker.process);
        retire(worker);
      }
      await Promise.all(exits);
    },
    stats() {
      const list = [...workers];
      return {
        mode,
        workers: list.length,
        busy: list.filter((w) => w.busy).length,
        queued: queue.length,
        ...counters,
      };
    },
  };
}
