import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { PlanService } from './plan.service.ts';
import { attachmentHeader } from '../../http-headers.ts';

/** Whether an If-None-Match header names this ETag (a list, weak or strong, or `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

/** Improvement plans. */
export function registerPlanRoutes(
  app: FastifyInstance,
  services: { planService: PlanService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { planService: plans } = services;
  typed.route({
    ...routeOptions(routes.listPlans),
    handler: async (request) => ({
      items: await plans.listPlans(
        contextOf(request),
        request.params.schoolId,
        request.query.schoolYear,
      ),
    }),
  });
  typed.route({
    ...routeOptions(routes.createPlan),
    handler: async (request) =>
      plans.createPlan(contextOf(request), request.params.schoolId, request.body),
  });
  typed.route({
    ...routeOptions(routes.getPlan),
    handler: async (request, reply) => {
      // Access is decided inside readPlan, before any cached bytes or ETag are looked at.
      const plan = await plans.readPlan(contextOf(request), request.params.planId);
      // `private, no-cache`: a browser may keep the plan but must ask again (and be checked) each time.
      reply.header('etag', plan.etag).header('cache-control', 'private, no-cache');
      if (etagMatches(request.headers['if-none-match'], plan.etag))
        return reply.code(304).send(null);
      // Bytes produced through the response schema once per content (plan-detail-cache.ts); Fastify
      // sends a Buffer as it is, like the bare route of the benchmark.
      return reply.type('application/json; charset=utf-8').send(plan.body as never);
    },
  });
  typed.route({
    ...routeOptions(routes.updatePlan),
    handler: async (request) =>
      plans.updatePlan(contextOf(request), request.params.planId, request.body),
  });
  typed.route({
    ...routeOptions(routes.addPlanRow),
    handler: async (request) =>
      plans.addRow(contextOf(request), request.params.planId, request.body),
  });
  typed.route({
    ...routeOptions(routes.updatePlanRow),
    handler: async (request) =>
      plans.updateRow(
        contextOf(request),
        request.params.planId,
        request.params.rowId,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.deletePlanRow),
    handler: async (request) => {
      await plans.deleteRow(contextOf(request), request.params.planId, request.params.rowId);
      return { ok: true as const };
    },
  });
  typed.route({
    ...routeOptions(routes.duplicatePlanRow),
    handler: async (request) =>
      plans.duplicateRow(contextOf(request), request.params.planId, request.params.rowId),
  });
  typed.route({
    ...routeOptions(routes.reorderPlanRows),
    handler: async (request) =>
      plans.reorderRows(contextOf(request), request.params.planId, request.body),
  });
  typed.route({
    ...routeOptions(routes.checkPlan),
    handler: async (request) => plans.checkPlan(contextOf(request), request.params.planId),
  });
  typed.route({
    ...routeOptions(routes.submitPlan),
    handler: async (request) =>
      plans.submitPlan(contextOf(request), request.params.planId, request.body.version),
  });
  typed.route({
    ...routeOptions(routes.approvePlan),
    handler: async (request) =>
      plans.approvePlan(contextOf(request), request.params.planId, request.body.version),
  });
  typed.route({
    ...routeOptions(routes.verifyPlan),
    handler: async (request) => plans.verifyPlan(contextOf(request), request.params.planId),
  });
  typed.route({
    ...routeOptions(routes.createRevision),
    handler: async (request) =>
      plans.createRevision(contextOf(request), request.params.planId, request.body.reason),
  });
  typed.route({
    ...routeOptions(routes.carryOverPlan),
    handler: async (request) =>
      plans.carryOver(contextOf(request), request.params.planId, request.body),
  });
  typed.route({
    ...routeOptions(routes.updatePlanReview),
    handler: async (request) =>
      plans.updateReview(
        contextOf(request),
        request.params.planId,
        request.params.reviewId,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.addFocusIssue),
    handler: async (request) =>
      plans.addFocusIssue(contextOf(request), request.params.planId, request.body),
  });
  typed.route({
    ...routeOptions(routes.updateFocusIssue),
    handler: async (request) =>
      plans.updateFocusIssue(
        contextOf(request),
        request.params.planId,
        request.params.issueId,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.deleteFocusIssue),
    handler: async (request) =>
      plans.deleteFocusIssue(contextOf(request), request.params.planId, request.params.issueId),
  });
  typed.route({
    ...routeOptions(routes.exportPlanJson),
    handler: async (request, reply) => {
      const doc = await plans.exportPlan(contextOf(request), request.params.planId);
      const name = `ke-hoach-cai-tien-${doc.plan.schoolYear ?? 'khong-ro-nam'}.json`;
      reply.header('content-disposition', attachmentHeader(name));
      return doc;
    },
  });
  typed.route({
    ...routeOptions(routes.appendPlanRows),
    bodyLimit: 10 * 1024 * 1024,
    handler: async (request) =>
      plans.appendRows(contextOf(request), request.params.planId, request.body.rows),
  });
  typed.route({
    ...routeOptions(routes.importPlanJson),
    bodyLimit: 10 * 1024 * 1024,
    handler: async (request) =>
      plans.importPlan(contextOf(request), request.params.schoolId, request.body),
  });
  typed.route({
    ...routeOptions(routes.listRevisions),
    handler: async (request) => ({
      items: await plans.listRevisions(contextOf(request), request.params.planId),
    }),
  });
}
