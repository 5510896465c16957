/**
 * What an uploaded evidence file really is, read from its first bytes (magic numbers) and, for
 * ZIP and OLE2 containers, the names of the parts inside: the name a phone or a person gives a file
 * says nothing reliable ("scan.pdf" may be a JPEG, "bao-cao.docx" a ZIP of anything).
 */

/** A kind of file evidence may be, with the media type it is stored and served with. */
export interface EvidenceFileKind {
  mediaType: string;
  /** Short Vietnamese label ("PDF", "ảnh JPEG"…). */
  label: string;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/** The bytes [start, end) as latin-1 text; shorter (or empty) past the end of a short file. */
const ascii = (bytes: Uint8Array, start: number, end: number): string => {
  const from = Math.min(start, bytes.byteLength);
  const to = Math.min(Math.max(end, from), bytes.byteLength);
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
};

/** Whether the bytes hold this text (latin-1 or UTF-16LE), e.g. a ZIP entry or an OLE2 stream name. */
function contains(bytes: Uint8Array, text: string, encoding: 'latin1' | 'utf16le'): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
    Buffer.from(text, encoding),
  );
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'heif']);

const ODF_TYPES: Record<string, string> = {
  'application/vnd.oasis.opendocument.text': 'văn bản OpenDocument (.odt)',
  'application/vnd.oasis.opendocument.spreadsheet': 'bảng tính OpenDocument (.ods)',
  'application/vnd.oasis.opendocument.presentation': 'trình chiếu OpenDocument (.odp)',
};

function sniffZip(bytes: Uint8Array): EvidenceFileKind | null {
  // OpenDocument: the first entry is "mimetype", stored uncompressed, its content right after.
  if (ascii(bytes, 30, 38) === 'mimetype') {
    const rest = ascii(bytes, 38, Math.min(bytes.length, 38 + 80));
    for (const [mediaType, label] of Object.entries(ODF_TYPES))
      if (rest.startsWith(mediaType)) return { mediaType, label };
    return null;
  }
  // Office Open XML: a [Content_Types].xml part and the main part of its kind.
  if (!contains(bytes, '[Content_Types].xml', 'latin1')) return null;
  if (contains(bytes, 'word/document.xml', 'latin1'))
    return {
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      label: 'Word (.docx)',
    };
  if (contains(bytes, 'xl/workbook.xml', 'latin1'))
    return {
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      label: 'Excel (.xlsx)',
    };
  if (contains(bytes, 'ppt/presentation.xml', 'latin1'))
    return {
      mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      label: 'PowerPoint (.pptx)',
    };
  return null;
}

function sniffOle2(bytes: Uint8Array): EvidenceFileKind | null {
  // The directory names its streams in UTF-16LE: "WordDocument", "Workbook"/"Book", "PowerPoint Document".
  if (contains(bytes, 'WordDocument', 'utf16le'))
    return { mediaType: 'application/msword', label: 'Word 97–2003 (.doc)' };
  if (contains(bytes, 'Workbook', 'utf16le') || contains(bytes, 'Book', 'utf16le'))
    return { mediaType: 'application/vnd.ms-excel', label: 'Excel 97–2003 (.xls)' };
  if (contains(bytes, 'PowerPoint Document', 'utf16le'))
    return { mediaType: 'application/vnd.ms-powerpoint', label: 'PowerPoint 97–2003 (.ppt)' };
  return null;
}

/**
 * The kind of an evidence file from its bytes, or null when it is not one the school may keep
 * (PDF; JPEG, PNG, WebP, HEIC/HEIF photos; Word, Excel, PowerPoint in both formats; OpenDocument).
 */
export function sniffEvidenceFile(bytes: Uint8Array): EvidenceFileKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    return { mediaType: 'application/pdf', label: 'PDF' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', label: 'ảnh JPEG' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mediaType: 'image/png', label: 'ảnh PNG' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { mediaType: 'image/webp', label: 'ảnh WebP' };
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (HEIC_BRANDS.has(brand)) return { mediaType: 'image/heic', label: 'ảnh HEIC' };
    if (HEIF_BRANDS.has(brand)) return { mediaType: 'image/heif', label: 'ảnh HEIF' };
    return null;
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle2(bytes);
  return null;
}

/** The Vietnamese list of accepted kinds, for the 415 message. */
export const ACCEPTED_KINDS_TEXT =
  'PDF, ảnh (JPEG, PNG, WebP, HEIC), Word (.docx, .doc), Excel (.xlsx, .xls), PowerPoint (.pptx, .ppt), OpenDocument (.odt, .ods, .odp)';
