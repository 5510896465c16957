import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { attachmentHeader } from './http-headers.ts';

/**
 * Sends a rendered document (DOCX, XLSX, PDF…) as a download: its type, its Vietnamese file
 * name (RFC 5987) and no caching (it is built anew on each request).
 */
export function sendDocument(
  reply: FastifyReply,
  doc: { bytes: Buffer; contentType: string; fileName: string },
): FastifyReply {
  return (
    reply
      .type(doc.contentType)
      .header('content-disposition', attachmentHeader(doc.fileName))
      .header('cache-control', 'private, no-store')
      // Binary body: the route's schemas cover only the JSON error answers.
      .send(doc.bytes as never)
  );
}

/** Streams a stored file (evidence, progress) as a download with its size and stored name. */
export function sendStoredFile(
  reply: FastifyReply,
  file: { fileName: string; mediaType: string; sizeBytes: number; stream: Readable },
): FastifyReply {
  return (
    reply
      .type(file.mediaType)
      .header('content-disposition', attachmentHeader(file.fileName))
      .header('content-length', String(file.sizeBytes))
      .header('cache-control', 'private, no-cache')
      // Binary body: the route's schemas cover only the JSON error answers.
      .send(file.stream as never)
  );
}
