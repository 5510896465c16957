/**
 * Child process of the benchmark: the real app (fresh SQLite database in a temp folder, migrated and
 * seeded) and a bare Fastify app on two ports, in one process so both share the same conditions.
 * The bare route answers with exactly the bytes the app sends for the same URL (CONTRACTS.md
 * "Performance baselines"). Prints one JSON line with both URLs, then waits for SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, prepareDatabase } from '@caitien/server';
import Fastify from 'fastify';

const paths = process.argv.slice(2);
const dataDir = mkdtempSync(path.join(tmpdir(), 'caitien-bench-'));
const { database } = await prepareDatabase({ dataDir });
const app = await buildApp({ database });
const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });

const bare = Fastify({ logger: false });
for (const p of paths) {
  const res = await app.inject({ url: p });
  if (res.statusCode !== 200) throw new Error(`${p} → ${res.statusCode}`);
  const bytes = res.rawPayload;
  const contentType = String(res.headers['content-type']);
  bare.get(p.split('?')[0] ?? p, (_request, reply) => {
    void reply.type(contentType).send(bytes);
  });
}
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ appUrl, bareUrl })}\n`);

process.on('SIGTERM', () => {
  void (async () => {
    await bare.close();
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  })();
});
