import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** apps/web, wherever vite is started from (npm -w runs it here; tools may run it from the repo root). */
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

/** The Fastify server the dev server forwards API and system routes to (`npm run dev` at the root). */
const apiTarget = 'http://localhost:3000';

/**
 * @caitien/core is pure (no I/O, no import-time effects worth keeping), but its index also
 * re-exports the framework catalogue with its data files. Declaring its modules free of side
 * effects lets the bundler drop what the app does not import (the catalogue: ~400 kB).
 */
const pureCorePackage: Plugin = {
  name: 'caitien:pure-core',
  transform(_code, id) {
    if (/[\\/]packages[\\/]core[\\/]/.test(id)) return { moduleSideEffects: false };
    return null;
  },
};

/**
 * The installable app (issue 13: Việc của tôi on a phone, offline): a manifest in Vietnamese and a
 * service worker that keeps the app shell, so the app opens without a network; the API is never
 * served from the precache. A few GETs that Việc của tôi needs offline (the session, the task
 * list, a row's log) fall back to their last answer when the network is down. Updates made
 * offline wait in IndexedDB (features/my-tasks/offline-queue.ts), not in the service worker.
 */
const installableApp = VitePWA({
  registerType: 'autoUpdate',
  // Registered by src/pwa.ts with workbox-window (production builds only).
  injectRegister: false,
  includeAssets: ['icon.svg', 'apple-touch-icon.png'],
  manifest: {
    name: 'CaiTien — Cải tiến chất lượng giáo dục',
    short_name: 'CaiTien',
    description:
      'Kế hoạch cải tiến chất lượng giáo dục của nhà trường: việc của tôi, tiến độ, nhắc việc.',
    lang: 'vi',
    dir: 'ltr',
    start_url: '/viec-cua-toi',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#f4f6f9',
    theme_color: '#1d4f91',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2}'],
    // pdfjs (the PDF import's page view, issue 16) is loaded on demand and needs the server anyway.
    globIgnores: ['**/assets/pdf-*.js'],
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/api\//, /^\/docs/, /^\/healthz/, /^\/readyz/],
    cleanupOutdatedCaches: true,
    runtimeCaching: [
      {
        urlPattern: ({ url, request }) =>
          request.method === 'GET' &&
          (url.pathname === '/api/auth/me' ||
            url.pathname === '/api/me/tasks' ||
            /^\/api\/plans\/[^/]+\/rows\/[^/]+\/progress$/.test(url.pathname)),
        handler: 'NetworkFirst',
        options: {
          cacheName: 'caitien-api-offline',
          networkTimeoutSeconds: 8,
          expiration: { maxEntries: 200, maxAgeSeconds: 14 * 24 * 60 * 60 },
          cacheableResponse: { statuses: [200] },
        },
      },
    ],
  },
});

export default defineConfig({
  root,
  plugins: [react(), pureCorePackage, installableApp],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
      '/docs': apiTarget,
    },
  },
});
