import {
  decide,
  isAdmin,
  RECIPIENT_STATE_LABELS,
  schoolDateOf,
  SUBMISSION_KIND_LABELS,
  type Actor,
  type CanonicalValue,
  type RecipientState,
  type SubmissionKind,
} from '@caitien/core';
import type { Repositories, SubmissionRecord, UnitRecord } from '@caitien/db';
import type {
  lateSchoolsQuerySchema,
  lateSchoolsSchema,
  officeDeadlineListSchema,
  officeInboxQuerySchema,
  officeInboxSchema,
  schoolSubmissionListSchema,
  schoolSubmissionsQuerySchema,
  sendSubmissionBodySchema,
  setOfficeDeadlineBodySchema,
  submissionSchema,
} from '@caitien/shared';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import { isUniqueViolation } from '../../kernel/unique-violation.ts';
import { sealContent } from '../../kernel/seal.ts';
import { systemContext, type ServiceContext } from '../../kernel/service-context.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { RenderedDocument } from '../plans/plan-document.service.ts';
import type { SubmissionNotifier } from './submission-notifier.ts';

type Submission = z.infer<typeof submissionSchema>;
type SendBody = z.infer<typeof sendSubmissionBodySchema>;
type SchoolList = z.infer<typeof schoolSubmissionListSchema>;
type SchoolListQuery = z.infer<typeof schoolSubmissionsQuerySchema>;
type InboxQuery = z.infer<typeof officeInboxQuerySchema>;
type Inbox = z.infer<typeof officeInboxSchema>;
type DeadlineList = z.infer<typeof officeDeadlineListSchema>;
type SetDeadlineBody = z.infer<typeof setOfficeDeadlineBodySchema>;
type LateQuery = z.infer<typeof lateSchoolsQuerySchema>;
type LateSchools = z.infer<typeof lateSchoolsSchema>;

const SCHOOL_NOT_FOUND = 'Không tìm thấy trường này.';
const SUBMISSION_NOT_FOUND = 'Không tìm thấy văn bản đã gửi này.';
const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị này.';
const SEND_FORBIDDEN =
  'Chỉ hiệu trưởng (và quản trị hệ thống) được gửi văn bản lên cơ quan quản lý.';
const READ_FORBIDDEN =
  'Chỉ hiệu trưởng và cơ quan quản lý nhận văn bản được xem các văn bản trường đã gửi.';
const OFFICE_ONLY = 'Chỉ cán bộ phòng/sở/xã (và quản trị hệ thống) có hộp văn bản đến.';
const DOCUMENT_NOT_FOUND: Record<SubmissionKind, string> = {
  plan: 'Không tìm thấy kế hoạch này trong trường.',
  assessment: 'Không tìm thấy báo cáo tự đánh giá này trong trường.',
  monitoring_report: 'Không tìm thấy đợt rà soát này trong trường.',
};

/** What a submission seals, resolved from the school's document. */
interface SealedDocument {
  documentId: string;
  lineageId: string;
  schoolYear: string;
  title: string;
  contentHash: string;
  snapshotJson: string;
}

/** What renders a submitted document (the existing document services, wired in build-app). */
export interface SubmissionDocumentRenderers {
  plan(ctx: ServiceContext, planId: string): Promise<RenderedDocument>;
  assessment(ctx: ServiceContext, assessmentId: string): Promise<RenderedDocument>;
  monitoringReport(ctx: ServiceContext, planId: string, roundId: string): Promise<RenderedDocument>;
  /** The review round's sealable content as it is now (its report's snapshot). */
  reviewRoundContent(
    ctx: ServiceContext,
    planId: string,
    roundId: string,
  ): Promise<{ content: CanonicalValue; version: number }>;
}

/** The office units an actor holds office_staff at (path and id). */
function officeAssignments(actor: Actor) {
  return actor.assignments.flatMap((a) =>
    a.role === 'office_staff' && a.unitPath && a.unitId
      ? [{ unitId: a.unitId, unitPath: a.unitPath }]
      : [],
  );
}

/** True when the actor reviews for the unit at `path` as an office (its unit or one above). */
function reviewsAsOffice(actor: Actor, path: string): boolean {
  return officeAssignments(actor).some((a) => path.startsWith(a.unitPath));
}

/**
 * Submission of the sealed snapshots to the supervising units, the office inbox, deadlines and the
 * late/missing schools (issue 14, part A). The principal sends (`plan.send`); office staff review
 * what is addressed to their unit or a unit below it (`office.review`) — never anything else: a
 * submission addressed elsewhere is 404 to them. States move only forward, by compare-and-set.
 */
export function createSubmissionService(deps: {
  repositories: Repositories;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditWriter;
  notify: SubmissionNotifier;
  renderers: SubmissionDocumentRenderers;
}) {
  const repos = deps.repositories;
  const now = () => deps.clock.now().toISOString();
  const today = () => schoolDateOf(deps.clock.now());

  async function loadSchool(ctx: ServiceContext, schoolId: string): Promise<UnitRecord> {
    const school = await repos.units.findById(schoolId);
    if (!school || school.kind !== 'school') throw new AppError('NOT_FOUND', SCHOOL_NOT_FOUND);
    const seen = decide(ctx.actor, 'school.read', school.path);
    if (!seen.allowed) throw new AppError('NOT_FOUND', SCHOOL_NOT_FOUND);
    return school;
  }

  async function loadOfficeUnit(ctx: ServiceContext, unitId: string): Promise<UnitRecord> {
    const unit = await repos.units.findById(unitId);
    if (!unit) throw new AppError('NOT_FOUND', UNIT_NOT_FOUND);
    const decision = decide(ctx.actor, 'office.review', unit.path);
    if (!decision.allowed) {
      if (decision.reason === 'not_found') throw new AppError('NOT_FOUND', UNIT_NOT_FOUND);
      throw new AppError('FORBIDDEN', OFFICE_ONLY);
    }
    return unit;
  }

  /** The sealed content of the document a school sends (409 when it is not sealed yet). */
  async function sealedDocument(school: UnitRecord, body: SendBody): Promise<SealedDocument> {
    const notFound = () => new AppError('NOT_FOUND', DOCUMENT_NOT_FOUND[body.kind]);
    switch (body.kind) {
      case 'plan': {
        const plan = await repos.plans.findPlan(body.documentId);
        if (!plan || plan.schoolId !== school.id) throw notFound();
        const snapshot =
          plan.status === 'approved' ? await repos.plans.findSnapshot(plan.id) : undefined;
        if (!snapshot)
          throw new AppError(
            'CONFLICT',
            'Chỉ gửi được kế hoạch đã phê duyệt (bản niêm phong). Hãy phê duyệt kế hoạch trước.',
            { status: plan.status },
          );
        return {
          documentId: plan.id,
          lineageId: plan.lineageId,
          schoolYear: plan.schoolYear,
          title: `Kế hoạch cải tiến chất lượng năm học ${plan.schoolYear}${
            plan.revisionNumber > 0 ? ` (điều chỉnh lần ${plan.revisionNumber})` : ''
          }`,
          contentHash: snapshot.contentHash,
          snapshotJson: snapshot.contentJson,
        };
      }
      case 'assessment': {
        const assessment = await repos.assessments.findAssessment(body.documentId);
        if (!assessment || assessment.schoolId !== school.id) throw notFound();
        const snapshot =
          assessment.status === 'approved'
            ? await repos.assessments.findSnapshot(assessment.id)
            : undefined;
        if (!snapshot)
          throw new AppError(
            'CONFLICT',
            'Chỉ gửi được báo cáo tự đánh giá đã phê duyệt. Hãy phê duyệt báo cáo trước.',
            { status: assessment.status },
          );
        return {
          documentId: assessment.id,
          lineageId: assessment.lineageId,
          schoolYear: assessment.schoolYear,
          title: `Báo cáo tự đánh giá năm học ${assessment.schoolYear}${
            assessment.revisionNumber > 0 ? ` (điều chỉnh lần ${assessment.revisionNumber})` : ''
          }`,
          contentHash: snapshot.contentHash,
          snapshotJson: snapshot.contentJson,
        };
      }
      case 'monitoring_report': {
        const round = await repos.reviewRounds.findRound(body.documentId);
        if (!round || round.schoolId !== school.id) throw notFound();
        if (round.status !== 'closed')
          throw new AppError(
            'CONFLICT',
            'Chỉ gửi được báo cáo của đợt rà soát đã kết thúc. Hãy kết thúc đợt rà soát trước.',
            { status: round.status },
          );
        const plan = await repos.plans.findPlan(round.planId);
        if (!plan) throw notFound();
        const { content } = await deps.renderers.reviewRoundContent(
          systemContext('Gửi văn bản'),
          round.planId,
          round.id,
        );
        const seal = sealContent(content);
        return {
          documentId: round.id,
          // A round is its own document: re-sending after it is reopened and closed again
          // supersedes the earlier report of the same round.
          lineageId: `review-round:${round.id}`,
          schoolYear: plan.schoolYear,
          title: `Báo cáo kết quả thực hiện kế hoạch cải tiến — ${round.label} (năm học ${plan.schoolYear})`,
          contentHash: seal.hash,
          snapshotJson: seal.json,
        };
      }
    }
  }

  /** The submissions as the API shows them, with their recipients (as the caller may act on them). */
  async function present(ctx: ServiceContext, list: SubmissionRecord[]): Promise<Submission[]> {
    if (list.length === 0) return [];
    const ids = list.map((s) => s.id);
    const [recipients, schools, supersededBy] = await Promise.all([
      repos.submissions.listRecipients(ids),
      repos.units.findByIds([...new Set(list.map((s) => s.schoolId))]),
      repos.submissions.listSupersedingIds(ids),
    ]);
    const schoolName = new Map(schools.map((s) => [s.id, s.name]));
    return list.map((s) => ({
      id: s.id,
      schoolId: s.schoolId,
      schoolName: schoolName.get(s.schoolId) ?? '',
      kind: s.kind as SubmissionKind,
      documentId: s.documentId,
      documentLineageId: s.documentLineageId,
      schoolYear: s.schoolYear,
      title: s.title,
      contentHash: s.contentHash,
      sentByName: s.sentByName,
      sentAt: s.sentAt,
      supersedesSubmissionId: s.supersedesSubmissionId,
      supersededBy: supersededBy.get(s.id) ?? null,
      hasDocument: true,
      recipients: recipients
        .filter((r) => r.submissionId === s.id)
        .map((r) => ({
          unitId: r.unitId,
          unitName: r.unitName,
          state: r.state as RecipientState,
          readAt: r.readAt,
          commentedAt: r.commentedAt,
          acceptedAt: r.acceptedAt,
          version: r.version,
          canAccept:
            r.state !== 'accepted' &&
            (isAdmin(ctx.actor) || reviewsAsOffice(ctx.actor, r.unitPath)),
        })),
    }));
  }

  /**
   * A submission the caller may see: the school's principal (and the administrator) see their
   * school's; office staff see those addressed to their unit or below. Anyone else: 404, except
   * a member of the school without the right to send, who is told so (403).
   */
  async function loadVisible(ctx: ServiceContext, submissionId: string) {
    const submission = await repos.submissions.findSubmission(submissionId);
    if (!submission) throw new AppError('NOT_FOUND', SUBMISSION_NOT_FOUND);
    const recipients = await repos.submissions.listRecipients([submission.id]);
    if (recipients.some((r) => reviewsAsOffice(ctx.actor, r.unitPath)))
      return { submission, recipients };
    const school = await repos.units.findById(submission.schoolId);
    if (!school) throw new AppError('NOT_FOUND', SUBMISSION_NOT_FOUND);
    const decision = decide(ctx.actor, 'plan.send', school.path);
    if (decision.allowed) return { submission, recipients };
    // Office staff above the school, but not addressed: as if it did not exist.
    if (decision.reason === 'not_found' || officeAssignments(ctx.actor).length > 0)
      throw new AppError('NOT_FOUND', SUBMISSION_NOT_FOUND);
    throw new AppError('FORBIDDEN', READ_FORBIDDEN);
  }

  async function principalsOf(schoolId: string): Promise<string[]> {
    const holders = await repos.notifications.listSchoolRoleHolders([schoolId], ['principal']);
    return holders.map((h) => h.userId);
  }

  async function notifyState(
    submission: SubmissionRecord,
    unitNames: string[],
    state: RecipientState,
  ): Promise<void> {
    if (unitNames.length === 0) return;
    await deps.notify({
      kind: 'submission_state',
      userIds: await principalsOf(submission.schoolId),
      schoolId: submission.schoolId,
      title: `${unitNames.join(', ')}: ${RECIPIENT_STATE_LABELS[state].toLowerCase()} văn bản`,
      body: `${unitNames.join(', ')} ${RECIPIENT_STATE_LABELS[state].toLowerCase()} “${submission.title}” của trường.`,
      link: `/truong/${submission.schoolId}/van-ban-da-gui`,
      dedupeKey: `submission_state:${submission.id}:${state}:${unitNames.join('|')}`,
    });
  }

  return {
    async send(ctx: ServiceContext, schoolId: string, body: SendBody): Promise<Submission> {
      const school = await loadSchool(ctx, schoolId);
      const decision = decide(ctx.actor, 'plan.send', school.path);
      if (!decision.allowed)
        throw new AppError(
          decision.reason === 'not_found' ? 'NOT_FOUND' : 'FORBIDDEN',
          decision.reason === 'not_found' ? SCHOOL_NOT_FOUND : SEND_FORBIDDEN,
        );
      const sealed = await sealedDocument(school, body);
      const profile = await repos.units.findProfile(school.id);
      const units = await repos.units.findByIds(profile?.supervisingUnitIds ?? []);
      const recipients = units.filter((u) => u.kind !== 'school');
      if (recipients.length === 0)
        throw new AppError(
          'VALIDATION_ERROR',
          'Hồ sơ trường chưa khai báo cơ quan quản lý trực tiếp (UBND xã/phường, Sở GD&ĐT). Hãy cập nhật hồ sơ trường trước khi gửi.',
        );
      const user = await repos.users.findById(ctx.actor.userId);
      const id = deps.ids.next();
      const sentAt = now();
      let created: SubmissionRecord;
      try {
        created = await repos.transaction(async (tx) => {
          const latest = await tx.submissions.findLatestInLineage(sealed.lineageId);
          if (
            latest &&
            latest.documentId === sealed.documentId &&
            latest.contentHash === sealed.contentHash
          )
            throw new AppError(
              'CONFLICT',
              `Văn bản này đã được gửi lúc ${latest.sentAt.slice(0, 10)}. Chỉ gửi lại được sau khi điều chỉnh, bổ sung và phê duyệt lại.`,
              { current: { submissionId: latest.id, sentAt: latest.sentAt } },
            );
          const record: SubmissionRecord = {
            id,
            schoolId: school.id,
            kind: body.kind,
            documentId: sealed.documentId,
            documentLineageId: sealed.lineageId,
            schoolYear: sealed.schoolYear,
            title: sealed.title,
            contentHash: sealed.contentHash,
            sentByUserId: ctx.actor.userId === 'system' ? null : ctx.actor.userId,
            sentByName: user?.displayName ?? ctx.audit.actorName,
            sentAt,
            supersedesSubmissionId: latest?.id ?? null,
          };
          await tx.submissions.insertSubmission(
            { ...record, snapshotJson: sealed.snapshotJson },
            recipients.map((u) => u.id),
          );
          await deps.audit(tx, ctx.audit, {
            action: 'submission.send',
            entityType: 'submission',
            entityId: id,
            unit: { id: school.id, path: school.path },
            summary: `Gửi “${sealed.title}” tới ${recipients.map((u) => u.name).join(', ')}`,
            after: {
              kind: body.kind,
              documentId: sealed.documentId,
              contentHash: sealed.contentHash,
              supersedes: latest?.id ?? null,
            },
          });
          return record;
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError(
            'CONFLICT',
            'Văn bản này vừa được gửi cùng lúc từ nơi khác. Hãy tải lại danh sách văn bản đã gửi.',
          );
        throw error;
      }
      const staff = await repos.submissions.listOfficeStaff(recipients.map((u) => u.id));
      await deps.notify({
        kind: 'submission_received',
        userIds: staff,
        schoolId: school.id,
        title: `${school.name} gửi ${SUBMISSION_KIND_LABELS[body.kind].toLowerCase()}`,
        body: `${school.name} đã gửi “${sealed.title}”${
          created.supersedesSubmissionId ? ' (bản thay thế bản đã gửi trước)' : ''
        }.`,
        link: `/hop-van-ban?van-ban=${id}`,
        dedupeKey: `submission_received:${id}`,
      });
      const [shown] = await present(ctx, [created]);
      return shown as Submission;
    },

    async listForSchool(
      ctx: ServiceContext,
      schoolId: string,
      query: SchoolListQuery,
    ): Promise<SchoolList> {
      const school = await loadSchool(ctx, schoolId);
      const canSend = decide(ctx.actor, 'plan.send', school.path).allowed;
      const asOffice = reviewsAsOffice(ctx.actor, school.path);
      if (!canSend && !asOffice && !isAdmin(ctx.actor))
        throw new AppError('FORBIDDEN', READ_FORBIDDEN);
      let list = await repos.submissions.listSchoolSubmissions(school.id, { kind: query.kind });
      if (query.documentId) list = list.filter((s) => s.documentId === query.documentId);
      let items = await present(ctx, list);
      // An office sees only what was addressed to it (or below it).
      if (!canSend) {
        const visible = new Set(
          (await repos.submissions.listRecipients(list.map((s) => s.id)))
            .filter((r) => reviewsAsOffice(ctx.actor, r.unitPath))
            .map((r) => r.submissionId),
        );
        items = items.filter((s) => visible.has(s.id));
      }
      const profile = await repos.units.findProfile(school.id);
      const supervising = await repos.units.findByIds(profile?.supervisingUnitIds ?? []);
      return {
        items,
        supervisingUnits: supervising
          .filter((u) => u.kind !== 'school')
          .map((u) => ({ id: u.id, name: u.name })),
        canSend,
      };
    },

    async get(ctx: ServiceContext, submissionId: string): Promise<Submission> {
      const { submission } = await loadVisible(ctx, submissionId);
      const [shown] = await present(ctx, [submission]);
      return shown as Submission;
    },

    /** An officer opens it: the unread recipients they review for become read. */
    async open(ctx: ServiceContext, submissionId: string): Promise<Submission> {
      const { submission, recipients } = await loadVisible(ctx, submissionId);
      const mine = recipients.filter(
        (r) => r.state === 'unread' && reviewsAsOffice(ctx.actor, r.unitPath),
      );
      if (mine.length > 0) {
        const changed = await repos.submissions.markRead({
          submissionId: submission.id,
          unitIds: mine.map((r) => r.unitId),
          userId: ctx.actor.userId,
          at: now(),
        });
        if (changed > 0)
          await notifyState(
            submission,
            mine.map((r) => r.unitName),
            'read',
          );
      }
      const [shown] = await present(ctx, [submission]);
      return shown as Submission;
    },

    async accept(
      ctx: ServiceContext,
      submissionId: string,
      unitId: string,
      version: number,
    ): Promise<Submission> {
      const { submission, recipients } = await loadVisible(ctx, submissionId);
      const recipient = recipients.find((r) => r.unitId === unitId);
      if (!recipient) throw new AppError('NOT_FOUND', 'Văn bản này không gửi tới đơn vị đó.');
      if (!isAdmin(ctx.actor) && !reviewsAsOffice(ctx.actor, recipient.unitPath)) {
        // The school (or another office) sees the submission but does not receive it there.
        throw new AppError(
          officeAssignments(ctx.actor).length > 0 ? 'NOT_FOUND' : 'FORBIDDEN',
          officeAssignments(ctx.actor).length > 0
            ? 'Văn bản này không gửi tới đơn vị đó.'
            : 'Chỉ cơ quan nhận văn bản được tiếp nhận văn bản.',
        );
      }
      const done = await repos.transaction(async (tx) => {
        const ok = await tx.submissions.accept({
          submissionId: submission.id,
          unitId,
          version,
          userId: ctx.actor.userId,
          at: now(),
        });
        if (!ok) return false;
        await deps.audit(tx, ctx.audit, {
          action: 'submission.accept',
          entityType: 'submission',
          entityId: submission.id,
          unit: { id: recipient.unitId, path: recipient.unitPath },
          summary: `${recipient.unitName} tiếp nhận “${submission.title}”`,
        });
        return true;
      });
      const [current] = await present(ctx, [submission]);
      if (!done)
        throw new AppError(
          'CONFLICT',
          recipient.state === 'accepted'
            ? 'Văn bản này đã được tiếp nhận.'
            : 'Trạng thái văn bản vừa thay đổi. Hãy xem lại rồi thử lại.',
          { current },
        );
      await notifyState(submission, [recipient.unitName], 'accepted');
      return current as Submission;
    },

    /** The sealed snapshot as stored (its SHA-256 is the submission's content hash). */
    async snapshot(ctx: ServiceContext, submissionId: string): Promise<RenderedDocument> {
      const { submission } = await loadVisible(ctx, submissionId);
      const json = (await repos.submissions.findSnapshotJson(submission.id)) ?? '{}';
      return {
        bytes: Buffer.from(json, 'utf8'),
        contentType: 'application/json; charset=utf-8',
        fileName: `${submission.title} - ${submission.contentHash.slice(0, 12)}.json`,
        warnings: [],
      };
    },

    /**
     * The DOCX of the submitted document through the existing document services. A plan or an
     * assessment revision is immutable once approved, so its document is the snapshot's; a review
     * round reopened since it was sent no longer is (409).
     */
    async document(ctx: ServiceContext, submissionId: string): Promise<RenderedDocument> {
      const { submission } = await loadVisible(ctx, submissionId);
      // Access was decided on the submission: an office reads what was sent to it.
      const sys = systemContext('Văn bản đã gửi', ctx.actor.userId);
      const kind = submission.kind as SubmissionKind;
      switch (kind) {
        case 'plan':
          return deps.renderers.plan(sys, submission.documentId);
        case 'assessment':
          return deps.renderers.assessment(sys, submission.documentId);
        case 'monitoring_report': {
          const round = await repos.reviewRounds.findRound(submission.documentId);
          if (!round) throw new AppError('NOT_FOUND', SUBMISSION_NOT_FOUND);
          const { content } = await deps.renderers.reviewRoundContent(sys, round.planId, round.id);
          if (sealContent(content).hash !== submission.contentHash)
            throw new AppError(
              'CONFLICT',
              'Đợt rà soát đã được mở lại và thay đổi sau khi gửi; bản Word hiện tại không còn là bản đã gửi. Hãy tải bản niêm phong (JSON).',
            );
          return deps.renderers.monitoringReport(sys, round.planId, round.id);
        }
      }
    },

    async inbox(ctx: ServiceContext, query: InboxQuery): Promise<Inbox> {
      const offices = officeAssignments(ctx.actor);
      const admin = isAdmin(ctx.actor);
      if (!admin && offices.length === 0) throw new AppError('FORBIDDEN', OFFICE_ONLY);
      const unit = query.unitId ? await loadOfficeUnit(ctx, query.unitId) : null;
      let communePath: string | undefined;
      if (query.communeId) {
        const commune = await repos.units.findById(query.communeId);
        if (!commune || !decide(ctx.actor, 'unit.read', commune.path).allowed)
          throw new AppError('NOT_FOUND', UNIT_NOT_FOUND);
        communePath = commune.path;
      }
      const page = await repos.submissions.listInbox({
        scopePaths: admin ? null : offices.map((o) => o.unitPath),
        unitPath: unit?.path,
        schoolPathPrefix: communePath,
        schoolLevel: query.schoolLevel,
        schoolYear: query.schoolYear,
        state: query.state,
        kind: query.kind,
        latestOnly: query.latestOnly,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      const units = await repos.units.findByIds(offices.map((o) => o.unitId));
      return {
        items: page.items.map((i) => ({
          submissionId: i.submission.id,
          schoolId: i.submission.schoolId,
          schoolName: i.schoolName,
          schoolLevels: i.schoolLevels,
          communeId: i.communeId,
          communeName: i.communeName,
          kind: i.submission.kind as SubmissionKind,
          schoolYear: i.submission.schoolYear,
          title: i.submission.title,
          contentHash: i.submission.contentHash,
          sentByName: i.submission.sentByName,
          sentAt: i.submission.sentAt,
          superseded: i.superseded,
          unitId: i.recipient.unitId,
          unitName: i.unitName,
          state: i.recipient.state as RecipientState,
          version: i.recipient.version,
        })),
        total: page.total,
        page: query.page,
        pageSize: query.pageSize,
        units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
      };
    },

    async deadlines(
      ctx: ServiceContext,
      unitId: string,
      schoolYear: string | undefined,
    ): Promise<DeadlineList> {
      const unit = await loadOfficeUnit(ctx, unitId);
      const items = await repos.submissions.listDeadlines([unit.id], schoolYear);
      return {
        items: items.map((d) => ({
          unitId: d.unitId,
          schoolYear: d.schoolYear,
          kind: d.kind as SubmissionKind,
          dueDate: d.dueDate,
          updatedAt: d.updatedAt,
        })),
        canEdit: true,
      };
    },

    async setDeadline(
      ctx: ServiceContext,
      unitId: string,
      body: SetDeadlineBody,
    ): Promise<DeadlineList> {
      const unit = await loadOfficeUnit(ctx, unitId);
      if (unit.kind === 'school')
        throw new AppError(
          'VALIDATION_ERROR',
          'Hạn nộp do cơ quan quản lý đặt, không đặt cho một trường.',
        );
      await repos.transaction(async (tx) => {
        if (body.dueDate === null)
          await tx.submissions.deleteDeadline(unit.id, body.schoolYear, body.kind);
        else
          await tx.submissions.upsertDeadline({
            unitId: unit.id,
            schoolYear: body.schoolYear,
            kind: body.kind,
            dueDate: body.dueDate,
            setByUserId: ctx.actor.userId === 'system' ? null : ctx.actor.userId,
            updatedAt: now(),
          });
        await deps.audit(tx, ctx.audit, {
          action: 'office.deadline',
          entityType: 'office_deadline',
          entityId: `${unit.id}:${body.schoolYear}:${body.kind}`,
          unit: { id: unit.id, path: unit.path },
          summary:
            body.dueDate === null
              ? `Bỏ hạn nộp ${SUBMISSION_KIND_LABELS[body.kind].toLowerCase()} năm học ${body.schoolYear}`
              : `Hạn nộp ${SUBMISSION_KIND_LABELS[body.kind].toLowerCase()} năm học ${body.schoolYear}: ${body.dueDate}`,
          after: body,
        });
      });
      return this.deadlines(ctx, unitId, body.schoolYear);
    },

    /**
     * The schools under the unit that did not send in time: `late` (first sent after the deadline),
     * `missing` (not sent, deadline passed), `pending` (not sent, still time or no deadline). The
     * deadline is the unit's own, else the nearest one set above it.
     */
    async lateSchools(ctx: ServiceContext, unitId: string, query: LateQuery): Promise<LateSchools> {
      const unit = await loadOfficeUnit(ctx, unitId);
      const ancestorIds = unit.path.split('/').filter(Boolean);
      const deadlines = await repos.submissions.listDeadlines(ancestorIds, query.schoolYear);
      const own = deadlines
        .filter((d) => d.kind === query.kind)
        .sort((a, b) => ancestorIds.indexOf(b.unitId) - ancestorIds.indexOf(a.unitId))[0];
      const dueDate = own?.dueDate ?? null;
      const day = today();
      const schools = await repos.submissions.listSchoolSends({
        path: unit.path,
        schoolYear: query.schoolYear,
        kind: query.kind,
      });
      const items: LateSchools['items'] = [];
      let onTime = 0;
      for (const s of schools) {
        let status: LateSchools['items'][number]['status'] | null;
        if (s.firstSentAt === null)
          status = dueDate !== null && day > dueDate ? 'missing' : 'pending';
        else if (dueDate !== null && schoolDateOf(new Date(s.firstSentAt)) > dueDate)
          status = 'late';
        else status = null;
        if (status === null) {
          onTime += 1;
          continue;
        }
        items.push({
          schoolId: s.schoolId,
          schoolName: s.schoolName,
          communeName: s.communeName,
          schoolLevels: s.schoolLevels,
          status,
          firstSentAt: s.firstSentAt,
        });
      }
      return {
        schoolYear: query.schoolYear,
        kind: query.kind,
        dueDate,
        today: day,
        totalSchools: schools.length,
        onTime,
        items,
      };
    },
  };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;
