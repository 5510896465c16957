import { ROLES } from '@caitien/core';
import { z } from 'zod';
import { idSchema, requiredName, userText } from './common.schemas.ts';

/** A role held for a unit, as the API shows it. */
export const roleAssignmentSchema = z
  .object({
    role: z.enum(ROLES),
    unitId: idSchema.nullable(),
    unitName: z.string().nullable(),
    unitKind: z.string().nullable(),
  })
  .meta({ id: 'RoleAssignment' });

/** The signed-in user. */
export const currentUserSchema = z
  .object({
    id: idSchema,
    username: z.string(),
    email: z.string().nullable(),
    displayName: z.string(),
    personId: idSchema.nullable(),
    mustChangePassword: z.boolean(),
    roles: z.array(roleAssignmentSchema),
  })
  .meta({ id: 'CurrentUser' });

export const sessionResponseSchema = z
  .object({
    user: currentUserSchema,
    /** Send back as the `x-csrf-token` header on every state-changing request. */
    csrfToken: z.string(),
  })
  .meta({ id: 'Session' });

export const loginBodySchema = z.object({
  login: userText(200).min(1).describe('Username or e-mail'),
  password: z.string().min(1).max(200),
});

export const usernameSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(
    /^[A-Za-z0-9._-]+$/,
    'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang',
  );

export const setupStatusSchema = z.object({ needsSetup: z.boolean() }).meta({ id: 'SetupStatus' });

export const setupBodySchema = z.object({
  username: usernameSchema,
  displayName: requiredName(200),
  email: z.email().max(200).optional(),
  password: z.string().min(1).max(200),
});

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const resetPasswordWithTokenBodySchema = z.object({
  token: z.string().min(20).max(200),
  newPassword: z.string().min(1).max(200),
});

export const sessionInfoSchema = z
  .object({
    id: idSchema,
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    userAgent: z.string().nullable(),
    ipAddress: z.string().nullable(),
    isCurrent: z.boolean(),
  })
  .meta({ id: 'SessionInfo' });

export const sessionListSchema = z.object({ items: z.array(sessionInfoSchema) });

export const sessionParamsSchema = z.object({ sessionId: idSchema });

export const okSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });
