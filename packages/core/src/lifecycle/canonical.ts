/**
 * Canonical serialisation of a record's domain content: the same content always gives the same text,
 * whatever order its keys were built in, so its SHA-256 (taken by the server) names the content.
 */

/** A value the canonical form can hold (JSON without `undefined` surprises). */
export type CanonicalValue =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue | undefined };

/**
 * JSON with object keys in code-point order at every depth, no whitespace; `undefined` members are
 * left out (like JSON.stringify) and array holes are refused. Numbers must be finite (a NaN or an
 * infinity has no JSON text); strings are written by JSON.stringify, so they round-trip exactly.
 * Throws a TypeError on anything else (a Date, a bigint, a function): the caller builds the content
 * from plain domain values, never from driver objects.
 */
export function canonicalJson(value: CanonicalValue): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: not a finite number`);
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        const parts: string[] = [];
        for (let i = 0; i < value.length; i += 1) {
          if (!(i in value)) throw new TypeError(`${path}[${i}]: hole in an array`);
          parts.push(write(value[i], `${path}[${i}]`));
        }
        return `[${parts.join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null)
        throw new TypeError(`${path}: not a plain object`);
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`)}`).join(',')}}`;
    }
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  throw new TypeError(`${path}: ${typeof value} has no canonical form`);
}

/**
 * Where two canonical contents differ: the paths of the first `limit` differing members (objects by
 * key, arrays by index). Lets a verification say which part changed instead of only "tampered".
 */
export function canonicalDifferences(
  sealed: CanonicalValue,
  live: CanonicalValue,
  limit = 20,
): string[] {
  const out: string[] = [];
  diff(sealed, live, '', out, limit);
  return out;
}

function diff(a: unknown, b: unknown, path: string, out: string[], limit: number): void {
  if (out.length >= limit) return;
  if (a === b) return;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object';
  if (!bothObjects) {
    out.push(path || '$');
    return;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    out.push(path || '$');
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}.length`);
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i += 1) diff(a[i], b[i], `${path}[${i}]`, out, limit);
    return;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of [...keys].sort()) {
    if (ra[k] === undefined && rb[k] === undefined) continue;
    diff(ra[k], rb[k], path ? `${path}.${k}` : k, out, limit);
  }
}
