import { decide, isAdmin } from '@caitien/core';
import type { Repositories } from '@caitien/db';
import { AppError } from '../../errors.ts';
import { FORBIDDEN_MESSAGE } from '../auth/authorize.ts';
import type { ServiceContext } from '../auth/request-context.ts';

/** Reading the audit log: the administrator everything, a principal their school. */
export function createAuditService(deps: { repositories: Repositories }) {
  const { repositories: repos } = deps;
  return {
    async list(
      ctx: ServiceContext,
      query: { unitId?: string | undefined; limit: number; cursor?: string | undefined },
    ) {
      let prefixes: string[] | null;
      if (query.unitId) {
        const unit = await repos.units.findById(query.unitId);
        if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị này.');
        const decision = decide(ctx.auth.actor, 'audit.read', unit.path);
        if (!decision.allowed) {
          throw decision.reason === 'not_found'
            ? new AppError('NOT_FOUND', 'Không tìm thấy đơn vị này.')
            : new AppError('FORBIDDEN', FORBIDDEN_MESSAGE);
        }
        prefixes = [unit.path];
      } else if (isAdmin(ctx.auth.actor)) {
        prefixes = null;
      } else {
        prefixes = ctx.auth.actor.assignments.flatMap((a) =>
          a.unitPath && decide(ctx.auth.actor, 'audit.read', a.unitPath).allowed
            ? [a.unitPath]
            : [],
        );
        if (prefixes.length === 0) throw new AppError('FORBIDDEN', FORBIDDEN_MESSAGE);
      }
      let cursor: { occurredAt: string; id: string } | undefined;
      if (query.cursor) {
        const [occurredAt, id] = query.cursor.split('|');
        if (!occurredAt || !id) {
          throw new AppError(
            'VALIDATION_ERROR',
            'Giá trị không hợp lệ trong tham số truy vấn: “cursor”.',
          );
        }
        cursor = { occurredAt, id };
      }
      const rows = await repos.audit.list({
        pathPrefixes: prefixes,
        limit: query.limit + 1,
        cursor,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(({ unitPath: _unitPath, ...entry }) => entry),
        nextCursor: rows.length > query.limit && last ? `${last.occurredAt}|${last.id}` : null,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
