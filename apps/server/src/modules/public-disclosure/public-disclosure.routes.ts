import { routes } from '@caitien/shared';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { attachmentHeader } from '../../http-headers.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import { tooLarge, type PublicDisclosureService } from './public-disclosure.service.ts';

const NOT_A_DOCUMENT =
  'Tệp này không phải văn bản Word (.docx) hay PDF. Chỉ kiểm tra được bản DOCX hoặc PDF của kế hoạch.';

/**
 * Public disclosure (issue 14): the school's publication panel (signed in) and the public page's
 * API under /api/public (no sign-in; `public` in the route table).
 */
export function registerPublicDisclosureRoutes(
  app: FastifyInstance,
  services: { publicDisclosureService: PublicDisclosureService },
): void {
  const service = services.publicDisclosureService;
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.route({
    ...routeOptions(routes.getPlanPublication),
    handler: (request) => service.getState(contextOf(request), request.params.planId),
  });
  typed.route({
    ...routeOptions(routes.publishPlan),
    handler: (request) =>
      service.publish(
        contextOf(request),
        request.params.planId,
        request.body,
        `${request.protocol}://${request.host}`,
      ),
  });
  typed.route({
    ...routeOptions(routes.withdrawPlanPublication),
    handler: (request) => service.withdraw(contextOf(request), request.params.planId),
  });

  typed.route({
    ...routeOptions(routes.getPublicPlan),
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-cache');
      return service.getPage(request.params.slug);
    },
  });
  typed.route({
    ...routeOptions(routes.downloadPublicPlan),
    handler: async (request, reply) => {
      const doc = await service.document(request.params.slug, request.query.format);
      return (
        reply
          .type(doc.contentType)
          .header('content-disposition', attachmentHeader(doc.fileName))
          .header('cache-control', 'no-cache')
          // Binary body: the route's schemas cover only the JSON error answers.
          .send(doc.bytes as never)
      );
    },
  });
  typed.route({
    ...routeOptions(routes.verifyPublicPlan),
    // One byte over the limit is read so that "too large" is answered by the service's own 400.
    bodyLimit: routes.verifyPublicPlan.upload.maxBytes + 1,
    // The issue asks a clear Vietnamese 400 for a copy over the limit or of another type, not the
    // generic 413 / 415 of the other upload routes; nothing is kept either way.
    errorHandler: (error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw tooLarge();
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        throw new AppError('VALIDATION_ERROR', NOT_A_DOCUMENT, { reason: 'not_docx_or_pdf' });
      throw error;
    },
    handler: async (request) => {
      if (!Buffer.isBuffer(request.body))
        throw new AppError('VALIDATION_ERROR', NOT_A_DOCUMENT, { reason: 'not_docx_or_pdf' });
      return service.verify(request.params.slug, new Uint8Array(request.body));
    },
  });
}
