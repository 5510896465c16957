import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { NotificationService } from './notification.service.ts';

/** The signed-in user's notifications and preferences; the administrator's mail queue. */
export function registerNotificationRoutes(
  app: FastifyInstance,
  services: { notificationService: NotificationService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { notificationService } = services;
  typed.route({
    ...routeOptions(routes.listNotifications),
    handler: async (request) => notificationService.list(contextOf(request), request.query),
  });
  typed.route({
    ...routeOptions(routes.markNotificationsRead),
    handler: async (request) => notificationService.markRead(contextOf(request), request.body),
  });
  typed.route({
    ...routeOptions(routes.getNotificationPreferences),
    handler: async (request) => notificationService.preferences(contextOf(request)),
  });
  typed.route({
    ...routeOptions(routes.updateNotificationPreferences),
    handler: async (request) =>
      notificationService.updatePreferences(contextOf(request), request.body),
  });
  typed.route({
    ...routeOptions(routes.getMailOutbox),
    handler: async (request) => notificationService.outbox(contextOf(request)),
  });
}
