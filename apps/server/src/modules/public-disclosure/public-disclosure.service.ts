import { createHash, randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { Repositories, PublicDisclosureRecord } from '@caitien/db';
import {
  buildPlanDocument,
  PdfConversionError,
  type PdfConverter,
  publicationQrPng,
  publicationQrSvg,
  renderDocx,
  type DocumentFramework,
} from '@caitien/documents';
import type {
  PlanInterchange,
  PlanPublication,
  PlanPublicationState,
  PublicAssessmentSummary,
  PublicPlanPage,
  PublicVerifyResult,
} from '@caitien/shared';
import { MEDIA_TYPES, PUBLIC_VERIFY_MAX_BYTES } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { VersionedWriter } from '../../kernel/versioned-write.ts';
import { isUniqueViolation } from '../../kernel/unique-violation.ts';
import { authorize } from '../auth/authorize.ts';
import type { EvidenceFileStore } from '../evidence/evidence-file-store.ts';
import { assertPlanAccess, PLAN_NOT_FOUND } from '../plans/plan-access.ts';
import type { PlanService } from '../plans/plan.service.ts';

/** The public page answers this for an unknown, withdrawn or unapproved publication. */
export const PUBLIC_PAGE_NOT_FOUND =
  'Trang công khai này không tồn tại hoặc đã được nhà trường gỡ bỏ.';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** 10 characters of Crockford's base32 from 50 random bits: ~10^15 addresses, not guessable. */
export function newSlug(): string {
  const bytes = randomBytes(10);
  let out = '';
  for (const b of bytes) out += CROCKFORD[b & 31];
  return out;
}

/** What the bytes are, by their signature (never the file name). */
export function sniffDocument(bytes: Uint8Array): 'docx' | 'pdf' | null {
  if (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-')
    return 'pdf';
  // A DOCX is a ZIP whose entries include word/document.xml (looked for in the central directory).
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    bytes[2] === 3 &&
    bytes[3] === 4
  ) {
    const text = Buffer.from(bytes).toString('latin1');
    if (text.includes('word/document.xml')) return 'docx';
  }
  return null;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Public disclosure of approved plans (issue 14; ARCHITECTURE.md "Public disclosure"). The
 * principal (`plan.send`) publishes an approved plan: its DOCX — with the QR code and address of the
 * page — and the PDF LibreOffice makes of it are produced once, stored in the file store by SHA-256,
 * and the page content is frozen with them. Anyone may read the page, download those very bytes,
 * and upload a copy: it matches when its SHA-256 is one of the stored files'.
 */
export function createPublicDisclosureService(deps: {
  repositories: Repositories;
  planService: Pick<PlanService, 'exportPlan'>;
  frameworkTitles: (frameworkId: string) => Promise<DocumentFramework | null>;
  assessmentSummary: (
    schoolId: string,
    schoolYear: string,
  ) => Promise<PublicAssessmentSummary | null>;
  store: EvidenceFileStore;
  write: VersionedWriter;
  clock: Clock;
  ids: IdGenerator;
  /** PUBLIC_URL; when null the address comes from the publishing request's origin. */
  publicUrl: string | null;
  /** The warm LibreOffice pool (office-pool.ts), shared by every document service. */
  pdf: PdfConverter;
  /** null: publish without a PDF (no LibreOffice here); otherwise the pool converts. */
  soffice?: string | null | undefined;
}) {
  const { repositories: repos, store, clock } = deps;

  /** The plan as the principal may publish it: visible (else 404), `plan.send` (else 403). */
  async function loadForSchool(ctx: ServiceContext, planId: string, action: 'read' | 'send') {
    const plan = await repos.plans.findPlan(planId);
    const access = plan ? await repos.plans.findPlanAccess(planId) : undefined;
    if (!plan || !access) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
    assertPlanAccess(ctx.actor, 'read', access);
    if (action === 'send') authorize(ctx.actor, 'plan.send', access.schoolPath, PLAN_NOT_FOUND);
    return { plan, school: { id: access.schoolId, path: access.schoolPath } };
  }

  async function publicationOf(record: PublicDisclosureRecord): Promise<PlanPublication> {
    const plan = await repos.plans.findPlan(record.planId);
    return {
      slug: record.slug,
      url: record.publicUrl,
      qrSvg: await publicationQrSvg(record.publicUrl),
      planId: record.planId,
      revisionNumber: plan?.revisionNumber ?? 0,
      includeAssessment: record.includeAssessment,
      contentHash: record.contentHash,
      publishedAt: record.publishedAt,
      publishedByName: record.publishedByName,
      docx: { bytes: record.docxBytes, sha256: record.docxSha256 },
      pdf:
        record.pdfSha256 && record.pdfBytes !== null
          ? { bytes: record.pdfBytes, sha256: record.pdfSha256 }
          : null,
    };
  }

  async function stateOf(plan: {
    id: string;
    lineageId: string;
    schoolId: string;
    schoolYear: string;
    revisionNumber: number;
  }): Promise<PlanPublicationState> {
    const history = await repos.publicDisclosures.listOfLineage(plan.lineageId);
    const liveRecord = history.find((h) => h.withdrawnAt === null);
    const revisions = new Map(
      (await repos.plans.listLineage(plan.lineageId)).map((p) => [p.id, p.revisionNumber]),
    );
    const live = liveRecord ? await publicationOf(liveRecord) : null;
    return {
      live,
      liveIsOlderRevision: live !== null && live.revisionNumber < plan.revisionNumber,
      assessmentAvailable: (await deps.assessmentSummary(plan.schoolId, plan.schoolYear)) !== null,
      history: history.map((h) => ({
        slug: h.slug,
        planId: h.planId,
        revisionNumber: revisions.get(h.planId) ?? 0,
        publishedAt: h.publishedAt,
        publishedByName: h.publishedByName,
        withdrawnAt: h.withdrawnAt,
      })),
    };
  }

  /** The approved plan as published: its planned content only (no progress, results, reviews). */
  function approvedContentOf(exported: PlanInterchange): PlanInterchange {
    return {
      ...exported,
      rows: exported.rows.map(({ monitoring: _m, ...row }) => ({
        ...row,
        progress: '',
        result: '',
      })),
      reviews: [],
      reviewRounds: [],
    };
  }

  async function livePublication(slug: string): Promise<PublicDisclosureRecord> {
    const record = await repos.publicDisclosures.findLiveBySlug(slug);
    if (!record) throw new AppError('NOT_FOUND', PUBLIC_PAGE_NOT_FOUND);
    // A plan no longer approved (never happens through the API: approval is final) shows nothing.
    const access = await repos.plans.findPlanAccess(record.planId);
    if (!access || access.status !== 'approved')
      throw new AppError('NOT_FOUND', PUBLIC_PAGE_NOT_FOUND);
    return record;
  }

  return {
    async getState(ctx: ServiceContext, planId: string): Promise<PlanPublicationState> {
      const { plan } = await loadForSchool(ctx, planId, 'read');
      return stateOf(plan);
    },

    /**
     * Publishes the approved plan `planId` (409 when it is not approved). A live publication of the
     * same lineage (an earlier revision, or this plan published before) is withdrawn in the same
     * transaction: one page per plan lineage, under a new address.
     */
    async publish(
      ctx: ServiceContext,
      planId: string,
      input: { includeAssessment: boolean },
      requestOrigin: string,
    ): Promise<PlanPublicationState> {
      const { plan, school } = await loadForSchool(ctx, planId, 'send');
      const snapshot = await repos.plans.findSnapshot(plan.id);
      if (plan.status !== 'approved' || !snapshot)
        throw new AppError(
          'CONFLICT',
          'Chỉ công khai được kế hoạch đã được phê duyệt. Hãy trình và phê duyệt kế hoạch trước.',
          { reason: 'not_approved', status: plan.status },
        );
      const assessment = input.includeAssessment
        ? await deps.assessmentSummary(plan.schoolId, plan.schoolYear)
        : null;
      if (input.includeAssessment && !assessment)
        throw new AppError(
          'CONFLICT',
          `Trường chưa có báo cáo tự đánh giá được phê duyệt cho năm học ${plan.schoolYear}; hãy bỏ chọn “kèm kết quả tự đánh giá” hoặc phê duyệt báo cáo trước.`,
          { reason: 'no_approved_assessment' },
        );

      const slug = newSlug();
      const base = (deps.publicUrl ?? requestOrigin).replace(/\/+$/, '');
      const url = `${base}/cong-khai/${slug}`;
      const content = approvedContentOf(await deps.planService.exportPlan(ctx, plan.id));
      const framework = plan.frameworkId ? await deps.frameworkTitles(plan.frameworkId) : null;
      const model = buildPlanDocument(content, { framework });
      const docx = await renderDocx({
        ...model,
        publication: { url, qrPng: await publicationQrPng(url) },
      });
      let pdf: Buffer | null = null;
      try {
        if (deps.soffice !== null) pdf = await deps.pdf.convert(docx);
      } catch (error) {
        // Without LibreOffice the plan is published with its DOCX only (the page offers no PDF).
        if (!(error instanceof PdfConversionError)) throw error;
      }
      const docxStored = await store.put(docx);
      const pdfStored = pdf ? await store.put(pdf) : null;

      const page: PublicPlanPage = {
        slug,
        url,
        publishedAt: clock.now().toISOString(),
        school: {
          name: content.school.name,
          governingBody: content.school.governingBody,
          placeName: content.school.placeName,
        },
        plan: {
          schoolYear: plan.schoolYear,
          regime: plan.regime,
          revisionNumber: plan.revisionNumber,
          title: model.title,
          subtitle: model.subtitle,
          revisionLine: model.revisionLine,
          numberLine: model.masthead.numberLine,
          dateLine: model.masthead.dateLine,
          signer: model.signer.name,
          approvedAt: snapshot.approvedAt,
          contentHash: snapshot.contentHash,
        },
        rows: content.rows.map((r, i) => ({
          ordinal: String(i + 1),
          standardCode: r.standardCode ?? null,
          criterionCode: r.criterionCode ?? null,
          content: r.content,
          target: r.target,
          tasks: r.tasks,
          indicator: r.indicator,
          time: r.time.text,
          lead: r.lead,
          coordinators: r.coordinators,
          budget: r.budget.text,
        })),
        assessment,
        documents: {
          docx: { bytes: docx.length, sha256: docxStored.sha256 },
          pdf: pdf && pdfStored ? { bytes: pdf.length, sha256: pdfStored.sha256 } : null,
        },
      };
      const publisher = ctx.audit.actorName;
      await deps.write(ctx, async (tx, record) => {
        // Decided again under the plan's lineage: the partial unique index keeps one live page.
        await tx.publicDisclosures.withdrawLive(
          plan.lineageId,
          page.publishedAt,
          ctx.audit.actorUserId,
        );
        try {
          await tx.publicDisclosures.insert({
            id: deps.ids.next(),
            slug,
            planId: plan.id,
            lineageId: plan.lineageId,
            schoolId: plan.schoolId,
            schoolYear: plan.schoolYear,
            includeAssessment: assessment !== null,
            assessmentId: null,
            contentHash: snapshot.contentHash,
            pageJson: JSON.stringify(page),
            publicUrl: url,
            docxSha256: docxStored.sha256,
            docxBytes: docx.length,
            pdfSha256: pdfStored?.sha256 ?? null,
            pdfBytes: pdf?.length ?? null,
            fileBaseName: model.fileBaseName,
            publishedByUserId: ctx.audit.actorUserId,
            publishedByName: publisher,
            publishedAt: page.publishedAt,
            withdrawnAt: null,
            withdrawnByUserId: null,
          });
        } catch (error) {
          if (isUniqueViolation(error))
            throw new AppError(
              'CONFLICT',
              'Kế hoạch vừa được công khai bởi người khác; hãy tải lại trang.',
            );
          throw error;
        }
        await record({
          action: 'plan.publish',
          entityType: 'plan',
          entityId: plan.id,
          unit: school,
          summary: `Công khai kế hoạch năm học ${plan.schoolYear}${assessment ? ' (kèm kết quả tự đánh giá)' : ''} tại ${url}`,
          after: {
            slug,
            contentHash: snapshot.contentHash,
            docxSha256: docxStored.sha256,
            pdfSha256: pdfStored?.sha256 ?? null,
            includeAssessment: assessment !== null,
          },
        });
      });
      return stateOf(plan);
    },

    /** Withdraws the lineage's live page (404 from then on); 409 when nothing is published. */
    async withdraw(ctx: ServiceContext, planId: string): Promise<PlanPublicationState> {
      const { plan, school } = await loadForSchool(ctx, planId, 'send');
      await deps.write(ctx, async (tx, record) => {
        const live = await tx.publicDisclosures.findLiveOfLineage(plan.lineageId);
        if (!live)
          throw new AppError('CONFLICT', 'Kế hoạch này hiện không được công khai.', {
            reason: 'not_published',
          });
        await tx.publicDisclosures.withdrawLive(
          plan.lineageId,
          clock.now().toISOString(),
          ctx.audit.actorUserId,
        );
        await record({
          action: 'plan.unpublish',
          entityType: 'plan',
          entityId: live.planId,
          unit: school,
          summary: `Gỡ công khai kế hoạch năm học ${plan.schoolYear} (${live.publicUrl})`,
          before: { slug: live.slug, publishedAt: live.publishedAt },
        });
      });
      return stateOf(plan);
    },

    /** The public page (no sign-in). */
    async getPage(slug: string): Promise<PublicPlanPage> {
      const record = await livePublication(slug);
      return JSON.parse(record.pageJson) as PublicPlanPage;
    },

    /** The very bytes produced at publication. */
    async document(slug: string, format: 'docx' | 'pdf') {
      const record = await livePublication(slug);
      const hash = format === 'docx' ? record.docxSha256 : record.pdfSha256;
      if (!hash || !(await store.has(hash)))
        throw new AppError(
          'NOT_FOUND',
          format === 'pdf'
            ? 'Kế hoạch này được công khai không kèm bản PDF; hãy tải bản Word (DOCX).'
            : PUBLIC_PAGE_NOT_FOUND,
        );
      return {
        bytes: await buffer(store.open(hash)),
        contentType: MEDIA_TYPES[format],
        fileName: `${record.fileBaseName}.${format}`,
      };
    },

    /**
     * Whether `bytes` are the DOCX or PDF produced at publication. Nothing is stored or logged but
     * the answer. Not a DOCX/PDF by its signature, empty or over the limit → 400 in Vietnamese.
     */
    async verify(slug: string, bytes: Uint8Array): Promise<PublicVerifyResult> {
      const record = await livePublication(slug);
      if (bytes.length === 0) throw new AppError('VALIDATION_ERROR', 'Tệp gửi lên đang trống.');
      if (bytes.length > PUBLIC_VERIFY_MAX_BYTES) throw tooLarge();
      const format = sniffDocument(bytes);
      if (!format)
        throw new AppError(
          'VALIDATION_ERROR',
          'Tệp này không phải văn bản Word (.docx) hay PDF. Chỉ kiểm tra được bản DOCX hoặc PDF của kế hoạch.',
          { reason: 'not_docx_or_pdf' },
        );
      const hash = sha256(bytes);
      const expected = format === 'docx' ? record.docxSha256 : record.pdfSha256;
      const match = hash === expected;
      const kind = format === 'docx' ? 'bản Word (DOCX)' : 'bản PDF';
      return {
        match,
        format,
        sha256: hash,
        bytes: bytes.length,
        message: match
          ? `Tệp khớp: đây đúng là ${kind} CaiTien tạo cho kế hoạch đã phê duyệt được công khai tại trang này.`
          : `Tệp không khớp: ${kind} này khác với văn bản CaiTien đã tạo khi công khai kế hoạch (đã bị sửa, lưu lại hoặc là văn bản khác). Hãy tải bản gốc ở trang này.`,
      };
    },
  };
}

/** The Vietnamese 400 for a copy over the limit. */
export function tooLarge(): AppError {
  return new AppError(
    'VALIDATION_ERROR',
    `Tệp quá lớn: chỉ kiểm tra được tệp đến ${PUBLIC_VERIFY_MAX_BYTES / 1024 / 1024} MB.`,
    { reason: 'too_large', maxBytes: PUBLIC_VERIFY_MAX_BYTES },
  );
}

export type PublicDisclosureService = ReturnType<typeof createPublicDisclosureService>;
