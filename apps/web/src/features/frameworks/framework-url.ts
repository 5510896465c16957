import { useMemo } from 'react';
import { toSearchString, useLocationSearch } from '../../ui/use-location-search.ts';

/** The value of `criterion` that opens the Mức 4 list instead of a criterion. */
export const LEVEL4_SECTION = 'muc-4';

/** What the framework screen shows, as kept in the query string. */
export interface FrameworkLocation {
  /** A framework code ("TT17": its current version) or a version id ("TT17@1"); null on the catalogue. */
  framework: string | null;
  /** A criterion code ("1.1"), {@link LEVEL4_SECTION}, or null. */
  criterion: string | null;
  /** The search text, as typed. */
  q: string;
}

/** Reads the screen's state from a query string. */
export function parseFrameworkLocation(search: string): FrameworkLocation {
  const params = new URLSearchParams(search);
  const trimmed = (name: string) => params.get(name)?.trim() || null;
  return {
    framework: trimmed('framework'),
    criterion: trimmed('criterion'),
    q: params.get('q') ?? '',
  };
}

/** The link to a state of the screen (`?framework=TT17&criterion=1.1&q=…`). */
export function frameworkHref(location: Partial<FrameworkLocation>): string {
  return toSearchString({
    framework: location.framework,
    criterion: location.framework ? location.criterion : null,
    q: location.framework ? (location.q?.trim() ? location.q : null) : null,
  });
}

/** The screen's state, following in-app navigation and the back/forward buttons. */
export function useFrameworkLocation(): FrameworkLocation {
  const search = useLocationSearch();
  return useMemo(() => parseFrameworkLocation(search), [search]);
}
