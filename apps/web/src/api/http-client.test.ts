import { afterEach, describe, expect, test, vi as vitest } from 'vitest';
import { ApiError } from './api-error.ts';
import {
  apiRequest,
  buildPath,
  buildQueryString,
  configureSession,
  routeUrl,
  type SessionHooks,
} from './http-client.ts';

afterEach(() => {
  vitest.unstubAllGlobals();
});

function stubFetch(status: number, body: unknown) {
  const fetch = vitest.fn(async (_url: string, _init?: RequestInit) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'content-type': 'application/json' } });
  });
  vitest.stubGlobal('fetch', fetch);
  return fetch;
}

describe('typed API client', () => {
  test('fills path parameters and the query string', () => {
    expect(buildPath('/api/frameworks/:id', { id: 'TT17@1' })).toBe('/api/frameworks/TT17%401');
    expect(buildQueryString({ allVersions: 'true', schoolLevel: undefined })).toBe(
      '?allVersions=true',
    );
    expect(buildQueryString({})).toBe('');
    expect(() => buildPath('/api/frameworks/:id', {})).toThrow(/id/);
  });

  test('builds the address of a route the browser opens itself (a document download)', () => {
    expect(
      routeUrl('downloadPlanDocument', {
        params: { planId: 'p/1' },
        query: { format: 'xlsx', layout: 'bieu2' },
      }),
    ).toBe('/api/plans/p%2F1/document?format=xlsx&layout=bieu2');
  });

  test('reaches every route of the table by the method and path the table gives', async () => {
    const fetch = stubFetch(200, { ok: true });
    await apiRequest('reorderPlanRows', {
      params: { planId: 'p1' },
      body: { rowIds: ['r1'], version: 1 },
    });
    await apiRequest('revokeSession', { params: { sessionId: 's1' } });
    expect(fetch.mock.calls.map(([url, init]) => `${init?.method} ${url}`)).toEqual([
      'PUT /api/plans/p1/row-order',
      'DELETE /api/auth/sessions/s1',
    ]);
  });

  test('calls the route of the table and returns its body', async () => {
    const fetch = stubFetch(200, { items: [] });
    const result = await apiRequest('listFrameworks', { query: { allVersions: 'true' } });
    expect(result.items).toEqual([]);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/frameworks?allVersions=true');
    expect(fetch.mock.calls[0]?.[1]?.method).toBe('GET');
  });

  test("throws the API's Vietnamese message with its code and request id", async () => {
    stubFetch(404, {
      error: { code: 'NOT_FOUND', message: 'Không tìm thấy bộ tiêu chuẩn "X".' },
      requestId: 'req-1',
    });
    const error = await apiRequest('getFramework', { params: { id: 'X' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      requestId: 'req-1',
      message: 'Không tìm thấy bộ tiêu chuẩn "X".',
    });
  });

  test('explains a response that is not the API (proxy error page) and a network failure', async () => {
    stubFetch(502, '<html>Bad gateway</html>');
    await expect(apiRequest('listFrameworks', {})).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      status: 502,
    });
    vitest.stubGlobal(
      'fetch',
      vitest.fn(async () => {
        throw new TypeError('fetch failed');
      }),
    );
    await expect(apiRequest('listFrameworks', {})).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: expect.stringContaining('Không kết nối được'),
    });
  });
});

describe('session: CSRF, sign-in again on 401, forced password change', () => {
  afterEach(() => {
    configureSession(null);
  });

  function hooks(overrides: Partial<SessionHooks> = {}) {
    let token = 'csrf-1';
    const calls = { signIn: 0, refresh: 0, passwordChange: 0 };
    const value: SessionHooks = {
      getCsrfToken: () => token,
      requestSignIn: async () => {
        calls.signIn += 1;
        token = 'csrf-2';
        return true;
      },
      refreshCsrfToken: async () => {
        calls.refresh += 1;
        token = 'csrf-3';
      },
      onPasswordChangeRequired: () => {
        calls.passwordChange += 1;
      },
      ...overrides,
    };
    configureSession(value);
    return calls;
  }

  /** A fetch that answers each call with the next of `answers` (status and body). */
  function stubSequence(answers: Array<[number, unknown]>) {
    const fetch = vitest.fn(async (_url: string, _init?: RequestInit) => {
      const [status, body] = answers.shift() ?? [500, {}];
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    });
    vitest.stubGlobal('fetch', fetch);
    return fetch;
  }

  const headerOf = (init: RequestInit | undefined, name: string) =>
    (init?.headers as Record<string, string> | undefined)?.[name];
  const unauthenticated = {
    error: { code: 'UNAUTHENTICATED', message: 'Phiên đăng nhập đã hết hạn.' },
    requestId: 'r',
  };
  const unit = { id: 'u1', name: 'UBND xã Định Hiệp' };

  test('state-changing session requests carry the CSRF token; reads and public routes do not', async () => {
    hooks();
    const fetch = stubSequence([
      [200, unit],
      [200, { items: [] }],
      [200, { needsSetup: false }],
    ]);
    await apiRequest('createUnit', { body: { kind: 'commune', name: 'X', parentId: 'p' } });
    await apiRequest('listUnits', {});
    await apiRequest('setupStatus', {});
    expect(headerOf(fetch.mock.calls[0]?.[1], 'x-csrf-token')).toBe('csrf-1');
    expect(headerOf(fetch.mock.calls[1]?.[1], 'x-csrf-token')).toBeUndefined();
    expect(headerOf(fetch.mock.calls[2]?.[1], 'x-csrf-token')).toBeUndefined();
  });

  test('a 401 asks the user to sign in again, then repeats the request with the new token', async () => {
    const calls = hooks();
    const fetch = stubSequence([
      [401, unauthenticated],
      [200, unit],
    ]);
    const body = { name: 'UBND xã Định Hiệp', version: 3 };
    const result = await apiRequest('updateUnit', { params: { unitId: 'u1' }, body });
    expect(result).toEqual(unit);
    expect(calls.signIn).toBe(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    // The same body (what the user typed) is sent again, with the new session's token.
    expect(fetch.mock.calls[1]?.[1]?.body).toBe(JSON.stringify(body));
    expect(headerOf(fetch.mock.calls[1]?.[1], 'x-csrf-token')).toBe('csrf-2');
  });

  test('concurrent 401s share one sign-in prompt; giving up fails them with the 401', async () => {
    let resolvePrompt: (value: boolean) => void = () => {};
    const calls = { prompts: 0 };
    hooks({
      requestSignIn: () => {
        calls.prompts += 1;
        return new Promise((resolve) => {
          resolvePrompt = resolve;
        });
      },
    });
    stubSequence([
      [401, unauthenticated],
      [401, unauthenticated],
    ]);
    const first = apiRequest('listUnits', {}).catch((e: unknown) => e);
    const second = apiRequest('listUsers', {}).catch((e: unknown) => e);
    await vitest.waitFor(() => expect(calls.prompts).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    resolvePrompt(false);
    expect(await first).toMatchObject({ status: 401 });
    expect(await second).toMatchObject({ status: 401 });
    expect(calls.prompts).toBe(1);
  });

  test('the session probe and sign-in answers never open the prompt', async () => {
    const calls = hooks();
    stubSequence([
      [401, unauthenticated],
      [401, { error: { code: 'UNAUTHENTICATED', message: 'Sai mật khẩu.' }, requestId: 'r' }],
    ]);
    await expect(apiRequest('me', { skipSignInPrompt: true })).rejects.toMatchObject({
      status: 401,
    });
    await expect(
      apiRequest('login', { body: { login: 'a', password: 'b' } }),
    ).rejects.toMatchObject({ message: 'Sai mật khẩu.' });
    expect(calls.signIn).toBe(0);
  });

  test('a 403 "csrf" fetches a fresh token and repeats once; "password_change_required" is told', async () => {
    const calls = hooks();
    const fetch = stubSequence([
      [
        403,
        {
          error: { code: 'FORBIDDEN', message: 'CSRF', details: { reason: 'csrf' } },
          requestId: 'r',
        },
      ],
      [200, { ok: true }],
      [
        403,
        {
          error: {
            code: 'FORBIDDEN',
            message: 'Bạn cần đổi mật khẩu tạm thời trước khi tiếp tục.',
            details: { reason: 'password_change_required' },
          },
          requestId: 'r',
        },
      ],
    ]);
    await apiRequest('deleteUnit', { params: { unitId: 'u1' } });
    expect(calls.refresh).toBe(1);
    expect(headerOf(fetch.mock.calls[1]?.[1], 'x-csrf-token')).toBe('csrf-3');
    await expect(apiRequest('listUnits', {})).rejects.toMatchObject({ status: 403 });
    expect(calls.passwordChange).toBe(1);
  });

  test('an upload sends the raw bytes with their media type', async () => {
    hooks();
    const fetch = stubSequence([[200, { dryRun: true }]]);
    const data = new Blob([new Uint8Array([80, 75, 3, 4])]);
    await apiRequest('importPeople', {
      params: { schoolId: 's1' },
      query: { dryRun: 'true' },
      upload: {
        data,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/schools/s1/people/import?dryRun=true');
    expect(fetch.mock.calls[0]?.[1]?.body).toBe(data);
    expect(headerOf(fetch.mock.calls[0]?.[1], 'content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });
});
