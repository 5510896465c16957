import { MEDIA_TYPES, routes } from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import { contextOf } from '../units/unit.routes.ts';
import type { PeopleService } from './people.service.ts';
import { attachmentHeader } from '../../http-headers.ts';

/** People directory, groups and the staff-list import. */
export function registerPeopleRoutes(
  app: FastifyInstance,
  services: { peopleService: PeopleService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { peopleService } = services;

  typed.route({
    ...routeOptions(routes.listPeople),
    handler: async (request) => ({
      items: await peopleService.listPeople(contextOf(request), request.params.schoolId),
    }),
  });
  typed.route({
    ...routeOptions(routes.createPerson),
    handler: async (request) =>
      peopleService.createPerson(contextOf(request), request.params.schoolId, request.body),
  });
  typed.route({
    ...routeOptions(routes.updatePerson),
    handler: async (request) =>
      peopleService.updatePerson(
        contextOf(request),
        request.params.schoolId,
        request.params.personId,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.deletePerson),
    handler: async (request) => {
      await peopleService.deletePerson(
        contextOf(request),
        request.params.schoolId,
        request.params.personId,
      );
      return { ok: true as const };
    },
  });
  typed.route({
    ...routeOptions(routes.importPeople),
    bodyLimit: routes.importPeople.upload.maxBytes,
    handler: async (request) => {
      const ctx = contextOf(request);
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Hãy gửi tệp Excel (.xlsx) với Content-Type ${MEDIA_TYPES.xlsx}.`,
        );
      }
      return peopleService.importPeople(
        ctx,
        request.params.schoolId,
        new Uint8Array(request.body),
        request.query.dryRun,
      );
    },
  });
  typed.route({
    ...routeOptions(routes.downloadStaffTemplate),
    handler: async (request, reply) => {
      const bytes = await peopleService.staffTemplate(contextOf(request), request.params.schoolId);
      const name = 'mau-danh-sach-nhan-su.xlsx';
      return (
        reply
          .type(MEDIA_TYPES.xlsx)
          .header('content-disposition', attachmentHeader(name))
          // Binary body: the route's schemas cover only the JSON error answers.
          .send(Buffer.from(bytes) as never)
      );
    },
  });
  typed.route({
    ...routeOptions(routes.listGroups),
    handler: async (request) => ({
      items: await peopleService.listGroups(contextOf(request), request.params.schoolId),
    }),
  });
  typed.route({
    ...routeOptions(routes.createGroup),
    handler: async (request) =>
      peopleService.createGroup(contextOf(request), request.params.schoolId, request.body),
  });
  typed.route({
    ...routeOptions(routes.updateGroup),
    handler: async (request) =>
      peopleService.updateGroup(
        contextOf(request),
        request.params.schoolId,
        request.params.groupId,
        request.body,
      ),
  });
  typed.route({
    ...routeOptions(routes.deleteGroup),
    handler: async (request) => {
      await peopleService.deleteGroup(
        contextOf(request),
        request.params.schoolId,
        request.params.groupId,
      );
      return { ok: true as const };
    },
  });
}
