/**
 * A small client of the HTTP API for journeys that set up their data without the browser (the
 * administration screens have their own journey): a session cookie and its CSRF token, JSON in
 * and out, and an error naming the request when the server refuses.
 */
export class ApiSession {
  private cookie = '';
  private csrfToken = '';

  constructor(private readonly baseUrl: string) {}

  /** Calls a route; returns the JSON body, or throws with the status and the server's answer. */
  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Calls a route and returns the status and body, whatever they are. */
  async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    const session = setCookie ? /caitien_session=([^;]*)/.exec(setCookie) : null;
    if (session?.[1]) this.cookie = `caitien_session=${session[1]}`;
    return response;
  }

  /** Signs in (the session answer carries the CSRF token). */
  async signIn(login: string, password: string): Promise<void> {
    const session = await this.request<{ csrfToken: string }>('POST', '/api/auth/login', {
      login,
      password,
    });
    this.csrfToken = session.csrfToken;
  }

  /** First-run setup: creates the administrator and signs in as them. */
  async setup(admin: { username: string; displayName: string; password: string }): Promise<void> {
    const session = await this.request<{ csrfToken: string }>('POST', '/api/setup', admin);
    this.csrfToken = session.csrfToken;
  }
}

export interface SchoolFixture {
  schoolId: string;
  people: Record<string, string>;
}

/**
 * A province, a commune and a school (profile with its levels), its people, and accounts for them:
 * each account's temporary password is changed through the API, so the browser signs in directly.
 */
export async function seedSchool(
  baseUrl: string,
  input: {
    admin: { username: string; displayName: string; password: string };
    province: string;
    commune: string;
    school: string;
    levels: string[];
    placeName: string;
    documentSymbol: string;
    people: { fullName: string; position: string }[];
    accounts: { username: string; person: string; role: string; password: string }[];
  },
): Promise<SchoolFixture> {
  const admin = new ApiSession(baseUrl);
  await admin.setup(input.admin);
  const province = await admin.request<{ id: string }>('POST', '/api/units', {
    kind: 'province',
    name: input.province,
    parentId: null,
  });
  const commune = await admin.request<{ id: string }>('POST', '/api/units', {
    kind: 'commune',
    name: input.commune,
    parentId: province.id,
  });
  const school = await admin.request<{ id: string }>('POST', '/api/units', {
    kind: 'school',
    name: input.school,
    parentId: commune.id,
  });
  const profile = await admin.request<{ version: number; governingBody: string }>(
    'GET',
    `/api/schools/${school.id}/profile`,
  );
  await admin.request('PUT', `/api/schools/${school.id}/profile`, {
    officialName: input.school,
    schoolLevels: input.levels,
    governingBody: profile.governingBody,
    placeName: input.placeName,
    documentSymbol: input.documentSymbol,
    address: '',
    phone: '',
    email: '',
    sites: [],
    supervisingUnitIds: [commune.id],
    version: profile.version,
  });
  const people: Record<string, string> = {};
  for (const person of input.people) {
    const created = await admin.request<{ id: string }>(
      'POST',
      `/api/schools/${school.id}/people`,
      person,
    );
    people[person.fullName] = created.id;
  }
  for (const account of input.accounts) {
    const created = await admin.request<{ temporaryPassword: string }>('POST', '/api/users', {
      username: account.username,
      displayName: account.person,
      personId: people[account.person] ?? null,
      roles: [{ role: account.role, unitId: school.id }],
    });
    const user = new ApiSession(baseUrl);
    await user.signIn(account.username, created.temporaryPassword);
    await user.request('POST', '/api/auth/change-password', {
      currentPassword: created.temporaryPassword,
      newPassword: account.password,
    });
  }
  return { schoolId: school.id, people };
}

/** A signed-in API session of an account the journey seeded (its password already changed). */
export async function apiSessionAs(
  baseUrl: string,
  who: { username: string; password: string },
): Promise<ApiSession> {
  const session = new ApiSession(baseUrl);
  await session.signIn(who.username, who.password);
  return session;
}

/** The row cells the journeys type into (through the API or the editor). */
export type CellField =
  | 'content'
  | 'target'
  | 'tasks'
  | 'indicator'
  | 'time'
  | 'lead'
  | 'budget'
  | 'support'
  | 'evidence'
  | 'progress'
  | 'result'
  | 'note';

/** One row of a seeded plan: where it sits and the cells typed into it. */
export interface SeedRow {
  group: 'levels_1_3' | 'level_4' | 'tt57';
  criterionCode?: string | null;
  level4Key?: string | null;
  cells?: Partial<Record<CellField, string>>;
}

/**
 * A plan of one school year made through the API as the given session, with its rows, and
 * approved when asked: a journey step that needs a plan in some state seeds it here instead of
 * relying on what an earlier step left behind. Each step uses a school year of its own (one plan
 * per school and year).
 */
export async function seedPlan(
  session: ApiSession,
  schoolId: string,
  input: { schoolYear: string; rows: SeedRow[]; approve?: boolean },
): Promise<{ planId: string }> {
  const plan = await session.request<{ id: string }>('POST', `/api/schools/${schoolId}/plans`, {
    schoolYear: input.schoolYear,
  });
  for (const row of input.rows) {
    await session.request('POST', `/api/plans/${plan.id}/rows`, {
      group: row.group,
      // The standard a criterion belongs to, as the editor's picker sends it ("2.3" → "2").
      standardCode: row.criterionCode ? (row.criterionCode.split('.')[0] ?? null) : null,
      criterionCode: row.criterionCode ?? null,
      level4Key: row.level4Key ?? null,
      ...row.cells,
    });
  }
  if (input.approve) {
    const current = await session.request<{ version: number }>('GET', `/api/plans/${plan.id}`);
    await session.request('POST', `/api/plans/${plan.id}/approve`, { version: current.version });
  }
  return { planId: plan.id };
}
