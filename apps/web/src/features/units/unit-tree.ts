import { ALLOWED_PARENT_KINDS, UNIT_KINDS, type UnitKind } from '@caitien/core';
import type { Unit } from '../auth/access.ts';

/** A unit with its children, for the tree of Quản trị → Đơn vị. */
export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
  depth: number;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Offices before schools, then by name as Vietnamese sorts it. */
function compareUnits(a: Unit, b: Unit): number {
  const kind = UNIT_KINDS.indexOf(a.kind) - UNIT_KINDS.indexOf(b.kind);
  return (a.kind === 'school') === (b.kind === 'school')
    ? collator.compare(a.name, b.name) || kind
    : a.kind === 'school'
      ? 1
      : -1;
}

/**
 * Builds the tree from the flat list the API gives. A unit whose parent the user cannot see (an
 * office user's own unit) becomes a root.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const ids = new Set(units.map((unit) => unit.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(unit);
    children.set(parent, list);
  }
  const build = (parent: string | null, depth: number): UnitNode[] =>
    (children.get(parent) ?? [])
      .sort(compareUnits)
      .map((unit) => ({ unit, depth, children: build(unit.id, depth + 1) }));
  return build(null, 0);
}

/** The tree in display order, depth first. */
export function flattenTree(nodes: readonly UnitNode[]): UnitNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/** Kinds of unit that may be created directly under `parent` (null: at the top). */
export function childKindsOf(parent: UnitKind | null): UnitKind[] {
  return UNIT_KINDS.filter((kind) => ALLOWED_PARENT_KINDS[kind].includes(parent));
}

/**
 * Units a unit may move under: of an allowed kind, and neither itself nor one of its descendants.
 * `null` in the result means "at the top" (allowed for a Sở or the Bộ).
 */
export function moveTargetsOf(unit: Unit, units: readonly Unit[]): Array<Unit | null> {
  const allowed = ALLOWED_PARENT_KINDS[unit.kind];
  const targets: Array<Unit | null> = allowed.includes(null) ? [null] : [];
  for (const candidate of units) {
    if (candidate.id === unit.id || candidate.ancestors.some((a) => a.id === unit.id)) continue;
    if (allowed.includes(candidate.kind)) targets.push(candidate);
  }
  return targets;
}

/** "Sở GD&ĐT Bình Dương › UBND xã Định Hiệp": where a unit sits, for option labels and breadcrumbs. */
export function unitTrail(unit: Pick<Unit, 'name' | 'ancestors'>): string {
  return [...unit.ancestors.map((a) => a.name), unit.name].join(' › ');
}

/** Schools among the units, sorted by name. */
export function schoolsOf(units: readonly Unit[]): Unit[] {
  return units
    .filter((unit) => unit.kind === 'school')
    .sort((a, b) => collator.compare(a.name, b.name));
}
