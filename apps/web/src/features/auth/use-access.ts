import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { apiRequest } from '../../api/http-client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { useUnit } from '../units/units.queries.ts';
import { createAccess, type Access, type Unit } from './access.ts';
import { useSession } from './session.ts';

/**
 * The signed-in user's rights (null until the session and the units it needs are loaded). The
 * policy needs the path of every unit it is asked about: the units of the user's roles are
 * loaded one by one (a handful); pass `unitId` (the school or office a screen is about) to load
 * that one too. No list of the whole tree is ever needed.
 */
export function useAccess(unitId?: string | null): {
  access: Access | null;
  /** The unit `unitId` (with its ancestors); an error (404) when the user may not see it. */
  unit: ReturnType<typeof useUnit>;
} {
  const session = useSession();
  const user = session.data?.user;
  const roleUnitIds = [
    ...new Set(
      user && !user.mustChangePassword
        ? user.roles.flatMap((role) => (role.unitId ? [role.unitId] : []))
        : [],
    ),
  ];
  const roleUnits = useQueries({
    queries: roleUnitIds.map((id) => ({
      queryKey: queryKeys.units.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiRequest('getUnit', { signal, params: { unitId: id } }),
      retry: false,
    })),
  });
  const unit = useUnit(unitId);
  const ready = roleUnits.every((q) => !q.isPending) && (!unitId || !unit.isPending);
  const known: Unit[] = roleUnits.flatMap((q) => (q.data ? [q.data] : []));
  if (unit.data) known.push(unit.data);
  const knownKey = known.map((u) => `${u.id}@${u.version}:${u.ancestors.length}`).join(',');
  const access = useMemo(
    () => (user && ready ? createAccess(user, known) : null),
    // `known` is rebuilt each render; its key says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [user, ready, knownKey],
  );
  return { access, unit };
}
