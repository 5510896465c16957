import { ALLOWED_PARENT_KINDS, UNIT_KINDS, type UnitKind } from '@caitien/core';
import type { Unit } from '../auth/access.ts';

/** Kinds of unit that may be created directly under `parent` (null: at the top). */
export function childKindsOf(parent: UnitKind | null): UnitKind[] {
  return UNIT_KINDS.filter((kind) => ALLOWED_PARENT_KINDS[kind].includes(parent));
}

/**
 * Whether `unit` may move under `candidate`: of an allowed kind, neither the unit itself nor one
 * of its descendants, nor its present parent.
 */
export function isMoveTarget(unit: Unit, candidate: Unit): boolean {
  return (
    candidate.id !== unit.id &&
    candidate.id !== unit.parentId &&
    !candidate.ancestors.some((a) => a.id === unit.id) &&
    ALLOWED_PARENT_KINDS[unit.kind].includes(candidate.kind)
  );
}

/** "Sở GD&ĐT Bình Dương › UBND xã Định Hiệp": where a unit sits, for option labels and breadcrumbs. */
export function unitTrail(unit: Pick<Unit, 'name' | 'ancestors'>): string {
  return [...unit.ancestors.map((a) => a.name), unit.name].join(' › ');
}
