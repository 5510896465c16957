import { z } from 'zod';

export const healthResponseSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const readyResponseSchema = z
  .object({ status: z.literal('ready'), database: z.enum(['sqlite', 'postgres']) })
  .meta({ id: 'Ready' });
