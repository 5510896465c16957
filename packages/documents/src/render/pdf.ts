import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * PDF from DOCX through LibreOffice (`soffice --headless --convert-to pdf`). Each conversion runs
 * in its own temporary folder with its own LibreOffice profile (`-env:UserInstallation`), so
 * concurrent requests never share a profile lock (LIBRARIES.md "Documents").
 */

export type PdfErrorCode = 'PDF_CONVERTER_MISSING' | 'PDF_CONVERSION_FAILED';

export class PdfConversionError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PdfConversionError';
  }
}

export const PDF_CONVERTER_MISSING_MESSAGE =
  'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF. Hãy cài gói libreoffice-writer-nogui (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) rồi thử lại, hoặc tải bản DOCX.';

const CANDIDATES = ['soffice', 'libreoffice'];

/** The LibreOffice program on PATH (or `SOFFICE_PATH`), or null when none is installed. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env['SOFFICE_PATH'];
  if (explicit) return existsSync(explicit) ? explicit : null;
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of CANDIDATES) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

export interface PdfOptions {
  /** Kill LibreOffice after this long (ms). */
  timeoutMs?: number;
  soffice?: string | null;
}

/** Converts DOCX bytes to PDF bytes. Throws PdfConversionError with a Vietnamese message. */
export async function convertDocxToPdf(
  docx: Uint8Array,
  options: PdfOptions = {},
): Promise<Buffer> {
  const soffice = options.soffice === undefined ? findSoffice() : options.soffice;
  if (!soffice)
    throw new PdfConversionError('PDF_CONVERTER_MISSING', PDF_CONVERTER_MISSING_MESSAGE);
  const work = await mkdtemp(join(tmpdir(), 'caitien-pdf-'));
  try {
    const input = join(work, 'ke-hoach.docx');
    await writeFile(input, docx);
    const profile = pathToFileURL(join(work, 'profile')).href;
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--convert-to',
          'pdf',
          '--outdir',
          work,
          input,
        ],
        { timeout: options.timeoutMs ?? 120_000, env: { ...process.env, HOME: work } },
        (error, _stdout, stderr) => {
          if (error) {
            reject(
              new PdfConversionError(
                'PDF_CONVERSION_FAILED',
                `LibreOffice không chuyển được tài liệu sang PDF (${error.killed ? 'quá thời gian' : String(stderr).trim() || error.message}).`,
              ),
            );
          } else resolve();
        },
      );
    });
    const output = join(work, 'ke-hoach.pdf');
    if (!existsSync(output)) {
      throw new PdfConversionError(
        'PDF_CONVERSION_FAILED',
        'LibreOffice không tạo ra tệp PDF; hãy thử lại hoặc tải bản DOCX.',
      );
    }
    return await readFile(output);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
