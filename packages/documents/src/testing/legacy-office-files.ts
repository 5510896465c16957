import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findSoffice } from '../render/pdf.ts';

/**
 * Test files in the 97–2003 formats (tests only): the repository's own DOCX/XLSX saved as .doc or
 * .xls by LibreOffice (`--convert-to doc:"MS Word 97"` / `xls:"MS Excel 97"`), in a folder and
 * profile of their own. The plan importer's legacy tests read these back and compare the rows.
 */
export async function saveAsLegacy(
  bytes: Uint8Array,
  kind: 'doc' | 'xls',
  /** What `bytes` are (by default DOCX for a .doc, XLSX for an .xls; `html` for a web page). */
  source: 'docx' | 'xlsx' | 'html' = kind === 'doc' ? 'docx' : 'xlsx',
): Promise<Uint8Array> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
  const work = await mkdtemp(join(tmpdir(), 'caitien-legacy-fixture-'));
  try {
    const input = join(work, `ke-hoach.${source}`);
    await writeFile(input, bytes);
    const filter = kind === 'doc' ? 'doc:MS Word 97' : 'xls:MS Excel 97';
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--convert-to',
          filter,
          '--outdir',
          join(work, 'out'),
          input,
        ],
        { detached: true, stdio: 'ignore', env: { ...process.env, HOME: work } },
      );
      const timer = setTimeout(() => {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      }, 120_000);
      child.once('error', reject);
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`soffice --convert-to ${filter} exited with ${code}`));
      });
    });
    return new Uint8Array(await readFile(join(work, 'out', `ke-hoach.${kind}`)));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Whether LibreOffice's Calc is installed beside its soffice (libreoffice-calc-nogui): .xls needs it. */
export function hasLibreOfficeCalc(): boolean {
  const soffice = findSoffice();
  if (!soffice) return false;
  try {
    return existsSync(join(dirname(realpathSync(soffice)), 'libsclo.so'));
  } catch {
    return false;
  }
}
