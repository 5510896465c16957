/**
 * A CaiTien server started as its own process on a test's data (issue 15: kill -9, several
 * instances on one database), and signing in to it over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { REPO_ROOT } from '../config.ts';

const running = new Set<ChildProcess>();

/** Kills every server this test file started and has not stopped (its afterAll). */
export function killServerProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  exited: Promise<void>;
}

/** Starts main.ts (through tsx) with this environment and waits until /readyz answers. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REMINDERS_ENABLED: 'false',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${base}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`server not ready: ${errors}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, child, exited };
}

export interface HttpSession {
  cookie: string;
  csrfToken: string;
  userId: string;
  roles: { role: string; unitId: string | null }[];
}

/** Signs in over HTTP; fails the test when refused. */
export async function signInOver(
  base: string,
  login: string,
  password: string,
): Promise<HttpSession> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${login}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as {
    csrfToken: string;
    user: { id: string; roles: { role: string; unitId: string | null }[] };
  };
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('caitien_session='))!
    .split(';')[0]!;
  return { cookie, csrfToken: body.csrfToken, userId: body.user.id, roles: body.user.roles };
}

/** A request as that session (the CSRF header on state-changing methods). */
export function requestAs(
  base: string,
  session: HttpSession,
  method: string,
  url: string,
  body?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = { cookie: session.cookie };
  if (method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${base}${url}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}
