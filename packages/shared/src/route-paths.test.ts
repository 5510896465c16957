import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { routePaths, type RouteName } from './route-paths.ts';
import { routes } from './routes.ts';

/** `:name` segments of a route path, sorted. */
function pathParameters(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '').sort();
}

describe('route paths: the zod-free list the route table and the web client share', () => {
  test('the route table has exactly the names of the list, each with its method, path and access', () => {
    expect(Object.keys(routes).sort()).toEqual(Object.keys(routePaths).sort());
    for (const name of Object.keys(routePaths) as RouteName[]) {
      const { method, path, access } = routes[name];
      expect({ name, method, path, access }).toEqual({ name, ...routePaths[name] });
    }
  });

  test('each path parameter is a field of the route’s params schema, and nothing else is', () => {
    for (const [name, route] of Object.entries(routes)) {
      const params = 'params' in route ? route.params : undefined;
      const declared =
        params instanceof z.ZodObject ? Object.keys(params.shape as object).sort() : [];
      expect({ name, parameters: pathParameters(route.path) }).toEqual({
        name,
        parameters: declared,
      });
    }
  });

  test('no two routes share a method and path', () => {
    const keys = Object.values(routePaths).map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('imports nothing, so the web bundle that reads it gets no zod', () => {
    const source = readFileSync(new URL('./route-paths.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*(import|export)\s[^;]*\sfrom\s/mu);
    expect(source).not.toMatch(/\bimport\s*\(/u);
  });
});
