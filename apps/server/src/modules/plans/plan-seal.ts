import { PROGRESS_FIELDS, ROW_TEXT_FIELDS, type CanonicalValue } from '@caitien/core';
import type { FocusIssueRecord, PlanRecord, PlanRowRecord, SnapshotRecord } from '@caitien/db';
import { sealContent, sha256Hex, verifySeal, type Seal } from '../../kernel/seal.ts';
import { planIdentityOf, rowFrameOf, textsOf } from './plan-rows.ts';

/** The seal format written by approvals since issue 11 (format 1: before, see `verifyPlanSeal`). */
export const PLAN_SEAL_FORMAT = 2;

const SEALED_TEXT_FIELDS = ROW_TEXT_FIELDS.filter((f) => !PROGRESS_FIELDS.includes(f));

/**
 * What an approval freezes (issue 11; CONTRACTS.md "Plan lifecycle"), built from domain objects:
 * every field a reader, a check or a document sees — the plan's identity and year, regime,
 * framework (and the reason for choosing it), revision number, origin, header, sections, focus issues,
 * and every row in its order with its group, standard, criterion, Mức 4 key, planned texts, parsed
 * time / budget / people and the derived columns (months, amount, source) that totals and the XLSX
 * read. Not presentation (layout, hidden columns: the same content printed differently) and not what
 * stays editable after approval (progress, results, review rounds).
 */
export function planSealContent(
  plan: PlanRecord,
  rows: readonly PlanRowRecord[],
  focus: readonly FocusIssueRecord[],
): CanonicalValue {
  return {
    format: PLAN_SEAL_FORMAT,
    kind: 'plan',
    plan: { ...planIdentityOf(plan), carriedFromPlanId: plan.carriedFromPlanId },
    // As stored and shown, whatever shape a direct edit left them in (verification never fails).
    header: plan.header as unknown as CanonicalValue,
    sections: plan.sections as unknown as CanonicalValue,
    focusIssues: focus.map((f) => ({
      id: f.id,
      standardCode: f.standardCode,
      criterionCode: f.criterionCode,
      currentState: f.currentState,
      limitation: f.limitation,
      cause: f.cause,
    })),
    rows: rows.map((r) => {
      const texts = textsOf(r);
      return {
        ...rowFrameOf(r),
        originRowId: r.originRowId,
        carryCount: r.carryCount,
        texts: Object.fromEntries(SEALED_TEXT_FIELDS.map((f) => [f, texts[f]])),
        parsed: r.parsed as CanonicalValue,
        derived: {
          timeStart: r.timeStart,
          timeEnd: r.timeEnd,
          budgetAmount: r.budgetAmount,
          budgetSource: r.budgetSource,
        },
      };
    }),
  };
}

/** Seals a plan's content (canonical JSON + SHA-256). */
export function sealPlan(
  plan: PlanRecord,
  rows: readonly PlanRowRecord[],
  focus: readonly FocusIssueRecord[],
): Seal {
  return sealContent(planSealContent(plan, rows, focus));
}

/**
 * Format 1 (approvals before issue 11): `JSON.stringify` of header, sections, layout, framework id,
 * focus issues as stored rows and the rows' planned texts. Kept verifiable as it was sealed, except
 * that the layout is taken from the snapshot itself: a layout change is presentation, not content.
 */
function legacyContent(
  plan: PlanRecord,
  rows: readonly PlanRowRecord[],
  focus: readonly FocusIssueRecord[],
  sealedLayout: unknown,
): unknown {
  return {
    header: plan.header,
    sections: plan.sections,
    layout: sealedLayout,
    frameworkId: plan.frameworkId,
    focusIssues: focus.map((f) => ({
      id: f.id,
      plan_id: f.planId,
      position: f.position,
      standard_code: f.standardCode,
      criterion_code: f.criterionCode,
      current_state: f.currentState,
      limitation: f.limitation,
      cause: f.cause,
      version: f.version,
    })),
    rows: rows.map((r) => {
      const texts = textsOf(r);
      return {
        id: r.id,
        group: r.rowGroup,
        criterionCode: r.criterionCode,
        level4Key: r.level4Key,
        ...Object.fromEntries(SEALED_TEXT_FIELDS.map((f) => [f, texts[f]])),
      };
    }),
  };
}

/** A readable name for a path where the sealed and live contents differ. */
function describeDifference(path: string): string {
  const row = /^rows\[(\d+)\]\.?(.*)$/u.exec(path);
  if (row) return `Dòng ${Number(row[1]) + 1}${row[2] ? `: ${row[2]}` : ' (thêm/bớt dòng)'}`;
  if (path.startsWith('rows.length')) return 'Số dòng của kế hoạch';
  if (path.startsWith('plan.')) return `Thông tin kế hoạch: ${path.slice(5)}`;
  if (path.startsWith('header')) return `Phần đầu văn bản${path.slice(6)}`;
  if (path.startsWith('sections')) return `Các mục${path.slice(8)}`;
  if (path.startsWith('focusIssues')) return `Vấn đề trọng tâm${path.slice(11)}`;
  return path;
}

/**
 * Verifies an approved plan against its snapshot: the snapshot against its own hash, and the live
 * content sealed again against it. Details name what differs.
 */
export function verifyPlanSeal(
  snapshot: SnapshotRecord,
  plan: PlanRecord,
  rows: readonly PlanRowRecord[],
  focus: readonly FocusIssueRecord[],
): { status: 'intact' | 'tampered'; details: string[] } {
  let stored: unknown;
  try {
    stored = JSON.parse(snapshot.contentJson);
  } catch {
    return { status: 'tampered', details: ['Bản chụp đã phê duyệt không đọc được.'] };
  }
  const format =
    typeof stored === 'object' && stored !== null && 'format' in stored
      ? (stored as { format: unknown }).format
      : 1;
  if (format === PLAN_SEAL_FORMAT) {
    const result = verifySeal(
      { json: snapshot.contentJson, hash: snapshot.contentHash },
      planSealContent(plan, rows, focus),
    );
    return {
      status: result.status,
      details: [
        ...result.details,
        ...result.differences.map((d) => `Khác ở: ${describeDifference(d)}`),
      ],
    };
  }
  const details: string[] = [];
  if (sha256Hex(JSON.stringify(stored)) !== snapshot.contentHash)
    details.push('Bản chụp đã phê duyệt không khớp mã băm đã lưu.');
  const layout = (stored as { layout?: unknown }).layout;
  if (sha256Hex(JSON.stringify(legacyContent(plan, rows, focus, layout))) !== snapshot.contentHash)
    details.push('Nội dung hiện tại của kế hoạch khác với bản đã phê duyệt.');
  return { status: details.length > 0 ? 'tampered' : 'intact', details };
}
