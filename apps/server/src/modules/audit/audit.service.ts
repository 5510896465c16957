import type { Repositories } from '@caitien/db';
import { AppError } from '../../errors.ts';
import { listScope } from '../auth/list-scope.ts';
import type { ServiceContext } from '../auth/request-context.ts';

/** Reading the audit log: the administrator everything, a principal their school. */
export function createAuditService(deps: { repositories: Repositories }) {
  const { repositories: repos } = deps;
  return {
    async list(
      ctx: ServiceContext,
      query: { unitId?: string | undefined; limit: number; cursor?: string | undefined },
    ) {
      const prefixes = await listScope(ctx, repos, 'audit.read', query.unitId);
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
