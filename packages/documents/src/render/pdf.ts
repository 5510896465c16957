import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
  /**
   * Update the tables of contents (and other indexes) before export, so the Mục lục gets its
   * page numbers. `--convert-to pdf` prints a TOC field's stored text as is (it ignores
   * `w:dirty` and `w:updateFields`), so this opens the document through a Basic macro in the
   * conversion's own profile, updates every index, then exports. Costs a second LibreOffice
   * start (the profile must exist before the macro is written).
   */
  updateIndexes?: boolean;
}

/** The macro of {@link PdfOptions.updateIndexes}: open hidden, update every index, export PDF. */
const UPDATE_AND_EXPORT_MACRO = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub CaiTienExport(inUrl As String, outUrl As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, args())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(outUrl, out())
  doc.close(True)
End Sub
</script:module>
`;

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
    const run = (args: string[]) =>
      new Promise<void>((resolve, reject) => {
        execFile(
          soffice,
          [
            `-env:UserInstallation=${profile}`,
            '--headless',
            '--norestore',
            '--nolockcheck',
            ...args,
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
    if (options.updateIndexes) {
      // The first start creates the profile (and its Basic library); the macro goes in after.
      await run(['--terminate_after_init']);
      const library = join(work, 'profile', 'user', 'basic', 'Standard');
      await mkdir(library, { recursive: true });
      await writeFile(join(library, 'Module1.xba'), UPDATE_AND_EXPORT_MACRO);
      const inUrl = pathToFileURL(input).href;
      const outUrl = pathToFileURL(join(work, 'ke-hoach.pdf')).href;
      await run([`macro:///Standard.Module1.CaiTienExport("${inUrl}","${outUrl}")`]);
    } else {
      await run(['--convert-to', 'pdf', '--outdir', work, input]);
    }
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
