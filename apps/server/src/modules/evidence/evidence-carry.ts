import {
  convertEvidenceCode2018ToTt57,
  FRAMEWORK_CODES,
  findCriterionMapping,
  parseEvidenceCode,
  type FrameworkCode,
} from '@caitien/core';
import type { BoundRepositories } from '@caitien/db';
import { AppError } from '../../errors.ts';
import { rewriteCitations } from './evidence-code-rewrite.ts';
import type { IdGenerator } from '../../ids.ts';

/** What carrying last year's evidence did. */
export interface EvidenceCarryResult {
  /** Evidence copied into the new assessment. */
  carried: number;
  /** 2018 codes given a TT57 code (the old one kept as previousCode). */
  converted: { previousCode: string; code: string }[];
  /** Evidence not carried: a 2018 code whose criterion has no clear TT57 counterpart. */
  notCarried: { code: string; name: string; reason: string; candidates: string[] }[];
  /** Citations dropped because the new framework has no such criterion (Vietnamese). */
  warnings: string[];
}

function frameworkCodeOf(frameworkId: string): FrameworkCode {
  const code = frameworkId.split('@')[0] ?? '';
  if (!(FRAMEWORK_CODES as readonly string[]).includes(code))
    throw new AppError('VALIDATION_ERROR', `Bộ tiêu chí ${frameworkId} không có trong danh mục.`);
  return code as FrameworkCode;
}

/**
 * Carries an assessment's evidence into another (a-server's "start from last year", issue 12),
 * inside the caller's transaction `tx`: each evidence's texts, code and citations are copied and
 * marked as carried (with `originEvidenceId`), its files by reference to the same stored bytes
 * (same SHA-256; nothing is copied on disk). From the 2018 regime into TT57 each code is converted
 * by the core's `convertEvidenceCode2018ToTt57` (the 2018 code kept as `previousCode`) and each
 * citation follows the criterion mapping; an evidence whose criterion has no clear counterpart is
 * not carried but reported with the reason and the candidates (the school chooses, never the
 * software). Citations of criteria the new framework lacks are dropped with a warning. The caller
 * has locked the target assessment and checks access; this writes no audit entry of its own.
 */
export function createEvidenceCarry(deps: { ids: IdGenerator }) {
  return async function carryEvidence(
    tx: BoundRepositories,
    fromAssessmentId: string,
    toAssessmentId: string,
    now: string,
    options: {
      /** Old criterion → new criterion for citations (the assessment module's); default: core's. */
      criterionMap?: ReadonlyMap<string, string> | null;
    } = {},
  ): Promise<EvidenceCarryResult> {
    const [from, to] = await Promise.all([
      tx.assessments.findAssessment(fromAssessmentId),
      tx.assessments.findAssessment(toAssessmentId),
    ]);
    if (!from || !to)
      throw new AppError(
        'NOT_FOUND',
        'Không tìm thấy báo cáo tự đánh giá để mang minh chứng sang.',
      );
    const result: EvidenceCarryResult = { carried: 0, converted: [], notCarried: [], warnings: [] };
    if (from.regime === '2026' && to.regime === '2018') {
      result.warnings.push(
        'Không mang minh chứng từ báo cáo theo Thông tư 57 sang báo cáo theo quy định năm 2018.',
      );
      return result;
    }
    const fromCode = frameworkCodeOf(from.frameworkId);
    const toCode = frameworkCodeOf(to.frameworkId);
    const converting = from.regime === '2018' && to.regime === '2026';
    const mapping = converting ? findCriterionMapping(fromCode, toCode) : null;
    const targetCriteria = new Set(
      (await tx.evidence.listCriteria(to.id)).map((c) => c.criterionCode),
    );
    const taken = new Set((await tx.evidence.listCodes(to.id)).map((e) => e.code));
    const mapCriterion = (code: string): string | null => {
      if (!converting) return code;
      if (options.criterionMap) return options.criterionMap.get(code) ?? null;
      return mapping?.criteria.find((c) => c.from === code)?.to ?? null;
    };

    for (const evidence of await tx.evidence.listEvidence(from.id)) {
      let code = evidence.code;
      let box = evidence.box;
      let primary = evidence.primaryCriterionCode;
      let sequence = evidence.sequence;
      let previousCode = evidence.previousCode;
      if (converting) {
        const conversion = convertEvidenceCode2018ToTt57({
          code: evidence.code,
          from: fromCode,
          to: toCode,
          taken,
        });
        if (conversion.code === null) {
          result.notCarried.push({
            code: evidence.code,
            name: evidence.name,
            reason: conversion.reason,
            candidates: conversion.candidates,
          });
          continue;
        }
        code = conversion.code;
        box = null;
        primary = conversion.criterionCode;
        sequence = parseEvidenceCode(code)?.sequence ?? sequence;
        previousCode = evidence.code;
        result.converted.push({ previousCode: evidence.code, code });
      } else if (taken.has(code)) {
        // The new assessment already has this code (evidence added before carrying): keep both.
        result.warnings.push(
          `Mã ${code} đã có trong báo cáo mới: minh chứng “${evidence.name}” không được mang sang.`,
        );
        continue;
      } else taken.add(code);
      const citations: string[] = [];
      for (const c of evidence.criterionCodes) {
        const target = mapCriterion(c);
        if (target && targetCriteria.has(target)) {
          if (!citations.includes(target)) citations.push(target);
        } else
          result.warnings.push(
            `Minh chứng ${code}: tiêu chí ${c} không có tiêu chí tương ứng trong bộ tiêu chí mới, không gắn.`,
          );
      }
      if (citations.length > 0 && citations[0] !== primary && citations.includes(primary)) {
        citations.splice(citations.indexOf(primary), 1);
        citations.unshift(primary);
      }
      const id = deps.ids.next();
      await tx.evidence.insertEvidence({
        id,
        assessmentId: to.id,
        code,
        box,
        primaryCriterionCode: primary,
        sequence,
        name: evidence.name,
        issued: evidence.issued,
        issuer: evidence.issuer,
        note: evidence.note,
        link: evidence.link,
        previousCode,
        carried: true,
        originEvidenceId: evidence.id,
        criterionCodes: citations,
        now,
      });
      for (const file of evidence.files) {
        await tx.evidence.insertFile(to.id, {
          id: deps.ids.next(),
          evidenceId: id,
          sha256: file.sha256,
          fileName: file.fileName,
          mediaType: file.mediaType,
          sizeBytes: file.sizeBytes,
          uploadedByUserId: file.uploadedByUserId,
          now,
        });
      }
      result.carried += 1;
    }
    // The carried texts cite the 2018 codes: cite the converted codes instead (only the codes
    // change), as a renumbering would.
    if (result.converted.length > 0)
      await rewriteCitations(
        tx,
        to.id,
        new Map(result.converted.map((c) => [c.previousCode, c.code])),
        { now, write: true },
      );
    return result;
  };
}

export type CarryEvidence = ReturnType<typeof createEvidenceCarry>;
