/**
 * Starts CaiTien: read config, migrate, seed the catalogue, listen; stop gracefully on SIGTERM/SIGINT.
 */
import { buildApp } from './build-app.ts';
import { prepareDatabase } from './bootstrap.ts';
import { loadConfig, type ServerConfig } from './config.ts';
import { createSmtpTransport } from './jobs/mail-transport.ts';

// performance.now() counts from the process's start: this is how long Node took to load the code.
const startedAt = performance.now();

function fail(message: string): never {
  process.stderr.write(`\n✖ ${message}\n\n`);
  process.exit(1);
}

/** The whole start; a function rather than top-level awaits, so the bundle can be CommonJS. */
async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  let prepared;
  try {
    prepared = await prepareDatabase(
      { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
      config.clock,
      { rollupSummaries: 'queued' },
    );
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { database, seed } = prepared;
  const databaseReadyAt = performance.now();

  const app = await buildApp({
    database,
    webDistDir: config.webDistDir,
    trustProxy: config.trustProxy,
    evidenceFiles: { dataDir: config.dataDir, maxFileBytes: config.evidenceMaxFileBytes },
    clock: config.clock,
    jobs: {
      enabled: config.remindersEnabled,
      // PDF exports and the roll-up refresh run whether or not reminders are on.
      runQueue: true,
      refreshRollupAtStart: true,
      mailTransport: config.smtp ? createSmtpTransport(config.smtp) : null,
      publicUrl: config.publicUrl,
      remindersIntervalMs: config.remindersIntervalMs,
    },
    publicDisclosure: { publicUrl: config.publicUrl },
    metrics: { token: config.metricsToken, processMetrics: true },
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
  });
  const appBuiltAt = performance.now();
  if (seed.inserted.length) app.log.info({ inserted: seed.inserted }, 'framework catalogue loaded');
  if (seed.differing.length) {
    app.log.warn(
      { differing: seed.differing },
      'stored framework versions differ from the shipped data; the stored ones are kept',
    );
  }

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await database.close().catch(() => undefined);
    fail(
      `Không khởi động được máy chủ trên cổng ${config.port}: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  app.log.info(
    {
      database: database.dialect,
      location: database.location,
      readyMs: Math.round(performance.now() - startedAt),
      // Where the start went, for the cold-start figure in BENCHMARKS.md (issue 15).
      startupMs: {
        loadCode: Math.round(startedAt),
        database: Math.round(databaseReadyAt - startedAt),
        buildApp: Math.round(appBuiltAt - databaseReadyAt),
        listen: Math.round(performance.now() - appBuiltAt),
      },
      ...(config.fixedNow ? { fixedClock: config.fixedNow } : {}),
      reminders: config.remindersEnabled,
      smtp: config.smtp ? new URL(config.smtp.url).host : null,
    },
    'CaiTien ready',
  );

  let stopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await app.close();
      await database.close();
      app.log.info('stopped');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // The compiled launcher (scripts/build-lib.mjs) saves V8's code cache once the server is ready.
  (globalThis as { caitienOnReady?: () => void }).caitienOnReady?.();
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
});
