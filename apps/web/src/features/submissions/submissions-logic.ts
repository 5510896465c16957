import {
  formatSchoolYear,
  RECIPIENT_STATES,
  SCHOOL_LEVELS,
  schoolYearStartOf,
  SUBMISSION_KINDS,
  type RecipientState,
  type SchoolLevel,
  type SubmissionKind,
} from '@caitien/core';
import type { BadgeTone } from '../../ui/badge.tsx';

/** The first characters of a SHA-256, enough to tell two sends apart on screen. */
export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

/** How a recipient's state looks: unread stands out, accepted is done. */
export function stateTone(state: RecipientState): BadgeTone {
  switch (state) {
    case 'unread':
      return 'warning';
    case 'read':
      return 'info';
    case 'commented':
      return 'accent';
    case 'accepted':
      return 'success';
  }
}

/** The inbox's filters as the URL keeps them (`/hop-van-ban?trang-thai=unread&nam-hoc=…`). */
export interface InboxFilters {
  unitId: string | null;
  communeId: string | null;
  schoolLevel: SchoolLevel | null;
  schoolYear: string | null;
  state: RecipientState | null;
  kind: SubmissionKind | null;
  latestOnly: boolean;
  page: number;
}

/** The query-string names of the filters (Vietnamese, like the app's other addresses). */
const PARAMS = {
  unitId: 'don-vi',
  communeId: 'xa',
  schoolLevel: 'cap-hoc',
  schoolYear: 'nam-hoc',
  state: 'trang-thai',
  kind: 'loai',
  latestOnly: 'moi-nhat',
  page: 'trang',
} as const;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads the filters from the query string; unknown values are ignored rather than sent. */
export function parseInboxFilters(search: string): InboxFilters {
  const params = new URLSearchParams(search);
  const year = params.get(PARAMS.schoolYear);
  const page = Number(params.get(PARAMS.page));
  return {
    unitId: params.get(PARAMS.unitId) || null,
    communeId: params.get(PARAMS.communeId) || null,
    schoolLevel: oneOf(SCHOOL_LEVELS, params.get(PARAMS.schoolLevel)),
    schoolYear: year && /^\d{4}-\d{4}$/.test(year) ? year : null,
    state: oneOf(RECIPIENT_STATES, params.get(PARAMS.state)),
    kind: oneOf(SUBMISSION_KINDS, params.get(PARAMS.kind)),
    latestOnly: params.get(PARAMS.latestOnly) === '1',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/**
 * The query string of the filters, keeping the other parameters of `search` (the open document
 * `van-ban`, the section `muc`). Changing a filter goes back to page 1 unless `page` is given.
 */
export function inboxSearch(search: string, filters: InboxFilters): string {
  const params = new URLSearchParams(search);
  const set = (key: string, value: string | null) => {
    if (value) params.set(key, value);
    else params.delete(key);
  };
  set(PARAMS.unitId, filters.unitId);
  set(PARAMS.communeId, filters.communeId);
  set(PARAMS.schoolLevel, filters.schoolLevel);
  set(PARAMS.schoolYear, filters.schoolYear);
  set(PARAMS.state, filters.state);
  set(PARAMS.kind, filters.kind);
  set(PARAMS.latestOnly, filters.latestOnly ? '1' : null);
  set(PARAMS.page, filters.page > 1 ? String(filters.page) : null);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API query of the filters. */
export function inboxQuery(filters: InboxFilters, pageSize: number) {
  return {
    unitId: filters.unitId ?? undefined,
    communeId: filters.communeId ?? undefined,
    schoolLevel: filters.schoolLevel ?? undefined,
    schoolYear: filters.schoolYear ?? undefined,
    state: filters.state ?? undefined,
    kind: filters.kind ?? undefined,
    latestOnly: filters.latestOnly ? ('true' as const) : undefined,
    page: filters.page,
    pageSize,
  };
}

/** True when some filter narrows the list (the empty message then says so). */
export function hasFilters(filters: InboxFilters): boolean {
  return Boolean(
    filters.unitId ||
    filters.communeId ||
    filters.schoolLevel ||
    filters.schoolYear ||
    filters.state ||
    filters.kind ||
    filters.latestOnly,
  );
}

/** Number of pages for `total` items (at least one). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The school years to offer: the current one, the two before and the next, plus any seen in the
 * data, newest first.
 */
export function schoolYearChoices(today: Date, seen: readonly string[] = []): string[] {
  const start = schoolYearStartOf(today);
  const years = new Set<string>(
    [start + 1, start, start - 1, start - 2].map((y) => formatSchoolYear(y)),
  );
  for (const year of seen) if (/^\d{4}-\d{4}$/.test(year)) years.add(year);
  return [...years].sort().reverse();
}
