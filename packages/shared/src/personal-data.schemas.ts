import { z } from 'zod';
import { idSchema, requiredText } from './common.schemas.ts';

const auditLineSchema = z.object({
  id: idSchema,
  occurredAt: z.string(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
});

const personDataSchema = z.object({
  id: idSchema,
  schoolId: idSchema,
  fullName: z.string(),
  position: z.string(),
  email: z.string(),
  phone: z.string(),
  note: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  groups: z.array(z.object({ groupId: idSchema, name: z.string(), memberRole: z.string() })),
});

const accountDataSchema = z.object({
  account: z.object({
    id: idSchema,
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    personId: idSchema.nullable(),
    isDisabled: z.boolean(),
    mustChangePassword: z.boolean(),
    passwordChangedAt: z.string(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  roles: z.array(
    z.object({ role: z.string(), unitId: idSchema.nullable(), unitName: z.string().nullable() }),
  ),
  sessions: z.array(
    z.object({
      id: idSchema,
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      revokedAt: z.string().nullable(),
      userAgent: z.string().nullable(),
      ipAddress: z.string().nullable(),
    }),
  ),
  notificationPreferences: z.array(
    z.object({ kind: z.string(), inApp: z.boolean(), email: z.boolean() }),
  ),
  notifications: z.array(
    z.object({
      id: idSchema,
      kind: z.string(),
      title: z.string(),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
  mailOutbox: z.array(
    z.object({
      id: idSchema,
      toAddress: z.string(),
      subject: z.string(),
      status: z.string(),
      createdAt: z.string(),
    }),
  ),
  auditEntries: z.array(auditLineSchema),
  comments: z.array(
    z.object({
      id: idSchema,
      threadId: idSchema,
      authorName: z.string(),
      body: z.string(),
      createdAt: z.string(),
    }),
  ),
  progressEntries: z.array(
    z.object({
      id: idSchema,
      planId: idSchema,
      authorName: z.string(),
      entryDate: z.string(),
      recordedAt: z.string(),
      status: z.string().nullable(),
      percent: z.number().nullable(),
      result: z.string().nullable(),
      note: z.string(),
    }),
  ),
});

const registerLineSchema = z.object({
  table: z.string(),
  column: z.string(),
  category: z.string(),
  purpose: z.string(),
  legalBasis: z.string(),
  onErasure: z.string(),
});

/**
 * Everything the system holds about one person (NĐ 13/2023 Điều 9, Điều 14; issue 15): the
 * account (without password or token hashes) and what hangs off it, the staff-directory entry, the
 * audit entries about them, and how many rows elsewhere carry their id (`references`). `register`
 * says why each kind of field is kept and on what legal basis.
 */
export const personalDataExportSchema = z
  .object({
    formatVersion: z.literal(1),
    exportedAt: z.string(),
    subject: z.object({
      userId: idSchema.nullable(),
      personId: idSchema.nullable(),
      erased: z.boolean(),
    }),
    account: accountDataSchema.nullable(),
    person: personDataSchema.nullable(),
    auditAboutSubject: z.array(auditLineSchema),
    references: z.array(z.object({ table: z.string(), column: z.string(), count: z.number() })),
    register: z.array(registerLineSchema),
  })
  .meta({ id: 'PersonalDataExport' });

/** Why the data is erased (the request: who asked, when, how); recorded in the audit log. */
export const erasePersonalDataBodySchema = z.object({ reason: requiredText(500) });

/** What an erasure did. */
export const personalDataErasureSchema = z
  .object({
    userId: idSchema.nullable(),
    personId: idSchema.nullable(),
    displayName: z.string(),
    erasedAt: z.string(),
  })
  .meta({ id: 'PersonalDataErasure' });

export type PersonalDataExport = z.infer<typeof personalDataExportSchema>;
export type PersonalDataErasure = z.infer<typeof personalDataErasureSchema>;
