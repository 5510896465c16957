import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { sendStoredFile } from '../../http-download.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { readLimited } from '../evidence/evidence.routes.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { ProgressMonitoringService } from './progress-monitoring.service.ts';

/** Progress of a plan's rows, its files, the dashboard, "Việc của tôi", closing the year. */
export async function registerProgressRoutes(
  app: FastifyInstance,
  services: { progressService: ProgressMonitoringService },
): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { progressService: progress } = services;
  typed.route({
    ...routeOptions(routes.getPlanProgress),
    handler: async (request) => progress.getPlanProgress(contextOf(request), request.params.planId),
  });
  typed.route({
    ...routeOptions(routes.getRowProgress),
    handler: async (request) =>
      progress.getRowProgress(contextOf(request), request.params.planId, request.params.rowId),
  });
  typed.route({
    ...routeOptions(routes.addRowProgress),
    handler: async (request) =>
      progress.addRowProgress(
        contextOf(request),
        request.params.planId,
        request.params.rowId,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.downloadProgressFile),
    handler: async (request, reply) => {
      const file = await progress.files.openProgressFile(
        contextOf(request),
        request.params.planId,
        request.params.fileId,
      );
      return sendStoredFile(reply, file);
    },
  });
  typed.route({
    ...routeOptions(routes.getPlanDashboard),
    handler: async (request) =>
      progress.getPlanDashboard(contextOf(request), request.params.planId),
  });
  typed.route({
    ...routeOptions(routes.closePlanYear),
    handler: async (request) => progress.closePlanYear(contextOf(request), request.params.planId),
  });
  typed.route({
    ...routeOptions(routes.listMyTasks),
    handler: async (request) => progress.listMyTasks(contextOf(request), request.query),
  });

  // The upload takes any body (the type is read from the bytes) up to the evidence limit, in a
  // scope of its own so that its parser and its 413 apply to it alone (as the evidence upload).
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (request, payload, done) => {
      readLimited(request, payload, progress.files.maxBytes).then(
        (body) => done(null, body),
        (error: Error) => done(error, undefined),
      );
    });
    scope.withTypeProvider<ZodTypeProvider>().route({
      ...routeOptions(routes.uploadProgressFile),
      handler: async (request) => {
        if (/^multipart\//iu.test(request.headers['content-type'] ?? ''))
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Hãy gửi nội dung tệp trực tiếp (tên tệp trong tham số fileName), không dùng multipart/form-data.',
          );
        if (!Buffer.isBuffer(request.body))
          throw new AppError('VALIDATION_ERROR', 'Hãy gửi nội dung tệp.');
        return progress.files.uploadProgressFile(
          contextOf(request),
          request.params.planId,
          request.params.rowId,
          request.params.entryId,
          { bytes: new Uint8Array(request.body), fileName: request.query.fileName },
        );
      },
    });
  });
}
