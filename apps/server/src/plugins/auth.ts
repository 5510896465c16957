import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { AuthService, IssuedSession } from '../modules/auth/auth.service.ts';
import type { AuthContext } from '../modules/auth/request-context.ts';

/** The session cookie: HttpOnly, SameSite=Lax, Secure when served over HTTPS. */
export const SESSION_COOKIE = 'caitien_session';
/** The header carrying the session's CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    access?: 'public' | 'session';
  }
}

/** Routes a user who must change a temporary password may still call. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  '/api/auth/me',
  '/api/auth/change-password',
  '/api/auth/logout',
  '/api/auth/logout-all',
  '/api/auth/sessions',
]);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Sets the session cookie of a newly issued session. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  issued: IssuedSession,
  maxAgeSeconds: number,
): void {
  reply.setCookie(SESSION_COOKIE, issued.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
  });
}

/**
 * Every route whose table entry says `access: 'session'` needs a valid session (401 otherwise); its
 * state-changing requests need the session's CSRF token in `x-csrf-token` (403 otherwise). Any
 * state-changing request from another origin is refused, which also covers sign-in forms.
 */
export async function registerAuth(
  app: FastifyInstance,
  deps: { authService: AuthService },
): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request) => {
    const stateChanging = !SAFE_METHODS.has(request.method);
    if (stateChanging) {
      const origin = request.headers.origin;
      if (origin !== undefined) {
        let originHost: string | null;
        try {
          originHost = new URL(origin).host;
        } catch {
          originHost = null;
        }
        if (originHost !== request.headers.host) {
          throw new AppError('FORBIDDEN', 'Yêu cầu gửi từ trang web khác bị từ chối.');
        }
      }
    }
    if (request.routeOptions.config?.access !== 'session') return;

    const token = request.cookies[SESSION_COOKIE];
    // Reads may use a session looked up a moment ago (session-cache.ts); writes always ask the database.
    const auth = token
      ? await deps.authService.authenticate(token, { mayUseCache: !stateChanging })
      : undefined;
    if (!auth) {
      throw new AppError(
        'UNAUTHENTICATED',
        'Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
      );
    }
    if (stateChanging) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, auth.session.csrfToken)) {
        throw new AppError(
          'FORBIDDEN',
          'Yêu cầu bị từ chối vì thiếu mã xác thực chống giả mạo (CSRF). Vui lòng tải lại trang.',
          { reason: 'csrf' },
        );
      }
    }
    if (
      auth.user.mustChangePassword &&
      !ALLOWED_BEFORE_PASSWORD_CHANGE.has(request.routeOptions.url ?? '')
    ) {
      throw new AppError('FORBIDDEN', 'Bạn cần đổi mật khẩu tạm thời trước khi tiếp tục.', {
        reason: 'password_change_required',
      });
    }
    request.auth = auth;
  });
}

/** The signed-in user of a route declared `access: 'session'` (the hook guarantees it). */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('UNAUTHENTICATED', 'Bạn chưa đăng nhập.');
  return request.auth;
}
