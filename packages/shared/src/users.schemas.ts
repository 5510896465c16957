import { ROLES } from '@caitien/core';
import { z } from 'zod';
import { roleAssignmentSchema, usernameSchema } from './auth.schemas.ts';
import { idSchema, requiredName, versionSchema } from './common.schemas.ts';

/** An account, as administrators and principals see it. */
export const userAccountSchema = z
  .object({
    id: idSchema,
    username: z.string(),
    email: z.string().nullable(),
    displayName: z.string(),
    personId: idSchema.nullable(),
    isDisabled: z.boolean(),
    mustChangePassword: z.boolean(),
    isLockedOut: z.boolean(),
    roles: z.array(roleAssignmentSchema),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    version: versionSchema,
  })
  .meta({ id: 'UserAccount' });

export const userListSchema = z
  .object({ items: z.array(userAccountSchema) })
  .meta({ id: 'UserList' });

export const userListQuerySchema = z.object({ unitId: idSchema.optional() });

export const userParamsSchema = z.object({ userId: idSchema });

const roleGrantSchema = z.object({ role: z.enum(ROLES), unitId: idSchema.nullable() });

export const createUserBodySchema = z.object({
  username: usernameSchema,
  displayName: requiredName(200),
  email: z.email().max(200).nullable().default(null),
  personId: idSchema.nullable().default(null),
  roles: z.array(roleGrantSchema).min(1).max(20),
});

/** A new account gets a temporary password to hand over; it must be changed at first sign-in. */
export const createUserResponseSchema = z
  .object({ user: userAccountSchema, temporaryPassword: z.string() })
  .meta({ id: 'CreatedUser' });

export const updateUserBodySchema = z.object({
  displayName: requiredName(200).optional(),
  email: z.email().max(200).nullable().optional(),
  personId: idSchema.nullable().optional(),
  isDisabled: z.boolean().optional(),
  roles: z.array(roleGrantSchema).min(1).max(20).optional(),
  version: versionSchema,
});

export const passwordResetBodySchema = z.object({
  method: z.enum(['temporary_password', 'link']).default('temporary_password'),
});

/** What to hand to the person: a temporary password (forced change) or a one-time link. */
export const passwordResetResponseSchema = z
  .object({
    method: z.enum(['temporary_password', 'link']),
    temporaryPassword: z.string().nullable(),
    resetPath: z.string().nullable(),
    expiresAt: z.string(),
  })
  .meta({ id: 'PasswordReset' });
