import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { CommentService } from './comment.service.ts';

/** The offices' comment threads on documents, plan rows and criteria (issue 14). */
export function registerCommentRoutes(
  app: FastifyInstance,
  services: { commentService: CommentService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const service = services.commentService;
  typed.route({
    ...routeOptions(routes.listCommentThreads),
    handler: async (request) =>
      service.list(contextOf(request), request.params.documentKind, request.params.documentId),
  });
  typed.route({
    ...routeOptions(routes.createCommentThread),
    handler: async (request) =>
      service.create(
        contextOf(request),
        request.params.documentKind,
        request.params.documentId,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.replyCommentThread),
    handler: async (request) =>
      service.reply(contextOf(request), request.params.threadId, request.body),
  });
  typed.route({
    ...routeOptions(routes.updateCommentThread),
    handler: async (request) =>
      service.updateStatus(contextOf(request), request.params.threadId, request.body),
  });
}
