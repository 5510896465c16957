import type { FrameworkRepository, Repositories } from '@caitien/db';
import type { Clock } from '../../clock.ts';
import type { IdGenerator } from '../../ids.ts';
import { createVersionedWriter } from '../../kernel/versioned-write.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import type { UnitService } from '../units/unit.service.ts';
import { createPlanAnnex } from './plan-annex.service.ts';
import { createPlanCarryOver } from './plan-carry-over.service.ts';
import { createPlanCreation, type ApprovedAssessmentForPlan } from './plan-creation.service.ts';
import { createPlanDetailCache, type PlanDetailCache } from './plan-detail-cache.ts';
import { createPlanLifecycle } from './plan-lifecycle.service.ts';
import { createPlanQueries, type WeakCriteriaForPlan } from './plan-query.service.ts';
import { createPlanReader } from './plan-reader.ts';
import { createPlanRowEdit } from './plan-row-edit.service.ts';

export { sealPlan, planSealContent } from './plan-seal.ts';

/**
 * The improvement plan, as the routes see it: one object over the plan's use cases, each built from
 * only what it uses (ARCHITECTURE.md "Plans"): queries, creation (new, import), carry-over, row
 * editing, focus issues and review rounds, lifecycle (header, submit, approve, verify, revise).
 */
export function createPlanService(deps: {
  repositories: Repositories;
  frameworkRepository: FrameworkRepository;
  unitService: UnitService;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditWriter;
  /** Serialised plans by content sequence (one per service by default). */
  detailCache?: PlanDetailCache;
  /** The self-assessment's weak criteria for the plan's checks (see plan-query.service.ts). */
  weakCriteriaForPlan?: WeakCriteriaForPlan;
  /** The approved self-assessment a new plan's Căn cứ cites (see plan-creation.service.ts). */
  approvedAssessmentForPlan?: ApprovedAssessmentForPlan;
}) {
  const { repositories, frameworkRepository, unitService, clock, ids, audit } = deps;
  const reader = createPlanReader({ repositories });
  const write = createVersionedWriter({ repositories, audit });
  const creation = createPlanCreation({
    repositories,
    frameworkRepository,
    unitService,
    reader,
    write,
    clock,
    ids,
    approvedAssessmentForPlan: deps.approvedAssessmentForPlan,
  });
  const { createPlan, importPlan } = creation;
  return {
    ...createPlanQueries({
      repositories,
      frameworkRepository,
      unitService,
      reader,
      detailCache: deps.detailCache ?? createPlanDetailCache(),
      clock,
      weakCriteriaForPlan: deps.weakCriteriaForPlan,
    }),
    createPlan,
    importPlan,
    ...createPlanCarryOver({ repositories, reader, creation, ids }),
    ...createPlanRowEdit({ repositories, reader, write, clock, ids }),
    ...createPlanAnnex({ repositories, reader, write, ids }),
    ...createPlanLifecycle({ repositories, reader, write, clock, ids }),
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
