/**
 * Bench data for issue 13, on top of the plan bench's organisation (seed-plans.ts: 300 schools × 3
 * years × 40 rows, and a 60-row plan of 2026-2027 at the first school): a teacher of the first
 * school linked to a directory person, who leads or coordinates rows of that school's four plans;
 * the four plans approved; 1,000 progress updates spread over the 60 rows of the target plan
 * (statuses, percents, spending by funding source). Written through the API, as the school would
 * (the set-up is not what is measured).
 */
import { addDays, schoolDateOf } from '@caitien/core';
import type { FastifyInstance } from 'fastify';

interface Session {
  cookie: string;
  csrfToken: string;
}

const TEACHER = { username: 'giaovien.binh', fullName: 'Trần Văn Bình' };
const TEACHER_PASSWORD = 'Mat-khau-giao-vien-2026';
const SOURCES = ['state', 'socialized', 'state', 'mixed'] as const;
const STATUSES = ['in_progress', 'in_progress', 'delayed', 'done'] as const;

function cookieOf(res: { cookies: { name: string; value: string }[] }): string {
  return `caitien_session=${res.cookies.find((c) => c.name === 'caitien_session')?.value ?? ''}`;
}

export async function seedMonitoringBench(
  app: FastifyInstance,
  admin: Session,
  target: { schoolId: string; planId: string },
  options: { entries: number } = { entries: 1000 },
): Promise<{ teacher: Session; entries: number; teacherRows: number }> {
  const send = async <T>(
    session: Session,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
  ): Promise<T> => {
    const res = await app.inject({
      method,
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    if (res.statusCode !== 200)
      throw new Error(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json() as T;
  };

  // The teacher: a directory person of the first school and a staff account linked to it.
  const person = await send<{ id: string }>(
    admin,
    'POST',
    `/api/schools/${target.schoolId}/people`,
    { fullName: TEACHER.fullName, position: 'Giáo viên' },
  );
  const created = await send<{ temporaryPassword: string }>(admin, 'POST', '/api/users', {
    username: TEACHER.username,
    displayName: TEACHER.fullName,
    email: null,
    personId: person.id,
    roles: [{ role: 'staff', unitId: target.schoolId }],
  });
  const signIn = async (password: string): Promise<Session> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: TEACHER.username, password },
    });
    if (res.statusCode !== 200) throw new Error(`teacher sign-in → ${res.statusCode} ${res.body}`);
    return { cookie: cookieOf(res), csrfToken: (res.json() as { csrfToken: string }).csrfToken };
  };
  const first = await signIn(created.temporaryPassword);
  await send(first, 'POST', '/api/auth/change-password', {
    currentPassword: created.temporaryPassword,
    newPassword: TEACHER_PASSWORD,
  });
  const teacher = await signIn(TEACHER_PASSWORD);

  // Every plan of the first school: the teacher leads one row in four and coordinates another,
  // then the plan is approved.
  const plans = await send<{ items: { id: string }[] }>(
    admin,
    'GET',
    `/api/schools/${target.schoolId}/plans`,
  );
  let teacherRows = 0;
  for (const { id } of plans.items) {
    const plan = await send<{ rows: { id: string; version: number }[] }>(
      admin,
      'GET',
      `/api/plans/${id}`,
    );
    for (const [i, row] of plan.rows.entries()) {
      if (i % 4 > 1) continue;
      await send(admin, 'PATCH', `/api/plans/${id}/rows/${row.id}`, {
        ...(i % 4 === 0
          ? { lead: TEACHER.fullName }
          : { coordinators: `${TEACHER.fullName}, Các tổ chuyên môn` }),
        version: row.version,
      });
      teacherRows += 1;
    }
    const current = await send<{ version: number }>(admin, 'GET', `/api/plans/${id}`);
    await send(admin, 'POST', `/api/plans/${id}/approve`, { version: current.version });
  }

  // 1,000 updates over the 60 rows of the target plan, dated over the last 90 days.
  const target60 = await send<{ rows: { rowId: string; version: number }[] }>(
    admin,
    'GET',
    `/api/plans/${target.planId}/progress`,
  );
  const versions = new Map(target60.rows.map((r) => [r.rowId, r.version]));
  const rowIds = target60.rows.map((r) => r.rowId);
  const today = schoolDateOf(new Date());
  for (let i = 0; i < options.entries; i += 1) {
    const rowId = rowIds[i % rowIds.length] ?? '';
    const round = Math.floor(i / rowIds.length);
    const changesState = round % 4 === 0;
    const body = {
      version: versions.get(rowId) ?? 0,
      entryDate: addDays(today, -(90 - Math.floor((i * 90) / options.entries))),
      ...(changesState
        ? {
            status: STATUSES[(i + round) % STATUSES.length],
            percent: Math.min(100, 10 + round * 6),
            result: `Đã triển khai đợt ${round + 1}`,
          }
        : {}),
      note: `Cập nhật lần ${round + 1}: đã họp tổ, phân công và kiểm tra tiến độ.`,
      ...(i % 3 === 0
        ? { spent: { amount: 500_000 + (i % 7) * 250_000, source: SOURCES[i % 4], text: '' } }
        : {}),
    };
    const detail = await send<{ row: { version: number } }>(
      admin,
      'POST',
      `/api/plans/${target.planId}/rows/${rowId}/progress`,
      body,
    );
    versions.set(rowId, detail.row.version);
  }
  return { teacher, entries: options.entries, teacherRows };
}
