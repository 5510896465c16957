import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import type jsQRFunction from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  convertAndRead,
  expectInOrder,
  libreOfficeSetup,
} from '../testing/libreoffice-harness.ts';
import { sampleBieu2Plan } from '../testing/sample-plans.ts';
import { buildPlanDocument } from './plan-document.ts';
import { publicationQrPng, PUBLICATION_LINES } from './publication.ts';
import { renderDocx } from './render-docx.ts';

// jsqr is CommonJS with a default export typed as ESM: the function is the module itself at run time.
const jsQR = jsQRModule as unknown as typeof jsQRFunction.default;

/**
 * The real consumer of a published plan's DOCX (issue 14): LibreOffice opens it, prints the
 * signature block then the address of the public page, and the QR code on the last page of the PDF,
 * rendered to an image, reads back as that address. Skipped outside CI without LibreOffice.
 */
const { available, inCi } = libreOfficeSetup('publication-libreoffice.test.ts');
const URL_ = 'https://caitien.example.vn/cong-khai/7k3m9q2xwd';

describe.runIf(available || inCi)('a published plan read back through LibreOffice', () => {
  it.runIf(available)(
    'shows the address after the signature and a QR code that scans to it',
    async () => {
      const model = buildPlanDocument(sampleBieu2Plan());
      const docx = await renderDocx({
        ...model,
        publication: { url: URL_, qrPng: await publicationQrPng(URL_) },
      });
      const { text, pdfPath } = await convertAndRead('published-plan', docx);
      expectInOrder(text, [model.title, model.signer.name, PUBLICATION_LINES.title, URL_]);
      const pages = Number(
        /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))?.[1],
      );
      const prefix = join(ARTIFACTS, 'published-plan-qr');
      execFileSync('pdftoppm', [
        '-r',
        '150',
        '-png',
        '-f',
        String(pages),
        '-l',
        String(pages),
        pdfPath,
        prefix,
      ]);
      const file = readdirSync(ARTIFACTS).find(
        (n) => n.startsWith('published-plan-qr') && n.endsWith('.png'),
      );
      expect(file).toBeDefined();
      const image = PNG.sync.read(readFileSync(join(ARTIFACTS, file ?? '')));
      const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
      expect(found?.data).toBe(URL_);
    },
    60_000,
  );
});
