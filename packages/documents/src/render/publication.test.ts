import jsQRModule from 'jsqr';
import type jsQRFunction from 'jsqr';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { sampleBieu2Plan } from '../testing/sample-plans.ts';
import { buildPlanDocument } from './plan-document.ts';
import { publicationQrPng, publicationQrSvg, PUBLICATION_LINES } from './publication.ts';
import { renderDocx } from './render-docx.ts';

// jsqr is CommonJS with a default export typed as ESM: the function is the module itself at run time.
const jsQR = jsQRModule as unknown as typeof jsQRFunction.default;

const URL_ = 'https://caitien.example.vn/cong-khai/7k3m9q2xwd';

/** Decodes the QR code of a PNG (what a phone camera does). */
function decodeQr(png: Uint8Array): string | null {
  const image = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('the QR code and address of a published plan', () => {
  it('encodes the address, the same bytes each time', async () => {
    const png = await publicationQrPng(URL_);
    expect(decodeQr(png)).toBe(URL_);
    expect(Buffer.compare(png, await publicationQrPng(URL_))).toBe(0);
    expect(await publicationQrSvg(URL_)).toMatch(/^<svg[^>]*viewBox/);
  });

  it('is printed after the signature block of the DOCX, readable back from the file', async () => {
    const model = buildPlanDocument(sampleBieu2Plan());
    const docx = await renderDocx({
      ...model,
      publication: { url: URL_, qrPng: await publicationQrPng(URL_) },
    });
    const zip = await JSZip.loadAsync(docx);
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const image = await zip.file(media[0] ?? '')!.async('uint8array');
    expect(decodeQr(image)).toBe(URL_);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const signer = text.lastIndexOf(model.signer.name);
    expect(signer).toBeGreaterThan(0);
    expect(text.indexOf(PUBLICATION_LINES.title)).toBeGreaterThan(signer);
    expect(text.indexOf(URL_)).toBeGreaterThan(signer);
  });

  it('is absent from an ordinary document', async () => {
    const docx = await renderDocx(buildPlanDocument(sampleBieu2Plan()));
    const zip = await JSZip.loadAsync(docx);
    expect(Object.keys(zip.files).some((n) => n.startsWith('word/media/'))).toBe(false);
    expect(await zip.file('word/document.xml')!.async('string')).not.toContain('cong-khai');
  });
});
