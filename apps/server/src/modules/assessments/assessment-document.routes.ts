import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendDocument } from '../../http-download.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { AssessmentDocumentService } from './assessment-document.service.ts';

/** Self-assessment documents: the report, the council decision, the work plan, the summary. */
export function registerAssessmentDocumentRoutes(
  app: FastifyInstance,
  services: { assessmentDocumentService: AssessmentDocumentService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.route({
    ...routeOptions(routes.downloadAssessmentDocument),
    handler: async (request, reply) => {
      const doc = await services.assessmentDocumentService.render(
        contextOf(request),
        request.params.assessmentId,
        { document: request.query.document, format: request.query.format },
      );
      return sendDocument(reply, doc);
    },
  });
}
