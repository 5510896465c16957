// The production build, shared by `npm run build` (scripts/build.mjs) and `npm start`
// (scripts/start.mjs): the web app through Vite, the server, the CLI and the parse worker through
// esbuild into apps/server/dist. Each part is rebuilt only when it is missing or older than its
// sources.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(ROOT, 'apps/web');
export const SERVER_DIST = path.join(ROOT, 'apps/server/dist');
const SERVER_STAMP = path.join(SERVER_DIST, 'build.json');

/**
 * The compiled entry points (source → output, both relative to the repository root). CommonJS:
 * Node 20 loads a CommonJS file faster than an ES module of the same size, and only CommonJS can
 * be compiled through `vm.Script` with V8's code cache (the launcher below).
 */
export const SERVER_ENTRIES = {
  'apps/server/dist/main.cjs': 'apps/server/src/main.ts',
  'apps/server/dist/cli.cjs': 'apps/server/src/cli/main.ts',
  // The bundled server starts parse workers from `./parse-worker.cjs` beside itself (parse-pool.ts).
  'apps/server/dist/parse-worker.cjs': 'apps/server/src/documents/parse-worker.ts',
};

/** What `npm start` runs: the launcher of the compiled server. */
export const SERVER_LAUNCHER = 'apps/server/dist/server.cjs';

/**
 * The launcher: compiles main.cjs with V8's code cache from the previous start (when V8 accepts it:
 * same bundle, same Node), runs it as a CommonJS module, and once the server is ready writes a new
 * cache that holds the functions compiled during the start too. Without a cache (first start,
 * read-only folder, new Node) it only costs the compile it would have done anyway.
 */
const LAUNCHER_SOURCE = `'use strict';
// Written by scripts/build-lib.mjs. Runs main.cjs with V8's code cache (main.cjs.v8cache).
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, 'main.cjs');
const cacheFile = file + '.v8cache';
const source = fs.readFileSync(file, 'utf8');
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const main = new Module(file, module);
main.filename = file;
main.paths = Module._nodeModulePaths(__dirname);
globalThis.caitienOnReady = () => {
  delete globalThis.caitienOnReady;
  if (cachedData && !script.cachedDataRejected) return;
  try {
    const temp = cacheFile + '.' + process.pid + '.tmp';
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, cacheFile);
  } catch {
    // A read-only installation starts without the cache; nothing else changes.
  }
};
script.runInThisContext()(main.exports, (id) => main.require(id), main, file, __dirname);
`;

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function sourcesMtime(relativePaths) {
  return Math.max(...relativePaths.map((p) => newestMtime(path.join(ROOT, p))));
}

const SHARED_SOURCES = ['packages/shared/src', 'packages/core/src', 'packages/core/data'];
const WEB_SOURCES = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/public',
  ...SHARED_SOURCES,
];
const SERVER_SOURCES = [
  'apps/server/src',
  'packages/db/src',
  'packages/documents/src',
  'package-lock.json',
  'scripts/build-lib.mjs',
  ...SHARED_SOURCES,
];

function builtAt(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

export function webIsStale() {
  const built = builtAt(path.join(webDir, 'dist/index.html'));
  return built === 0 || sourcesMtime(WEB_SOURCES) > built;
}

export function serverIsStale() {
  const built = builtAt(SERVER_STAMP);
  if (built === 0) return true;
  const outputs = [...Object.keys(SERVER_ENTRIES), SERVER_LAUNCHER];
  if (outputs.some((out) => !existsSync(path.join(ROOT, out)))) return true;
  return sourcesMtime(SERVER_SOURCES) > built;
}

export function buildWeb() {
  const build = spawnSync('npm', ['run', '-s', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('Không xây dựng được giao diện web (apps/web).');
}

/**
 * Packages left in node_modules and loaded by Node as installed; everything else is bundled (one
 * file to read instead of ~1,500 module lookups at start). better-sqlite3 is native; pg may
 * require pg-native; exceljs is patched through its own module paths (load-xlsx.ts); swagger-ui and
 * static serve files from their package directory; tsx/esbuild are build tools.
 */
const KEPT_INSTALLED = [
  'better-sqlite3',
  'pg',
  'pg-native',
  'exceljs',
  '@fastify/swagger-ui',
  '@fastify/static',
  'tsx',
  'esbuild',
];

/**
 * Bundles the server, the CLI and the parse worker: the workspace packages (@caitien/*, TypeScript)
 * and their dependencies, but for {@link KEPT_INSTALLED}. `outdir` must sit two levels below the
 * repository root (as apps/server/dist does): the server finds the root, its web app and
 * node_modules from there.
 */
export async function buildServer({ outdir = SERVER_DIST } = {}) {
  const { build } = await import('esbuild');
  const started = performance.now();
  const keepInstalledPackages = {
    name: 'keep-installed-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = args.path.startsWith('@')
          ? args.path.split('/').slice(0, 2).join('/')
          : args.path.split('/')[0];
        return KEPT_INSTALLED.includes(name) ? { path: args.path, external: true } : undefined;
      });
    },
  };
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(SERVER_ENTRIES).map(([out, source]) => ({
      in: source,
      out: out.replace(/^apps\/server\/dist\//, '').replace(/\.cjs$/, ''),
    })),
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    // No code splitting: parse-pool.ts finds `./parse-worker.mjs` beside the module that holds it,
    // which must therefore be the entry file itself, not a chunk in a subdirectory.
    platform: 'node',
    format: 'cjs',
    target: 'node20.19',
    sourcemap: 'linked',
    // Not minified: minifying halved the bytes but did not shorten the start (measured), and an
    // unminified bundle keeps stack traces readable without source maps. `linked` maps serve
    // `NODE_OPTIONS=--enable-source-maps` (TypeScript positions, ~0.2 s more at start).
    legalComments: 'none',
    // The sources are ES modules: import.meta.url becomes the bundle's own file URL.
    banner: { js: "const __caitienFileUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: {
      'import.meta.url': '__caitienFileUrl',
      CAITIEN_BUNDLED_PARSE_WORKER: JSON.stringify('./parse-worker.cjs'),
    },
    logLevel: 'warning',
    plugins: [keepInstalledPackages],
  });
  writeFileSync(path.join(outdir, 'server.cjs'), LAUNCHER_SOURCE);
  rmSync(path.join(outdir, 'main.cjs.v8cache'), { force: true });
  writeFileSync(
    path.join(outdir, 'build.json'),
    `${JSON.stringify({ builtAt: new Date().toISOString(), entries: SERVER_ENTRIES }, null, 2)}\n`,
  );
  return Math.round(performance.now() - started);
}
