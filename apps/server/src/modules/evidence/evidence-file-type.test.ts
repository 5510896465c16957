import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { sniffEvidenceFile } from './evidence-file-type.ts';

async function zip(entries: [string, string][], firstStored = false): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [i, [name, text]] of entries.entries())
    z.file(name, text, firstStored && i === 0 ? { compression: 'STORE' } : {});
  return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** An OLE2 compound file header followed by a directory naming `stream` (UTF-16LE). */
function ole2(stream: string): Uint8Array {
  return Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    Buffer.from('Root Entry', 'utf16le'),
    Buffer.alloc(44),
    Buffer.from(stream, 'utf16le'),
  ]);
}

describe('the kind of an evidence file, read from its bytes', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n…'), 'application/pdf'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), 'image/jpeg'],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
    [
      'WebP',
      Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]),
      'image/webp',
    ],
    [
      'HEIC (iPhone)',
      Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic')]),
      'image/heic',
    ],
    [
      'HEIF (mif1)',
      Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmif1')]),
      'image/heif',
    ],
    ['Word 97–2003', ole2('WordDocument'), 'application/msword'],
    ['Excel 97–2003', ole2('Workbook'), 'application/vnd.ms-excel'],
    ['PowerPoint 97–2003', ole2('PowerPoint Document'), 'application/vnd.ms-powerpoint'],
  ])('%s', (_label, bytes, mediaType) => {
    expect(sniffEvidenceFile(bytes)?.mediaType).toBe(mediaType);
  });

  it('tells Office Open XML documents by their parts, OpenDocument by its mimetype entry', async () => {
    const types = '<Types/>';
    expect(
      sniffEvidenceFile(
        await zip([
          ['[Content_Types].xml', types],
          ['word/document.xml', '<w/>'],
        ]),
      )?.mediaType,
    ).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(
      sniffEvidenceFile(
        await zip([
          ['[Content_Types].xml', types],
          ['xl/workbook.xml', '<x/>'],
        ]),
      )?.mediaType,
    ).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(
      sniffEvidenceFile(
        await zip(
          [
            ['mimetype', 'application/vnd.oasis.opendocument.text'],
            ['content.xml', '<office/>'],
          ],
          true,
        ),
      )?.mediaType,
    ).toBe('application/vnd.oasis.opendocument.text');
  });

  it.each([
    ['a Windows program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)])],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf /\n')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['an SVG (may carry scripts)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['an OLE2 file of another kind', ole2('__substg1.0_0037001F')],
    ['a video (ftyp mp42)', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42')])],
    ['nothing', Buffer.alloc(0)],
    ['three bytes', Buffer.from('RIF')],
  ])('refuses %s', (_label, bytes) => {
    expect(sniffEvidenceFile(bytes)).toBeNull();
  });

  it('refuses a ZIP that is not an office document', async () => {
    expect(sniffEvidenceFile(await zip([['virus.exe', 'MZ']]))).toBeNull();
  });
});
