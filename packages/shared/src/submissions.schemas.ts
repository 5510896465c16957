import { RECIPIENT_STATES, SCHOOL_LEVELS, SUBMISSION_KINDS } from '@caitien/core';
import { z } from 'zod';
import { idSchema, versionSchema } from './common.schemas.ts';
import { calendarDateSchema } from './monitoring.schemas.ts';
import { schoolYearSchema } from './plans.schemas.ts';

/**
 * What a school sends to its supervising units (issue 14): the sealed snapshot of an approved plan,
 * an approved self-assessment or a closed review round's report, its state at each receiving
 * office, the offices' inbox, deadlines and the schools late or missing.
 */

const kindSchema = z.enum(SUBMISSION_KINDS, {
  error:
    'Loại văn bản phải là plan (kế hoạch), assessment (tự đánh giá) hoặc monitoring_report (báo cáo kết quả thực hiện).',
});
const stateSchema = z.enum(RECIPIENT_STATES, {
  error: 'Trạng thái phải là unread, read, commented hoặc accepted.',
});

export const submissionRecipientSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    state: stateSchema,
    readAt: z.string().nullable(),
    commentedAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    version: z.number().int(),
    /** Whether the caller may accept it (an officer of that unit or above, not yet accepted). */
    canAccept: z.boolean(),
  })
  .meta({ id: 'SubmissionRecipient' });

export const submissionSchema = z
  .object({
    id: z.string(),
    schoolId: z.string(),
    schoolName: z.string(),
    kind: kindSchema,
    documentId: z.string(),
    documentLineageId: z.string(),
    schoolYear: z.string(),
    title: z.string(),
    contentHash: z.string(),
    sentByName: z.string(),
    sentAt: z.string(),
    supersedesSubmissionId: z.string().nullable(),
    /** A newer submission of the same document replaced this one. */
    supersededBy: z.string().nullable(),
    /** Whether a DOCX can be rendered for it (`…/document`). */
    hasDocument: z.boolean(),
    recipients: z.array(submissionRecipientSchema),
  })
  .meta({ id: 'Submission' });

export const submissionParamsSchema = z.object({ submissionId: idSchema });
export const submissionRecipientParamsSchema = z.object({
  submissionId: idSchema,
  unitId: idSchema,
});

export const sendSubmissionBodySchema = z.object({
  kind: kindSchema,
  /** The approved plan or assessment (a revision's id), or the closed review round. */
  documentId: idSchema,
});

export const schoolSubmissionsQuerySchema = z.object({
  kind: kindSchema.optional(),
  documentId: idSchema.optional(),
});

export const schoolSubmissionListSchema = z
  .object({
    items: z.array(submissionSchema),
    /** Where the school's submissions go now (its profile's supervising units). */
    supervisingUnits: z.array(z.object({ id: z.string(), name: z.string() })),
    canSend: z.boolean(),
  })
  .meta({ id: 'SchoolSubmissionList' });

export const acceptSubmissionBodySchema = z.object({ version: versionSchema });

export const officeInboxQuerySchema = z.object({
  /** Only submissions addressed to this unit or below it (default: every unit the caller covers). */
  unitId: idSchema.optional(),
  communeId: idSchema.optional(),
  schoolLevel: z.enum(SCHOOL_LEVELS, { error: 'Cấp học không hợp lệ.' }).optional(),
  schoolYear: schoolYearSchema.optional(),
  state: stateSchema.optional(),
  kind: kindSchema.optional(),
  latestOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const officeInboxItemSchema = z
  .object({
    submissionId: z.string(),
    schoolId: z.string(),
    schoolName: z.string(),
    schoolLevels: z.array(z.string()),
    communeId: z.string().nullable(),
    communeName: z.string().nullable(),
    kind: kindSchema,
    schoolYear: z.string(),
    title: z.string(),
    contentHash: z.string(),
    sentByName: z.string(),
    sentAt: z.string(),
    superseded: z.boolean(),
    unitId: z.string(),
    unitName: z.string(),
    state: stateSchema,
    version: z.number().int(),
  })
  .meta({ id: 'OfficeInboxItem' });

export const officeInboxSchema = z
  .object({
    items: z.array(officeInboxItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** The units whose inbox the caller reads (for the unit picker and the deadline form). */
    units: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  })
  .meta({ id: 'OfficeInbox' });

export const officeDeadlineSchema = z
  .object({
    unitId: z.string(),
    schoolYear: z.string(),
    kind: kindSchema,
    dueDate: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'OfficeDeadline' });

export const officeDeadlinesQuerySchema = z.object({ schoolYear: schoolYearSchema.optional() });

export const officeDeadlineListSchema = z
  .object({ items: z.array(officeDeadlineSchema), canEdit: z.boolean() })
  .meta({ id: 'OfficeDeadlineList' });

export const setOfficeDeadlineBodySchema = z.object({
  schoolYear: schoolYearSchema,
  kind: kindSchema,
  /** null removes the deadline. */
  dueDate: calendarDateSchema.nullable(),
});

export const lateSchoolsQuerySchema = z.object({
  schoolYear: schoolYearSchema,
  kind: kindSchema.default('plan'),
});

export const lateSchoolsSchema = z
  .object({
    schoolYear: z.string(),
    kind: kindSchema,
    /** The unit's deadline (null: none set, so no school is late yet). */
    dueDate: z.string().nullable(),
    today: z.string(),
    totalSchools: z.number().int(),
    onTime: z.number().int(),
    items: z.array(
      z.object({
        schoolId: z.string(),
        schoolName: z.string(),
        communeName: z.string().nullable(),
        schoolLevels: z.array(z.string()),
        /** late: sent after the deadline; missing: not sent and the deadline passed; pending: not sent, still time. */
        status: z.enum(['late', 'missing', 'pending']),
        firstSentAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'LateSchools' });
