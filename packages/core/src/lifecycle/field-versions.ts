/**
 * Per-field versions (CONTRACTS.md "Concurrent edits"): a record keeps its version and, per field,
 * the version that last changed it. A save names the fields it changes and the version it started
 * from; it is accepted when none of those fields changed since, so two people editing different
 * fields of one record both succeed. Pure: the repositories apply it under the record's lock.
 *
 * A field may be a cell of a map field, named with a dot ("marks.1.a" is the indicator "1.a" of
 * `marks`): its version is its own, and a save of it also conflicts with a later save of the whole
 * map ("marks", as rows saved before per-cell versions keep) and the other way round. So two people
 * marking different indicators of one criterion both succeed; the same indicator → conflict.
 */

/** Whether two field names name overlapping content: equal, or one a dotted cell of the other. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** The versions a record keeps: its own, and per field the version that last changed it. */
export interface FieldVersioned {
  version: number;
  fieldVersions: Record<string, number>;
}

/** A save's answer: the record's next version and field versions, or a conflict. */
export type FieldSaveDecision =
  { ok: true; next: number; fieldVersions: Record<string, number> } | { ok: false };

/** Decides a save of `changedFields` that started from `baseVersion` (see the module comment). */
export function decideFieldSave(
  current: FieldVersioned,
  baseVersion: number,
  changedFields: readonly string[],
): FieldSaveDecision {
  if (baseVersion > current.version) return { ok: false };
  const changedSince = Object.entries(current.fieldVersions)
    .filter(([, v]) => v > baseVersion)
    .map(([k]) => k);
  if (changedFields.some((f) => changedSince.some((k) => overlaps(f, k)))) return { ok: false };
  const next = current.version + 1;
  const fieldVersions = { ...current.fieldVersions };
  for (const f of changedFields) fieldVersions[f] = next;
  return { ok: true, next, fieldVersions };
}
