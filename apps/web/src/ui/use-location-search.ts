import { useCallback, useSyncExternalStore, type MouseEvent } from 'react';

/**
 * The app keeps its navigation state in the query string (?framework=TT17&criterion=1.1) so that
 * links can be shared and the browser's back button works. No router is needed for that.
 */

const LOCATION_CHANGE = 'caitien:locationchange';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(LOCATION_CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(LOCATION_CHANGE, onChange);
  };
}

function getSearch(): string {
  return window.location.search;
}

/** Builds "?a=1&b=2" (or the bare path when empty) from a record, leaving out empty values. */
export function toSearchString(values: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value) params.set(key, value);
  }
  const text = params.toString();
  if (text) return `?${text}`;
  return typeof window === 'undefined' ? '/' : window.location.pathname;
}

/**
 * Moves to another URL of this page. `replace` is for changes that should not add a history entry
 * (typing in the search box); everything the user would want "back" for pushes.
 */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const url = new URL(href, window.location.href);
  if (url.href === window.location.href) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(LOCATION_CHANGE));
}

function getPathname(): string {
  return window.location.pathname;
}

/** The current path ("/truong/abc/ho-so"), re-rendering on in-app navigation and back/forward. */
export function useLocationPath(): string {
  return useSyncExternalStore(subscribe, getPathname, getPathname);
}

/** The current path and query string, to come back to after signing in. */
export function currentHref(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** The current query string ("?a=1"), re-rendering on in-app navigation and back/forward. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, getSearch, getSearch);
}

/** A click handler for same-page links: plain clicks navigate in place, modified clicks open normally. */
export function useLinkClick(onNavigate?: () => void) {
  return useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(event.currentTarget.href);
      onNavigate?.();
    },
    [onNavigate],
  );
}
