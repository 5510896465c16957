import { ERROR_STATUS, type ErrorCode, type ErrorResponse } from '@caitien/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

const PART_LABELS: Record<string, string> = {
  querystring: 'tham số truy vấn',
  params: 'đường dẫn',
  body: 'nội dung gửi lên',
  headers: 'tiêu đề yêu cầu',
};

/** Sends the one error shape. */
export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: unknown,
): FastifyReply {
  const body: ErrorResponse = {
    error: { code, message, ...(details === undefined ? {} : { details }) },
    requestId: String(request.id),
  };
  return reply.code(ERROR_STATUS[code]).type('application/json; charset=utf-8').send(body);
}

/** Fastify's own 4xx errors, in Vietnamese. */
function fastifyClientError(error: FastifyError): { code: ErrorCode; message: string } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Định dạng dữ liệu gửi lên không được hỗ trợ.',
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'VALIDATION_ERROR', message: 'Nội dung gửi lên đang trống.' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'VALIDATION_ERROR', message: 'Nội dung gửi lên không phải JSON hợp lệ.' };
    default:
      break;
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return { code: 'VALIDATION_ERROR', message: 'Yêu cầu không hợp lệ.' };
  }
  if (error.statusCode === 413) {
    return { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.' };
  }
  if (error.statusCode === 415) {
    return {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Định dạng dữ liệu gửi lên không được hỗ trợ.',
    };
  }
  if (error.statusCode === 429) {
    return { code: 'RATE_LIMITED', message: 'Quá nhiều yêu cầu, vui lòng thử lại sau.' };
  }
  return undefined;
}

/**
 * One error handler (CONVENTIONS.md §9): validation → 400 naming the field; AppError → its code;
 * Fastify client errors → their code; anything else is logged and answered as a plain 500.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = PART_LABELS[error.validationContext ?? ''] ?? 'yêu cầu';
      const fields = error.validation.map((issue) => {
        const field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(gốc)';
        return { field, message: issue.message ?? 'không hợp lệ' };
      });
      const names = [...new Set(fields.map((f) => `“${f.field}”`))].join(', ');
      // The fields' own (Vietnamese) messages say what is wrong: a user reads the first few in the
      // message itself, not only in `details`.
      const reasons = [...new Set(fields.map((f) => f.message.trim().replace(/\.$/u, '')))]
        .slice(0, 3)
        .join('; ');
      return sendError(
        reply,
        request,
        'VALIDATION_ERROR',
        `Giá trị không hợp lệ trong ${part}: ${names}${reasons ? ` (${reasons})` : ''}.`,
        { fields },
      );
    }
    if (error instanceof AppError) {
      if (ERROR_STATUS[error.code] >= 500) request.log.error({ err: error }, error.message);
      return sendError(reply, request, error.code, error.message, error.details);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response does not match its schema');
      return sendError(
        reply,
        request,
        'INTERNAL_ERROR',
        'Đã xảy ra lỗi hệ thống. Vui lòng thử lại.',
      );
    }
    const client = fastifyClientError(error);
    if (client) return sendError(reply, request, client.code, client.message);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, request, 'INTERNAL_ERROR', 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại.');
  });
}
