import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Memory-hard password hashing with scrypt from node:crypto; parameters are stored in the hash. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * `cost` is scrypt's N (2^15 = 32 MiB per hash by default, about 50–100 ms here). Tests pass a small
 * cost to stay fast; a stored hash always verifies with the parameters written in it.
 */
export function createPasswordHasher(options: { cost?: number } = {}): PasswordHasher {
  const N = options.cost ?? 2 ** 15;
  const r = 8;
  const p = 1;
  const keyLength = 32;
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await scryptAsync(password, salt, keyLength, { N, r, p, maxmem: 256 * N * r });
      return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
    },
    async verify(password, stored) {
      const [scheme, n, rr, pp, salt, key] = stored.split('$');
      if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !key) return false;
      const expected = Buffer.from(key, 'base64');
      const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
        N: Number(n),
        r: Number(rr),
        p: Number(pp),
        maxmem: 256 * Number(n) * Number(rr),
      });
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
