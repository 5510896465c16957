import { GROUP_KINDS, MEMBER_ROLES } from '@caitien/core';
import { z } from 'zod';
import { idSchema, requiredName, userText, versionSchema } from './common.schemas.ts';

/** A person in a school's directory (need not have an account). */
export const personSchema = z
  .object({
    id: idSchema,
    schoolId: idSchema,
    fullName: z.string(),
    position: z.string(),
    email: z.string(),
    phone: z.string(),
    note: z.string(),
    isActive: z.boolean(),
    /** Account linked to this person, if any. */
    userId: idSchema.nullable(),
    groups: z.array(
      z.object({ groupId: idSchema, name: z.string(), memberRole: z.enum(MEMBER_ROLES) }),
    ),
    version: versionSchema,
  })
  .meta({ id: 'Person' });

export type Person = z.infer<typeof personSchema>;

export const personListSchema = z
  .object({ items: z.array(personSchema) })
  .meta({ id: 'PersonList' });

export const personParamsSchema = z.object({ schoolId: idSchema, personId: idSchema });

export const createPersonBodySchema = z.object({
  fullName: requiredName(200),
  position: userText(200).default(''),
  email: userText(200).default(''),
  phone: userText(50).default(''),
  note: userText(2000).default(''),
});

export const updatePersonBodySchema = z.object({
  fullName: requiredName(200).optional(),
  position: userText(200).optional(),
  email: userText(200).optional(),
  phone: userText(50).optional(),
  note: userText(2000).optional(),
  isActive: z.boolean().optional(),
  version: versionSchema,
});

const memberSchema = z.object({ personId: idSchema, memberRole: z.enum(MEMBER_ROLES) });

/** A group of the school (Ban giám hiệu, tổ chuyên môn, Hội đồng tự đánh giá, Tổ giám sát…). */
export const groupSchema = z
  .object({
    id: idSchema,
    schoolId: idSchema,
    kind: z.enum(GROUP_KINDS),
    name: z.string(),
    members: z.array(memberSchema.extend({ fullName: z.string(), position: z.string() })),
    version: versionSchema,
  })
  .meta({ id: 'Group' });

export type Group = z.infer<typeof groupSchema>;

export const groupListSchema = z.object({ items: z.array(groupSchema) }).meta({ id: 'GroupList' });

export const groupParamsSchema = z.object({ schoolId: idSchema, groupId: idSchema });

export const createGroupBodySchema = z.object({
  kind: z.enum(GROUP_KINDS),
  name: requiredName(200),
  members: z.array(memberSchema).max(500).default([]),
});

export const updateGroupBodySchema = z.object({
  name: requiredName(200).optional(),
  members: z.array(memberSchema).max(500).optional(),
  version: versionSchema,
});

/** Result of reading a staff Excel file: what would be created, and what was noticed. */
export const staffImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    sheetName: z.string(),
    rows: z.array(
      z.object({
        rowNumber: z.number().int(),
        fullName: z.string(),
        position: z.string(),
        groups: z.array(z.string()),
        email: z.string(),
        phone: z.string(),
        note: z.string(),
        /** An existing person with the same name (NFC, case-insensitive): not created again. */
        existingPersonId: idSchema.nullable(),
      }),
    ),
    issues: z.array(
      z.object({
        rowNumber: z.number().int().nullable(),
        severity: z.enum(['error', 'warning']),
        message: z.string(),
      }),
    ),
    unmappedColumns: z.array(z.string()),
    createdCount: z.number().int(),
    skippedExistingCount: z.number().int(),
  })
  .meta({ id: 'StaffImportResult' });

export const staffImportQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
