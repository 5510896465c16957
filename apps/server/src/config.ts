import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Repository root (apps/server/src → ../../..). */
export const REPO_ROOT = path.resolve(here, '../../..');

/** Every environment variable the server reads; documented in README "Configuration". */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'phải bắt đầu bằng postgres:// hoặc postgresql://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().min(1).optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  EVIDENCE_MAX_FILE_MB: z.coerce.number().positive().max(1024).default(20),
});

/** The server's configuration. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  webDistDir: string;
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  /** Largest evidence file accepted (EVIDENCE_MAX_FILE_MB, default 20 MB), in bytes. */
  evidenceMaxFileBytes: number;
}

/** Reads the configuration from the environment; throws a message naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    logLevel: c.LOG_LEVEL,
    webDistDir: path.resolve(c.WEB_DIST_DIR ?? path.join(REPO_ROOT, 'apps/web/dist')),
    trustProxy: c.TRUST_PROXY === 'true',
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    evidenceMaxFileBytes: Math.round(c.EVIDENCE_MAX_FILE_MB * 1024 * 1024),
  };
}
