import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { attachmentHeader } from '../../http-headers.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { etagMatches } from '../plans/plan.routes.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { AssessmentService } from './assessment.service.ts';

/** Self-assessments (issue 12); the evidence list has its own routes (modules/evidence). */
export function registerAssessmentRoutes(
  app: FastifyInstance,
  services: { assessmentService: AssessmentService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { assessmentService: assessments } = services;
  typed.route({
    ...routeOptions(routes.listAssessments),
    handler: async (request) => ({
      items: await assessments.listAssessments(
        contextOf(request),
        request.params.schoolId,
        request.query.schoolYear,
      ),
    }),
  });
  typed.route({
    ...routeOptions(routes.createAssessment),
    handler: async (request) =>
      assessments.createAssessment(contextOf(request), request.params.schoolId, request.body),
  });
  typed.route({
    ...routeOptions(routes.importAssessmentJson),
    bodyLimit: 20 * 1024 * 1024,
    handler: async (request) =>
      assessments.importAssessment(contextOf(request), request.params.schoolId, request.body),
  });
  typed.route({
    ...routeOptions(routes.getAssessment),
    handler: async (request, reply) => {
      // Access is decided inside readAssessment, before any cached bytes or ETag are looked at.
      const found = await assessments.readAssessment(
        contextOf(request),
        request.params.assessmentId,
      );
      reply.header('etag', found.etag).header('cache-control', 'private, no-cache');
      if (etagMatches(request.headers['if-none-match'], found.etag))
        return reply.code(304).send(null);
      return reply.type('application/json; charset=utf-8').send(found.body as never);
    },
  });
  typed.route({
    ...routeOptions(routes.updateAssessmentCriterion),
    handler: async (request) =>
      assessments.updateCriterion(
        contextOf(request),
        request.params.assessmentId,
        request.params.criterionCode,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.getCriterionHistory),
    handler: async (request) =>
      assessments.criterionHistory(
        contextOf(request),
        request.params.assessmentId,
        request.params.criterionCode,
      ),
  });
  typed.route({
    ...routeOptions(routes.updateAssessmentStandard),
    handler: async (request) =>
      assessments.updateStandard(
        contextOf(request),
        request.params.assessmentId,
        request.params.standardCode,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.updateAssessmentLevel4),
    handler: async (request) =>
      assessments.updateLevel4(
        contextOf(request),
        request.params.assessmentId,
        request.params.itemKey,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.updateAssessmentCouncil),
    handler: async (request) =>
      assessments.updateCouncil(
        contextOf(request),
        request.params.assessmentId,
        request.body.council,
        request.body.version,
      ),
  });
  typed.route({
    ...routeOptions(routes.updateAssessmentWorkPlan),
    handler: async (request) =>
      assessments.updateWorkPlan(
        contextOf(request),
        request.params.assessmentId,
        request.body.workPlan,
        request.body.version,
      ),
  });
  typed.route({
    ...routeOptions(routes.updateAssessmentSettings),
    handler: async (request) =>
      assessments.updateSettings(
        contextOf(request),
        request.params.assessmentId,
        request.body.settings,
        request.body.version,
      ),
  });
  typed.route({
    ...routeOptions(routes.updateAssessmentReport),
    handler: async (request) =>
      assessments.updateReport(
        contextOf(request),
        request.params.assessmentId,
        request.body.report,
        request.body.version,
      ),
  });
  typed.route({
    ...routeOptions(routes.submitAssessment),
    handler: async (request) =>
      assessments.submitAssessment(
        contextOf(request),
        request.params.assessmentId,
        request.body.version,
      ),
  });
  typed.route({
    ...routeOptions(routes.approveAssessment),
    handler: async (request) =>
      assessments.approveAssessment(
        contextOf(request),
        request.params.assessmentId,
        request.body.version,
      ),
  });
  typed.route({
    ...routeOptions(routes.verifyAssessment),
    handler: async (request) =>
      assessments.verifyAssessment(contextOf(request), request.params.assessmentId),
  });
  typed.route({
    ...routeOptions(routes.reviseAssessment),
    handler: async (request) =>
      assessments.reviseAssessment(
        contextOf(request),
        request.params.assessmentId,
        request.body.reason,
      ),
  });
  typed.route({
    ...routeOptions(routes.listAssessmentRevisions),
    handler: async (request) => ({
      items: await assessments.listRevisions(contextOf(request), request.params.assessmentId),
    }),
  });
  typed.route({
    ...routeOptions(routes.whatIfAssessment),
    handler: async (request) =>
      assessments.whatIf(contextOf(request), request.params.assessmentId, request.body),
  });
  typed.route({
    ...routeOptions(routes.proposeAssessmentPlanRows),
    handler: async (request) =>
      assessments.proposePlanRows(contextOf(request), request.params.assessmentId, request.body),
  });
  typed.route({
    ...routeOptions(routes.exportAssessmentJson),
    handler: async (request, reply) => {
      const doc = await assessments.exportAssessment(
        contextOf(request),
        request.params.assessmentId,
      );
      reply.header(
        'content-disposition',
        attachmentHeader(`tu-danh-gia-${doc.assessment.schoolYear}.json`),
      );
      return doc;
    },
  });
  typed.route({
    ...routeOptions(routes.getPlanAssessmentBasis),
    handler: async (request) => assessments.planBasis(contextOf(request), request.params.planId),
  });
  typed.route({
    ...routeOptions(routes.applyPlanAssessmentBasis),
    handler: async (request) =>
      assessments.applyPlanBasis(contextOf(request), request.params.planId, request.body),
  });
}
