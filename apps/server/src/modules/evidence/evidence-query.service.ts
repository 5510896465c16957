import { decideAssessment, isContentEditable } from '@caitien/core';
import type { Repositories } from '@caitien/db';
import type { EvidenceList, EvidenceMentions } from '@caitien/shared';
import type { ServiceContext } from '../../kernel/service-context.ts';
import { collectMentions } from './evidence-mentions.ts';
import { toEvidenceItem, type EvidenceReader } from './evidence-reader.ts';

/** Reading an assessment's evidence: the list (searchable), one evidence, the codes in the texts. */
export function createEvidenceQueries(deps: {
  repositories: Pick<Repositories, 'evidence'>;
  reader: EvidenceReader;
}) {
  const { repositories, reader } = deps;
  return {
    async listEvidence(
      ctx: ServiceContext,
      assessmentId: string,
      filter: { q?: string | undefined; criterionCode?: string | undefined },
    ): Promise<EvidenceList> {
      const access = await reader.load(ctx, assessmentId, 'read');
      const items = await repositories.evidence.listEvidence(access.id, filter);
      return {
        assessmentId: access.id,
        regime: access.regime,
        editable:
          isContentEditable(access.status) && decideAssessment(ctx.actor, 'edit', access).allowed,
        items: items.map(toEvidenceItem),
      };
    },

    async getEvidence(ctx: ServiceContext, assessmentId: string, evidenceId: string) {
      const access = await reader.load(ctx, assessmentId, 'read');
      return toEvidenceItem(await reader.evidenceOf(repositories, access.id, evidenceId));
    },

    /** The codes written in the texts, per criterion, linked to the evidence, with warnings. */
    async mentions(ctx: ServiceContext, assessmentId: string): Promise<EvidenceMentions> {
      const access = await reader.load(ctx, assessmentId, 'read');
      const [texts, evidence] = await Promise.all([
        repositories.evidence.listTexts(access.id),
        repositories.evidence.listEvidence(access.id),
      ]);
      return collectMentions(access.regime, texts, evidence);
    },
  };
}
