import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** OpenAPI generated from the same zod schemas; JSON at /api/openapi.json, docs page at /docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'CaiTien API',
        description:
          'API của CaiTien — kế hoạch cải tiến chất lượng giáo dục. Lỗi luôn có dạng `{ error: { code, message, details? }, requestId }`, thông điệp bằng tiếng Việt.',
        version: '0.1.0',
      },
      tags: [
        { name: 'system', description: 'Tình trạng hệ thống' },
        {
          name: 'frameworks',
          description: 'Bộ tiêu chuẩn đánh giá (Thông tư 17/18/19/2018, 57/2026)',
        },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
