import { z } from 'zod';
import { badCharacterMessage, findBadCharacter, isInvisibleText } from './text.ts';

/** Opaque text id. */
export const idSchema = z.string().min(1).max(64);

/** Optimistic-concurrency version sent back with every change (409 when stale). */
export const versionSchema = z.number().int().min(1);

/** Refuses what cannot be stored or printed (NUL, other control characters, lone surrogates). */
function storable(value: string, ctx: z.RefinementCtx<string>): void {
  const bad = findBadCharacter(value);
  if (bad) ctx.addIssue({ code: 'custom', message: badCharacterMessage(bad), input: value });
}

/** Refuses text that shows nothing: empty, white space only, or invisible characters only. */
function saysSomething(value: string, ctx: z.RefinementCtx<string>): void {
  if (value.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'Không được để trống', input: value });
  } else if (isInvisibleText(value)) {
    ctx.addIssue({ code: 'custom', message: INVISIBLE_ONLY_MESSAGE, input: value });
  }
}

const INVISIBLE_ONLY_MESSAGE =
  'Không được chỉ gồm khoảng trắng hoặc ký tự vô hình (như dấu cách không ngắt, ký tự rộng 0); ' +
  'hãy nhập nội dung.';

/**
 * Text a user types: kept exactly as typed (no trimming; tab and line breaks kept), at most `max`
 * characters, may be empty. Refuses NUL, other control characters and lone surrogates with a
 * Vietnamese message (issue 11: PostgreSQL and the documents cannot hold them).
 */
export const userText = (max: number) => z.string().max(max).superRefine(storable);

/**
 * Text that must say something (a reason, a required note): as {@link userText}, and refused when
 * empty or made only of white space and invisible characters (zero-width spaces U+200B–U+200D,
 * U+2060, U+FEFF, U+00A0, U+3000…).
 */
export const requiredText = (max: number) => userText(max).superRefine(saysSomething);

/**
 * A name or title (a person, a group, a unit, a school, an account's display name): as
 * {@link requiredText}. Kept as typed, line breaks included (people.routes.test.ts), because the
 * directory stores names exactly as the school writes them.
 */
export const requiredName = (max: number) => requiredText(max);

/**
 * A name or title that may be left empty for now (a draft plan's title, its school name): empty is
 * accepted, but text made only of white space and invisible characters is not — it would print
 * as a blank that looks filled in.
 */
export const optionalName = (max: number) =>
  userText(max).superRefine((value, ctx) => {
    if (value !== '' && isInvisibleText(value)) {
      ctx.addIssue({ code: 'custom', message: INVISIBLE_ONLY_MESSAGE, input: value });
    }
  });

function firstBadString(
  value: unknown,
  path: (string | number)[],
): { path: (string | number)[]; message: string } | null {
  if (typeof value === 'string') {
    const bad = findBadCharacter(value);
    return bad ? { path, message: badCharacterMessage(bad) } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = firstBadString(item, [...path, index]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = firstBadString(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses a whole document (e.g. interchange JSON sent back for import) when any string in it
 * holds a character that cannot be stored (see {@link userText}); the 400 names the field's path.
 */
export function withStorableStrings<T extends z.ZodType>(schema: T) {
  return schema.superRefine((value, ctx) => {
    const found = firstBadString(value, []);
    if (found) ctx.addIssue({ code: 'custom', message: found.message, path: found.path });
  });
}

/** A path parameter naming a school. */
export const schoolParamsSchema = z.object({ schoolId: idSchema });
