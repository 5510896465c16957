import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/** A signed-in browser, as the API sees it: the session cookie and the CSRF token. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
  userId: string;
}

/** Calls the app as a session (cookie + CSRF header on state-changing methods) or anonymously. */
export async function call(
  app: FastifyInstance,
  session: TestSession | null,
  options: InjectOptions & { method: string; url: string },
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {
    ...(options.headers as Record<string, string> | undefined),
  };
  if (session) {
    headers.cookie = session.cookie;
    if (!['GET', 'HEAD'].includes(options.method.toUpperCase()))
      headers['x-csrf-token'] = session.csrfToken;
  }
  return app.inject({ ...options, headers } as InjectOptions);
}

/** The session cookie ("name=value") from a response's Set-Cookie. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const setCookie = response.cookies.find((c) => c.name === 'caitien_session');
  if (!setCookie)
    throw new Error(`no session cookie (status ${response.statusCode}): ${response.body}`);
  return `caitien_session=${setCookie.value}`;
}

/** Signs in with a login and password; throws with the answer when refused. */
export async function signIn(
  app: FastifyInstance,
  login: string,
  password: string,
): Promise<TestSession> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login, password },
  });
  if (res.statusCode !== 200)
    throw new Error(`sign-in of ${login} failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { csrfToken: string; user: { id: string } };
  return { cookie: sessionCookieOf(res), csrfToken: body.csrfToken, userId: body.user.id };
}

/** Asserts a 2xx answer and returns its JSON. */
export function ok<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  if (res.statusCode >= 300)
    throw new Error(`expected success, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}
