import { useQuery } from '@tanstack/react-query';
import { apiRequest, routeUrl, type RouteResponse } from '../../api/http-client.ts';

export type Rollup = RouteResponse<'getUnitRollup'>;
export type RollupChild = Rollup['children'][number];

/** Keys of the roll-up, per unit and school year. */
export const rollupKeys = {
  all: ['rollup'] as const,
  one: (unitId: string, schoolYear: string) => [...rollupKeys.all, unitId, schoolYear] as const,
};

export function useRollup(unitId: string, schoolYear: string) {
  return useQuery({
    queryKey: rollupKeys.one(unitId, schoolYear),
    queryFn: ({ signal }) =>
      apiRequest('getUnitRollup', { params: { unitId }, query: { schoolYear }, signal }),
  });
}

/** The address of the roll-up's workbook (the browser downloads it itself). */
export const rollupXlsxUrl = (unitId: string, schoolYear: string) =>
  routeUrl('exportUnitRollup', { params: { unitId }, query: { schoolYear } });
