import { planDetailSchema } from '@caitien/shared';
import {
  createDetailCache,
  type DetailCacheOptions,
  type SerializedDetail,
} from '../../kernel/detail-cache.ts';

/** A plan's answer as sent (the kernel's serialised detail). */
export type SerializedPlan = SerializedDetail;
export type PlanDetailCacheOptions = DetailCacheOptions;

/** Serialised plan details by (plan id, content sequence): the kernel's detail cache (issue 5). */
export function createPlanDetailCache(options: PlanDetailCacheOptions = {}) {
  return createDetailCache(planDetailSchema, options);
}

export type PlanDetailCache = ReturnType<typeof createPlanDetailCache>;
