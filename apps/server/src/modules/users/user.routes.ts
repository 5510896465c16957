import { routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { UserService } from './user.service.ts';

/** Accounts. */
export function registerUserRoutes(
  app: FastifyInstance,
  services: { userService: UserService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { userService } = services;
  typed.route({
    ...routeOptions(routes.listUsers),
    handler: async (request) => ({
      items: await userService.listUsers(contextOf(request), request.query),
    }),
  });
  typed.route({
    ...routeOptions(routes.createUser),
    handler: async (request) => userService.createUser(contextOf(request), request.body),
  });
  typed.route({
    ...routeOptions(routes.getUser),
    handler: async (request) => userService.getUser(contextOf(request), request.params.userId),
  });
  typed.route({
    ...routeOptions(routes.updateUser),
    handler: async (request) =>
      userService.updateUser(contextOf(request), request.params.userId, request.body),
  });
  typed.route({
    ...routeOptions(routes.resetUserPassword),
    handler: async (request) =>
      userService.resetPassword(contextOf(request), request.params.userId, request.body.method),
  });
}
