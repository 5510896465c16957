import { z } from 'zod';

/** Opaque text id. */
export const idSchema = z.string().min(1).max(64);

/** Optimistic-concurrency version sent back with every change (409 when stale). */
export const versionSchema = z.number().int().min(1);

/**
 * Characters that print nothing: white space of every script (tab, U+00A0, U+3000…), control and
 * format characters (zero-width space U+200B, joiners, bidi marks, U+FEFF) and the Hangul and
 * Braille fillers. `String.prototype.trim` misses the zero-width ones.
 */
const INVISIBLE_CHARACTERS = /[\s\p{Zs}\p{Cc}\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]/gu;

/** Whether a text shows at least one character (not only white space or invisible characters). */
export function hasVisibleText(value: string): boolean {
  return value.replace(INVISIBLE_CHARACTERS, '').length > 0;
}

/**
 * Text a user types: kept exactly (no trimming, line breaks kept), with a length limit. Required
 * text must show something: a name made only of white space or invisible characters is refused
 * (issue 11).
 */
export const userText = (max: number) => z.string().max(max);
export const requiredText = (max: number) =>
  z.string().max(max).refine(hasVisibleText, { message: 'Không được để trống' });

/** A path parameter naming a school. */
export const schoolParamsSchema = z.object({ schoolId: idSchema });
