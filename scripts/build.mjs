// `npm run build`: compiles the web app, the server, the CLI and the parse worker for production
// (`npm start` runs the output). `--if-stale` rebuilds only what is older than its sources.
import { buildServer, buildWeb, serverIsStale, webIsStale } from './build-lib.mjs';

const onlyIfStale = process.argv.includes('--if-stale');
try {
  if (!onlyIfStale || webIsStale()) {
    process.stderr.write('Đang xây dựng giao diện web (apps/web)…\n');
    buildWeb();
  }
  if (!onlyIfStale || serverIsStale()) {
    process.stderr.write('Đang biên dịch máy chủ và CLI (apps/server/dist)…\n');
    const ms = await buildServer();
    process.stderr.write(`Đã biên dịch máy chủ và CLI trong ${ms} ms.\n`);
  }
} catch (error) {
  process.stderr.write(`✖ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
