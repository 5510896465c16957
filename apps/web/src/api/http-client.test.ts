import { afterEach, describe, expect, test, vi as vitest } from 'vitest';
import { ApiError } from './api-error.ts';
import { apiRequest, buildPath, buildQueryString } from './http-client.ts';

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
