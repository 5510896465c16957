import { rewriteEvidenceCodes } from '@caitien/core';
import type { AssessmentText, BoundRepositories } from '@caitien/db';
import type { EvidenceTextLocation } from '@caitien/shared';

/**
 * The assessment's texts with every citation of a renamed code rewritten (the core's
 * `rewriteEvidenceCodes`: only the codes change, line breaks, spacing and diacritics are kept),
 * and the texts that changed.
 */
export function rewriteTexts(
  texts: readonly AssessmentText[],
  renames: ReadonlyMap<string, string>,
): AssessmentText[] {
  if (renames.size === 0) return [];
  return texts.flatMap((t) => {
    const text = rewriteEvidenceCodes(t.text, renames);
    return text === t.text ? [] : [{ ...t, text }];
  });
}

/**
 * Rewrites, inside the caller's transaction, every text of the assessment citing a renamed code;
 * answers where. With `write: false` only answers (a dry run).
 */
export async function rewriteCitations(
  tx: Pick<BoundRepositories, 'evidence'>,
  assessmentId: string,
  renames: ReadonlyMap<string, string>,
  options: { now: string; write: boolean },
): Promise<EvidenceTextLocation[]> {
  if (renames.size === 0) return [];
  const changed = rewriteTexts(await tx.evidence.listTexts(assessmentId), renames);
  if (options.write) await tx.evidence.writeTexts(assessmentId, changed, options.now);
  return changed.map((t) => ({ kind: t.kind, key: t.key, field: t.field }));
}
