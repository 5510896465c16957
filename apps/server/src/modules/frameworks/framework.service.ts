import {
  foldVietnamese,
  frameworkVersionId,
  summariseFramework,
  type FrameworkDefinition,
} from '@caitien/core';
import type { FrameworkRepository, FrameworkVersionSummary } from '@caitien/db';
import type { FrameworkDetail, FrameworkSummary } from '@caitien/shared';
import { AppError, notFound } from '../../errors.ts';
import type { Clock } from '../../clock.ts';

/** A framework detail with the hash that identifies its content (used as ETag). */
export interface FrameworkDetailResult {
  detail: FrameworkDetail;
  contentHash: string;
  /** True when the detail is filtered by a search (not the whole version). */
  isFiltered: boolean;
}

/** Matches "TT17", "TT57-PT", and versioned ids like "TT57-PT@2". */
const FRAMEWORK_ID_PATTERN = /^[A-Z0-9]+(?:-[A-Z]+)?(?:@[1-9][0-9]{0,5})?$/;

function toSummary(
  row: FrameworkVersionSummary,
  latestVersionByCode: Map<string, number>,
): FrameworkSummary {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    name: row.name,
    regime: row.regime,
    circularNumber: row.circularNumber,
    schoolLevels: row.schoolLevels,
    levels: row.levels,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    changeNote: row.changeNote,
    isCurrent: latestVersionByCode.get(row.code) === row.version,
    isLocked: row.lockedAt !== null,
    standardCount: row.standardCount,
    criterionCount: row.criterionCount,
    mandatoryCriterionCount: row.mandatoryCriterionCount,
    unverifiedCriterionCount: row.unverifiedCriterionCount,
    level4ItemCount: row.level4ItemCount,
  };
}

function toDetail(
  definition: FrameworkDefinition,
  meta: { isCurrent: boolean; isLocked: boolean },
): FrameworkDetail {
  const counts = summariseFramework(definition);
  return {
    id: frameworkVersionId(definition.code, definition.version),
    code: definition.code,
    version: definition.version,
    name: definition.name,
    regime: definition.regime,
    circularNumber: definition.circular.number,
    schoolLevels: definition.schoolLevels,
    levels: definition.levels,
    effectiveFrom: definition.effectiveFrom,
    effectiveTo: definition.effectiveTo,
    changeNote: definition.changeNote,
    isCurrent: meta.isCurrent,
    isLocked: meta.isLocked,
    standardCount: counts.standardCount,
    criterionCount: counts.criterionCount,
    mandatoryCriterionCount: counts.mandatoryCriterionCount,
    unverifiedCriterionCount: counts.unverifiedCriterionCount,
    level4ItemCount: counts.level4ItemCount,
    circular: definition.circular,
    amendments: definition.amendments,
    sources: definition.sources,
    standards: definition.standards.map((standard) => ({
      code: standard.code,
      title: standard.title,
      titleSource: standard.titleSource,
      titleVariants: standard.titleVariants,
      verificationNote: standard.verificationNote,
      criteria: standard.criteria.map((criterion) => ({
        code: criterion.code,
        title: criterion.title,
        titleSource: criterion.titleSource,
        titleVariants: criterion.titleVariants,
        mandatory: criterion.mandatory,
        verified: criterion.verified,
        verificationNote: criterion.verificationNote,
        source: criterion.source,
        notes: criterion.notes,
        quantitative: criterion.quantitative,
        suggestedEvidence: criterion.suggestedEvidence,
        levels: definition.levels.map((level) => {
          const indicators = criterion.indicators
            .filter((indicator) => indicator.level === level)
            .map(({ key, text, repealed }) => ({ key, text, repealed }));
          return {
            level,
            hasRequirements:
              indicators.length > 0 && !criterion.levelsWithoutRequirements.includes(level),
            indicators,
          };
        }),
      })),
    })),
    level4Items: definition.level4Items,
  };
}

/** Use cases of the framework catalogue. */
export function createFrameworkService(deps: {
  frameworkRepository: FrameworkRepository;
  clock: Clock;
}) {
  const { frameworkRepository: repository } = deps;
  /** Assembled details by content hash: a version's content only changes together with its hash. */
  const detailCache = new Map<string, FrameworkDetail>();

  async function listFrameworks(filter: {
    schoolLevel?: string | undefined;
    allVersions?: boolean | undefined;
  }): Promise<FrameworkSummary[]> {
    const rows = await repository.listVersions();
    const latest = new Map<string, number>();
    for (const row of rows) latest.set(row.code, Math.max(latest.get(row.code) ?? 0, row.version));
    return rows
      .map((row) => toSummary(row, latest))
      .filter((s) => filter.allVersions || s.isCurrent)
      .filter(
        (s) => !filter.schoolLevel || (s.schoolLevels as string[]).includes(filter.schoolLevel),
      );
  }

  async function getFramework(idOrCode: string, query?: string): Promise<FrameworkDetailResult> {
    const missing = () => notFound(`Không tìm thấy bộ tiêu chuẩn “${idOrCode}”.`, { id: idOrCode });
    if (!FRAMEWORK_ID_PATTERN.test(idOrCode)) throw missing();
    const head = await repository.findVersionHead(idOrCode);
    if (!head) throw missing();

    let content = detailCache.get(head.contentHash);
    if (!content) {
      const stored = await repository.findVersion(head.id);
      if (!stored) throw missing();
      content = toDetail(stored.definition, { isCurrent: false, isLocked: false });
      // Keyed by the content hash: a version's content only changes together with its hash.
      detailCache.set(stored.contentHash, content);
    }
    const detail: FrameworkDetail = {
      ...content,
      isCurrent: head.isCurrent,
      isLocked: head.lockedAt !== null,
    };

    const words = query ? foldVietnamese(query).split(' ').filter(Boolean) : [];
    if (words.length === 0) return { detail, contentHash: head.contentHash, isFiltered: false };

    const codes = new Set(await repository.searchCriterionCodes(head.id, words));
    const standards = detail.standards
      .map((s) => ({ ...s, criteria: s.criteria.filter((c) => codes.has(c.code)) }))
      .filter((s) => s.criteria.length > 0);
    return {
      detail: { ...detail, standards },
      contentHash: head.contentHash,
      isFiltered: true,
    };
  }

  /** Marks a version as used (by a plan or assessment): from then on it is immutable. */
  async function lockFramework(idOrCode: string): Promise<string> {
    const head = await repository.findVersionHead(idOrCode);
    if (!head) throw notFound(`Không tìm thấy bộ tiêu chuẩn “${idOrCode}”.`);
    await repository.lockVersion(head.id, deps.clock.now().toISOString());
    return head.id;
  }

  /**
   * Applies a correction to the newest version of a framework. A version used by any plan or
   * assessment is immutable, so a correction of a locked version makes a new version; an unused
   * version is corrected in place. Returns the id of the version that now holds the correction.
   */
  async function correctFramework(
    code: string,
    correct: (definition: FrameworkDefinition) => FrameworkDefinition,
    changeNote: string,
  ): Promise<string> {
    const head = await repository.findVersionHead(code);
    if (!head || code.includes('@')) {
      throw notFound(`Không tìm thấy bộ tiêu chuẩn “${code}”.`);
    }
    const stored = await repository.findVersion(head.id);
    if (!stored) throw notFound(`Không tìm thấy bộ tiêu chuẩn “${code}”.`);
    const corrected = correct(structuredClone(stored.definition));
    if (corrected.code !== stored.definition.code) {
      throw new AppError('VALIDATION_ERROR', 'Không được đổi mã bộ tiêu chuẩn khi hiệu chỉnh.');
    }
    const now = deps.clock.now().toISOString();
    return repository.transaction(async (trx) => {
      // Rewrite in place only while nobody uses the version; the delete re-checks the lock, so a
      // plan that locked it meanwhile sends the correction to a new version instead.
      if (stored.lockedAt === null && (await repository.deleteUnlockedVersion(stored.id, trx))) {
        const rewritten = await repository.insertVersion(
          { ...corrected, version: stored.definition.version, changeNote },
          { now, trx },
        );
        return rewritten.id;
      }
      const next = { ...corrected, version: stored.definition.version + 1, changeNote };
      const inserted = await repository.insertVersion(next, { now, trx });
      return inserted.id;
    });
  }

  return { listFrameworks, getFramework, lockFramework, correctFramework };
}

/** The framework service. */
export type FrameworkService = ReturnType<typeof createFrameworkService>;
