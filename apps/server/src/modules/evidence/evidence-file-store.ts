import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Evidence files on disk, by content (issue 12): `DATA_DIR/evidence/<sha256[0..2]>/<sha256>`. The
 * same bytes are stored once, whichever evidence, assessment or year they belong to (a carried
 * evidence points at the same bytes). A file is written to a temporary name in its folder and
 * renamed into place, so a reader never sees half a file and a crash leaves no file under a hash.
 * Blobs are not removed when a file row is: other rows (another year's carried evidence) may point
 * at them.
 */
export interface EvidenceFileStore {
  /** Where the bytes of this hash live. */
  pathOf(sha256: string): string;
  /** Stores the bytes (once per content); answers their SHA-256. */
  put(bytes: Uint8Array): Promise<{ sha256: string; alreadyStored: boolean }>;
  /** Whether bytes of this hash are stored. */
  has(sha256: string): Promise<boolean>;
  /** A stream of the stored bytes. */
  open(sha256: string): ReadStream;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The file store under `dataDir`. */
export function createEvidenceFileStore(dataDir: string): EvidenceFileStore {
  const root = path.join(dataDir, 'evidence');
  const pathOf = (sha256: string): string => {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  const has = async (sha256: string): Promise<boolean> =>
    stat(pathOf(sha256)).then(
      (s) => s.isFile(),
      () => false,
    );
  return {
    pathOf,
    has,
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(sha256);
      const existing = await stat(target).catch(() => null);
      if (existing?.isFile() && existing.size === bytes.byteLength)
        return { sha256, alreadyStored: true };
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temp, bytes, { flag: 'wx' });
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { sha256, alreadyStored: false };
    },
    open: (sha256) => createReadStream(pathOf(sha256)),
  };
}
