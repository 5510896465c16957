import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCalendarDate } from '@caitien/core';
import { z } from 'zod';
import { fixedClock, systemClock, type Clock } from './clock.ts';

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
  METRICS_TOKEN: z.string().min(16, 'cần ít nhất 16 ký tự').optional(),
  CAITIEN_NOW: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/u,
      'phải là một thời điểm ISO 8601 có múi giờ, ví dụ 2026-02-15T09:00:00+07:00',
    )
    .refine(
      (v) => isCalendarDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)),
      'không phải là một thời điểm có thật',
    )
    .optional(),
  SMTP_URL: z
    .string()
    .refine(isSmtpUrl, 'phải có dạng smtp://người-dùng:mật-khẩu@máy-chủ:cổng (hoặc smtps://…)')
    .optional(),
  SMTP_FROM: z.string().min(3).optional(),
  SMTP_SECURE: z.enum(['true', 'false'], 'phải là true hoặc false').optional(),
  REMINDERS_ENABLED: z.enum(['true', 'false'], 'phải là true hoặc false').default('true'),
  REMINDERS_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/u, 'phải bắt đầu bằng http:// hoặc https://')
    .optional(),
});

/** The names of every variable above (the Docker files are checked against them). */
export const ENV_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Outgoing mail (reminders), when SMTP_URL is set. */
export interface SmtpConfig {
  url: string;
  /** The sender ("CaiTien <no-reply@truong.edu.vn>"); SMTP_FROM. */
  from: string;
  /** TLS from the start (smtps, port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
}

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
  /** When set, /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  metricsToken: string | null;
  /** The server's clock: fixed at CAITIEN_NOW when set (demos, browser tests), else the real one. */
  clock: Clock;
  /** CAITIEN_NOW as given, or null. */
  fixedNow: string | null;
  smtp: SmtpConfig | null;
  /** The background jobs (reminders, mail): REMINDERS_ENABLED, on by default. */
  remindersEnabled: boolean;
  remindersIntervalMs: number;
  /** The address the app is reached at, for links in e-mails (PUBLIC_URL), or null. */
  publicUrl: string | null;
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
    metricsToken: c.METRICS_TOKEN ?? null,
    clock: c.CAITIEN_NOW ? fixedClock(c.CAITIEN_NOW) : systemClock,
    fixedNow: c.CAITIEN_NOW ?? null,
    smtp: c.SMTP_URL
      ? {
          url: c.SMTP_URL,
          from: c.SMTP_FROM ?? 'CaiTien <no-reply@localhost>',
          secure: c.SMTP_SECURE ? c.SMTP_SECURE === 'true' : c.SMTP_URL.startsWith('smtps:'),
        }
      : null,
    remindersEnabled: c.REMINDERS_ENABLED === 'true',
    remindersIntervalMs: c.REMINDERS_INTERVAL_MINUTES * 60_000,
    publicUrl: c.PUBLIC_URL ? c.PUBLIC_URL.replace(/\/+$/u, '') : null,
  };
}
