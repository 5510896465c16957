import type { IncomingMessage } from 'node:http';
import { routes } from '@caitien/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { sendDocument, sendStoredFile } from '../../http-download.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import { tooLargeError } from './evidence-file.service.ts';
import type { EvidenceDocuments } from './evidence-document.service.ts';
import type { EvidenceService } from './evidence.service.ts';

/**
 * Reads an upload's bytes up to `limit`: a declared Content-Length over it is refused before a
 * byte is read, a body that turns out longer is refused as soon as it passes it — with the
 * evidence module’s Vietnamese 413, and nothing kept. Also the progress files’ upload (issue 13).
 */
export function readLimited(
  request: FastifyRequest,
  payload: IncomingMessage,
  limit: number,
): Promise<Buffer> {
  const fileName = (request.query as { fileName?: unknown } | undefined)?.fileName;
  const name = typeof fileName === 'string' ? fileName : null;
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    payload.resume();
    return Promise.reject(tooLargeError(name, limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    payload.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(tooLargeError(name, limit));
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks, size));
    });
    payload.on('error', (error) => {
      if (!refused) reject(error);
    });
  });
}

/** Evidence of a self-assessment, under /api/assessments/:assessmentId/evidence. */
export async function registerEvidenceRoutes(
  app: FastifyInstance,
  services: {
    evidenceService: EvidenceService;
    /** The Danh mục minh chứng (DOCX, XLSX). */
    evidenceDocuments: EvidenceDocuments;
  },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { evidenceService: evidence } = services;
  typed.route({
    ...routeOptions(routes.downloadEvidenceList),
    handler: async (request, reply) => {
      const doc = await services.evidenceDocuments.renderEvidenceList(
        contextOf(request),
        request.params.assessmentId,
        request.query.format,
      );
      return sendDocument(reply, doc);
    },
  });
  typed.route({
    ...routeOptions(routes.listEvidence),
    handler: async (request) =>
      evidence.listEvidence(contextOf(request), request.params.assessmentId, request.query),
  });
  typed.route({
    ...routeOptions(routes.createEvidence),
    handler: async (request) =>
      evidence.createEvidence(contextOf(request), request.params.assessmentId, request.body),
  });
  typed.route({
    ...routeOptions(routes.evidenceMentions),
    handler: async (request) => evidence.mentions(contextOf(request), request.params.assessmentId),
  });
  typed.route({
    ...routeOptions(routes.renumberEvidence),
    handler: async (request) =>
      evidence.renumberEvidence(contextOf(request), request.params.assessmentId, {
        dryRun: request.body.dryRun,
      }),
  });
  typed.route({
    ...routeOptions(routes.importEvidenceList),
    bodyLimit: routes.importEvidenceList.upload.maxBytes,
    handler: async (request) => {
      if (!Buffer.isBuffer(request.body))
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Hãy gửi tệp danh mục minh chứng Excel (.xlsx) hoặc Word (.docx, .doc).',
        );
      return evidence.importEvidenceList(contextOf(request), request.params.assessmentId, {
        bytes: new Uint8Array(request.body),
        fileName: request.query.fileName,
        apply: request.query.apply,
      });
    },
  });
  typed.route({
    ...routeOptions(routes.getEvidence),
    handler: async (request) =>
      evidence.getEvidence(
        contextOf(request),
        request.params.assessmentId,
        request.params.evidenceId,
      ),
  });
  typed.route({
    ...routeOptions(routes.updateEvidence),
    handler: async (request) =>
      evidence.updateEvidence(
        contextOf(request),
        request.params.assessmentId,
        request.params.evidenceId,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.deleteEvidence),
    handler: async (request) => {
      await evidence.deleteEvidence(
        contextOf(request),
        request.params.assessmentId,
        request.params.evidenceId,
      );
      return { ok: true as const };
    },
  });
  typed.route({
    ...routeOptions(routes.citeEvidence),
    handler: async (request) =>
      evidence.citeEvidence(
        contextOf(request),
        request.params.assessmentId,
        request.params.evidenceId,
        request.body.criterionCode,
      ),
  });
  typed.route({
    ...routeOptions(routes.unciteEvidence),
    handler: async (request) =>
      evidence.unciteEvidence(
        contextOf(request),
        request.params.assessmentId,
        request.params.evidenceId,
        request.params.criterionCode,
      ),
  });
  typed.route({
    ...routeOptions(routes.downloadEvidenceFile),
    handler: async (request, reply) => {
      const file = await evidence.files.openFile(
        contextOf(request),
        request.params.assessmentId,
        request.params.evidenceId,
        request.params.fileId,
      );
      return sendStoredFile(reply, file);
    },
  });
  typed.route({
    ...routeOptions(routes.deleteEvidenceFile),
    handler: async (request) =>
      evidence.files.deleteFile(
        contextOf(request),
        request.params.assessmentId,
        request.params.evidenceId,
        request.params.fileId,
      ),
  });

  // The upload takes any body (the type is read from the bytes, not from the header) up to the
  // configured limit, in a scope of its own so that its parser and its 413 apply to it alone.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (request, payload, done) => {
      readLimited(request, payload, evidence.files.maxBytes).then(
        (body) => done(null, body),
        (error: Error) => done(error, undefined),
      );
    });
    scope.withTypeProvider<ZodTypeProvider>().route({
      ...routeOptions(routes.uploadEvidenceFile),
      handler: async (request) => {
        if (/^multipart\//iu.test(request.headers['content-type'] ?? ''))
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Hãy gửi nội dung tệp minh chứng trực tiếp (tên tệp trong tham số fileName), không dùng multipart/form-data.',
          );
        if (!Buffer.isBuffer(request.body))
          throw new AppError('VALIDATION_ERROR', 'Hãy gửi nội dung tệp minh chứng.');
        return evidence.files.uploadFile(
          contextOf(request),
          request.params.assessmentId,
          request.params.evidenceId,
          { bytes: new Uint8Array(request.body), fileName: request.query.fileName },
        );
      },
    });
  });
}
