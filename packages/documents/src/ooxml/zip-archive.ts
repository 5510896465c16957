import { inflateRawSync } from 'node:zlib';

/**
 * Reads the structure of a ZIP (the container of every OOXML file: .docx, .xlsx) without trusting
 * it: end of central directory → central directory → local headers, every offset bounds-checked,
 * and each entry inflated once with a hard output cap at its declared size, so a lying size or a
 * zip bomb fails cheaply here instead of exhausting memory in a library. Shared by the XLSX checks
 * (staff list) and the plan importer (DOCX and XLSX).
 */

/** Any structural problem of the archive: callers turn it into a "corrupt file" answer. */
export class ZipStructureError extends Error {}
/** More entries than the caller accepts. */
export class TooManyEntries extends Error {}

export interface ZipEntry {
  /** The name as stored, with a leading "/" removed. */
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_LOCAL_FILE = 0x04034b50;
const SIG_CENTRAL_FILE = 0x02014b50;
const SIG_END_OF_CENTRAL_DIR = 0x06054b50;
const SIG_ZIP64_END_LOCATOR = 0x07064b50;
const SIG_ZIP64_END_OF_CENTRAL_DIR = 0x06064b50;
const END_OF_CENTRAL_DIR_SIZE = 22;
const MAX_ZIP_COMMENT = 0xffff;

/** The first bytes of an OLE compound file (legacy .doc/.xls, and password-protected OOXML). */
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
/** The first bytes of a ZIP local file header. */
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

export function startsWith(data: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.length <= data.length && bytes.every((byte, i) => data[i] === byte);
}

export function asciiBytes(text: string): number[] {
  return [...text].map((ch) => ch.charCodeAt(0));
}

export function indexOfBytes(data: Uint8Array, needle: readonly number[]): number {
  const first = needle[0];
  if (first === undefined) return 0;
  for (let i = data.indexOf(first); i !== -1 && i <= data.length - needle.length;) {
    if (needle.every((byte, j) => data[i + j] === byte)) return i;
    i = data.indexOf(first, i + 1);
  }
  return -1;
}

/** True when an OLE compound file names a stream `name` (stream names are UTF-16LE). */
export function oleHasStream(data: Uint8Array, name: string): boolean {
  const utf16 = [...name].flatMap((ch) => [ch.charCodeAt(0), 0]);
  return indexOfBytes(data, utf16) !== -1;
}

/** An encrypted OOXML file is an OLE compound file holding an "EncryptedPackage" stream. */
export function isEncryptedOle(data: Uint8Array): boolean {
  return oleHasStream(data, 'EncryptedPackage');
}

class Reader {
  private readonly view: DataView;

  constructor(readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  private check(offset: number, length: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > this.data.length) {
      throw new ZipStructureError(`read past end at ${offset}`);
    }
  }

  u16(offset: number): number {
    this.check(offset, 2);
    return this.view.getUint16(offset, true);
  }

  u32(offset: number): number {
    this.check(offset, 4);
    return this.view.getUint32(offset, true);
  }

  u64(offset: number): number {
    this.check(offset, 8);
    const value = this.view.getBigUint64(offset, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new ZipStructureError('64-bit size too large');
    return Number(value);
  }

  bytes(offset: number, length: number): Uint8Array {
    this.check(offset, length);
    return this.data.subarray(offset, offset + length);
  }
}

interface CentralDirectory {
  entryCount: number;
  offset: number;
  size: number;
}

function findCentralDirectory(reader: Reader): CentralDirectory {
  const { data } = reader;
  const lowest = Math.max(0, data.length - END_OF_CENTRAL_DIR_SIZE - MAX_ZIP_COMMENT);
  for (let at = data.length - END_OF_CENTRAL_DIR_SIZE; at >= lowest; at--) {
    if (reader.u32(at) !== SIG_END_OF_CENTRAL_DIR) continue;
    let entryCount = reader.u16(at + 10);
    let size = reader.u32(at + 12);
    let offset = reader.u32(at + 16);
    const isZip64 = entryCount === 0xffff || size === 0xffffffff || offset === 0xffffffff;
    if (isZip64) {
      const locator = at - 20;
      if (locator < 0 || reader.u32(locator) !== SIG_ZIP64_END_LOCATOR) {
        throw new ZipStructureError('zip64 locator missing');
      }
      const end64 = reader.u64(locator + 8);
      if (reader.u32(end64) !== SIG_ZIP64_END_OF_CENTRAL_DIR) {
        throw new ZipStructureError('zip64 end of central directory missing');
      }
      entryCount = reader.u64(end64 + 32);
      size = reader.u64(end64 + 40);
      offset = reader.u64(end64 + 48);
    }
    if (offset + size > at)
      throw new ZipStructureError('central directory overlaps its end record');
    return { entryCount, offset, size };
  }
  throw new ZipStructureError('end of central directory not found');
}

/** Reads the ZIP64 extended-information extra field (0x0001) for the fields that overflowed. */
function applyZip64Extra(reader: Reader, entry: ZipEntry, extraStart: number, extraLength: number) {
  const needsUncompressed = entry.uncompressedSize === 0xffffffff;
  const needsCompressed = entry.compressedSize === 0xffffffff;
  const needsOffset = entry.localHeaderOffset === 0xffffffff;
  if (!needsUncompressed && !needsCompressed && !needsOffset) return;
  for (let at = extraStart; at + 4 <= extraStart + extraLength;) {
    const id = reader.u16(at);
    const length = reader.u16(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      if (needsUncompressed) {
        entry.uncompressedSize = reader.u64(field);
        field += 8;
      }
      if (needsCompressed) {
        entry.compressedSize = reader.u64(field);
        field += 8;
      }
      if (needsOffset) entry.localHeaderOffset = reader.u64(field);
      return;
    }
    at += 4 + length;
  }
  throw new ZipStructureError('zip64 extra field missing');
}

/**
 * Lists the entries of the central directory. Throws {@link ZipStructureError} for a damaged
 * archive and {@link TooManyEntries} past `maxEntries`.
 */
export function readZipDirectory(data: Uint8Array, maxEntries: number): ZipEntry[] {
  const reader = new Reader(data);
  const directory = findCentralDirectory(reader);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let at = directory.offset;
  const end = directory.offset + directory.size;
  while (at < end) {
    if (entries.length >= maxEntries) throw new TooManyEntries();
    if (reader.u32(at) !== SIG_CENTRAL_FILE) throw new ZipStructureError('bad central header');
    const nameLength = reader.u16(at + 28);
    const extraLength = reader.u16(at + 30);
    const commentLength = reader.u16(at + 32);
    const entry: ZipEntry = {
      flags: reader.u16(at + 8),
      method: reader.u16(at + 10),
      compressedSize: reader.u32(at + 20),
      uncompressedSize: reader.u32(at + 24),
      localHeaderOffset: reader.u32(at + 42),
      name: decoder.decode(reader.bytes(at + 46, nameLength)).replace(/^\//, ''),
    };
    applyZip64Extra(reader, entry, at + 46 + nameLength, extraLength);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length !== directory.entryCount && directory.entryCount !== 0xffff) {
    throw new ZipStructureError('entry count mismatch');
  }
  return entries;
}

/** True when an entry is encrypted (general purpose flag bit 0). */
export function isEncryptedEntry(entry: ZipEntry): boolean {
  return (entry.flags & 0x1) !== 0;
}

/** Inflates one entry with a hard cap at its declared size: a lying size fails here, cheaply. */
export function inflateZipEntry(data: Uint8Array, entry: ZipEntry): Uint8Array {
  const reader = new Reader(data);
  const at = entry.localHeaderOffset;
  if (reader.u32(at) !== SIG_LOCAL_FILE) throw new ZipStructureError('bad local header');
  const dataStart = at + 30 + reader.u16(at + 26) + reader.u16(at + 28);
  const compressed = reader.bytes(dataStart, entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw new ZipStructureError('stored size');
    return compressed;
  }
  if (entry.method !== 8) throw new ZipStructureError(`compression method ${entry.method}`);
  let inflated: Uint8Array;
  try {
    inflated = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch {
    throw new ZipStructureError('inflate failed or exceeded declared size');
  }
  if (inflated.length !== entry.uncompressedSize) throw new ZipStructureError('size mismatch');
  return inflated;
}
