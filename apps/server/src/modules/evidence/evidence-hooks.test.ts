import { createRepositories } from '@caitien/db';
import { testDialects } from '@caitien/db/testing';
import type { EvidenceItem, EvidenceList } from '@caitien/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomIds } from '../../ids.ts';
import { buildAccessFixtures, type AccessFixtures } from '../../testing/access-fixtures.ts';
import { call, ok, type TestSession } from '../../testing/api-client.ts';
import { seedAssessment } from '../../testing/assessment-fixtures.ts';
import { createTestApp, fixedClock } from '../../testing/test-app.ts';
import { createEvidenceCarry } from './evidence-carry.ts';
import { createEvidenceFileStore } from './evidence-file-store.ts';
import { createAssessmentEvidenceHooks } from './evidence-hooks.ts';

const PDF = Buffer.from('%PDF-1.5\n% biên bản\n%%EOF\n');

describe.each(testDialects())('the evidence side of the assessment hooks on %s', (dialect) => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  let fx: AccessFixtures;
  let council: TestSession;
  let hooks: ReturnType<typeof createAssessmentEvidenceHooks>;
  let repositories: ReturnType<typeof createRepositories>;
  let year = 2070;
  const nextYear = () => {
    year += 1;
    return `${year}-${year + 1}`;
  };

  beforeAll(async () => {
    ctx = await createTestApp(dialect);
    fx = await buildAccessFixtures(ctx.app);
    council = await fx.signInAs('council');
    repositories = createRepositories(ctx.database.db);
    hooks = createAssessmentEvidenceHooks({
      repositories,
      store: createEvidenceFileStore(ctx.dataDir),
      carryEvidence: createEvidenceCarry({ ids: randomIds }),
      clock: fixedClock(),
      ids: randomIds,
    });
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
  });

  const seed = (framework: 'TT17' | 'TT57-PT' = 'TT17') =>
    seedAssessment(ctx.database, { schoolId: fx.own.schoolId, schoolYear: nextYear(), framework });
  const list = async (assessmentId: string) =>
    ok<EvidenceList>(
      await call(ctx.app, council, {
        method: 'GET',
        url: `/api/assessments/${assessmentId}/evidence`,
      }),
    ).items;

  async function withTwoEvidence() {
    const { assessmentId } = await seed();
    const base = `/api/assessments/${assessmentId}/evidence`;
    const a = ok<EvidenceItem>(
      await call(ctx.app, council, {
        method: 'POST',
        url: base,
        payload: {
          name: 'Biên bản họp hội đồng',
          criterionCodes: ['1.2', '1.1'],
          issued: 'Ngày 5/9',
        },
      }),
    );
    ok(
      await call(ctx.app, council, {
        method: 'POST',
        url: `${base}/${a.id}/files?fileName=${encodeURIComponent('biên bản.pdf')}`,
        headers: { 'content-type': 'application/pdf' },
        payload: PDF,
      }),
    );
    ok(
      await call(ctx.app, council, {
        method: 'POST',
        url: base,
        payload: { name: 'Kế hoạch', criterionCodes: ['1.1'], link: 'https://truong.example/kh' },
      }),
    );
    return assessmentId;
  }

  it('sums up the list and seals its metadata, citations and file hashes in code order', async () => {
    const assessmentId = await withTwoEvidence();
    expect(await hooks.summary(assessmentId)).toEqual({
      total: 2,
      withFiles: 1,
      byCriterion: { '1.1': 2, '1.2': 1 },
      codes: ['[H1-1.1-01]', '[H1-1.2-01]'],
    });
    const sealed = await repositories.transaction((tx) => hooks.sealContent(tx, assessmentId));
    expect(sealed.map((e) => [e.code, e.criterionCodes, e.files.length])).toEqual([
      ['[H1-1.1-01]', ['1.1'], 0],
      ['[H1-1.2-01]', ['1.2', '1.1'], 1],
    ]);
  });

  it('copies the list into a revision, files by reference', async () => {
    const from = await withTwoEvidence();
    const { assessmentId: to } = await seed();
    await repositories.transaction((tx) => hooks.copyToRevision(tx, from, to));
    const [a, b] = [await list(from), await list(to)];
    const strip = (items: EvidenceItem[]) =>
      items.map(({ id: _id, updatedAt: _u, version: _v, files, ...rest }) => ({
        ...rest,
        files: files.map((f) => [f.fileName, f.sha256, f.sizeBytes]),
      }));
    expect(strip(b)).toEqual(strip(a));
    expect(b.map((i) => i.id)).not.toEqual(a.map((i) => i.id));
  });

  it('exports the metadata and imports it back; a file row only when its bytes are here', async () => {
    const from = await withTwoEvidence();
    const exported = await hooks.exportMetadata(from);
    const ghost = {
      fileName: 'mất.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 3,
      sha256: 'f'.repeat(64),
    };
    const { assessmentId: to } = await seed();
    await repositories.transaction((tx) =>
      hooks.importMetadata(tx, to, [
        { ...exported[0]!, files: [...exported[0]!.files, ghost] },
        ...exported.slice(1),
      ]),
    );
    expect(await hooks.exportMetadata(to)).toEqual(exported);

    const { assessmentId: dup } = await seed();
    await expect(
      repositories.transaction((tx) =>
        hooks.importMetadata(tx, dup, [exported[0]!, { ...exported[1]!, code: exported[0]!.code }]),
      ),
    ).rejects.toThrow(/xuất hiện hai lần/u);
    expect(await list(dup)).toHaveLength(0);
  });

  it('carries over into TT57 with the assessment module’s criterion map', async () => {
    const from = await withTwoEvidence();
    const { assessmentId: to } = await seed('TT57-PT');
    const result = await repositories.transaction((tx) =>
      hooks.carryOver(tx, { fromId: from, toId: to, criterionMap: new Map([['1.1', '1.1']]) }),
    );
    expect(result).toEqual({ carried: 2, unmapped: [] });
    const items = await list(to);
    expect(items.map((i) => [i.code, i.previousCode, i.criterionCodes, i.carried])).toEqual([
      ['MC.1.1.01', '[H1-1.1-01]', ['1.1'], true],
      ['MC.1.2.01', '[H1-1.2-01]', ['1.1'], true],
    ]);
  });
});
