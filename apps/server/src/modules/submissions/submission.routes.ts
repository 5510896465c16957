import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendDocument } from '../../http-download.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { SubmissionService } from './submission.service.ts';

/** Submissions to the offices, the office inbox, deadlines and late schools (issue 14, part A). */
export function registerSubmissionRoutes(
  app: FastifyInstance,
  services: { submissionService: SubmissionService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const service = services.submissionService;
  typed.route({
    ...routeOptions(routes.sendSubmission),
    handler: async (request) =>
      service.send(contextOf(request), request.params.schoolId, request.body),
  });
  typed.route({
    ...routeOptions(routes.listSchoolSubmissions),
    handler: async (request) =>
      service.listForSchool(contextOf(request), request.params.schoolId, request.query),
  });
  typed.route({
    ...routeOptions(routes.getSubmission),
    handler: async (request) => service.get(contextOf(request), request.params.submissionId),
  });
  typed.route({
    ...routeOptions(routes.openSubmission),
    handler: async (request) => service.open(contextOf(request), request.params.submissionId),
  });
  typed.route({
    ...routeOptions(routes.acceptSubmission),
    handler: async (request) =>
      service.accept(
        contextOf(request),
        request.params.submissionId,
        request.params.unitId,
        request.body.version,
      ),
  });
  typed.route({
    ...routeOptions(routes.downloadSubmissionSnapshot),
    handler: async (request, reply) =>
      sendDocument(reply, await service.snapshot(contextOf(request), request.params.submissionId)),
  });
  typed.route({
    ...routeOptions(routes.downloadSubmissionDocument),
    handler: async (request, reply) =>
      sendDocument(reply, await service.document(contextOf(request), request.params.submissionId)),
  });
  typed.route({
    ...routeOptions(routes.listOfficeInbox),
    handler: async (request) => service.inbox(contextOf(request), request.query),
  });
  typed.route({
    ...routeOptions(routes.listOfficeDeadlines),
    handler: async (request) =>
      service.deadlines(contextOf(request), request.params.unitId, request.query.schoolYear),
  });
  typed.route({
    ...routeOptions(routes.setOfficeDeadline),
    handler: async (request) =>
      service.setDeadline(contextOf(request), request.params.unitId, request.body),
  });
  typed.route({
    ...routeOptions(routes.listLateSchools),
    handler: async (request) =>
      service.lateSchools(contextOf(request), request.params.unitId, request.query),
  });
}
