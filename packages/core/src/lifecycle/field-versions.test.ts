import { describe, expect, it } from 'vitest';
import { decideFieldSave } from './field-versions.ts';

describe('decideFieldSave', () => {
  const record = { version: 5, fieldVersions: { description: 4, 'marks.1.a': 5, strengths: 2 } };

  it('accepts fields unchanged since the base version and stamps them with the next version', () => {
    expect(decideFieldSave(record, 4, ['strengths', 'marks.1.b'])).toEqual({
      ok: true,
      next: 6,
      fieldVersions: { description: 4, 'marks.1.a': 5, strengths: 6, 'marks.1.b': 6 },
    });
  });

  it('refuses a field changed since the base version, and a base from the future', () => {
    expect(decideFieldSave(record, 3, ['description'])).toEqual({ ok: false });
    expect(decideFieldSave(record, 4, ['marks.1.a'])).toEqual({ ok: false });
    expect(decideFieldSave(record, 6, ['strengths'])).toEqual({ ok: false });
  });

  it('treats a dotted cell and its whole map as overlapping, and sibling cells as independent', () => {
    // A row whose marks were saved whole (before per-mark versions): every mark conflicts.
    const legacy = { version: 7, fieldVersions: { marks: 7 } };
    expect(decideFieldSave(legacy, 6, ['marks.1.a'])).toEqual({ ok: false });
    expect(decideFieldSave(legacy, 7, ['marks.1.a']).ok).toBe(true);
    // A whole-map save conflicts with a later cell save; a sibling cell does not.
    expect(decideFieldSave(record, 4, ['marks'])).toEqual({ ok: false });
    expect(decideFieldSave(record, 4, ['marks.1.b']).ok).toBe(true);
    // A prefix that is not a dotted parent does not overlap.
    expect(decideFieldSave({ version: 3, fieldVersions: { mark: 3 } }, 2, ['marks.1']).ok).toBe(
      true,
    );
  });
});
