import { loadFrameworkCatalogue } from '@caitien/core';
import {
  createFrameworkRepository,
  createRepositories,
  migrateToLatest,
  rebuildBudgetParts,
  seedFrameworkCatalogue,
  type DatabaseHandle,
  type DialectName,
} from '@caitien/db';
import { openTestDatabase, testDialects } from '@caitien/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../build-app.ts';
import { createPasswordHasher } from '../modules/auth/password-hasher.ts';
import { call, signIn } from '../testing/api-client.ts';
import { fixedClock } from '../testing/test-app.ts';
import type { DemoExtension, DemoSeedContext } from './demo-extension.ts';
import { rebuildAssessmentOutcomes } from '../modules/assessments/assessment-outcome.ts';
import { computePlanRollupSummaries } from '../modules/rollup/plan-rollup-summaries.ts';
import { seedBudgetParts } from './seed-budget-parts.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_MINISTRY_ACCOUNT,
  DEMO_MINISTRY_ID,
  DEMO_PASSWORD,
  DEMO_PROVINCE_ID,
  DemoRefusal,
  seedDemo,
  type SeedDemoOptions,
} from './seed-demo.ts';

const NOW = '2026-11-23T08:00:00.000Z';
const hasher = createPasswordHasher({ cost: 1024 });
const SIZE: SeedDemoOptions = { schools: 12, communes: 2, years: 3, force: false };

const open: DatabaseHandle[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

async function freshDatabase(dialect: DialectName): Promise<DatabaseHandle> {
  const database = await openTestDatabase(dialect);
  open.push(database);
  await migrateToLatest(database.db);
  await seedFrameworkCatalogue(database.db, loadFrameworkCatalogue(), NOW);
  return database;
}

function seed(
  database: DatabaseHandle,
  options: Partial<SeedDemoOptions> = {},
  extensions: readonly DemoExtension[] = [],
) {
  return seedDemo(
    database.db,
    { ...SIZE, ...options },
    {
      now: new Date(NOW),
      passwordHash: () => hasher.hash(DEMO_PASSWORD),
      extensions,
    },
  );
}

async function snapshots(database: DatabaseHandle) {
  const plans = await database.db
    .selectFrom('plan_snapshots')
    .select(['plan_id', 'content_hash'])
    .orderBy('plan_id')
    .execute();
  const assessments = await database.db
    .selectFrom('assessment_snapshots')
    .select(['assessment_id', 'content_hash'])
    .orderBy('assessment_id')
    .execute();
  return { plans, assessments };
}

describe.each(testDialects())('seed-demo on %s', (dialect) => {
  it(
    'builds the province, is deterministic, seals verify, runs the extensions',
    { timeout: 240_000 },
    async () => {
      let seen: DemoSeedContext | undefined;
      const probe: DemoExtension = {
        name: 'probe',
        seed(context) {
          seen = context;
          return Promise.resolve({ probeSchools: context.schools.length });
        },
      };
      const a = await freshDatabase(dialect);
      const first = await seed(a, {}, [probe]);
      expect(first.created).toBe(true);
      expect(first.provinceId).toBe(DEMO_PROVINCE_ID);
      expect(first.schoolYear).toBe('2026-2027');
      expect(first.counts).toMatchObject({ schools: 12, communes: 2, units: 15, probeSchools: 12 });
      // The administrator, the Sở, one per commune, four per school.
      expect(first.counts.users).toBe(1 + 1 + 2 + 12 * 4);

      // The extension saw the committed data through the context.
      expect(seen?.schools).toHaveLength(12);
      expect(seen?.officeUsers.map((o) => o.unitId)).toContain(DEMO_PROVINCE_ID);
      expect(seen?.plans.length).toBe(first.counts.plans);
      const rowsInContext = seen?.plans.reduce((n, p) => n + p.rowIds.length, 0);
      expect(rowsInContext).toBe(first.counts.planRows);

      // The tree: THPT and GDTX directly under the Sở, the others under a commune; profiles name
      // the supervising units.
      const units = await a.db.selectFrom('units').selectAll().execute();
      const profiles = await a.db.selectFrom('school_profiles').selectAll().execute();
      const levels = new Map(
        profiles.map((p) => [p.school_id, (JSON.parse(p.school_levels_json) as string[])[0]]),
      );
      expect(new Set(levels.values())).toEqual(
        new Set(['mam_non', 'tieu_hoc', 'thcs', 'thpt', 'gdtx']),
      );
      for (const school of units.filter((u) => u.kind === 'school')) {
        const profile = profiles.find((p) => p.school_id === school.id);
        const supervising = JSON.parse(profile?.supervising_unit_ids_json ?? '[]') as string[];
        if (['thpt', 'gdtx'].includes(levels.get(school.id) ?? '')) {
          expect(school.parent_id).toBe(DEMO_PROVINCE_ID);
          expect(supervising).toEqual([DEMO_PROVINCE_ID]);
        } else {
          const parent = units.find((u) => u.id === school.parent_id);
          expect(parent?.kind).toBe('commune');
          expect(supervising).toEqual([parent?.id, DEMO_PROVINCE_ID]);
          expect(school.path).toBe(`${parent?.path}${school.id}/`);
        }
      }

      // Both regimes, about 40 rows a plan, realistic budgets and times.
      const plans = await a.db.selectFrom('plans').selectAll().execute();
      expect(new Set(plans.map((p) => p.regime))).toEqual(new Set(['2018', '2026']));
      expect(new Set(plans.map((p) => p.school_year))).toEqual(
        new Set(['2024-2025', '2025-2026', '2026-2027']),
      );
      expect(
        plans.filter((p) => p.school_year === '2026-2027').every((p) => p.regime === '2026'),
      ).toBe(true);
      const perPlan = await a.db
        .selectFrom('plan_rows')
        .select((eb) => ['plan_id', eb.fn.countAll<number>().as('n')])
        .groupBy('plan_id')
        .execute();
      for (const p of perPlan) {
        expect(Number(p.n)).toBeGreaterThanOrEqual(37);
        expect(Number(p.n)).toBeLessThanOrEqual(43);
      }
      const budgets = await a.db
        .selectFrom('plan_rows')
        .select(['budget_text', 'budget_source', 'time_text', 'content'])
        .execute();
      expect(
        budgets.some(
          (b) =>
            b.budget_text === 'Ngân sách: 20.000.000; XHH: 10.000.000' &&
            b.budget_source === 'mixed',
        ),
      ).toBe(true);
      expect(budgets.some((b) => /^Tháng 9\/\d{4} - Tháng 5\/\d{4}$/u.test(b.time_text))).toBe(
        true,
      );
      expect(budgets.some((b) => b.content.includes('phương hướng, chiến lược'))).toBe(true);
      const entries = await a.db
        .selectFrom('progress_entries')
        .select(['spent_amount', 'entry_date'])
        .execute();
      expect(entries.length).toBe(first.counts.progressEntries);
      expect(entries.some((e) => e.spent_amount !== null && Number(e.spent_amount) > 0)).toBe(true);
      expect(entries.every((e) => e.entry_date <= '2026-11-23')).toBe(true);

      // Deterministic: a second database gets the same ids and the same seal hashes.
      const b = await freshDatabase(dialect);
      const second = await seed(b, {}, [probe]);
      expect(second.counts).toEqual(first.counts);
      const sealsA = await snapshots(a);
      expect(sealsA.plans.length).toBe(first.counts.approvedPlans);
      expect(sealsA.assessments.length).toBe(first.counts.approvedAssessments);
      expect(await snapshots(b)).toEqual(sealsA);

      // Every seal verifies through the API (the kernel's verification), for the Sở's officer.
      const app = await buildApp({
        database: a,
        evidenceFiles: { dataDir: '/tmp/caitien-demo-test-unused' },
        clock: fixedClock(NOW),
        hasher,
        logger: false,
      });
      try {
        await app.ready();
        const principal = await signIn(app, DEMO_ACCOUNTS.principal, DEMO_PASSWORD);
        const office = await signIn(app, DEMO_ACCOUNTS.province, DEMO_PASSWORD);
        const own = await a.db
          .selectFrom('role_assignments')
          .select('unit_id')
          .where('user_id', '=', principal.userId)
          .executeTakeFirstOrThrow();
        for (const { plan_id } of sealsA.plans) {
          const plan = plans.find((p) => p.id === plan_id);
          const session = plan?.school_id === own.unit_id ? principal : office;
          const res = await call(app, session, {
            method: 'GET',
            url: `/api/plans/${plan_id}/integrity`,
          });
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json()).toMatchObject({ status: 'intact' });
        }
        for (const { assessment_id } of sealsA.assessments) {
          const res = await call(app, office, {
            method: 'GET',
            url: `/api/assessments/${assessment_id}/integrity`,
          });
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json()).toMatchObject({ status: 'intact' });
        }
        // The principal's own plan of this year opens with its rows.
        const ownPlan = plans.find(
          (p) => p.school_id === own.unit_id && p.school_year === '2026-2027',
        );
        const detail = await call(app, principal, {
          method: 'GET',
          url: `/api/plans/${ownPlan?.id ?? ''}`,
        });
        expect(detail.statusCode, detail.body).toBe(200);
        expect((detail.json() as { rows: unknown[] }).rows.length).toBeGreaterThanOrEqual(37);
      } finally {
        await app.close();
      }

      // A re-run with the same size writes nothing; another size is refused.
      const rowsBefore = await a.db
        .selectFrom('plan_rows')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const again = await seed(a, {}, [probe]);
      expect(again.created).toBe(false);
      expect(again.counts).toEqual(first.counts);
      const rowsAfter = await a.db
        .selectFrom('plan_rows')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(rowsAfter.n)).toBe(Number(rowsBefore.n));
      await expect(seed(a, { schools: 13 })).rejects.toThrow(/đã có tỉnh mẫu khác/u);
      await expect(seed(a, { schools: 13, force: true })).rejects.toBeInstanceOf(DemoRefusal);
    },
  );

  it(
    'builds the national form: Bộ → provinces → communes → schools, parts and summaries equal a recount',
    { timeout: 240_000 },
    async () => {
      let seen: DemoSeedContext | undefined;
      const probe: DemoExtension = {
        name: 'probe',
        seed(context) {
          seen = context;
          return Promise.resolve({});
        },
      };
      const database = await freshDatabase(dialect);
      const size = { provinces: 3, schools: 10, communes: 4, years: 2 };
      const result = await seed(database, size, [seedBudgetParts, probe]);
      expect(result.counts).toMatchObject({ provinces: 3, schools: 10, communes: 4 });
      // Ministry, three provinces, four communes, ten schools.
      expect(result.counts.units).toBe(1 + 3 + 4 + 10);
      const units = await database.db.selectFrom('units').selectAll().execute();
      const byId = new Map(units.map((u) => [u.id, u]));
      expect(byId.get(DEMO_MINISTRY_ID)).toMatchObject({ kind: 'ministry', parent_id: null });
      const provinces = units.filter((u) => u.kind === 'province');
      expect(provinces.map((u) => u.parent_id)).toEqual([
        DEMO_MINISTRY_ID,
        DEMO_MINISTRY_ID,
        DEMO_MINISTRY_ID,
      ]);
      expect(provinces.map((u) => u.id)).toContain(DEMO_PROVINCE_ID);
      for (const u of units.filter((x) => x.kind !== 'ministry')) {
        const parent = byId.get(u.parent_id ?? '');
        expect(u.path).toBe(`${parent?.path ?? ''}${u.id}/`);
        expect(u.path.startsWith(`/${DEMO_MINISTRY_ID}/`)).toBe(true);
      }
      // Every province has a commune and schools (spread evenly: 4, 3, 3).
      const schoolsOf = (provinceId: string) =>
        units.filter((u) => u.kind === 'school' && u.path.includes(`/${provinceId}/`)).length;
      expect(provinces.map((p) => schoolsOf(p.id)).sort()).toEqual([3, 3, 4]);
      // The extensions get the demo province's schools only (the sample).
      expect(seen?.schools.map((x) => x.provinceId)).toEqual(
        Array.from({ length: schoolsOf(DEMO_PROVINCE_ID) }, () => DEMO_PROVINCE_ID),
      );
      expect(result.counts.sampleSchools).toBe(schoolsOf(DEMO_PROVINCE_ID));
      const ministryAccount = await database.db
        .selectFrom('users as u')
        .innerJoin('role_assignments as r', 'r.user_id', 'u.id')
        .select(['r.role', 'r.unit_id'])
        .where('u.username', '=', DEMO_MINISTRY_ACCOUNT)
        .executeTakeFirstOrThrow();
      expect(ministryAccount).toEqual({ role: 'office_staff', unit_id: DEMO_MINISTRY_ID });

      // The budget parts written beside the rows equal a rebuild from the rows.
      const parts = () =>
        database.db
          .selectFrom('plan_row_budget_parts')
          .select(['row_id', 'plan_id', 'part_index', 'source', 'amount'])
          .orderBy('row_id')
          .orderBy('part_index')
          .execute();
      const written = await parts();
      expect(written.length).toBe(result.counts.budgetParts);
      expect(written.length).toBeGreaterThan(0);
      await rebuildBudgetParts(database.db);
      expect(await parts()).toEqual(written);

      // The approved assessments' stored levels were written beside them (nothing left for the
      // rebuild) and equal a rebuild.
      expect(result.counts.assessmentOutcomes).toBe(0);
      const outcomes = async () => ({
        schools: await database.db
          .selectFrom('assessment_outcomes')
          .selectAll()
          .orderBy('assessment_id')
          .execute(),
        criteria: await database.db
          .selectFrom('assessment_outcome_criteria')
          .selectAll()
          .orderBy('assessment_id')
          .orderBy('criterion_code')
          .execute(),
      });
      const storedOutcomes = await outcomes();
      expect(storedOutcomes.schools.length).toBe(result.counts.approvedAssessments);
      await database.db.deleteFrom('assessment_outcome_criteria').execute();
      await database.db.deleteFrom('assessment_outcomes').execute();
      await rebuildAssessmentOutcomes({
        repositories: createRepositories(database.db),
        frameworkRepository: createFrameworkRepository(database.db),
      });
      expect(await outcomes()).toEqual(storedOutcomes);

      // The roll-up summaries written by the seeder equal a recount, for every approved plan.
      const stored = await database.db
        .selectFrom('plan_rollup_summaries')
        .select(['plan_id', 'lineage_id', 'school_year', 'summary_json'])
        .execute();
      expect(stored.length).toBe(result.counts.approvedPlans);
      const recount = await computePlanRollupSummaries(
        createRepositories(database.db).rollup,
        stored.map((x) => ({
          planId: x.plan_id,
          lineageId: x.lineage_id,
          schoolYear: x.school_year,
        })),
      );
      for (const x of stored) expect(JSON.parse(x.summary_json)).toEqual(recount.get(x.plan_id));

      // The ministry's officer reads the national roll-up.
      const app = await buildApp({
        database,
        evidenceFiles: { dataDir: '/tmp/caitien-demo-test-unused' },
        clock: fixedClock(NOW),
        hasher,
        logger: false,
      });
      try {
        await app.ready();
        const ministry = await signIn(app, DEMO_MINISTRY_ACCOUNT, DEMO_PASSWORD);
        const res = await call(app, ministry, {
          method: 'GET',
          url: `/api/units/${DEMO_MINISTRY_ID}/rollup?schoolYear=2026-2027`,
        });
        expect(res.statusCode, res.body).toBe(200);
        const rollup = res.json() as { schools: { total: number }; children: unknown[] };
        expect(rollup.schools.total).toBe(10);
        expect(rollup.children).toHaveLength(3);
      } finally {
        await app.close();
      }

      // The same size again writes nothing; the single-province form of it is refused.
      expect((await seed(database, size)).created).toBe(false);
      await expect(seed(database, { schools: 10, communes: 4, years: 2 })).rejects.toThrow(
        DemoRefusal,
      );
    },
  );

  it('refuses a database holding other data unless --force', { timeout: 120_000 }, async () => {
    const database = await freshDatabase(dialect);
    await database.db
      .insertInto('units')
      .values({
        id: '0190f000-0000-7000-8000-000000000001',
        kind: 'province',
        name: 'Sở GD&ĐT thật',
        name_folded: 'so gd&dt that',
        parent_id: null,
        path: '/0190f000-0000-7000-8000-000000000001/',
        version: 1,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await expect(seed(database, { schools: 3, communes: 1, years: 1 })).rejects.toThrow(
      /không phải dữ liệu mẫu \(1 đơn vị, 0 tài khoản\)/u,
    );
    expect(
      await database.db.selectFrom('plans').select('id').execute(),
      'nothing written',
    ).toHaveLength(0);
    const forced = await seed(database, { schools: 3, communes: 1, years: 1, force: true });
    expect(forced.counts.schools).toBe(3);
    const real = await database.db
      .selectFrom('units')
      .select('id')
      .where('id', '=', '0190f000-0000-7000-8000-000000000001')
      .execute();
    expect(real).toHaveLength(1);
  });
});
