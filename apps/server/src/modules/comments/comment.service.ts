import {
  COMMENT_SIDES,
  decide,
  decideAssessment,
  isAdmin,
  decidePlan,
  NOTIFICATION_KINDS,
  parsePeople,
  SUBMISSION_KIND_LABELS,
  THREAD_STATUSES,
  type CommentSide,
  type CommentTarget,
  type NotificationKind,
  type SubmissionKind,
  type ThreadStatus,
} from '@caitien/core';
import type { CommentRecord, CommentThreadRecord, Repositories } from '@caitien/db';
import type { CommentThread, CommentThreadList } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { staleVersion } from '../../kernel/versioned-write.ts';
import { messageIdFor } from '../../jobs/reminder-job.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';

export const DOCUMENT_NOT_FOUND = 'Không tìm thấy văn bản này.';
export const THREAD_NOT_FOUND = 'Không tìm thấy cuộc trao đổi góp ý này.';
const ROW_NOT_FOUND = 'Không tìm thấy dòng này trong kế hoạch.';
const CRITERION_NOT_FOUND = 'Không tìm thấy tiêu chí này trong báo cáo tự đánh giá.';
const START_FORBIDDEN =
  'Chỉ cán bộ cơ quan quản lý (Sở GD&ĐT, UBND xã/phường) phụ trách trường được mở góp ý.';
const REPLY_FORBIDDEN =
  'Chỉ cán bộ cơ quan quản lý phụ trách trường, hiệu trưởng, thành viên Hội đồng tự đánh giá và Tổ giám sát được trả lời góp ý.';
const NOT_SEALED =
  'Chỉ góp ý được trên văn bản đã phê duyệt (đã khóa): kế hoạch hoặc báo cáo tự đánh giá đã phê duyệt, đợt rà soát đã kết thúc.';

const SCHOOL_REPLY_ROLES = new Set(['principal', 'council_member', 'monitoring_member']);
const isSide = (s: string): s is CommentSide => (COMMENT_SIDES as readonly string[]).includes(s);
const isStatus = (s: string): s is ThreadStatus =>
  (THREAD_STATUSES as readonly string[]).includes(s);
const isKind = (s: string): s is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(s);

/** What the office's comment tells the one who wires it (A's `markCommented`). */
export interface OfficeCommentInfo {
  schoolId: string;
  documentKind: SubmissionKind;
  documentId: string;
  officeUnitId: string;
  at: string;
  userId: string;
}

/** The e-mail of a comment: the message, the link, and where to turn it off. */
function mailText(body: string, link: string, publicUrl: string | null): string {
  const where = publicUrl ? `${publicUrl}${link}` : `CaiTien, đường dẫn ${link}`;
  return [
    body,
    '',
    `Xem và trả lời: ${where}`,
    '',
    '—',
    'Thư này do CaiTien gửi tự động. Bạn có thể tắt loại thông báo “góp ý” trong mục “Thông báo” của tài khoản.',
  ].join('\n');
}

/** The commented document, resolved and checked for reading. */
interface DocumentScope {
  kind: SubmissionKind;
  id: string;
  schoolId: string;
  schoolPath: string;
  schoolName: string;
  /** Every id whose threads show with this one (the revisions of its lineage; a round alone). */
  relatedIds: string[];
  /** Sealed: an approved plan or assessment, a closed review round. */
  sealed: boolean;
  /** The plan whose rows a plan_row thread points at (plan, monitoring report). */
  planId: string | null;
  /** Where the web shows it. */
  link: string;
  title: string;
}

/**
 * The offices' comments (issue 14 "Comments (coaching)"). Office staff whose unit covers the school
 * (`office.review`) start threads on a sealed document, one plan row (kept by the row's track, so it
 * follows the row across revisions) or one criterion, and reply; the school's principal, council and
 * monitoring team (`comment.reply`) reply; either side marks a thread resolved or open (versioned,
 * 409 when stale); a reply reopens it. Whoever reads the document reads its threads (staff included,
 * through `plan.read`); anyone else gets 404. Comments live in their own tables: the sealed document,
 * its hash, version and content sequence never change.
 *
 * Notifications (kind `comment_posted`, in the app and, when SMTP is configured and the person wants
 * it, by e-mail through the outbox): an office comment → the principal, the school-side participants
 * and, on a row, the accounts linked to its lead and coordinators; a school reply → the office staff
 * who took part in the thread.
 */
export function createCommentService(deps: {
  repositories: Repositories;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditWriter;
  /** Null: no SMTP configured, notifications stay in the app. */
  mail: { from: string; publicUrl: string | null } | null;
  /** Called after each office comment is stored (the lead wires submissions' markCommented). */
  onOfficeComment?: (info: OfficeCommentInfo) => Promise<void> | void;
}) {
  const repos = deps.repositories;
  const now = () => deps.clock.now().toISOString();

  async function schoolOf(schoolId: string) {
    const school = await repos.units.findById(schoolId);
    if (!school) throw new AppError('NOT_FOUND', DOCUMENT_NOT_FOUND);
    return school;
  }

  const notFound = () => new AppError('NOT_FOUND', DOCUMENT_NOT_FOUND);

  async function loadDocument(
    ctx: ServiceContext,
    kind: SubmissionKind,
    documentId: string,
  ): Promise<DocumentScope> {
    switch (kind) {
      case 'plan': {
        const plan = await repos.plans.findPlan(documentId);
        if (!plan) throw notFound();
        const school = await schoolOf(plan.schoolId);
        if (
          !decidePlan(ctx.actor, 'read', { schoolPath: school.path, status: plan.status }).allowed
        )
          throw notFound();
        const lineage = await repos.plans.listLineage(plan.lineageId);
        return {
          kind,
          id: plan.id,
          schoolId: school.id,
          schoolPath: school.path,
          schoolName: school.name,
          relatedIds: lineage.map((p) => p.id),
          sealed: plan.status === 'approved',
          planId: plan.id,
          link: `/ke-hoach/${encodeURIComponent(plan.id)}`,
          title: `Kế hoạch cải tiến chất lượng năm học ${plan.schoolYear}`,
        };
      }
      case 'assessment': {
        const assessment = await repos.assessments.findAssessment(documentId);
        if (!assessment) throw notFound();
        const school = await schoolOf(assessment.schoolId);
        const subject = { schoolPath: school.path, status: assessment.status };
        if (!decideAssessment(ctx.actor, 'read', subject).allowed) throw notFound();
        const lineage = await repos.assessments.listLineage(assessment.lineageId);
        return {
          kind,
          id: assessment.id,
          schoolId: school.id,
          schoolPath: school.path,
          schoolName: school.name,
          relatedIds: lineage.map((a) => a.id),
          sealed: assessment.status === 'approved',
          planId: null,
          link: `/tu-danh-gia/${encodeURIComponent(assessment.id)}`,
          title: `Báo cáo tự đánh giá năm học ${assessment.schoolYear}`,
        };
      }
      case 'monitoring_report': {
        const round = await repos.reviewRounds.findRound(documentId);
        if (!round) throw notFound();
        const plan = await repos.plans.findPlan(round.planId);
        if (!plan) throw notFound();
        const school = await schoolOf(plan.schoolId);
        if (
          !decidePlan(ctx.actor, 'read', { schoolPath: school.path, status: plan.status }).allowed
        )
          throw notFound();
        return {
          kind,
          id: round.id,
          schoolId: school.id,
          schoolPath: school.path,
          schoolName: school.name,
          relatedIds: [round.id],
          sealed: round.status === 'closed',
          planId: plan.id,
          // The round's screen on the plan's "Rà soát" section, where its "Góp ý" is.
          link: `/ke-hoach/${encodeURIComponent(plan.id)}?muc=ra-soat&dot=${encodeURIComponent(round.id)}`,
          title: `Báo cáo kết quả thực hiện kế hoạch cải tiến (${round.label})`,
        };
      }
    }
  }

  /**
   * Which side the actor writes for at this school: the office (an office_staff assignment covering
   * it; the deepest such unit names the thread's office), the school (principal, council or
   * monitoring team of this very school), or neither (reads only). The administrator writes as
   * the office at the top of the school's tree.
   */
  function sideOf(
    ctx: ServiceContext,
    doc: Pick<DocumentScope, 'schoolId' | 'schoolPath'>,
  ): { side: CommentSide; unitId: string } | null {
    // The administrator, who may do everything, writes for the school's top office (the Sở).
    if (isAdmin(ctx.actor)) {
      const root = doc.schoolPath.split('/').find((part) => part !== '');
      return root ? { side: 'office', unitId: root } : null;
    }
    const offices = ctx.actor.assignments.filter(
      (a) =>
        a.role === 'office_staff' &&
        a.unitId !== null &&
        a.unitPath !== null &&
        doc.schoolPath.startsWith(a.unitPath),
    );
    if (offices.length > 0 && decide(ctx.actor, 'office.review', doc.schoolPath).allowed) {
      const deepest = offices.reduce((a, b) =>
        (b.unitPath ?? '').length > (a.unitPath ?? '').length ? b : a,
      );
      return { side: 'office', unitId: deepest.unitId as string };
    }
    const own = ctx.actor.assignments.some(
      (a) => a.unitId === doc.schoolId && SCHOOL_REPLY_ROLES.has(a.role),
    );
    if (own && decide(ctx.actor, 'comment.reply', doc.schoolPath).allowed)
      return { side: 'school', unitId: doc.schoolId };
    return null;
  }

  async function unitNames(ids: Iterable<string>): Promise<Map<string, string>> {
    const units = await repos.units.findByIds([...new Set(ids)]);
    return new Map(units.map((u) => [u.id, u.name]));
  }

  function toThread(
    ctx: ServiceContext,
    thread: CommentThreadRecord,
    comments: CommentRecord[],
    names: Map<string, string>,
    rowIdOfTrack: Map<string, string>,
  ): CommentThread {
    return {
      id: thread.id,
      schoolId: thread.schoolId,
      documentKind: thread.documentKind as SubmissionKind,
      documentId: thread.documentId,
      target: thread.target as CommentTarget,
      targetRef: thread.targetRef,
      rowId: thread.target === 'plan_row' ? (rowIdOfTrack.get(thread.targetRef) ?? null) : null,
      targetLabel: thread.targetLabel,
      officeUnitId: thread.officeUnitId,
      officeUnitName: names.get(thread.officeUnitId) ?? '',
      status: isStatus(thread.status) ? thread.status : 'open',
      createdAt: thread.createdAt,
      updatedAt: thread.updatedAt,
      version: thread.version,
      comments: comments.map((c) => ({
        id: c.id,
        side: isSide(c.side) ? c.side : 'office',
        authorName: c.authorName,
        unitName: names.get(c.unitId) ?? '',
        body: c.body,
        createdAt: c.createdAt,
        mine: c.authorUserId === ctx.actor.userId,
      })),
    };
  }

  /** Track id → row id in the plan shown with the document (empty for an assessment). */
  async function rowIdsOf(doc: DocumentScope): Promise<Map<string, string>> {
    if (!doc.planId) return new Map();
    const rows = await repos.plans.listRows(doc.planId);
    return new Map(rows.map((r) => [r.trackId, r.id]));
  }

  async function threadView(
    ctx: ServiceContext,
    doc: DocumentScope,
    threadId: string,
  ): Promise<CommentThread> {
    const thread = await repos.comments.findThread(threadId);
    if (!thread) throw new AppError('NOT_FOUND', THREAD_NOT_FOUND);
    const comments = await repos.comments.listComments([thread.id]);
    const names = await unitNames([thread.officeUnitId, ...comments.map((c) => c.unitId)]);
    return toThread(ctx, thread, comments, names, await rowIdsOf(doc));
  }

  /** The thread and its document, or 404 when the caller cannot read the document. */
  async function loadThread(ctx: ServiceContext, threadId: string) {
    const thread = await repos.comments.findThread(threadId);
    if (!thread) throw new AppError('NOT_FOUND', THREAD_NOT_FOUND);
    let doc: DocumentScope;
    try {
      doc = await loadDocument(ctx, thread.documentKind as SubmissionKind, thread.documentId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND')
        throw new AppError('NOT_FOUND', THREAD_NOT_FOUND);
      throw error;
    }
    return { thread, doc };
  }

  async function authorName(ctx: ServiceContext): Promise<string> {
    const user = await repos.users.findById(ctx.actor.userId);
    return user?.displayName ?? ctx.audit.actorName;
  }

  /** Where a thread opens in the web app. */
  const threadLink = (doc: DocumentScope, thread: CommentThreadRecord) => {
    if (thread.target === 'criterion')
      return `/tu-danh-gia/${encodeURIComponent(doc.id)}?muc=tieu-chi&tc=${encodeURIComponent(thread.targetRef)}`;
    return `${doc.link}${doc.link.includes('?') ? '&' : '?'}gop-y=${encodeURIComponent(thread.id)}`;
  };

  /** The accounts linked (through the directory) to a plan row's lead and coordinators. */
  async function rowAssignees(doc: DocumentScope, trackId: string): Promise<string[]> {
    if (!doc.planId) return [];
    const rows = await repos.plans.listRows(doc.planId);
    const row = rows.find((r) => r.trackId === trackId);
    if (!row) return [];
    const [people, groups, linked] = await Promise.all([
      repos.people.listPeople(doc.schoolId),
      repos.people.listGroups(doc.schoolId),
      repos.notifications.listLinkedUsersOfSchool(doc.schoolId),
    ]);
    const directory = {
      people: people.map((p) => ({ id: p.id, fullName: p.fullName, position: p.position })),
      groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        kind: g.kind,
        memberIds: g.members.map((m) => m.personId),
      })),
    };
    const parsed = parsePeople(row.leadText, directory, {
      ...(row.coordinatorsText.trim() ? { coordinatorsText: row.coordinatorsText } : {}),
    }).value;
    const personIds = [
      ...(parsed?.lead?.personIds ?? []),
      ...(parsed?.coordinators.flatMap((c) => c.personIds) ?? []),
    ];
    return personIds.flatMap((id) => {
      const user = linked.get(id);
      return user ? [user] : [];
    });
  }

  /** Records `comment_posted` for each recipient (not the author), in the app and by e-mail. */
  async function notify(input: {
    doc: DocumentScope;
    thread: CommentThreadRecord;
    comment: CommentRecord;
    recipients: string[];
  }): Promise<void> {
    const { doc, thread, comment } = input;
    const recipients = [...new Set(input.recipients)].filter((u) => u !== comment.authorUserId);
    if (recipients.length === 0) return;
    const repo = repos.notifications;
    const stored = await repo.listPreferences(recipients);
    const prefer = (userId: string) => {
      const p = (stored.get(userId) ?? []).find(
        (x) => isKind(x.kind) && x.kind === 'comment_posted',
      );
      return { inApp: p?.inApp ?? true, email: p?.email ?? true };
    };
    const emails = deps.mail ? await repo.listUserEmails(recipients) : new Map<string, string>();
    const fromOffice = comment.side === 'office';
    const title = fromOffice
      ? `Góp ý mới của ${(await unitNames([comment.unitId])).get(comment.unitId) ?? 'cơ quan quản lý'}`
      : `${doc.schoolName} đã trả lời góp ý`;
    const excerpt = comment.body.length > 300 ? `${comment.body.slice(0, 297)}…` : comment.body;
    const body = `${doc.title} — ${thread.targetLabel}. ${comment.authorName}: “${excerpt}”`;
    const link = threadLink(doc, thread);
    for (const userId of recipients) {
      const choice = prefer(userId);
      const dedupeKey = `comment_posted:${comment.id}:${userId}`;
      let notificationId: string | null = null;
      if (choice.inApp) {
        const id = deps.ids.next();
        const inserted = await repo.insertNotificationIfAbsent({
          id,
          userId,
          schoolId: doc.schoolId,
          kind: 'comment_posted',
          title,
          body,
          link,
          dedupeKey,
          createdAt: comment.createdAt,
          readAt: null,
        });
        notificationId = inserted ? id : null;
      }
      const address = emails.get(userId);
      if (deps.mail && choice.email && address) {
        await repo.enqueueMailIfAbsent({
          id: deps.ids.next(),
          notificationId,
          userId,
          toAddress: address,
          subject: `[CaiTien] ${title}`,
          bodyText: mailText(body, link, deps.mail.publicUrl),
          dedupeKey,
          messageId: messageIdFor(dedupeKey, deps.mail.from),
          nextAttemptAt: comment.createdAt,
          createdAt: comment.createdAt,
        });
      }
    }
  }

  /** Who hears of a new comment in the thread. */
  async function recipientsOf(
    doc: DocumentScope,
    thread: CommentThreadRecord,
    comment: CommentRecord,
  ): Promise<string[]> {
    const comments = await repos.comments.listComments([thread.id]);
    if (comment.side === 'office') {
      const principals = await repos.notifications.listSchoolRoleHolders(
        [doc.schoolId],
        ['principal'],
      );
      const schoolSide = comments.filter((c) => c.side === 'school').map((c) => c.authorUserId);
      const assignees =
        thread.target === 'plan_row' ? await rowAssignees(doc, thread.targetRef) : [];
      return [
        ...principals.map((p) => p.userId),
        ...schoolSide.flatMap((u) => (u ? [u] : [])),
        ...assignees,
      ];
    }
    const officeSide = comments.filter((c) => c.side === 'office').map((c) => c.authorUserId);
    return [
      ...(thread.createdByUserId ? [thread.createdByUserId] : []),
      ...officeSide.flatMap((u) => (u ? [u] : [])),
    ];
  }

  async function afterComment(
    doc: DocumentScope,
    thread: CommentThreadRecord,
    comment: CommentRecord,
  ): Promise<void> {
    await notify({ doc, thread, comment, recipients: await recipientsOf(doc, thread, comment) });
    if (comment.side === 'office' && deps.onOfficeComment)
      await deps.onOfficeComment({
        schoolId: doc.schoolId,
        documentKind: doc.kind,
        documentId: thread.documentId,
        officeUnitId: comment.unitId,
        at: comment.createdAt,
        userId: comment.authorUserId ?? '',
      });
  }

  /** The thread's target, checked against the document: its ref and its label. */
  async function targetOf(
    doc: DocumentScope,
    target: CommentTarget,
    ref: string | undefined,
  ): Promise<{ ref: string; label: string }> {
    const wrong = (message: string) => new AppError('VALIDATION_ERROR', message);
    switch (target) {
      case 'document':
        return { ref: '', label: `Cả văn bản: ${SUBMISSION_KIND_LABELS[doc.kind]}` };
      case 'plan_row': {
        if (!doc.planId)
          throw wrong('Chỉ góp ý theo dòng trên kế hoạch hoặc báo cáo kết quả thực hiện.');
        if (!ref) throw wrong('Hãy chọn dòng kế hoạch cần góp ý.');
        const rows = await repos.plans.listRows(doc.planId);
        const index = rows.findIndex((r) => r.trackId === ref || r.id === ref);
        const row = rows[index];
        if (!row) throw new AppError('NOT_FOUND', ROW_NOT_FOUND);
        const criterion = row.criterionCode ? ` – Tiêu chí ${row.criterionCode}` : '';
        return { ref: row.trackId, label: `Dòng ${index + 1}${criterion}` };
      }
      case 'criterion': {
        if (doc.kind !== 'assessment')
          throw wrong('Chỉ góp ý theo tiêu chí trên báo cáo tự đánh giá.');
        if (!ref) throw wrong('Hãy chọn tiêu chí cần góp ý.');
        const criterion = await repos.assessments.findCriterion(doc.id, ref);
        if (!criterion) throw new AppError('NOT_FOUND', CRITERION_NOT_FOUND);
        return { ref: criterion.criterionCode, label: `Tiêu chí ${criterion.criterionCode}` };
      }
    }
  }

  return {
    async list(
      ctx: ServiceContext,
      kind: SubmissionKind,
      documentId: string,
    ): Promise<CommentThreadList> {
      const doc = await loadDocument(ctx, kind, documentId);
      const threads = await repos.comments.listThreads(doc.schoolId, kind, doc.relatedIds);
      const comments = await repos.comments.listComments(threads.map((t) => t.id));
      const names = await unitNames([
        ...threads.map((t) => t.officeUnitId),
        ...comments.map((c) => c.unitId),
      ]);
      const byThread = new Map<string, CommentRecord[]>();
      for (const c of comments) byThread.set(c.threadId, [...(byThread.get(c.threadId) ?? []), c]);
      const counts: CommentThreadList['counts'] = {
        document: { total: 0, open: 0 },
        rows: {},
        rowsById: {},
        criteria: {},
      };
      const rowIds = await rowIdsOf(doc);
      for (const t of threads) {
        const bucket =
          t.target === 'plan_row'
            ? (counts.rows[t.targetRef] ??= { total: 0, open: 0 })
            : t.target === 'criterion'
              ? (counts.criteria[t.targetRef] ??= { total: 0, open: 0 })
              : counts.document;
        bucket.total += 1;
        if (t.status === 'open') bucket.open += 1;
        const rowId = t.target === 'plan_row' ? rowIds.get(t.targetRef) : undefined;
        if (rowId) {
          const byId = (counts.rowsById[rowId] ??= { total: 0, open: 0 });
          byId.total += 1;
          if (t.status === 'open') byId.open += 1;
        }
      }
      const side = sideOf(ctx, doc);
      return {
        schoolId: doc.schoolId,
        documentKind: kind,
        documentId: doc.id,
        canStart: side?.side === 'office' && doc.sealed,
        canReply: side !== null,
        threads: threads.map((t) => toThread(ctx, t, byThread.get(t.id) ?? [], names, rowIds)),
        counts,
      };
    },

    async create(
      ctx: ServiceContext,
      kind: SubmissionKind,
      documentId: string,
      body: { target: CommentTarget; targetRef?: string | undefined; body: string },
    ): Promise<CommentThread> {
      const doc = await loadDocument(ctx, kind, documentId);
      const side = sideOf(ctx, doc);
      if (side?.side !== 'office')
        throw new AppError('FORBIDDEN', START_FORBIDDEN, { action: 'office.review' });
      if (!doc.sealed) throw new AppError('CONFLICT', NOT_SEALED);
      const target = await targetOf(doc, body.target, body.targetRef);
      const at = now();
      const thread: CommentThreadRecord = {
        id: deps.ids.next(),
        schoolId: doc.schoolId,
        documentKind: kind,
        documentId: doc.id,
        target: body.target,
        targetRef: target.ref,
        targetLabel: target.label,
        submissionId: null,
        officeUnitId: side.unitId,
        status: 'open',
        createdByUserId: ctx.actor.userId,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      const comment: CommentRecord = {
        id: deps.ids.next(),
        threadId: thread.id,
        side: 'office',
        authorUserId: ctx.actor.userId,
        authorName: await authorName(ctx),
        unitId: side.unitId,
        body: body.body.trim(),
        createdAt: at,
      };
      await repos.transaction(async (tx) => {
        await tx.comments.insertThread(thread);
        await tx.comments.insertComment(comment);
        await deps.audit(tx, ctx.audit, {
          action: 'comment.thread.create',
          entityType: 'comment_thread',
          entityId: thread.id,
          unit: { id: doc.schoolId, path: doc.schoolPath },
          summary: `Góp ý (${target.label}) về ${doc.title}`,
          after: { documentKind: kind, documentId: doc.id, target: body.target, ref: target.ref },
        });
      });
      await afterComment(doc, thread, comment);
      return threadView(ctx, doc, thread.id);
    },

    async reply(
      ctx: ServiceContext,
      threadId: string,
      body: { body: string },
    ): Promise<CommentThread> {
      const { thread, doc } = await loadThread(ctx, threadId);
      const side = sideOf(ctx, doc);
      if (!side) throw new AppError('FORBIDDEN', REPLY_FORBIDDEN, { action: 'comment.reply' });
      const at = now();
      const comment: CommentRecord = {
        id: deps.ids.next(),
        threadId: thread.id,
        side: side.side,
        authorUserId: ctx.actor.userId,
        authorName: await authorName(ctx),
        unitId: side.unitId,
        body: body.body.trim(),
        createdAt: at,
      };
      await repos.transaction(async (tx) => {
        await tx.comments.insertComment(comment);
        // A reply always reopens the thread and bumps its version (a stale "resolve" then fails).
        await tx.comments.setStatus(thread.id, 'open', null, at);
        await deps.audit(tx, ctx.audit, {
          action: 'comment.reply',
          entityType: 'comment_thread',
          entityId: thread.id,
          unit: { id: doc.schoolId, path: doc.schoolPath },
          summary: `Trả lời góp ý (${thread.targetLabel}) về ${doc.title}`,
        });
      });
      await afterComment(doc, thread, comment);
      return threadView(ctx, doc, thread.id);
    },

    async updateStatus(
      ctx: ServiceContext,
      threadId: string,
      body: { status: ThreadStatus; version: number },
    ): Promise<CommentThread> {
      const { thread, doc } = await loadThread(ctx, threadId);
      if (!sideOf(ctx, doc))
        throw new AppError('FORBIDDEN', REPLY_FORBIDDEN, { action: 'comment.reply' });
      const at = now();
      const updated = await repos.transaction(async (tx) => {
        const ok = await tx.comments.setStatus(thread.id, body.status, body.version, at);
        if (!ok) return false;
        await deps.audit(tx, ctx.audit, {
          action: body.status === 'resolved' ? 'comment.resolve' : 'comment.reopen',
          entityType: 'comment_thread',
          entityId: thread.id,
          unit: { id: doc.schoolId, path: doc.schoolPath },
          summary: `${body.status === 'resolved' ? 'Đánh dấu đã xử lý' : 'Mở lại'} góp ý (${thread.targetLabel})`,
        });
        return true;
      });
      if (!updated) throw staleVersion(await threadView(ctx, doc, thread.id));
      return threadView(ctx, doc, thread.id);
    },
  };
}

export type CommentService = ReturnType<typeof createCommentService>;
