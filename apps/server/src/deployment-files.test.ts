/**
 * The Dockerfile and compose.yaml (issue 15) are checked without Docker: they parse, and every file,
 * script, route, variable, service and Debian package they name exists. `docker compose up` itself
 * is documented in the README for machines that have Docker.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { routePaths } from '@caitien/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ENV_VARIABLES, REPO_ROOT } from './config.ts';

interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

/** Dockerfile instructions: continuation lines joined, comments dropped, each with its stage. */
function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${current}${line}`.trim());
    current = '';
  }
  expect(current, 'a continuation line ends the file').toBe('');
  let stage = -1;
  return logical.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/u);
    if (keyword.toUpperCase() === 'FROM') stage++;
    return { keyword: keyword.toUpperCase(), args: rest.join(' '), stage };
  });
}

/** The exec form `["a", "b"]` of CMD, ENTRYPOINT and HEALTHCHECK CMD. */
function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  return JSON.parse(json) as string[];
}

const read = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const rootPackage = JSON.parse(read('package.json')) as {
  workspaces: string[];
  scripts: Record<string, string>;
};

let serverLauncher: string;
let serverDist: string;
beforeAll(async () => {
  const lib = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts/build-lib.mjs')).href)) as {
    SERVER_LAUNCHER: string;
    SERVER_DIST: string;
  };
  serverLauncher = lib.SERVER_LAUNCHER;
  serverDist = path.relative(REPO_ROOT, lib.SERVER_DIST);
});

describe('Dockerfile', () => {
  const instructions = parseDockerfile(read('Dockerfile'));
  const final = Math.max(...instructions.map((i) => i.stage));

  it('builds in one stage and runs the compiled launcher in a slim final stage', () => {
    const froms = instructions.filter((i) => i.keyword === 'FROM');
    expect(froms.map((f) => f.args)).toEqual([
      'node:20-bookworm-slim AS build',
      'node:20-bookworm-slim',
    ]);
    // The engines field and the image agree on Node 20.
    expect(JSON.parse(read('package.json')).engines.node).toMatch(/^>=20\./u);
    const cmd = instructions.find((i) => i.keyword === 'CMD' && i.stage === final);
    expect(execForm(cmd!.args)).toEqual(['node', serverLauncher]);
    const user = instructions.find((i) => i.keyword === 'USER' && i.stage === final);
    expect(user?.args).toBe('node');
  });

  it('copies only files that exist, every workspace manifest before npm ci', () => {
    const ignored = read('.dockerignore').split('\n').filter(Boolean);
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'data', '**/dist']));
    const copies = instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from'));
    for (const copy of copies) {
      const sources = copy.args.split(/\s+/u).slice(0, -1);
      for (const source of sources) {
        expect(existsSync(path.join(REPO_ROOT, source)), source).toBe(true);
      }
    }
    const npmCi = instructions.findIndex((i) => i.keyword === 'RUN' && i.args.includes('npm ci'));
    const copiedBeforeCi = instructions
      .slice(0, npmCi)
      .filter((i) => i.keyword === 'COPY')
      .flatMap((i) => i.args.split(/\s+/u).slice(0, -1));
    for (const workspace of rootPackage.workspaces) {
      expect(copiedBeforeCi, workspace).toContain(`${workspace}/package.json`);
    }
    expect(copiedBeforeCi).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
  });

  it('runs scripts that exist and takes from the build stage what the build writes', () => {
    const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.some((r) => r.includes('npm run build'))).toBe(true);
    expect(rootPackage.scripts.build).toBe('node scripts/build.mjs');
    const fromBuild = instructions
      .filter((i) => i.keyword === 'COPY' && i.args.includes('--from=build'))
      .map((i) => i.args.split(/\s+/u)[1]);
    expect(fromBuild).toEqual([
      '/app/package.json',
      '/app/node_modules',
      `/app/${serverDist}`,
      '/app/apps/web/dist',
    ]);
    // The web app builds into apps/web/dist (the server serves it from there).
    expect(read('apps/web/vite.config.ts')).toMatch(/outDir: 'dist'/u);
  });

  it('sets only variables the server reads, and checks the readiness route', () => {
    const env = instructions.find((i) => i.keyword === 'ENV' && i.stage === final)!;
    const names = env.args.split(/\s+/u).map((pair) => pair.split('=')[0]!);
    for (const name of names.filter((n) => n !== 'NODE_ENV')) {
      expect(ENV_VARIABLES, name).toContain(name);
    }
    const health = instructions.find((i) => i.keyword === 'HEALTHCHECK')!;
    const command = execForm(health.args.slice(health.args.indexOf('CMD')));
    expect(command.join(' ')).toContain(`http://127.0.0.1:3000${routePaths.ready.path}`);
  });

  it('installs Debian packages that exist in bookworm (checked with apt-cache when present)', () => {
    const packages = instructions
      .filter((i) => i.keyword === 'RUN' && i.args.includes('apt-get install'))
      .flatMap((i) => {
        const after = i.args.slice(i.args.indexOf('--no-install-recommends') + 24);
        return after.split('&&')[0]!.trim().split(/\s+/u);
      });
    expect(packages).toEqual(
      expect.arrayContaining(['libreoffice-writer-nogui', 'postgresql-client', 'tini', 'g++']),
    );
    const aptCache = spawnSync('apt-cache', ['show', '--no-all-versions', ...packages], {
      encoding: 'utf8',
    });
    if (aptCache.error) return; // not a Debian machine: nothing more to check here
    expect(aptCache.status, aptCache.stderr).toBe(0);
  });
});

describe('compose.yaml', () => {
  const compose = parseYaml(read('compose.yaml'), { merge: true }) as {
    services: Record<
      string,
      {
        build?: string;
        image?: string;
        command?: string[];
        environment?: Record<string, string>;
        volumes?: string[];
        depends_on?: Record<string, { condition: string }> | string[];
        healthcheck?: { test: string[] };
      }
    >;
    volumes: Record<string, unknown>;
  };
  const services = compose.services;

  it('runs two app instances on one PostgreSQL, an SMTP sink and a load balancer', () => {
    expect(Object.keys(services).sort()).toEqual(['app1', 'app2', 'db', 'mail', 'proxy']);
    for (const name of ['app1', 'app2']) {
      expect(services[name]!.build).toBe('.');
      expect(existsSync(path.join(REPO_ROOT, 'Dockerfile'))).toBe(true);
    }
    const proxy = services.proxy!.command!;
    const targets = proxy.filter((_, i) => proxy[i - 1] === '--to');
    expect(targets).toEqual(['app1:3000', 'app2:3000']);
  });

  it('gives the apps only variables the server reads, pointing at services that exist', () => {
    for (const name of ['app1', 'app2']) {
      const env = services[name]!.environment!;
      for (const variable of Object.keys(env)) expect(ENV_VARIABLES, variable).toContain(variable);
      const database = new URL(env.DATABASE_URL!);
      expect(Object.keys(services)).toContain(database.hostname);
      const db = services[database.hostname]!.environment!;
      expect(decodeURIComponent(database.username)).toBe(db.POSTGRES_USER);
      expect(decodeURIComponent(database.password)).toBe(db.POSTGRES_PASSWORD);
      expect(database.pathname).toBe(`/${db.POSTGRES_DB}`);
      expect(Object.keys(services)).toContain(new URL(env.SMTP_URL!).hostname);
      expect(env.DATA_DIR).toBe('/data');
      // Both instances share the evidence files.
      expect(services[name]!.volumes).toEqual(['app-data:/data']);
    }
  });

  it('starts in order: the database healthy, then one instance migrates, then the other', () => {
    const names = Object.keys(services);
    for (const [name, service] of Object.entries(services)) {
      const deps = Array.isArray(service.depends_on)
        ? service.depends_on
        : Object.keys(service.depends_on ?? {});
      for (const dep of deps) expect(names, `${name} → ${dep}`).toContain(dep);
      for (const volume of service.volumes ?? []) {
        expect(Object.keys(compose.volumes)).toContain(volume.split(':')[0]);
      }
    }
    expect(services.app1!.depends_on).toMatchObject({ db: { condition: 'service_healthy' } });
    // service_healthy on an app needs the image's HEALTHCHECK.
    expect(services.app2!.depends_on).toMatchObject({ app1: { condition: 'service_healthy' } });
    expect(read('Dockerfile')).toMatch(/^HEALTHCHECK /mu);
    expect(services.db!.healthcheck!.test).toContain('pg_isready');
  });
});
