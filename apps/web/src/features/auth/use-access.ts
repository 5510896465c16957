import { useMemo } from 'react';
import { useUnits } from '../units/units.queries.ts';
import { createAccess, type Access } from './access.ts';
import { useSession } from './session.ts';

/** The signed-in user's rights (null until the session and the visible units are loaded). */
export function useAccess(): { access: Access | null; units: ReturnType<typeof useUnits> } {
  const session = useSession();
  const units = useUnits();
  const user = session.data?.user;
  const access = useMemo(
    () => (user && units.data ? createAccess(user, units.data) : null),
    [user, units.data],
  );
  return { access, units };
}
