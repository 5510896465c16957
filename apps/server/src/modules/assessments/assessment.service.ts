import type { FrameworkRepository, Repositories } from '@caitien/db';
import { assessmentDetailSchema } from '@caitien/shared';
import type { Clock } from '../../clock.ts';
import type { IdGenerator } from '../../ids.ts';
import { createDetailCache, type DetailCache } from '../../kernel/detail-cache.ts';
import { createVersionedWriter } from '../../kernel/versioned-write.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { PlanService } from '../plans/plan.service.ts';
import type { UnitService } from '../units/unit.service.ts';
import { createAssessmentCreation } from './assessment-creation.service.ts';
import { createAssessmentEdit } from './assessment-edit.service.ts';
import { NO_EVIDENCE_MODULE, type AssessmentEvidenceHooks } from './assessment-hooks.ts';
import { createAssessmentLifecycle } from './assessment-lifecycle.service.ts';
import { createAssessmentPlanLink } from './assessment-plan-link.service.ts';
import { createAssessmentQueries } from './assessment-query.service.ts';
import { createAssessmentReader } from './assessment-reader.ts';

/** The cache of serialised assessments (the kernel's detail cache over the detail schema). */
export const createAssessmentDetailCache = (): DetailCache =>
  createDetailCache(assessmentDetailSchema) as unknown as DetailCache;

/**
 * The self-assessment, as the routes see it: one object over its use cases, each built from only
 * what it uses — queries, creation (new, from last year, import), editing, lifecycle, the plan link.
 * `evidence` is the evidence module's side (assessment-hooks.ts); the coordinator wires it.
 */
export function createAssessmentService(deps: {
  repositories: Repositories;
  frameworkRepository: FrameworkRepository;
  unitService: UnitService;
  planService: PlanService;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditWriter;
  evidence?: AssessmentEvidenceHooks;
  detailCache?: DetailCache;
}) {
  const { repositories, frameworkRepository, unitService, planService, clock, ids, audit } = deps;
  const evidence = deps.evidence ?? NO_EVIDENCE_MODULE;
  const reader = createAssessmentReader({ repositories, frameworkRepository, evidence, clock });
  const write = createVersionedWriter({ repositories, audit });
  const planLink = createAssessmentPlanLink({ repositories, reader, planService });
  return {
    ...createAssessmentQueries({
      repositories,
      unitService,
      reader,
      evidence,
      detailCache: deps.detailCache ?? createAssessmentDetailCache(),
      clock,
    }),
    ...createAssessmentCreation({
      repositories,
      frameworkRepository,
      unitService,
      reader,
      write,
      evidence,
      clock,
      ids,
    }),
    ...createAssessmentEdit({ repositories, reader, write, evidence, clock }),
    ...createAssessmentLifecycle({ repositories, reader, write, evidence, clock, ids }),
    proposePlanRows: planLink.proposePlanRows,
    planBasis: planLink.planBasis,
    applyPlanBasis: planLink.applyPlanBasis,
    approvedAssessmentForPlan: planLink.approvedAssessmentForPlan,
    weakCriteriaForPlan: planLink.weakCriteriaForPlan,
    publicAssessmentSummary: planLink.publicAssessmentSummary,
  };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
