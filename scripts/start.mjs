// `npm start`: builds what is missing or older than its sources (the web app, the server and the CLI;
// see scripts/build-lib.mjs), then runs the compiled server with plain Node. Signals are passed on
// for a graceful shutdown. `npm run dev` runs the TypeScript sources through tsx instead.
import { spawn } from 'node:child_process';
import { ROOT, buildServer, buildWeb, serverIsStale, webIsStale } from './build-lib.mjs';

try {
  if (webIsStale()) {
    process.stderr.write('Đang xây dựng giao diện web (apps/web)…\n');
    buildWeb();
  }
  if (serverIsStale()) {
    process.stderr.write('Đang biên dịch máy chủ (apps/server/dist)…\n');
    await buildServer();
  }
} catch (error) {
  process.stderr.write(`✖ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const server = spawn(process.execPath, ['apps/server/dist/server.cjs'], {
  cwd: ROOT,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
