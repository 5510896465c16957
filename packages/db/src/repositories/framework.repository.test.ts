import { loadFrameworkCatalogue, type FrameworkDefinition } from '@caitien/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import { seedFrameworkCatalogue } from '../seed/framework.seed.ts';
import { openTestDatabase, testDialects } from '../testing/test-database.ts';
import { createFrameworkRepository, hashFrameworkContent } from './framework.repository.ts';

const NOW = '2026-11-23T08:00:00.000Z';
const catalogue = loadFrameworkCatalogue();

describe.each(testDialects())('framework catalogue on %s', (dialect) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(dialect);
    await migrateToLatest(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('seeds every shipped version once, then leaves them alone', async () => {
    const first = await seedFrameworkCatalogue(handle.db, catalogue, NOW);
    expect(first.inserted).toEqual(catalogue.map((f) => `${f.code}@${f.version}`));
    const second = await seedFrameworkCatalogue(handle.db, catalogue, NOW);
    expect(second.inserted).toEqual([]);
    expect(second.unchanged).toHaveLength(catalogue.length);
  });

  it('lists versions with criteria counts computed in SQL', async () => {
    const repository = createFrameworkRepository(handle.db);
    const rows = await repository.listVersions();
    const counts = Object.fromEntries(rows.map((r) => [r.id, r.criterionCount]));
    expect(counts).toMatchObject({
      'TT17@1': 27,
      'TT17@2': 27,
      'TT18@2': 28,
      'TT19@2': 25,
      'TT57-MN@1': 15,
      'TT57-PT@1': 15,
      'TT57-GDTX@1': 15,
    });
    const pt = rows.find((r) => r.id === 'TT57-PT@1');
    expect(pt?.mandatoryCriterionCount).toBe(8);
    expect(pt?.standardCount).toBe(4);
    expect(rows.find((r) => r.id === 'TT17@2')?.level4ItemCount).toBe(5);
  });

  it('gives back every version exactly as it was stored (texts, diacritics, flags)', async () => {
    const repository = createFrameworkRepository(handle.db);
    for (const definition of catalogue) {
      const stored = await repository.findVersion(`${definition.code}@${definition.version}`);
      expect(stored?.definition).toEqual(definition);
      expect(stored?.contentHash).toBe(hashFrameworkContent(definition));
    }
  });

  it('resolves a bare code to the newest version', async () => {
    const repository = createFrameworkRepository(handle.db);
    expect(await repository.findVersionHead('TT17')).toMatchObject({
      id: 'TT17@2',
      isCurrent: true,
    });
    expect(await repository.findVersionHead('TT17@1')).toMatchObject({
      id: 'TT17@1',
      isCurrent: false,
    });
    expect(await repository.findVersionHead('TT99')).toBeUndefined();
  });

  it('searches the folded copies without diacritics', async () => {
    const repository = createFrameworkRepository(handle.db);
    expect(await repository.searchCriterionCodes('TT17@2', ['phuong', 'huong'])).toContain('1.1');
    // A word only found in an indicator text of 1.1 ("niêm yết").
    expect(await repository.searchCriterionCodes('TT17@2', ['niem', 'yet'])).toContain('1.1');
    expect(await repository.searchCriterionCodes('TT17@2', ['khongcotu'])).toEqual([]);
    // LIKE wildcards typed by a user are not wildcards, and words match at word starts only.
    expect(await repository.searchCriterionCodes('TT17@2', ['%'])).toHaveLength(27);
    expect(await repository.searchCriterionCodes('TT17@2', ['%_zzq'])).toEqual([]);
    const huong = await repository.searchCriterionCodes('TT17@2', ['huong']);
    const thuong = await repository.searchCriterionCodes('TT17@2', ['thuong']);
    expect(huong).toContain('1.1');
    expect(thuong.every((code) => huong.includes(code))).toBe(false);
  });

  it('locks a version and refuses to delete it afterwards', async () => {
    const repository = createFrameworkRepository(handle.db);
    await repository.lockVersion('TT19@1', NOW);
    const deleted = await repository.transaction((trx) =>
      repository.deleteUnlockedVersion('TT19@1', trx),
    );
    expect(deleted).toBe(false);
    expect((await repository.findVersion('TT19@1'))?.lockedAt).toBe(NOW);
  });

  it('reports shipped data that differs from a stored version without overwriting it', async () => {
    const changed: FrameworkDefinition[] = catalogue.map((f) =>
      f.code === 'TT57-GDTX' ? { ...f, name: `${f.name} (sửa)` } : f,
    );
    const report = await seedFrameworkCatalogue(handle.db, changed, NOW);
    expect(report.differing).toEqual(['TT57-GDTX@1']);
    const repository = createFrameworkRepository(handle.db);
    const stored = await repository.findVersion('TT57-GDTX@1');
    expect(stored?.definition.name).not.toContain('(sửa)');
  });
});
