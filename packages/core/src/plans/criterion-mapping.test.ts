import { describe, expect, it } from 'vitest';
import { loadFrameworkCatalogue } from '../frameworks/catalogue.ts';
import type { FrameworkCode } from '../frameworks/framework.types.ts';
import { CRITERION_MAPPINGS, findCriterionMapping } from './criterion-mapping.ts';

const catalogue = loadFrameworkCatalogue();

/** Criterion code → title of the newest version of a framework. */
function titlesOf(code: FrameworkCode): Map<string, string> {
  const newest = catalogue.filter((f) => f.code === code).sort((a, b) => b.version - a.version)[0];
  if (!newest) throw new Error(`no framework ${code}`);
  return new Map(newest.standards.flatMap((s) => s.criteria.map((c) => [c.code, c.title])));
}

describe('criterion mappings (data)', () => {
  it('keeps one mapping per 2018 circular into the TT57 appendix of the same schools', () => {
    expect(CRITERION_MAPPINGS.map((m) => `${m.from}→${m.to}`)).toEqual([
      'TT17→TT57-PT',
      'TT18→TT57-PT',
      'TT19→TT57-MN',
    ]);
    expect(findCriterionMapping('TT18', 'TT57-PT')?.from).toBe('TT18');
    expect(findCriterionMapping('TT18', 'TT57-MN')).toBeNull();
  });

  it.each(CRITERION_MAPPINGS.map((m) => [`${m.from} → ${m.to}`, m] as const))(
    '%s covers every criterion once, with the catalogue’s titles and real targets',
    (_name, mapping) => {
      expect(mapping.format).toBe('caitien.criterion-mapping/1');
      expect(mapping.provenance).toMatch(/suy luận/);
      const from = titlesOf(mapping.from);
      const to = titlesOf(mapping.to);
      expect(mapping.criteria.map((c) => c.from).sort()).toEqual([...from.keys()].sort());
      for (const entry of mapping.criteria) {
        expect(entry.fromTitle).toBe(from.get(entry.from));
        expect(entry.note.trim().length).toBeGreaterThan(10);
        if (entry.to === null) {
          expect(entry.confidence).toBeNull();
          expect(entry.toTitle).toBeNull();
        } else {
          expect(to.get(entry.to)).toBe(entry.toTitle);
          // No official old → new table exists (TT57 notes §6): nothing may claim a source.
          expect(entry.confidence).toBe('inferred');
        }
        for (const candidate of entry.candidates ?? []) expect(to.has(candidate)).toBe(true);
      }
      expect(mapping.level4.to).toBeNull();
    },
  );

  it('does not map by code number where the subject differs', () => {
    const tt17 = findCriterionMapping('TT17', 'TT57-PT');
    // TT17 1.4 is the school's management board and groups; TT57 1.4 is self-assessment.
    expect(tt17?.criteria.find((c) => c.from === '1.4')?.to).toBe('1.2');
    expect(tt17?.criteria.find((c) => c.from === '3.2')?.to).toBe('4.1');
    expect(tt17?.criteria.find((c) => c.from === '1.3')?.to).toBeNull();
  });
});
