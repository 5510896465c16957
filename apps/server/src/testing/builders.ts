import { ROW_TEXT_FIELDS, type RowGroup } from '@caitien/core';
import type {
  createRowBodySchema,
  createUnitBodySchema,
  createUserBodySchema,
  PlanInterchangeRow,
  SchoolProfile,
  updateSchoolProfileBodySchema,
} from '@caitien/shared';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { call, ok, type TestSession } from './api-client.ts';

/**
 * Test data builders: request bodies and seeded objects with sensible defaults, typed by the route
 * schemas (a body a builder returns passes its route's zod schema), so a test spells out only what
 * it is about — `rowBody({ criterionCode: '2.1', cells: { time: 'Tháng 10' } })` — and a change of
 * a schema is one change here, not in every test.
 */

let sequence = 0;
/** A name no other call of this process has returned ("Tổ 7"), for values that must be unique. */
export function uniqueName(prefix: string): string {
  sequence += 1;
  return `${prefix}${sequence}`;
}

export type UnitBody = z.input<typeof createUnitBodySchema>;

/** `POST /api/units`: a school under `parentId` unless told otherwise. */
export function unitBody(overrides: Partial<UnitBody> & { parentId: string | null }): UnitBody {
  return { kind: 'school', name: uniqueName('Trường Tiểu học Số '), ...overrides };
}

export type SchoolProfileBody = z.input<typeof updateSchoolProfileBodySchema>;

/**
 * `PUT /api/schools/:id/profile` from the profile as read (`GET …/profile`): keeps its name, its
 * governing body and its version; a primary school of Định Hiệp with no sites by default.
 */
export function schoolProfileBody(
  current: Pick<SchoolProfile, 'officialName' | 'governingBody' | 'version'>,
  overrides: Partial<SchoolProfileBody> = {},
): SchoolProfileBody {
  return {
    officialName: current.officialName,
    schoolLevels: ['tieu_hoc'],
    governingBody: current.governingBody,
    placeName: 'Định Hiệp',
    documentSymbol: 'THĐH',
    address: '',
    phone: '',
    email: '',
    sites: [],
    supervisingUnitIds: [],
    version: current.version,
    ...overrides,
  };
}

export type UserBody = z.input<typeof createUserBodySchema>;

/** `POST /api/users`: an account with a unique login, no e-mail, no person, the roles given. */
export function userBody(overrides: Partial<UserBody> & Pick<UserBody, 'roles'>): UserBody {
  return {
    username: uniqueName('taikhoan.'),
    displayName: 'Tài khoản thử nghiệm',
    email: null,
    personId: null,
    ...overrides,
  };
}

export type RowBody = z.input<typeof createRowBodySchema>;
type RowCells = Partial<Record<(typeof ROW_TEXT_FIELDS)[number], string>>;

/**
 * `POST /api/plans/:id/rows`: a TT57 row unless told otherwise; the standard follows the criterion
 * ("2.1" → "2") as the editor's picker sends it; `cells` are the texts typed into the row.
 */
export function rowBody(
  input: {
    group?: RowGroup;
    criterionCode?: string | null;
    level4Key?: string | null;
    cells?: RowCells;
  } = {},
): RowBody {
  const criterionCode = input.criterionCode ?? null;
  return {
    group: input.group ?? 'tt57',
    standardCode: criterionCode ? (criterionCode.split('.')[0] ?? null) : null,
    criterionCode,
    level4Key: input.level4Key ?? null,
    ...input.cells,
  };
}

/**
 * One row of the plan interchange JSON (`import-json`, `rows/import`): every text empty, nothing
 * parsed, except what the test gives.
 */
export function interchangeRow(
  overrides: Partial<PlanInterchangeRow> & { cells?: RowCells } = {},
): PlanInterchangeRow {
  const { cells = {}, ...rest } = overrides;
  const texts = Object.fromEntries(
    ROW_TEXT_FIELDS.filter((f) => f !== 'time' && f !== 'budget').map((f) => [f, cells[f] ?? '']),
  );
  return {
    group: 'tt57',
    standardCode: null,
    criterionCode: null,
    level4Key: null,
    ...texts,
    time: { text: cells.time ?? '', start: null, end: null, issues: [] },
    budget: { text: cells.budget ?? '', amount: null, source: 'unknown', issues: [] },
    people: { lead: null, coordinators: [], issues: [] },
    carryCount: 0,
    ...rest,
  } as PlanInterchangeRow;
}

/** What `seedPlan` made: ids and current versions, to address the plan and its rows. */
export interface SeededPlan {
  planId: string;
  planVersion: number;
  rows: { id: string; version: number }[];
}

/**
 * A plan of one school year made through the API as `session` (so access and audit apply), with
 * its rows in order, and approved when asked.
 */
export async function seedPlan(
  app: FastifyInstance,
  session: TestSession,
  schoolId: string,
  input: { schoolYear: string; rows?: RowBody[]; approve?: boolean },
): Promise<SeededPlan> {
  const plan = ok<{ id: string; version: number }>(
    await call(app, session, {
      method: 'POST',
      url: `/api/schools/${schoolId}/plans`,
      payload: { schoolYear: input.schoolYear },
    }),
  );
  const rows: SeededPlan['rows'] = [];
  for (const row of input.rows ?? []) {
    const added = ok<{ id: string; version: number }>(
      await call(app, session, {
        method: 'POST',
        url: `/api/plans/${plan.id}/rows`,
        payload: row,
      }),
    );
    rows.push({ id: added.id, version: added.version });
  }
  const current = ok<{ version: number }>(
    await call(app, session, { method: 'GET', url: `/api/plans/${plan.id}` }),
  );
  if (!input.approve) return { planId: plan.id, planVersion: current.version, rows };
  const approved = ok<{ version: number }>(
    await call(app, session, {
      method: 'POST',
      url: `/api/plans/${plan.id}/approve`,
      payload: { version: current.version },
    }),
  );
  return { planId: plan.id, planVersion: approved.version, rows };
}

/** A seeded self-assessment: its id and current version. */
export interface SeededAssessment {
  assessmentId: string;
  version: number;
}

/**
 * `POST /api/schools/:id/assessments`, then optionally approval: an assessment of `schoolYear`
 * (its framework by the school's level and year unless `frameworkCode` overrides it, with a reason).
 */
export async function seedAssessment(
  app: FastifyInstance,
  session: TestSession,
  schoolId: string,
  input: {
    schoolYear: string;
    frameworkCode?: string;
    carryFrom?: 'none' | 'previous';
    approve?: boolean;
  },
): Promise<SeededAssessment> {
  const created = ok<{ id: string; version: number }>(
    await call(app, session, {
      method: 'POST',
      url: `/api/schools/${schoolId}/assessments`,
      payload: {
        schoolYear: input.schoolYear,
        ...(input.frameworkCode
          ? { frameworkCode: input.frameworkCode, frameworkReason: 'Thử nghiệm bộ tiêu chuẩn khác' }
          : {}),
        ...(input.carryFrom ? { carryFrom: input.carryFrom } : {}),
      },
    }),
  );
  if (!input.approve) return { assessmentId: created.id, version: created.version };
  const approved = ok<{ version: number }>(
    await call(app, session, {
      method: 'POST',
      url: `/api/assessments/${created.id}/approve`,
      payload: { version: created.version },
    }),
  );
  return { assessmentId: created.id, version: approved.version };
}
