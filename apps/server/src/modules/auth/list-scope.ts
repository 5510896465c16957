import { decide, isAdmin, type Action } from '@caitien/core';
import type { Repositories } from '@caitien/db';
import { AppError } from '../../errors.ts';
import { FORBIDDEN_MESSAGE } from './authorize.ts';
import type { ServiceContext } from './request-context.ts';

/**
 * The subtrees a list may cover: the unit asked for (if the caller may `action` there), everything
 * for the administrator, or else every unit where the caller may `action` (403 when none).
 * Returns materialised path prefixes, or null for "everything".
 */
export async function listScope(
  ctx: ServiceContext,
  repos: Repositories,
  action: Action,
  unitId: string | undefined,
): Promise<string[] | null> {
  if (unitId) {
    const unit = await repos.units.findById(unitId);
    if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị này.');
    const decision = decide(ctx.actor, action, unit.path);
    if (!decision.allowed) {
      throw decision.reason === 'not_found'
        ? new AppError('NOT_FOUND', 'Không tìm thấy đơn vị này.')
        : new AppError('FORBIDDEN', FORBIDDEN_MESSAGE);
    }
    return [unit.path];
  }
  if (isAdmin(ctx.actor)) return null;
  const prefixes = ctx.actor.assignments.flatMap((a) =>
    a.unitPath && decide(ctx.actor, action, a.unitPath).allowed ? [a.unitPath] : [],
  );
  if (prefixes.length === 0) throw new AppError('FORBIDDEN', FORBIDDEN_MESSAGE);
  return prefixes;
}
