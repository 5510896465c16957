import type { ReadStream } from 'node:fs';
import type { Repositories } from '@caitien/db';
import { sanitizeImportedText, type EvidenceItem } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { VersionedWriter } from '../../kernel/versioned-write.ts';
import type { EvidenceFileStore } from './evidence-file-store.ts';
import {
  ACCEPTED_KINDS_TEXT,
  sniffEvidenceFile,
  type EvidenceFileKind,
} from './evidence-file-type.ts';
import { EVIDENCE_FILE_NOT_FOUND, toEvidenceItem, type EvidenceReader } from './evidence-reader.ts';

/** A size in Vietnamese ("20 MB", "1,5 MB", "812 KB"). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / (1024 * 1024);
    return `${mb.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
  }
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;
}

/** A stored file ready to stream: its stored name, media type, size and bytes. */
export interface StoredFileDownload {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  stream: ReadStream;
}

/** The 413 of an evidence file over the limit (the upload parser answers it before any write). */
export function tooLargeError(fileName: string | null, limit: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `Tệp${fileName ? ` “${fileName}”` : ''} quá lớn: mỗi tệp minh chứng tối đa ${formatSize(limit)}. Hãy nén, chia nhỏ hoặc chụp lại với độ phân giải thấp hơn rồi tải lên.`,
    { maxBytes: limit },
  );
}

/**
 * The checks of an uploaded file, before anything is stored (evidence and progress files): its
 * cleaned name, then refused when empty, over `maxBytes` (413) or of a type not accepted (read
 * from the bytes, not the name; 415). Answers the name and the sniffed kind.
 */
export function checkUploadedFile(
  upload: { bytes: Uint8Array; fileName: string },
  maxBytes: number,
): { fileName: string; kind: EvidenceFileKind } {
  const fileName = sanitizeImportedText(upload.fileName).text.normalize('NFC').trim();
  if (upload.bytes.byteLength === 0)
    throw new AppError('VALIDATION_ERROR', `Tệp “${fileName}” rỗng. Hãy chọn lại tệp.`);
  if (upload.bytes.byteLength > maxBytes) throw tooLargeError(fileName, maxBytes);
  const kind = sniffEvidenceFile(upload.bytes);
  if (!kind)
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Tệp “${fileName}” không phải loại tệp được nhận làm minh chứng (nội dung tệp được kiểm tra, không chỉ đuôi tên). Chỉ nhận: ${ACCEPTED_KINDS_TEXT}.`,
      { fileName },
    );
  return { fileName, kind };
}

/** A stored file to send: its name, type, size and bytes (404 in Vietnamese when they are gone). */
export async function openStoredFile(
  store: EvidenceFileStore,
  file: { fileName: string; mediaType: string; sizeBytes: number; sha256: string },
): Promise<StoredFileDownload> {
  if (!(await store.has(file.sha256)))
    throw new AppError(
      'NOT_FOUND',
      `Nội dung tệp “${file.fileName}” không còn trên máy chủ; hãy tải tệp lên lại.`,
    );
  return {
    fileName: file.fileName,
    mediaType: file.mediaType,
    sizeBytes: file.sizeBytes,
    stream: store.open(file.sha256),
  };
}

/**
 * An evidence's files: upload (the type read from the bytes, not the name; refused types and
 * oversize answered before anything is written), download, removal. The bytes are kept once per
 * content under DATA_DIR (evidence-file-store.ts); a file row names them by SHA-256.
 */
export function createEvidenceFiles(deps: {
  repositories: Pick<Repositories, 'evidence'>;
  reader: EvidenceReader;
  write: VersionedWriter;
  store: EvidenceFileStore;
  clock: Clock;
  ids: IdGenerator;
  maxBytes: number;
}) {
  const { repositories, reader, write, store, clock, ids, maxBytes } = deps;
  return {
    maxBytes,

    async uploadFile(
      ctx: ServiceContext,
      assessmentId: string,
      evidenceId: string,
      upload: { bytes: Uint8Array; fileName: string },
    ): Promise<EvidenceItem> {
      const access = await reader.loadForEdit(ctx, assessmentId);
      const evidence = await reader.evidenceOf(repositories, access.id, evidenceId);
      const { fileName, kind } = checkUploadedFile(upload, maxBytes);
      const { sha256 } = await store.put(upload.bytes);
      const id = ids.next();
      const now = clock.now().toISOString();
      await write(ctx, async (tx, record) => {
        await reader.lockForEdit(tx, ctx, access);
        await reader.evidenceOf(tx, access.id, evidenceId);
        await tx.evidence.insertFile(access.id, {
          id,
          evidenceId,
          sha256,
          fileName,
          mediaType: kind.mediaType,
          sizeBytes: upload.bytes.byteLength,
          uploadedByUserId: ctx.audit.actorUserId,
          now,
        });
        await record({
          action: 'assessment.evidence.file.upload',
          entityType: 'assessment_evidence',
          entityId: evidenceId,
          unit: { id: access.schoolId, path: access.schoolPath },
          summary: `Tải tệp “${fileName}” (${kind.label}, ${formatSize(upload.bytes.byteLength)}) lên minh chứng ${evidence.code}`,
          after: { fileId: id, fileName, mediaType: kind.mediaType, sha256 },
        });
      });
      return toEvidenceItem(await reader.evidenceOf(repositories, access.id, evidenceId));
    },

    /** The file to send: its stored name, media type, size and a stream of its bytes. */
    async openFile(
      ctx: ServiceContext,
      assessmentId: string,
      evidenceId: string,
      fileId: string,
    ): Promise<StoredFileDownload> {
      const access = await reader.load(ctx, assessmentId, 'read');
      const file = await repositories.evidence.findFile(access.id, evidenceId, fileId);
      if (!file) throw new AppError('NOT_FOUND', EVIDENCE_FILE_NOT_FOUND);
      return openStoredFile(store, file);
    },

    async deleteFile(
      ctx: ServiceContext,
      assessmentId: string,
      evidenceId: string,
      fileId: string,
    ): Promise<EvidenceItem> {
      const access = await reader.loadForEdit(ctx, assessmentId);
      const now = clock.now().toISOString();
      await write(ctx, async (tx, record) => {
        await reader.lockForEdit(tx, ctx, access);
        const evidence = await reader.evidenceOf(tx, access.id, evidenceId);
        const file = await tx.evidence.findFile(access.id, evidenceId, fileId);
        if (!file || !(await tx.evidence.deleteFile(access.id, evidenceId, fileId, now)))
          throw new AppError('NOT_FOUND', EVIDENCE_FILE_NOT_FOUND);
        await record({
          action: 'assessment.evidence.file.delete',
          entityType: 'assessment_evidence',
          entityId: evidenceId,
          unit: { id: access.schoolId, path: access.schoolPath },
          summary: `Xóa tệp “${file.fileName}” khỏi minh chứng ${evidence.code}`,
          before: { fileId, fileName: file.fileName, sha256: file.sha256 },
        });
      });
      return toEvidenceItem(await reader.evidenceOf(repositories, access.id, evidenceId));
    },
  };
}
