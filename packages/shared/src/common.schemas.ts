import { z } from 'zod';

/** Opaque text id. */
export const idSchema = z.string().min(1).max(64);

/** Optimistic-concurrency version sent back with every change (409 when stale). */
export const versionSchema = z.number().int().min(1);

/**
 * Text a user types: kept exactly (no trimming, line breaks kept), with a length limit. Required
 * text must contain something other than white space.
 */
export const userText = (max: number) => z.string().max(max);
export const requiredText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => value.trim().length > 0, { message: 'Không được để trống' });

/** A path parameter naming a school. */
export const schoolParamsSchema = z.object({ schoolId: idSchema });
