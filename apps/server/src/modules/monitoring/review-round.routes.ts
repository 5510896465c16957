import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendDocument } from '../../http-download.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { ReviewRoundService } from './review-round.service.ts';

/** Review rounds of the monitoring team and their report (issue 13). */
export function registerReviewRoundRoutes(
  app: FastifyInstance,
  services: { reviewRoundService: ReviewRoundService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const service = services.reviewRoundService;
  typed.route({
    ...routeOptions(routes.listReviewRounds),
    handler: async (request) => service.list(contextOf(request), request.params.planId),
  });
  typed.route({
    ...routeOptions(routes.createReviewRound),
    handler: async (request) =>
      service.create(contextOf(request), request.params.planId, request.body),
  });
  typed.route({
    ...routeOptions(routes.getReviewRound),
    handler: async (request) =>
      service.get(contextOf(request), request.params.planId, request.params.roundId),
  });
  typed.route({
    ...routeOptions(routes.updateReviewRound),
    handler: async (request) =>
      service.update(
        contextOf(request),
        request.params.planId,
        request.params.roundId,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.saveReviewRoundRow),
    handler: async (request) =>
      service.saveRow(
        contextOf(request),
        request.params.planId,
        request.params.roundId,
        request.params.trackId,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.downloadMonitoringReport),
    handler: async (request, reply) => {
      const doc = await service.report(
        contextOf(request),
        request.params.planId,
        request.params.roundId,
        request.query.format,
        request.query.signer,
      );
      return sendDocument(reply, doc);
    },
  });
}
