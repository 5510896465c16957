import type {
  myTaskSchema,
  myTasksSchema,
  planDashboardSchema,
  planProgressSchema,
  progressEntrySchema,
  rowProgressDetailSchema,
  statusCountsSchema,
  yearClosureSchema,
} from '@caitien/shared';
import type { z } from 'zod';

/** The monitoring answers' types (the API contract in packages/shared/src/monitoring.schemas.ts). */
export type PlanProgress = z.infer<typeof planProgressSchema>;
export type RowProgressDetail = z.infer<typeof rowProgressDetailSchema>;
export type ProgressEntry = z.infer<typeof progressEntrySchema>;
export type StatusCounts = z.infer<typeof statusCountsSchema>;
export type YearClosure = z.infer<typeof yearClosureSchema>;
export type PlanDashboard = z.infer<typeof planDashboardSchema>;
export type MyTask = z.infer<typeof myTaskSchema>;
export type MyTasks = z.infer<typeof myTasksSchema>;
