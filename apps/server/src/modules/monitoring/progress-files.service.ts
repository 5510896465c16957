import type { AssessmentRecord, BoundRepositories, PlanRowRecord, Repositories } from '@caitien/db';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { IdGenerator } from '../../ids.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { VersionedWriter } from '../../kernel/versioned-write.ts';
import { allocateEvidenceCode } from '../evidence/evidence-edit.service.ts';
import {
  checkUploadedFile,
  formatSize,
  openStoredFile,
  type StoredFileDownload,
} from '../evidence/evidence-file.service.ts';
import type { EvidenceFileStore } from '../evidence/evidence-file-store.ts';
import { PLAN_NOT_FOUND } from '../plans/plan-access.ts';
import type { ProgressEntry } from './monitoring-api.types.ts';
import type { MonitoringReader } from './monitoring-reader.ts';
import { rowContentOf } from './monitoring-reader.ts';
import { ENTRY_NOT_FOUND, shortText, type ProgressUseCases } from './progress.service.ts';

export const PROGRESS_FILE_NOT_FOUND = 'Không tìm thấy tệp này của tiến độ thực hiện.';

/** The school year after "2025-2026": "2026-2027". */
export function nextSchoolYear(schoolYear: string): string {
  const first = Number(schoolYear.slice(0, 4));
  return Number.isFinite(first) ? `${first + 1}-${first + 2}` : schoolYear;
}

/**
 * The self-assessment a progress file becomes a minh chứng in (DESIGN "Progress rules"): a draft
 * of the school with the plan's regime, the plan's school year first, then the next one; it must
 * know the row's criterion. Null: the file stays a progress file for now.
 */
export function pickEvidenceAssessment(
  assessments: readonly AssessmentRecord[],
  plan: { regime: string; schoolYear: string },
): AssessmentRecord[] {
  const years = [plan.schoolYear, nextSchoolYear(plan.schoolYear)];
  return assessments
    .filter((a) => a.status === 'draft' && a.regime === plan.regime && years.includes(a.schoolYear))
    .sort((a, b) => years.indexOf(a.schoolYear) - years.indexOf(b.schoolYear));
}

/**
 * When a self-assessment is started (DESIGN "Progress rules"): the school's progress files that
 * are no minh chứng yet and whose row's criterion the new assessment has — plan of the same
 * regime, of the assessment's school year or the year before — become its minh chứng, with the
 * next codes under their criteria. Runs in the creating transaction; answers how many.
 */
export async function adoptProgressFiles(
  tx: BoundRepositories,
  assessment: { id: string; schoolId: string; schoolYear: string; regime: string },
  deps: { ids: IdGenerator; now: string },
): Promise<number> {
  const files = await tx.progress.listUnlinkedFiles(assessment.schoolId);
  if (files.length === 0) return 0;
  const criteria = new Set(
    (await tx.evidence.listCriteria(assessment.id)).map((c) => c.criterionCode),
  );
  const rowsOfPlan = new Map<
    string,
    { plan: { regime: string; schoolYear: string } | null; rows: PlanRowRecord[] }
  >();
  let adopted = 0;
  for (const file of files) {
    const entry = await tx.progress.findEntry(file.entryId);
    if (!entry) continue;
    let known = rowsOfPlan.get(entry.planId);
    if (!known) {
      const plan = await tx.plans.findPlan(entry.planId);
      known = { plan: plan ?? null, rows: plan ? await tx.plans.listRows(plan.id) : [] };
      rowsOfPlan.set(entry.planId, known);
    }
    const plan = known.plan;
    if (
      !plan ||
      plan.regime !== assessment.regime ||
      ![plan.schoolYear, nextSchoolYear(plan.schoolYear)].includes(assessment.schoolYear)
    )
      continue;
    const row = known.rows.find((r) => r.trackId === file.trackId);
    const criterion = row?.criterionCode;
    if (!row || !criterion || !criteria.has(criterion)) continue;
    const access = { id: assessment.id, regime: assessment.regime as AssessmentRecord['regime'] };
    const { code, box, sequence } = await allocateEvidenceCode(tx, access, criterion);
    const evidenceId = deps.ids.next();
    await tx.evidence.insertEvidence({
      id: evidenceId,
      assessmentId: assessment.id,
      code,
      box,
      primaryCriterionCode: criterion,
      sequence,
      name: `${file.fileName} (tiến độ: ${shortText(rowContentOf(row))})`,
      issued: entry.entryDate.split('-').reverse().join('/'),
      issuer: '',
      note: `Từ cập nhật tiến độ thực hiện kế hoạch cải tiến năm học ${plan.schoolYear}.`,
      link: '',
      previousCode: null,
      carried: false,
      originEvidenceId: null,
      criterionCodes: [criterion],
      now: deps.now,
    });
    await tx.evidence.insertFile(assessment.id, {
      id: deps.ids.next(),
      evidenceId,
      sha256: file.sha256,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      uploadedByUserId: entry.authorUserId,
      now: deps.now,
    });
    await tx.progress.linkFileEvidence(file.id, assessment.id, evidenceId);
    adopted += 1;
  }
  return adopted;
}

/**
 * Files on a progress update: stored in the evidence file store (same limits and type check as
 * evidence), and — when the row has a criterion and the school has an editable self-assessment
 * that can take it — made a minh chứng there with the next code under the criterion.
 */
export function createProgressFiles(deps: {
  repositories: Repositories;
  reader: MonitoringReader;
  progress: ProgressUseCases;
  write: VersionedWriter;
  store: EvidenceFileStore;
  clock: Clock;
  ids: IdGenerator;
  maxBytes: number;
}) {
  const { repositories: repos, reader, progress, write, store, clock, ids, maxBytes } = deps;
  return {
    maxBytes,

    async uploadProgressFile(
      ctx: ServiceContext,
      planId: string,
      rowId: string,
      entryId: string,
      upload: { bytes: Uint8Array; fileName: string },
    ): Promise<ProgressEntry> {
      const { scope, row } = await progress.loadRowForUpdate(ctx, planId, rowId);
      const entry = await repos.progress.findEntry(entryId);
      if (!entry || entry.trackId !== row.trackId || entry.lineageId !== scope.lineageId)
        throw new AppError('NOT_FOUND', ENTRY_NOT_FOUND);
      const monitored = progress.openPlanOf(scope);
      const { fileName, kind } = checkUploadedFile(upload, maxBytes);
      const { sha256 } = await store.put(upload.bytes);
      const candidates = row.criterionCode
        ? pickEvidenceAssessment(
            await repos.assessments.listAssessments({
              schoolId: scope.school.id,
              statuses: ['draft'],
            }),
            monitored,
          )
        : [];
      const fileId = ids.next();
      const now = clock.now().toISOString();
      const unit = { id: scope.school.id, path: scope.school.path };
      await write(ctx, async (tx, record) => {
        const locked = await tx.plans.lockPlan(monitored.id, 'save');
        if (!locked) throw new AppError('NOT_FOUND', PLAN_NOT_FOUND);
        let target: { assessmentId: string; evidenceId: string; code: string } | null = null;
        for (const candidate of candidates) {
          const criterion = row.criterionCode!;
          const assessment = await tx.assessments.lockAssessment(candidate.id, 'save');
          if (!assessment || assessment.status !== 'draft') continue;
          const criteria = await tx.evidence.listCriteria(assessment.id);
          if (!criteria.some((c) => c.criterionCode === criterion)) continue;
          const { code, box, sequence } = await allocateEvidenceCode(tx, assessment, criterion);
          const evidenceId = ids.next();
          const name = `${fileName} (tiến độ: ${shortText(rowContentOf(row))})`;
          await tx.evidence.insertEvidence({
            id: evidenceId,
            assessmentId: assessment.id,
            code,
            box,
            primaryCriterionCode: criterion,
            sequence,
            name,
            issued: entry.entryDate.split('-').reverse().join('/'),
            issuer: '',
            note: `Từ cập nhật tiến độ thực hiện kế hoạch cải tiến năm học ${monitored.schoolYear}.`,
            link: '',
            previousCode: null,
            carried: false,
            originEvidenceId: null,
            criterionCodes: [criterion],
            now,
          });
          await tx.evidence.insertFile(assessment.id, {
            id: ids.next(),
            evidenceId,
            sha256,
            fileName,
            mediaType: kind.mediaType,
            sizeBytes: upload.bytes.byteLength,
            uploadedByUserId: ctx.audit.actorUserId,
            now,
          });
          await record({
            action: 'assessment.evidence.create',
            entityType: 'assessment_evidence',
            entityId: evidenceId,
            unit,
            summary: `Thêm minh chứng ${code} (tiêu chí ${criterion}) từ tiến độ thực hiện kế hoạch`,
            after: { code, name, criterionCodes: [criterion], progressFileId: fileId },
          });
          target = { assessmentId: assessment.id, evidenceId, code };
          break;
        }
        await tx.progress.insertFile({
          id: fileId,
          entryId: entry.id,
          trackId: row.trackId,
          schoolId: scope.school.id,
          sha256,
          fileName,
          mediaType: kind.mediaType,
          sizeBytes: upload.bytes.byteLength,
          assessmentId: target?.assessmentId ?? null,
          evidenceId: target?.evidenceId ?? null,
          createdAt: now,
        });
        await record({
          action: 'plan.progress.file.upload',
          entityType: 'plan_row',
          entityId: row.id,
          unit,
          summary: `Tải tệp “${fileName}” (${kind.label}, ${formatSize(upload.bytes.byteLength)}) lên tiến độ “${shortText(rowContentOf(row))}”${target ? `, thành minh chứng ${target.code}` : ''}`,
          after: { fileId, entryId: entry.id, sha256, evidenceId: target?.evidenceId ?? null },
        });
      });
      const [answered] = await progress.toEntries([entry]);
      return answered!;
    },

    /** A file of a progress update of the plan's lineage (read access to the plan). */
    async openProgressFile(
      ctx: ServiceContext,
      planId: string,
      fileId: string,
    ): Promise<StoredFileDownload> {
      const scope = await reader.loadScope(ctx, planId);
      const file = await repos.progress.findFile(fileId);
      const entry = file ? await repos.progress.findEntry(file.entryId) : undefined;
      if (!file || !entry || entry.lineageId !== scope.lineageId)
        throw new AppError('NOT_FOUND', PROGRESS_FILE_NOT_FOUND);
      return openStoredFile(store, file);
    },
  };
}

export type ProgressFiles = ReturnType<typeof createProgressFiles>;
