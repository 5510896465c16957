import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../database.types.ts';

/**
 * The unit a materialised path names ("/province/commune/school/" → "school"): services pass the
 * caller's units as paths; the subtree is then read through the `unit_ancestors` closure (migration
 * 0009), an indexed lookup on both engines instead of `path LIKE 'prefix%'`.
 */
export function unitIdOfPath(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/**
 * True when the unit in `unitColumn` is the unit named by `path` or below it. A correlated EXISTS
 * on the closure's primary key (ancestor_id, unit_id).
 */
export function inSubtree<DB extends Database, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  unitColumn: string,
  path: string,
): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from unit_ancestors sub_a where sub_a.ancestor_id = ${unitIdOfPath(
    path,
  )} and sub_a.unit_id = ${sql.ref(unitColumn)})`;
}
