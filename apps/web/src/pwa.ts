import { Workbox } from 'workbox-window';

/** The cache the service worker keeps the last answers of a few GETs in (vite.config.ts). */
export const OFFLINE_API_CACHE = 'caitien-api-offline';

/**
 * Registers the service worker of the installable app (production builds; the dev server has
 * none). A new version takes over at once (`autoUpdate`): the app shell is static, nothing typed
 * lives in the service worker, and waiting updates are kept in IndexedDB.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.register().catch(() => {
    // No service worker (private mode, an old browser): the app works online as before.
  });
}

/** Forgets the answers kept for offline use (at sign-out: the next user must not see them). */
export function clearOfflineApiCache(): void {
  if (typeof caches === 'undefined') return;
  void caches.delete(OFFLINE_API_CACHE).catch(() => undefined);
}
