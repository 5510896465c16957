import { randomUUID } from 'node:crypto';
import { createFrameworkRepository, type DatabaseHandle } from '@caitien/db';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { systemClock, type Clock } from './clock.ts';
import { createFrameworkService } from './modules/frameworks/framework.service.ts';
import { registerFrameworkRoutes } from './modules/frameworks/framework.routes.ts';
import { registerSystemRoutes } from './modules/system/system.routes.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerWeb } from './plugins/web.ts';

/** Everything the app needs, passed in (CONVENTIONS.md §2–3). */
export interface AppDependencies {
  database: DatabaseHandle;
  clock?: Clock;
  /** Fastify logger options; false silences it (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app; when absent or not built, only the API is served. */
  webDistDir?: string;
  trustProxy?: boolean;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** The composition root: builds the Fastify app on the given database. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: deps.trustProxy ?? false,
    // Keep a caller's request id (behind a proxy) when it is sane; otherwise make one.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming)
        ? incoming
        : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Graceful shutdown: close idle keep-alive sockets at once, let in-flight requests finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
  });

  await registerOpenApi(app);

  const clock = deps.clock ?? systemClock;
  const frameworkRepository = createFrameworkRepository(deps.database.db);
  const frameworkService = createFrameworkService({ frameworkRepository, clock });

  registerSystemRoutes(app, { database: deps.database });
  registerFrameworkRoutes(app, { frameworkService });

  if (deps.webDistDir) await registerWeb(app, deps.webDistDir);
  else {
    const { sendError } = await import('./plugins/error-handler.ts');
    app.setNotFoundHandler((request, reply) =>
      sendError(reply, request, 'NOT_FOUND', `Không tìm thấy đường dẫn ${request.method} ${request.url.split('?')[0]}.`),
    );
  }
  return app;
}
