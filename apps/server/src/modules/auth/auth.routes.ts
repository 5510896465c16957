import { routes } from '@caitien/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { clearSessionCookie, requireAuth, setSessionCookie } from '../../plugins/auth.ts';
import { routeOptions } from '../../plugins/route-table.ts';
import type { AuthService } from './auth.service.ts';
import type { AuthContext } from './request-context.ts';

/** The session payload: the user with roles, and the CSRF token the client must echo. */
export function sessionPayload(auth: Pick<AuthContext, 'user' | 'session' | 'assignments'>) {
  return {
    user: {
      id: auth.user.id,
      username: auth.user.username,
      email: auth.user.email,
      displayName: auth.user.displayName,
      personId: auth.user.personId,
      mustChangePassword: auth.user.mustChangePassword,
      roles: auth.assignments.map((a) => ({
        role: a.role,
        unitId: a.unitId,
        unitName: a.unitName,
        unitKind: a.unitKind,
      })),
    },
    csrfToken: auth.session.csrfToken,
  };
}

function clientOf(request: FastifyRequest) {
  const agent = request.headers['user-agent'];
  return { ipAddress: request.ip ?? null, userAgent: typeof agent === 'string' ? agent : null };
}

/** First run, sign-in, sign-out, own password and sessions. */
export function registerAuthRoutes(
  app: FastifyInstance,
  services: { authService: AuthService },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { authService } = services;
  const cookieMaxAge = Math.round(authService.settings.absoluteTimeoutMs / 1000);

  async function issuedPayload(issued: Awaited<ReturnType<AuthService['login']>>) {
    const auth = await authService.authenticate(issued.token);
    if (!auth) throw new Error('session just issued is not valid');
    return sessionPayload(auth);
  }

  typed.route({
    ...routeOptions(routes.setupStatus),
    handler: async () => ({ needsSetup: await authService.needsSetup() }),
  });

  typed.route({
    ...routeOptions(routes.setup),
    handler: async (request, reply) => {
      const issued = await authService.setup(request.body, clientOf(request), String(request.id));
      setSessionCookie(request, reply, issued, cookieMaxAge);
      return issuedPayload(issued);
    },
  });

  typed.route({
    ...routeOptions(routes.login),
    handler: async (request, reply) => {
      const issued = await authService.login(request.body, clientOf(request));
      setSessionCookie(request, reply, issued, cookieMaxAge);
      return issuedPayload(issued);
    },
  });

  typed.route({
    ...routeOptions(routes.resetPasswordWithToken),
    handler: async (request) => {
      await authService.resetWithToken(request.body, clientOf(request), String(request.id));
      return { ok: true as const };
    },
  });

  typed.route({
    ...routeOptions(routes.me),
    handler: async (request) => sessionPayload(requireAuth(request)),
  });

  typed.route({
    ...routeOptions(routes.logout),
    handler: async (request, reply) => {
      await authService.logout(requireAuth(request));
      clearSessionCookie(request, reply);
      return { ok: true as const };
    },
  });

  typed.route({
    ...routeOptions(routes.logoutEverywhere),
    handler: async (request, reply) => {
      await authService.logoutEverywhere(requireAuth(request));
      clearSessionCookie(request, reply);
      return { ok: true as const };
    },
  });

  typed.route({
    ...routeOptions(routes.changePassword),
    handler: async (request) => {
      await authService.changePassword(requireAuth(request), request.body, String(request.id));
      return { ok: true as const };
    },
  });

  typed.route({
    ...routeOptions(routes.listSessions),
    handler: async (request) => ({ items: await authService.listSessions(requireAuth(request)) }),
  });

  typed.route({
    ...routeOptions(routes.revokeSession),
    handler: async (request) => {
      await authService.revokeSession(requireAuth(request), request.params.sessionId);
      return { ok: true as const };
    },
  });
}
