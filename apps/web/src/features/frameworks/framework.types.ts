import type { RouteResponse } from '../../api/http-client.ts';

/*
 * Shapes of the framework screens, derived from the route table's response schemas — never
 * declared by hand (CONVENTIONS.md §5).
 */

/** A framework version in the catalogue, with its counts. */
export type FrameworkSummary = RouteResponse<'listFrameworks'>['items'][number];
/** One framework version, complete: standards → criteria → requirements by level. */
export type FrameworkDetail = RouteResponse<'getFramework'>;
export type FrameworkStandard = FrameworkDetail['standards'][number];
export type FrameworkCriterion = FrameworkStandard['criteria'][number];
export type CriterionLevel = FrameworkCriterion['levels'][number];
export type FrameworkIndicator = CriterionLevel['indicators'][number];
export type Level4Item = FrameworkDetail['level4Items'][number];
export type Regime = FrameworkSummary['regime'];
export type SchoolLevel = FrameworkSummary['schoolLevels'][number];
