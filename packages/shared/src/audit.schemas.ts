import { z } from 'zod';
import { idSchema } from './common.schemas.ts';

/** One recorded change: who, when, what, before → after. */
export const auditEntrySchema = z
  .object({
    id: idSchema,
    occurredAt: z.string(),
    actorUserId: idSchema.nullable(),
    actorName: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    unitId: idSchema.nullable(),
    summary: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditListSchema = z
  .object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditList' });

export const auditQuerySchema = z.object({
  unitId: idSchema.optional().describe('A school or office: its entries and its subtree’s'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
