import { planRenumbering, renumberingRenames } from '@caitien/core';
import type { Repositories } from '@caitien/db';
import type { EvidenceRenumbering } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import type { ServiceContext } from '../../kernel/service-context.ts';
import type { VersionedWriter } from '../../kernel/versioned-write.ts';
import { rewriteCitations } from './evidence-code-rewrite.ts';
import type { EvidenceReader } from './evidence-reader.ts';

/**
 * Renumbering (issue 12: "renumbering updates every citation in every text"): the codes recomputed
 * by the core's `planRenumbering` — each evidence under the first of its citing criteria in the
 * framework's order, 01, 02… in the list's current order, so gaps close and nothing else moves —
 * and, in the same transaction, every citation of a changed code rewritten in every text of the
 * assessment (criteria, standards, Mức 4 items, report). A dry run answers the same without writing.
 */
export function createEvidenceRenumbering(deps: {
  repositories: Pick<Repositories, 'evidence'>;
  reader: EvidenceReader;
  write: VersionedWriter;
  clock: Clock;
}) {
  const { reader, write, clock } = deps;
  return {
    async renumberEvidence(
      ctx: ServiceContext,
      assessmentId: string,
      options: { dryRun: boolean },
    ): Promise<EvidenceRenumbering> {
      const access = await reader.loadForEdit(ctx, assessmentId);
      const now = clock.now().toISOString();
      return write(ctx, async (tx, record) => {
        await reader.lockForEdit(tx, ctx, access);
        const evidence = await tx.evidence.listEvidence(access.id);
        const order = (await tx.evidence.listCriteria(access.id)).map((c) => c.criterionCode);
        const planned = planRenumbering(access.regime, evidence, order);
        const changed = planned.filter((p) => p.changed);
        const renames = renumberingRenames(planned);
        const rewrittenTexts = await rewriteCitations(tx, access.id, renames, {
          now,
          write: !options.dryRun,
        });
        const changes = changed.map((p) => ({
          evidenceId: p.id,
          oldCode: p.previousCode,
          newCode: p.code,
        }));
        if (!options.dryRun && changed.length > 0) {
          await tx.evidence.setCodes(
            access.id,
            changed.map((p) => ({
              id: p.id,
              code: p.code,
              box: p.box,
              primaryCriterionCode: p.primaryCriterionCode,
              sequence: p.sequence,
            })),
            now,
          );
          await record({
            action: 'assessment.evidence.renumber',
            entityType: 'assessment',
            entityId: access.id,
            unit: { id: access.schoolId, path: access.schoolPath },
            summary: `Đánh lại mã ${changed.length} minh chứng, sửa trích dẫn trong ${rewrittenTexts.length} đoạn văn`,
            after: { changes: changes.map((c) => `${c.oldCode} → ${c.newCode}`) },
          });
        }
        return { applied: !options.dryRun, changes, rewrittenTexts };
      });
    },
  };
}
