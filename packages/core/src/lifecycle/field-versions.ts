/**
 * Per-field versions (CONTRACTS.md "Concurrent edits"): a record keeps its version and, per field,
 * the version that last changed it. A save names the fields it changes and the version it started
 * from; it is accepted when none of those fields changed since, so two people editing different
 * fields of one record both succeed. Pure: the repositories apply it under the record's lock.
 */

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
  if (changedFields.some((f) => (current.fieldVersions[f] ?? 0) > baseVersion))
    return { ok: false };
  const next = current.version + 1;
  const fieldVersions = { ...current.fieldVersions };
  for (const f of changedFields) fieldVersions[f] = next;
  return { ok: true, next, fieldVersions };
}
