import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { convertDocxToPdf, findSoffice } from '../render/pdf.ts';

/**
 * The harness of the tests that read documents back through LibreOffice and poppler-utils
 * (tests only, not exported from ./testing): whether they can run, the artifacts folder, the
 * conversion with its font check, and the in-order text comparison.
 */

/** Where the converted PDFs and their pages as PNG go, for a person to look at. */
export const ARTIFACTS = fileURLToPath(
  new URL('../../../../artifacts/documents/', import.meta.url),
);

export const hasPoppler = ((): boolean => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Whether the tests of `testFile` can run (`available`) and must (`inCi`: a missing tool is then a
 * failure); outside CI a missing tool is said once with what to install.
 */
export function libreOfficeSetup(testFile: string): { available: boolean; inCi: boolean } {
  const available = findSoffice() !== null && hasPoppler;
  const inCi = process.env['CI'] === 'true';
  if (!available && !inCi) {
    console.warn(
      `${testFile}: LibreOffice (soffice) or poppler-utils (pdftotext) is not installed; the conversion tests are skipped. Install libreoffice-writer-nogui poppler-utils to run them.`,
    );
  }
  return { available, inCi };
}

/** Whitespace-insensitive comparison: the PDF wraps lines where the cell is narrow. */
export const squash = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Each of `texts` found in `text`, in order. */
export function expectInOrder(text: string, texts: string[]): void {
  let from = 0;
  for (const expected of texts) {
    const at = text.indexOf(squash(expected), from);
    expect(at, `"${expected.slice(0, 70)}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at;
  }
}

/**
 * Converts `docx` to PDF, keeps both and the `pages` (all when absent) as PNG under ARTIFACTS as
 * `name`, checks that only Times New Roman's metric twin is used, and answers the squashed text
 * with the PDF's path.
 */
export async function convertAndRead(
  name: string,
  docx: Buffer,
  options: { pages?: [number, number]; updateIndexes?: boolean } = {},
): Promise<{ text: string; pdfPath: string }> {
  const { pages, ...convert } = options;
  const pdf = await convertDocxToPdf(docx, convert);
  mkdirSync(ARTIFACTS, { recursive: true });
  const pdfPath = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(join(ARTIFACTS, `${name}.docx`), docx);
  writeFileSync(pdfPath, pdf);
  const range = pages ? ['-f', String(pages[0]), '-l', String(pages[1])] : [];
  execFileSync('pdftoppm', ['-r', '60', '-png', ...range, pdfPath, join(ARTIFACTS, name)]);
  // Times New Roman is served by its metric twin, Vietnamese included; no fallback font slipped in.
  const fonts = execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' });
  const names = [...fonts.matchAll(/^\S+\+(\S+)/gm)].map((m) => m[1]);
  expect(names.length).toBeGreaterThan(0);
  expect(
    names.every((n) => n?.startsWith('LiberationSerif')),
    names.join(', '),
  ).toBe(true);
  const text = squash(
    execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }),
  );
  return { text, pdfPath };
}
