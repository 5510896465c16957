import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root,
  plugins: [react(), pureCorePackage],
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
